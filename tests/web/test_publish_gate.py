"""The publish gate in the web app: a doubtful upload is held with its reasons and a preview, the dashboards keep
showing the published loads until an analyst or administrator publishes it; pages (and child pages) keep
working during a load, and a child page refused as busy is in the access log."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clearsight.warehouse import catalog
from clearsight.web import data
from clearsight.web.accounts.models import AccessLog
from clearsight.web.uploads.models import Upload
from clearsight.web.worker import run_pending


def census_failing_the_schema(council_files) -> bytes:
    """The 2025-26 census with every referral date on day 32 of its month: the XSD refuses it for every child."""
    text = (council_files / "2025-26" / "cin_census.xml").read_text(encoding="utf-8")
    bad, n = re.subn(r"<CINreferralDate>(\d{4})-(\d{2})-(\d{2})<", r"<CINreferralDate>\1-\2-32<", text)
    assert n > 100
    return bad.encode()


def upload_held(client, council_files) -> Upload:
    client.post("/uploads/", {"return_code": "cin", "year": "2025-26",
                              "files": [SimpleUploadedFile("cin_census.xml", census_failing_the_schema(council_files))]})
    assert run_pending() == 1
    upload = Upload.objects.get()
    assert upload.status == Upload.DONE, upload.problems
    return upload


def figures() -> dict:
    agg = data.aggregates()
    return {"values": agg["values"], "line": data.loads_line(agg)}


def test_a_census_failing_the_schema_is_held_until_an_analyst_publishes_it(sign_in, council_files, writable_data):
    client = sign_in("analyst")
    before = figures()
    home_before = client.get("/").content.decode()
    assert before["line"] and before["line"] in home_before

    upload = upload_held(client, council_files)
    assert upload.load_status == "held" and upload.stage == "held for review"
    assert any("schema or value findings on" in r for r in upload.held_reasons)
    page = client.get(f"/uploads/{upload.id}/").content.decode()
    assert "is held for review" in page and "Why it was held" in page and "schema or value findings on" in page
    assert "Children at each stage, 2025-26" in page and "Headline measures, 2025-26" in page
    assert f'action="/uploads/{upload.id}/publish/"' in page and "Discard" in page
    assert "Held for review" in client.get("/uploads/").content.decode()

    # Nothing people see has changed: the figures and the loads they come from.
    assert figures() == before
    assert client.get("/").content.decode().count(f"load {upload.load_id}") == 0
    assert f"{upload.load_id}" not in before["line"]
    measure = client.get("/measures/CIN02/").content.decode()
    assert before["line"] in measure

    no_reason = client.post(f"/uploads/{upload.id}/publish/", {"reason": " "})
    assert no_reason.status_code == 400 and b"Say why" in no_reason.content
    assert client.get(f"/uploads/{upload.id}/publish/").status_code == 405
    done = client.post(f"/uploads/{upload.id}/publish/", {"reason": "checked with the CIN team"})
    assert done.status_code == 302
    upload.refresh_from_db()
    assert upload.load_status == "published"
    after = figures()
    assert after["values"]["CIN02"] != before["values"]["CIN02"]
    assert re.search(rf"Figures from loads [\d, ]*\b{upload.load_id}\b", after["line"])
    assert after["line"] in client.get("/").content.decode()
    page = client.get(f"/uploads/{upload.id}/").content.decode()
    assert "is held for review" not in page and "Loaded" in page
    with data.reading() as con:
        decisions = catalog.load_decisions(con, upload.load_id)
    assert [(d.decision, d.decided_by, d.reason) for d in decisions][-1] == (
        "published", "user-analyst", "checked with the CIN team")


def test_an_administrator_may_discard_a_held_upload_and_a_leader_may_not(
        client, make_user, password, council_files, writable_data):
    analyst = make_user("analyst")
    client.post("/sign-in/", {"username": analyst.username, "password": password})
    upload = upload_held(client, council_files)
    before = figures()
    for role, allowed in (("leader", False), ("qa_auditor", False), ("administrator", True)):
        user = make_user(role)
        client.logout()
        client.post("/sign-in/", {"username": user.username, "password": password})
        page = client.get(f"/uploads/{upload.id}/")
        response = client.post(f"/uploads/{upload.id}/discard/", {"reason": "the wrong file"})
        if not allowed:
            assert response.status_code == 403, role
            assert b"Discard" not in page.content
        else:
            assert page.status_code == 200 and b"Discard" in page.content
            assert response.status_code == 302
    upload.refresh_from_db()
    assert upload.load_status == "discarded"
    assert figures() == before
    assert b"was discarded" in client.get(f"/uploads/{upload.id}/").content
    again = client.post(f"/uploads/{upload.id}/publish/", {"reason": "changed my mind"})
    assert again.status_code == 302  # a discarded load may still be published, and that is logged too
    with data.reading() as con:
        assert [d.decision for d in catalog.load_decisions(con, upload.load_id)] == ["held", "discarded", "published"]


def test_pages_and_child_pages_work_during_a_cli_load(sign_in, council_files, writable_data, fixture_facts):
    client = sign_in("analyst")
    version = data.version()
    env = {**os.environ, "CLEARSIGHT_DATA_DIR": str(writable_data), "CLEARSIGHT_TEST_PAUSE_IN_LOAD": "after-first-batch:60"}
    # The 903 of 2025-26 as CSV files (the fixture loaded its XML), held open mid-load.
    proc = subprocess.Popen([sys.executable, "-m", "clearsight.cli", "load",
                             str(council_files / "2025-26" / "ssda903"), "--return", "ssda903", "--year", "2025-26"],
                            stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        for line in proc.stderr:
            if "CLEARSIGHT-PAUSED" in line:
                break
        else:
            pytest.fail("the load never paused")
        assert client.get("/").status_code == 200
        assert client.get("/measures/CIN02/").status_code == 200
        child = client.get(f"/children/{fixture_facts['child']}/?reason=quality")
        assert child.status_code == 200 and fixture_facts["child"].encode() in child.content
        row = AccessLog.objects.get()
        assert (row.outcome, row.child_id) == ("shown", fixture_facts["child"])
        assert data.version() == version  # still the last published version
    finally:
        proc.kill()
        proc.wait(timeout=30)


def test_a_child_page_refused_as_busy_is_in_the_access_log(sign_in, writable_data, fixture_facts):
    client = sign_in("analyst")
    data.current()  # the current version's snapshot, a link to the warehouse file
    code = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(writable_data / "warehouse.duckdb")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        url = f"/children/{fixture_facts['child']}/?reason=quality"
        response = client.get(url)
        assert response.status_code == 503
        row = AccessLog.objects.get()
        assert (row.outcome, row.action, row.child_id) == ("refused", "child record", fixture_facts["child"])
        assert row.subject.startswith("busy") and row.reason.startswith("Quality assurance")
        assert client.get("/").status_code in (200, 503)  # an aggregate page: not a child-level access, not logged
        assert AccessLog.objects.count() == 1
    finally:
        holder.kill()
        holder.wait(timeout=30)
