"""Spec tests for the legal status rules (``clearsight.rules.ssda903.legal_status``)."""

from clearsight.rules.ssda903.legal_status import (
    R214,
    R358,
    R361,
    R362,
    R363,
    R364,
    R365,
    R366,
    R367,
    R378,
    R384,
    R398,
    R399,
    R426,
    R445,
    R446,
    R451,
)
from clearsight.rules.testing import flagged

Y = "2024-25"


def hd(child, dob="01/05/2010"):
    return {"CHILD": child, "SEX": "M", "DOB": dob, "ETHNIC": "WBRI", "UPN": "UN1"}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def eps_only(rule, rows, year=Y):
    return flagged(rule, year, {"Episodes": rows})


def ep_361(child, decom, dec="", **kw):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": "X1" if dec else "", "RNE": "S", "LS": "C2",
            "CIN": "N1", "PLACE": "U1", **kw}


def eps(rule, rows):
    return flagged(rule, Y, {"Episodes": rows})


def ep_426(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "PLACE_PROVIDER": "PR1", **kw}


def hd_399(child, **kw):
    return {"CHILD": child, "SEX": "M", "DOB": "01/05/2010", "ETHNIC": "WBRI", "UPN": "A123456789012", **kw}


def ep_398(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "HOME_POST": "SW1A 1AA", "PL_POST": "ME14 1XX", **kw}


def test_358_youth_justice_status_only_from_10():
    header = [hd("A", "01/04/2014"), hd("B", "31/03/2014")]
    eps = [ep("A", LS="J2"), ep("B", LS="J2")]
    # A turns 10 on the day the episode starts, which is not yet over 10.
    assert flagged(R358, Y, {"Header": header, "Episodes": eps}) == {("Episodes", 0, "A"), ("Header", 0, "A")}


def test_214_no_location_for_short_breaks():
    rows = [ep("A", LS="V3", PL_POST="ME14 1XX"), ep("B", LS="V4", URN="SC123456"), ep("C", LS="V3"),
            ep("D", PL_POST="ME14 1XX")]
    assert eps_only(R214, rows) == {("Episodes", 0, "A"), ("Episodes", 1, "B")}


def test_378_placed_with_parents_not_under_a_single_period_of_accommodation():
    rows = [ep("A", PLACE="P1", LS="V2"), ep("B", PLACE="P1", LS="C2"), ep("C", LS="V2")]
    assert eps_only(R378, rows) == {("Episodes", 0, "A")}


def test_384_short_breaks_not_in_long_term_foster_care():
    rows = [ep("A", LS="V3", PLACE="U1"), ep("B", LS="V4", PLACE="U4"), ep("C", LS="V3", PLACE="U3")]
    assert eps_only(R384, rows) == {("Episodes", 0, "A"), ("Episodes", 1, "B")}


def test_361_police_protection_at_most_72_hours_over_a_run_of_episodes():
    rows = [ep_361("A", "01/05/2024", "03/05/2024", LS="L1"), ep_361("A", "03/05/2024", "05/05/2024", LS="L1", RNE="P"),
            ep_361("B", "01/05/2024", "04/05/2024", LS="L1"),
            ep_361("C", "01/05/2024", "03/05/2024", LS="L1"), ep_361("C", "03/05/2024", "20/05/2024", LS="C2", RNE="L"),
            ep_361("C", "20/05/2024", "22/05/2024", LS="L1", RNE="L"),
            ep_361("D", "28/03/2025", LS="L1")]
    # A's two episodes make four days; B's three days is the limit; C's two stays are separate;
    # D is open and runs to 31 March (three days).
    assert eps(R361, rows) == {("Episodes", 0, "A"), ("Episodes", 1, "A")}


def test_362_to_364_other_short_orders():
    rows = [ep_361("A", "01/05/2024", "23/05/2024", LS="L2"), ep_361("B", "01/05/2024", "22/05/2024", LS="L2"),
            ep_361("C", "01/05/2024", "09/05/2024", LS="L3"), ep_361("D", "01/05/2024", "08/05/2024", LS="L3"),
            ep_361("E", "01/03/2025", LS="J2"), ep_361("F", "10/03/2025", LS="J2")]
    assert eps(R362, rows) == {("Episodes", 0, "A")}
    assert eps(R363, rows) == {("Episodes", 2, "C")}
    # E is still remanded at 31 March after 30 days; F after 21.
    assert eps(R364, rows) == {("Episodes", 4, "E")}


