"""``clearsight measures``, ``measures list``, ``measure`` and ``council set``: the indicators and the council's facts."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

import typer

from clearsight.cli.common import bad_input, console, stop
from clearsight.reports.output import Column, Line, Report, Table, write
from clearsight.warehouse import catalog

measures_app = typer.Typer(help="The indicators inspectors and leaders use.", invoke_without_command=True)
council_app = typer.Typer(help="The council's own facts (population for rates).", no_args_is_help=True)


# ---------------------------------------------------------------- periods and output

def measure_periods(con, year: str | None, period: str | None, series: str | None):
    """The periods asked for: every month loaded (``--series monthly``), a period, a year, or the latest year."""
    from clearsight.measures.periods import months_between, parse_period

    if series == "monthly":
        years = catalog.years_loaded(con)
        if not years:
            raise ValueError("nothing is loaded yet")
        return months_between(parse_period(years[0]).start, parse_period(years[-1]).end)
    if series:
        raise ValueError("--series takes 'monthly'")
    if period:
        return [parse_period(period)]
    if year:
        return [parse_period(year)]
    years = catalog.years_loaded(con)
    if not years:
        raise ValueError("nothing is loaded yet; `clearsight demo` or `clearsight load` first")
    return [parse_period(years[-1])]


EXPORT_WIDTHS = (8, 48, 18, 24, 40, 12, 12, 12, 12, 12, 18, 24, 14, 12, 60, 10, 18, 12, 10)  # the Excel columns
# On screen a measure's name wraps between words; codes, periods and figures stay whole; when every row is of one
# period the title says it and the column goes; at a narrow width the period column is the first to go.
SCREEN_COLUMNS = [Column("id", wrap=False), Column("name", "measure"), Column("period", wrap=False, drop=1),
                  Column("group"), Column("value", "value (95% interval)", justify="right"),
                  Column("England", justify="right"), Column("mark", "", wrap=False)]
# Words, not colour alone: the colour only repeats what the word says.
MARKS = {"better": "[green]better[/]", "worse": "[red]worse[/]", "similar": "similar",
         "incomplete": "[dim]incomplete*[/]", "no data": "[dim]no data*[/]"}


def screen_row(r: dict) -> dict:
    """An export row as the terminal table shows it: the value over its interval; the comparison, or why none."""
    value = r["shown"] + (f"\n({r['interval']})" if r["interval"] else "")
    if r["history"] == "incomplete" and r["shown"] != "no data":
        value = f"[dim]{value}[/]"
    mark = r["comparison"] or (r["history"] if r["history"] != "complete" else "")
    return {"id": r["id"], "name": r["name"], "period": r["period"], "group": r["group"], "value": value,
            "England": r["england_shown"] if r["england"] is not None else "-", "mark": MARKS.get(mark, mark)}


def history_lines(rows: list[dict]) -> list[Line]:
    """The reasons behind values marked incomplete or no data, once each (``*`` in the table)."""
    notes: dict[tuple[str, str, str], list[str]] = {}
    for r in rows:
        if r["history"] != "complete" and r["history_note"]:
            notes.setdefault((r["id"], r["history"], r["history_note"]), []).append(r["period"])
    out = []
    for (mid, history, note), periods in notes.items():
        when = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
        out.append(Line(f"* {mid} {when}: {history}: {note}", soft_wrap=False, highlight=False))
    return out


def measures_report(pairs, suppress: bool, title: str, before: list[Line] | None = None) -> Report:
    """Measure values as a report: the export rows (CSV, Excel), their JSON, and a table on screen after ``before``,
    with the reasons for values not compared after it."""
    from clearsight.measures.report import rows_for_export, suppressed
    from clearsight.returns.codes import group_label

    @cache
    def rows() -> list[dict]:
        return rows_for_export(pairs, suppress)

    def screen() -> list[Table | Line]:
        shown = [screen_row(r) for r in rows()]
        columns, heading = SCREEN_COLUMNS, title
        prefixes = {r["group"].split("=", 1)[0] for r in shown if "=" in r["group"]}
        if len(prefixes) == 1 and all("=" in r["group"] or r["group"] == "council" for r in shown):
            # Broken down by one dimension: its name heads the column once, rather than before every value.
            dim = prefixes.pop()
            shown = [{**r, "group": r["group"].split("=", 1)[-1]} for r in shown]
            columns = [Column("group", dim.replace("_", " ")) if c.key == "group" else c for c in columns]
        if len({r["period"] for r in shown}) <= 1:
            columns = [c for c in columns if c.key != "period"]
            if shown and shown[0]["period"] not in heading:
                heading = f"{heading}, {shown[0]['period']}"
        return [*(before or []), Table(columns, shown, title=heading, title_justify="left"), *history_lines(rows())]

    return Report(screen=screen, rows=lambda: Table.from_dicts(rows(), widths=EXPORT_WIDTHS),
                  payload=lambda: {"measures": [{**(suppressed(v) if suppress else v.as_json()),
                                                 "group_label": group_label(v.group) or "council"}
                                                for _m, v in pairs]},
                  xlsx_name="measures.xlsx", sheet="Measures")


# ---------------------------------------------------------------- commands

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

    with bad_input(ValueError, FileNotFoundError):
        con = connect(read_only=True)
        periods = measure_periods(con, year, period, None)
        prepare(con, periods)
        measures = all_measures()
        order = [m for m in HEADLINE_DEFAULT if m in measures] + [m for m in measures if m not in HEADLINE_DEFAULT]
        pairs = []
        for mid in order:
            m = measures[mid]
            if by and by not in m.dimensions:
                continue
            pairs += [(m, v) for v in compute(con, m, by)]
    title = f"Measures, {', '.join(p.label for p in periods)}"
    write(measures_report(pairs, not no_suppress, title), fmt, out, console=console)


@measures_app.command("list")
def measures_list(fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table") -> None:
    """Every indicator in the reference list with its status in Clearsight."""
    from clearsight.measures.status import measure_status

    items = measure_status()
    table = Table([Column("id", wrap=False), Column("name"), Column("status"), Column("unit", drop=1),
                   Column("better", drop=2), Column("England", wrap=False)],
                  [[it["id"], it["name"], it["status"], it.get("unit") or "", it.get("better") or "",
                    "" if it.get("england") is None else str(it["england"])] for it in items], title="Indicators")
    note = Line("England's figures, with the release and table each comes from: `--format json` "
                "(england_source, england_url) or docs/measures.md.", highlight=False, soft_wrap=False)
    write(Report(screen=[table, note], payload={"measures": items}), fmt, console=console)


def england_line(m) -> str:
    """England's figure for a measure with its period and source, for the terminal."""
    from clearsight.measures.report import format_value

    if m.england is None:
        return f"England: no figure{'; ' + m.england_note if m.england_note else ''}"
    period = f" ({m.england_period})" if m.england_period else ""
    return f"England: {format_value(m.england, m.unit)}{period}. Source: {m.england_source}, {m.england_figure.url}"


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
        stop(f"no measure {measure_id!r}; `clearsight measures list` shows them")
    with bad_input(ValueError, FileNotFoundError):
        con = connect(read_only=True)
        periods = measure_periods(con, year, period, series)
        prepare(con, periods)
        values = compute(con, m, by)
    definition = [Line(f"[bold]{m.id} {m.name}[/]: {m.definition}", soft_wrap=False),
                  Line(england_line(m), highlight=False, soft_wrap=False)] if fmt == "table" else []
    if fmt == "table" and series == "monthly":
        definition.append(Line(full_history_line(con, m, periods), soft_wrap=False, highlight=False))
    write(measures_report([(m, v) for v in values], not no_suppress, f"{m.id}", before=definition), fmt, out,
          console=console)
    if chart:
        from clearsight.measures.charts import measure_chart, team_names
        from clearsight.measures.funnel import write_chart

        with bad_input(ValueError):
            spec, flagged = measure_chart(m, values, by, periods[-1].label, series,
                                          team_names(con) if by == "team" else None)
        write_chart(spec, chart)
        console.print(f"Wrote {chart}")
        for line in flagged:
            console.print(f"  [yellow]{line}[/]")


