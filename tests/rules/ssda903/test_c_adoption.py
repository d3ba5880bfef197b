"""Spec tests for the adoption rules (c_adoption)."""

from clearsight.rules.ssda903 import c_adoption as r
from clearsight.rules.testing import flagged


def ad1(child, **kw):
    return {"CHILD": child, "DOB": "01/01/2020", **kw}


def pa(child, placed, ceased="", reason="", **kw):
    return {"CHILD": child, "DOB": "01/01/2020", "DATE_PLACED": placed, "DATE_PLACED_CEASED": ceased,
            "REASON_PLACED_CEASED": reason, **kw}


def ep(child, decom="01/04/2024", **kw):
    return {"CHILD": child, "DECOM": decom, "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def test_adopters_legal_status_and_sexes_agree():
    rows = [ad1("A", NB_ADOPTR="2", SEX_ADOPTR="M1", LS_ADOPTR="L0"),   # 511 (two adopters), 514 (L0 fine)
            ad1("B", NB_ADOPTR="1", SEX_ADOPTR="MF", LS_ADOPTR="L0"),   # 514
            ad1("C", NB_ADOPTR="2", SEX_ADOPTR="FF", LS_ADOPTR="L3"),   # 517
            ad1("D", NB_ADOPTR="2", SEX_ADOPTR="MF", LS_ADOPTR="L4"),   # 518
            ad1("E", NB_ADOPTR="1", SEX_ADOPTR="F1", LS_ADOPTR="L2"),   # 519
            ad1("F", NB_ADOPTR="2", SEX_ADOPTR="MM", LS_ADOPTR="L11"),  # 520
            ad1("G", NB_ADOPTR="2", SEX_ADOPTR="MF", LS_ADOPTR="L12"),  # 524
            ad1("H", NB_ADOPTR="2", SEX_ADOPTR="MF", LS_ADOPTR="L3")]   # all fine
    expected = [(r.R511, "A"), (r.R514, "B"), (r.R517, "C"), (r.R518, "D"), (r.R519, "E"), (r.R520, "F"),
                (r.R524, "G")]
    for rule, child in expected:
        row = "ABCDEFGH".index(child)
        assert flagged(rule, "2024-25", {"AD1": rows}) == {("AD1", row, child)}, rule.code


def test_521_decision_adoption_is_best_on_or_before_placement():
    episodes = [ep("A", "01/06/2024", PLACE="A3"), ep("B", "01/06/2024", PLACE="A4"), ep("C", "01/06/2024")]
    rows = [ad1("A", DATE_INT="01/06/2024"), ad1("B", DATE_INT="02/06/2024"), ad1("C", DATE_INT="02/06/2024")]
    assert flagged(r.R521, "2024-25", {"Episodes": episodes, "AD1": rows}) == {("Episodes", 1, "B"), ("AD1", 1, "B")}


def test_522_decision_before_it_ceased():
    rows = [pa("A", "01/06/2024", "01/06/2024", "RD1"), pa("B", "01/06/2024", "31/05/2024", "RD1")]
    assert flagged(r.R522, "2024-25", {"PlacedAdoption": rows}) == {("PlacedAdoption", 1, "B")}


def test_523_decision_to_place_is_the_best_interest_decision():
    placed = [pa("A", "01/06/2024"), pa("B", "01/06/2024")]
    rows = [ad1("A", DATE_INT="01/06/2024"), ad1("B", DATE_INT="02/06/2024")]
    assert flagged(r.R523, "2024-25", {"PlacedAdoption": placed, "AD1": rows}) == {
        ("PlacedAdoption", 1, "B"), ("AD1", 1, "B")}


def test_525_a_reversed_decision_and_adoption_details():
    placed = [pa("A", "01/06/2024", "01/09/2024", "RD3"), pa("B", "01/06/2024"), pa("C", "01/06/2024", "01/09/2024")]
    rows = [ad1("A", DATE_MATCH="01/08/2024"), ad1("B", DATE_MATCH="01/08/2024")]
    assert flagged(r.R525, "2024-25", {"PlacedAdoption": placed, "AD1": rows}) == {
        ("PlacedAdoption", 0, "A"), ("AD1", 0, "A")}


def test_551_placed_for_adoption_needs_a_decision():
    episodes = [ep("A", PLACE="A5"), ep("B", PLACE="A6"), ep("C", PLACE="A3"), ep("D")]
    placed = [pa("A", "01/03/2024"), pa("C", "")]
    assert flagged(r.R551, "2024-25", {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("Episodes", 1, "B"), ("Episodes", 2, "C")}


def test_552_decision_on_or_before_first_adoption_placement():
    episodes = [ep("A", "01/06/2024", PLACE="A3"), ep("A", "01/08/2024", PLACE="A4"),
                ep("B", "01/06/2024", PLACE="A3")]
    # A's latest decision (2 June) is after its first adoption placement (1 June); B's is on the day.
    placed = [pa("A", "01/05/2024", "01/05/2024", "RD4"), pa("A", "02/06/2024"), pa("B", "01/06/2024")]
    assert flagged(r.R552, "2024-25", {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("Episodes", 0, "A"), ("PlacedAdoption", 1, "A")}


def test_553_placement_order_needs_a_decision_that_has_not_ceased():
    episodes = [ep("A", LS="E1"), ep("B", LS="E1"), ep("C", LS="E1"),
                ep("D", LS="E1", DEC="01/09/2024", REC="E11")]
    placed = [pa("B", "01/03/2024"), pa("C", "01/03/2024", "01/05/2024", "RD4"),
              pa("D", "01/03/2024", "01/09/2024", "RD1")]
    assert flagged(r.R553, "2024-25", {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("Episodes", 0, "A"), ("PlacedAdoption", 1, "C")}


def test_554_decision_on_or_before_the_first_placement_order():
    episodes = [ep("A", "01/06/2024", LS="E1"), ep("A", "01/08/2024", LS="E1"), ep("B", "01/06/2024", LS="E1")]
    placed = [pa("A", "01/07/2024"), pa("B", "01/06/2024")]
    assert flagged(r.R554, "2024-25", {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("Episodes", 0, "A"), ("PlacedAdoption", 0, "A")}


def test_555_556_freeing_orders():
    episodes = [ep("A", "01/06/2023", LS="D1"), ep("B", "01/06/2023", LS="D1"), ep("C", "01/06/2023", LS="D1")]
    placed = [pa("B", "01/07/2023"), pa("C", "01/05/2023", "01/07/2023", "RD4")]
    tables = {"Episodes": episodes, "PlacedAdoption": placed}
    assert flagged(r.R555, "2023-24", tables) == {("Episodes", 0, "A"), ("PlacedAdoption", 1, "C")}
    assert flagged(r.R556, "2023-24", tables) == {("Episodes", 1, "B")}


def test_557_left_care_not_adopted_needs_the_decision_ceased():
    episodes = [ep("A", PLACE="A3", DEC="01/09/2024", REC="E13"),
                ep("B", LS="E1", DEC="01/09/2024", REC="E13"),
                ep("C", LS="E1", DEC="01/09/2024", REC="E11"),   # adopted
                ep("D", LS="E1", DEC="01/09/2024", REC="X1"),    # still in care
                ep("E", LS="E1", DEC="01/09/2024", REC="E13")]
    placed = [pa("B", "01/03/2024", "01/09/2024"), pa("C", "01/03/2024"), pa("D", "01/03/2024"),
              pa("E", "01/03/2024", "01/09/2024", "RD2")]
    assert flagged(r.R557, "2024-25", {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("Episodes", 0, "A"), ("Episodes", 1, "B"), ("PlacedAdoption", 0, "B")}


def test_557_freeing_orders_count_until_2023_24():
    episodes = [ep("A", LS="D1", DEC="01/09/2023", REC="E13")]
    assert flagged(r.R557, "2023-24", {"Episodes": episodes}) == {("Episodes", 0, "A")}
    assert flagged(r.R557, "2024-25", {"Episodes": episodes}) == set()


def test_558_adopted_child_latest_decision_has_not_ceased():
    episodes = [ep(c, DEC="01/09/2024", REC="E11") for c in "ABC"]
    placed = [pa("A", "01/01/2024", "01/02/2024", "RD4"), pa("A", "01/03/2024", "01/09/2024", "RD1"),
              pa("B", "01/01/2024", "01/02/2024", "RD4"), pa("B", "01/03/2024"),
              pa("C", "01/03/2024", "01/09/2024", "RD1")]
    assert flagged(r.R558, "2024-25", {"Episodes": episodes, "PlacedAdoption": placed}) == {("Episodes", 0, "A")}


def test_563_a_ceased_decision_needs_its_date():
    rows = [pa("A", "", "01/09/2024", "RD4"), pa("B", "01/03/2024", "01/09/2024", "RD4"), pa("C", "")]
    assert flagged(r.R563, "2024-25", {"PlacedAdoption": rows}) == {("PlacedAdoption", 0, "A")}


def test_579_decisions_do_not_overlap():
    rows = [pa("A", "01/06/2024"), pa("A", "01/01/2024"),                   # the earlier one is still open
            pa("B", "01/01/2024", "01/05/2024", "RD4"), pa("B", "01/04/2024"),  # starts before B's first ceased
            pa("C", "01/01/2024", "01/05/2024", "RD4"), pa("C", "01/05/2024")]
    assert flagged(r.R579, "2024-25", {"PlacedAdoption": rows}) == {("PlacedAdoption", 0, "A"),
                                                                     ("PlacedAdoption", 3, "B")}


def test_582_adoption_not_on_the_matching_day():
    episodes = [ep("A", DEC="01/09/2024", REC="E11"), ep("B", DEC="01/09/2024", REC="E12")]
    rows = [ad1("A", DATE_MATCH="01/09/2024"), ad1("B", DATE_MATCH="01/08/2024")]
    assert flagged(r.R582, "2024-25", {"Episodes": episodes, "AD1": rows}) == {("Episodes", 0, "A")}


def test_583_only_the_latest_decision_may_be_open():
    # Ordered by date, not as text: 02/01/2024 is before 01/02/2024.
    rows = [pa("A", "01/02/2024"), pa("A", "02/01/2024"),
            pa("B", "02/01/2024", "15/01/2024", "RD4"), pa("B", "01/02/2024")]
    assert flagged(r.R583, "2024-25", {"PlacedAdoption": rows}) == {("PlacedAdoption", 1, "A")}


def test_511_leaves_codes_that_are_not_valid_to_the_code_list_check():
    rows = [ad1("A", NB_ADOPTR="2", SEX_ADOPTR="F1"), ad1("B", NB_ADOPTR="2", SEX_ADOPTR="XX"),
            ad1("C", NB_ADOPTR="1", SEX_ADOPTR="F1")]
    assert flagged(r.R511, "2024-25", {"AD1": rows}) == {("AD1", 0, "A")}
