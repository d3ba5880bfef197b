"""Spec tests for the rules on one episode's codes (c_episode_codes)."""

from clearsight.rules.ssda903.c_episode_codes import (
    R407,
    R408,
    R426,
    R437,
    R445,
    R446,
    R451,
    R460,
    R516,
    R526,
    R527,
    R528,
    R529,
    R530,
    R531,
    R550,
)
from clearsight.rules.testing import flagged


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "PLACE_PROVIDER": "PR1", **kw}


def hd(child, dob):
    return {"CHILD": child, "SEX": "M", "DOB": dob, "ETHNIC": "WBRI"}


def test_407_special_guardianship_ending_at_18_or_over():
    episodes = [ep("A", DEC="09/05/2024", REC="E45"),   # the day before the 18th birthday
                ep("B", DEC="10/05/2024", REC="E46"),   # the 18th birthday: has reached 18
                ep("C", DEC="10/06/2024", REC="E11")]   # another reason
    header = [hd("A", "10/05/2006"), hd("B", "10/05/2006"), hd("C", "10/05/2006")]
    assert flagged(R407, "2024-25", {"Episodes": episodes, "Header": header}) == {
        ("Episodes", 1, "B"), ("Header", 1, "B")}


def test_408_placed_for_adoption_with_placement_order_needs_legal_status_e1():
    rows = [ep("A", PLACE="A5", LS="E1"), ep("B", PLACE="A6", LS="C2"), ep("C", PLACE="A3", LS="C2")]
    assert flagged(R408, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_426_not_both_v3_and_v4_in_the_year():
    rows = [ep("A", LS="V3"), ep("A", LS="V4", DECOM="01/06/2024"), ep("A", LS="C2", DECOM="01/08/2024"),
            ep("B", LS="V3"), ep("B", LS="V3", DECOM="01/06/2024")]
    assert flagged(R426, "2024-25", {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 1, "A")}


def test_437_no_episode_after_death_or_age_reason():
    rows = [ep("A", DEC="01/06/2024", REC="E2"), ep("A", DECOM="02/06/2024"),       # later episode
            ep("B", DECOM="01/05/2024"), ep("B", DECOM="01/04/2024", DEC="01/05/2024", REC="E15"),
            ep("C", DEC="01/06/2024", REC="E2")]                                     # the last one: fine
    assert flagged(R437, "2024-25", {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 3, "B")}


def test_445_d1_not_for_episodes_after_2005():
    rows = [ep("A", LS="D1", DECOM="31/12/2005"), ep("B", LS="D1", DECOM="01/01/2006")]
    assert flagged(R445, "2023-24", {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_446_e1_not_for_episodes_before_december_2005():
    rows = [ep("A", LS="E1", DECOM="01/12/2005"), ep("B", LS="E1", DECOM="30/11/2005")]
    assert flagged(R446, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_451_still_freed_for_adoption():
    rows = [ep("A", LS="D1"), ep("B", LS="D1", DEC="01/06/2022", REC="E11"), ep("C")]
    assert flagged(R451, "2023-24", {"Episodes": rows}) == {("Episodes", 0, "A")}


def test_460_stayed_put_needs_age_18():
    episodes = [ep("A", DEC="10/05/2024", REC="E17"), ep("B", DEC="09/05/2024", REC="E17")]
    header = [hd("A", "10/05/2006"), hd("B", "10/05/2006")]
    assert flagged(R460, "2024-25", {"Episodes": episodes, "Header": header}) == {("Episodes", 1, "B")}


def test_516_former_foster_carers_reasons_need_a_u_placement():
    rows = [ep("A", PLACE="U3", DEC="01/06/2024", REC="E45"), ep("B", PLACE="K2", DEC="01/06/2024", REC="E46"),
            ep("C", PLACE="K2", DEC="01/06/2024", REC="E11")]
    assert flagged(R516, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_526_placement_provider_needed_except_temporary_and_other():
    rows = [ep("A", PLACE_PROVIDER=""), ep("B", PLACE="T1", PLACE_PROVIDER=""),
            ep("C", PLACE="Z1", PLACE_PROVIDER=""), ep("D", PLACE="Z11", PLACE_PROVIDER=""), ep("E")]
    assert flagged(R526, "2024-25", {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 3, "D")}
    # From 2025-26 the other placements are Z11-Z14, and Z1 needs a provider.
    assert flagged(R526, "2025-26", {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 2, "C")}


def test_527_to_531_and_550_provider_and_placement_combinations():
    rows = [ep("A", PLACE="P1", PLACE_PROVIDER="PR1"), ep("B", PLACE="R2", PLACE_PROVIDER="PR2"),
            ep("C", PLACE="K1", PLACE_PROVIDER="PR3"), ep("D", PLACE="P1", PLACE_PROVIDER="PR4"),
            ep("E", PLACE="P1", PLACE_PROVIDER="PR5"), ep("F", PLACE="U1", PLACE_PROVIDER="PR0"),
            ep("G", PLACE="P1", PLACE_PROVIDER="PR0"), ep("H", PLACE="R1", PLACE_PROVIDER="PR3")]
    expected = [(R527, "A"), (R528, "B"), (R529, "C"), (R530, "D"), (R531, "E"), (R550, "F")]
    for rule, child in expected:
        row = "ABCDEFGH".index(child)
        assert flagged(rule, "2024-25", {"Episodes": rows}) == {("Episodes", row, child)}, rule.code
