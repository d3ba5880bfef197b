"""Spec tests for the rules that compare the placement's derived local authority, location and distance: this
year's (``clearsight.rules.ssda903.placement_location``) and carried on from last year's return
(``clearsight.rules.ssda903.previous_year``).

A small stand-in for the postcode lookup puts the home postcode at the grid origin and the placements
at known distances from it (1 mile = 1609.3 metres).
"""

import pytest

from clearsight.rules import engine
from clearsight.rules.ssda903 import placement_location, previous_year
from clearsight.rules.testing import flagged

KENT = "E10000016"
POSTCODES = [
    ("HO11ME", KENT, 0, 0),                     # home
    ("IN11AA", KENT, 16093, 0),                 # in the council's area, 10.0 miles
    ("IN22AA", KENT, 16093 + 322, 0),           # 10.2 miles
    ("IN33AA", KENT, 16093 + 161, 0),           # 10.1 miles
    ("OU11AA", "E06000001", 0, 3219),           # another council, 2.0 miles
    ("SC11AA", "S12000033", 16093 * 36, 0),     # Scotland, 360 miles
    ("NO11AA", KENT, None, None),               # known, but without a grid position
]


@pytest.fixture(autouse=True)
def postcode_lookup(monkeypatch):
    def install(con):
        con.execute("CREATE TEMP TABLE postcodes (postcode VARCHAR, la_code VARCHAR, easting DOUBLE, northing DOUBLE)")
        con.executemany("INSERT INTO postcodes VALUES (?, ?, ?, ?)", POSTCODES)
    monkeypatch.setattr(engine, "_install_postcodes", install)


def ep(child, decom="01/04/2024", pl_post="IN1 1AA", home_post="HO1 1ME", **kw):
    return {"CHILD": child, "DECOM": decom, "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "PLACE_PROVIDER": "PR1", "HOME_POST": home_post, "PL_POST": pl_post, **kw}


def test_406_no_distance_for_uasc_children():
    episodes = [ep("A"), ep("B"), ep("C"), ep("D", home_post="")]
    uasc = [{"CHILD": "A", "SEX": "M", "DOB": "01/01/2008", "DUC": "01/01/2026"},
            {"CHILD": "D", "SEX": "M", "DOB": "01/01/2008"}]
    last_uasc = [{"CHILD": "B", "SEX": "M", "DOB": "01/01/2008", "DUC": "01/01/2024"}]
    # A is UASC, B was last year; D is UASC but has no home postcode, so no distance.
    assert flagged(placement_location.R406, "2024-25", {"Episodes": episodes, "UASC": uasc}, previous={"UASC": last_uasc}) == {
        ("Episodes", 0, "A"), ("Episodes", 1, "B")}


def test_411_location_agrees_with_la_of_placement():
    episodes = [ep("A"), ep("B", pl_post="OU1 1AA"), ep("C", pl_post="SC1 1AA")]
    assert flagged(placement_location.R411, "2024-25", {"Episodes": episodes}, la=KENT) == set()


def test_420_no_la_of_placement_for_respite():
    episodes = [ep("A", LS="V3"), ep("B", LS="V4", pl_post=""), ep("C"), ep("D", LS="V4", pl_post="ZZ9 9ZZ")]
    assert flagged(placement_location.R420, "2024-25", {"Episodes": episodes}) == {("Episodes", 0, "A")}


def test_454_distance_over_350_miles():
    episodes = [ep("A", pl_post="SC1 1AA"), ep("B")]
    assert flagged(placement_location.R454, "2025-26", {"Episodes": episodes}) == {("Episodes", 0, "A")}


def open_last_year(child, **kw):
    return ep(child, decom="01/01/2024", **kw)


def test_452_and_503h_la_of_placement_carries_on():
    last = [open_last_year("A"), open_last_year("B"), open_last_year("C"), open_last_year("D", RNE="P")]
    this = [open_last_year("A"), open_last_year("B", pl_post="OU1 1AA"),
            open_last_year("C", pl_post="IN2 2AA"),              # another postcode in the same area
            open_last_year("D", pl_post="OU1 1AA")]              # RNE changed: 452 leaves it to 503A
    tables, previous = {"Episodes": this}, {"Episodes": last}
    assert flagged(previous_year.R452, "2024-25", tables, previous=previous) == {("Episodes", 1, "B")}
    assert flagged(previous_year.R503H, "2024-25", tables, previous=previous) == {("Episodes", 1, "B"), ("Episodes", 3, "D")}


def test_453_and_503g_distance_carries_on():
    last = [open_last_year("A"), open_last_year("B"), open_last_year("C"), open_last_year("D"),
            open_last_year("E", pl_post=""), open_last_year("F", RNE="P")]
    this = [open_last_year("A", pl_post="IN3 3AA"),    # 10.1 against 10.0: within 0.2 miles
            open_last_year("B", pl_post="IN2 2AA"),    # 10.2 against 10.0: 0.2 miles apart
            open_last_year("C", pl_post=""),           # distance now blank
            open_last_year("D"),
            open_last_year("E"),                       # distance now given
            open_last_year("F", pl_post="IN2 2AA")]    # RNE changed
    tables, previous = {"Episodes": this}, {"Episodes": last}
    expected = {("Episodes", 1, "B"), ("Episodes", 2, "C"), ("Episodes", 4, "E")}
    assert flagged(previous_year.R453, "2024-25", tables, previous=previous) == expected
    assert flagged(previous_year.R503G, "2024-25", tables, previous=previous) == expected | {("Episodes", 5, "F")}


def test_503j_location_carries_on():
    last = [open_last_year("A"), open_last_year("B"), open_last_year("C", DEC="01/03/2024", REC="E4A")]
    this = [open_last_year("A", pl_post="IN2 2AA"), open_last_year("B", pl_post="SC1 1AA"),
            ep("C", pl_post="OU1 1AA")]
    assert flagged(previous_year.R503J, "2024-25", {"Episodes": this}, previous={"Episodes": last}, la=KENT) == {
        ("Episodes", 1, "B")}
