"""Spec tests for the adoption rules."""

from clearsight.rules.ssda903.b_adoption import R331, R333, R334, R335, R336, R390
from clearsight.rules.testing import flagged

Y = "2024-25"


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "E1", "CIN": "N1", "PLACE": "A4", **kw}


def ad1(child, **kw):
    return {"CHILD": child, "DOB": "01/01/2020", "DATE_INT": "01/01/2024", "DATE_MATCH": "01/03/2024",
            "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L0", **kw}


def test_331_matched_by_the_adoption_placement():
    eps = [ep("A", DEC="01/10/2024", REC="E11"), ep("B", DEC="01/10/2024", REC="E11"), ep("C")]
    ads = [ad1("A", DATE_MATCH="01/04/2024"), ad1("B", DATE_MATCH="02/04/2024"), ad1("C", DATE_MATCH="02/04/2024")]
    # C's episode has not ended in adoption.
    assert flagged(R331, Y, {"Episodes": eps, "AD1": ads}) == {("Episodes", 1, "B"), ("AD1", 1, "B")}


def test_333_decision_to_adopt_before_matching():
    ads = [ad1("A"), ad1("B", DATE_INT="02/03/2024"), ad1("C", DATE_INT=""), ad1("D", DATE_INT="01/03/2024")]
    assert flagged(R333, Y, {"AD1": ads}) == {("AD1", 1, "B"), ("AD1", 2, "C")}


def test_334_decision_to_adopt_after_the_latest_period_of_care_began():
    eps = [ep("A", DECOM="01/06/2022", DEC="01/06/2023", REC="E13"), ep("A", DECOM="01/02/2024"),
           ep("B", DECOM="01/12/2023")]
    ads = [ad1("A"), ad1("B")]
    # A's decision (01/01/2024) came before A's latest period of care (01/02/2024).
    assert flagged(R334, Y, {"Episodes": eps, "AD1": ads}) == {("Episodes", 1, "A"), ("AD1", 0, "A")}


def test_335_adopted_by_foster_carers_agrees_with_the_placement():
    eps = [ep("A", PLACE="A3", DEC="01/10/2024", REC="E11"), ep("B", PLACE="A4", DEC="01/10/2024", REC="E12"),
           ep("C", PLACE="A5", DEC="01/10/2024", REC="E11"), ep("D", PLACE="A3")]
    ads = [ad1("A", FOSTER_CARE="0"), ad1("B", FOSTER_CARE="1"), ad1("C", FOSTER_CARE="1"), ad1("D")]
    assert flagged(R335, Y, {"Episodes": eps, "AD1": ads}) == {("Episodes", 0, "A"), ("AD1", 0, "A"),
                                                               ("Episodes", 1, "B"), ("AD1", 1, "B")}


def test_336_placed_with_foster_carers_for_adoption_after_fostering():
    eps = [ep("A", PLACE="U1", DEC="01/06/2024", REC="X1"), ep("A", PLACE="A3", DECOM="01/06/2024", RNE="P"),
           ep("B", PLACE="K2", DEC="01/06/2024", REC="X1"), ep("B", PLACE="A5", DECOM="01/06/2024", RNE="P"),
           ep("C", PLACE="A3"),
           ep("D", PLACE="K2", DEC="01/06/2024", REC="X1"), ep("D", PLACE="A4", DECOM="01/06/2024", RNE="P")]
    # C's first episode has nothing before it; D is placed with other adopters.
    assert flagged(R336, Y, {"Episodes": eps}) == {("Episodes", 3, "B")}


def test_390_adopted_from_an_adoption_placement():
    eps = [ep("A", DEC="01/10/2024", REC="E11"), ep("B", PLACE="U1", DEC="01/10/2024", REC="E12"),
           ep("C", PLACE="U1", DEC="01/10/2024", REC="E13")]
    assert flagged(R390, Y, {"Episodes": eps}) == {("Episodes", 1, "B")}
