"""Spec tests for the header rules (``clearsight.rules.ssda903.header``)."""

from clearsight.rules.ssda903.header import R101, R102, R103, R168, R209, R210, R232, R301, R351, R442, R444
from clearsight.rules.testing import flagged

Y = "2024-25"  # 1 April 2024 to 31 March 2025


def head(child, **kw):
    return {"CHILD": child, "SEX": "F", "DOB": "01/01/2010", "ETHNIC": "WBRI", "UPN": "UN1", **kw}


def hd(child, **kw):
    return {"CHILD": child, "SEX": "M", "DOB": "01/05/2010", "ETHNIC": "WBRI", "UPN": "A123456789012", **kw}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def hd_442(child, upn):
    return {"CHILD": child, "SEX": "M", "DOB": "01/01/2015", "ETHNIC": "WBRI", "UPN": upn}


def ep_442(child, ls):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": ls, "CIN": "N1", "PLACE": "U1"}


def test_168_upn_format_and_check_letter():
    rows = [head("A", UPN="A123456789012"),   # check letter right
            head("B", UPN="B123456789012"),   # check letter wrong
            head("C", UPN="X938123401001"),   # wrong again (Q is right)
            head("D", UPN="Q938123401001"),
            head("E", UPN="UN5"), head("F", UPN="UN6"),
            head("G", UPN="I123456789012"),   # I, O and S are never check letters
            head("H", UPN=""),                # blank is rule 442's concern
            head("J", UPN="A12345678901")]    # too short
    assert flagged(R168, Y, {"Header": rows}) == {
        ("Header", 1, "B"), ("Header", 2, "C"), ("Header", 5, "F"), ("Header", 6, "G"), ("Header", 8, "J")}


def test_168_temporary_upn_ends_in_a_letter():
    # The letter in position 13 counts as its place in the check-letter alphabet (A=0 ... Z=22).
    rows = [head("A", UPN="A12345678901A"), head("B", UPN="X12345678901A"), head("C", UPN="H12345678901B")]
    assert flagged(R168, Y, {"Header": rows}) == {("Header", 0, "A"), ("Header", 2, "C")}


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


def test_232_sex_unknown():
    assert flagged(R232, Y, {"Header": [hd("A"), hd("B", SEX="U")]}) == {("Header", 1, "B")}


def test_301_and_351_dob_after_year_end_or_over_25():
    rows = [hd("A", DOB="31/03/2025"), hd("B", DOB="01/04/2025"), hd("C", DOB="01/04/1999"),
            hd("D", DOB="31/03/1999")]
    assert flagged(R301, Y, {"Header": rows}) == {("Header", 1, "B")}
    # D turned 25 before 1 April 2024; C turns 25 that day.
    assert flagged(R351, Y, {"Header": rows}) == {("Header", 3, "D")}


def test_101_sex_must_be_a_code_of_the_year():
    rows = [{"CHILD": "A", "SEX": "M"}, {"CHILD": "B", "SEX": "1"}, {"CHILD": "C", "SEX": ""}]
    # From 2024-25 the 903 records sex as M/F/U; 1/2 was the earlier coding.
    assert flagged(R101, "2024-25", {"Header": rows}) == {("Header", 1, "B"), ("Header", 2, "C")}
    assert flagged(R101, "2023-24", {"Header": rows}) == {("Header", 0, "A"), ("Header", 2, "C")}


def test_102_date_of_birth_must_be_a_date():
    rows = [{"CHILD": "A", "DOB": "01/05/2012"}, {"CHILD": "B", "DOB": "31/02/2012"}, {"CHILD": "C", "DOB": ""},
            {"CHILD": "D", "DOB": "2012-05-01"}]
    assert flagged(R102, "2024-25", {"Header": rows}) == {("Header", 1, "B"), ("Header", 2, "C")}


def test_103_ethnicity_must_be_present_and_valid():
    rows = [{"CHILD": "A", "ETHNIC": "WBRI"}, {"CHILD": "B", "ETHNIC": "XXXX"}, {"CHILD": "C", "ETHNIC": ""},
            {"CHILD": "D", "ETHNIC": "wbri"}]
    assert flagged(R103, "2024-25", {"Header": rows}) == {("Header", 1, "B"), ("Header", 2, "C")}


def test_442_upn_needed_unless_only_respite():
    header = [hd_442("A", ""), hd_442("B", ""), hd_442("C", "A123456789012"), hd_442("D", "")]
    episodes = [ep_442("A", "C2"), ep_442("B", "V3"), ep_442("B", "V4"), ep_442("C", "C2"), ep_442("D", "V3"), ep_442("D", "C1")]
    assert flagged(R442, "2024-25", {"Header": header, "Episodes": episodes}) == {
        ("Header", 0, "A"), ("Header", 3, "D")}


def test_444_upn_unique_except_unknown_codes():
    header = [hd_442("A", "A123456789012"), hd_442("B", "a123456789012"), hd_442("C", "UN1"), hd_442("D", "UN1"),
              hd_442("E", "B123456789012"), hd_442("F", ""), hd_442("G", "")]
    assert flagged(R444, "2025-26", {"Header": header}) == {("Header", 0, "A"), ("Header", 1, "B")}
