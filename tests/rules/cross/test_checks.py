"""Spec tests for the cross-return checks: the same child in the 903 and the CIN census."""

from clearsight.rules.cross.checks import X01, X02, X03, X04, X05, X06, X07, X08, X09
from clearsight.rules.testing import flagged_cross

YEAR = "2024-25"


def child(cid, **kw):
    return {"LAchildID": cid, "PersonBirthDate": "2012-05-01", "Sex": "M", "Ethnicity": "WBRI", **kw}


def header(cid, **kw):
    return {"CHILD": cid, "SEX": "M", "DOB": "01/05/2012", "ETHNIC": "WBRI", **kw}


def test_x01_a_looked_after_child_needs_an_open_cin_episode_over_the_care():
    episodes = [
        {"CHILD": "A", "DECOM": "01/06/2024", "RNE": "S"},  # covered by a referral open from May
        {"CHILD": "B", "DECOM": "01/06/2024", "RNE": "S"},  # referral closed before care began
        {"CHILD": "C", "DECOM": "01/06/2024", "RNE": "S"},  # not in the census at all
    ]
    referrals = [
        {"LAchildID": "A", "CINreferralDate": "2024-05-01", "ReferralNFA": "0"},
        {"LAchildID": "B", "CINreferralDate": "2024-04-02", "CINclosureDate": "2024-05-15", "ReferralNFA": "0"},
    ]
    got = flagged_cross(X01, YEAR, {"Episodes": episodes}, {"CINdetails": referrals})
    assert got == {("Episodes", 1, "B"), ("Episodes", 2, "C")}


def test_x02_dates_of_birth_must_agree():
    got = flagged_cross(X02, YEAR, {"Header": [header("A"), header("B", DOB="02/05/2012")]},
                        {"ChildIdentifiers": [child("A"), child("B")]})
    assert got == {("Header", 1, "B"), ("ChildIdentifiers", 1, "B")}


def test_x03_sex_must_agree_across_codings():
    # The 903 before 2024-25 coded sex 1/2; the census before 2024-25 used GenderCurrent 1/2/0/9.
    got = flagged_cross(X03, YEAR, {"Header": [header("A", SEX="1"), header("B", SEX="F"), header("C", SEX="U")]},
                        {"ChildIdentifiers": [child("A", Sex="M"), child("B", Sex="M"), child("C", Sex="F")]})
    assert got == {("Header", 1, "B"), ("ChildIdentifiers", 1, "B")}


def test_x04_no_open_cp_plan_after_adoption():
    episodes = [{"CHILD": "A", "DECOM": "01/01/2023", "DEC": "01/10/2024", "REC": "E11"},
                {"CHILD": "B", "DECOM": "01/01/2023", "DEC": "01/10/2024", "REC": "E11"}]
    plans = [{"LAchildID": "A", "CPPstartDate": "2022-06-01", "CPPendDate": "2023-01-05"},
             {"LAchildID": "B", "CPPstartDate": "2022-06-01"}]
    assert flagged_cross(X04, YEAR, {"Episodes": episodes}, {"ChildProtectionPlans": plans}) == {
        ("ChildProtectionPlans", 1, "B")}


def test_x05_care_leaver_with_open_referral_needs_a_care_history():
    oc3 = [{"CHILD": "A", "IN_TOUCH": "YES"}, {"CHILD": "B", "IN_TOUCH": "YES"}, {"CHILD": "C", "IN_TOUCH": "YES"}]
    refs = [{"LAchildID": "A", "CINreferralDate": "2024-05-01", "ReferralNFA": "0"},
            {"LAchildID": "B", "CINreferralDate": "2024-05-01", "ReferralNFA": "0"},
            {"LAchildID": "C", "CINreferralDate": "2024-05-01", "CINclosureDate": "2024-06-01", "ReferralNFA": "0"}]
    earlier = {"Episodes": [{"CHILD": "A", "DECOM": "01/01/2020", "DEC": "01/01/2023", "REC": "E8"}]}
    got = flagged_cross(X05, YEAR, {"OC3": oc3}, {"CINdetails": refs}, earlier_ssda903=earlier)
    assert got == {("OC3", 1, "B")}


def test_x06_upns_must_agree_unless_unknown():
    got = flagged_cross(X06, YEAR, {"Header": [header("A", UPN="A123456789012"), header("B", UPN="B123456789012"),
                                               header("C", UPN="UN1")]},
                        {"ChildIdentifiers": [child("A", UPN="A123456789012"), child("B", UPN="C123456789012"),
                                              child("C", UPN="D123456789012")]})
    assert got == {("Header", 1, "B")}


def test_x07_ethnicity_must_agree():
    got = flagged_cross(X07, YEAR, {"Header": [header("A"), header("B", ETHNIC="WIRI")]},
                        {"ChildIdentifiers": [child("A"), child("B")]})
    assert got == {("Header", 1, "B")}


def test_x08_care_cannot_continue_after_death():
    episodes = [{"CHILD": "A", "DECOM": "01/05/2024", "DEC": "10/06/2024", "REC": "E2"},
                {"CHILD": "B", "DECOM": "01/05/2024"}]
    kids = [child("A", PersonDeathDate="2024-06-10"), child("B", PersonDeathDate="2024-06-10")]
    assert flagged_cross(X08, YEAR, {"Episodes": episodes}, {"ChildIdentifiers": kids}) == {("Episodes", 1, "B")}


def test_x09_cp_plan_running_on_a_month_into_care_is_queried():
    episodes = [{"CHILD": "A", "DECOM": "01/06/2024", "RNE": "S"}, {"CHILD": "B", "DECOM": "01/06/2024", "RNE": "S"}]
    plans = [{"LAchildID": "A", "CPPstartDate": "2024-01-01", "CPPendDate": "2024-06-20"},
             {"LAchildID": "B", "CPPstartDate": "2024-01-01"}]
    assert flagged_cross(X09, YEAR, {"Episodes": episodes}, {"ChildProtectionPlans": plans}) == {
        ("ChildProtectionPlans", 1, "B")}
