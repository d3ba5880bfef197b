"""Spec tests for the deprivation of liberty rules (``clearsight.rules.ssda903.deprivation_of_liberty``)."""

from clearsight.rules.ssda903 import deprivation_of_liberty as r
from clearsight.rules.testing import flagged

YEAR = "2026-27"  # 1 April 2026 to 31 March 2027


def dolo(child, start, end="", dob="01/01/2012"):
    return {"CHILD": child, "DOB": dob, "DOLO_START": start, "DOLO_END": end}


def ep(child, decom, dec="", place="K2", rec="", **kw):
    if dec and not rec:
        rec = "X1"
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, "RNE": "S", "LS": "C2", "CIN": "N1",
            "PLACE": place, **kw}


def test_rules_apply_from_2026_27_only():
    assert r.R700.applies_to("2026-27") and not r.R700.applies_to("2025-26")


def test_700_start_must_be_a_date():
    rows = [dolo("A", "01/06/2026"), dolo("B", "31/06/2026"), dolo("C", "")]
    assert flagged(r.R700, YEAR, {"DoLo": rows}) == {("DoLo", 1, "B"), ("DoLo", 2, "C")}


def test_701_end_if_given_must_be_a_date():
    rows = [dolo("A", "01/06/2026", "02/06/2026"), dolo("B", "01/06/2026", "02/13/2026"), dolo("C", "01/06/2026")]
    assert flagged(r.R701, YEAR, {"DoLo": rows}) == {("DoLo", 1, "B")}


def test_702_end_not_before_start():
    rows = [dolo("A", "10/06/2026", "09/06/2026"),   # ends the day before it starts
            dolo("B", "10/06/2026", "10/06/2026"),   # ends the day it starts: not before
            dolo("C", "10/06/2026")]
    assert flagged(r.R702, YEAR, {"DoLo": rows}) == {("DoLo", 0, "A")}


def test_703_start_not_after_the_year():
    rows = [dolo("A", "31/03/2027"), dolo("B", "01/04/2027"), dolo("C", "01/01/2025")]
    assert flagged(r.R703, YEAR, {"DoLo": rows}) == {("DoLo", 1, "B")}


def test_704_end_within_the_year():
    rows = [dolo("A", "01/01/2026", "31/03/2026"),   # ended last year: belongs in last year's return
            dolo("B", "01/01/2026", "01/04/2026"),   # first day of the year
            dolo("C", "01/01/2027", "31/03/2027"),   # last day
            dolo("D", "01/01/2027", "01/04/2027")]
    assert flagged(r.R704, YEAR, {"DoLo": rows}) == {("DoLo", 0, "A"), ("DoLo", 3, "D")}


def test_705_orders_do_not_overlap_or_follow_an_open_one():
    rows = [dolo("A", "01/05/2026"), dolo("A", "01/06/2026", "02/06/2026"),            # A's first never ended
            dolo("B", "01/05/2026", "10/05/2026"), dolo("B", "09/05/2026", "12/05/2026"),  # overlap
            dolo("C", "01/05/2026", "10/05/2026"), dolo("C", "10/05/2026", "12/05/2026"),  # back to back: fine
            dolo("D", "01/05/2026", "1o/05/2026"), dolo("D", "11/05/2026", "12/05/2026")]  # bad end: rule 701's
    assert flagged(r.R705, YEAR, {"DoLo": rows}) == {("DoLo", 1, "A"), ("DoLo", 3, "B")}


def test_706_last_years_open_order_carries_on():
    last = [dolo("A", "01/03/2026"), dolo("B", "01/03/2026"), dolo("C", "01/03/2026", "02/03/2026"),
            dolo("D", "01/03/2026"), dolo("E", "01/03/2026")]
    rows = [dolo("A", "01/03/2026", "05/04/2026"), dolo("A", "01/06/2026"),   # carried on, then a new one
            dolo("B", "01/05/2026"),                                          # last year's order is not there
            dolo("C", "01/05/2026")]                                          # last year's had ended: fine
    episodes = [ep("D", "01/01/2026")]  # D is still looked after but has no order this year; E has left
    assert flagged(r.R706, YEAR, {"DoLo": rows, "Episodes": episodes}, previous={"DoLo": last}) == {
        ("DoLo", 2, "B"), ("DoLo", None, "D")}


def test_707_open_order_needs_an_open_period_of_care():
    episodes = [ep("A", "01/04/2026", "01/06/2026", rec="E4A"),
                ep("B", "01/04/2026", "01/06/2026"), ep("B", "01/06/2026", RNE="P"),   # one open period
                ep("C", "01/04/2026", "01/06/2026", rec="E4A"),
                ep("E", "01/04/2026")]
    rows = [dolo("A", "15/05/2026"),                  # open, but care ended
            dolo("B", "15/05/2026"),                  # open, care continues
            dolo("C", "15/05/2026", "16/05/2026"),    # ended: not this rule's business
            dolo("D", "15/05/2026"),                  # no episodes at all
            dolo("E", "15/03/2026")]                  # open since before this period of care began
    assert flagged(r.R707, YEAR, {"Episodes": episodes, "DoLo": rows}) == {("DoLo", 0, "A"), ("DoLo", 4, "E")}


def test_708_order_starts_after_birth():
    rows = [dolo("A", "01/06/2026", dob="01/06/2026"),   # the day of birth: not after it
            dolo("B", "02/06/2026", dob="01/06/2026"), dolo("C", "01/06/2026", dob="02/06/2026")]
    assert flagged(r.R708, YEAR, {"DoLo": rows}) == {("DoLo", 0, "A"), ("DoLo", 2, "C")}


def test_709_710_placement_while_the_order_lasts():
    episodes = [ep("A", "01/04/2026", "01/06/2026", place="U1"),   # 0: foster care, order 15/05-20/05 in it
                ep("A", "01/06/2026", place="K2"),                  # 1: children's home: expected
                ep("B", "01/04/2026", "01/06/2026", place="P1"),   # 2: with parents until the order starts
                ep("B", "01/06/2026", place="Z12"),                 # 3
                ep("C", "01/04/2026", place="K1"),                  # 4: secure children's home, open order only
                ep("D", "01/04/2026", place="R5")]                  # 5: young offender institution
    rows = [dolo("A", "15/05/2026", "20/05/2026"), dolo("A", "10/06/2026", "20/06/2026"),
            dolo("B", "01/06/2026", "01/07/2026"),   # starts the change-over day: P1 episode does not count
            dolo("C", "01/05/2026"),                 # no end date: the DfE check reads only ended orders
            dolo("D", "01/05/2026", "01/06/2026")]
    tables = {"Episodes": episodes, "DoLo": rows}
    assert flagged(r.R709, YEAR, tables) == {("DoLo", 0, "A"), ("Episodes", 0, "A"),
                                             ("DoLo", 4, "D"), ("Episodes", 5, "D")}
    # U1 is unexpected but allowed; R5 is one of the four placements 710 rules out.
    assert flagged(r.R710, YEAR, tables) == {("DoLo", 4, "D"), ("Episodes", 5, "D")}
