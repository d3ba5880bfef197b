"""Spec tests for the missing rules (``clearsight.rules.ssda903.missing``)."""

from clearsight.rules.ssda903 import missing as r
from clearsight.rules.ssda903.missing import R1004, R1005, R1006
from clearsight.rules.testing import flagged


def mis(child, start, end="", kind="M", dob="01/01/2010"):
    return {"CHILD": child, "DOB": dob, "MISSING": kind, "MIS_START": start, "MIS_END": end}


def ep(child, decom, dec="", rec="", **kw):
    if dec and not rec:
        rec = "X1"
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, "RNE": "S", "LS": "C2", "CIN": "N1",
            "PLACE": "U1", **kw}


def ms(child, **kw):
    return {"CHILD": child, "DOB": "01/01/2010", "MISSING": "M", "MIS_START": "01/06/2024", **kw}


def test_564_missing_needs_a_start_date():
    rows = [mis("A", ""), mis("B", "01/05/2024"), mis("C", "31/02/2024"), mis("D", "", kind="")]
    # C's start is there but is not a date: that is the date rule's business.
    assert flagged(r.R564, "2024-25", {"Missing": rows}) == {("Missing", 0, "A")}


def test_565_566_dates_need_missing_or_away():
    rows = [mis("A", "01/05/2024", kind=""), mis("B", "", "02/05/2024", kind=""), mis("C", "01/05/2024"),
            mis("D", "", kind="")]
    assert flagged(r.R565, "2024-25", {"Missing": rows}) == {("Missing", 0, "A")}
    assert flagged(r.R566, "2024-25", {"Missing": rows}) == {("Missing", 1, "B")}


def test_567_end_not_before_start():
    rows = [mis("A", "02/05/2024", "01/05/2024"), mis("B", "01/05/2024", "01/05/2024")]
    assert flagged(r.R567, "2024-25", {"Missing": rows}) == {("Missing", 0, "A")}


def test_570_571_dates_within_the_year():
    rows = [mis("A", "01/04/2025"), mis("B", "31/03/2025", "01/04/2025"), mis("C", "01/03/2024", "31/03/2024"),
            mis("D", "01/03/2024", "01/04/2024"), mis("E", "31/03/2025", "31/03/2025")]
    assert flagged(r.R570, "2024-25", {"Missing": rows}) == {("Missing", 0, "A")}
    assert flagged(r.R571, "2024-25", {"Missing": rows}) == {("Missing", 1, "B"), ("Missing", 2, "C")}


def test_574_periods_do_not_overlap_or_follow_an_open_one():
    rows = [mis("A", "01/05/2024"), mis("A", "01/06/2024", "02/06/2024"),           # A's first never ended
            mis("B", "01/05/2024", "10/05/2024"), mis("B", "09/05/2024", "12/05/2024"),  # overlap
            mis("C", "01/05/2024", "10/05/2024"), mis("C", "10/05/2024", "12/05/2024")]  # back to back: fine
    assert flagged(r.R574, "2024-25", {"Missing": rows}) == {("Missing", 1, "A"), ("Missing", 3, "B")}


def test_575_missing_from_a_placement_that_ended_needs_an_end():
    episodes = [ep("A", "01/04/2024", "01/06/2024"), ep("A", "01/06/2024", RNE="P"),
                ep("B", "01/04/2024", "01/06/2024")]
    rows = [mis("A", "15/05/2024"), mis("A", "15/07/2024"), mis("B", "15/05/2024", "16/05/2024")]
    assert flagged(r.R575, "2024-25", {"Episodes": episodes, "Missing": rows}) == {("Missing", 0, "A")}


def test_576_last_years_open_period_carries_on():
    last = [mis("A", "01/03/2024"), mis("B", "01/03/2024"), mis("C", "01/03/2024", "02/03/2024")]
    rows = [mis("A", "01/03/2024", "05/04/2024"), mis("A", "01/06/2024"),
            mis("B", "01/05/2024"), mis("C", "01/05/2024")]
    assert flagged(r.R576, "2024-25", {"Missing": rows}, previous={"Missing": last}) == {("Missing", 2, "B")}


