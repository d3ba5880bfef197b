"""Spec tests for the Header (UPN, motherhood) and UASC rules."""

from clearsight.rules.ssda903.a_header import R104, R165, R168, R171, R174
from clearsight.rules.testing import flagged

Y = "2024-25"  # 1 April 2024 to 31 March 2025


def head(child, **kw):
    return {"CHILD": child, "SEX": "F", "DOB": "01/01/2010", "ETHNIC": "WBRI", "UPN": "UN1", **kw}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/01/2023", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def test_104_uasc_ceased_date_is_a_date_in_or_after_the_year():
    rows = [{"CHILD": "A", "SEX": "M", "DOB": "01/01/2008", "DUC": "01/04/2024"},
            {"CHILD": "B", "SEX": "M", "DOB": "01/01/2008", "DUC": "31/03/2024"},
            {"CHILD": "C", "SEX": "M", "DOB": "01/01/2008", "DUC": "31/13/2024"},
            {"CHILD": "D", "SEX": "M", "DOB": "01/01/2008", "DUC": ""}]
    assert flagged(R104, Y, {"UASC": rows}) == {("UASC", 1, "B"), ("UASC", 2, "C")}


def test_165_mother_status():
    header = [head("A", MOTHER="1"),                 # a mother: fine
              head("B", MOTHER="2"),                 # not a code
              head("C", SEX="M", MOTHER="0"),        # given for a boy
              head("D"),                             # a girl in care this year without it
              head("E"),                             # a girl who left care, now a care leaver: not needed
              head("F"),                             # a girl with no episode this year and no OC3 details
              head("G", SEX="M")]                    # a boy without it: fine
    episodes = [ep("A"), ep("B"), ep("C"), ep("D"), ep("E", DECOM="01/01/2022", DEC="01/01/2023", REC="E13"),
                ep("G")]
    oc3 = [{"CHILD": "E", "DOB": "01/01/2006", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
           {"CHILD": "B", "DOB": "01/01/2006", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"}]
    assert flagged(R165, Y, {"Header": header, "Episodes": episodes, "OC3": oc3}) == {
        ("Header", 1, "B"), ("OC3", 1, "B"), ("Header", 2, "C"), ("Header", 3, "D"), ("Header", 5, "F")}
    # Before 2024-25 sex was coded 1 (male) / 2 (female).
    old = [head("A", SEX="1", MOTHER="0"), head("B", SEX="2", MOTHER="0")]
    assert flagged(R165, "2023-24", {"Header": old, "Episodes": [ep("A"), ep("B")]}) == {("Header", 0, "A")}


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


def test_171_mothers_child_dob_if_given_is_a_date():
    rows = [head("A", MC_DOB="01/02/2024"), head("B", MC_DOB="30/02/2024"), head("C")]
    assert flagged(R171, Y, {"Header": rows}) == {("Header", 1, "B")}


def test_174_no_childs_date_of_birth_for_a_boy():
    rows = [head("A", SEX="M", MC_DOB="01/02/2024"), head("B", MC_DOB="01/02/2024"), head("C", SEX="M"),
            head("D", SEX="M", MC_DOB="unknown")]
    assert flagged(R174, Y, {"Header": rows}) == {("Header", 0, "A"), ("Header", 3, "D")}
    old = [head("A", SEX="1", MC_DOB="01/02/2023"), head("B", SEX="M", MC_DOB="01/02/2023")]
    assert flagged(R174, "2023-24", {"Header": old}) == {("Header", 0, "A")}
