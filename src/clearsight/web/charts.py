"""Charts as SVG, rendered on the server from the measures' Vega-Lite specs (no JavaScript in the browser).

Every chart has a table alternative on its page; the SVG is shown through ``<img>`` with a text alternative.
"""

from __future__ import annotations

from clearsight.measures.charts import trend_spec
from clearsight.measures.definition import Measure
from clearsight.measures.engine import MeasureValue
from clearsight.measures.funnel import Funnel, described, funnel, funnel_spec

FONT = "Arial, Helvetica, sans-serif"


def to_svg(spec: dict) -> str:
    import vl_convert as vlc

    spec = dict(spec)
    spec["config"] = {**spec.get("config", {}), "font": FONT, "background": "white"}
    return vlc.vegalite_to_svg(spec)


def trend_svg(measure: Measure, values: list[MeasureValue]) -> str:
    return to_svg(trend_spec(measure, values))


def sparkline_spec(measure: Measure, values: list[MeasureValue]) -> dict:
    """A small line of the monthly values, England as a dashed rule; no axes (the page gives the figures)."""
    data = [{"period": v.period, "value": v.value} for v in values if v.value is not None]
    layers: list[dict] = [{
        "mark": {"type": "line", "color": "#1d70b8", "strokeWidth": 2},
        "encoding": {"x": {"field": "period", "type": "ordinal", "axis": None, "sort": None},
                     "y": {"field": "value", "type": "quantitative", "axis": None,
                           "scale": {"zero": False}}},
        "data": {"values": data}}]
    if measure.england is not None:
        layers.append({"mark": {"type": "rule", "color": "#505a5f", "strokeDash": [4, 3]},
                       "encoding": {"y": {"datum": measure.england, "type": "quantitative"}}})
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 160, "height": 40,
            "padding": 2, "layer": layers, "config": {"view": {"stroke": None}}}


def sparkline_svg(measure: Measure, values: list[MeasureValue]) -> str:
    return to_svg(sparkline_spec(measure, values))


def team_funnel(measure: Measure, values: list[MeasureValue], period: str, shown_teams: set[str] | None,
                names: dict[str, str] | None = None) -> Funnel:
    """The funnel of every team (limits from the whole council), keeping only the teams the viewer may see; teams
    are named by ``names`` (code to name), a team without one by its code."""
    f = funnel(measure, values, period, "team", names)
    if shown_teams is not None:
        f.points = [p for p in f.points if p.group in shown_teams]
    return f


def funnel_svg(measure: Measure, f: Funnel) -> str:
    if not f.points:
        raise ValueError("no teams to show")
    return to_svg(funnel_spec(f, measure))


def funnel_text(measure: Measure, f: Funnel) -> str:
    """The funnel plot in words, for its text alternative."""
    return described(f, measure)