def test_365_and_366_a_short_break():
    rows = [ep_361("A", "01/05/2024", "19/05/2024", LS="V3"), ep_361("B", "01/05/2024", "18/05/2024", LS="V3"),
            ep_361("C", "20/03/2025", LS="V3", RNE="P")]
    assert eps(R365, rows) == {("Episodes", 0, "A")}
    assert eps(R366, rows) == {("Episodes", 2, "C")}


def test_367_short_breaks_at_most_75_days_in_the_year():
    rows = [ep_361("A", "01/03/2024", "10/04/2024", LS="V3"),  # 9 days in the year
            ep_361("A", "01/06/2024", "18/06/2024", LS="V3"), ep_361("A", "01/07/2024", "18/07/2024", LS="V3"),
            ep_361("A", "01/08/2024", "18/08/2024", LS="V3"), ep_361("A", "01/09/2024", "18/09/2024", LS="V3"),
            ep_361("B", "01/06/2024", "18/06/2024", LS="V3"), ep_361("B", "01/07/2024", "18/07/2024", LS="V3"),
            ep_361("B", "01/08/2024", "18/08/2024", LS="V3"), ep_361("B", "01/09/2024", "18/09/2024", LS="V3"),
            ep_361("B", "01/10/2024", "05/10/2024", LS="V3")]
    # A: 9 + 4 x 17 = 77 days; B: 4 x 17 + 4 = 72.
    assert eps(R367, rows) == {("Episodes", i, "A") for i in range(5)}


def test_426_not_both_v3_and_v4_in_the_year():
    rows = [ep_426("A", LS="V3"), ep_426("A", LS="V4", DECOM="01/06/2024"), ep_426("A", LS="C2", DECOM="01/08/2024"),
            ep_426("B", LS="V3"), ep_426("B", LS="V3", DECOM="01/06/2024")]
    assert flagged(R426, "2024-25", {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 1, "A")}


def test_445_d1_not_for_episodes_after_2005():
    rows = [ep_426("A", LS="D1", DECOM="31/12/2005"), ep_426("B", LS="D1", DECOM="01/01/2006")]
    assert flagged(R445, "2023-24", {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_446_e1_not_for_episodes_before_december_2005():
    rows = [ep_426("A", LS="E1", DECOM="01/12/2005"), ep_426("B", LS="E1", DECOM="30/11/2005")]
    assert flagged(R446, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_451_still_freed_for_adoption():
    rows = [ep_426("A", LS="D1"), ep_426("B", LS="D1", DEC="01/06/2022", REC="E11"), ep_426("C")]
    assert flagged(R451, "2023-24", {"Episodes": rows}) == {("Episodes", 0, "A")}


def test_399_short_breaks_only_no_mother_or_reviews():
    header = [hd_399("A", MOTHER="0"), hd_399("B"), hd_399("C", MOTHER="0")]
    eps = [ep("A", LS="V3"), ep("B", LS="V4"), ep("C", LS="V3"), ep("C", LS="C2", DECOM="01/06/2024")]
    reviews = [{"CHILD": "B", "DOB": "01/05/2010", "REVIEW": "01/06/2024", "REVIEW_CODE": "PN1"}]
    # A has MOTHER; B has a review; C also has a care order episode, so is not short breaks only.
    assert flagged(R399, Y, {"Header": header, "Episodes": eps, "Reviews": reviews}) == {
        ("Episodes", 0, "A"), ("Header", 0, "A"), ("Episodes", 1, "B"), ("Header", 1, "B"), ("Reviews", 0, "B")}


def test_398_no_postcodes_for_short_breaks():
    rows = [ep_398("A", LS="V3"), ep_398("B", LS="V4", HOME_POST=""), ep_398("C", LS="V3", HOME_POST="", PL_POST=""), ep_398("D")]
    assert flagged(R398, Y, {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 1, "B")}
