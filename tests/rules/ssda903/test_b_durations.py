"""Spec tests for the rules on how long statuses, short breaks and temporary placements may last."""

from clearsight.rules.ssda903.b_durations import (
    R361,
    R362,
    R363,
    R364,
    R365,
    R366,
    R367,
    R375,
    R376,
    R377,
    R379,
)
from clearsight.rules.testing import flagged

Y = "2024-25"


def ep(child, decom, dec="", **kw):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": "X1" if dec else "", "RNE": "S", "LS": "C2",
            "CIN": "N1", "PLACE": "U1", **kw}


def eps(rule, rows):
    return flagged(rule, Y, {"Episodes": rows})


def test_361_police_protection_at_most_72_hours_over_a_run_of_episodes():
    rows = [ep("A", "01/05/2024", "03/05/2024", LS="L1"), ep("A", "03/05/2024", "05/05/2024", LS="L1", RNE="P"),
            ep("B", "01/05/2024", "04/05/2024", LS="L1"),
            ep("C", "01/05/2024", "03/05/2024", LS="L1"), ep("C", "03/05/2024", "20/05/2024", LS="C2", RNE="L"),
            ep("C", "20/05/2024", "22/05/2024", LS="L1", RNE="L"),
            ep("D", "28/03/2025", LS="L1")]
    # A's two episodes make four days; B's three days is the limit; C's two stays are separate;
    # D is open and runs to 31 March (three days).
    assert eps(R361, rows) == {("Episodes", 0, "A"), ("Episodes", 1, "A")}


def test_362_to_364_other_short_orders():
    rows = [ep("A", "01/05/2024", "23/05/2024", LS="L2"), ep("B", "01/05/2024", "22/05/2024", LS="L2"),
            ep("C", "01/05/2024", "09/05/2024", LS="L3"), ep("D", "01/05/2024", "08/05/2024", LS="L3"),
            ep("E", "01/03/2025", LS="J2"), ep("F", "10/03/2025", LS="J2")]
    assert eps(R362, rows) == {("Episodes", 0, "A")}
    assert eps(R363, rows) == {("Episodes", 2, "C")}
    # E is still remanded at 31 March after 30 days; F after 21.
    assert eps(R364, rows) == {("Episodes", 4, "E")}


def test_365_and_366_a_short_break():
    rows = [ep("A", "01/05/2024", "19/05/2024", LS="V3"), ep("B", "01/05/2024", "18/05/2024", LS="V3"),
            ep("C", "20/03/2025", LS="V3", RNE="P")]
    assert eps(R365, rows) == {("Episodes", 0, "A")}
    assert eps(R366, rows) == {("Episodes", 2, "C")}


def test_367_short_breaks_at_most_75_days_in_the_year():
    rows = [ep("A", "01/03/2024", "10/04/2024", LS="V3"),  # 9 days in the year
            ep("A", "01/06/2024", "18/06/2024", LS="V3"), ep("A", "01/07/2024", "18/07/2024", LS="V3"),
            ep("A", "01/08/2024", "18/08/2024", LS="V3"), ep("A", "01/09/2024", "18/09/2024", LS="V3"),
            ep("B", "01/06/2024", "18/06/2024", LS="V3"), ep("B", "01/07/2024", "18/07/2024", LS="V3"),
            ep("B", "01/08/2024", "18/08/2024", LS="V3"), ep("B", "01/09/2024", "18/09/2024", LS="V3"),
            ep("B", "01/10/2024", "05/10/2024", LS="V3")]
    # A: 9 + 4 x 17 = 77 days; B: 4 x 17 + 4 = 72.
    assert eps(R367, rows) == {("Episodes", i, "A") for i in range(5)}


def test_375_376_379_temporary_placements_that_lasted_too_long():
    rows = [ep("A", "01/05/2024", "13/06/2024", PLACE="T1"), ep("B", "01/05/2024", "12/06/2024", PLACE="T1"),
            ep("C", "01/05/2024", "23/05/2024", PLACE="T3"), ep("D", "01/05/2024", "09/05/2024", PLACE="T4"),
            ep("E", "01/05/2024", "08/05/2024", PLACE="T4"), ep("F", "01/01/2025", PLACE="T4")]
    assert eps(R375, rows) == {("Episodes", 0, "A")}
    assert eps(R376, rows) == {("Episodes", 2, "C")}
    # F is still open, so has not yet ceased beyond the limit.
    assert eps(R379, rows) == {("Episodes", 3, "D")}


def test_377_at_most_two_holiday_placements():
    rows = [ep("A", "01/05/2024", "05/05/2024", PLACE="T3"), ep("A", "01/07/2024", "05/07/2024", PLACE="T3"),
            ep("A", "01/09/2024", "05/09/2024", PLACE="T3"), ep("B", "01/05/2024", "05/05/2024", PLACE="T3"),
            ep("B", "01/07/2024", "05/07/2024", PLACE="T3")]
    assert eps(R377, rows) == {("Episodes", 0, "A"), ("Episodes", 1, "A"), ("Episodes", 2, "A")}
