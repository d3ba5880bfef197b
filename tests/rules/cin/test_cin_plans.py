"""Spec tests for the CIN CINPlanDates rules."""

from clearsight.rules.cin.cin_plans import (
    R4000,
    R4001,
    R4003,
    R4004,
    R4008,
    R4009Q,
    R4010,
    R4011,
    R4012Q,
    R4013,
    R4014,
    R4015,
    R4016,
    R4017,
)
from clearsight.rules.cin.testing import census, child, cpp, referral
from clearsight.rules.testing import flagged

Y = "2024-25"


def plan(start=None, end=None):
    p = {}
    if start:
        p["CINPlanStartDate"] = start
    if end:
        p["CINPlanEndDate"] = end
    return p


def plans(*rows, **referral_fields):
    """One child, one episode, these CIN plans."""
    return census(child("A", referrals=[referral(**referral_fields, plans=list(rows))]))


def rows_of(result, table="CINplanDates"):
    return {row for t, row, _c in result if t == table}


def test_4000_no_cin_plan_on_a_no_further_action_referral():
    tables = census(child("A", referrals=[referral(ReferralNFA="1", plans=[plan("2024-05-01")]),
                                          referral(ReferralNFA="0", plans=[plan("2024-05-01")])]))
    assert flagged(R4000, Y, tables) == {("CINplanDates", 0, "A"), ("CINdetails", 0, "A")}


def test_4001_no_open_cin_plan_beside_an_open_cp_plan():
    tables = census(child("A", referrals=[
        referral(plans=[plan("2024-05-01")], cpps=[cpp(CPPstartDate="2024-06-01")]),
        referral(plans=[plan("2024-05-01", "2024-06-01")], cpps=[cpp(CPPstartDate="2024-06-01")]),
        referral(plans=[plan("2024-05-01")], cpps=[cpp(CPPstartDate="2024-04-01", CPPendDate="2024-05-01")]),
    ]))
    assert flagged(R4001, Y, tables) == {("CINplanDates", 0, "A"), ("ChildProtectionPlans", 0, "A")}


def test_4003_no_cp_review_while_a_cin_plan_is_open():
    tables = census(child("A", referrals=[referral(
        plans=[plan("2024-06-01", "2024-09-01"), plan("2025-01-01")],
        cpps=[cpp(CPPstartDate="2024-04-01", CPPendDate="2024-12-01",
                  reviews=[("2024-05-01", "2024-07-01"), "2024-09-01", "2024-12-01"])]),
        referral(plans=[plan("2024-06-01")], cpps=[cpp(CPPstartDate="2024-04-01", reviews=["2024-05-01"])])]))
    # 1 July falls in the first plan (second date of a Reviews block); 1 September is that plan's end day;
    # 1 December is after the open plan's start but is the CP plan's end day.
    assert flagged(R4003, Y, tables) == {("Reviews", 1, "A"), ("CINplanDates", 0, "A"),
                                         ("ChildProtectionPlans", 0, "A")}


def test_4004_one_open_cin_plan_per_episode():
    assert rows_of(flagged(R4004, Y, plans(plan("2024-05-01"), plan("2024-06-01"), plan("2024-04-01", "2024-04-20")))) \
        == {0, 1}
    tables = census(child("A", referrals=[referral(plans=[plan("2024-05-01")]), referral(plans=[plan("2024-06-01")])]))
    assert flagged(R4004, Y, tables) == set()


def test_4008_and_4009Q_cin_plan_not_after_death():
    tables = census(child("A", PersonDeathDate="2024-06-01", referrals=[referral(plans=[
        plan("2024-05-01", "2024-06-01"), plan("2024-05-01", "2024-06-02"), plan("2024-06-02")])]),
        child("B", referrals=[referral(plans=[plan("2024-06-02", "2024-07-01")])]))
    assert flagged(R4008, Y, tables) == {("ChildIdentifiers", 0, "A"), ("CINplanDates", 2, "A")}
    assert flagged(R4009Q, Y, tables) == {("ChildIdentifiers", 0, "A"), ("CINplanDates", 1, "A")}


def test_4010_cin_plan_start_present_and_not_after_the_census():
    assert rows_of(flagged(R4010, Y, plans(plan("2025-03-31"), plan("2025-04-01"), plan(end="2024-06-01"),
                                           plan("2020-01-01")))) == {1, 2}


def test_4011_and_4012Q_cin_plan_end_after_start():
    rows = [plan("2024-05-01", "2024-05-02"), plan("2024-05-01", "2024-04-30"), plan("2024-05-01", "2024-05-01"),
            plan("2024-05-01")]
    assert rows_of(flagged(R4011, Y, plans(*rows))) == {1}
    assert rows_of(flagged(R4012Q, Y, plans(*rows))) == {2}


def test_4013_cin_plan_end_within_the_census_year():
    rows = [plan("2024-01-01", "2024-04-01"), plan("2024-01-01", "2024-03-31"), plan("2024-01-01", "2025-04-01"),
            plan("2024-01-01")]
    assert rows_of(flagged(R4013, Y, plans(*rows))) == {1, 2}


def test_4014_cin_plans_do_not_overlap():
    rows = [plan("2024-04-01", "2024-06-01"), plan("2024-06-01", "2024-07-01"), plan("2024-07-02")]
    # A plan starting on another's end day overlaps it.
    assert rows_of(flagged(R4014, Y, plans(*rows))) == {0, 1}
    # Across the child's episodes too.
    tables = census(child("A", referrals=[referral(plans=[plan("2024-04-01")]), referral(plans=[plan("2024-08-01")])]),
                    child("B", referrals=[referral(plans=[plan("2024-05-01")])]))
    assert flagged(R4014, Y, tables) == {("CINplanDates", 0, "A"), ("CINplanDates", 1, "A")}


def test_4015_cin_plan_not_before_referral():
    tables = plans(plan("2024-05-01"), plan("2024-04-30"), CINreferralDate="2024-05-01")
    assert flagged(R4015, Y, tables) == {("CINplanDates", 1, "A"), ("CINdetails", 0, "A")}


def test_4016_cin_plan_does_not_start_during_a_cp_plan():
    tables = census(child("A", referrals=[referral(
        cpps=[cpp(CPPstartDate="2024-05-01", CPPendDate="2024-08-01"), cpp(CPPstartDate="2025-01-01")],
        plans=[plan("2024-08-01"), plan("2024-07-31", "2024-07-31"), plan("2025-02-01")])]))
    assert flagged(R4016, Y, tables) == {("CINplanDates", 1, "A"), ("ChildProtectionPlans", 0, "A"),
                                         ("CINplanDates", 2, "A"), ("ChildProtectionPlans", 1, "A")}


def test_4017_cp_plan_does_not_start_during_a_cin_plan():
    tables = census(child("A", referrals=[referral(
        plans=[plan("2024-05-01", "2024-08-01"), plan("2025-01-01")],
        cpps=[cpp(CPPstartDate="2024-08-01"), cpp(CPPstartDate="2024-07-31"), cpp(CPPstartDate="2025-02-01")])]))
    assert flagged(R4017, Y, tables) == {("CINplanDates", 0, "A"), ("ChildProtectionPlans", 1, "A"),
                                         ("CINplanDates", 1, "A"), ("ChildProtectionPlans", 2, "A")}
