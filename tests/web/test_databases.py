"""The app database: SQLite by default, the real PostgreSQL in CI; the web tests pass on both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from clearsight.web.settings import database_settings

REPO = Path(__file__).resolve().parents[2]


def _on_postgres() -> bool:
    return bool(os.environ.get("CLEARSIGHT_TEST_DATABASE_URL")) and os.environ.get("CLEARSIGHT_WEB_TEST_DB") != "sqlite"


def test_the_tests_use_the_database_asked_for(db):
    assert connection.vendor == ("postgresql" if _on_postgres() else "sqlite")


def test_database_urls():
    assert database_settings("sqlite:////srv/cs/app.sqlite3")["NAME"] == "/srv/cs/app.sqlite3"
    pg = database_settings("postgresql://clear:s%40cret@db.internal:5433/clearsight")
    assert (pg["ENGINE"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "django.db.backends.postgresql", "clear", "s@cret", "db.internal", "5433", "clearsight")
    with pytest.raises(ValueError, match="DATABASE_URL must start"):
        database_settings("mysql://x@y/z")


@pytest.mark.postgres
@pytest.mark.slow
def test_the_web_tests_pass_on_sqlite_too():
    """CI runs the web tests on PostgreSQL; this runs them again on SQLite, browser tests included (not the slow ones)."""
    if not os.environ.get("CLEARSIGHT_TEST_DATABASE_URL"):
        pytest.skip("CLEARSIGHT_TEST_DATABASE_URL is not set: the web tests ran on SQLite only")
    if not _on_postgres():
        pytest.skip("this is the SQLite run")
    env = {**os.environ, "CLEARSIGHT_WEB_TEST_DB": "sqlite"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-m", "pytest", "tests/web", "-q", "-p", "no:cacheprovider",
                             "-m", "browser or not slow", "-x"], cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
