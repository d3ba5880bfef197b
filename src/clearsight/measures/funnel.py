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
    label: str = ""  # the group's name (a team's name), shown instead of its code; the code when empty

    @property
    def name(self) -> str:
        return self.label or self.group


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


def funnel(measure: Measure, values: list[MeasureValue], period: str, dimension: str,
           labels: dict[str, str] | None = None) -> Funnel:
    """Funnel data for one period from a breakdown of a proportion measure; ``labels`` names the groups (team
    code to team name), a group without a name keeping its code."""
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
        group = str(v.group.get(dimension))
        points.append(FunnelPoint(group, v.numerator, n, rate, lo95, hi95, lo998, hi998, flag, concern,
                                  (labels or {}).get(group) or ""))
    points.sort(key=lambda pt: pt.group)
    return Funnel(measure.id, period, dimension, p, points)


# How each kind of point is drawn: colour AND shape (never colour alone), and the legend's words for it.
MARKS = {  # status: (legend text, colour, shape)
    "above998": ("Above the 99.8% limit", "#d4351c", "triangle-up"),  # GOV.UK red
    "below998": ("Below the 99.8% limit", "#1d70b8", "triangle-down"),  # GOV.UK blue
    "outside95": ("Outside the 95% limit only", "#f47738", "diamond"),  # GOV.UK orange
    "within": ("Within the limits", "#6f777b", "circle"),  # GOV.UK dark grey
}
PLOT_W, PLOT_H = 640, 400  # the plot area in pixels
LABEL_FONT = 11
CHAR_W = 0.56 * LABEL_FONT  # a label's width per character in Arial, roughly (generous, so labels never touch)


def status(pt: FunnelPoint) -> str:
    if pt.flag == "above 99.8%":
        return "above998"
    if pt.flag == "below 99.8%":
        return "below998"
    return "outside95" if pt.flag else "within"


def described(f: Funnel, measure: Measure) -> str:
    """The chart in words (its text alternative): the council rate and every team outside the 99.8% limits."""
    above = [pt for pt in f.points if status(pt) == "above998"]
    below = [pt for pt in f.points if status(pt) == "below998"]

    def names(pts: list[FunnelPoint]) -> str:
        return "; ".join(f"{pt.name} {pt.rate:.1%} of {pt.denominator:,.0f}" for pt in pts) or "none"

    return (f"Funnel plot of {measure.name} by {f.dimension}, {f.period}: {len(f.points)} groups against the "
            f"council rate {f.council_rate:.1%}, with 95% and 99.8% control limits. Above the 99.8% limit: "
            f"{names(above)}. Below the 99.8% limit: {names(below)}.")


def place_labels(f: Funnel, x_of, y_of) -> list[dict]:
    """Labels for the points outside the limits only (99.8% first, then 95%), each put beside its point where it
    overlaps no other label, no point and stays inside the plot; a label with no free place is left off (the
    table under the chart has every figure). ``x_of`` and ``y_of`` give a point's pixel position."""
    marks = [(x_of(pt.denominator), y_of(pt.rate)) for pt in f.points]
    taken = [(x - 6, y - 6, x + 6, y + 6) for x, y in marks]  # every point's own room
    order = sorted((pt for pt in f.points if pt.flag), key=lambda pt: (status(pt) == "outside95", -pt.denominator))
    placed = []
    for pt in order:
        x, y = x_of(pt.denominator), y_of(pt.rate)
        w, h = len(pt.name) * CHAR_W, LABEL_FONT + 2
        for align, dx, dy in (("left", 9, 0), ("right", -9, 0), ("center", 0, -14), ("center", 0, 14),
                              ("left", 7, -12), ("right", -7, -12), ("left", 7, 12), ("right", -7, 12)):
            left = x + dx if align == "left" else x + dx - w if align == "right" else x + dx - w / 2
            box = (left, y + dy - h / 2, left + w, y + dy + h / 2)
            inside = box[0] >= 0 and box[2] <= PLOT_W and box[1] >= 0 and box[3] <= PLOT_H
            clear = all(box[2] <= o[0] or box[0] >= o[2] or box[3] <= o[1] or box[1] >= o[3] for o in taken)
            if inside and clear:
                taken.append(box)
                placed.append({"px": x + dx, "py": y + dy, "text": pt.name, "align": align})
                break
    return placed


