"""Measure values as a page shows them: formatted, compared with England, small numbers suppressed by role."""

from __future__ import annotations

from clearsight.measures.definition import Measure
from clearsight.measures.report import better, format_value, suppressed

VERDICT_CLASS = {"better": "cs-better", "worse": "cs-worse"}


def shown(measure: Measure, v: dict | None, suppress: bool) -> dict:
    """A value's dict (``MeasureValue.as_json``) with ``shown``, ``england_shown`` and ``verdict``."""
    if v is None:
        return {"value": None, "numerator": None, "denominator": None, "shown": "no data",
                "england_shown": format_value(measure.england, measure.unit), "verdict": "", "verdict_class": ""}
    if suppress:
        from clearsight.web.data import value_from_json

        d = suppressed(value_from_json(v))
    else:
        d = dict(v)
    if v.get("numerator") is None:
        text = "no data (needs " + ", ".join(measure.needs) + ")" if measure.needs else "no data"
    else:
        text = format_value(d["value"], measure.unit)
    verdict = better(measure, d["value"], measure.england)
    return {**d, "shown": text, "numerator_shown": _count(d["numerator"]), "denominator_shown": _count(d["denominator"]),
            "england_shown": format_value(measure.england, measure.unit), "verdict": verdict,
            "verdict_class": VERDICT_CLASS.get(verdict, "")}


def _count(x) -> str:
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def polarity(measure: Measure) -> str:
    return {True: "Higher is better", False: "Lower is better", None: "Neither higher nor lower is better"}[
        measure.higher_is_better]
