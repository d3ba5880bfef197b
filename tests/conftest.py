"""Shared fixtures: a private data directory per test and the steering repo's reference samples."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_REFERENCE = REPO.parent / "shared" / "reference"


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A fresh CLEARSIGHT_DATA_DIR for the test."""
    d = tmp_path / "clearsight-data"
    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", str(d))
    return d


@pytest.fixture
def reference() -> Path:
    """The public reference samples beside the repo (shared/reference); skipped where absent."""
    if not SHARED_REFERENCE.exists():
        pytest.skip("shared/reference is not beside this checkout")
    return SHARED_REFERENCE
