"""Spec tests for the CIN ChildProtectionPlans and Reviews rules."""

from clearsight.rules.cin.cp_plans import (
    R1105,
    R2883,
    R2885,
    R8720,
    R8730,
    R8832,
    R8840,
    R8841,
    R8842Q,
    R8905,
    R8910,
    R8915,
    R8920,
    R8925,
    R8930,
    R8935,
    R8940,
)
from clearsight.rules.cin.testing import census, child, cpp, referral
from clearsight.rules.testing import flagged

Y = "2024-25"


def plan(start=None, end=None, **fields):
    dates = {k: v for k, v in (("CPPstartDate", start), ("CPPendDate", end)) if v}
    return cpp(**dates, **fields)


def cpps(*plans, **referral_fields):
    """One child, one episode, these CP plans."""
    return census(child("A", referrals=[referral(**referral_fields, cpps=list(plans))]))


def rows_of(result, table="ChildProtectionPlans"):
    return {row for t, row, _c in result if t == table}


def test_1105_cp_plan_not_before_referral():
    tables = cpps(plan("2024-05-01"), plan("2024-04-30"), CINreferralDate="2024-05-01")
    assert flagged(R1105, Y, tables) == {("ChildProtectionPlans", 1, "A"), ("CINdetails", 0, "A")}


def test_2883_no_more_plans_starting_than_conferences():
    tables = census(child("A", referrals=[
        referral(DateOfInitialCPC="2024-05-01", cpps=[plan("2024-05-01")]),
        referral(s47=[{"DateOfInitialCPC": "2024-06-01"}], cpps=[plan("2024-06-01"), plan("2024-03-01")])]))
    assert flagged(R2883, Y, tables) == set()  # the March 2024 plan started before the year
    tables["ChildProtectionPlans"].append({"LAchildID": "A", "referral_row": 1, "CPPstartDate": "2024-07-01"})
    assert flagged(R2883, Y, tables) == {("ChildProtectionPlans", None, None)}


def test_2885_plan_starts_on_a_conference_day():
    tables = census(child("A", referrals=[
        referral(s47=[{"DateOfInitialCPC": "2024-05-01"}, {"DateOfInitialCPC": "2024-06-01"}],
                 cpps=[plan("2024-06-01")]),                                                       # matches an S47
        referral(s47=[{"DateOfInitialCPC": "2024-07-01"}], cpps=[plan("2024-07-02")]),              # no match
        referral(DateOfInitialCPC="2024-08-01", cpps=[plan("2024-08-01")]),                         # CINdetails conference
        referral(DateOfInitialCPC="2024-09-01", cpps=[plan("2024-09-02")]),
        referral(DateOfInitialCPC="2024-10-01", s47=[{"ICPCnotRequired": "1"}], cpps=[plan("2024-10-01")]),
        referral(cpps=[plan("2024-03-01")]),                                                        # before the year
    ]))
    assert flagged(R2885, Y, tables) == {("ChildProtectionPlans", 1, "A"), ("Section47", 2, "A"),
                                         ("ChildProtectionPlans", 3, "A"), ("CINdetails", 3, "A")}


def test_8720_start_present_and_not_after_the_census():
    assert rows_of(flagged(R8720, Y, cpps(plan("2025-03-31"), plan("2025-04-01"), plan(), plan("2019-01-01")))) \
        == {1, 2}


def test_8730_number_of_previous_plans():
    rows = [plan(NumberOfPreviousCPP="0"), plan(NumberOfPreviousCPP="3"), plan(), plan(NumberOfPreviousCPP="-1"),
            plan(NumberOfPreviousCPP="x")]
    assert rows_of(flagged(R8730, Y, cpps(*rows))) == {2, 3, 4}


