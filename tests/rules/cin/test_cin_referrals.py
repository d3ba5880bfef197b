"""Spec tests for the CIN CINdetails rules."""

from clearsight.rules.cin.referrals import (
    R2990,
    R2991Q,
    R8555Q,
    R8565,
    R8568,
    R8569Q,
    R8585Q,
    R8600,
    R8606,
    R8610,
    R8620,
    R8630,
    R8640,
    R8650,
    R8805,
    R8810,
    R8815,
    R8816,
    R8820,
    R8825Q,
    R8831,
    R8866,
    R8867,
    R8868,
)
from clearsight.rules.cin.testing import census, child, cpp, referral
from clearsight.rules.testing import flagged

Y = "2024-25"


def refs(*rows):
    """One child with these CINdetails."""
    return census(child("A", referrals=[referral(**r) for r in rows]))


def rows_of(result, table="CINdetails"):
    return {row for t, row, _c in result if t == table}


def test_2990_no_activity_after_closing_rc8_or_rc9():
    tables = census(child("A", referrals=[
        referral(ReasonForClosure="RC8", s47=[{"S47ActualStartDate": "2024-05-01"}]),
        referral(ReasonForClosure="RC9", plans=[{"CINPlanStartDate": "2024-05-01"}], cpps=[cpp()]),
        referral(ReasonForClosure="RC8", DateOfInitialCPC="2024-05-01"),
        referral(ReasonForClosure="RC8", assessments=[{"AssessmentActualStartDate": "2024-05-01"}]),
        referral(ReasonForClosure="RC1", s47=[{}]),
    ]))
    assert flagged(R2990, Y, tables) == {
        ("CINdetails", 0, "A"), ("Section47", 0, "A"), ("CINdetails", 1, "A"), ("CINplanDates", 0, "A"),
        ("ChildProtectionPlans", 0, "A"), ("CINdetails", 2, "A")}


def test_2991Q_section_47_without_assessment():
    tables = census(child("A", referrals=[
        referral(s47=[{}, {}]), referral(s47=[{}], assessments=[{}]), referral(assessments=[{}]), referral()]))
    assert flagged(R2991Q, Y, tables) == {("CINdetails", 0, "A"), ("Section47", 0, "A"), ("Section47", 1, "A")}


def test_8555Q_no_referral_after_death():
    tables = census(child("A", PersonDeathDate="2024-06-01", referrals=[
        referral(CINreferralDate="2024-06-01"), referral(CINreferralDate="2024-06-02")]),
        child("B", referrals=[referral(CINreferralDate="2024-06-02")]))
    assert flagged(R8555Q, Y, tables) == {("CINdetails", 1, "A"), ("ChildIdentifiers", 0, "A")}


def test_8565_no_activity_after_closure():
    closed = {"CINclosureDate": "2024-06-30"}
    tables = census(child("A", referrals=[
        referral(**closed, assessments=[{"AssessmentActualStartDate": "2024-05-01",
                                         "AssessmentAuthorisationDate": "2024-06-30"}],
                 plans=[{"CINPlanStartDate": "2024-06-01", "CINPlanEndDate": "2024-06-30"}],
                 s47=[{"S47ActualStartDate": "2024-05-01", "DateOfInitialCPC": "2024-06-28"}],
                 cpps=[cpp(CPPstartDate="2024-06-28", CPPendDate="2024-06-30")]),      # all on or before: fine
        referral(**closed, assessments=[{"AssessmentActualStartDate": "2024-05-01",
                                         "AssessmentAuthorisationDate": "2024-07-01"}]),
        referral(**closed, cpps=[cpp(CPPstartDate="2024-06-01", CPPendDate="2024-07-01")]),
        referral(**closed, plans=[{"CINPlanStartDate": "2024-06-01"}, {"CINPlanStartDate": "2024-07-01"}]),
        referral(CINclosureDate="2024-06-30", DateOfInitialCPC="2024-07-01"),
        referral(s47=[{"S47ActualStartDate": "2025-01-01"}]),                         # open episode
    ]))
    assert flagged(R8565, Y, tables) == {
        ("CINdetails", 1, "A"), ("Assessments", 1, "A"), ("CINdetails", 2, "A"), ("ChildProtectionPlans", 1, "A"),
        ("CINdetails", 3, "A"), ("CINplanDates", 2, "A"), ("CINdetails", 4, "A")}


