"""Spec tests for the placements rules (``clearsight.rules.ssda903.placements``)."""

from clearsight.rules.ssda903.legal_status import R382
from clearsight.rules.ssda903.placements import (
    R178,
    R213,
    R217,
    R225,
    R226,
    R233,
    R234,
    R370,
    R371,
    R372,
    R373,
    R374,
    R375,
    R376,
    R377,
    R379,
    R380,
    R381,
    R383,
    R526,
    R527,
    R528,
    R529,
    R530,
    R531,
    R550,
    R1009,
    R217t,
)
from clearsight.rules.testing import flagged

Y = "2024-25"


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def eps_only(rule, rows, year=Y):
    return flagged(rule, year, {"Episodes": rows})


def ep_375(child, decom, dec="", **kw):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": "X1" if dec else "", "RNE": "S", "LS": "C2",
            "CIN": "N1", "PLACE": "U1", **kw}


def eps(rule, rows):
    return flagged(rule, Y, {"Episodes": rows})


def ep_526(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "PLACE_PROVIDER": "PR1", **kw}


def ep_178(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def hd(child, dob):
    return {"CHILD": child, "SEX": "M", "DOB": dob, "ETHNIC": "WBRI", "UPN": "UN1"}


def ep_370(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "HOME_POST": "SW1A 1AA", "PL_POST": "ME14 1XX", **kw}


def ep_1009(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "K2", **kw}


def test_213_no_provider_for_temporary_placements():
    rows = [ep("A", PLACE="T1", PLACE_PROVIDER="PR1"), ep("B", PLACE="T1"), ep("C", PLACE_PROVIDER="PR1"),
            ep("D", PLACE="Z12", PLACE_PROVIDER="PR1")]
    assert eps_only(R213, rows, "2025-26") == {("Episodes", 0, "A"), ("Episodes", 3, "D")}


def test_217_placed_for_adoption_with_foster_carers_needs_rne_s_t_or_u():
    rows = [ep("A", PLACE="A3", RNE="P"), ep("B", PLACE="A5", RNE="T"), ep("C", PLACE="A3", RNE="P",
            DECOM="31/03/2015"), ep("D", PLACE="A4", RNE="P")]
    assert eps_only(R217, rows) == {("Episodes", 0, "A")}


def test_217t_p2_must_have_ended_by_28_october_2023():
    rows = [ep("A", PLACE="P2", DEC="28/10/2023", REC="E11"), ep("B", PLACE="P2", DEC="29/10/2023", REC="E11"),
            ep("C", PLACE="P2")]
    assert eps_only(R217t, rows, "2023-24") == {("Episodes", 1, "B"), ("Episodes", 2, "C")}


def test_225_a_placement_move_needs_its_reason():
    rows = [ep("A", DEC="01/06/2024", REC="X1"), ep("A", DECOM="01/06/2024", RNE="P"),
            ep("B", DEC="01/06/2024", REC="X1", REASON_PLACE_CHANGE="CARPL"), ep("B", DECOM="01/06/2024", RNE="P"),
            ep("C", DEC="01/06/2024", REC="X1"), ep("C", DECOM="01/06/2024", RNE="P", PLACE="T1"),
            ep("D", DEC="01/06/2024", REC="X1"), ep("D", DECOM="01/06/2024", RNE="L")]
    # C moves into a temporary placement; D's change is legal status only.
    assert eps_only(R225, rows) == {("Episodes", 0, "A")}


def test_226_no_reason_for_a_temporary_placement_nor_the_episode_before_it():
    rows = [ep("A", DEC="01/06/2024", REC="X1", REASON_PLACE_CHANGE="CARPL"), ep("A", DECOM="01/06/2024", RNE="P",
            PLACE="T1"), ep("B", DEC="01/06/2024", REC="X1"), ep("B", DECOM="01/06/2024", RNE="P", PLACE="T1"),
            ep("C", PLACE="T2", REASON_PLACE_CHANGE="OTHER")]
    assert eps_only(R226, rows) == {("Episodes", 1, "A"), ("Episodes", 4, "C")}


def test_233_no_reason_for_placement_change_while_the_episode_is_open():
    rows = [ep("A", REASON_PLACE_CHANGE="CARPL"), ep("B", DEC="01/06/2025", REC="X1", REASON_PLACE_CHANGE="CARPL"),
            ep("C")]
    assert eps_only(R233, rows, "2025-26") == {("Episodes", 0, "A")}


def test_234_no_custody_reason_for_a_child_under_10():
    header = [{"CHILD": c, "SEX": "M", "DOB": "01/07/2015", "ETHNIC": "WBRI", "UPN": "UN1"} for c in "AB"]
    rows = [ep("A", DECOM="01/04/2025", DEC="30/06/2025", REC="X1", REASON_PLACE_CHANGE="CUSTOD"),
            ep("B", DECOM="01/04/2025", DEC="01/07/2025", REC="X1", REASON_PLACE_CHANGE="CUSTOD")]
    # A was 9 when moved into custody; B moved on the 10th birthday.
    assert flagged(R234, "2025-26", {"Header": header, "Episodes": rows}) == {("Episodes", 0, "A"), ("Header", 0, "A")}


def test_380_to_382_temporary_placements():
    rows = [ep("A", PLACE="T1", RNE="S"), ep("B", PLACE="T1", RNE="P", DEC="01/06/2024", REC="E13"),
            ep("C", PLACE="T3", RNE="B", DEC="01/06/2024", REC="X1"), ep("D", PLACE="T0", RNE="P", LS="V3")]
    assert eps_only(R380, rows) == {("Episodes", 0, "A")}
    assert eps_only(R381, rows) == {("Episodes", 1, "B")}
    assert eps_only(R382, rows) == {("Episodes", 3, "D")}


def test_383_after_a_temporary_placement_the_child_returns_to_the_placement_before():
    def stay(child, place, start, end, rne="P", **kw):
        return ep(child, PLACE=place, DECOM=start, DEC=end, REC="X1" if end else "", RNE=rne, **kw)
    rows = [stay("A", "U1", "01/04/2024", "01/05/2024", "S"), stay("A", "T3", "01/05/2024", "10/05/2024"),
            stay("A", "U1", "10/05/2024", ""),
            stay("B", "U1", "01/04/2024", "01/05/2024", "S"), stay("B", "T3", "01/05/2024", "10/05/2024"),
            stay("B", "U2", "10/05/2024", ""),
            stay("C", "U1", "01/04/2024", "01/05/2024", "S"), stay("C", "T3", "01/05/2024", "10/05/2024"),
            stay("C", "U1", "10/05/2024", "", "B")]
    assert eps_only(R383, rows) == {("Episodes", 5, "B"), ("Episodes", 8, "C")}
    # From 2025-26 the placement postcode must be the one before too (two blanks agree).
    moved = [stay("D", "U1", "01/04/2025", "01/05/2025", "S", PL_POST="ME14 1XX"),
             stay("D", "T3", "01/05/2025", "10/05/2025"),
             stay("D", "U1", "10/05/2025", "", PL_POST="ME15 6AA"),
             stay("E", "U1", "01/04/2025", "01/05/2025", "S"), stay("E", "T3", "01/05/2025", "10/05/2025"),
             stay("E", "U1", "10/05/2025", "")]
    assert eps_only(R383, moved, "2025-26") == {("Episodes", 2, "D")}
    assert eps_only(R383, moved, "2024-25") == set()


def test_375_376_379_temporary_placements_that_lasted_too_long():
    rows = [ep_375("A", "01/05/2024", "13/06/2024", PLACE="T1"), ep_375("B", "01/05/2024", "12/06/2024", PLACE="T1"),
            ep_375("C", "01/05/2024", "23/05/2024", PLACE="T3"), ep_375("D", "01/05/2024", "09/05/2024", PLACE="T4"),
            ep_375("E", "01/05/2024", "08/05/2024", PLACE="T4"), ep_375("F", "01/01/2025", PLACE="T4")]
    assert eps(R375, rows) == {("Episodes", 0, "A")}
    assert eps(R376, rows) == {("Episodes", 2, "C")}
    # F is still open, so has not yet ceased beyond the limit.
    assert eps(R379, rows) == {("Episodes", 3, "D")}


def test_377_at_most_two_holiday_placements():
    rows = [ep_375("A", "01/05/2024", "05/05/2024", PLACE="T3"), ep_375("A", "01/07/2024", "05/07/2024", PLACE="T3"),
            ep_375("A", "01/09/2024", "05/09/2024", PLACE="T3"), ep_375("B", "01/05/2024", "05/05/2024", PLACE="T3"),
            ep_375("B", "01/07/2024", "05/07/2024", PLACE="T3")]
    assert eps(R377, rows) == {("Episodes", 0, "A"), ("Episodes", 1, "A"), ("Episodes", 2, "A")}


def test_526_placement_provider_needed_except_temporary_and_other():
    rows = [ep_526("A", PLACE_PROVIDER=""), ep_526("B", PLACE="T1", PLACE_PROVIDER=""),
            ep_526("C", PLACE="Z1", PLACE_PROVIDER=""), ep_526("D", PLACE="Z11", PLACE_PROVIDER=""), ep_526("E")]
    assert flagged(R526, "2024-25", {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 3, "D")}
    # From 2025-26 the other placements are Z11-Z14, and Z1 needs a provider.
    assert flagged(R526, "2025-26", {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 2, "C")}


def test_527_to_531_and_550_provider_and_placement_combinations():
    rows = [ep_526("A", PLACE="P1", PLACE_PROVIDER="PR1"), ep_526("B", PLACE="R2", PLACE_PROVIDER="PR2"),
            ep_526("C", PLACE="K1", PLACE_PROVIDER="PR3"), ep_526("D", PLACE="P1", PLACE_PROVIDER="PR4"),
            ep_526("E", PLACE="P1", PLACE_PROVIDER="PR5"), ep_526("F", PLACE="U1", PLACE_PROVIDER="PR0"),
            ep_526("G", PLACE="P1", PLACE_PROVIDER="PR0"), ep_526("H", PLACE="R1", PLACE_PROVIDER="PR3")]
    expected = [(R527, "A"), (R528, "B"), (R529, "C"), (R530, "D"), (R531, "E"), (R550, "F")]
    for rule, child in expected:
        row = "ABCDEFGH".index(child)
        assert flagged(rule, "2024-25", {"Episodes": rows}) == {("Episodes", row, child)}, rule.code


def test_178_provider_valid_and_not_for_placements_without_one():
    rows = [ep_178("A", PLACE_PROVIDER="PR1"), ep_178("B", PLACE_PROVIDER="PR9"), ep_178("C", PLACE="T0", PLACE_PROVIDER="PR1"),
            ep_178("D", PLACE="T4", PLACE_PROVIDER="PR1"), ep_178("E", PLACE="Z11", PLACE_PROVIDER="PR1"), ep_178("F", PLACE="T0")]
    assert flagged(R178, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B"), ("Episodes", 2, "C"), ("Episodes", 3, "D")}
    # From 2025-26 T4 (and Z1) may have a provider, and Z11-Z14 may not.
    assert flagged(R178, "2025-26", {"Episodes": rows}) == {
        ("Episodes", 1, "B"), ("Episodes", 2, "C"), ("Episodes", 4, "E")}


def test_370_to_374_minimum_ages_for_placement_types():
    cases = [(R370, "P2", 16, "2023-24"), (R371, "K3", 16, Y), (R372, "R5", 10, Y), (R373, "S1", 4, Y),
             (R374, "P3", 14, Y)]
    for rule, place, years, year in cases:
        header = [hd("A", f"02/06/{2024 - years}"), hd("B", f"01/06/{2024 - years}")]
        # A is a day short of the minimum age when placed; B has just reached it. A's episode is still open.
        eps = [ep_370("A", PLACE=place), ep_370("B", PLACE=place)]
        assert flagged(rule, year, {"Header": header, "Episodes": eps}) == {("Episodes", 0, "A")}, rule.code
    # Supported accommodation was H5 until 2023-24.
    assert flagged(R371, "2023-24", {"Header": [hd("A", "01/01/2010")], "Episodes": [ep_370("A", PLACE="H5")]}) == {
        ("Episodes", 0, "A")}


def test_1009_reason_for_placement_change_must_be_a_code():
    rows = [ep_1009("A", REASON_PLACE_CHANGE="CARPL"), ep_1009("B", REASON_PLACE_CHANGE="MOVED"), ep_1009("C")]
    assert flagged(R1009, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}
