"""Measure values as a page shows them: formatted with their 95% interval, the history behind them, compared with
England, small numbers suppressed by role."""

from __future__ import annotations

from clearsight.measures.definition import Measure
from clearsight.measures.history import complete_from
from clearsight.measures.report import format_interval, format_value, shown_value, suppressed

VERDICT_CLASS = {"better": "cs-better", "worse": "cs-worse", "similar": "cs-similar"}


def shown(measure: Measure, v: dict | None, suppress: bool) -> dict:
    """A value's dict (``MeasureValue.as_json``) with ``shown``, ``interval_shown``, ``england_shown``, the
    ``verdict`` (the comparison with England) and, for a value whose history is not complete, ``greyed``."""
    england = format_value(measure.england, measure.unit)
    if v is None:
        return {"value": None, "numerator": None, "denominator": None, "shown": "no data", "interval_shown": "",
                "england_shown": england, "verdict": "", "verdict_class": "", "history": "no data",
                "history_note": "nothing computed for this period", "greyed": True}
    if suppress:
        from clearsight.web.data import value_from_json

        d = suppressed(value_from_json(v))
    else:
        d = dict(v)
    d.setdefault("history", "complete")
    d.setdefault("history_note", "")
    verdict = d.get("comparison") or ""
    return {**d, "shown": shown_value(measure, d),
            "interval_shown": format_interval(d.get("lower"), d.get("upper"), measure.unit),
            "numerator_shown": _count(d["numerator"]), "denominator_shown": _count(d["denominator"]),
            "england_shown": england, "verdict": verdict, "verdict_class": VERDICT_CLASS.get(verdict, ""),
            "greyed": d["history"] != "complete"}


def _count(x) -> str:
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def polarity(measure: Measure) -> str:
    return {True: "Higher is better", False: "Lower is better", None: "Neither higher nor lower is better"}[
        measure.higher_is_better]


def full_history(measure: Measure, months: list[dict]) -> str:
    """Where a monthly series' full history begins: the first month from which every month is complete."""
    first = complete_from((x["period"], x["v"]["history"]) for x in months)
    what = f" ({measure.lookback.what})" if measure.lookback and not measure.lookback.carried else ""
    if not months:
        return ""
    if first is None:
        return f"Full history: none of these months has all the history it needs{what}; all are greyed."
    if first == months[0]["period"]:
        return f"Full history: every month{what}."
    return (f"Full history from {first}{what}. Earlier months are greyed and marked incomplete: the returns "
            f"loaded do not go back far enough for them.")
