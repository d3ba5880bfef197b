"""On a synthetic council, the team funnel plots flag the teams the generator made worse (truth.json)."""

import json

import pytest

from clearsight.measures.engine import compute, prepare
from clearsight.measures.funnel import funnel
from clearsight.measures.periods import parse_period
from clearsight.measures.registry import all_measures
from clearsight.synth import run_synth
from clearsight.warehouse.load import connect, load_return

# What the generator makes a team worse at, and the measure that should show it.
ASPECT = {"assessment_timeliness": "CIN05", "cp_review_timeliness": "CP08", "cla_review_timeliness": "CLA16",
          "health_assessment": "CLA07"}
YEARS = ["2023-24", "2024-25"]


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    root = tmp_path_factory.mktemp("truth")
    run_synth(root / "council", children=6000, years=YEARS, seed=7)
    db = root / "warehouse.duckdb"
    for year in YEARS:
        for ret, path in (("cin", "cin_census.xml"), ("ssda903", "ssda903"), ("cms", "cms")):
            load_return(root / "council" / year / path, ret, year, db_path=db)
    return root, json.loads((root / "council" / "truth.json").read_text())


def _points(db, measure_id):
    con = connect(db, read_only=True)
    try:
        prepare(con, [parse_period("2024-25")])
        m = all_measures()[measure_id]
        return {p.group: p for p in funnel(m, compute(con, m, "team"), "2024-25", "team").points}
    finally:
        con.close()


def test_teams_made_worse_are_flagged_and_teams_made_better_are_not(council):
    root, truth = council
    checked = 0
    for side in ("worse", "better"):
        for team, aspects in truth[side].items():
            for aspect in aspects:
                if aspect not in ASPECT:
                    continue
                point = _points(root / "warehouse.duckdb", ASPECT[aspect])[team]
                if side == "worse":
                    assert point.concern and point.flag.endswith("99.8%"), (team, aspect, point)
                else:
                    assert not point.concern, (team, aspect, point)
                checked += 1
    assert checked >= 4
