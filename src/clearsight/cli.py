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
    return_code: Annotated[str, typer.Option("--return", help="ssda903, cin, cms or csww")],
    year: Annotated[str, typer.Option(help="Collection year, e.g. 2024-25")],
) -> None:
    """Load one return's files for one year as a new, atomic version (the same files again are a no-op)."""
    from clearsight.warehouse.load import load_return

    if return_code not in ("ssda903", "cin", "cms", "csww"):
        err.print(f"[red]--return must be ssda903, cin, cms or csww, not {return_code!r}[/]")
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
    serve_site: Annotated[bool, typer.Option("--serve/--no-serve", help="End by serving the demo council")] = True,
    host: Annotated[str, typer.Option(help="Address to serve on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on")] = 8000,
) -> None:
    """Synthesise a county for three years, load it, summarise it, and serve it with a one-time demo login."""
    from clearsight.demo import run_demo

    run_demo(children=children, seed=seed, console=console, progress=_progress)
    if serve_site:
        from clearsight.web.commands import demo_login

        username, password = demo_login()
        console.print(f"\nSign in as [bold]{username}[/] with the one-time password [bold]{password}[/] "
                      "(synthetic data only; `clearsight createuser` makes real accounts).", highlight=False)
        _serve(host, port)


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option(help="Address to serve on (keep 127.0.0.1 unless behind a proxy)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Serve the web app on the embedded default (SQLite and the DuckDB warehouse in the data directory)."""
    _serve(host, port)


def _serve(host: str, port: int) -> None:
    from clearsight.web.commands import serve

    try:
        serve(host, port)
    except OSError as exc:
        err.print(f"[red]Cannot serve on {host}:{port}: {exc.strerror or exc}. Is something else using the port? "
                  "Try --port.[/]")
        raise typer.Exit(2) from None


@app.command("createuser")
def createuser_cmd(
    username: Annotated[str, typer.Argument(help="The new user's sign-in name")],
    role: Annotated[str, typer.Option(help="administrator, analyst, leader, team_manager, qa_auditor, "
                                           "personal_adviser, health_partner or care_leaver")],
    teams: Annotated[str | None, typer.Option(help="Team ids for a team manager, comma-separated")] = None,
) -> None:
    """Create (or reset) a user; prints a new random password once."""
    from clearsight.web.commands import createuser

    try:
        password = createuser(username, role, None, [t.strip() for t in teams.split(",")] if teams else None)
    except ValueError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    console.print(f"User {username} ({role}) created. Password, shown once: [bold]{password}[/]", highlight=False)


validate_app = typer.Typer(help="Check a return against the DfE validation rules.", no_args_is_help=True)
rules_app = typer.Typer(help="The DfE rule catalogue and what Clearsight implements.", no_args_is_help=True)
app.add_typer(validate_app, name="validate")
app.add_typer(rules_app, name="rules")

FORMATS = ("table", "csv", "xlsx", "json")


@validate_app.command("ssda903")
def validate_ssda903(
    path: Annotated[Path | None, typer.Argument(help="A folder of 903 CSVs or a 903 XML file")] = None,
    year: Annotated[str | None, typer.Option(help="Collection year, e.g. 2025-26")] = None,
    previous: Annotated[Path | None, typer.Option(help="Last year's return (folder or XML)")] = None,
    providers: Annotated[list[Path] | None, typer.Option(help="Ofsted provider list(s), .xlsx")] = None,
    la: Annotated[str | None, typer.Option(help="The council's ONS code")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, xlsx or json")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write the report here")] = None,
    load_id: Annotated[int | None, typer.Option("--load", help="Validate an existing load instead of files")] = None,
) -> None:
    """Validate an SSDA903 return (files, or an existing load) against every DfE rule for its year."""
    _validate("ssda903", path, year, previous, providers or [], fmt, out, load_id, la)


@validate_app.command("cin")
def validate_cin(
    path: Annotated[Path | None, typer.Argument(help="The CIN census XML file")] = None,
    year: Annotated[str | None, typer.Option(help="Collection year, e.g. 2025-26")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, xlsx or json")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write the report here")] = None,
    load_id: Annotated[int | None, typer.Option("--load", help="Validate an existing load instead of a file")] = None,
) -> None:
    """Validate a Children in Need census file (or an existing load) against every DfE rule for its year."""
    _validate("cin", path, year, None, [], fmt, out, load_id)


