"""Browser tests: Debian's chromium driven by Playwright against the live app.

Sign in, upload a return, see its findings, open a measure and its funnel plot, be refused a child list with
the wrong role; every main page is scanned with axe-core (no serious or critical WCAG 2.2 AA violations) and
screenshotted into tests/web/screenshots/. Skipped where /usr/bin/chromium or Playwright is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(__file__).parent / "screenshots"  # made by the browser fixture (conftest.py)
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=live_server.url)
    pg = context.new_page()
    pg.csp_errors = []
    pg.on("console", lambda m: pg.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    yield pg
    context.close()


def sign_in(page, username: str, password: str) -> None:
    page.goto("/sign-in/")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(lambda url: "/sign-in/" not in url)


def check(page, name: str) -> None:
    """Screenshot the page and scan it with axe-core: no serious or critical violations, no CSP refusals."""
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.add_script_tag(url="/static/vendor/axe.min.js")
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
             .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))""",
        AXE_TAGS)
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name}: {bad}"
    assert not page.csp_errors, f"{name}: {page.csp_errors}"


def test_analyst_uploads_a_return_and_reads_the_measures(page, make_user, password, council_files, writable_data):
    from clearsight.web.uploads.models import Upload
    from clearsight.web.worker import run_pending

    make_user("analyst", username="ana")
    sign_in(page, "ana", password)
    page.wait_for_selector("text=Headline measures")
    assert page.locator(".cs-headline").count() >= 10
    assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    check(page, "home")

    page.goto("/uploads/")
    files = sorted((council_files / "2025-26" / "ssda903").glob("*.csv"))
    page.select_option("#return_code", "ssda903")
    page.select_option("#year", "2025-26")
    page.set_input_files("#files", [str(f) for f in files])
    assert f"{len(files)} files chosen" in page.inner_text("[data-cs-dropzone-status]")
    check(page, "upload-form")
    page.click("button:has-text('Upload and check')")
    page.wait_for_selector("#upload-progress")
    assert page.locator("progress").count() == 1
    check(page, "upload-progress")
    assert Upload.objects.get().status == Upload.QUEUED
    run_pending()  # what the background worker does
    page.wait_for_selector("text=What the checks found", timeout=30_000)  # HTMX polling notices, the page reloads
    assert page.locator("text=Findings by rule").count() == 1
    check(page, "upload-findings-summary")

    page.click("text=Browse the findings")
    page.wait_for_selector("text=Why do you need to see this?")
    check(page, "reason")
    page.check("#reason-data")
    page.click("button:has-text('Continue')")
    page.wait_for_selector("h1:has-text('Findings')")
    assert page.locator("table tbody tr").count() > 0
    check(page, "findings")

    page.goto("/measures/CIN02/")
    page.wait_for_selector("text=Monthly trend")
    funnel = page.locator("img[src*='funnel.svg']")
    assert funnel.count() == 1
    funnel.scroll_into_view_if_needed()
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    assert funnel.evaluate("i => i.naturalWidth") > 300
    check(page, "measure-CIN02")

    page.goto("/measures/")
    check(page, "measures")


def test_a_leader_is_refused_a_child_list(page, make_user, password, fixture_facts):
    make_user("leader", username="lee")
    sign_in(page, "lee", password)
    page.goto("/measures/CIN02/")
    assert page.locator("text=List the children").count() == 0  # no drill-down offered
    response = page.goto(f"/teams/{fixture_facts['team']}/children/CIN02/?reason=quality")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "You cannot see this page"
    assert fixture_facts["child"] not in page.content()
    check(page, "refused")


def test_a_team_manager_drills_down_to_a_child(page, make_user, password, fixture_facts):
    make_user("team_manager", username="tim")
    sign_in(page, "tim", password)
    page.goto(f"/teams/{fixture_facts['team']}/")
    check(page, "team")
    page.locator("a:has-text('List')").first.click()
    page.check("#reason")
    page.click("button:has-text('Continue')")
    page.wait_for_selector("h1:has-text('Children counted')")
    check(page, "team-children")
    page.locator("tbody a").first.click()
    page.wait_for_selector(".govuk-warning-text")
    check(page, "child")


