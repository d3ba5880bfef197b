"""``clearsight load`` and ``clearsight loads``: loading a return's files, and the list of loads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clearsight.cli.common import bad_input, console, progress, stop
from clearsight.reports.output import Column, Report, Table, write
from clearsight.returns import registry


def one_of(codes: tuple[str, ...]) -> str:
    """``"ssda903, cin, cms or csww"``."""
    return ", ".join(codes[:-1]) + " or " + codes[-1] if len(codes) > 1 else "".join(codes)


def load(
    path: Annotated[Path, typer.Argument(help="A folder of CSVs or an XML file")],
    return_code: Annotated[str, typer.Option("--return", help=one_of(registry.codes()))],
    year: Annotated[str, typer.Option(help="Collection year, e.g. 2024-25")],
) -> None:
    """Load one return's files for one year as a new, atomic version (the same files again are a no-op)."""
    from clearsight.warehouse.load import load_return

    if return_code not in registry.codes():
        stop(f"--return must be {one_of(registry.codes())}, not {return_code!r}")
    with bad_input(ValueError, unreadable=True), progress() as prog:
        task = prog.add_task(f"loading {path.name}", total=None)
        result = load_return(path, return_code, year,
                             progress=lambda s, d, t: prog.update(task, description=s, completed=d, total=t or None))
    verb = "Loaded" if result.created else "Already loaded (same files)"
    console.print(f"{verb}: load {result.load_id}, {return_code} {year}, "
                  f"{sum(result.rows.values()):,} rows, {result.findings:,} findings")
    for name, n in result.rows.items():
        console.print(f"  {name:<24} {n:>10,}")
    ignored = result.meta.get("ignored_files")
    if ignored:
        console.print(f"  [yellow]not read (not .csv):[/] {', '.join(ignored)}")


def loads(fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table") -> None:
    """List every load with its files' hashes and row counts."""
    from clearsight.warehouse.load import list_loads

    items = list_loads()
    payload = {"loads": [{"id": r.load_id, "return": r.return_code, "year": r.year, "files": r.files,
                          "rows": r.rows, "loaded_at": r.loaded_at} for r in items]}
    table = Table([Column(c) for c in ("id", "return", "year", "files", "rows", "findings", "loaded at")],
                  [[str(r.load_id), r.return_code, r.year, str(len(r.files)), f"{sum(r.rows.values()):,}",
                    f"{r.findings:,}", r.loaded_at] for r in items], title="Loads")
    write(Report(screen=[table], payload=payload, json_indent=2), fmt, console=console)
