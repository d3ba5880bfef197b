"""Consistency across teams: funnel-plot data with control limits, instead of a league table.

For a proportion, each team's rate is plotted against its denominator. Around the council's rate p,
a team of size n has control limits p ± z·sqrt(p(1-p)/n): z = 1.96 (95%) and z = 3.09 (99.8%). A team
outside the 99.8% limits is very unlikely to differ by chance alone; outside 95% is a warning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from clearsight.measures.definition import Measure
from clearsight.measures.engine import MeasureValue

Z95, Z998 = 1.959964, 3.090232


@dataclass
class FunnelPoint:
    group: str
    numerator: float
    denominator: float
    rate: float
    lower95: float
    upper95: float
    lower998: float
    upper998: float
    flag: str  # "" inside the limits, else "above 95%", "below 99.8%", ...
    concern: bool  # outside the limits on the side that is worse, given the measure's polarity


@dataclass
class Funnel:
    measure: str
    period: str
    dimension: str
    council_rate: float
    points: list[FunnelPoint]


def limits(p: float, n: float, z: float) -> tuple[float, float]:
    if n <= 0:
        return 0.0, 1.0
    half = z * math.sqrt(max(p * (1 - p), 0.0) / n)
    return max(0.0, p - half), min(1.0, p + half)


def funnel(measure: Measure, values: list[MeasureValue], period: str, dimension: str) -> Funnel:
    """Funnel data for one period from a breakdown of a proportion measure."""
    if measure.unit != "proportion":
        raise ValueError(f"{measure.id} is a {measure.unit}; funnel plots are for proportions")
    rows = [v for v in values if v.period == period and v.denominator]
    total_num = sum(v.numerator for v in rows)
    total_den = sum(v.denominator for v in rows)
    if not total_den:
        raise ValueError(f"{measure.id} has no data for {period}")
    p = total_num / total_den
    points = []
    for v in rows:
        n, rate = v.denominator, v.numerator / v.denominator
        lo95, hi95 = limits(p, n, Z95)
        lo998, hi998 = limits(p, n, Z998)
        if rate > hi998:
            flag = "above 99.8%"
        elif rate < lo998:
            flag = "below 99.8%"
        elif rate > hi95:
            flag = "above 95%"
        elif rate < lo95:
            flag = "below 95%"
        else:
            flag = ""
        worse_side = "below" if measure.higher_is_better else "above"
        concern = measure.higher_is_better is not None and flag.startswith(worse_side)
        points.append(FunnelPoint(str(v.group.get(dimension)), v.numerator, n, rate, lo95, hi95, lo998, hi998,
                                  flag, concern))
    points.sort(key=lambda pt: pt.group)
    return Funnel(measure.id, period, dimension, p, points)


def funnel_spec(f: Funnel, measure: Measure) -> dict:
    """A Vega-Lite funnel chart: points for groups, curves for the 95% and 99.8% limits, a line at the council rate."""
    import altair as alt

    top = max(pt.denominator for pt in f.points) * 1.1
    curve = []
    steps = 120
    for i in range(1, steps + 1):
        n = max(1.0, top * i / steps)
        lo95, hi95 = limits(f.council_rate, n, Z95)
        lo998, hi998 = limits(f.council_rate, n, Z998)
        curve += [{"n": n, "limit": "95%", "side": "upper", "rate": hi95},
                  {"n": n, "limit": "95%", "side": "lower", "rate": lo95},
                  {"n": n, "limit": "99.8%", "side": "upper", "rate": hi998},
                  {"n": n, "limit": "99.8%", "side": "lower", "rate": lo998}]
    points = [{"group": pt.group, "n": pt.denominator, "rate": pt.rate,
               "status": ("Concern: " + pt.flag) if pt.concern else (pt.flag or "Within limits")} for pt in f.points]
    x = alt.X("n:Q", title="Number in the group (denominator)")
    y = alt.Y("rate:Q", title=measure.name, axis=alt.Axis(format="%"))
    lines = alt.Chart(alt.Data(values=curve)).mark_line(strokeDash=[4, 3]).encode(
        x=x, y=y, detail="side:N",
        color=alt.Color("limit:N", title="Control limit", scale=alt.Scale(range=["#505a5f", "#0b0c0c"])))
    rule = alt.Chart(alt.Data(values=[{"rate": f.council_rate}])).mark_rule(color="#1d70b8").encode(y="rate:Q")
    dots = alt.Chart(alt.Data(values=points)).mark_point(filled=True, size=90).encode(
        x=x, y=y,
        shape=alt.Shape("status:N", title="Group"),
        color=alt.Color("status:N", title="Group", scale=alt.Scale(scheme="dark2")),
        tooltip=["group:N", alt.Tooltip("n:Q", title="denominator"), alt.Tooltip("rate:Q", format=".1%"), "status:N"])
    labels = alt.Chart(alt.Data(values=points)).mark_text(align="left", dx=7, dy=-7, fontSize=11,
                                                           color="#0b0c0c").encode(x=x, y=y, text="group:N")
    chart = (lines + rule + dots + labels).properties(
        title=f"{measure.id} {measure.name}, {f.period}, by {f.dimension} (council {f.council_rate:.1%})",
        width=640, height=400)
    return chart.to_dict()


def write_chart(spec: dict, path) -> None:
    """Save a Vega-Lite spec as SVG, PNG or self-contained HTML (nothing loads from the internet)."""
    import vl_convert as vlc

    suffix = str(path).rsplit(".", 1)[-1].lower()
    if suffix == "svg":
        data = vlc.vegalite_to_svg(spec).encode()
    elif suffix == "png":
        data = vlc.vegalite_to_png(spec, scale=2)
    elif suffix in ("html", "htm"):
        data = vlc.vegalite_to_html(spec, bundle=True).encode()
    elif suffix == "json":
        import json

        data = json.dumps(spec, indent=1).encode()
    else:
        raise ValueError(f"charts are written as .svg, .png, .html or .json, not .{suffix}")
    with open(path, "wb") as f:
        f.write(data)