def funnel_spec(f: Funnel, measure: Measure) -> dict:
    """A Vega-Lite funnel chart: points for groups, curves for the 95% and 99.8% limits, a line at the council rate.

    One legend, for the points: each kind (above or below the 99.8% limit, outside the 95% limit only, within)
    has its own colour and shape; the limit curves and the council line are named where they end instead of in a
    second legend. Only points outside the limits are labelled, by name, where the label collides with nothing.
    """
    import altair as alt

    if not f.points:
        raise ValueError("no groups to plot")
    top = max(pt.denominator for pt in f.points) * 1.1
    smallest = max(1.0, min(pt.denominator for pt in f.points) * 0.8)
    curve = []
    steps = 120
    for i in range(steps + 1):
        n = smallest + (top - smallest) * i / steps
        lo95, hi95 = limits(f.council_rate, n, Z95)
        lo998, hi998 = limits(f.council_rate, n, Z998)
        curve += [{"n": n, "limit": "95%", "side": "upper", "rate": hi95},
                  {"n": n, "limit": "95%", "side": "lower", "rate": lo95},
                  {"n": n, "limit": "99.8%", "side": "upper", "rate": hi998},
                  {"n": n, "limit": "99.8%", "side": "lower", "rate": lo998}]
    # The y scale spans the points and the limits where most teams are (the limits of a team of a handful run
    # from 0% to 100% and would squash the rest); the curves are clipped to it.
    rates = [pt.rate for pt in f.points] + [c["rate"] for c in curve if c["n"] >= top * 0.15]
    pad = max(0.02, (max(rates) - min(rates)) * 0.06)
    y_lo, y_hi = max(0.0, min(rates) - pad), min(1.0, max(rates) + pad)
    if y_hi <= y_lo:
        y_lo, y_hi = max(0.0, y_lo - 0.05), min(1.0, y_hi + 0.05)

    def x_of(n: float) -> float:
        return n / top * PLOT_W

    def y_of(rate: float) -> float:
        return (y_hi - rate) / (y_hi - y_lo) * PLOT_H

    order = list(MARKS)
    points = [{"group": pt.group, "name": pt.name, "n": pt.denominator, "rate": pt.rate,
               "status": MARKS[status(pt)][0], "order": order.index(status(pt)),
               "note": ("outside the limits on the worse side" if pt.concern
                        else "outside the limits" if pt.flag else "within the limits")} for pt in f.points]
    x = alt.X("n:Q", title="Number in the group (denominator)", scale=alt.Scale(domain=[0, top], nice=False))
    y = alt.Y("rate:Q", title=measure.name, axis=alt.Axis(format="%"),
              scale=alt.Scale(domain=[y_lo, y_hi], nice=False, zero=False))
    lines = alt.Chart(alt.Data(values=curve)).mark_line(clip=True, color="#505a5f").encode(
        x=x, y=y, detail="side:N",
        strokeDash=alt.StrokeDash("limit:N", scale=alt.Scale(domain=["95%", "99.8%"], range=[[6, 3], [2, 2]]),
                                  legend=None))
    rule = alt.Chart(alt.Data(values=[{"rate": f.council_rate}])).mark_rule(color="#0b0c0c", strokeWidth=1.5).encode(
        y=alt.Y("rate:Q", scale=alt.Scale(domain=[y_lo, y_hi], nice=False, zero=False)))
    council_label = alt.Chart(alt.Data(values=[{"n": 0, "rate": f.council_rate,
                                                "text": f"Council {f.council_rate:.1%}"}])).mark_text(
        align="left", dx=4, dy=-7, fontSize=10, color="#0b0c0c").encode(x=x, y=y, text="text:N")
    legend_domain = [MARKS[k][0] for k in order]
    dots = alt.Chart(alt.Data(values=points)).mark_point(filled=True, size=110, opacity=1, stroke="#0b0c0c",
                                                         strokeWidth=0.6).encode(
        x=x, y=y,
        shape=alt.Shape("status:N", title="Teams", scale=alt.Scale(domain=legend_domain,
                                                                   range=[MARKS[k][2] for k in order])),
        color=alt.Color("status:N", title="Teams", scale=alt.Scale(domain=legend_domain,
                                                                   range=[MARKS[k][1] for k in order]),
                        legend=alt.Legend(orient="bottom", direction="horizontal", columns=2, labelLimit=400)),
        order=alt.Order("order:Q", sort="descending"),
        tooltip=[alt.Tooltip("name:N", title=f.dimension), alt.Tooltip("n:Q", title="denominator"),
                 alt.Tooltip("rate:Q", format=".1%"), "status:N", "note:N"])
    layers = [lines, rule, council_label, dots]
    placed = place_labels(f, x_of, y_of)
    for align in ("left", "right", "center"):
        mine = [{"n": p["px"] / PLOT_W * top, "rate": y_hi - p["py"] / PLOT_H * (y_hi - y_lo), "text": p["text"]}
                for p in placed if p["align"] == align]
        if mine:
            layers.append(alt.Chart(alt.Data(values=mine)).mark_text(
                align=align, baseline="middle", fontSize=LABEL_FONT, color="#0b0c0c").encode(x=x, y=y, text="text:N"))
    title = alt.Title(f"{measure.id} {measure.name}, {f.period}, by {f.dimension} (council {f.council_rate:.1%})",
                      subtitle="Solid line: the council's rate. Dashed: 95% control limits. "
                               "Dotted: 99.8% control limits.", subtitleColor="#505a5f")
    chart = alt.layer(*layers).properties(
        title=title,
        width=PLOT_W, height=PLOT_H, description=described(f, measure))
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
