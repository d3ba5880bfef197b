"""Spec tests for the previous permanence rules (``clearsight.rules.ssda903.previous_permanence``)."""

from clearsight.rules.ssda903.previous_permanence import R630, R631, R632, R633, R634, R635
from clearsight.rules.testing import flagged


def pp(child, **kw):
    return {"CHILD": child, "DOB": "01/05/2012", **kw}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def test_630_a_new_period_of_care_needs_previous_permanence():
    episodes = [ep("A"), ep("B"), ep("C"), ep("D"), ep("E"), ep("F", DECOM="31/03/2024"), ep("G", RNE="P")]
    prev = [pp("B", PREV_PERM="Z1"), pp("C", PREV_PERM="P1", LA_PERM="352", DATE_PERM="01/01/2020"),
            pp("D", PREV_PERM="P2", LA_PERM="352"), pp("E")]
    # A has no row; D lacks the order date; E's row has no option. F began before the year, G is no new period.
    assert flagged(R630, "2024-25", {"Episodes": episodes, "PrevPerm": prev}) == {
        ("Episodes", 0, "A"), ("Episodes", 3, "D"), ("Episodes", 4, "E")}


def test_631_previous_permanence_option_must_be_a_code():
    rows = [pp("A", PREV_PERM="P1"), pp("B", PREV_PERM="P9"), pp("C"), pp("D", PREV_PERM="z1")]
    assert flagged(R631, "2024-25", {"PrevPerm": rows}) == {("PrevPerm", 1, "B")}


def test_632_date_of_order_may_have_unknown_parts_and_must_precede_care():
    prev = [pp("A", DATE_PERM="xx/10/2011"), pp("B", DATE_PERM="17/06/2001"), pp("C", DATE_PERM="ZZ/05/2021"),
            pp("D", DATE_PERM="ZZ/ZZ/ZZZZ"), pp("E", DATE_PERM="ZZ/ZZ/21"), pp("F", DATE_PERM="01/13/2000"),
            pp("G", DATE_PERM="ZZ/06/2024"), pp("H", DATE_PERM="31/02/2021"), pp("I", DATE_PERM="05/ZZ/2020"),
            pp("J", DATE_PERM="2020-01-01"), pp("K", DATE_PERM="zz/zz/2019")]
    episodes = [ep("A"), ep("B", DECOM="19/11/2021"), ep("B", DECOM="17/06/2001"), ep("C"), ep("D"), ep("E"),
                ep("F"), ep("G"), ep("H"), ep("I", DECOM="20/12/2020"), ep("K")]
    # B's first episode starts on the order date; G's order could be as late as 30 June 2024, after DECOM.
    # I's order (a 5th of some month of 2020) was at the latest on 5 December, before 20 December.
    # J's date is not dd/mm/yyyy and J has no episode: the PrevPerm row alone is reported.
    assert flagged(R632, "2024-25", {"Episodes": episodes, "PrevPerm": prev}) == {
        ("PrevPerm", 0, "A"), ("Episodes", 0, "A"), ("PrevPerm", 1, "B"), ("Episodes", 2, "B"),
        ("PrevPerm", 4, "E"), ("Episodes", 5, "E"), ("PrevPerm", 5, "F"), ("Episodes", 6, "F"),
        ("PrevPerm", 6, "G"), ("Episodes", 7, "G"), ("PrevPerm", 7, "H"), ("Episodes", 8, "H"),
        ("PrevPerm", 9, "J")}


def test_633_local_authority_of_the_order_must_be_a_code():
    rows = [pp("A", LA_PERM="352"), pp("B", LA_PERM="112"), pp("C"), pp("D", LA_PERM="wal"),
            pp("E", LA_PERM="942"), pp("F", LA_PERM="E10000016")]
    assert flagged(R633, "2024-25", {"PrevPerm": rows}) == {("PrevPerm", 1, "B"), ("PrevPerm", 5, "F")}


def test_634_previous_permanence_only_for_care_from_april_2016():
    prev = [pp("A", PREV_PERM="P1"), pp("B", PREV_PERM="Z1"), pp("C", PREV_PERM="P1"), pp("D")]
    episodes = [ep("A", DECOM="31/03/2016", RNE="S"), ep("A", DECOM="01/01/2016", RNE="S"),
                ep("B", DECOM="01/04/2016"), ep("C", DECOM="01/05/2015"), ep("C", DECOM="01/06/2024", RNE="P"),
                ep("D", DECOM="01/01/2015")]
    # A's latest period began the day before 1 April 2016; B's on it. D's row is empty.
    assert flagged(R634, "2024-25", {"Episodes": episodes, "PrevPerm": prev}) == {
        ("PrevPerm", 0, "A"), ("Episodes", 0, "A"), ("Episodes", 1, "A")}


def test_635_no_order_details_when_there_was_no_previous_permanence():
    rows = [pp("A", PREV_PERM="Z1", LA_PERM="352"), pp("B", PREV_PERM="Z1", DATE_PERM="01/05/2000"),
            pp("C", LA_PERM="352"), pp("D", PREV_PERM="Z1"), pp("E", PREV_PERM="P1", LA_PERM="352",
                                                                DATE_PERM="05/05/2020")]
    assert flagged(R635, "2024-25", {"PrevPerm": rows}) == {
        ("PrevPerm", 0, "A"), ("PrevPerm", 1, "B"), ("PrevPerm", 2, "C")}
