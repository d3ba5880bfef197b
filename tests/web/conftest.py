"""The web app's tests: Django configured here (not globally), and one small synthetic council per run.

The rest of the suite is not Django; pytest-django stays inert for it because ``DJANGO_SETTINGS_MODULE`` is
set only when this folder is collected. The app database is SQLite, or the real PostgreSQL when
``CLEARSIGHT_TEST_DATABASE_URL`` is set (CI); ``test_databases.py`` runs the suite on the other one too.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

YEARS = ["2024-25", "2025-26"]
PASSWORD = "a-long-test-passphrase-42"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's chromium through Playwright")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearsight.web.settings")
    os.environ.setdefault("CLEARSIGHT_SECRET_KEY", "tests-only-secret-key-not-for-use-anywhere-else-0123456789")
    test_url = os.environ.get("CLEARSIGHT_TEST_DATABASE_URL")
    saved = os.environ.pop("DATABASE_URL", None)
    if test_url and os.environ.get("CLEARSIGHT_WEB_TEST_DB", "") != "sqlite":
        os.environ["DATABASE_URL"] = test_url
    import django

    django.setup()  # the settings read DATABASE_URL now; the rest of the suite sees it as it was
    os.environ.pop("DATABASE_URL", None)
    if saved is not None:
        os.environ["DATABASE_URL"] = saved
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        # A test database of this run's own, so two test runs on one server cannot drop each other's.
        db.setdefault("TEST", {})["NAME"] = f"test_clearsight_web_{os.getpid()}"
    if db["ENGINE"].endswith("sqlite3"):
        # A file, not shared-cache memory: the live server's threads and the worker then each get a connection
        # that waits for a lock instead of failing with "database table is locked".
        db.setdefault("TEST", {})["NAME"] = str(Path(tempfile.gettempdir()) / f"clearsight-web-tests-{os.getpid()}.sqlite3")


def _load_council(root: Path) -> Path:
    from clearsight.synth import run_synth
    from clearsight.warehouse import catalog
    from clearsight.warehouse.load import connect, load_return

    council = root / "council"
    run_synth(council, children=1500, years=YEARS, seed=3, faults=0.02, la="E10000016")
    data = root / "data"
    for year in YEARS:
        # The 903 goes in as XML, so a test can upload the same year's CSV files as a new load.
        for path, ret in (("ssda903.xml", "ssda903"), ("cin_census.xml", "cin"), ("cms", "cms"), ("csww.xml", "csww")):
            load_return(council / year / path, ret, year, db_path=data / "warehouse.duckdb", loaded_by="fixture")
    con = connect(data / "warehouse.duckdb")
    catalog.set_council_settings(con, {"population_0_17": "21000", "la_code": "E10000016",
                                       "la_name": "Synthetic county"})
    con.close()
    return council


@pytest.fixture(scope="session")
def council_files(tmp_path_factory) -> Path:
    """A synthetic council's files (two years), and a warehouse of them in the sibling ``data`` folder."""
    root = tmp_path_factory.mktemp("web-council")
    return _load_council(root)


@pytest.fixture(autouse=True)
def web_data(council_files, monkeypatch) -> Path:
    """Every web test reads the shared fixture warehouse (read-only)."""
    d = council_files.parent / "data"
    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", str(d))
    return d


@pytest.fixture
def writable_data(council_files, tmp_path, monkeypatch) -> Path:
    """A private copy of the fixture warehouse, for tests that load into it."""
    d = tmp_path / "data"
    d.mkdir()
    shutil.copyfile(council_files.parent / "data" / "warehouse.duckdb", d / "warehouse.duckdb")
    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", str(d))
    return d


@pytest.fixture(scope="session")
def fixture_facts(council_files) -> dict:
    """Facts of the fixture council the tests point at: a team, one of its children, another team's child."""
    from clearsight.warehouse.load import connect

    con = connect(council_files.parent / "data" / "warehouse.duckdb", read_only=True)
    try:
        teams = [r[0] for r in con.execute(
            "SELECT DISTINCT team_id FROM current_teams ORDER BY team_id").fetchall()]
        counts = dict(con.execute("""SELECT team_id, count(DISTINCT child_id) FROM current_allocations
                                     WHERE allocation_type = 'SW' GROUP BY ALL""").fetchall())
        team = max(teams, key=lambda t: counts.get(t, 0))
        other = next(t for t in teams if t != team and counts.get(t, 0))
        own_child = con.execute("""SELECT child_id FROM current_allocations WHERE team_id = ? AND child_id NOT IN (
                                     SELECT child_id FROM current_allocations WHERE team_id <> ?) ORDER BY child_id LIMIT 1""",
                                [team, team]).fetchall()[0][0]
        other_child = con.execute("""SELECT child_id FROM current_allocations WHERE team_id = ? AND child_id NOT IN (
                                       SELECT child_id FROM current_allocations WHERE team_id = ?) ORDER BY child_id LIMIT 1""",
                                  [other, team]).fetchall()[0][0]
    finally:
        con.close()
    return {"team": team, "other_team": other, "child": own_child, "other_child": other_child,
            "year": YEARS[-1]}


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def main_pages(fixture_facts) -> list[str]:
    """The main pages an analyst sees (child-level ones with a reason given)."""
    team, child = fixture_facts["team"], fixture_facts["child"]
    return ["/", "/measures/", "/measures/CIN02/?by=age_band", "/teams/", f"/teams/{team}/",
            f"/teams/{team}/children/CIN02/?reason=quality", f"/children/{child}/?reason=quality",
            "/uploads/", "/sign-in/"]


@pytest.fixture
def make_user(db, fixture_facts):
    """Make a user of a role (a team manager gets the fixture's team) and return it."""
    from clearsight.web.accounts.models import User

    def make(role: str, username: str | None = None, teams: list[str] | None = None):
        if teams is None:
            teams = [fixture_facts["team"]] if role == "team_manager" else []
        return User.objects.create_user(username or f"user-{role}", password=PASSWORD, role=role, teams=teams)

    return make


@pytest.fixture
def sign_in(client, make_user):
    """A test client signed in as a new user of the role."""
    def as_role(role: str, **kw):
        user = make_user(role, **kw)
        response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, response.content[:500]
        return client

    return as_role


# Debian's chromium for the browser tests; sRGB so a screenshot's pixels are the colours the page asked for.
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--force-color-profile=srgb"]



@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need the playwright package (pip install -e '.[test]')")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()
