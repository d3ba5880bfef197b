"""Spec tests for the Header rules: each shows the rule on a tiny table."""

from clearsight.rules.ssda903.header import R101, R102, R103
from clearsight.rules.testing import flagged


def test_101_sex_must_be_a_code_of_the_year():
    rows = [{"CHILD": "A", "SEX": "M"}, {"CHILD": "B", "SEX": "1"}, {"CHILD": "C", "SEX": ""}]
    # From 2024-25 the 903 records sex as M/F/U; 1/2 was the earlier coding.
    assert flagged(R101, "2024-25", {"Header": rows}) == {("Header", 1, "B"), ("Header", 2, "C")}
    assert flagged(R101, "2023-24", {"Header": rows}) == {("Header", 0, "A"), ("Header", 2, "C")}


def test_102_date_of_birth_must_be_a_date():
    rows = [{"CHILD": "A", "DOB": "01/05/2012"}, {"CHILD": "B", "DOB": "31/02/2012"}, {"CHILD": "C", "DOB": ""},
            {"CHILD": "D", "DOB": "2012-05-01"}]
    assert flagged(R102, "2024-25", {"Header": rows}) == {("Header", 1, "B"), ("Header", 2, "C")}


def test_103_ethnicity_must_be_present_and_valid():
    rows = [{"CHILD": "A", "ETHNIC": "WBRI"}, {"CHILD": "B", "ETHNIC": "XXXX"}, {"CHILD": "C", "ETHNIC": ""},
            {"CHILD": "D", "ETHNIC": "wbri"}]
    assert flagged(R103, "2024-25", {"Header": rows}) == {("Header", 1, "B"), ("Header", 2, "C")}