def full_history_line(con, m, periods) -> str:
    """Where a monthly series' full history begins (every month from it on has the history it needs)."""
    from clearsight.measures.history import full_history_from, loaded_years

    first = full_history_from(m, periods, loaded_years(con))
    what = f" ({m.lookback.what})" if m.lookback and not m.lookback.carried else ""
    if first is None:
        return f"Full history: none of these months has all the history it needs{what}."
    if first == periods[0].label:
        return f"Full history: every month{what}."
    return f"Full history from {first}{what}; earlier months are incomplete and not compared with England."


@council_app.command("set")
def council_set(
    population_0_17: Annotated[int | None, typer.Option("--population-0-17", help="Children aged 0-17")] = None,
    la: Annotated[str | None, typer.Option(help="The council's ONS code")] = None,
    name: Annotated[str | None, typer.Option(help="The council's name")] = None,
    gate_findings_share: Annotated[float | None, typer.Option(
        help="Publish gate: hold a load with file findings on more than this share of its children (0.02)")] = None,
    gate_rows_share: Annotated[float | None, typer.Option(
        help="Publish gate: hold a load with fewer rows than this share of the load it replaces (0.8)")] = None,
    gate_stage_change: Annotated[float | None, typer.Option(
        help="Publish gate: hold a load that moves a stage count by more than this share (0.1)")] = None,
    gate_measure_z: Annotated[float | None, typer.Option(
        help="Publish gate: hold a load that moves a headline measure by more than this many standard errors "
             "(3.09, the funnel plots' 99.8% limits)")] = None,
) -> None:
    """Record the council's facts used by measures (rates per 10,000 children) and the publish gate's thresholds."""
    from clearsight import pipeline
    from clearsight.cli.load import say_waiting
    from clearsight.warehouse.load import connect

    given = {key: value for key, value in (
        ("population_0_17", population_0_17), ("la_code", la), ("la_name", name),
        ("gate_findings_share", gate_findings_share), ("gate_rows_share", gate_rows_share),
        ("gate_stage_change", gate_stage_change), ("gate_measure_z", gate_measure_z)) if value is not None}
    for key in ("gate_findings_share", "gate_rows_share", "gate_stage_change"):
        if key in given and not 0 <= given[key] <= 1:
            stop(f"--{key.replace('_', '-')} is a share between 0 and 1, not {given[key]}")
    if "gate_measure_z" in given and given["gate_measure_z"] <= 0:
        stop(f"--gate-measure-z is a number of standard errors above 0, not {given['gate_measure_z']}")
    # Like a load: under the writer lock, in a staging copy published by rename, so a load running meanwhile
    # neither blocks nor loses it.
    pipeline.set_council_settings(given, on_wait=say_waiting)
    con = connect(read_only=True)
    try:
        for key, value in catalog.council_settings(con).items():
            console.print(f"{key}: {value}")
    finally:
        con.close()
