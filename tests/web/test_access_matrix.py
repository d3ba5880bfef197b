"""Every route against every role: allowed roles get the page, others 403 and no data; child-level pages log.

``ROUTES`` must name every URL pattern of the app, so a new page cannot be added without saying who may see it.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from clearsight.web import roles
from clearsight.web.accounts.models import AccessLog

R = roles.Role
EVERYONE = frozenset(R)
STAFF = roles.STAFF
TEAMS = roles.PERMISSIONS["team_breakdowns"]
CHILD = roles.PERMISSIONS["child_level"]
RETURNS = roles.PERMISSIONS["upload_returns"] | roles.PERMISSIONS["validation_findings"] | roles.PERMISSIONS["publish_loads"]
FINDINGS = roles.PERMISSIONS["validation_findings"]

# name → (url template, roles allowed, child-level?)
ROUTES = {
    "dashboards:home": ("/", EVERYONE, False),
    "dashboards:measures": ("/measures/", STAFF, False),
    "dashboards:measure": ("/measures/CIN02/?by=age_band", STAFF, False),
    "dashboards:trend_chart": ("/measures/CIN02/trend.svg", STAFF, False),
    "dashboards:sparkline_chart": ("/measures/CIN02/sparkline.svg", STAFF, False),
    "dashboards:funnel_chart": ("/measures/CIN02/funnel.svg", TEAMS, False),
    "dashboards:measure_export": ("/measures/CIN02/export.csv", STAFF, False),
    "dashboards:teams": ("/teams/", TEAMS, False),
    "dashboards:team": ("/teams/{team}/", TEAMS, False),
    "dashboards:team_children": ("/teams/{team}/children/CIN02/", CHILD, True),
    "dashboards:child": ("/children/{child}/", CHILD, True),
    "uploads:list": ("/uploads/", RETURNS, False),
    "uploads:detail": ("/uploads/{upload}/", RETURNS, False),
    "uploads:progress": ("/uploads/{upload}/progress/", RETURNS, False),
    "uploads:findings": ("/uploads/{upload}/findings/", FINDINGS, True),
    "uploads:export": ("/uploads/{upload}/findings.xlsx", FINDINGS, True),
    "uploads:publish": (None, roles.PERMISSIONS["publish_loads"], False),  # POST only: test_publish_gate
    "uploads:discard": (None, roles.PERMISSIONS["publish_loads"], False),  # POST only: test_publish_gate
    "accounts:users": ("/users/", roles.PERMISSIONS["manage_users"], False),
    "accounts:user_active": (None, roles.PERMISSIONS["manage_users"], False),  # POST only: test_security
    "accounts:access_log": ("/access-log/", roles.PERMISSIONS["access_log"], False),
    "accounts:login": ("/sign-in/", EVERYONE, False),
    "accounts:logout": (None, EVERYONE, False),  # POST only: signing out is tested in test_security
    "healthz": ("/healthz", EVERYONE, False),
}


def _pattern_names(resolver=None, prefix="") -> set[str]:
    names = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            names |= _pattern_names(p, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def test_the_matrix_names_every_route():
    assert _pattern_names() == set(ROUTES)


@pytest.fixture
def finished_upload(db, web_data):
    """A loaded upload with one finding naming a child, and its Excel export."""
    from openpyxl import Workbook

    from clearsight.web.uploads.models import Finding, Upload
    from clearsight.web.worker import findings_xlsx_path

    upload = Upload.objects.create(return_code="ssda903", year="2025-26", status=Upload.DONE, stage="done",
                                   load_id=1, findings_count=1, children_count=1, rules_run=1)
    Finding.objects.create(upload=upload, kind="rule", rule="103", type="error", child="SECRETCHILD", table="Header",
                           row=0, fields="ETHNIC", message="The ethnicity code is either not valid or has not been entered.")
    path = findings_xlsx_path(upload.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    Workbook().save(path)
    return upload


@pytest.mark.parametrize("role", [r.value for r in R])
def test_every_route_for_a_role(role, sign_in, fixture_facts, finished_upload):
    client = sign_in(role)
    facts = {"team": fixture_facts["team"], "child": fixture_facts["child"], "upload": finished_upload.id}
    for name, (template, allowed, child_level) in ROUTES.items():
        if template is None:
            continue
        url = template.format(**facts)
        if child_level:
            url += ("&" if "?" in url else "?") + "reason=quality"
        before = AccessLog.objects.filter(outcome="shown").count()
        response = client.get(url)
        body = b"" if getattr(response, "streaming", False) else response.content
        if R(role) in allowed:
            assert response.status_code == 200, (role, name, response.status_code)
            if child_level:
                rows = AccessLog.objects.filter(outcome="shown").order_by("-id")
                assert rows.count() == before + 1, (role, name, "no access-log row")
                row = rows.first()
                assert row.username == f"user-{role}" and row.role == role
                assert row.reason.startswith("Quality assurance")
        else:
            assert response.status_code == 403, (role, name, response.status_code)
            assert AccessLog.objects.filter(outcome="shown").count() == before
            for secret in (fixture_facts["child"], "SECRETCHILD", "Re-referrals within 12 months"):
                assert secret.encode() not in body, (role, name, secret)


def test_a_care_leaver_home_shows_no_aggregates(sign_in):
    page = sign_in("care_leaver").get("/")
    assert page.status_code == 200
    assert b"Your records" in page.content and b"Re-referrals" not in page.content


def test_a_team_manager_sees_only_their_teams(sign_in, fixture_facts):
    client = sign_in("team_manager")
    own, other = fixture_facts["team"], fixture_facts["other_team"]
    teams = client.get("/teams/").content.decode()
    assert f"/teams/{own}/" in teams and f"/teams/{other}/" not in teams
    measure = client.get("/measures/CIN02/").content.decode()
    assert f"/teams/{own}/" in measure and f"/teams/{other}/" not in measure
    assert client.get(f"/teams/{other}/").status_code == 403
    assert client.get(f"/teams/{other}/children/CIN02/?reason=quality").status_code == 403
    assert client.get(f"/children/{fixture_facts['other_child']}/?reason=quality").status_code == 403
    refused = AccessLog.objects.filter(outcome="refused", username="user-team_manager")
    assert refused.count() == 2
    assert refused.filter(child_id=fixture_facts["other_child"]).exists()
    assert client.get(f"/children/{fixture_facts['child']}/?reason=quality").status_code == 200


def test_child_pages_ask_for_a_reason_first_and_remember_it(sign_in, fixture_facts):
    client = sign_in("analyst")
    url = f"/children/{fixture_facts['child']}/"
    first = client.get(url)
    assert first.status_code == 200 and b"Why do you need to see this?" in first.content
    assert fixture_facts["child"].encode() not in first.content.replace(url.encode(), b"")
    assert not AccessLog.objects.exists()
    assert b"Why do you need" in client.get(url + "?reason=other").content  # "Other" needs words
    shown = client.get(url + "?reason=other&reason_detail=Checking+a+complaint")
    assert b"Why do you need" not in shown.content
    again = client.get(url)
    assert b"Why do you need" not in again.content
    reasons = list(AccessLog.objects.order_by("id").values_list("reason", "child_id"))
    assert reasons == [("Other (say what): Checking a complaint", fixture_facts["child"])] * 2


def test_small_numbers_are_suppressed_for_roles_without_child_access(sign_in, fixture_facts):
    leader = sign_in("leader").get("/measures/CIN02/export.csv").content.decode("utf-8-sig")
    assert "team=" in leader
    from clearsight.web import data

    smallest = min((v for v in data.team_breakdowns(fixture_facts["year"])["CIN02"] if v["numerator"]),
                   key=lambda v: v["numerator"])
    if 1 <= smallest["numerator"] <= 4:
        assert "<5" in leader
