"""Spec tests for the CIN ChildIdentifiers and ChildCharacteristics rules."""

from clearsight.rules.cin.identifiers import (
    R1510,
    R1520,
    R1530,
    R1540,
    R1550,
    R1560Q,
    R1570,
    R1580,
    R2886Q,
    R4180,
    R4220,
    R8500,
    R8510,
    R8520,
    R8525Q,
    R8530Q,
    R8535Q,
    R8545Q,
    R8590,
    R8750,
    R8770Q,
    R8772,
    R8775Q,
)
from clearsight.rules.cin.testing import census, child, referral
from clearsight.rules.testing import flagged

Y = "2024-25"


def kids(*rows):
    return {"ChildIdentifiers": [{"LAchildID": f"C{i}", **r} for i, r in enumerate(rows)]}


def rows_of(result):
    return {row for _t, row, _c in result}


def test_1510_upn_check_letter():
    # P207000016049: 2x2 + 4x7 + 9x1 + 10x6 + 12x4 + 13x9 = 266, remainder 13 = P.
    # M20700001604A: a temporary UPN; the final A counts as 0.
    rows = [{"UPN": "P207000016049"}, {"UPN": "Q207000016049"}, {"UPN": "M20700001604A"},
            {"UPN": "N20700001604A"}, {"UPN": "P2070000160"}, {}]
    assert rows_of(flagged(R1510, Y, kids(*rows))) == {1, 3}


def test_1520_upn_unique_across_the_return():
    rows = [{"UPN": "P207000016049"}, {"UPN": "M20700001604A"}, {"UPN": "P207000016049"}, {}, {}]
    assert rows_of(flagged(R1520, Y, kids(*rows))) == {0, 2}


def test_1530_upn_la_code():
    rows = [{"UPN": "A001000000001"}, {"UPN": "A999000000001"}, {"UPN": "A942000000001"}, {"UPN": "A80"}, {}]
    assert rows_of(flagged(R1530, Y, kids(*rows))) == {1, 3}
    # 942/943 were created in April 2023.
    assert rows_of(flagged(R1530, "2022-23", kids(*rows))) == {1, 2, 3}


def test_1540_upn_characters_5_to_12_numeric():
    rows = [{"UPN": "A001000000001"}, {"UPN": "A0010000X0001"}, {"UPN": "A00100"}, {}]
    assert rows_of(flagged(R1540, Y, kids(*rows))) == {1, 2}


def test_1550_upn_character_13():
    rows = [{"UPN": "A00100000000Z"}, {"UPN": "A00100000000I"}, {"UPN": "A00100000000S"},
            {"UPN": "A001000000009"}, {"UPN": "A00100000000a"}, {"UPN": "A0010000000"}, {}]
    assert rows_of(flagged(R1550, Y, kids(*rows))) == {1, 2, 4, 5}


def test_1560Q_former_upn_format():
    rows = [{"FormerUPN": "A001000000001"}, {"FormerUPN": "A00100000000Z"}, {"FormerUPN": "1001000000001"},
            {"FormerUPN": "A0010000000"}, {"FormerUPN": "A00100000X001"}, {}]
    assert rows_of(flagged(R1560Q, Y, kids(*rows))) == {2, 3, 4}


def test_1570_and_1580_la_child_id_length_and_characters():
    ids = ["ABC123", "A" * 20, "A" * 21, "AB-12", "AB 12", "ÀB12"]
    tables = {"ChildIdentifiers": [{"LAchildID": i} for i in ids]}
    assert rows_of(flagged(R1570, Y, tables)) == {2}
    assert rows_of(flagged(R1580, Y, tables)) == {3, 4, 5}


def test_2886Q_more_than_2_percent_with_no_sex_is_queried_once_for_the_return():
    known = [{"Sex": "M"}] * 48
    # 1 of 50 unknown (2%): fine. 2 of 50 (4%): queried. Unborns are not counted as unknown.
    assert flagged(R2886Q, Y, kids(*known, {"Sex": "U"}, {"Sex": "U", "ExpectedPersonBirthDate": "2025-05-01"})) \
        == set()
    assert flagged(R2886Q, Y, kids(*known, {"Sex": "U"}, {})) == {("ChildIdentifiers", None, None)}
    # Before 2024-25 the field is GenderCurrent and 0 is unknown.
    old = [{"GenderCurrent": "1"}] * 48
    assert flagged(R2886Q, "2023-24", kids(*old, {"GenderCurrent": "0"}, {})) == {("ChildIdentifiers", None, None)}
    assert flagged(R2886Q, "2023-24", kids(*old, {"GenderCurrent": "9"}, {"GenderCurrent": "2"})) == set()


def test_4180_sex_codes_change_in_2024_25():
    rows = [{"Sex": "M"}, {"Sex": "F"}, {"Sex": "U"}, {"Sex": "1"}, {}, {"GenderCurrent": "1"}]
    assert rows_of(flagged(R4180, Y, kids(*rows))) == {3, 4, 5}
    assert rows_of(flagged(R4180, "2023-24", kids(*rows))) == {0, 1, 2, 3, 4}


def test_4220_ethnicity():
    rows = [{"Ethnicity": "WBRI"}, {"Ethnicity": "XXXX"}, {}, {"Ethnicity": "NOBT"}]
    assert flagged(R4220, Y, kids(*rows)) == {("ChildCharacteristics", 1, "C1"), ("ChildCharacteristics", 2, "C2")}


