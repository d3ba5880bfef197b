"""Spec tests for the child protection measures."""

from clearsight.measures.defs.cp import CP01, CP02, CP03, CP04, CP05, CP06, CP07
from clearsight.measures.testing import nums

Y = "2024-25"


def s47(child, start, icpc=""):
    return {"LAchildID": child, "S47ActualStartDate": start, "DateOfInitialCPC": icpc, "referral_row": 0}


def plan(child, start, end="", previous=""):
    return {"LAchildID": child, "CPPstartDate": start, "CPPendDate": end, "NumberOfPreviousCPP": previous,
            "referral_row": 0}


def test_cp01_and_cp03_enquiries_and_their_conversion_to_conferences():
    loads = [("cin", Y, {"Section47": [s47("A", "2024-05-01", "2024-05-20"), s47("B", "2024-06-01"),
                                       s47("C", "2024-03-01", "2024-04-10")]})]
    assert nums(CP01, loads, [Y], population=10000) == {(Y, None): (2, None, 2.0)}
    assert nums(CP03, loads, [Y]) == {(Y, None): (1, 2, 0.5)}


def test_cp02_conference_within_15_working_days():
    # S47 starts Wed 2024-05-01; the early May bank holiday is Mon 6 May, so the 15th working day is Thu 23 May.
    loads = [("cin", Y, {"Section47": [s47("A", "2024-05-01", "2024-05-23"), s47("B", "2024-05-01", "2024-05-24"),
                                       s47("C", "2024-05-01")]})]
    assert nums(CP02, loads, [Y]) == {(Y, None): (1, 2, 0.5)}


def test_cp04_children_on_a_plan_on_the_last_day():
    loads = [("cin", Y, {"ChildProtectionPlans": [plan("A", "2024-06-01"), plan("A", "2025-01-01"),
                                                   plan("B", "2024-06-01", "2025-03-31"), plan("C", "2025-04-01")]})]
    # A counts once (two open plans would be a data error, but a child is counted once); B ended on the day.
    assert nums(CP04, loads, [Y], population=20000) == {(Y, None): (1, None, 0.5)}


def test_cp05_second_or_subsequent_plans():
    loads = [("cin", "2023-24", {"ChildProtectionPlans": [plan("A", "2023-05-01", "2023-11-01")]}),
             ("cin", Y, {"ChildProtectionPlans": [plan("A", "2024-06-01"), plan("B", "2024-06-01", previous="2"),
                                                  plan("C", "2024-06-01", previous="0")]})]
    assert nums(CP05, loads, [Y]) == {(Y, None): (2, 3, 0.6667)}


def test_cp06_and_cp07_how_long_ended_plans_lasted():
    loads = [("cin", Y, {"ChildProtectionPlans": [
        plan("A", "2022-06-01", "2024-06-01"),  # exactly 2 years
        plan("B", "2022-06-02", "2024-06-01"),  # a day short of 2 years
        plan("C", "2024-05-01", "2024-08-01"),  # exactly 3 months
        plan("D", "2024-05-01", "2024-08-02"),  # 3 months and a day
        plan("E", "2024-05-01"),  # still open
    ]})]
    assert nums(CP06, loads, [Y]) == {(Y, None): (1, 4, 0.25)}
    assert nums(CP07, loads, [Y]) == {(Y, None): (1, 4, 0.25)}
