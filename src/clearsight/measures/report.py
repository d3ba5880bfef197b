"""Measures for people: suppression of small numbers, tables, CSV, Excel and JSON."""

from __future__ import annotations

from clearsight.measures.definition import Measure
from clearsight.measures.engine import MeasureValue
from clearsight.returns.codes import group_label

SMALL = range(1, 5)  # counts of 1 to 4 are shown as "<5" in exports


def suppressed(v: MeasureValue) -> dict:
    """The JSON of a value with counts 1-4 hidden, and any value or interval that would let them be worked out
    (an interval is a function of the counts it comes from, so it goes with them)."""
    d = v.as_json()
    hide = False
    # A median or mean's numerator is the statistic itself (days, a score), not a count of children.
    keys = ("denominator",) if v.unit in ("days", "score") and d["denominator"] is not None else (
        "numerator", "denominator")
    for key in keys:
        x = d[key]
        if x is not None and not isinstance(x, str) and float(x).is_integer() and int(x) in SMALL:
            d[key] = "<5"
            hide = True
    if hide:
        d["value"] = "<5" if v.unit == "count" and d["numerator"] == "<5" else None
        d["lower"] = d["upper"] = None
        d["comparison"] = None
    return d


def _figure(x: float, unit: str) -> str:
    """A number in the measure's unit, without the unit's words."""
    if unit == "proportion":
        return f"{x:.1%}"
    if unit == "count":
        return f"{x:,.0f}"
    if unit == "rate_per_10000":
        return f"{x:.1f}"
    if unit == "days":
        return f"{x:.0f}"
    return f"{x:.2f}"


def format_value(value, unit: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return _figure(value, unit) + {"rate_per_10000": " per 10,000", "days": " days"}.get(unit, "")


def format_interval(lower, upper, unit: str) -> str:
    """``72.1% to 88.4%``: a 95% interval in the measure's unit; "" when there is none."""
    if lower is None or upper is None or isinstance(lower, str) or isinstance(upper, str):
        return ""
    return f"{_figure(lower, unit)} to {_figure(upper, unit)}"


def shown_value(measure: Measure, d: dict) -> str:
    """The value as people read it: "no data (...)" when there is none, the value when there is."""
    if d.get("history") == "no data" or d.get("numerator") is None:
        return "no data"
    return format_value(d["value"], measure.unit)


def rows_for_export(values: list[tuple[Measure, MeasureValue]], suppress: bool) -> list[dict]:
    """One row a value, for CSV and Excel: the value, its 95% interval, the history the loaded returns hold for
    it (and why), and the comparison with England."""
    out = []
    for m, v in values:
        d = suppressed(v) if suppress else v.as_json()
        out.append({"id": m.id, "name": m.name, "period": v.period,
                    "group": "; ".join(f"{k}={g}" for k, g in v.group.items()) or "council",
                    "group_label": group_label(v.group) or "council",
                    "numerator": d["numerator"], "denominator": d["denominator"], "value": d["value"],
                    "lower": d["lower"], "upper": d["upper"], "shown": shown_value(m, d),
                    "interval": format_interval(d["lower"], d["upper"], m.unit), "unit": m.unit,
                    "history": d["history"], "history_note": d["history_note"],
                    "england": m.england, "england_shown": format_value(m.england, m.unit),
                    "comparison": d["comparison"], "higher_is_better": m.higher_is_better})
    return out
