"""Spec tests for the adoption rules (AD1 and PlacedAdoption)."""

from clearsight.rules.ssda903.a_adoption import (
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
)
from clearsight.rules.testing import flagged

Y = "2024-25"  # 1 April 2024 to 31 March 2025


def ad1(child, **kw):
    row = {"CHILD": child, "DOB": "01/01/2020", "DATE_INT": "01/06/2023", "DATE_MATCH": "01/08/2023",
           "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L0"}
    return {**row, **kw}


def pa(child, **kw):
    return {"CHILD": child, "DOB": "01/01/2020", "DATE_PLACED": "01/06/2024", **kw}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2023", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "A3", **kw}


def test_112_113_adoption_dates_if_given_must_be_dates():
    rows = [ad1("A"), ad1("B", DATE_INT="31/04/2023", DATE_MATCH="1/8/23"), ad1("C", DATE_INT="", DATE_MATCH="")]
    assert flagged(R112, Y, {"AD1": rows}) == {("AD1", 1, "B")}
    assert flagged(R113, Y, {"AD1": rows}) == {("AD1", 1, "B")}


def test_114_176_177_adoption_codes_if_given_must_be_valid():
    rows = [ad1("A"), ad1("B", FOSTER_CARE="2", SEX_ADOPTR="M", LS_ADOPTR="L1"),
            ad1("C", FOSTER_CARE="", SEX_ADOPTR="", LS_ADOPTR="")]
    for rule in (R114, R176, R177):
        assert flagged(rule, Y, {"AD1": rows}) == {("AD1", 1, "B")}


def test_175_number_of_adopters_is_one_or_two():
    rows = [ad1("A", NB_ADOPTR="1"), ad1("B", NB_ADOPTR="3"), ad1("C", NB_ADOPTR="two"), ad1("D", NB_ADOPTR="")]
    assert flagged(R175, Y, {"AD1": rows}) == {("AD1", 1, "B"), ("AD1", 2, "C")}


def test_115_116_placement_decision_dates_if_given_must_be_dates():
    rows = [pa("A", DATE_PLACED_CEASED="01/09/2024", REASON_PLACED_CEASED="RD1"),
            pa("B", DATE_PLACED="32/05/2024", DATE_PLACED_CEASED="xx", REASON_PLACED_CEASED="RD1"),
            pa("C", DATE_PLACED="")]
    assert flagged(R115, Y, {"PlacedAdoption": rows}) == {("PlacedAdoption", 1, "B")}
    assert flagged(R116, Y, {"PlacedAdoption": rows}) == {("PlacedAdoption", 1, "B")}


def test_117_decision_not_after_31_march_nor_after_care_ended():
    episodes = [ep("A", DEC="30/09/2024", REC="E11"),           # A's care ended 30 September
                ep("B"),                                        # B still looked after
                ep("C", DEC="30/09/2024", REC="X1"),            # an X1 ending is not the end of care...
                ep("C", DECOM="30/09/2024", RNE="P")]           # ...and C's latest episode is still open
    placed = [pa("A", DATE_PLACED="01/10/2024"),              # after A's care ended
              pa("B", DATE_PLACED="01/04/2025"),              # after 31 March
              pa("B", DATE_PLACED="31/03/2025"),              # on 31 March: fine
              pa("C", DATE_PLACED="01/10/2024"),              # C's open episode sets no limit
              pa("D", DATE_PLACED="01/06/2024", DATE_PLACED_CEASED="02/04/2025")]  # no episodes at all
    assert flagged(R117, Y, {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("PlacedAdoption", 0, "A"), ("Episodes", 0, "A"),
        ("PlacedAdoption", 1, "B"), ("Episodes", 1, "B"),
        ("PlacedAdoption", 4, "D")}


def test_118_decision_to_stop_not_before_the_year_nor_before_care_began():
    episodes = [ep("A", DECOM="01/03/2024", LS="V3", DEC="05/03/2024", REC="E8"),  # a short break is ignored
                ep("A", DECOM="01/05/2024"),
                ep("B", DECOM="01/01/2024")]
    placed = [pa("A", DATE_PLACED="01/06/2024", DATE_PLACED_CEASED="10/04/2024"),   # before A's care began
              pa("B", DATE_PLACED="01/02/2024", DATE_PLACED_CEASED="31/03/2024"),   # before 1 April
              pa("B", DATE_PLACED="01/02/2024", DATE_PLACED_CEASED="01/04/2024"),   # on 1 April: fine
              pa("C", DATE_PLACED="01/06/2024")]                                    # no decision to stop
    assert flagged(R118, Y, {"Episodes": episodes, "PlacedAdoption": placed}) == {
        ("PlacedAdoption", 0, "A"), ("Episodes", 1, "A"), ("PlacedAdoption", 1, "B"), ("Episodes", 2, "B")}


def test_119_date_and_reason_for_stopping_go_together():
    rows = [pa("A"), pa("B", DATE_PLACED_CEASED="01/09/2024"), pa("C", REASON_PLACED_CEASED="RD1"),
            pa("D", DATE_PLACED_CEASED="01/09/2024", REASON_PLACED_CEASED="RD2"),
            pa("E", DATE_PLACED_CEASED="not a date", REASON_PLACED_CEASED="RD2")]
    assert flagged(R119, Y, {"PlacedAdoption": rows}) == {("PlacedAdoption", 1, "B"), ("PlacedAdoption", 2, "C")}


def test_120_reason_for_stopping_must_be_valid():
    rows = [pa("A", REASON_PLACED_CEASED="RD4"), pa("B", REASON_PLACED_CEASED="RD5"), pa("C")]
    assert flagged(R120, Y, {"PlacedAdoption": rows}) == {("PlacedAdoption", 1, "B")}


def test_134_no_adoption_data_for_a_care_leaver():
    oc3 = [{"CHILD": "A", "DOB": "01/01/2006", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
           {"CHILD": "B", "DOB": "01/01/2006", "IN_TOUCH": "", "ACTIV": "", "ACCOM": ""}]
    adoptions = [ad1("A"), ad1("B"), ad1("C"),
                 {"CHILD": "A", "DOB": "01/01/2006"}]  # an empty AD1 row is no adoption data
    assert flagged(R134, Y, {"OC3": oc3, "AD1": adoptions}) == {("AD1", 0, "A")}


def test_151_adoption_items_all_or_none():
    rows = [ad1("A"), {"CHILD": "B", "DOB": "01/01/2020"}, ad1("C", LS_ADOPTR=""), ad1("D", NB_ADOPTR="x"),
            ad1("E", DATE_INT="", DATE_MATCH="", FOSTER_CARE="", NB_ADOPTR="", SEX_ADOPTR="")]
    assert flagged(R151, Y, {"AD1": rows}) == {("AD1", 2, "C"), ("AD1", 4, "E")}


def test_184_decision_cannot_precede_birth():
    placed = [pa("A", DOB="01/06/2024", DATE_PLACED="31/05/2024"), pa("B", DOB="01/06/2024", DATE_PLACED="01/06/2024"),
              pa("C", DOB=""), pa("D", DATE_PLACED="")]
    assert flagged(R184, Y, {"PlacedAdoption": placed}) == {("PlacedAdoption", 0, "A")}