@validate_app.command("cross")
def validate_cross_cmd(
    year: Annotated[str, typer.Option(help="Collection year, e.g. 2025-26")],
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write the report here")] = None,
) -> None:
    """Check the current SSDA903 and CIN census loads of a year against each other (codes X01...)."""
    from clearsight.rules.validate import validate_cross

    if fmt == "xlsx":
        err.print("[red]the cross-return checks export as table, csv or json[/]")
        raise typer.Exit(2)
    try:
        result, con = validate_cross(year)
    except (FileNotFoundError, ValueError) as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    _report(result, con, {}, fmt, out)


def _validate(return_code: str, path: Path | None, year: str | None, previous: Path | None, providers: list[Path],
              fmt: str, out: Path | None, load_id: int | None, la: str | None = None) -> None:
    from clearsight.rules.validate import _tables, validate_files, validate_load

    if fmt not in FORMATS:
        err.print(f"[red]--format must be one of {', '.join(FORMATS)}[/]")
        raise typer.Exit(2)
    try:
        if load_id is not None:
            result, con = validate_load(load_id, providers=providers, la=la)
        else:
            if path is None or year is None:
                err.print("[red]give PATH and --year, or --load ID[/]")
                raise typer.Exit(2)
            result, con, _timing = validate_files(path, return_code, year, previous=previous, providers=providers,
                                                  la=la)
    except UnreadableFile as exc:
        _fail(exc)
    except (KeyError, ValueError, FileNotFoundError) as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    _report(result, con, _tables(return_code, result.year), fmt, out)


def _report(result, con, tables, fmt: str, out: Path | None) -> None:
    from clearsight.reports.validation import findings_csv, findings_xlsx, summary_rows

    if fmt == "json":
        text = json.dumps(result.as_json(with_type=result.return_code != "ssda903"))
        if out:
            out.write_text(text)
        else:
            sys.stdout.write(text + "\n")
        return
    if fmt == "csv":
        text = findings_csv(result)
        if out:
            out.write_text(text, encoding="utf-8-sig")
        else:
            sys.stdout.write(text)
        return
    if fmt == "xlsx":
        target = out or Path(f"validation-{result.return_code}-{result.year}.xlsx")
        findings_xlsx(result, con, tables, target)
        console.print(f"Wrote {target}")
    rows = summary_rows(result)
    children = len({f.child for f in result.findings if f.child})
    console.print(f"[bold]{result.return_code} {result.year}[/]: {len(result.rules_run)} rules run, "
                  f"{len(result.findings):,} findings for {children:,} children")
    for kind, title in (("error", "Errors"), ("query", "Queries (check and explain)"), ("internal", "Integrity checks")):
        subset = [r for r in rows if r["type"] == kind]
        if not subset:
            continue
        table = Table(title=title, title_justify="left")
        for col, just in (("rule", "left"), ("findings", "right"), ("children", "right"), ("message", "left")):
            table.add_column(col, justify=just, overflow="fold")
        for r in subset:
            table.add_row(r["rule"], f"{r['findings']:,}", f"{r['children']:,}", r["message"])
        console.print(table)
    if result.rules_not_run:
        console.print(f"[yellow]{len(result.rules_not_run)} rules not run:[/]")
        for code, why in sorted(result.rules_not_run.items()):
            console.print(f"  {code}: {why}", highlight=False)


