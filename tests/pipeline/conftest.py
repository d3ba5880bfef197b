"""A small synthetic council loaded through the pipeline once per run; each test gets its own copy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

YEARS = ["2024-25", "2025-26"]
RETURNS = (("ssda903", "ssda903"), ("cin", "cin_census.xml"), ("cms", "cms"), ("csww", "csww.xml"))


def cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``clearsight`` in a process of its own (the data directory comes from the environment)."""
    return subprocess.run([sys.executable, "-m", "clearsight.cli", *args], capture_output=True, text=True,
                          env=env or os.environ.copy(), timeout=timeout)


def start(*args: str, pause: str | None = None) -> subprocess.Popen:
    """Start ``clearsight`` without waiting for it; with ``pause`` (``<stage>:<seconds>``) a load stops there."""
    env = os.environ.copy()
    if pause:
        env["CLEARSIGHT_TEST_PAUSE_IN_LOAD"] = pause
    return subprocess.Popen([sys.executable, "-m", "clearsight.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def held_message(load_id: int) -> re.Pattern:
    """The exact line a held load prints."""
    return re.compile(rf"^held for review: load {load_id} \((.+)\); publish with clearsight publish {load_id} "
                      rf"or discard with clearsight discard {load_id}$", re.M)


def census_failing_the_schema(good: Path, target: Path) -> Path:
    """The census with every referral date mangled (day 32 of its month): the XSD refuses
    it for every child, and the referrals lose their dates (so the figures move when it is published)."""
    text = good.read_text(encoding="utf-8")
    bad, n = re.subn(r"<CINreferralDate>(\d{4})-(\d{2})-(\d{2})<", r"<CINreferralDate>\1-\2-32<", text)
    assert n > 100
    target.write_text(bad, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def council(tmp_path_factory) -> Path:
    """The council's files (two years) and, in the sibling ``data`` folder, a warehouse of them loaded through
    the pipeline (every load published)."""
    from clearsight import pipeline
    from clearsight.synth import run_synth

    root = tmp_path_factory.mktemp("pipeline-council")
    files = root / "council"
    run_synth(files, children=600, years=YEARS, seed=5, faults=0.0, la="E10000016")
    saved = os.environ.get("CLEARSIGHT_DATA_DIR")
    os.environ["CLEARSIGHT_DATA_DIR"] = str(root / "data")
    try:
        for year in YEARS:
            for code, name in RETURNS:
                outcome = pipeline.load(files / year / name, code, year, loaded_by="fixture")
                assert outcome.status == "published", outcome.reasons
    finally:
        if saved is None:
            os.environ.pop("CLEARSIGHT_DATA_DIR", None)
        else:
            os.environ["CLEARSIGHT_DATA_DIR"] = saved
    return files


@pytest.fixture
def data(council, tmp_path, monkeypatch) -> Path:
    """A private copy of the council's warehouse as this test's data directory."""
    d = tmp_path / "data"
    d.mkdir()
    shutil.copyfile(council.parent / "data" / "warehouse.duckdb", d / "warehouse.duckdb")
    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", str(d))
    return d


@pytest.fixture
def run(wait_for_pause):
    """The helpers above, for the tests (conftest modules are not importable under --import-mode=importlib)."""
    from types import SimpleNamespace

    return SimpleNamespace(cli=cli, start=start, wait_for_pause=wait_for_pause, held_message=held_message,
                           census_failing_the_schema=census_failing_the_schema)
