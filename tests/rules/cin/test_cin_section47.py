"""Spec tests for the CIN Section47 rules."""

from clearsight.rules.cin.section47 import (
    R1104,
    R2884,
    R2889,
    R8615,
    R8675Q,
    R8715,
    R8740,
    R8839,
    R8870Q,
    R8875,
    R8890,
)
from clearsight.rules.cin.testing import census, child, referral
from clearsight.rules.testing import flagged

Y = "2024-25"


def s47(*rows, **referral_fields):
    """One child, one episode, these Section 47 enquiries."""
    return census(child("A", referrals=[referral(**referral_fields, s47=list(rows))]))


def rows_of(result, table="Section47"):
    return {row for t, row, _c in result if t == table}


def test_1104_and_2889_s47_dates_not_before_referral():
    tables = s47({"S47ActualStartDate": "2024-05-01", "DateOfInitialCPC": "2024-05-10"},
                 {"S47ActualStartDate": "2024-04-30", "DateOfInitialCPC": "2024-04-30"}, {},
                 CINreferralDate="2024-05-01")
    assert flagged(R1104, Y, tables) == {("Section47", 1, "A"), ("CINdetails", 0, "A")}
    assert flagged(R2889, Y, tables) == {("Section47", 1, "A"), ("CINdetails", 0, "A")}


def test_2884_conference_recorded_once():
    tables = census(child("A", referrals=[
        referral(DateOfInitialCPC="2024-05-10", s47=[{"DateOfInitialCPC": "2024-05-10"}]),
        referral(DateOfInitialCPC="2024-06-10", s47=[{"DateOfInitialCPC": "2024-05-10"}]),
        referral(s47=[{"DateOfInitialCPC": "2024-06-10"}])]))
    assert flagged(R2884, Y, tables) == {("Section47", 0, "A"), ("CINdetails", 0, "A")}


def test_8615_s47_start_present_and_not_after_the_conference():
    rows = [{"S47ActualStartDate": "2024-05-10", "DateOfInitialCPC": "2024-05-10"},
            {"S47ActualStartDate": "2024-05-11", "DateOfInitialCPC": "2024-05-10"},
            {"DateOfInitialCPC": "2024-05-10"}, {}]
    assert rows_of(flagged(R8615, Y, s47(*rows))) == {1, 2}


def test_8675Q_s47_waiting_more_than_15_working_days():
    # 15 working days before Monday 31 March 2025 is Monday 10 March 2025.
    waiting = {"ICPCnotRequired": "false"}
    rows = [{**waiting, "S47ActualStartDate": "2025-03-10"}, {**waiting, "S47ActualStartDate": "2025-03-07"},
            {"ICPCnotRequired": "true", "S47ActualStartDate": "2025-01-07"},
            {**waiting, "S47ActualStartDate": "2025-01-07", "DateOfInitialCPC": "2025-01-20"}]
    assert rows_of(flagged(R8675Q, Y, s47(*rows))) == {1}


def test_8715_conference_within_the_census_year():
    dates = ["2024-04-01", "2025-03-31", "2024-03-31", "2025-04-01"]
    assert rows_of(flagged(R8715, Y, s47(*[{"DateOfInitialCPC": d} for d in dates], {}))) == {2, 3}


def test_8740_waiting_s47_started_within_the_census_year():
    rows = [{"ICPCnotRequired": "0", "S47ActualStartDate": "2024-04-01"},
            {"ICPCnotRequired": "0", "S47ActualStartDate": "2024-03-31"},
            {"ICPCnotRequired": "1", "S47ActualStartDate": "2024-03-31"},
            {"ICPCnotRequired": "0", "S47ActualStartDate": "2024-03-31", "DateOfInitialCPC": "2024-04-05"},
            {"ICPCnotRequired": "0"}]
    assert rows_of(flagged(R8740, Y, s47(*rows))) == {1, 4}


def test_8839_one_open_s47_per_episode():
    rows = [{"ICPCnotRequired": "0"}, {}, {"ICPCnotRequired": "1"}, {"DateOfInitialCPC": "2024-05-10"}]
    assert rows_of(flagged(R8839, Y, s47(*rows))) == {0, 1}
    assert flagged(R8839, Y, s47(*rows[1:])) == set()


def test_8870Q_and_8875_conference_dates_not_at_weekends():
    rows = [{"InitialCPCtarget": "2024-05-10", "DateOfInitialCPC": "2024-05-10"},   # Friday
            {"InitialCPCtarget": "2024-05-11", "DateOfInitialCPC": "2024-05-11"},   # Saturday
            {"InitialCPCtarget": "2024-05-12", "DateOfInitialCPC": "2024-05-12"},   # Sunday
            {"InitialCPCtarget": "2024-05-13", "DateOfInitialCPC": "2024-05-13"},   # Monday
            {}]
    assert rows_of(flagged(R8870Q, Y, s47(*rows))) == {1, 2}
    assert rows_of(flagged(R8875, Y, s47(*rows))) == {1, 2}


def test_8890_s47s_in_an_episode_do_not_overlap():
    rows = [{"S47ActualStartDate": "2024-05-01", "DateOfInitialCPC": "2024-05-20"},
            {"S47ActualStartDate": "2024-05-20", "DateOfInitialCPC": "2024-06-01"},   # on the other's conference day
            {"S47ActualStartDate": "2024-07-01", "ICPCnotRequired": "1"},             # complete, no conference
            {"S47ActualStartDate": "2024-07-02", "ICPCnotRequired": "0"}]
    assert rows_of(flagged(R8890, Y, s47(*rows))) == {0, 1}
    waiting = [{"S47ActualStartDate": "2024-07-01", "ICPCnotRequired": "0"},
               {"S47ActualStartDate": "2024-08-01", "ICPCnotRequired": "0"}]
    assert rows_of(flagged(R8890, Y, s47(*waiting))) == {0, 1}