def test_577_open_missing_period_needs_an_open_period_of_care():
    episodes = [ep("A", "01/04/2024", "01/06/2024", "E4A"),
                ep("B", "01/04/2024", "01/06/2024"), ep("B", "01/06/2024", RNE="P"),   # one open period
                ep("C", "01/04/2024", "01/06/2024", "E4A")]
    rows = [mis("A", "15/05/2024"),                       # open, but care ended
            mis("B", "15/05/2024"),                       # open, care continues
            mis("C", "15/05/2024", "16/05/2024"),         # closed: not this rule's business
            mis("D", "15/05/2024")]                       # no episodes at all
    assert flagged(r.R577, "2024-25", {"Episodes": episodes, "Missing": rows}) == {("Missing", 0, "A")}


def test_578_missing_not_after_care_ended():
    episodes = [ep("A", "01/04/2024", "01/06/2024", "E4A"), ep("A", "01/09/2024"),
                ep("B", "01/04/2024", "01/06/2024", "E4A")]
    rows = [mis("A", "15/07/2024", "16/07/2024"),  # between A's two periods of care
            mis("A", "15/09/2024"),                # in the second period
            mis("B", "01/06/2024", "02/06/2024"),  # the day care ended: still looked after
            mis("B", "01/03/2024", "02/03/2024")]  # before care began: rule 581's business
    assert flagged(r.R578, "2024-25", {"Episodes": episodes, "Missing": rows}) == {("Missing", 0, "A")}


def test_580_missing_at_18_ends_care_with_e8():
    episodes = [ep("A", "01/04/2024", "01/01/2025", "E4A"), ep("B", "01/04/2024", "01/01/2025", "E8"),
                ep("C", "01/04/2024", "01/01/2025", "E4A")]
    rows = [mis("A", "20/12/2024", "01/01/2025", dob="01/01/2007"),
            mis("B", "20/12/2024", "01/01/2025", dob="01/01/2007"),
            mis("C", "20/12/2024", "01/01/2025", dob="01/01/2010")]   # not the 18th birthday
    assert flagged(r.R580, "2024-25", {"Episodes": episodes, "Missing": rows}) == {("Episodes", 0, "A")}


def test_581_missing_only_while_looked_after():
    episodes = [ep("A", "01/06/2024"), ep("B", "01/04/2024", "01/06/2024", "E4A")]
    rows = [mis("A", "31/05/2024", "01/06/2024"), mis("A", "01/06/2024"), mis("B", "01/06/2024", "02/06/2024"),
            mis("A", ""), mis("C", "01/05/2024")]
    assert flagged(r.R581, "2024-25", {"Episodes": episodes, "Missing": rows}) == {("Missing", 0, "A")}


def test_586_missing_after_birth():
    rows = [mis("A", "01/01/2010", dob="01/01/2010"), mis("B", "02/01/2010", dob="01/01/2010")]
    assert flagged(r.R586, "2024-25", {"Missing": rows}) == {("Missing", 0, "A")}


def test_1004_missing_start_must_be_a_date():
    rows = [ms("A"), ms("B", MIS_START="31/06/2024"), ms("C", MIS_START="")]
    assert flagged(R1004, "2024-25", {"Missing": rows}) == {("Missing", 1, "B"), ("Missing", 2, "C")}


def test_1005_missing_end_if_given_must_be_a_date():
    rows = [ms("A", MIS_END="02/06/2024"), ms("B", MIS_END="02/13/2024"), ms("C")]
    assert flagged(R1005, "2024-25", {"Missing": rows}) == {("Missing", 1, "B")}


def test_1006_missing_type_must_be_m_or_a():
    rows = [ms("A"), ms("B", MISSING="a"), ms("C", MISSING="X"), ms("D", MISSING="")]
    assert flagged(R1006, "2024-25", {"Missing": rows}) == {("Missing", 2, "C")}