def test_files_can_be_dropped_on_the_upload_form(page, make_user, password):
    make_user("analyst", username="dee")
    sign_in(page, "dee", password)
    page.goto("/uploads/")
    page.evaluate("""() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['a'], 'header.csv', {type: 'text/csv'}));
        dt.items.add(new File(['b'], 'episodes.csv', {type: 'text/csv'}));
        const zone = document.querySelector('[data-cs-dropzone]');
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""")
    assert page.inner_text("[data-cs-dropzone-status]") == "2 files chosen: header.csv, episodes.csv"
    assert page.evaluate("document.querySelector('#files').files.length") == 2


def test_an_administrator_manages_users_and_reads_the_access_log(page, make_user, password):
    make_user("administrator", username="ada")
    sign_in(page, "ada", password)
    page.goto("/users/")
    check(page, "users")
    page.fill("#id_username", "new-manager")
    page.select_option("#id_role", "team_manager")
    page.fill("#id_teams", "T01")
    page.fill("#id_password", "a-new-long-passphrase-9")
    page.click("button:has-text('Add user')")
    page.wait_for_selector("text=Added new-manager")
    page.goto("/access-log/")
    check(page, "access-log")


def test_an_analyst_publishes_and_another_discards_a_held_upload(page, make_user, password, council_files,
                                                                 writable_data, tmp_path):
    import re

    from clearsight.web import data
    from clearsight.web.uploads.models import Upload
    from clearsight.web.worker import run_pending

    text = (council_files / "2025-26" / "cin_census.xml").read_text(encoding="utf-8")
    bad = tmp_path / "cin_census.xml"  # every referral date on day 32 of its month: the XSD refuses every child
    bad.write_text(re.sub(r"<CINreferralDate>(\d{4})-(\d{2})-(\d{2})<", r"<CINreferralDate>\1-\2-32<", text))
    make_user("analyst", username="pat")
    sign_in(page, "pat", password)
    line_before = page.inner_text("#loads-reflected")
    assert line_before.startswith("Figures from loads ")

    def upload() -> Upload:
        page.goto("/uploads/")
        page.select_option("#return_code", "cin")
        page.select_option("#year", "2025-26")
        page.set_input_files("#files", [str(bad)])
        page.click("button:has-text('Upload and check')")
        page.wait_for_selector("#upload-progress")
        run_pending()
        page.wait_for_selector("#held", timeout=30_000)
        return Upload.objects.order_by("-id").first()

    held = upload()
    assert "schema or value findings on" in page.inner_text("#held-reasons")
    assert page.locator("#preview-stages tbody tr").count() > 5 and page.locator("#preview-measures").count() == 1
    check(page, "upload-held")
    page.goto("/")
    assert page.inner_text("#loads-reflected") == line_before  # nothing shown has changed

    page.goto(f"/uploads/{held.id}/")
    page.click("button:has-text('Publish')")  # no reason: refused, with the form's error
    page.wait_for_selector("#reason-error")
    page.fill("#reason", "checked with the CIN team")
    page.click("button:has-text('Publish')")
    page.wait_for_selector("text=Loaded")
    assert page.locator("#held").count() == 0
    page.goto("/")
    assert re.search(rf"\b{held.load_id}\b", page.inner_text("#loads-reflected"))

    # The same files again (after a discard they would load anew): upload a fresh copy and discard it.
    bad.write_text(bad.read_text() + "\n")
    second = upload()
    page.fill("#reason", "a second copy by mistake")
    page.click("button:has-text('Discard')")
    page.wait_for_selector("#discarded")
    second.refresh_from_db()
    assert second.load_status == "discarded" and held.load_id != second.load_id
    with data.reading() as con:
        from clearsight.warehouse import catalog

        assert catalog.current_load(con, "cin", "2025-26") == held.load_id
