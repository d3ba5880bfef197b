"""Spec tests for the children-in-need measures, each worked out by hand."""

from clearsight.measures.defs.cin import CIN01, CIN02, CIN03, CIN04, CIN05, CIN06, CIN07
from clearsight.measures.testing import nums

Y = "2024-25"



def ref(child, date, nfa="0", closed=""):
    return {"LAchildID": child, "CINreferralDate": date, "ReferralNFA": nfa, "CINclosureDate": closed}



def closed_ref(child, date, closed="", reason=""):
    return {"LAchildID": child, "CINreferralDate": date, "CINclosureDate": closed, "ReasonForClosure": reason,
            "ReferralNFA": "0"}



def test_cin01_counts_referrals_received_in_the_period():
    loads = [("cin", "2024-25", {"CINdetails": [ref("A", "2024-03-31"), ref("A", "2024-04-01"), ref("B", "2025-03-31")]})]
    assert nums(CIN01, loads, ["2024-25"]) == {("2024-25", None): (2, None, 2)}



def test_cin02_rereferral_within_12_months_of_a_previous_referral():
    # A: referred 2023-06-01 then 2024-05-31 (within 12 months) -> re-referral.
    # B: referred 2023-05-01 then 2024-05-02 (just over 12 months) -> not.
    # C: one referral -> not. The earlier referrals come from last year's census.
    loads = [
        ("cin", "2023-24", {"CINdetails": [ref("A", "2023-06-01", closed="2023-07-01"),
                                           ref("B", "2023-05-01", closed="2023-06-01")]}),
        ("cin", "2024-25", {"CINdetails": [ref("A", "2024-05-31"), ref("B", "2024-05-02"), ref("C", "2024-06-01")]}),
    ]
    assert nums(CIN02, loads, ["2024-25"]) == {("2024-25", None): (1, 3, 0.3333)}



def test_a_referral_open_across_years_is_counted_once():
    # The same referral appears in both censuses; the history keeps it once.
    loads = [("cin", "2023-24", {"CINdetails": [ref("A", "2024-03-01")]}),
             ("cin", "2024-25", {"CINdetails": [ref("A", "2024-03-01", closed="2024-05-01"), ref("A", "2024-06-01")]})]
    assert nums(CIN01, loads, ["12m-to-2024-06-30"]) == {("12m-to-2024-06-30", None): (2, None, 2)}
    assert nums(CIN02, loads, ["2024-25"]) == {("2024-25", None): (1, 1, 1.0)}



def test_cin03_share_of_referrals_with_no_further_action():
    loads = [("cin", "2024-25", {"CINdetails": [ref("A", "2024-05-01", "1"), ref("B", "2024-05-01", "true"),
                                                ref("C", "2024-05-01", "0"), ref("D", "2024-05-01", "false")]})]
    assert nums(CIN03, loads, ["2024-25"]) == {("2024-25", None): (2, 4, 0.5)}



def _assessed(child, referral, authorised):
    return ({"LAchildID": child, "CINreferralDate": referral, "ReferralNFA": "0"},
            {"LAchildID": child, "AssessmentActualStartDate": referral, "AssessmentAuthorisationDate": authorised})



def test_cin05_and_cin06_assessment_timeliness_in_working_days():
    # Referral Tue 2025-04-01. Not working days: Good Friday 18 April, Easter Monday 21 April, and the
    # bank holidays of 5 and 26 May. The 45th working day after the referral is Mon 9 June 2025.
    pairs = [_assessed("A", "2025-04-01", "2025-06-09"),  # 45 working days: on time
             _assessed("B", "2025-04-01", "2025-06-10"),  # 46: late
             _assessed("C", "2025-04-01", "2025-04-02")]  # 1
    refs = [r for r, _a in pairs]
    assessments = [dict(a, referral_row=i) for i, (_r, a) in enumerate(pairs)]
    loads = [("cin", "2025-26", {"CINdetails": refs, "Assessments": assessments})]
    assert nums(CIN05, loads, ["2025-26"]) == {("2025-26", None): (2, 3, 0.6667)}
    # The median of 45, 46 and 1 working days is 45.
    assert nums(CIN06, loads, ["2025-26"])[("2025-26", None)][2] == 45



def test_cin04_referrals_closed_as_not_in_need():
    loads = [("cin", Y, {"CINdetails": [closed_ref("A", "2024-05-01", "2024-06-01", "RC8"),
                                        closed_ref("B", "2024-05-01", "2024-06-01", "RC1"), closed_ref("C", "2024-05-01")]})]
    assert nums(CIN04, loads, [Y]) == {(Y, None): (1, 3, 0.3333)}



def test_cin07_children_in_need_on_the_last_day():
    loads = [("cin", Y, {"CINdetails": [closed_ref("A", "2024-05-01"), closed_ref("A", "2024-06-01"),
                                        closed_ref("B", "2024-05-01", "2025-03-31"), closed_ref("C", "2024-05-01", "2025-04-02")]})]
    assert nums(CIN07, loads, [Y], population=10000) == {(Y, None): (2, None, 2.0)}
