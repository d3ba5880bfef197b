"""Home, measures, a page per measure with its charts, teams, and the drill-down to children."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from clearsight.measures.engine import MeasureValue
from clearsight.measures.intervals import method
from clearsight.reports.output import safe_row
from clearsight.returns.codes import group_label
from clearsight.web import charts, data, roles
from clearsight.web.accounts.access import child_level, log_access, refuse, require
from clearsight.web.dashboards.present import full_history, polarity, shown

DIMENSION_LABELS = {"team": "Team", "worker": "Social worker", "age_band": "Age", "sex": "Sex", "ethnicity": "Ethnicity",
                    "disability": "Disability", "legal_status": "Legal status", "placement_type": "Placement type"}


def _nothing_loaded(request):
    return render(request, "dashboards/empty.html", {"may_upload": roles.can(request.user, "upload_returns")})


def _period(request, agg: dict) -> str:
    p = request.GET.get("period", "")
    return p if p in agg["years"] else data.latest_year(agg)


def _measure(measure_id: str):
    ms = data.measures()
    m = ms.get(measure_id) or ms.get(measure_id.upper())
    if m is None:
        raise Http404("no such measure")
    return m


def _monthly(agg: dict, mid: str) -> list[MeasureValue]:
    monthly = agg["values"].get(mid, {}).get("monthly", {})
    return [data.value_from_json(monthly[p]) for p in agg["months"] if p in monthly]


def _loaded_aggregates() -> dict | None:
    """The published figures, or None while nothing is loaded."""
    try:
        agg = data.aggregates()
    except data.NoWarehouse:
        return None
    return agg if agg["years"] else None


def home(request):
    if not roles.can(request.user, "aggregates"):
        return render(request, "dashboards/personal_home.html")
    agg = _loaded_aggregates()
    if agg is None:
        return _nothing_loaded(request)
    period = _period(request, agg)
    suppress = roles.suppress_small_numbers(request.user)
    cards = []
    for mid in data.headline_ids():
        m = data.measures()[mid]
        v = agg["values"].get(mid, {}).get("yearly", {}).get(period)
        months = [x for x in _monthly(agg, mid) if x.value is not None]
        cards.append({"m": m, "v": shown(m, v, suppress), "has_trend": len(months) > 1,
                      "trend_from": months[0].period if months else "", "trend_to": months[-1].period if months else ""})
    return render(request, "dashboards/home.html", {
        "cards": cards, "period": period, "years": list(reversed(agg["years"])), "council": agg.get("council", {}),
        "loads_line": data.loads_line(agg)})


@require("aggregates")
def measure_list(request):
    agg = _loaded_aggregates()
    if agg is None:
        return _nothing_loaded(request)
    period = _period(request, agg)
    suppress = roles.suppress_small_numbers(request.user)
    rows = [{"m": m, "v": shown(m, agg["values"].get(mid, {}).get("yearly", {}).get(period), suppress),
             "headline": mid in data.headline_ids()} for mid, m in data.measures().items()]
    return render(request, "dashboards/measures.html", {"rows": rows, "period": period,
                                                        "years": list(reversed(agg["years"]))})


def _team_rows(request, m, period: str) -> tuple[list[dict], dict | None, list[str]]:
    """The team breakdown the user may see, the funnel's council rate, and the teams shown."""
    values = data.team_breakdowns(period).get(m.id, [])
    names = data.teams()
    visible = set(roles.visible_teams(request.user, [v["group"].get("team") for v in values]))
    suppress = roles.suppress_small_numbers(request.user)
    funnel_by_team = {}
    council = None
    if m.unit == "proportion":
        try:
            f = charts.team_funnel(m, [data.value_from_json(v) for v in values], period, visible, names)
            funnel_by_team = {p.group: p for p in f.points}
            council = {"rate": f.council_rate, "described": charts.funnel_text(m, f)}
        except ValueError:
            pass
    rows = []
    for v in values:
        team = v["group"].get("team")
        if team not in visible:
            continue
        pt = funnel_by_team.get(team)
        rows.append({"team": team, "name": names.get(team, team), "v": shown(m, v, suppress),
                     "flag": pt.flag if pt else "", "concern": pt.concern if pt else False,
                     "limits": f"{pt.lower95:.1%} to {pt.upper95:.1%}" if pt else ""})
    return rows, council, sorted(visible)


