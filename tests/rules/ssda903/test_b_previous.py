"""Spec tests for the rules comparing this year's return with last year's."""

from clearsight.rules.ssda903.b_previous import (
    R202,
    R203,
    R204,
    R205A,
    R205B,
    R205C,
    R205D,
    R207,
    R208,
)
from clearsight.rules.testing import flagged

Y = "2024-25"


def hd(child, **kw):
    return {"CHILD": child, "SEX": "M", "DOB": "01/05/2010", "ETHNIC": "WBRI", "UPN": "A123456789012",
            "MOTHER": "", **kw}


def uasc(child, duc="", dob="01/05/2008"):
    return {"CHILD": child, "SEX": "M", "DOB": dob, "DUC": duc}


def test_202_sex_must_agree_with_last_year():
    now = [hd("A"), hd("B", SEX="F"), hd("C"), hd("D", SEX="F")]
    before = [hd("A"), hd("B"), hd("D", SEX="2")]
    # C is new this year; D was coded 2 (female) under the old coding.
    assert flagged(R202, Y, {"Header": now}, previous={"Header": before}) == {("Header", 1, "B")}


def test_203_and_204_dob_and_ethnicity_must_agree_with_last_year():
    now = [hd("A"), hd("B", DOB="02/05/2010", ETHNIC="WIRI"), hd("C", DOB="")]
    before = [hd("A"), hd("B"), hd("C")]
    assert flagged(R203, Y, {"Header": now}, previous={"Header": before}) == {("Header", 1, "B"), ("Header", 2, "C")}
    assert flagged(R204, Y, {"Header": now}, previous={"Header": before}) == {("Header", 1, "B")}


def test_205a_uasc_ceased_last_year_only_if_last_years_duc_says_so():
    header = [hd("A"), hd("B"), hd("C")]
    before = {"Header": header, "UASC": [uasc("A", "10/10/2023"), uasc("B", "10/10/2022"), uasc("C", "")]}
    # A ceased in 2023-24 (last year's period): fine. B's DUC is before last year; C has none.
    assert flagged(R205A, Y, {"Header": header}, previous=before) == {("Header", 1, "B"), ("Header", 2, "C")}
    # Still UASC this year: not this rule's case.
    assert flagged(R205A, Y, {"Header": header, "UASC": [uasc("B"), uasc("C")]}, previous=before) == set()


def test_205b_uasc_both_years_last_duc_is_18th_birthday_and_this_duc_in_year_or_the_same():
    header = [hd("A"), hd("B"), hd("C"), hd("D")]
    before = {"Header": header, "UASC": [uasc("A", "01/05/2026"), uasc("B", "01/05/2026"), uasc("C", "02/05/2026"),
                                         uasc("D", "01/05/2026")]}
    now = {"Header": header, "UASC": [uasc("A", "01/05/2026"), uasc("B", "01/09/2024"), uasc("C", "02/05/2026"),
                                      uasc("D", "01/04/2026")]}
    # A repeats its 18th birthday; B ceased in the year; C's DUC last year was not the 18th birthday;
    # D's DUC is neither in the year nor last year's.
    assert flagged(R205B, Y, now, previous=before) == {("UASC", 2, "C"), ("Header", 2, "C"),
                                                       ("UASC", 3, "D"), ("Header", 3, "D")}


def test_205c_duc_for_a_child_never_uasc():
    now = {"Header": [hd("A")], "UASC": [uasc("A", "01/09/2024"), uasc("B", "01/09/2024"), uasc("C", "")]}
    # B has a DUC but no Header row this year and no UASC record last year; C has no DUC.
    assert flagged(R205C, Y, now, previous={"Header": [hd("A")]}) == {("UASC", 1, "B")}


def test_205d_uasc_this_year_must_have_been_uasc_last_year():
    header = [hd("A"), hd("B"), hd("C")]
    now = {"Header": header, "UASC": [uasc("A"), uasc("B"), uasc("C")]}
    before = {"Header": [hd("A"), hd("B")], "UASC": [uasc("A")]}
    # B was in last year's return without UASC status; C is new this year.
    assert flagged(R205D, Y, now, previous=before) == {("Header", 1, "B")}


def test_207_once_a_mother_always_a_mother_while_looked_after():
    ep = {"DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1"}
    header = [hd("A", SEX="F", MOTHER="0"), hd("B", SEX="F", MOTHER="1"), hd("C", SEX="F", MOTHER="")]
    before = [hd("A", SEX="F", MOTHER="1"), hd("B", SEX="F", MOTHER="1"), hd("C", SEX="F", MOTHER="1")]
    eps = [{"CHILD": "A", **ep}, {"CHILD": "B", **ep}]
    # C has no episode this year, so is not checked.
    assert flagged(R207, Y, {"Header": header, "Episodes": eps}, previous={"Header": before}) == {("Header", 0, "A")}


def test_208_upn_may_only_move_from_unknown_to_known_or_from_un1():
    now = [hd("A"), hd("B", UPN="B123456789012"), hd("C", UPN="UN3"), hd("D", UPN="A123456789012"),
           hd("E", UPN="UN1"), hd("F", UPN="UN2")]
    before = [hd("A"), hd("B"), hd("C", UPN="UN1"), hd("D", UPN="UN2"), hd("E"), hd("F", UPN="UN3")]
    # B changed one known UPN for another; E went from known to unknown; F from one unknown reason to another.
    assert flagged(R208, Y, {"Header": now}, previous={"Header": before}) == {
        ("Header", 1, "B"), ("Header", 4, "E"), ("Header", 5, "F")}
