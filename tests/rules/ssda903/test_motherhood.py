"""Spec tests for the motherhood rules (``clearsight.rules.ssda903.motherhood``)."""

from clearsight.rules.ssda903.motherhood import (
    R165,
    R171,
    R174,
    R207,
    R393,
    R607,
    R611,
    R612,
    R620,
    R621,
    R624,
    R625,
    R626,
    R628,
)
from clearsight.rules.testing import flagged


def hd(child, **kw):
    return {"CHILD": child, "SEX": "F", "DOB": "01/05/2006", "ETHNIC": "WBRI", "UPN": "A123456789012", **kw}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2023", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


Y = "2024-25"  # 1 April 2024 to 31 March 2025


def head(child, **kw):
    return {"CHILD": child, "SEX": "F", "DOB": "01/01/2010", "ETHNIC": "WBRI", "UPN": "UN1", **kw}


def ep_165(child, **kw):
    return {"CHILD": child, "DECOM": "01/01/2023", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def hd_165(child, **kw):
    return {"CHILD": child, "SEX": "M", "DOB": "01/05/2010", "ETHNIC": "WBRI", "UPN": "A123456789012",
            "MOTHER": "", **kw}


def hd_393(child, **kw):
    return {"CHILD": child, "SEX": "M", "DOB": "01/05/2010", "ETHNIC": "WBRI", "UPN": "A123456789012", **kw}


def ep_393(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def test_607_a_girl_who_ceased_care_in_the_year_needs_the_mother_field():
    header = [hd("A"), hd("B", MOTHER="0"), hd("C"), hd("D"), hd("E", SEX="M"), hd("F"), hd("G")]
    episodes = [
        ep("A", DEC="30/09/2024", REC="E4A"),                 # ceased in the year, MOTHER blank: flagged
        ep("B", DEC="30/09/2024", REC="E4A"),                 # MOTHER given
        ep("C", DEC="30/09/2024", REC="X1"),                  # X1 is a change within care, not ceasing
        ep("D", DEC="30/09/2024", REC="E4A", LS="V3"),        # short breaks are left out
        ep("E", DEC="30/09/2024", REC="E4A"),                 # a boy
        ep("F", DEC="31/03/2024", REC="E4A"),                 # ceased the day before the year began
        ep("G", DEC="31/03/2025", REC="E4A"),                 # ceased on the last day of the year: flagged
    ]
    assert flagged(R607, "2024-25", {"Header": header, "Episodes": episodes}) == {
        ("Episodes", 0, "A"), ("Header", 0, "A"), ("Episodes", 6, "G"), ("Header", 6, "G")}


def test_607_uses_each_years_sex_coding():
    header = [hd("A", SEX="2"), hd("B", SEX="F")]
    episodes = [ep("A", DEC="30/09/2023", REC="E4A"), ep("B", DEC="30/09/2023", REC="E4A")]
    assert flagged(R607, "2023-24", {"Header": header, "Episodes": episodes}) == {
        ("Episodes", 0, "A"), ("Header", 0, "A")}


def test_611_a_mother_needs_her_childs_date_of_birth():
    rows = [hd("A", MOTHER="1", MC_DOB="01/01/2024"), hd("B", MOTHER="1"), hd("C", MOTHER="0"),
            hd("D", MOTHER="1", MC_DOB="31/02/2024")]
    # D's date is not a date but it is not blank: the load's value check reports it, not 611.
    assert flagged(R611, "2024-25", {"Header": rows}) == {("Header", 1, "B")}


def test_612_a_childs_date_of_birth_means_the_girl_is_a_mother():
    rows = [hd("A", MOTHER="0", MC_DOB="01/01/2024"), hd("B", MC_DOB="01/01/2024"),
            hd("C", MOTHER="1", MC_DOB="01/01/2024"), hd("D", MOTHER="0"),
            hd("E", SEX="M", MOTHER="0", MC_DOB="01/01/2024"), hd("F", MOTHER="0", MC_DOB="not a date")]
    assert flagged(R612, "2024-25", {"Header": rows}) == {("Header", 0, "A"), ("Header", 1, "B"), ("Header", 5, "F")}


def test_620_a_mother_must_be_at_least_11_at_the_start_of_the_year():
    rows = [hd("A", MOTHER="1", DOB="01/04/2013"), hd("B", MOTHER="1", DOB="02/04/2013"),
            hd("C", MOTHER="0", DOB="02/04/2013"), hd("D", MOTHER="1", DOB="01/05/2006")]
    # A turns 11 on 1 April 2024, the first day of the year; B a day later.
    assert flagged(R620, "2024-25", {"Header": rows}) == {("Header", 1, "B")}


def test_621_the_mother_must_be_older_than_her_child():
    rows = [hd("A", MC_DOB="01/01/2024"), hd("B", MC_DOB="01/05/2006"), hd("C", MC_DOB="01/01/2000"),
            hd("D", DOB="", MC_DOB="01/01/2024"), hd("E")]
    assert flagged(R621, "2024-25", {"Header": rows}) == {("Header", 1, "B"), ("Header", 2, "C")}


def test_624_first_childs_date_of_birth_must_match_last_year():
    now = [hd("A", MC_DOB="01/01/2024"), hd("B", MC_DOB="02/01/2024"), hd("C"), hd("D", MC_DOB="01/01/2024"),
           hd("E", MC_DOB="2024-01-01")]
    before = [hd("A", MC_DOB="01/01/2024"), hd("B", MC_DOB="01/01/2024"), hd("C", MC_DOB="01/01/2024"),
              hd("D"), hd("E", MC_DOB="01/01/2024")]
    assert flagged(R624, "2024-25", {"Header": now}, previous={"Header": before}) == {
        ("Header", 1, "B"), ("Header", 2, "C")}


def test_625_first_child_born_after_the_year_or_after_care_ceased():
    header = [hd("A", MC_DOB="01/04/2025"), hd("B", MC_DOB="01/10/2024"), hd("C", MC_DOB="30/09/2024"),
              hd("D", MC_DOB="01/10/2024"), hd("E", MC_DOB="31/03/2025")]
    episodes = [
        ep("A"),                                                          # open; the birth is after 31 March
        ep("B", DEC="30/09/2024", REC="E4A"),                             # born the day after care ceased
        ep("C", DEC="30/09/2024", REC="E4A"),                             # born the day care ceased
        ep("D", DEC="30/06/2024", REC="E4A"), ep("D", DECOM="01/12/2024"),  # back in care; latest is open
    ]
    assert flagged(R625, "2024-25", {"Header": header, "Episodes": episodes}) == {
        ("Header", 0, "A"), ("Episodes", 0, "A"), ("Header", 1, "B"), ("Episodes", 1, "B")}


def test_626_a_mother_now_whose_child_was_born_before_the_year_was_not_one_last_year():
    now = [hd("A", MOTHER="1", MC_DOB="01/01/2024"), hd("B", MOTHER="1", MC_DOB="01/06/2024"),
           hd("C", MOTHER="1", MC_DOB="01/01/2024"), hd("D", MOTHER="1", MC_DOB="31/03/2024")]
    before = [hd("A", MOTHER="0"), hd("B", MOTHER="0"), hd("C", MOTHER="1", MC_DOB="01/01/2024"),
              hd("D", MOTHER="0")]
    assert flagged(R626, "2024-25", {"Header": now}, previous={"Header": before}) == {
        ("Header", 0, "A"), ("Header", 3, "D")}


def test_628_no_motherhood_details_for_care_leavers_not_looked_after():
    header = [hd("A", MOTHER="0"), hd("B"), hd("C", MOTHER="1", MC_DOB="01/01/2024"), hd("D", MOTHER="0")]
    oc3 = [{"CHILD": c, "DOB": "01/05/2006", "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "S2"} for c in "ABC"]
    oc3.append({"CHILD": "D"})  # an OC3 row with nothing in it
    episodes = [ep("C")]
    assert flagged(R628, "2024-25", {"Header": header, "OC3": oc3, "Episodes": episodes}) == {("Header", 0, "A")}


def test_165_mother_status():
    header = [head("A", MOTHER="1"),                 # a mother: fine
              head("B", MOTHER="2"),                 # not a code
              head("C", SEX="M", MOTHER="0"),        # given for a boy
              head("D"),                             # a girl in care this year without it
              head("E"),                             # a girl who left care, now a care leaver: not needed
              head("F"),                             # a girl with no episode this year and no OC3 details
              head("G", SEX="M")]                    # a boy without it: fine
    episodes = [ep_165("A"), ep_165("B"), ep_165("C"), ep_165("D"), ep_165("E", DECOM="01/01/2022", DEC="01/01/2023", REC="E13"),
                ep_165("G")]
    oc3 = [{"CHILD": "E", "DOB": "01/01/2006", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
           {"CHILD": "B", "DOB": "01/01/2006", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"}]
    assert flagged(R165, Y, {"Header": header, "Episodes": episodes, "OC3": oc3}) == {
        ("Header", 1, "B"), ("OC3", 1, "B"), ("Header", 2, "C"), ("Header", 3, "D"), ("Header", 5, "F")}
    # Before 2024-25 sex was coded 1 (male) / 2 (female).
    old = [head("A", SEX="1", MOTHER="0"), head("B", SEX="2", MOTHER="0")]
    assert flagged(R165, "2023-24", {"Header": old, "Episodes": [ep_165("A"), ep_165("B")]}) == {("Header", 0, "A")}


def test_171_mothers_child_dob_if_given_is_a_date():
    rows = [head("A", MC_DOB="01/02/2024"), head("B", MC_DOB="30/02/2024"), head("C")]
    assert flagged(R171, Y, {"Header": rows}) == {("Header", 1, "B")}


def test_174_no_childs_date_of_birth_for_a_boy():
    rows = [head("A", SEX="M", MC_DOB="01/02/2024"), head("B", MC_DOB="01/02/2024"), head("C", SEX="M"),
            head("D", SEX="M", MC_DOB="unknown")]
    assert flagged(R174, Y, {"Header": rows}) == {("Header", 0, "A"), ("Header", 3, "D")}
    old = [head("A", SEX="1", MC_DOB="01/02/2023"), head("B", SEX="M", MC_DOB="01/02/2023")]
    assert flagged(R174, "2023-24", {"Header": old}) == {("Header", 0, "A")}


def test_207_once_a_mother_always_a_mother_while_looked_after():
    ep_165 = {"DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1"}
    header = [hd_165("A", SEX="F", MOTHER="0"), hd_165("B", SEX="F", MOTHER="1"), hd_165("C", SEX="F", MOTHER="")]
    before = [hd_165("A", SEX="F", MOTHER="1"), hd_165("B", SEX="F", MOTHER="1"), hd_165("C", SEX="F", MOTHER="1")]
    eps = [{"CHILD": "A", **ep_165}, {"CHILD": "B", **ep_165}]
    # C has no episode this year, so is not checked.
    assert flagged(R207, Y, {"Header": header, "Episodes": eps}, previous={"Header": before}) == {("Header", 0, "A")}


def test_393_girls_looked_after_need_the_mother_field():
    header = [hd_393("A", SEX="F", MOTHER=""), hd_393("B", SEX="F", MOTHER="0"), hd_393("C", SEX="M"), hd_393("D", SEX="F")]
    eps = [ep_393("A"), ep_393("B"), ep_393("C"), ep_393("D", LS="V3")]
    assert flagged(R393, Y, {"Header": header, "Episodes": eps}) == {("Header", 0, "A")}
    # Before 2024-25 sex was coded 2 for female.
    old = [hd_393("A", SEX="2", MOTHER="")]
    assert flagged(R393, "2023-24", {"Header": old, "Episodes": eps[:1]}) == {("Header", 0, "A")}