@rules_app.command("list")
def rules_list(
    return_code: Annotated[str, typer.Option("--return", help="ssda903 or cin")] = "ssda903",
    year: Annotated[str, typer.Option(help="Collection year")] = "2025-26",
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """The DfE catalogue for a year, with each rule's status in Clearsight."""
    from clearsight.rules.definition import catalogue
    from clearsight.rules.validate import rules_for

    implemented = {r.code: r for r in rules_for(return_code)}
    items = []
    for code, entry in catalogue(return_code).items():
        if year not in entry.years:
            continue
        rule = implemented.get(code)
        status = "implemented" if rule else "missing"
        if rule and rule.needs:
            status += " (needs " + ", ".join(rule.needs) + ")"
        items.append({"code": code, "type": entry.type, "status": status, "tables": list(entry.tables),
                      "message": entry.message})
    if fmt == "json":
        sys.stdout.write(json.dumps({"return": return_code, "year": year, "rules": items}) + "\n")
        return
    table = Table(title=f"{return_code} rules for {year}")
    for col in ("code", "type", "status", "tables", "message"):
        table.add_column(col, overflow="fold")
    for it in items:
        table.add_row(it["code"], it["type"], it["status"], ", ".join(it["tables"]), it["message"])
    console.print(table)
    done = sum(1 for it in items if it["status"] != "missing")
    console.print(f"{done} of {len(items)} implemented; {len(items) - done} missing")


measures_app = typer.Typer(help="The indicators inspectors and leaders use.", invoke_without_command=True)
council_app = typer.Typer(help="The council's own facts (population for rates).", no_args_is_help=True)
app.add_typer(measures_app, name="measures")
app.add_typer(council_app, name="council")


def _measure_periods(con, year: str | None, period: str | None, series: str | None):
    from clearsight.measures.periods import months_between, parse_period

    if series == "monthly":
        span = con.execute("SELECT min(year), max(year) FROM current_loads").fetchall()[0]
        if span[0] is None:
            raise ValueError("nothing is loaded yet")
        return months_between(parse_period(span[0]).start, parse_period(span[1]).end)
    if series:
        raise ValueError("--series takes 'monthly'")
    if period:
        return [parse_period(period)]
    if year:
        return [parse_period(year)]
    latest = con.execute("SELECT max(year) FROM current_loads").fetchall()[0][0]
    if latest is None:
        raise ValueError("nothing is loaded yet; `clearsight demo` or `clearsight load` first")
    return [parse_period(latest)]


def _emit_measures(pairs, fmt: str, out: Path | None, suppress: bool, title: str) -> None:
    from clearsight.measures.report import rows_for_export, suppressed, to_csv, to_xlsx

    if fmt == "json":
        payload = {"measures": [(suppressed(v) if suppress else v.as_json()) for _m, v in pairs]}
        text = json.dumps(payload)
        if out:
            out.write_text(text)
        else:
            sys.stdout.write(text + "\n")
        return
    rows = rows_for_export(pairs, suppress)
    if fmt == "csv":
        text = to_csv(rows)
        if out:
            out.write_text(text, encoding="utf-8-sig")
        else:
            sys.stdout.write(text)
        return
    if fmt == "xlsx":
        target = out or Path("measures.xlsx")
        to_xlsx(rows, target)
        console.print(f"Wrote {target}")
        return
    table = Table(title=title, title_justify="left")
    for col, just in (("id", "left"), ("measure", "left"), ("period", "left"), ("group", "left"),
                      ("value", "right"), ("England", "right"), ("", "left")):
        table.add_column(col, justify=just, overflow="fold")
    for r in rows:
        mark = {"better": "[green]better[/]", "worse": "[red]worse[/]", "same": "same"}.get(r["compared_with_england"], "")
        table.add_row(r["id"], r["name"], r["period"], r["group"], r["shown"],
                      r["england_shown"] if r["england"] is not None else "-", mark)
    console.print(table)


@measures_app.callback()
def measures_cmd(
    ctx: typer.Context,
    year: Annotated[str | None, typer.Option(help="Collection year, e.g. 2025-26 (default: the latest loaded)")] = None,
    period: Annotated[str | None, typer.Option(help="Or: 12m-to-2025-06-30, or a month 2025-06")] = None,
    by: Annotated[str | None, typer.Option(help="Break down by team, worker, age_band, sex, ethnicity, ...")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, xlsx or json")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write the export here")] = None,
    no_suppress: Annotated[bool, typer.Option("--no-suppress", help="Show counts of 1-4 (child-level access only)")] = False,
) -> None:
    """Every measure the loaded data supports, headline measures first, with England beside them."""
    if ctx.invoked_subcommand:
        return
    from clearsight.measures.engine import compute, prepare
    from clearsight.measures.registry import HEADLINE_DEFAULT, all_measures
    from clearsight.warehouse.load import connect

    try:
        con = connect(read_only=True)
        periods = _measure_periods(con, year, period, None)
        prepare(con, periods)
        measures = all_measures()
        order = [m for m in HEADLINE_DEFAULT if m in measures] + [m for m in measures if m not in HEADLINE_DEFAULT]
        pairs = []
        for mid in order:
            m = measures[mid]
            if by and by not in m.dimensions:
                continue
            pairs += [(m, v) for v in compute(con, m, by)]
    except (ValueError, FileNotFoundError) as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    _emit_measures(pairs, fmt, out, not no_suppress, f"Measures, {', '.join(p.label for p in periods)}")


