"""Spec tests for the rules comparing with last year's return (c_previous_year)."""

from clearsight.rules.ssda903 import c_previous_year as r
from clearsight.rules.testing import flagged


def ep(child, decom, dec="", **kw):
    row = {"CHILD": child, "DECOM": decom, "DEC": dec, "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
           "PLACE_PROVIDER": "PR1", "URN": "SC111111", **kw}
    if dec and "REC" not in kw:
        row["REC"] = "X1"
    return row


def test_502_first_episode_is_last_years_open_one():
    last = [ep("A", "01/01/2024"), ep("B", "01/01/2024"), ep("C", "01/01/2023", "01/02/2024", REC="E4A")]
    this = [ep("A", "01/01/2024"), ep("B", "02/01/2024"), ep("C", "01/05/2024")]
    assert flagged(r.R502, "2024-25", {"Episodes": this}, previous={"Episodes": last}) == {("Episodes", 1, "B")}


def test_503a_to_503f_first_episode_carries_on_last_years_open_episode():
    last = [ep("A", "01/01/2023", "01/01/2024"), ep("A", "01/01/2024", RNE="P"), ep("B", "01/01/2024")]
    this = [ep("A", "01/01/2024", "01/06/2024", RNE="P"), ep("A", "01/06/2024", RNE="P", LS="C1"),
            ep("B", "01/01/2024", RNE="P", LS="C1", CIN="N2", PLACE="K2", PLACE_PROVIDER="PR2", URN="SC2")]
    for rule in (r.R503A, r.R503B, r.R503C, r.R503D, r.R503E, r.R503F):
        assert flagged(rule, "2024-25", {"Episodes": this}, previous={"Episodes": last}) == {("Episodes", 2, "B")}


def test_503_only_when_last_year_ended_open():
    last = [ep("A", "01/01/2024", "01/03/2024", REC="E4A")]
    this = [ep("A", "01/05/2024", LS="C1")]
    assert flagged(r.R503B, "2024-25", {"Episodes": this}, previous={"Episodes": last}) == set()


def test_503d_renamed_placement_codes_match():
    last = [ep("A", "01/01/2024", PLACE="H5"), ep("B", "01/01/2024", PLACE="Z1")]
    this = [ep("A", "01/01/2024", PLACE="K3"), ep("B", "01/01/2024", PLACE="Z11")]
    assert flagged(r.R503D, "2024-25", {"Episodes": this}, previous={"Episodes": last}) == {("Episodes", 1, "B")}
    assert flagged(r.R503D, "2025-26", {"Episodes": this}, previous={"Episodes": last}) == {("Episodes", 0, "A")}


def test_562_episode_from_before_the_year_is_in_last_years_return():
    last = [ep("A", "01/01/2024"), ep("B", "01/01/2024")]
    this = [ep("A", "01/01/2024"), ep("B", "02/01/2024"), ep("C", "01/01/2024"), ep("D", "01/05/2024")]
    assert flagged(r.R562, "2024-25", {"Episodes": this}, previous={"Episodes": last}) == {
        ("Episodes", 1, "B"), ("Episodes", 2, "C")}


def pa(child, placed, ceased="", reason=""):
    return {"CHILD": child, "DOB": "01/01/2020", "DATE_PLACED": placed, "DATE_PLACED_CEASED": ceased,
            "REASON_PLACED_CEASED": reason}


def test_559_decision_from_before_the_year_was_in_last_years_return():
    last = [pa("A", "01/02/2024")]
    this = [pa("A", "01/02/2024"), pa("B", "01/02/2024"), pa("C", "01/04/2024")]
    assert flagged(r.R559, "2024-25", {"PlacedAdoption": this}, previous={"PlacedAdoption": last}) == {
        ("PlacedAdoption", 1, "B")}


def test_560_an_open_decision_keeps_its_date():
    last = [pa("A", "01/02/2024"), pa("B", "01/02/2024"), pa("C", "01/02/2024")]
    this = [pa("A", "01/02/2024"), pa("B", "02/02/2024"),
            pa("C", "01/02/2024", "01/05/2024", "RD4"), pa("C", "01/06/2024")]   # ended, then a new decision
    assert flagged(r.R560, "2024-25", {"PlacedAdoption": this}, previous={"PlacedAdoption": last}) == {
        ("PlacedAdoption", 1, "B")}


def test_561_a_decision_that_ceased_last_year_is_not_reported_again():
    last = [pa("A", "01/02/2023", "01/03/2024", "RD4"), pa("B", "01/02/2023", "01/03/2024", "RD4")]
    this = [pa("A", "01/02/2023"), pa("B", "01/06/2024")]
    assert flagged(r.R561, "2024-25", {"PlacedAdoption": this}, previous={"PlacedAdoption": last}) == {
        ("PlacedAdoption", 0, "A")}


def test_584_after_a_ceased_decision_a_new_one_is_later():
    last = [pa("A", "02/01/2024", "01/03/2024", "RD4"), pa("B", "02/01/2024", "01/03/2024", "RD4"),
            pa("C", "02/01/2024", "01/03/2024", "RD4")]
    # As text, 01/02/2024 sorts before 02/01/2024; as dates it is a month later.
    this = [pa("A", "01/02/2024"), pa("B", "01/01/2024"), pa("C", "02/01/2024")]
    assert flagged(r.R584, "2024-25", {"PlacedAdoption": this}, previous={"PlacedAdoption": last}) == {
        ("PlacedAdoption", 1, "B"), ("PlacedAdoption", 2, "C")}
