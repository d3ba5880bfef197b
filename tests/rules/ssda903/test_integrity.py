"""Spec tests for the integrity rules (``clearsight.rules.ssda903.integrity``)."""

import pytest

from clearsight.rules.ssda903.integrity import EPI, INT, NoE
from clearsight.rules.testing import flagged

Y = "2024-25"


HEADER = [{"CHILD": "A", "SEX": "M", "DOB": "01/01/2015"}, {"CHILD": "B", "SEX": "F", "DOB": "01/01/2015"}]


def row(table, child, **kw):
    base = {"CHILD": child, "DOB": "01/01/2015"}
    if table == "Episodes":
        base = {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1"}
    if table == "UASC":
        base["SEX"] = "M" if child == "A" else "F"
    return {**base, **kw}


BY_CODE = {r.code: r for r in INT}


def test_epi_a_child_needs_episodes_or_care_leaver_details():
    header = HEADER + [{"CHILD": "C", "SEX": "F", "DOB": "01/01/2006"}]
    tables = {"Header": header, "Episodes": [row("Episodes", "A")],
              "OC3": [{"CHILD": "C", "DOB": "01/01/2006", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"}]}
    assert flagged(EPI, Y, tables) == {("Header", 1, "B")}


@pytest.mark.parametrize("code,table", [("INT01", "AD1"), ("INT02", "PlacedAdoption"), ("INT03", "Episodes"),
                                        ("INT04", "Missing"), ("INT05", "OC2"), ("INT06", "OC3"),
                                        ("INT07", "PrevPerm"), ("INT08", "Reviews"), ("INT09", "UASC")])
def test_int01_to_09_every_child_is_in_header(code, table):
    rows = [row(table, "A"), row(table, "Z")]
    assert flagged(BY_CODE[code], Y, {"Header": HEADER, table: rows}) == {(table, 1, "Z")}
    # Without any Header rows the check is not made (one missing file, not every child).
    assert flagged(BY_CODE[code], Y, {table: rows}) == set()


@pytest.mark.parametrize("code,table", [("INT11", "AD1"), ("INT12", "PlacedAdoption"), ("INT13", "Missing"),
                                        ("INT14", "OC2"), ("INT15", "OC3"), ("INT16", "PrevPerm"),
                                        ("INT17", "Reviews"), ("INT18", "UASC")])
def test_int11_to_18_date_of_birth_agrees_with_header(code, table):
    rows = [row(table, "A"), row(table, "B", DOB="2015-01-02"),
            row(table, "B", DOB="2015-01-01"),          # the same date written the ISO way
            row(table, "B", DOB=""), row(table, "Z", DOB="01/01/2000")]
    assert flagged(BY_CODE[code], Y, {"Header": HEADER, table: rows}) == {(table, 1, "B")}


def test_int21_uasc_sex_agrees_with_header():
    rows = [row("UASC", "A"), row("UASC", "B", SEX="M")]
    assert flagged(BY_CODE["INT21"], Y, {"Header": HEADER, "UASC": rows}) == {("UASC", 1, "B")}


@pytest.mark.parametrize("code,table", [("INT31", "AD1"), ("INT32", "Header"), ("INT33", "OC2"), ("INT34", "OC3"),
                                        ("INT35", "PrevPerm"), ("INT36", "UASC")])
def test_int31_to_36_one_row_a_child(code, table):
    rows = [row(table, "A"), row(table, "B"), row(table, "A")]
    assert flagged(BY_CODE[code], Y, {table: rows}) == {(table, 0, "A"), (table, 2, "A")}


def test_noe_episodes_before_the_year_were_in_last_years_return():
    this_year = [row("Episodes", "A", DECOM="01/01/2024"), row("Episodes", "B", DECOM="01/01/2024"),
                 row("Episodes", "C", DECOM="01/04/2024")]
    last_year = [row("Episodes", "A", DECOM="01/01/2024")]
    assert flagged(NoE, Y, {"Episodes": this_year}, previous={"Episodes": last_year}) == {("Episodes", 1, "B")}
