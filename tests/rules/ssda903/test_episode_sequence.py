"""Spec tests for the episode sequence rules (``clearsight.rules.ssda903.episode_sequence``)."""

from clearsight.rules.ssda903.episode_sequence import (
    R142,
    R388,
    R431,
    R432,
    R433,
    R434,
    R435,
    R436,
    R437,
    R501,
    R504,
)
from clearsight.rules.testing import flagged


def ep(child, decom, dec="", **kw):
    row = {"CHILD": child, "DECOM": decom, "DEC": dec, "RNE": "P", "LS": "C2", "CIN": "N1", "PLACE": "U1",
           "PLACE_PROVIDER": "PR1", "PL_POST": "AB1 2CD", "URN": "SC111111", **kw}
    if dec and "REC" not in kw:
        row["REC"] = "X1"
    return row


Y = "2024-25"


def ep_388(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def ep_437(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "PLACE_PROVIDER": "PR1", **kw}


def ep_142(child, decom, dec="", rec="", home="ME14 1XX", place="TN1 1AA", ls="C2", row_no=None):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, "HOME_POST": home, "PL_POST": place, "LS": ls,
            "RNE": "S", "CIN": "N1", "PLACE": "U1"}


def test_431_a_new_start_cannot_begin_the_day_the_last_episode_ended():
    rows = [ep("A", "01/04/2024", "01/06/2024", REC="E11", RNE="S"), ep("A", "01/06/2024", RNE="S"),
            ep("B", "01/04/2024", "01/06/2024", REC="E11", RNE="S"), ep("B", "02/06/2024", RNE="S")]
    assert flagged(R431, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "A")}


def test_432_after_ceasing_care_the_next_episode_is_a_new_start():
    rows = [ep("A", "01/04/2024", "01/06/2024", REC="E4A", RNE="S"), ep("A", "05/06/2024", RNE="P"),
            ep("B", "01/04/2024", "01/06/2024", REC="E4A", RNE="S"), ep("B", "05/06/2024", RNE="S"),
            ep("C", "01/04/2024", "01/06/2024", RNE="S"), ep("C", "01/06/2024", RNE="P"),  # X1: continues
            ep("D", "01/04/2024", "01/06/2024", REC="E99", RNE="S"), ep("D", "05/06/2024")]  # not a code: 149's
    assert flagged(R432, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "A")}


def test_433_a_continuation_starts_the_day_the_last_episode_ended():
    # Rows out of date order in the file: the previous episode is the one before by start date.
    rows = [ep("A", "02/06/2024", RNE="P"), ep("A", "01/04/2024", "01/06/2024", RNE="S"),
            ep("B", "01/06/2024", RNE="T"), ep("B", "01/04/2024", "01/06/2024", RNE="S"),
            ep("C", "01/06/2024", RNE="P")]  # a first episode has nothing to continue
    assert flagged(R433, "2024-25", {"Episodes": rows}) == {("Episodes", 0, "A")}


def test_434_legal_status_change_keeps_the_placement():
    first = {"RNE": "S"}
    rows = [ep("A", "01/04/2024", "01/06/2024", **first), ep("A", "01/06/2024", RNE="L", LS="C1"),
            ep("B", "01/04/2024", "01/06/2024", **first), ep("B", "01/06/2024", RNE="L", LS="C2"),      # same LS
            ep("C", "01/04/2024", "01/06/2024", **first), ep("C", "01/06/2024", RNE="L", LS="C1", URN="SC2"),
            ep("D", "01/04/2024", "01/06/2024", **first), ep("D", "01/06/2024", RNE="L", LS="C1", PL_POST="ab12cd")]
    assert flagged(R434, "2024-25", {"Episodes": rows}) == {("Episodes", 3, "B"), ("Episodes", 5, "C")}


def test_435_placement_change_keeps_the_legal_status():
    rows = [ep("A", "01/04/2024", "01/06/2024", RNE="S"), ep("A", "01/06/2024", PLACE="K2"),
            ep("B", "01/04/2024", "01/06/2024", RNE="S"), ep("B", "01/06/2024", PLACE="K2", LS="C1"),
            ep("C", "01/04/2024", "01/06/2024", RNE="S", URN=""), ep("C", "01/06/2024", RNE="T", URN="")]
    # C's placement is unchanged: a blank URN both times is the same URN.
    assert flagged(R435, "2024-25", {"Episodes": rows}) == {("Episodes", 3, "B"), ("Episodes", 5, "C")}


def test_436_both_placement_and_legal_status_change():
    rows = [ep("A", "01/04/2024", "01/06/2024", RNE="S"), ep("A", "01/06/2024", RNE="B", LS="C1", PLACE="K2"),
            ep("B", "01/04/2024", "01/06/2024", RNE="S"), ep("B", "01/06/2024", RNE="U", LS="C1"),
            ep("C", "01/04/2024", "01/06/2024", RNE="S"), ep("C", "01/06/2024", RNE="U", PLACE="K2")]
    assert flagged(R436, "2024-25", {"Episodes": rows}) == {("Episodes", 3, "B"), ("Episodes", 5, "C")}


def test_501_episodes_do_not_overlap():
    rows = [ep("A", "01/04/2024", "01/06/2024", RNE="S"), ep("A", "31/05/2024"),
            ep("B", "01/04/2024", "01/06/2024", RNE="S"), ep("B", "01/06/2024")]
    assert flagged(R501, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "A")}


def test_504_category_of_need_is_kept_through_a_period_of_care():
    rows = [ep("A", "01/04/2024", "01/06/2024", RNE="S"), ep("A", "01/06/2024", CIN="N2"),
            ep("B", "01/04/2024", "01/06/2024", RNE="S"), ep("B", "01/06/2024"),
            ep("C", "01/04/2024", "01/06/2024", RNE="S", REC="E4A"), ep("C", "03/06/2024", RNE="S", CIN="N2")]
    assert flagged(R504, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "A")}


def test_388_x1_means_a_new_episode_the_same_day():
    rows = [ep_388("A", DEC="01/06/2024", REC="X1"), ep_388("A", DECOM="02/06/2024", RNE="P"),
            ep_388("B", DEC="01/06/2024", REC="E13"), ep_388("B", DECOM="01/06/2024", RNE="P"),
            ep_388("C", DEC="01/06/2024", REC="X1"),
            ep_388("D", DEC="01/06/2024", REC="X1"), ep_388("D", DECOM="01/06/2024", RNE="P")]
    assert flagged(R388, Y, {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 2, "B"), ("Episodes", 4, "C")}


def test_437_no_episode_after_death_or_age_reason():
    rows = [ep_437("A", DEC="01/06/2024", REC="E2"), ep_437("A", DECOM="02/06/2024"),       # later episode
            ep_437("B", DECOM="01/05/2024"), ep_437("B", DECOM="01/04/2024", DEC="01/05/2024", REC="E15"),
            ep_437("C", DEC="01/06/2024", REC="E2")]                                     # the last one: fine
    assert flagged(R437, "2024-25", {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 3, "B")}


def test_142_every_episode_but_the_last_must_have_ended():
    rows = [ep_142("A", "01/04/2024", dec="01/06/2024", rec="X1"), ep_142("A", "01/06/2024"),  # fine
            ep_142("B", "01/04/2024"), ep_142("B", "01/06/2024"),  # the first never ended
            ep_142("C", "01/04/2024", dec="01/06/2024"), ep_142("C", "01/06/2024")]  # ended without a reason
    assert flagged(R142, Y, {"Episodes": rows}) == {("Episodes", 2, "B"), ("Episodes", 4, "C")}