def test_8568_referral_nfa_present_and_a_yes_no_value():
    assert rows_of(flagged(R8568, Y, refs({"ReferralNFA": "0"}, {"ReferralNFA": "true"}, {},
                                          {"ReferralNFA": "yes"}))) == {2, 3}


def test_8569Q_no_further_action_only_for_recent_referrals():
    # 1 April 2024 was Easter Monday, 29 March Good Friday: the last working day before 1 April 2024 was
    # Thursday 28 March.
    rows = [{"CINreferralDate": d, "ReferralNFA": nfa} for d, nfa in
            [("2024-03-28", "1"), ("2024-03-27", "1"), ("2024-03-27", "0"), ("2024-04-02", "true")]]
    assert rows_of(flagged(R8569Q, Y, refs(*rows))) == {1}
    # In 2025-26, 1 April 2025 is a Tuesday: 31 March 2025 is fine, 28 March is not.
    rows = [{"CINreferralDate": d, "ReferralNFA": "1"} for d in ("2025-03-31", "2025-03-28")]
    assert rows_of(flagged(R8569Q, "2025-26", refs(*rows))) == {1}


def test_8585Q_died_needs_a_date_of_death():
    tables = census(child("A", referrals=[referral(ReasonForClosure="RC2")]),
                    child("B", PersonDeathDate="2024-06-01", referrals=[referral(ReasonForClosure="RC2")]),
                    child("C", referrals=[referral(ReasonForClosure="RC1")]))
    assert flagged(R8585Q, Y, tables) == {("CINdetails", 0, "A"), ("ChildIdentifiers", 0, "A")}


def test_8600_referral_date_present_and_not_after_the_census():
    dates = ["2025-03-31", "2025-04-01", "", "2010-01-01"]
    assert rows_of(flagged(R8600, Y, refs(*[{"CINreferralDate": d} for d in dates]))) == {1, 2}


def test_8606_referral_no_more_than_40_weeks_before_birth():
    tables = census(
        child("A", PersonBirthDate="2024-12-31", referrals=[referral(CINreferralDate="2024-03-26"),    # 280 days
                                                            referral(CINreferralDate="2024-03-25")]),  # 281 days
        child("B", ExpectedPersonBirthDate="2025-06-01", referrals=[referral(CINreferralDate="2024-08-01")]))
    assert flagged(R8606, Y, tables) == {("CINdetails", 1, "A"), ("ChildIdentifiers", 0, "A"),
                                         ("CINdetails", 2, "B"), ("ChildIdentifiers", 1, "B")}


def test_8610_primary_need_for_further_action():
    rows = [{"ReferralNFA": "0", "PrimaryNeedCode": "N1"}, {"ReferralNFA": "0"}, {"ReferralNFA": "1"}]
    assert rows_of(flagged(R8610, Y, refs(*rows))) == {1}


def test_8620_closure_within_the_census_year():
    dates = ["2024-04-01", "2025-03-31", "2024-03-31", "2025-04-01", ""]
    assert rows_of(flagged(R8620, Y, refs(*[{"CINclosureDate": d} for d in dates]))) == {2, 3}


def test_8630_closure_not_before_referral():
    rows = [{"CINreferralDate": "2024-05-01", "CINclosureDate": "2024-05-01"},
            {"CINreferralDate": "2024-05-01", "CINclosureDate": "2024-04-30"}, {"CINreferralDate": "2024-05-01"}]
    assert rows_of(flagged(R8630, Y, refs(*rows))) == {1}


def test_8640_and_8650_codes_when_given():
    rows = [{"ReasonForClosure": "RC9", "PrimaryNeedCode": "N0"}, {"ReasonForClosure": "RC10", "PrimaryNeedCode": "N10"},
            {}]
    assert rows_of(flagged(R8640, Y, refs(*rows))) == {1}
    assert rows_of(flagged(R8650, Y, refs(*rows))) == {1}


def test_8805_and_8810_closure_date_and_reason_go_together():
    rows = [{"CINclosureDate": "2024-06-01", "ReasonForClosure": "RC1"}, {"CINclosureDate": "2024-06-01"},
            {"ReasonForClosure": "RC1"}, {}, {"CINclosureDate": "2024-06-31", "ReasonForClosure": "RC1"},
            {"CINclosureDate": "2024-06-31"}]
    assert rows_of(flagged(R8805, Y, refs(*rows))) == {1, 5}
    assert rows_of(flagged(R8810, Y, refs(*rows))) == {2}


