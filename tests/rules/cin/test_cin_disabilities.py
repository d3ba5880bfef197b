"""Spec tests for the CIN disability rules."""

from clearsight.rules.cin.disabilities import R2887Q, R2888Q, R8540, R8790, R8794
from clearsight.rules.cin.testing import census, child, referral
from clearsight.rules.testing import flagged

Y = "2024-25"
RETURN = {("ChildCharacteristics", None, None)}


def kids(*lists):
    return {"ChildIdentifiers": [{"LAchildID": f"C{i}", "Disabilities": d} for i, d in enumerate(lists)]}


def test_2887Q_fewer_than_8_different_codes_in_the_return():
    seven = [["MOB", "HAND"], ["PC", "INC"], ["COMM"], ["LD", "HEAR"], ["NONE"], ["NONE"]]
    assert flagged(R2887Q, Y, kids(*seven)) == RETURN
    assert flagged(R2887Q, Y, kids(*seven, ["VIS"])) == set()
    # Repeats and NONE do not count as more codes.
    assert flagged(R2887Q, Y, kids(*seven, ["MOB"], ["NONE"], ["XYZ"])) == RETURN


def test_2888Q_every_disabled_child_has_only_one_code():
    assert flagged(R2888Q, Y, kids(["MOB"], ["HAND"], ["NONE"])) == RETURN
    assert flagged(R2888Q, Y, kids(["MOB"], ["HAND", "VIS"], ["NONE"])) == set()
    assert flagged(R2888Q, Y, kids(["NONE"], ["NONE"])) == set()  # no disabled child: nothing to say


def test_8540_disability_present_and_valid_for_a_born_child_with_further_action():
    further, nfa = referral(ReferralNFA="0"), referral(ReferralNFA="1")
    tables = census(
        child("A", PersonBirthDate="2015-01-01", Disabilities=["NONE"], referrals=[further]),
        child("B", PersonBirthDate="2015-01-01", Disabilities=[], referrals=[nfa, further]),
        child("C", PersonBirthDate="2015-01-01", Disabilities=["MOB", "BAD"], referrals=[further]),
        child("D", ExpectedPersonBirthDate="2025-06-01", Disabilities=[], referrals=[further]),  # unborn
        child("E", PersonBirthDate="2015-01-01", Disabilities=[], referrals=[nfa]),               # NFA only
    )
    assert flagged(R8540, Y, tables) == {("ChildCharacteristics", 1, "B"), ("CINdetails", 2, "B"),
                                         ("ChildCharacteristics", 2, "C"), ("CINdetails", 3, "C")}


def test_8790_none_alone():
    assert flagged(R8790, Y, kids(["NONE"], ["NONE", "MOB"], ["MOB", "HAND"])) == {("ChildCharacteristics", 1, "C1")}


def test_8794_no_repeated_code():
    assert flagged(R8794, Y, kids(["MOB", "HAND"], ["MOB", "HAND", "MOB"], ["NONE"])) == \
        {("ChildCharacteristics", 1, "C1")}
