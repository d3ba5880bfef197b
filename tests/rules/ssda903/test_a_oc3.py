"""Spec tests for the OC3 (care leavers) rules."""

from clearsight.rules.ssda903.a_oc3 import R131, R132, R133, R153
from clearsight.rules.testing import flagged

Y = "2024-25"


def oc3(child, **kw):
    return {"CHILD": child, "DOB": "01/01/2006", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1", **kw}


def test_131_132_133_codes_must_be_given_and_valid():
    rows = [oc3("A"), oc3("B", IN_TOUCH="MAYBE", ACTIV="F3", ACCOM="B3"), oc3("C", IN_TOUCH="", ACTIV="", ACCOM=""),
            oc3("D", ACCOM="S1", ACTIV="0")]
    for rule in (R131, R132, R133):
        assert flagged(rule, Y, {"OC3": rows}) == {("OC3", 1, "B"), ("OC3", 2, "C")}


def test_153_all_three_items_or_none():
    rows = [oc3("A"), oc3("B", IN_TOUCH="", ACTIV="", ACCOM=""), oc3("C", ACCOM=""), oc3("D", IN_TOUCH="", ACTIV="")]
    assert flagged(R153, Y, {"OC3": rows}) == {("OC3", 2, "C"), ("OC3", 3, "D")}
