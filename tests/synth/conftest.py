from __future__ import annotations

from pathlib import Path

import pytest

from clearsight.synth import run_synth

YEARS = ["2023-24", "2024-25", "2025-26"]


@pytest.fixture(scope="session")
def small_council(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synth_small")
    summary = run_synth(out, children=600, years=YEARS, seed=3)
    return out, summary


@pytest.fixture(scope="session")
def faulty_council(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synth_faults")
    summary = run_synth(out, children=500, years=["2023-24", "2024-25"], seed=5, faults=0.2)
    return out, summary


@pytest.fixture(scope="session")
def calibration_council(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synth_calibration")
    summary = run_synth(out, children=3000, years=["2024-25"], seed=11)
    return out, summary