def test_8500_and_8510_la_child_id_present_and_unique():
    tables = {"ChildIdentifiers": [{"LAchildID": "A"}, {"LAchildID": ""}, {"LAchildID": "B"}, {"LAchildID": "A"},
                                   {"LAchildID": ""}]}
    assert flagged(R8500, Y, tables) == {("ChildIdentifiers", 1, None), ("ChildIdentifiers", 4, None)}
    assert rows_of(flagged(R8510, Y, tables)) == {0, 3}


def test_8520_birth_on_or_before_the_reference_date():
    rows = [{"PersonBirthDate": "2025-03-31"}, {"PersonBirthDate": "2025-04-01"}, {}]
    assert rows_of(flagged(R8520, Y, kids(*rows))) == {1}


def test_8525Q_birth_date_or_expected_birth_date_not_both():
    rows = [{"PersonBirthDate": "2020-01-01"}, {"ExpectedPersonBirthDate": "2025-06-01"}, {},
            {"PersonBirthDate": "2020-01-01", "ExpectedPersonBirthDate": "2025-06-01"}]
    assert rows_of(flagged(R8525Q, Y, kids(*rows))) == {2, 3}


def test_8530Q_expected_birth_march_to_december():
    dates = ["2025-03-01", "2025-02-28", "2025-12-31", "2026-01-01", "2025-07-01"]
    rows = [{"ExpectedPersonBirthDate": d} for d in dates]
    assert rows_of(flagged(R8530Q, Y, kids(*rows))) == {1, 3}


def test_8535Q_death_not_before_birth():
    rows = [{"PersonBirthDate": "2020-01-01", "PersonDeathDate": "2019-12-31"},
            {"PersonBirthDate": "2020-01-01", "PersonDeathDate": "2020-01-01"}, {"PersonDeathDate": "2024-06-01"}]
    assert rows_of(flagged(R8535Q, Y, kids(*rows))) == {0}


def test_8545Q_death_within_the_census_year():
    dates = ["2024-04-01", "2025-03-31", "2024-03-31", "2025-04-01"]
    rows = [{"PersonDeathDate": d} for d in dates] + [{}]
    assert rows_of(flagged(R8545Q, Y, kids(*rows))) == {2, 3}


def test_8750_unborn_child_sex_unknown():
    unborn = {"ExpectedPersonBirthDate": "2025-06-01"}
    rows = [{**unborn, "Sex": "U"}, {**unborn, "Sex": "F"}, unborn, {"PersonBirthDate": "2020-01-01", "Sex": "F"}]
    assert rows_of(flagged(R8750, Y, kids(*rows))) == {1, 2}
    old = [{**unborn, "GenderCurrent": "0"}, {**unborn, "GenderCurrent": "9"}]
    assert rows_of(flagged(R8750, "2023-24", kids(*old))) == {1}


def test_8770Q_school_age_child_needs_a_upn_or_a_reason():
    further = [referral(ReferralNFA="0")]
    tables = census(
        child("A", PersonBirthDate="2019-08-31", referrals=further),                      # school age, no UPN
        child("B", PersonBirthDate="2019-09-01", referrals=further),                      # too young
        child("C", PersonBirthDate="2015-01-01", UPNunknown="UN1", referrals=further),    # UN1 is no reason
        child("D", PersonBirthDate="2015-01-01", UPNunknown="UN3", referrals=further),
        child("E", PersonBirthDate="2015-01-01", UPN="P207000016049", referrals=further),
        child("F", PersonBirthDate="2015-01-01", referrals=[referral(ReferralNFA="1")]),  # no further action
    )
    assert flagged(R8770Q, Y, tables) == {("ChildIdentifiers", 0, "A"), ("ChildIdentifiers", 2, "C")}
    # Until 2023-24: born on or before the reference date minus 6 years (31 March 2018 for 2023-24).
    old = census(child("A", PersonBirthDate="2018-03-31", referrals=further),
                 child("B", PersonBirthDate="2018-04-01", referrals=further))
    assert flagged(R8770Q, "2023-24", old) == {("ChildIdentifiers", 0, "A")}


def test_8772_un7_needs_every_referral_to_be_no_further_action():
    tables = census(
        child("A", UPNunknown="UN7", referrals=[referral(ReferralNFA="1"), referral(ReferralNFA="0")]),
        child("B", UPNunknown="UN7", referrals=[referral(ReferralNFA="true")]),
        child("C", UPNunknown="UN2", referrals=[referral(ReferralNFA="0")]),
    )
    assert flagged(R8772, Y, tables) == {("ChildIdentifiers", 0, "A"), ("CINdetails", 1, "A")}


def test_8775Q_over_25():
    tables = census(
        child("A", PersonBirthDate="1999-01-01", referrals=[referral()]),                                 # open
        child("B", PersonBirthDate="1999-01-01", referrals=[referral(CINclosureDate="2024-01-01")]),      # closed at 25
        child("C", PersonBirthDate="2000-03-31", referrals=[referral()]),                                 # exactly 25
        child("D", PersonBirthDate="1999-06-01", referrals=[referral(CINclosureDate="2024-06-02")]),
    )
    assert flagged(R8775Q, Y, tables) == {("ChildIdentifiers", 0, "A"), ("CINdetails", 0, "A"),
                                          ("ChildIdentifiers", 3, "D"), ("CINdetails", 3, "D")}


def test_8590_every_child_has_a_cin_episode():
    tables = census(child("A", referrals=[referral()]), child("B"), child("C", referrals=[referral(), referral()]))
    assert flagged(R8590, Y, tables) == {("ChildIdentifiers", 1, "B")}