def test_8832_no_cp_plan_on_a_no_further_action_referral():
    tables = census(child("A", referrals=[referral(ReferralNFA="1", cpps=[plan("2024-05-01")]),
                                          referral(ReferralNFA="0", cpps=[plan("2024-06-01")])]))
    assert flagged(R8832, Y, tables) == {("ChildProtectionPlans", 0, "A"), ("CINdetails", 0, "A")}


def test_8840_and_8925_end_after_start():
    rows = [plan("2024-05-01", "2024-05-01"), plan("2024-05-01", "2024-04-30"), plan("2024-05-01", "2024-05-02"),
            plan("2024-05-01")]
    assert rows_of(flagged(R8840, Y, cpps(*rows))) == {0}
    assert rows_of(flagged(R8925, Y, cpps(*rows))) == {1}


def test_8841_reviews_after_the_plan_starts():
    tables = cpps(plan("2024-05-01", reviews=["2024-05-01", ("2024-06-01", "2024-04-30")]), plan("2024-05-01"))
    assert flagged(R8841, Y, tables) == {("ChildProtectionPlans", 0, "A"), ("Reviews", 0, "A"), ("Reviews", 2, "A")}


def test_8842Q_review_date_present():
    tables = cpps(plan("2024-05-01", reviews=[("2024-06-01", ""), "2024-06-31"]))
    assert flagged(R8842Q, Y, tables) == {("Reviews", 1, "A"), ("Reviews", 2, "A")}


def test_8905_and_8910_categories_of_abuse():
    rows = [plan(InitialCategoryOfAbuse="NEG", LatestCategoryOfAbuse="MUL"),
            plan(InitialCategoryOfAbuse="XXX", LatestCategoryOfAbuse="neg"), plan()]
    assert rows_of(flagged(R8905, Y, cpps(*rows))) == {1, 2}
    assert rows_of(flagged(R8910, Y, cpps(*rows))) == {1, 2}


def test_8915_and_8920_plan_not_after_death():
    tables = census(child("A", PersonDeathDate="2024-06-01", referrals=[referral(cpps=[
        plan("2024-05-01", "2024-06-01"), plan("2024-05-01", "2024-06-02"), plan("2024-06-02")])]),
        child("B", referrals=[referral(cpps=[plan("2024-07-01", "2024-08-01")])]))
    assert flagged(R8915, Y, tables) == {("ChildProtectionPlans", 2, "A"), ("ChildIdentifiers", 0, "A")}
    assert flagged(R8920, Y, tables) == {("ChildProtectionPlans", 1, "A"), ("ChildIdentifiers", 0, "A")}


def test_8930_end_within_the_census_year():
    rows = [plan("2024-01-01", "2024-04-01"), plan("2024-01-01", "2024-03-31"), plan("2024-01-01", "2025-04-01"),
            plan("2024-01-01")]
    assert rows_of(flagged(R8930, Y, cpps(*rows))) == {1, 2}


def test_8935_one_open_plan_per_child():
    tables = census(child("A", referrals=[referral(cpps=[plan("2024-05-01")]), referral(cpps=[plan("2024-06-01")])]),
                    child("B", referrals=[referral(cpps=[plan("2024-05-01"), plan("2024-04-01", "2024-04-30")])]))
    assert flagged(R8935, Y, tables) == {("ChildProtectionPlans", 0, "A"), ("ChildProtectionPlans", 1, "A")}


def test_8940_plans_do_not_overlap():
    rows = [plan("2024-04-01", "2024-06-01"), plan("2024-06-01", "2024-07-01"), plan("2024-07-02")]
    # A plan starting on another's end day overlaps it.
    assert rows_of(flagged(R8940, Y, cpps(*rows))) == {0, 1}
    tables = census(child("A", referrals=[referral(cpps=[plan("2024-04-01")]), referral(cpps=[plan("2024-08-01")])]),
                    child("B", referrals=[referral(cpps=[plan("2024-05-01")])]))
    assert flagged(R8940, Y, tables) == {("ChildProtectionPlans", 0, "A"), ("ChildProtectionPlans", 1, "A")}
