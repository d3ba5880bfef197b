"""Spec tests for the rules on consecutive episodes (c_episode_chain)."""

from clearsight.rules.ssda903.c_episode_chain import R431, R432, R433, R434, R435, R436, R501, R504
from clearsight.rules.testing import flagged


def ep(child, decom, dec="", **kw):
    row = {"CHILD": child, "DECOM": decom, "DEC": dec, "RNE": "P", "LS": "C2", "CIN": "N1", "PLACE": "U1",
           "PLACE_PROVIDER": "PR1", "PL_POST": "AB1 2CD", "URN": "SC111111", **kw}
    if dec and "REC" not in kw:
        row["REC"] = "X1"
    return row


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
