"""Spec tests for the rules tying adoption data to the episodes."""

from clearsight.rules.ssda903.d_adoption import R601, R602, R1003
from clearsight.rules.testing import flagged


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2023", "RNE": "S", "LS": "E1", "CIN": "N1", "PLACE": "A5", **kw}


def ad1(child, **kw):
    full = {"CHILD": child, "DOB": "01/01/2020", "DATE_INT": "01/02/2024", "DATE_MATCH": "01/03/2024",
            "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L0"}
    return {**full, **kw}


def test_601_a_child_adopted_in_the_year_needs_the_adoption_fields():
    episodes = [ep("A", DEC="01/10/2024", REC="E11"), ep("B", DEC="01/10/2024", REC="E12"),
                ep("C", DEC="01/10/2024", REC="E11"), ep("D", DEC="31/03/2024", REC="E11"),
                ep("E", DEC="01/10/2024", REC="E11")]
    rows = [ad1("A"), ad1("B", SEX_ADOPTR=""), ad1("D", DATE_INT=""), ad1("E", NB_ADOPTR="two")]
    # C has no AD1 row at all; D was adopted before the year; E's NB_ADOPTR is completed, if not a number.
    assert flagged(R601, "2024-25", {"Episodes": episodes, "AD1": rows}) == {
        ("Episodes", 1, "B"), ("AD1", 1, "B"), ("Episodes", 2, "C")}


def test_602_adoption_data_needs_an_adoption_in_the_year():
    episodes = [ep("A", DEC="01/10/2024", REC="E11"), ep("B", DEC="01/10/2024", REC="E4A"),
                ep("C", DEC="01/04/2025", REC="E11")]
    blank = {f: "" for f in ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")}
    rows = [ad1("A"), ad1("B"), ad1("C", **blank), ad1("D", **{**blank, "NB_ADOPTR": "x"})]
    assert flagged(R602, "2024-25", {"Episodes": episodes, "AD1": rows}) == {("AD1", 1, "B"), ("AD1", 3, "D")}


def test_1003_decision_to_place_for_adoption_not_before_care_began():
    episodes = [ep("A"), ep("B"), ep("C", RNE="P", DECOM="01/09/2023"), ep("C", DECOM="01/08/2023"),
                ep("D", DECOM="01/01/2023"), ep("D", DECOM="01/06/2024")]
    placed = [{"CHILD": "A", "DOB": "01/01/2020", "DATE_PLACED": "31/05/2023"},
              {"CHILD": "B", "DOB": "01/01/2020", "DATE_PLACED": "01/06/2023"},
              {"CHILD": "C", "DOB": "01/01/2020", "DATE_PLACED": "15/08/2023"},
              {"CHILD": "D", "DOB": "01/01/2020", "DATE_PLACED": "01/02/2023"}]
    # D's decision follows the start of its first period of care, if not the second.
    assert flagged(R1003, "2024-25", {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("Episodes", 0, "A"), ("PlacedAdoption", 0, "A")}
