"""Spec tests for the placement rules: fields that do not apply, temporary placements and short breaks."""

from clearsight.rules.ssda903.b_placement import (
    R213,
    R214,
    R217,
    R222,
    R225,
    R226,
    R233,
    R234,
    R242,
    R378,
    R380,
    R381,
    R382,
    R383,
    R384,
    R217t,
)
from clearsight.rules.testing import flagged

Y = "2024-25"


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def eps_only(rule, rows, year=Y):
    return flagged(rule, year, {"Episodes": rows})


def test_213_no_provider_for_temporary_placements():
    rows = [ep("A", PLACE="T1", PLACE_PROVIDER="PR1"), ep("B", PLACE="T1"), ep("C", PLACE_PROVIDER="PR1"),
            ep("D", PLACE="Z12", PLACE_PROVIDER="PR1")]
    assert eps_only(R213, rows, "2025-26") == {("Episodes", 0, "A"), ("Episodes", 3, "D")}


def test_214_no_location_for_short_breaks():
    rows = [ep("A", LS="V3", PL_POST="ME14 1XX"), ep("B", LS="V4", URN="SC123456"), ep("C", LS="V3"),
            ep("D", PL_POST="ME14 1XX")]
    assert eps_only(R214, rows) == {("Episodes", 0, "A"), ("Episodes", 1, "B")}


def test_217_placed_for_adoption_with_foster_carers_needs_rne_s_t_or_u():
    rows = [ep("A", PLACE="A3", RNE="P"), ep("B", PLACE="A5", RNE="T"), ep("C", PLACE="A3", RNE="P",
            DECOM="31/03/2015"), ep("D", PLACE="A4", RNE="P")]
    assert eps_only(R217, rows) == {("Episodes", 0, "A")}


def test_217t_p2_must_have_ended_by_28_october_2023():
    rows = [ep("A", PLACE="P2", DEC="28/10/2023", REC="E11"), ep("B", PLACE="P2", DEC="29/10/2023", REC="E11"),
            ep("C", PLACE="P2")]
    assert eps_only(R217t, rows, "2023-24") == {("Episodes", 1, "B"), ("Episodes", 2, "C")}


def test_222_no_urn_for_placements_not_registered_with_ofsted():
    rows = [ep("A", PLACE="P1", URN="SC123456"), ep("B", PLACE="R1", URN="XXXXXXX"), ep("C", PLACE="K2", URN="SC1"),
            ep("D", PLACE="Z1", URN="SC2"), ep("E", PLACE="H5", URN="SC3")]
    assert eps_only(R222, rows) == {("Episodes", 0, "A"), ("Episodes", 3, "D")}
    # H5 needed no URN in 2022-23; Z1 is no longer listed from 2025-26.
    assert eps_only(R222, rows, "2022-23") == {("Episodes", 0, "A"), ("Episodes", 3, "D"), ("Episodes", 4, "E")}
    assert eps_only(R222, rows, "2025-26") == {("Episodes", 0, "A")}


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


def test_242_xxxxxxx_urn_only_for_adoption_placements():
    rows = [ep("A", PLACE="K2", URN="XXXXXXX"), ep("B", PLACE="A4", URN="XXXXXXX"), ep("C", PLACE="K2", URN="SC1")]
    assert eps_only(R242, rows, "2025-26") == {("Episodes", 0, "A")}


def test_378_placed_with_parents_not_under_a_single_period_of_accommodation():
    rows = [ep("A", PLACE="P1", LS="V2"), ep("B", PLACE="P1", LS="C2"), ep("C", LS="V2")]
    assert eps_only(R378, rows) == {("Episodes", 0, "A")}


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


def test_384_short_breaks_not_in_long_term_foster_care():
    rows = [ep("A", LS="V3", PLACE="U1"), ep("B", LS="V4", PLACE="U4"), ep("C", LS="V3", PLACE="U3")]
    assert eps_only(R384, rows) == {("Episodes", 0, "A"), ("Episodes", 1, "B")}
