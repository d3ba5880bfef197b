"""Spec tests for the uasc rules (``clearsight.rules.ssda903.uasc``)."""

from clearsight.rules.ssda903.uasc import R104, R105, R205A, R205B, R205C, R205D, R231, R303, R304
from clearsight.rules.testing import flagged

Y = "2024-25"  # 1 April 2024 to 31 March 2025


def hd(child, **kw):
    return {"CHILD": child, "SEX": "M", "DOB": "01/05/2010", "ETHNIC": "WBRI", "UPN": "A123456789012", **kw}


def hd_205(child, **kw):
    return {"CHILD": child, "SEX": "M", "DOB": "01/05/2010", "ETHNIC": "WBRI", "UPN": "A123456789012",
            "MOTHER": "", **kw}


def uasc(child, duc="", dob="01/05/2008"):
    return {"CHILD": child, "SEX": "M", "DOB": dob, "DUC": duc}


def test_104_uasc_ceased_date_is_a_date_in_or_after_the_year():
    rows = [{"CHILD": "A", "SEX": "M", "DOB": "01/01/2008", "DUC": "01/04/2024"},
            {"CHILD": "B", "SEX": "M", "DOB": "01/01/2008", "DUC": "31/03/2024"},
            {"CHILD": "C", "SEX": "M", "DOB": "01/01/2008", "DUC": "31/13/2024"},
            {"CHILD": "D", "SEX": "M", "DOB": "01/01/2008", "DUC": ""}]
    assert flagged(R104, Y, {"UASC": rows}) == {("UASC", 1, "B"), ("UASC", 2, "C")}


def test_231_uasc_children_under_11_are_queried():
    header = [hd("A", DOB="01/04/2014"), hd("B", DOB="31/03/2014"), hd("C", DOB="01/04/2020")]
    uasc = [{"CHILD": "A", "SEX": "M", "DOB": "01/04/2014"}, {"CHILD": "B", "SEX": "M", "DOB": "31/03/2014"}]
    # 11 years before 31/03/2025 is 31/03/2014; C is young but not UASC.
    assert flagged(R231, Y, {"Header": header, "UASC": uasc}) == {("Header", 0, "A")}


def test_303_and_304_date_uasc_ceased():
    header = [{"CHILD": "A", "SEX": "M", "DOB": "01/05/2007", "ETHNIC": "WBRI", "UPN": "UN1"}]
    uasc = [{"CHILD": "A", "SEX": "M", "DOB": "01/05/2007", "DUC": "01/05/2025"},
            {"CHILD": "B", "SEX": "M", "DOB": "01/05/2007", "DUC": "02/05/2025"},
            {"CHILD": "C", "SEX": "M", "DOB": "01/05/2007", "DUC": ""}]
    # B has no Header record to carry UASC status; B's DUC is also after the 18th birthday.
    assert flagged(R303, Y, {"Header": header, "UASC": uasc}) == {("UASC", 1, "B")}
    assert flagged(R304, Y, {"UASC": uasc}) == {("UASC", 1, "B")}


def test_105_uasc_status_must_be_0_or_1_in_the_xml_form():
    rows = [{"CHILD": "A", "UASC": "0"}, {"CHILD": "B", "UASC": "1"}, {"CHILD": "C", "UASC": ""},
            {"CHILD": "D", "UASC": "2"}]
    assert flagged(R105, Y, {"Header": rows}, source_format="xml") == {("Header", 2, "C"), ("Header", 3, "D")}


def test_205a_uasc_ceased_last_year_only_if_last_years_duc_says_so():
    header = [hd_205("A"), hd_205("B"), hd_205("C")]
    before = {"Header": header, "UASC": [uasc("A", "10/10/2023"), uasc("B", "10/10/2022"), uasc("C", "")]}
    # A ceased in 2023-24 (last year's period): fine. B's DUC is before last year; C has none.
    assert flagged(R205A, Y, {"Header": header}, previous=before) == {("Header", 1, "B"), ("Header", 2, "C")}
    # Still UASC this year: not this rule's case.
    assert flagged(R205A, Y, {"Header": header, "UASC": [uasc("B"), uasc("C")]}, previous=before) == set()


def test_205b_uasc_both_years_last_duc_is_18th_birthday_and_this_duc_in_year_or_the_same():
    header = [hd_205("A"), hd_205("B"), hd_205("C"), hd_205("D")]
    before = {"Header": header, "UASC": [uasc("A", "01/05/2026"), uasc("B", "01/05/2026"), uasc("C", "02/05/2026"),
                                         uasc("D", "01/05/2026")]}
    now = {"Header": header, "UASC": [uasc("A", "01/05/2026"), uasc("B", "01/09/2024"), uasc("C", "02/05/2026"),
                                      uasc("D", "01/04/2026")]}
    # A repeats its 18th birthday; B ceased in the year; C's DUC last year was not the 18th birthday;
    # D's DUC is neither in the year nor last year's.
    assert flagged(R205B, Y, now, previous=before) == {("UASC", 2, "C"), ("Header", 2, "C"),
                                                       ("UASC", 3, "D"), ("Header", 3, "D")}


def test_205c_duc_for_a_child_never_uasc():
    now = {"Header": [hd_205("A")], "UASC": [uasc("A", "01/09/2024"), uasc("B", "01/09/2024"), uasc("C", "")]}
    # B has a DUC but no Header row this year and no UASC record last year; C has no DUC.
    assert flagged(R205C, Y, now, previous={"Header": [hd_205("A")]}) == {("UASC", 1, "B")}


def test_205d_uasc_this_year_must_have_been_uasc_last_year():
    header = [hd_205("A"), hd_205("B"), hd_205("C")]
    now = {"Header": header, "UASC": [uasc("A"), uasc("B"), uasc("C")]}
    before = {"Header": [hd_205("A"), hd_205("B")], "UASC": [uasc("A")]}
    # B was in last year's return without UASC status; C is new this year.
    assert flagged(R205D, Y, now, previous=before) == {("Header", 1, "B")}