def test_8815_one_open_episode_going_on_to_further_action():
    rows = [{"ReferralNFA": "0"}, {"ReferralNFA": "0"}, {"ReferralNFA": "1"},
            {"ReferralNFA": "0", "CINclosureDate": "2024-06-01"}]
    assert rows_of(flagged(R8815, Y, refs(*rows))) == {0, 1}
    assert flagged(R8815, Y, refs(*rows[1:])) == set()


def test_8816_the_open_episode_is_the_latest():
    rows = [{"CINreferralDate": "2024-05-01", "ReferralNFA": "0"},                              # open, not latest
            {"CINreferralDate": "2024-08-01", "ReferralNFA": "1"},                              # the latest
            {"CINreferralDate": "2024-04-01", "ReferralNFA": "0", "CINclosureDate": "2024-04-20"}]
    assert rows_of(flagged(R8816, Y, refs(*rows))) == {0, 1}
    tied = [{"CINreferralDate": "2024-08-01", "ReferralNFA": "1"}, {"CINreferralDate": "2024-08-01", "ReferralNFA": "0"}]
    assert flagged(R8816, Y, refs(*tied)) == set()


def test_8820_episodes_do_not_overlap():
    rows = [{"CINreferralDate": "2024-04-01", "CINclosureDate": "2024-06-01", "ReferralNFA": "0"},
            {"CINreferralDate": "2024-06-01", "CINclosureDate": "2024-07-01", "ReferralNFA": "0"},  # on closure day
            {"CINreferralDate": "2024-06-15", "ReferralNFA": "0"}]                               # inside row 1
    assert rows_of(flagged(R8820, Y, refs(*rows))) == {1, 2}
    # An open no-further-action referral does not run on.
    nfa = [{"CINreferralDate": "2024-04-01", "ReferralNFA": "1"}, {"CINreferralDate": "2024-05-01", "ReferralNFA": "0"}]
    assert flagged(R8820, Y, refs(*nfa)) == set()


def test_8825Q_closed_after_assessment_needs_an_assessment():
    tables = census(child("A", referrals=[referral(ReasonForClosure="RC8"), referral(ReasonForClosure="RC9",
                                                                                     assessments=[{}]),
                                          referral(ReasonForClosure="RC1")]))
    assert flagged(R8825Q, Y, tables) == {("CINdetails", 0, "A")}


def test_8831_no_activity_on_a_no_further_action_referral():
    tables = census(child("A", referrals=[
        referral(ReferralNFA="1", assessments=[{"AssessmentActualStartDate": "2024-05-01"}]),
        referral(ReferralNFA="1", s47=[{"S47ActualStartDate": "2024-05-01"}]),
        referral(ReferralNFA="true", DateOfInitialCPC="2024-05-01"),
        referral(ReferralNFA="1", assessments=[{}]),
        referral(ReferralNFA="0", assessments=[{"AssessmentActualStartDate": "2024-05-01"}]),
    ]))
    assert flagged(R8831, Y, tables) == {("CINdetails", 0, "A"), ("Assessments", 0, "A"), ("CINdetails", 1, "A"),
                                         ("Section47", 0, "A"), ("CINdetails", 2, "A")}


def test_8866_referral_source():
    rows = [{"CINreferralDate": "2024-05-01", "ReferralSource": "5D"}, {"CINreferralDate": "2024-05-01"},
            {"CINreferralDate": "2024-05-01", "ReferralSource": "11"}, {"CINreferralDate": "2013-03-31"}]
    assert rows_of(flagged(R8866, Y, refs(*rows))) == {1, 2}


def test_8867_closed_episode_needs_completed_assessments():
    tables = census(child("A", referrals=[
        referral(CINclosureDate="2024-06-01", assessments=[{"AssessmentAuthorisationDate": "2024-05-01"}, {}]),
        referral(assessments=[{}])]))
    assert flagged(R8867, Y, tables) == {("CINdetails", 0, "A"), ("Assessments", 1, "A")}


def test_8868_closed_episode_needs_completed_section_47s():
    closed = {"CINclosureDate": "2024-06-01"}
    tables = census(child("A", referrals=[
        referral(**closed, s47=[{"DateOfInitialCPC": "2024-05-01"}, {"ICPCnotRequired": "1"},
                                {"ICPCnotRequired": "0"}]),
        referral(s47=[{"ICPCnotRequired": "0"}])]))
    assert flagged(R8868, Y, tables) == {("CINdetails", 0, "A"), ("Section47", 2, "A")}
