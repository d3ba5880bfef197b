"""Spec tests for minimum placement ages and the home and placement postcodes.

ME14 1XX and ME15 6AA are in Maidstone, SW1A 1AA in Westminster (about 32 miles away).
"""

from clearsight.rules.ssda903.b_location import (
    R370,
    R371,
    R372,
    R373,
    R374,
    R398,
    R392a,
    R392b,
    R392c,
    R392d,
)
from clearsight.rules.testing import flagged

Y = "2024-25"


def hd(child, dob):
    return {"CHILD": child, "SEX": "M", "DOB": dob, "ETHNIC": "WBRI", "UPN": "UN1"}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "HOME_POST": "SW1A 1AA", "PL_POST": "ME14 1XX", **kw}


def test_370_to_374_minimum_ages_for_placement_types():
    cases = [(R370, "P2", 16, "2023-24"), (R371, "K3", 16, Y), (R372, "R5", 10, Y), (R373, "S1", 4, Y),
             (R374, "P3", 14, Y)]
    for rule, place, years, year in cases:
        header = [hd("A", f"02/06/{2024 - years}"), hd("B", f"01/06/{2024 - years}")]
        # A is a day short of the minimum age when placed; B has just reached it. A's episode is still open.
        eps = [ep("A", PLACE=place), ep("B", PLACE=place)]
        assert flagged(rule, year, {"Header": header, "Episodes": eps}) == {("Episodes", 0, "A")}, rule.code
    # Supported accommodation was H5 until 2023-24.
    assert flagged(R371, "2023-24", {"Header": [hd("A", "01/01/2010")], "Episodes": [ep("A", PLACE="H5")]}) == {
        ("Episodes", 0, "A")}


def test_392a_a_distance_must_be_derivable():
    rows = [ep("A"), ep("B", HOME_POST=""), ep("C", PL_POST="ZZ9 9ZZ"), ep("D", HOME_POST="", LS="V3", PL_POST=""),
            ep("E", HOME_POST="")]
    uasc = [{"CHILD": "E", "SEX": "M", "DOB": "01/01/2008"}]
    # D is on short breaks; E is an unaccompanied asylum-seeking child.
    assert flagged(R392a, Y, {"Episodes": rows, "UASC": uasc}) == {("Episodes", 1, "B"), ("Episodes", 2, "C")}


def test_392b_postcodes_must_be_recorded():
    rows = [ep("A"), ep("B", PL_POST=""), ep("C", PL_POST="ZZ9 9ZZ"), ep("D", HOME_POST="", LS="V4"),
            ep("E", HOME_POST="")]
    uasc = [{"CHILD": "E", "SEX": "M", "DOB": "01/01/2008"}]
    assert flagged(R392b, Y, {"Episodes": rows, "UASC": uasc}) == {("Episodes", 1, "B")}


def test_392c_postcodes_must_exist():
    rows = [ep("A"), ep("B", PL_POST="ZZ9 9ZZ"), ep("C", HOME_POST="sw1a1aa"), ep("D", HOME_POST="")]
    assert flagged(R392c, Y, {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_392d_home_and_placement_the_same_only_when_placed_with_parents():
    rows = [ep("A", HOME_POST="ME14 1XX"), ep("B", HOME_POST="me141xx"), ep("C", HOME_POST="ME14 1XX", PLACE="P1"),
            ep("D", HOME_POST="ME15 6AA")]
    assert flagged(R392d, Y, {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 1, "B")}


def test_398_no_postcodes_for_short_breaks():
    rows = [ep("A", LS="V3"), ep("B", LS="V4", HOME_POST=""), ep("C", LS="V3", HOME_POST="", PL_POST=""), ep("D")]
    assert flagged(R398, Y, {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 1, "B")}