@measures_app.command("list")
def measures_list(fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table") -> None:
    """Every indicator in the reference list with its status in Clearsight."""
    from clearsight.measures.status import measure_status

    items = measure_status()
    if fmt == "json":
        sys.stdout.write(json.dumps({"measures": items}) + "\n")
        return
    table = Table(title="Indicators")
    for col in ("id", "name", "status", "unit", "better", "England"):
        table.add_column(col, overflow="fold")
    for it in items:
        table.add_row(it["id"], it["name"], it["status"], it.get("unit") or "", it.get("better") or "",
                      "" if it.get("england") is None else str(it["england"]))
    console.print(table)


@app.command("measure")
def measure_cmd(
    measure_id: Annotated[str, typer.Argument(help="A measure id, e.g. CIN02")],
    year: Annotated[str | None, typer.Option(help="Collection year (default: the latest loaded)")] = None,
    period: Annotated[str | None, typer.Option(help="Or: 12m-to-2025-06-30, or a month 2025-06")] = None,
    by: Annotated[str | None, typer.Option(help="Break down by team, worker, age_band, ...")] = None,
    series: Annotated[str | None, typer.Option(help="monthly: every month of every loaded year")] = None,
    chart: Annotated[Path | None, typer.Option(help="Write a chart (.svg, .png, .html): a funnel with --by")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, xlsx or json")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write the export here")] = None,
    no_suppress: Annotated[bool, typer.Option("--no-suppress")] = False,
) -> None:
    """One measure: its definition, its values, a breakdown and a chart."""
    from clearsight.measures.engine import compute, prepare
    from clearsight.measures.registry import all_measures
    from clearsight.warehouse.load import connect

    measures = all_measures()
    m = measures.get(measure_id.upper())
    if m is None:
        err.print(f"[red]no measure {measure_id!r}; `clearsight measures list` shows them[/]")
        raise typer.Exit(2)
    try:
        con = connect(read_only=True)
        periods = _measure_periods(con, year, period, series)
        prepare(con, periods)
        values = compute(con, m, by)
    except (ValueError, FileNotFoundError) as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    if fmt == "table":
        console.print(f"[bold]{m.id} {m.name}[/]: {m.definition}", soft_wrap=True)
    _emit_measures([(m, v) for v in values], fmt, out, not no_suppress, f"{m.id}")
    if chart:
        from clearsight.measures.charts import measure_chart
        from clearsight.measures.funnel import write_chart

        try:
            spec, flagged = measure_chart(m, values, by, periods[-1].label, series)
        except ValueError as exc:
            err.print(f"[red]{exc}[/]")
            raise typer.Exit(2) from None
        write_chart(spec, chart)
        console.print(f"Wrote {chart}")
        for line in flagged:
            console.print(f"  [yellow]{line}[/]")


@council_app.command("set")
def council_set(
    population_0_17: Annotated[int | None, typer.Option("--population-0-17", help="Children aged 0-17")] = None,
    la: Annotated[str | None, typer.Option(help="The council's ONS code")] = None,
    name: Annotated[str | None, typer.Option(help="The council's name")] = None,
) -> None:
    """Record the council's facts used by measures (rates per 10,000 children)."""
    from clearsight.warehouse.load import connect

    con = connect()
    try:
        for key, value in (("population_0_17", population_0_17), ("la_code", la), ("la_name", name)):
            if value is not None:
                con.execute("INSERT OR REPLACE INTO council_settings VALUES (?, ?)", [key, str(value)])
        for key, value in con.execute("SELECT key, value FROM council_settings ORDER BY key").fetchall():
            console.print(f"{key}: {value}")
    finally:
        con.close()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted; nothing half-loaded is kept")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
