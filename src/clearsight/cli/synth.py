"""``clearsight synth``: a synthetic council's returns and case-management extract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from clearsight.cli.common import DEFAULT_YEARS, console, parse_years, progress


def synth(
    out: Annotated[Path, typer.Option(help="Folder to write the synthetic council into")],
    children: Annotated[int, typer.Option(help="Children known to social care in a year")] = 20000,
    years: Annotated[str, typer.Option(help="Collection years, e.g. 2023-24..2025-26")] = DEFAULT_YEARS,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same bytes")] = 1,
    faults: Annotated[float, typer.Option(help="Share of children given one rule fault each (0-1)")] = 0.0,
    la: Annotated[str, typer.Option(help="The council's ONS code")] = "E10000016",
) -> None:
    """Write a synthetic council's returns and case-management extract (no real data)."""
    from clearsight.synth import run_synth

    if not 0 <= faults <= 1:
        raise typer.BadParameter("--faults is a share between 0 and 1")
    with progress() as prog:
        task = prog.add_task("simulating", total=None)

        def report(stage: str, done: int, total: int) -> None:
            prog.update(task, description=stage, completed=done, total=total or None)

        summary = run_synth(out, children=children, years=parse_years(years), seed=seed, faults=faults, la=la,
                            progress=report)
    console.print(f"Synthetic council written to [bold]{out}[/]")
    if summary:
        console.print_json(json.dumps(summary, default=str))
