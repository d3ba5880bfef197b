"""Measures for people: suppression of small numbers, tables, CSV, Excel and JSON."""

from __future__ import annotations

from clearsight.measures.definition import Measure
from clearsight.measures.engine import MeasureValue
from clearsight.returns.codes import group_label

SMALL = range(1, 5)  # counts of 1 to 4 are shown as "<5" in exports


def suppressed(v: MeasureValue) -> dict:
    """The JSON of a value with counts 1-4 hidden, and any value that would let them be worked out."""
    d = v.as_json()
    hide = False
    for key in ("numerator", "denominator"):
        x = d[key]
        if x is not None and float(x).is_integer() and int(x) in SMALL:
            d[key] = "<5"
            hide = True
    if hide or (v.unit == "count" and d["numerator"] == "<5"):
        d["value"] = None if v.unit != "count" else "<5"
    return d


def format_value(value, unit: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if unit == "proportion":
        return f"{value:.1%}"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "rate_per_10000":
        return f"{value:.1f} per 10,000"
    if unit == "days":
        return f"{value:.0f} days"
    return f"{value:.2f}"


def better(measure: Measure, value, england) -> str:
    """'better', 'worse' or '' comparing with England, given the measure's polarity."""
    if measure.higher_is_better is None or value is None or england is None or isinstance(value, str):
        return ""
    if value == england:
        return "same"
    return "better" if (value > england) == measure.higher_is_better else "worse"


def rows_for_export(values: list[tuple[Measure, MeasureValue]], suppress: bool) -> list[dict]:
    out = []
    for m, v in values:
        d = suppressed(v) if suppress else v.as_json()
        shown = format_value(d["value"], m.unit) if v.numerator is not None else "no data (needs " + ", ".join(m.needs) + ")"
        out.append({"id": m.id, "name": m.name, "period": v.period,
                    "group": "; ".join(f"{k}={g}" for k, g in v.group.items()) or "council",
                    "group_label": group_label(v.group) or "council",
                    "numerator": d["numerator"], "denominator": d["denominator"], "value": d["value"],
                    "shown": shown, "unit": m.unit,
                    "england": m.england, "england_shown": format_value(m.england, m.unit),
                    "compared_with_england": better(m, d["value"], m.england),
                    "higher_is_better": m.higher_is_better})
    return out
