"""Spec tests for the previous year rules (``clearsight.rules.ssda903.previous_year``)."""

from clearsight.rules.ssda903 import previous_year as r
from clearsight.rules.ssda903.previous_year import R202, R203, R204, R208
from clearsight.rules.testing import flagged

Y = "2024-25"


def hd(child, **kw):
    return {"CHILD": child, "SEX": "M", "DOB": "01/05/2010", "ETHNIC": "WBRI", "UPN": "A123456789012",
            "MOTHER": "", **kw}


def ep(child, decom, dec="", **kw):
    row = {"CHILD": child, "DECOM": decom, "DEC": dec, "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
           "PLACE_PROVIDER": "PR1", "URN": "SC111111", **kw}
    if dec and "REC" not in kw:
        row["REC"] = "X1"
    return row


def test_202_sex_must_agree_with_last_year():
    now = [hd("A"), hd("B", SEX="F"), hd("C"), hd("D", SEX="F")]
    before = [hd("A"), hd("B"), hd("D", SEX="2")]
    # C is new this year; D was coded 2 (female) under the old coding.
    assert flagged(R202, Y, {"Header": now}, previous={"Header": before}) == {("Header", 1, "B")}


def test_203_and_204_dob_and_ethnicity_must_agree_with_last_year():
    now = [hd("A"), hd("B", DOB="02/05/2010", ETHNIC="WIRI"), hd("C", DOB="")]
    before = [hd("A"), hd("B"), hd("C")]
    assert flagged(R203, Y, {"Header": now}, previous={"Header": before}) == {("Header", 1, "B"), ("Header", 2, "C")}
    assert flagged(R204, Y, {"Header": now}, previous={"Header": before}) == {("Header", 1, "B")}


def test_208_upn_may_only_move_from_unknown_to_known_or_from_un1():
    now = [hd("A"), hd("B", UPN="B123456789012"), hd("C", UPN="UN3"), hd("D", UPN="A123456789012"),
           hd("E", UPN="UN1"), hd("F", UPN="UN2")]
    before = [hd("A"), hd("B"), hd("C", UPN="UN1"), hd("D", UPN="UN2"), hd("E"), hd("F", UPN="UN3")]
    # B changed one known UPN for another; E went from known to unknown; F from one unknown reason to another.
    assert flagged(R208, Y, {"Header": now}, previous={"Header": before}) == {
        ("Header", 1, "B"), ("Header", 4, "E"), ("Header", 5, "F")}


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
