"""The demo council's calibration at two seeds: the history years loaded first, its headline measures inside
the range of English councils, steady where the truth file says they are steady, its workforce moving the way
the truth file says, and its clean returns flagged by Clearsight's error rules for at most 1% of children
(rule 1002 for none). The council is generated and loaded with the real pipeline (benchmarks/synth_calibration.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from statsmodels.stats.proportion import proportions_ztest

from clearsight.measures.registry import HEADLINE_DEFAULT, all_measures

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "synth_calibration.py"
spec = importlib.util.spec_from_file_location("synth_calibration", SCRIPT)
assert spec is not None and spec.loader is not None
synth_calibration = importlib.util.module_from_spec(spec)
sys.modules["synth_calibration"] = synth_calibration
spec.loader.exec_module(synth_calibration)

CHILDREN = 2000


@pytest.fixture(scope="module", params=[1, 2], ids=["seed1", "seed2"])
def calibrated(request, tmp_path_factory):
    data = tmp_path_factory.mktemp(f"calibration_seed{request.param}")
    cal = synth_calibration.calibrate(CHILDREN, request.param, data)
    truth = json.loads((data / "council" / "truth.json").read_text())
    return cal, truth


def test_history_years_come_before_the_years_shown(calibrated):
    cal, _ = calibrated
    assert len(cal.history) == 3 and cal.history[-1] < cal.years[0]


def test_headline_measures_sit_inside_the_range_of_english_councils(calibrated):
    cal, _ = calibrated
    ranges = synth_calibration.council_ranges()
    outside = []
    for mid in HEADLINE_DEFAULT:
        assert mid in ranges, f"no range of English councils for headline measure {mid}"
        for year in cal.years:
            value = cal.measures[mid][year][0]
            assert value is not None, f"{mid} has no value in {year}"
            if not ranges[mid]["low"] <= value <= ranges[mid]["high"]:
                outside.append((mid, year, value, ranges[mid]["low"], ranges[mid]["high"]))
    assert not outside, f"outside the range of English councils: {outside}"


def test_placement_stability_is_near_england(calibrated):
    """CLA03-05 near England's 10%, 23% and 69%: pooled over the three years (a 2,000-child council has few
    children in care for 2.5 years), within 10 points."""
    cal, _ = calibrated
    for mid, england in (("CLA03", 0.10), ("CLA04", 0.23), ("CLA05", 0.69)):
        num = sum(cal.measures[mid][y][1] for y in cal.years)
        den = sum(cal.measures[mid][y][2] for y in cal.years)
        assert abs(num / den - england) <= 0.10, f"{mid} {num}/{den} = {num / den:.3f} against England's {england}"


def test_steady_measures_move_only_by_chance_and_the_workforce_moves_as_the_truth_file_says(calibrated):
    cal, truth = calibrated
    measures = all_measures()
    moves = truth["moves"]
    jumps = []
    for mid in HEADLINE_DEFAULT:
        if mid in moves:
            continue
        for a, b in zip(cal.years, cal.years[1:], strict=False):
            (va, na, da), (vb, nb, db) = cal.measures[mid][a], cal.measures[mid][b]
            if measures[mid].unit == "proportion":
                z, _p = proportions_ztest([na, nb], [da, db])
                if abs(z) > 3.5:
                    jumps.append((mid, a, b, va, vb, round(float(z), 1)))
            elif abs(vb - va) > 0.25 * abs(va):
                jumps.append((mid, a, b, va, vb))
    assert not jumps, f"steady measures that jumped: {jumps}"
    # WF03 follows the truth file's agency rate: falling over the years shown.
    assert moves["WF03"] == "workforce.agency"
    rates = [truth["workforce"][y]["agency"] for y in cal.years]
    wf03 = [cal.measures["WF03"][y][0] for y in cal.years]
    assert rates[-1] < rates[0] and wf03[-1] < wf03[0], (rates, wf03)
    # WF04 is the truth file's vacancy rate each year (vacancies are written from it), so it changes every year.
    assert moves["WF04"] == "workforce.vacancy"
    for year in cal.years:
        assert cal.measures["WF04"][year][0] == pytest.approx(truth["workforce"][year]["vacancy"], abs=0.005)
    wf04 = [cal.measures["WF04"][y][0] for y in cal.years]
    assert len(set(wf04)) == len(wf04), f"the workforce should change every year: {wf04}"


def test_clearsights_error_rules_flag_at_most_one_percent_and_rule_1002_none(calibrated):
    cal, _ = calibrated
    assert {(r, y) for r in ("ssda903", "cin") for y in cal.years} <= set(cal.errors)
    for (code, year), (total, flagged, rules) in cal.errors.items():
        assert total > 0
        assert flagged / total <= 0.01, f"{code} {year}: {flagged} of {total} children flagged: {rules}"
        assert "1002" not in rules, f"{code} {year}: rule 1002 flagged {rules['1002']} children"
