"""Spec tests for the review and UPN rules (c_reviews_upn)."""

from clearsight.rules.ssda903.c_reviews_upn import R440, R441, R442, R444
from clearsight.rules.testing import flagged


def rv(child, review, code, dob="10/05/2020"):
    return {"CHILD": child, "DOB": dob, "REVIEW": review, "REVIEW_CODE": code}


def test_440_pn0_only_for_children_under_4():
    rows = [rv("A", "09/05/2024", "PN0"), rv("B", "10/05/2024", "PN0"), rv("C", "10/05/2024", "PN1")]
    # B's review is on the 4th birthday: the child is 4.
    assert flagged(R440, "2024-25", {"Reviews": rows}) == {("Reviews", 1, "B")}


def test_441_pn1_to_pn7_only_for_children_4_or_over():
    rows = [rv("A", "09/05/2024", "PN1"), rv("B", "10/05/2024", "PN7"), rv("C", "09/05/2024", "PN0")]
    assert flagged(R441, "2024-25", {"Reviews": rows}) == {("Reviews", 0, "A")}


def hd(child, upn):
    return {"CHILD": child, "SEX": "M", "DOB": "01/01/2015", "ETHNIC": "WBRI", "UPN": upn}


def ep(child, ls):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": ls, "CIN": "N1", "PLACE": "U1"}


def test_442_upn_needed_unless_only_respite():
    header = [hd("A", ""), hd("B", ""), hd("C", "A123456789012"), hd("D", "")]
    episodes = [ep("A", "C2"), ep("B", "V3"), ep("B", "V4"), ep("C", "C2"), ep("D", "V3"), ep("D", "C1")]
    assert flagged(R442, "2024-25", {"Header": header, "Episodes": episodes}) == {
        ("Header", 0, "A"), ("Header", 3, "D")}


def test_444_upn_unique_except_unknown_codes():
    header = [hd("A", "A123456789012"), hd("B", "a123456789012"), hd("C", "UN1"), hd("D", "UN1"),
              hd("E", "B123456789012"), hd("F", ""), hd("G", "")]
    assert flagged(R444, "2025-26", {"Header": header}) == {("Header", 0, "A"), ("Header", 1, "B")}
