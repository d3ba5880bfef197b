"""Spec tests for the adoption rules (``clearsight.rules.ssda903.adoption``)."""

from clearsight.rules.ssda903 import adoption as r
from clearsight.rules.ssda903.adoption import (
    R112,
    R113,
    R114,
    R115,
    R116,
    R117,
    R118,
    R119,
    R120,
    R134,
    R151,
    R175,
    R176,
    R177,
    R184,
    R199,
    R331,
    R333,
    R334,
    R335,
    R336,
    R390,
    R408,
    R601,
    R602,
    R1003,
)
from clearsight.rules.testing import flagged


def ad1(child, **kw):
    return {"CHILD": child, "DOB": "01/01/2020", **kw}


def ep(child, decom="01/04/2024", **kw):
    return {"CHILD": child, "DECOM": decom, "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def pa(child, placed, ceased="", reason="", **kw):
    return {"CHILD": child, "DOB": "01/01/2020", "DATE_PLACED": placed, "DATE_PLACED_CEASED": ceased,
            "REASON_PLACED_CEASED": reason, **kw}


Y = "2024-25"  # 1 April 2024 to 31 March 2025


def ad1_112(child, **kw):
    row = {"CHILD": child, "DOB": "01/01/2020", "DATE_INT": "01/06/2023", "DATE_MATCH": "01/08/2023",
           "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L0"}
    return {**row, **kw}


def pa_112(child, **kw):
    return {"CHILD": child, "DOB": "01/01/2020", "DATE_PLACED": "01/06/2024", **kw}


def ep_112(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2023", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "A3", **kw}


def ep_331(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "E1", "CIN": "N1", "PLACE": "A4", **kw}


def ad1_331(child, **kw):
    return {"CHILD": child, "DOB": "01/01/2020", "DATE_INT": "01/01/2024", "DATE_MATCH": "01/03/2024",
            "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L0", **kw}


def ep_199(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def pa_199(child, placed, ceased="", reason=""):
    return {"CHILD": child, "DOB": "01/01/2020", "DATE_PLACED": placed, "DATE_PLACED_CEASED": ceased,
            "REASON_PLACED_CEASED": reason}


def ep_601(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2023", "RNE": "S", "LS": "E1", "CIN": "N1", "PLACE": "A5", **kw}


def ad1_601(child, **kw):
    full = {"CHILD": child, "DOB": "01/01/2020", "DATE_INT": "01/02/2024", "DATE_MATCH": "01/03/2024",
            "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L0"}
    return {**full, **kw}


def ep_408(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "PLACE_PROVIDER": "PR1", **kw}


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


def test_112_113_adoption_dates_if_given_must_be_dates():
    rows = [ad1_112("A"), ad1_112("B", DATE_INT="31/04/2023", DATE_MATCH="1/8/23"), ad1_112("C", DATE_INT="", DATE_MATCH="")]
    assert flagged(R112, Y, {"AD1": rows}) == {("AD1", 1, "B")}
    assert flagged(R113, Y, {"AD1": rows}) == {("AD1", 1, "B")}


def test_114_176_177_adoption_codes_if_given_must_be_valid():
    rows = [ad1_112("A"), ad1_112("B", FOSTER_CARE="2", SEX_ADOPTR="M", LS_ADOPTR="L1"),
            ad1_112("C", FOSTER_CARE="", SEX_ADOPTR="", LS_ADOPTR="")]
    for rule in (R114, R176, R177):
        assert flagged(rule, Y, {"AD1": rows}) == {("AD1", 1, "B")}


def test_175_number_of_adopters_is_one_or_two():
    rows = [ad1_112("A", NB_ADOPTR="1"), ad1_112("B", NB_ADOPTR="3"), ad1_112("C", NB_ADOPTR="two"), ad1_112("D", NB_ADOPTR="")]
    assert flagged(R175, Y, {"AD1": rows}) == {("AD1", 1, "B"), ("AD1", 2, "C")}


def test_115_116_placement_decision_dates_if_given_must_be_dates():
    rows = [pa_112("A", DATE_PLACED_CEASED="01/09/2024", REASON_PLACED_CEASED="RD1"),
            pa_112("B", DATE_PLACED="32/05/2024", DATE_PLACED_CEASED="xx", REASON_PLACED_CEASED="RD1"),
            pa_112("C", DATE_PLACED="")]
    assert flagged(R115, Y, {"PlacedAdoption": rows}) == {("PlacedAdoption", 1, "B")}
    assert flagged(R116, Y, {"PlacedAdoption": rows}) == {("PlacedAdoption", 1, "B")}


def test_117_decision_not_after_31_march_nor_after_care_ended():
    episodes = [ep_112("A", DEC="30/09/2024", REC="E11"),           # A's care ended 30 September
                ep_112("B"),                                        # B still looked after
                ep_112("C", DEC="30/09/2024", REC="X1"),            # an X1 ending is not the end of care...
                ep_112("C", DECOM="30/09/2024", RNE="P")]           # ...and C's latest episode is still open
    placed = [pa_112("A", DATE_PLACED="01/10/2024"),              # after A's care ended
              pa_112("B", DATE_PLACED="01/04/2025"),              # after 31 March
              pa_112("B", DATE_PLACED="31/03/2025"),              # on 31 March: fine
              pa_112("C", DATE_PLACED="01/10/2024"),              # C's open episode sets no limit
              pa_112("D", DATE_PLACED="01/06/2024", DATE_PLACED_CEASED="02/04/2025")]  # no episodes at all
    assert flagged(R117, Y, {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("PlacedAdoption", 0, "A"), ("Episodes", 0, "A"),
        ("PlacedAdoption", 1, "B"), ("Episodes", 1, "B"),
        ("PlacedAdoption", 4, "D")}


def test_118_decision_to_stop_not_before_the_year_nor_before_care_began():
    episodes = [ep_112("A", DECOM="01/03/2024", LS="V3", DEC="05/03/2024", REC="E8"),  # a short break is ignored
                ep_112("A", DECOM="01/05/2024"),
                ep_112("B", DECOM="01/01/2024")]
    placed = [pa_112("A", DATE_PLACED="01/06/2024", DATE_PLACED_CEASED="10/04/2024"),   # before A's care began
              pa_112("B", DATE_PLACED="01/02/2024", DATE_PLACED_CEASED="31/03/2024"),   # before 1 April
              pa_112("B", DATE_PLACED="01/02/2024", DATE_PLACED_CEASED="01/04/2024"),   # on 1 April: fine
              pa_112("C", DATE_PLACED="01/06/2024")]                                    # no decision to stop
    assert flagged(R118, Y, {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("PlacedAdoption", 0, "A"), ("Episodes", 1, "A"), ("PlacedAdoption", 1, "B"), ("Episodes", 2, "B")}


def test_119_date_and_reason_for_stopping_go_together():
    rows = [pa_112("A"), pa_112("B", DATE_PLACED_CEASED="01/09/2024"), pa_112("C", REASON_PLACED_CEASED="RD1"),
            pa_112("D", DATE_PLACED_CEASED="01/09/2024", REASON_PLACED_CEASED="RD2"),
            pa_112("E", DATE_PLACED_CEASED="not a date", REASON_PLACED_CEASED="RD2")]
    assert flagged(R119, Y, {"PlacedAdoption": rows}) == {("PlacedAdoption", 1, "B"), ("PlacedAdoption", 2, "C")}


def test_120_reason_for_stopping_must_be_valid():
    rows = [pa_112("A", REASON_PLACED_CEASED="RD4"), pa_112("B", REASON_PLACED_CEASED="RD5"), pa_112("C")]
    assert flagged(R120, Y, {"PlacedAdoption": rows}) == {("PlacedAdoption", 1, "B")}


def test_134_no_adoption_data_for_a_care_leaver():
    oc3 = [{"CHILD": "A", "DOB": "01/01/2006", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
           {"CHILD": "B", "DOB": "01/01/2006", "IN_TOUCH": "", "ACTIV": "", "ACCOM": ""}]
    adoptions = [ad1_112("A"), ad1_112("B"), ad1_112("C"),
                 {"CHILD": "A", "DOB": "01/01/2006"}]  # an empty AD1 row is no adoption data
    assert flagged(R134, Y, {"OC3": oc3, "AD1": adoptions}) == {("AD1", 0, "A")}


def test_151_adoption_items_all_or_none():
    rows = [ad1_112("A"), {"CHILD": "B", "DOB": "01/01/2020"}, ad1_112("C", LS_ADOPTR=""), ad1_112("D", NB_ADOPTR="x"),
            ad1_112("E", DATE_INT="", DATE_MATCH="", FOSTER_CARE="", NB_ADOPTR="", SEX_ADOPTR="")]
    assert flagged(R151, Y, {"AD1": rows}) == {("AD1", 2, "C"), ("AD1", 4, "E")}


def test_184_decision_cannot_precede_birth():
    placed = [pa_112("A", DOB="01/06/2024", DATE_PLACED="31/05/2024"), pa_112("B", DOB="01/06/2024", DATE_PLACED="01/06/2024"),
              pa_112("C", DOB=""), pa_112("D", DATE_PLACED="")]
    assert flagged(R184, Y, {"PlacedAdoption": placed}) == {("PlacedAdoption", 0, "A")}


def test_331_matched_by_the_adoption_placement():
    eps = [ep_331("A", DEC="01/10/2024", REC="E11"), ep_331("B", DEC="01/10/2024", REC="E11"), ep_331("C")]
    ads = [ad1_331("A", DATE_MATCH="01/04/2024"), ad1_331("B", DATE_MATCH="02/04/2024"), ad1_331("C", DATE_MATCH="02/04/2024")]
    # C's episode has not ended in adoption.
    assert flagged(R331, Y, {"Episodes": eps, "AD1": ads}) == {("Episodes", 1, "B"), ("AD1", 1, "B")}


def test_333_decision_to_adopt_before_matching():
    ads = [ad1_331("A"), ad1_331("B", DATE_INT="02/03/2024"), ad1_331("C", DATE_INT=""), ad1_331("D", DATE_INT="01/03/2024")]
    assert flagged(R333, Y, {"AD1": ads}) == {("AD1", 1, "B"), ("AD1", 2, "C")}


def test_334_decision_to_adopt_after_the_latest_period_of_care_began():
    eps = [ep_331("A", DECOM="01/06/2022", DEC="01/06/2023", REC="E13"), ep_331("A", DECOM="01/02/2024"),
           ep_331("B", DECOM="01/12/2023")]
    ads = [ad1_331("A"), ad1_331("B")]
    # A's decision (01/01/2024) came before A's latest period of care (01/02/2024).
    assert flagged(R334, Y, {"Episodes": eps, "AD1": ads}) == {("Episodes", 1, "A"), ("AD1", 0, "A")}


def test_335_adopted_by_foster_carers_agrees_with_the_placement():
    eps = [ep_331("A", PLACE="A3", DEC="01/10/2024", REC="E11"), ep_331("B", PLACE="A4", DEC="01/10/2024", REC="E12"),
           ep_331("C", PLACE="A5", DEC="01/10/2024", REC="E11"), ep_331("D", PLACE="A3")]
    ads = [ad1_331("A", FOSTER_CARE="0"), ad1_331("B", FOSTER_CARE="1"), ad1_331("C", FOSTER_CARE="1"), ad1_331("D")]
    assert flagged(R335, Y, {"Episodes": eps, "AD1": ads}) == {("Episodes", 0, "A"), ("AD1", 0, "A"),
                                                               ("Episodes", 1, "B"), ("AD1", 1, "B")}


def test_336_placed_with_foster_carers_for_adoption_after_fostering():
    eps = [ep_331("A", PLACE="U1", DEC="01/06/2024", REC="X1"), ep_331("A", PLACE="A3", DECOM="01/06/2024", RNE="P"),
           ep_331("B", PLACE="K2", DEC="01/06/2024", REC="X1"), ep_331("B", PLACE="A5", DECOM="01/06/2024", RNE="P"),
           ep_331("C", PLACE="A3"),
           ep_331("D", PLACE="K2", DEC="01/06/2024", REC="X1"), ep_331("D", PLACE="A4", DECOM="01/06/2024", RNE="P")]
    # C's first episode has nothing before it; D is placed with other adopters.
    assert flagged(R336, Y, {"Episodes": eps}) == {("Episodes", 3, "B")}


def test_390_adopted_from_an_adoption_placement():
    eps = [ep_331("A", DEC="01/10/2024", REC="E11"), ep_331("B", PLACE="U1", DEC="01/10/2024", REC="E12"),
           ep_331("C", PLACE="U1", DEC="01/10/2024", REC="E13")]
    assert flagged(R390, Y, {"Episodes": eps}) == {("Episodes", 1, "B")}


def test_199_no_episode_after_an_adoption():
    this_year = [ep_199("A", DECOM="01/05/2024", DEC="01/06/2024", REC="E11"),   # adopted in June...
                 ep_199("A", DECOM="01/09/2024"),                                # ...and back in care
                 ep_199("B", DECOM="01/05/2024", DEC="01/06/2024", REC="E12"),   # adopted: the adoption itself is fine
                 ep_199("C", DECOM="01/09/2024"),                                # adopted last year
                 ep_199("D", DECOM="01/09/2024", DEC="01/10/2024", REC="X1"), ep_199("D", DECOM="01/10/2024")]
    last_year = [ep_199("C", DECOM="01/05/2023", DEC="01/06/2023", REC="E11")]
    assert flagged(R199, "2024-25", {"Episodes": this_year}, previous={"Episodes": last_year}) == {
        ("Episodes", 1, "A"), ("Episodes", 3, "C")}
    # Without last year's return only this year's adoptions are seen.
    assert flagged(R199, "2024-25", {"Episodes": this_year}, previous={}) == {("Episodes", 1, "A")}


def test_559_decision_from_before_the_year_was_in_last_years_return():
    last = [pa_199("A", "01/02/2024")]
    this = [pa_199("A", "01/02/2024"), pa_199("B", "01/02/2024"), pa_199("C", "01/04/2024")]
    assert flagged(r.R559, "2024-25", {"PlacedAdoption": this}, previous={"PlacedAdoption": last}) == {
        ("PlacedAdoption", 1, "B")}


def test_560_an_open_decision_keeps_its_date():
    last = [pa_199("A", "01/02/2024"), pa_199("B", "01/02/2024"), pa_199("C", "01/02/2024")]
    this = [pa_199("A", "01/02/2024"), pa_199("B", "02/02/2024"),
            pa_199("C", "01/02/2024", "01/05/2024", "RD4"), pa_199("C", "01/06/2024")]   # ended, then a new decision
    assert flagged(r.R560, "2024-25", {"PlacedAdoption": this}, previous={"PlacedAdoption": last}) == {
        ("PlacedAdoption", 1, "B")}


def test_561_a_decision_that_ceased_last_year_is_not_reported_again():
    last = [pa_199("A", "01/02/2023", "01/03/2024", "RD4"), pa_199("B", "01/02/2023", "01/03/2024", "RD4")]
    this = [pa_199("A", "01/02/2023"), pa_199("B", "01/06/2024")]
    assert flagged(r.R561, "2024-25", {"PlacedAdoption": this}, previous={"PlacedAdoption": last}) == {
        ("PlacedAdoption", 0, "A")}


def test_584_after_a_ceased_decision_a_new_one_is_later():
    last = [pa_199("A", "02/01/2024", "01/03/2024", "RD4"), pa_199("B", "02/01/2024", "01/03/2024", "RD4"),
            pa_199("C", "02/01/2024", "01/03/2024", "RD4")]
    # As text, 01/02/2024 sorts before 02/01/2024; as dates it is a month later.
    this = [pa_199("A", "01/02/2024"), pa_199("B", "01/01/2024"), pa_199("C", "02/01/2024")]
    assert flagged(r.R584, "2024-25", {"PlacedAdoption": this}, previous={"PlacedAdoption": last}) == {
        ("PlacedAdoption", 1, "B"), ("PlacedAdoption", 2, "C")}


def test_601_a_child_adopted_in_the_year_needs_the_adoption_fields():
    episodes = [ep_601("A", DEC="01/10/2024", REC="E11"), ep_601("B", DEC="01/10/2024", REC="E12"),
                ep_601("C", DEC="01/10/2024", REC="E11"), ep_601("D", DEC="31/03/2024", REC="E11"),
                ep_601("E", DEC="01/10/2024", REC="E11")]
    rows = [ad1_601("A"), ad1_601("B", SEX_ADOPTR=""), ad1_601("D", DATE_INT=""), ad1_601("E", NB_ADOPTR="two")]
    # C has no AD1 row at all; D was adopted before the year; E's NB_ADOPTR is completed, if not a number.
    assert flagged(R601, "2024-25", {"Episodes": episodes, "AD1": rows}) == {
        ("Episodes", 1, "B"), ("AD1", 1, "B"), ("Episodes", 2, "C")}


def test_602_adoption_data_needs_an_adoption_in_the_year():
    episodes = [ep_601("A", DEC="01/10/2024", REC="E11"), ep_601("B", DEC="01/10/2024", REC="E4A"),
                ep_601("C", DEC="01/04/2025", REC="E11")]
    blank = {f: "" for f in ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")}
    rows = [ad1_601("A"), ad1_601("B"), ad1_601("C", **blank), ad1_601("D", **{**blank, "NB_ADOPTR": "x"})]
    assert flagged(R602, "2024-25", {"Episodes": episodes, "AD1": rows}) == {("AD1", 1, "B"), ("AD1", 3, "D")}


def test_1003_decision_to_place_for_adoption_not_before_care_began():
    episodes = [ep_601("A"), ep_601("B"), ep_601("C", RNE="P", DECOM="01/09/2023"), ep_601("C", DECOM="01/08/2023"),
                ep_601("D", DECOM="01/01/2023"), ep_601("D", DECOM="01/06/2024")]
    placed = [{"CHILD": "A", "DOB": "01/01/2020", "DATE_PLACED": "31/05/2023"},
              {"CHILD": "B", "DOB": "01/01/2020", "DATE_PLACED": "01/06/2023"},
              {"CHILD": "C", "DOB": "01/01/2020", "DATE_PLACED": "15/08/2023"},
              {"CHILD": "D", "DOB": "01/01/2020", "DATE_PLACED": "01/02/2023"}]
    # D's decision follows the start of its first period of care, if not the second.
    assert flagged(R1003, "2024-25", {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("Episodes", 0, "A"), ("PlacedAdoption", 0, "A")}


def test_408_placed_for_adoption_with_placement_order_needs_legal_status_e1():
    rows = [ep_408("A", PLACE="A5", LS="E1"), ep_408("B", PLACE="A6", LS="C2"), ep_408("C", PLACE="A3", LS="C2")]
    assert flagged(R408, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}
