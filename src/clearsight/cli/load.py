"""``clearsight load`` and ``clearsight loads``: loading a return's files through the publish gate, and the list
of loads with their status."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from clearsight.cli.common import bad_input, console, err, progress, stop
from clearsight.reports.output import Column, Line, Report, Table, write
from clearsight.returns import registry

WAIT_HELP = "Seconds to wait for another load (or publish) to finish before giving up with exit code 2"


def one_of(codes: tuple[str, ...]) -> str:
    """``"ssda903, cin, cms or csww"``."""
    return ", ".join(codes[:-1]) + " or " + codes[-1] if len(codes) > 1 else "".join(codes)


def say_waiting(holder: dict) -> None:
    """Tell the person why nothing is happening yet: ``waiting for load 7`` (or ``for another load``)."""
    from clearsight.warehouse.publish import describe_holder

    err.print(f"waiting for {describe_holder(holder)}", markup=False, highlight=False)


@contextmanager
def waiting(wait: float, what: str) -> Iterator[None]:
    """Turn a writer that waited too long into exit code 2 with a clear message."""
    from clearsight.warehouse.publish import LockTimeout, describe_holder

    try:
        yield
    except LockTimeout as exc:
        stop(f"gave up after waiting {wait:g} s for {describe_holder(exc.holder)} to finish; {what}. "
             "Try again when it has finished, or wait longer with --wait SECONDS.")


def line(text: str) -> Line:
    """A line printed exactly as given (no markup, no wrapping)."""
    return Line(escape(text), highlight=False, soft_wrap=True)


def preview_screen(preview) -> list[Table | Line]:
    """What publishing a held load would change: findings, rows, children at each stage, headline measures."""
    from clearsight.pipeline import shown

    if preview is None:
        return []
    f = preview.findings
    what = "children" if preview.by_child else "records"
    out: list[Table | Line] = [
        line(f"What publishing load {preview.load_id} would change ({preview.return_code} {preview.year}"
             + (f", replacing load {preview.replaces}" if preview.replaces else "") + "):"),
        line(f"  findings: {sum(f.values()):,} ({f.get('schema', 0):,} schema, {f.get('values', 0):,} values, "
             f"{f.get('rule', 0):,} DfE rules), on {preview.records_with_findings:,} of its {preview.records:,} {what}"),
        line(f"  rows: {preview.rows_after:,}" + (f" (load {preview.replaces} had {preview.rows_before:,})"
                                                   if preview.rows_before is not None else "")),
    ]
    if preview.stages:
        out.append(Table([Column("stage"), Column("before", justify="right"), Column("after", justify="right")],
                         [[s.stage, f"{s.before:,}", f"{s.after:,}"] for s in preview.stages],
                         title=f"Children at each stage, {preview.year}"))
    if preview.measures:
        out.append(Table([Column("measure"), Column("before", justify="right"), Column("after", justify="right"),
                          Column("interval", justify="right"), Column("")],
                         [[f"{m.id} {m.name}", shown(m.before, m.unit), shown(m.after, m.unit),
                           f"{shown(m.lower, m.unit)} to {shown(m.upper, m.unit)}" if m.lower is not None else "",
                           "outside" if m.outside else ""] for m in preview.measures],
                         title=f"Headline measures, {preview.year}"))
    return out


def load(
    path: Annotated[Path, typer.Argument(help="A folder of CSVs or an XML file")],
    return_code: Annotated[str, typer.Option("--return", help=one_of(registry.codes()))],
    year: Annotated[str, typer.Option(help="Collection year, e.g. 2024-25")],
    publish_now: Annotated[bool, typer.Option("--publish", help="Publish at once, whatever the publish gate says "
                                                                 "(the decision is logged)")] = False,
    wait: Annotated[float, typer.Option("--wait", help=WAIT_HELP)] = 600,
) -> None:
    """Load one return's files for one year as a new, atomic version (the same files again are a no-op), then
    publish it, or hold it for review when the publish gate finds it doubtful."""
    from clearsight import pipeline

    if return_code not in registry.codes():
        stop(f"--return must be {one_of(registry.codes())}, not {return_code!r}")
    with bad_input(ValueError, unreadable=True), waiting(wait, "nothing was loaded"), progress() as prog:
        task = prog.add_task(f"loading {path.name}", total=None)
        outcome = pipeline.load(path, return_code, year, publish_anyway=publish_now, wait=wait, on_wait=say_waiting,
                                progress=lambda s, d, t: prog.update(task, description=s, completed=d, total=t or None))
    result = outcome.load
    screen: list[Table | Line] = []
    if outcome.held:
        screen.append(line(outcome.held_message()))
    verb = "Loaded" if result.created else "Already loaded (same files)"
    status = {"published": "published", "held": "held for review", "discarded": "discarded"}[outcome.status]
    screen.append(line(f"{verb}: load {result.load_id}, {return_code} {year}, {sum(result.rows.values()):,} rows, "
                       f"{result.findings:,} findings; {status}"))
    if outcome.forced:
        screen.append(line(f"published at once (--publish); the publish gate would have held it: {outcome.reason}"))
    screen.append(Table([Column("table"), Column("rows", justify="right")],
                        [[name, f"{n:,}"] for name, n in result.rows.items()]))
    ignored = result.meta.get("ignored_files")
    if ignored:
        screen.append(Line(f"  [yellow]not read (not .csv):[/] {escape(', '.join(ignored))}"))
    if outcome.held:
        screen += preview_screen(outcome.preview)
    write(Report(screen=screen), "table", console=console)


def shown_time(stamp: str) -> str:
    """An ISO time stamp in UTC as the terminal shows it: ``2026-12-04 19:58:07`` (date and time wrap apart)."""
    from datetime import UTC, datetime

    try:
        return datetime.fromisoformat(stamp).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return str(stamp)


def loads(fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table") -> None:
    """List every load with its status (published, held or discarded), files, rows and findings."""
    from clearsight.warehouse.load import list_loads

    with bad_input(FileNotFoundError):
        items = list_loads()
    payload = {"loads": [{"id": r.load_id, "return": r.return_code, "year": r.year, "status": r.status,
                          "files": r.files, "rows": r.rows, "findings": r.findings, "loaded_at": r.loaded_at}
                         for r in items]}
    table = Table([Column("id", wrap=False), Column("return", wrap=False), Column("year", wrap=False),
                   Column("status", wrap=False), Column("files", justify="right", drop=1),
                   Column("rows", justify="right", wrap=False), Column("findings", justify="right", wrap=False),
                   Column("loaded at", "loaded at (UTC)")],
                  [[str(r.load_id), r.return_code, r.year, r.status, str(len(r.files)), f"{sum(r.rows.values()):,}",
                    f"{r.findings:,}", shown_time(r.loaded_at)] for r in items], title="Loads")
    write(Report(screen=[table], payload=payload, json_indent=2), fmt, console=console)
