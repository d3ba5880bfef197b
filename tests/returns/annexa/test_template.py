"""Ofsted's Annex A template, read from data: eleven lists, their sheets and columns in the workbook's order."""

import openpyxl
import pytest

from clearsight.returns.annexa.template import LATEST, canonical_name, reference_folder, template, versions


def test_the_shipped_version_is_the_january_2024_template():
    assert LATEST in versions()
    assert template().version == "2024-01"


def test_eleven_lists_with_the_workbooks_sheets_and_headers_in_order():
    t = template()
    assert [a.number for a in t.lists] == list(range(1, 12))
    book = openpyxl.load_workbook(reference_folder() / "Annex_A_2024_Jan.xlsx", read_only=True)
    for annex_list in t.lists:
        headers = [h for h in next(book[annex_list.sheet].iter_rows(max_row=1, values_only=True)) if h is not None]
        assert [c.header for c in annex_list.columns] == [str(h).strip() for h in headers]
    assert [c.name for c in t.list(1).columns] == [
        "child_unique_id", "gender", "ethnicity", "date_of_birth", "age", "date_of_contact", "contact_source"]


def test_windows_six_months_for_lists_1_to_9_and_twelve_for_10_and_11():
    t = template()
    assert [a.window_months for a in t.lists] == [6] * 9 + [12, 12]


def test_column_kinds_and_council_variants():
    contacts = template().list(1)
    assert contacts.column("date_of_contact").kind == "date"
    assert not contacts.column("date_of_contact").blank_allowed
    gender = contacts.column("gender")
    assert gender.kind == "category"
    assert gender.recognises("M") and gender.recognises(" 1 - male ")
    assert not gender.recognises("Martian")
    assert gender.ofsted_value("Female") == "b) Female"
    assert template().list(8).column("placement_postcode").kind == "postcode"
    assert template().list(3).column("number_of_referrals_in_last_12_months").min_value == 0


def test_a_council_header_variant_names_its_column():
    assert template().list(1).column("child_unique_id").matches_header("Child ID")
    assert not template().list(1).column("child_unique_id").matches_header("Date of Birth")


def test_unknown_list_and_version_are_refused_by_name():
    with pytest.raises(ValueError, match="no list 12"):
        template().list(12)
    with pytest.raises(ValueError, match="no Annex A template '1999-01'"):
        template("1999-01")


def test_canonical_names():
    assert canonical_name("Child's Legal Status") == "child_s_legal_status"
    assert canonical_name("Date of Last IRO Visit / Contact to the Child") == "date_of_last_iro_visit_contact_to_the_child"