@require("aggregates")
def measure_detail(request, measure_id: str):
    m = _measure(measure_id)
    agg = _loaded_aggregates()
    if agg is None:
        return _nothing_loaded(request)
    period = _period(request, agg)
    suppress = roles.suppress_small_numbers(request.user)
    yearly = [{"period": y, "v": shown(m, agg["values"].get(m.id, {}).get("yearly", {}).get(y), suppress)}
              for y in agg["years"]]
    monthly = [{"period": x.period, "v": shown(m, x.as_json(), suppress)} for x in _monthly(agg, m.id)]
    team_rows, council, _teams = [], None, []
    if "team" in m.dimensions and roles.can(request.user, "team_breakdowns"):
        team_rows, council, _teams = _team_rows(request, m, period)
    by = request.GET.get("by", "")
    other_dims = [d for d in m.dimensions if d not in ("team", "worker")]
    breakdown = []
    if by in other_dims:
        breakdown = [{"group": group_label({by: v["group"].get(by)}).split("=", 1)[1] or "Not known",
                      "v": shown(m, v, suppress)} for v in data.breakdown(m.id, by, period)]
    current = next((y["v"] for y in yearly if y["period"] == period), None)
    return render(request, "dashboards/measure.html", {
        "m": m, "period": period, "years": list(reversed(agg["years"])), "current": current, "yearly": yearly,
        "monthly": monthly, "team_rows": team_rows, "council": council, "by": by,
        "dimensions": [(d, DIMENSION_LABELS.get(d, d)) for d in other_dims], "by_label": DIMENSION_LABELS.get(by, by),
        "breakdown": breakdown, "polarity": polarity(m), "show_funnel": bool(team_rows) and council is not None,
        "may_drill": roles.can(request.user, "child_level"), "loads_line": data.loads_line(agg),
        "trend_to": monthly[-1]["period"] if monthly else "", "full_history": full_history(m, monthly),
        "interval_method": method(m.unit, m.aggregate)})


