"""Spec tests for the Header rules on UPN codes, age, sex, UASC age and motherhood."""

from clearsight.rules.ssda903.b_header import R209, R210, R231, R232, R301, R351, R393, R399
from clearsight.rules.testing import flagged

Y = "2024-25"


def hd(child, **kw):
    return {"CHILD": child, "SEX": "M", "DOB": "01/05/2010", "ETHNIC": "WBRI", "UPN": "A123456789012", **kw}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def test_209_un1_only_below_school_age():
    # For 2024-25 the reference date is 31/08/2023: a child born on or before 31/08/2019 is of school age.
    rows = [hd("A", UPN="UN1", DOB="31/08/2019"), hd("B", UPN="UN1", DOB="01/09/2019"),
            hd("C", UPN="UN2", DOB="01/01/2010")]
    assert flagged(R209, Y, {"Header": rows}) == {("Header", 0, "A")}


def test_210_un4_only_for_children_looked_after_a_week_or_less_at_31_march():
    header = [hd("A", UPN="UN4"), hd("B", UPN="UN4"), hd("C", UPN="UN4"), hd("D")]
    eps = [ep("A", DECOM="23/03/2025"),  # 8 days at 31 March: too long for UN4
           ep("B", DECOM="24/03/2025"),  # exactly a week: fine
           ep("C", DECOM="01/01/2025", DEC="01/02/2025", REC="E11"),  # not looked after at 31 March
           ep("D", DECOM="01/01/2025")]
    assert flagged(R210, Y, {"Header": header, "Episodes": eps}) == {("Episodes", 0, "A"), ("Header", 0, "A")}
    # A placement move after 24 March does not restart the period of care.
    moved = [ep("B", DECOM="01/01/2025", DEC="25/03/2025", REC="X1"), ep("B", DECOM="25/03/2025", RNE="P")]
    assert flagged(R210, Y, {"Header": header[1:2], "Episodes": moved}) == {("Episodes", 1, "B"), ("Header", 0, "B")}


def test_231_uasc_children_under_11_are_queried():
    header = [hd("A", DOB="01/04/2014"), hd("B", DOB="31/03/2014"), hd("C", DOB="01/04/2020")]
    uasc = [{"CHILD": "A", "SEX": "M", "DOB": "01/04/2014"}, {"CHILD": "B", "SEX": "M", "DOB": "31/03/2014"}]
    # 11 years before 31/03/2025 is 31/03/2014; C is young but not UASC.
    assert flagged(R231, Y, {"Header": header, "UASC": uasc}) == {("Header", 0, "A")}


def test_232_sex_unknown():
    assert flagged(R232, Y, {"Header": [hd("A"), hd("B", SEX="U")]}) == {("Header", 1, "B")}


def test_301_and_351_dob_after_year_end_or_over_25():
    rows = [hd("A", DOB="31/03/2025"), hd("B", DOB="01/04/2025"), hd("C", DOB="01/04/1999"),
            hd("D", DOB="31/03/1999")]
    assert flagged(R301, Y, {"Header": rows}) == {("Header", 1, "B")}
    # D turned 25 before 1 April 2024; C turns 25 that day.
    assert flagged(R351, Y, {"Header": rows}) == {("Header", 3, "D")}


def test_393_girls_looked_after_need_the_mother_field():
    header = [hd("A", SEX="F", MOTHER=""), hd("B", SEX="F", MOTHER="0"), hd("C", SEX="M"), hd("D", SEX="F")]
    eps = [ep("A"), ep("B"), ep("C"), ep("D", LS="V3")]
    assert flagged(R393, Y, {"Header": header, "Episodes": eps}) == {("Header", 0, "A")}
    # Before 2024-25 sex was coded 2 for female.
    old = [hd("A", SEX="2", MOTHER="")]
    assert flagged(R393, "2023-24", {"Header": old, "Episodes": eps[:1]}) == {("Header", 0, "A")}


def test_399_short_breaks_only_no_mother_or_reviews():
    header = [hd("A", MOTHER="0"), hd("B"), hd("C", MOTHER="0")]
    eps = [ep("A", LS="V3"), ep("B", LS="V4"), ep("C", LS="V3"), ep("C", LS="C2", DECOM="01/06/2024")]
    reviews = [{"CHILD": "B", "DOB": "01/05/2010", "REVIEW": "01/06/2024", "REVIEW_CODE": "PN1"}]
    # A has MOTHER; B has a review; C also has a care order episode, so is not short breaks only.
    assert flagged(R399, Y, {"Header": header, "Episodes": eps, "Reviews": reviews}) == {
        ("Episodes", 0, "A"), ("Header", 0, "A"), ("Episodes", 1, "B"), ("Header", 1, "B"), ("Reviews", 0, "B")}
