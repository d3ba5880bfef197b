"""Spec tests for the care leaver (OC3) and UASC rules."""

from clearsight.rules.ssda903.b_leavers import R215, R303, R304, R344, R345, R347, R348, R391
from clearsight.rules.testing import flagged

Y = "2024-25"


def oc3(child, in_touch="YES", activ="F1", accom="Z1", dob="01/06/2005"):
    return {"CHILD": child, "DOB": dob, "IN_TOUCH": in_touch, "ACTIV": activ, "ACCOM": accom}


def test_215_care_leaver_and_oc2_outcomes_not_both():
    oc2 = [{"CHILD": "A", "DOB": "01/06/2005", "CONVICTED": "0"}, {"CHILD": "B", "DOB": "01/06/2005"}]
    leavers = [oc3("A"), oc3("B"), oc3("C")]
    assert flagged(R215, Y, {"OC2": oc2, "OC3": leavers}) == {("OC3", 0, "A"), ("OC2", 0, "A")}


def test_344_died_or_returned_home_has_no_activity_or_accommodation():
    rows = [oc3("A", "DIED", "0", "0"), oc3("B", "RHOM", "F1", "0"), oc3("C", "DIED", "0", "Z1"),
            oc3("D", "NO", "F1", "Z1"), oc3("E", "DIED", "", "")]
    assert flagged(R344, Y, {"OC3": rows}) == {("OC3", 1, "B"), ("OC3", 2, "C")}


def test_345_in_touch_has_activity_and_accommodation():
    rows = [oc3("A"), oc3("B", activ="0"), oc3("C", accom="0"), oc3("D", "NO", "0", "0")]
    assert flagged(R345, Y, {"OC3": rows}) == {("OC3", 1, "B"), ("OC3", 2, "C")}


def test_347_no_foyer_under_18():
    rows = [oc3("A", accom="T1", dob="02/04/2006"), oc3("B", accom="T2", dob="01/04/2006"),
            oc3("C", accom="Z1", dob="02/04/2006")]
    # B turned 18 on 1 April 2024, the first day of the year.
    assert flagged(R347, Y, {"OC3": rows}) == {("OC3", 0, "A")}


def test_348_a_care_leaver_who_died_stays_recorded_as_died():
    before = [oc3("A", "DIED", "0", "0"), oc3("B", "DIED", "0", "0"), oc3("C")]
    now = [oc3("A"), oc3("B", "DIED", "0", "0"), oc3("C", "NO")]
    assert flagged(R348, "2025-26", {"OC3": now}, previous={"OC3": before}) == {("OC3", 0, "A")}


def test_391_care_leavers_are_17_to_21_in_the_year():
    rows = [oc3("A", dob="31/03/2008"), oc3("B", dob="01/04/2008"), oc3("C", dob="02/04/2002"),
            oc3("D", dob="01/04/2002"), oc3("E", "", "", "", dob="01/04/2010")]
    # A turns 17 on 31 March 2025; B only after. C turns 22 during the year; D was 22 on 1 April.
    assert flagged(R391, Y, {"OC3": rows}) == {("OC3", 1, "B"), ("OC3", 3, "D")}


def test_303_and_304_date_uasc_ceased():
    header = [{"CHILD": "A", "SEX": "M", "DOB": "01/05/2007", "ETHNIC": "WBRI", "UPN": "UN1"}]
    uasc = [{"CHILD": "A", "SEX": "M", "DOB": "01/05/2007", "DUC": "01/05/2025"},
            {"CHILD": "B", "SEX": "M", "DOB": "01/05/2007", "DUC": "02/05/2025"},
            {"CHILD": "C", "SEX": "M", "DOB": "01/05/2007", "DUC": ""}]
    # B has no Header record to carry UASC status; B's DUC is also after the 18th birthday.
    assert flagged(R303, Y, {"Header": header, "UASC": uasc}) == {("UASC", 1, "B")}
    assert flagged(R304, Y, {"UASC": uasc}) == {("UASC", 1, "B")}