def _svg(text: str) -> HttpResponse:
    response = HttpResponse(text, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


def _monthly_chart(measure_id: str, kind: str, render) -> HttpResponse:
    """A measure's monthly values drawn by ``render`` (trend or sparkline), cached as SVG."""
    m = _measure(measure_id)
    values = _monthly(data.aggregates(), m.id)
    if not [v for v in values if v.value is not None]:
        raise Http404("no values to chart")
    return _svg(data.cached(f"svg/{kind}/{m.id}", lambda _path: render(m, values), text=True))


@require("aggregates")
def trend_chart(request, measure_id: str):
    return _monthly_chart(measure_id, "trend", charts.trend_svg)


@require("aggregates")
def sparkline_chart(request, measure_id: str):
    return _monthly_chart(measure_id, "sparkline", charts.sparkline_svg)


@require("team_breakdowns")
def funnel_chart(request, measure_id: str):
    m = _measure(measure_id)
    agg = data.aggregates()
    period = _period(request, agg)
    values = [data.value_from_json(v) for v in data.team_breakdowns(period).get(m.id, [])]
    visible = set(roles.visible_teams(request.user, [v.group.get("team") for v in values]))
    if m.unit != "proportion" or not visible:
        raise Http404("no funnel plot for this measure")
    key = f"svg/funnel/{m.id}/{period}/" + ("all" if roles.sees_all_teams(request.user) else ",".join(sorted(visible)))
    try:
        return _svg(data.cached(key, lambda _path: charts.funnel_svg(
            m, charts.team_funnel(m, values, period, visible, data.teams())), text=True))
    except ValueError as exc:
        raise Http404(str(exc)) from None


@require("aggregates")
def measure_export(request, measure_id: str):
    """The measure's values as CSV: council-wide by year and month, and by team for those who may see teams;
    no cell a spreadsheet would run as a formula (``reports.output.safe_row``)."""
    m = _measure(measure_id)
    agg = data.aggregates()
    suppress = roles.suppress_small_numbers(request.user)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(safe_row(["measure", "name", "period", "group", "group_label", "numerator", "denominator", "value",
                         "lower", "upper", "shown", "interval", "history", "history_note", "england", "comparison"]))

    def row(label: str, group: str, group_shown: str, s: dict) -> list:
        return [m.id, m.name, label, group, group_shown, s["numerator"], s["denominator"], s["value"], s.get("lower"),
                s.get("upper"), s["shown"], s["interval_shown"], s["history"], s["history_note"], m.england,
                s.get("comparison")]

    for label in agg["years"] + agg["months"]:
        bucket = "yearly" if label in agg["years"] else "monthly"
        v = agg["values"].get(m.id, {}).get(bucket, {}).get(label)
        if v:
            s = shown(m, v, suppress)
            w.writerow(safe_row(row(label, "council", "council", s)))
    if "team" in m.dimensions and roles.can(request.user, "team_breakdowns"):
        period = _period(request, agg)
        for team_row in _team_rows(request, m, period)[0]:
            s = team_row["v"]
            w.writerow(safe_row(row(period, f"team={team_row['team']}", f"team={team_row['name']}", s)))
    response = HttpResponse(buf.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{m.id}.csv"'
    return response


@require("team_breakdowns")
def team_list(request):
    agg = _loaded_aggregates()
    if agg is None:
        return _nothing_loaded(request)
    try:
        names = data.teams()
    except data.NoWarehouse:
        return _nothing_loaded(request)
    period = _period(request, agg)
    visible = roles.visible_teams(request.user, sorted(names))
    return render(request, "dashboards/teams.html", {
        "teams": [(t, names[t]) for t in visible], "period": period, "years": list(reversed(agg["years"]))})


@require("team_breakdowns")
def team_detail(request, team: str):
    if not roles.may_see_team(request.user, team):
        raise PermissionDenied
    agg = data.aggregates()
    period = _period(request, agg)
    names = data.teams()
    suppress = roles.suppress_small_numbers(request.user)
    by_team = data.team_breakdowns(period)
    rows = []
    for mid, values in by_team.items():
        m = data.measures()[mid]
        v = next((x for x in values if x["group"].get("team") == team), None)
        council = agg["values"].get(mid, {}).get("yearly", {}).get(period)
        rows.append({"m": m, "v": shown(m, v, suppress), "council": shown(m, council, suppress),
                     "headline": mid in data.headline_ids()})
    rows.sort(key=lambda r: (not r["headline"], r["m"].id))
    return render(request, "dashboards/team.html", {
        "team": team, "name": names.get(team, team), "rows": rows, "period": period,
        "years": list(reversed(agg["years"])), "may_drill": roles.can(request.user, "child_level")})


@child_level("team child list")
def team_children(request, team: str, measure_id: str):
    m = _measure(measure_id)
    agg = data.aggregates()
    period = _period(request, agg)
    subject = f"team {team}, {m.id}, {period}"
    if not roles.may_see_team(request.user, team) or "team" not in m.dimensions:
        refuse(request, "team child list", subject)
    rows = data.team_children(m.id, team, period)
    log_access(request, "team child list", subject, rows=len({r.child_id for r in rows}), reason=request.access_reason)
    return render(request, "dashboards/team_children.html", {
        "m": m, "team": team, "name": data.teams().get(team, team), "period": period, "rows": rows,
        "counted": sum(1 for r in rows if r.counted), "may_open_child": True,
        "back": reverse("dashboards:measure", args=[m.id]) + f"?period={period}"})


@child_level("child record")
def child_detail(request, child_id: str):
    if not roles.sees_all_teams(request.user):
        own = set(request.user.teams or [])
        if not (data.child_teams(child_id) & own):
            refuse(request, "child record", child_id=child_id)
    sections = data.child_record(child_id)
    if not any(s["rows"] for s in sections):
        log_access(request, "child record", "not found", child_id=child_id, rows=0, reason=request.access_reason)
        raise Http404("no such child")
    log_access(request, "child record", child_id=child_id, rows=1, reason=request.access_reason)
    return render(request, "dashboards/child.html", {"child_id": child_id, "sections": sections})
