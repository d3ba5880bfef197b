"""Spec tests for the Missing rules."""

from clearsight.rules.ssda903.d_missing import R1004, R1005, R1006
from clearsight.rules.testing import flagged


def ms(child, **kw):
    return {"CHILD": child, "DOB": "01/01/2010", "MISSING": "M", "MIS_START": "01/06/2024", **kw}


def test_1004_missing_start_must_be_a_date():
    rows = [ms("A"), ms("B", MIS_START="31/06/2024"), ms("C", MIS_START="")]
    assert flagged(R1004, "2024-25", {"Missing": rows}) == {("Missing", 1, "B"), ("Missing", 2, "C")}


def test_1005_missing_end_if_given_must_be_a_date():
    rows = [ms("A", MIS_END="02/06/2024"), ms("B", MIS_END="02/13/2024"), ms("C")]
    assert flagged(R1005, "2024-25", {"Missing": rows}) == {("Missing", 1, "B")}


def test_1006_missing_type_must_be_m_or_a():
    rows = [ms("A"), ms("B", MISSING="a"), ms("C", MISSING="X"), ms("D", MISSING="")]
    assert flagged(R1006, "2024-25", {"Missing": rows}) == {("Missing", 2, "C")}
