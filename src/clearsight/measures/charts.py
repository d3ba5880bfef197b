"""Charts of a measure: a funnel across a breakdown, or a trend over periods."""

from __future__ import annotations

from clearsight.measures.definition import Measure
from clearsight.measures.engine import MeasureValue
from clearsight.measures.funnel import funnel, funnel_spec
from clearsight.measures.history import complete_from


def trend_spec(measure: Measure, values: list[MeasureValue]) -> dict:
    import altair as alt

    data = [{"period": v.period, "value": v.value} for v in values if not v.group and v.value is not None]
    fmt = "%" if measure.unit == "proportion" else ",.1f"
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("period:O", title="Period", sort=None),
        y=alt.Y("value:Q", title=measure.name, axis=alt.Axis(format=fmt)),
        tooltip=["period:O", alt.Tooltip("value:Q", format=".3")])
    layers = base.mark_line(point=True, color="#1d70b8")
    if measure.england is not None:
        eng = alt.Chart(alt.Data(values=[{"england": measure.england}])).mark_rule(
            color="#505a5f", strokeDash=[6, 4]).encode(y="england:Q")
        layers = layers + eng
    title = f"{measure.id} {measure.name} (dashed: England)"
    first = full_history_start([v for v in values if not v.group and v.value is not None])
    if first is not None:
        # Where full history begins: a labelled rule (earlier periods' look-back is not in the loaded returns).
        mark = alt.Chart(alt.Data(values=[{"period": first, "label": f"full history from {first}"}]))
        layers = layers + mark.mark_rule(color="#0b0c0c", strokeDash=[2, 2]).encode(x=alt.X("period:O", sort=None))
        layers = layers + mark.mark_text(align="left", dx=4, dy=-130, color="#0b0c0c").encode(
            x=alt.X("period:O", sort=None), text="label:N")
        title += f"; full history from {first}"
    return layers.properties(title=title, width=640, height=300).to_dict()


def full_history_start(values: list[MeasureValue]) -> str | None:
    """The first period from which every value is complete, when earlier ones are not (else None)."""
    first = complete_from((v.period, v.history) for v in values)
    return first if values and first is not None and first != values[0].period else None


def team_names(con) -> dict[str, str]:
    """Team code to team name, from the case-management extract's teams (the latest year naming each team); empty
    when no extract is loaded."""
    import duckdb

    try:
        rows = con.execute("""SELECT team_id, team_name FROM current_teams WHERE team_name IS NOT NULL
                              QUALIFY row_number() OVER (PARTITION BY team_id ORDER BY year DESC) = 1""").fetchall()
    except duckdb.CatalogException:
        return {}
    return {str(code): str(name) for code, name in rows}


def measure_chart(measure: Measure, values: list[MeasureValue], by: str | None, period: str,
                  series: str | None, labels: dict[str, str] | None = None) -> tuple[dict, list[str]]:
    """The chart for the command line: funnel when broken down, trend otherwise; and the flagged groups (named by
    ``labels`` where given, e.g. team names)."""
    if by:
        f = funnel(measure, values, period, by, labels)
        flagged = [f"{pt.name}: {pt.rate:.1%} of {pt.denominator:,.0f}, {pt.flag} control limit"
                   + (" (worse side)" if pt.concern else "") for pt in f.points if pt.flag.endswith("99.8%")]
        return funnel_spec(f, measure), flagged
    return trend_spec(measure, values), []
