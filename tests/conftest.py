"""Shared fixtures: a private data directory per test and the steering repo's reference samples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_REFERENCE = REPO.parent / "shared" / "reference"

# A test that forgets CLEARSIGHT_DATA_DIR must not write into the user's real data folder (config.data_dir falls
# back to platformdirs' per-user folder, which follows XDG_DATA_HOME on Linux): point that at a throw-away folder.
if not os.environ.get("CLEARSIGHT_KEEP_XDG_DATA_HOME"):
    import tempfile

    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="clearsight-test-xdg-")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A fresh CLEARSIGHT_DATA_DIR for the test."""
    d = tmp_path / "clearsight-data"
    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", str(d))
    return d


def wait_for_load_pause(proc, stage: str = "after-first-batch", seconds: float = 120) -> None:
    """Read a ``clearsight load`` subprocess's standard error until it says it paused at ``stage`` (the
    ``CLEARSIGHT_TEST_PAUSE_IN_LOAD`` hook of warehouse.load); kill it and fail if it never does."""
    import time

    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        if f"CLEARSIGHT-PAUSED {stage}" in line:
            return
    proc.kill()
    raise AssertionError(f"the load never paused at {stage}: {''.join(seen)[-2000:]}")


@pytest.fixture
def wait_for_pause():
    """:func:`wait_for_load_pause`, for tests (conftest modules are not importable under --import-mode=importlib)."""
    return wait_for_load_pause


@pytest.fixture
def reference() -> Path:
    """The public reference samples beside the repo (shared/reference); skipped where absent."""
    if not SHARED_REFERENCE.exists():
        pytest.skip("shared/reference is not beside this checkout")
    return SHARED_REFERENCE


# In CI (``CLEARSIGHT_CI_STRICT=1``, set by .ci/run) nothing may skip for want of a component the run should have
# (PostgreSQL, Debian's chromium, the peer validators, the shared reference samples): such a skip is a failure.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CLEARSIGHT_CI_STRICT") == "1" and "xfail" not in report.keywords:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {reason}"
