"""The ``clearsight`` command line."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from clearsight import __version__, config
from clearsight.returns.problems import UnreadableFile

app = typer.Typer(help="Clearsight: a clear sight of how well children's services help children.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console()
err = Console(stderr=True)

DEFAULT_YEARS = "2023-24..2025-26"


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def parse_years(spec: str) -> list[str]:
    """``2023-24..2025-26`` or ``2023-24,2024-25`` → the list of collection years."""
    from clearsight.returns.spec import year_ending

    if ".." in spec:
        first, last = spec.split("..", 1)
        a, b = year_ending(first.strip()), year_ending(last.strip())
        if b < a:
            raise typer.BadParameter(f"{spec}: the last year comes before the first")
        return [f"{y - 1}-{y % 100:02d}" for y in range(a, b + 1)]
    years = [s.strip() for s in spec.split(",") if s.strip()]
    for y in years:
        year_ending(y)
    return years


def _fail(exc: UnreadableFile) -> None:
    err.print("[bold red]Could not read the input; nothing was loaded.[/]")
    for p in exc.problems:
        err.print(f"  [red]✗[/] {p.describe()}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


@app.command()
def doctor() -> None:
    """Print versions, the data directory and the databases in use."""
    import duckdb
    import lxml.etree
    import pyarrow

    rows = [
        ("clearsight", __version__),
        ("python", platform.python_version()),
        ("duckdb", duckdb.__version__),
        ("pyarrow", pyarrow.__version__),
        ("lxml", ".".join(map(str, lxml.etree.LXML_VERSION))),
        ("data directory (CLEARSIGHT_DATA_DIR)", str(config.data_dir())),
        ("warehouse", f"{config.warehouse_path()} ({'exists' if config.warehouse_path().exists() else 'not created yet'})"),
        ("app database (DATABASE_URL)", _redact(config.database_url())),
    ]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        console.print(f"{k:<{width}}  {v}", highlight=False, soft_wrap=True)


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url


@app.command()
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
    with _progress() as prog:
        task = prog.add_task("simulating", total=None)

        def report(stage: str, done: int, total: int) -> None:
            prog.update(task, description=stage, completed=done, total=total or None)

        summary = run_synth(out, children=children, years=parse_years(years), seed=seed, faults=faults, la=la,
                            progress=report)
    console.print(f"Synthetic council written to [bold]{out}[/]")
    if summary:
        console.print_json(json.dumps(summary, default=str))


@app.command()
def load(
    path: Annotated[Path, typer.Argument(help="A folder of CSVs or an XML file")],
    return_code: Annotated[str, typer.Option("--return", help="ssda903, cin or cms")],
    year: Annotated[str, typer.Option(help="Collection year, e.g. 2024-25")],
) -> None:
    """Load one return's files for one year as a new, atomic version (the same files again are a no-op)."""
    from clearsight.warehouse.load import load_return

    if return_code not in ("ssda903", "cin", "cms"):
        err.print(f"[red]--return must be ssda903, cin or cms, not {return_code!r}[/]")
        raise typer.Exit(2)
    try:
        with _progress() as prog:
            task = prog.add_task(f"loading {path.name}", total=None)
            result = load_return(path, return_code, year,
                                 progress=lambda s, d, t: prog.update(task, description=s, completed=d, total=t or None))
    except UnreadableFile as exc:
        _fail(exc)
    except ValueError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    verb = "Loaded" if result.created else "Already loaded (same files)"
    console.print(f"{verb}: load {result.load_id}, {return_code} {year}, "
                  f"{sum(result.rows.values()):,} rows, {result.findings:,} findings")
    for name, n in result.rows.items():
        console.print(f"  {name:<24} {n:>10,}")
    ignored = result.meta.get("ignored_files")
    if ignored:
        console.print(f"  [yellow]not read (not .csv):[/] {', '.join(ignored)}")


@app.command()
def loads(fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table") -> None:
    """List every load with its files' hashes and row counts."""
    from clearsight.warehouse.load import list_loads

    items = list_loads()
    if fmt == "json":
        payload = {"loads": [{"id": r.load_id, "return": r.return_code, "year": r.year, "files": r.files,
                              "rows": r.rows, "loaded_at": r.loaded_at} for r in items]}
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    table = Table(title="Loads")
    for col in ("id", "return", "year", "files", "rows", "findings", "loaded at"):
        table.add_column(col)
    for r in items:
        table.add_row(str(r.load_id), r.return_code, r.year, str(len(r.files)), f"{sum(r.rows.values()):,}",
                      f"{r.findings:,}", r.loaded_at)
    console.print(table)


@app.command()
def demo(
    children: Annotated[int, typer.Option(help="Children known to social care in a year")] = 20000,
    seed: Annotated[int, typer.Option()] = 1,
) -> None:
    """Synthesise a county for three years, load it into the data directory, and summarise it."""
    from clearsight.demo import run_demo

    run_demo(children=children, seed=seed, console=console, progress=_progress)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted; nothing half-loaded is kept")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
