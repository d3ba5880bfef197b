"""The funnel chart's drawing: one legend, outliers by colour and shape, team names, labels that never collide."""

from __future__ import annotations

from clearsight.measures.engine import MeasureValue
from clearsight.measures.funnel import (
    CHAR_W,
    LABEL_FONT,
    MARKS,
    PLOT_H,
    PLOT_W,
    described,
    funnel,
    funnel_spec,
    place_labels,
    status,
)
from clearsight.measures.registry import all_measures


def crowded_values() -> list[MeasureValue]:
    """Twelve teams of 200 at a council rate near 50%: four far above (crowded together), two far below, the
    rest within the limits."""
    rates = [0.90, 0.91, 0.92, 0.93, 0.10, 0.11, 0.5, 0.49, 0.51, 0.52, 0.48, 0.5]
    return [MeasureValue(id="CIN05", period="2025-26", group={"team": f"T{i:02d}"}, numerator=round(r * 200),
                         denominator=200, value=r, unit="proportion", england=None)
            for i, r in enumerate(rates)]


NAMES = {f"T{i:02d}": f"A long team name number {i}" for i in range(11)}  # T11 has no name: keeps its code


def test_points_are_named_and_marked_by_colour_and_shape_in_one_legend():
    m = all_measures()["CIN05"]
    f = funnel(m, crowded_values(), "2025-26", "team", NAMES)
    assert [pt.name for pt in f.points][-1] == "T11" and f.points[0].name == "A long team name number 0"
    spec = funnel_spec(f, m)
    legends = []
    for layer in spec["layer"]:
        for channel, enc in layer.get("encoding", {}).items():
            if channel in ("color", "shape", "strokeDash", "size", "opacity") and enc.get("legend", {}) is not None:
                legends.append((channel, enc.get("field"), enc.get("title")))
    assert {(f, t) for _c, f, t in legends} == {("status", "Teams")}  # colour and shape merge into one legend
    dots = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    colours = dict(zip(dots["encoding"]["color"]["scale"]["domain"], dots["encoding"]["color"]["scale"]["range"],
                       strict=True))
    shapes = dict(zip(dots["encoding"]["shape"]["scale"]["domain"], dots["encoding"]["shape"]["scale"]["range"],
                      strict=True))
    assert len(set(colours.values())) == len(set(shapes.values())) == len(MARKS)  # each kind its colour AND shape
    shown = dots["data"]["values"]
    assert {r["name"]: r["status"] for r in shown}["A long team name number 0"] == MARKS["above998"][0]
    assert {r["name"]: r["status"] for r in shown}["A long team name number 4"] == MARKS["below998"][0]
    assert "A long team name number 0" in described(f, m) and "A long team name number 6" not in described(f, m)


def test_only_outliers_are_labelled_and_no_two_labels_or_a_label_and_a_point_overlap():
    m = all_measures()["CIN05"]
    f = funnel(m, crowded_values(), "2025-26", "team", NAMES)
    top = 220.0

    def x_of(n):
        return n / top * PLOT_W

    def y_of(rate):
        return (1 - rate) * PLOT_H

    placed = place_labels(f, x_of, y_of)
    outliers = {pt.name for pt in f.points if pt.flag}
    assert {p["text"] for p in placed} <= outliers
    assert len(placed) >= 2  # at least one above and one below find room
    boxes = []
    for p in placed:
        w, h = len(p["text"]) * CHAR_W, LABEL_FONT + 2
        left = p["px"] if p["align"] == "left" else p["px"] - w if p["align"] == "right" else p["px"] - w / 2
        boxes.append((left, p["py"] - h / 2, left + w, p["py"] + h / 2))
    points = [(x_of(pt.denominator) - 6, y_of(pt.rate) - 6, x_of(pt.denominator) + 6, y_of(pt.rate) + 6)
              for pt in f.points]

    def overlap(a, b):
        return not (a[2] <= b[0] or a[0] >= b[2] or a[3] <= b[1] or a[1] >= b[3])

    for i, a in enumerate(boxes):
        assert 0 <= a[0] and a[2] <= PLOT_W and 0 <= a[1] and a[3] <= PLOT_H
        assert not any(overlap(a, b) for b in boxes[i + 1:])
        assert not any(overlap(a, pt) for pt in points)
    # four teams far above at almost the same place: not all of them can be labelled without a collision
    assert len([pt for pt in f.points if status(pt) == "above998"]) == 4
    assert len([p for p in placed if p["py"] < PLOT_H / 2]) < 4
