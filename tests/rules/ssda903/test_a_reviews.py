"""Spec tests for the Reviews rules."""

from clearsight.rules.ssda903.a_reviews import R166, R167
from clearsight.rules.testing import flagged

Y = "2024-25"


def rev(child, review="01/06/2024", code="PN1"):
    return {"CHILD": child, "DOB": "01/01/2015", "REVIEW": review, "REVIEW_CODE": code}


def test_166_review_date_is_a_date():
    rows = [rev("A"), rev("B", "31/06/2024"), rev("C", "")]
    assert flagged(R166, Y, {"Reviews": rows}) == {("Reviews", 1, "B"), ("Reviews", 2, "C")}


def test_167_a_review_has_a_valid_participation_code():
    rows = [rev("A"), rev("B", code="PN8"), rev("C", code=""), rev("D", "", "PN1"), rev("E", "", ""),
            rev("F", "31/06/2024", "PN0")]   # an invalid date is still a review (166 reports the date)
    assert flagged(R167, Y, {"Reviews": rows}) == {("Reviews", 1, "B"), ("Reviews", 2, "C"), ("Reviews", 3, "D")}
