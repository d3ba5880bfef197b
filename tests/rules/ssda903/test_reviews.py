"""Spec tests for the reviews rules (``clearsight.rules.ssda903.reviews``)."""

from clearsight.rules.ssda903.reviews import R166, R167, R440, R441
from clearsight.rules.testing import flagged

Y = "2024-25"


def rev(child, review="01/06/2024", code="PN1"):
    return {"CHILD": child, "DOB": "01/01/2015", "REVIEW": review, "REVIEW_CODE": code}


def rv(child, review, code, dob="10/05/2020"):
    return {"CHILD": child, "DOB": dob, "REVIEW": review, "REVIEW_CODE": code}


def test_166_review_date_is_a_date():
    rows = [rev("A"), rev("B", "31/06/2024"), rev("C", "")]
    assert flagged(R166, Y, {"Reviews": rows}) == {("Reviews", 1, "B"), ("Reviews", 2, "C")}


def test_167_a_review_has_a_valid_participation_code():
    rows = [rev("A"), rev("B", code="PN8"), rev("C", code=""), rev("D", "", "PN1"), rev("E", "", ""),
            rev("F", "31/06/2024", "PN0")]   # an invalid date is still a review (166 reports the date)
    assert flagged(R167, Y, {"Reviews": rows}) == {("Reviews", 1, "B"), ("Reviews", 2, "C"), ("Reviews", 3, "D")}


def test_440_pn0_only_for_children_under_4():
    rows = [rv("A", "09/05/2024", "PN0"), rv("B", "10/05/2024", "PN0"), rv("C", "10/05/2024", "PN1")]
    # B's review is on the 4th birthday: the child is 4.
    assert flagged(R440, "2024-25", {"Reviews": rows}) == {("Reviews", 1, "B")}


def test_441_pn1_to_pn7_only_for_children_4_or_over():
    rows = [rv("A", "09/05/2024", "PN1"), rv("B", "10/05/2024", "PN7"), rv("C", "09/05/2024", "PN0")]
    assert flagged(R441, "2024-25", {"Reviews": rows}) == {("Reviews", 0, "A")}
