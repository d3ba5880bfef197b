"""Spec tests for the Episodes rules."""

from clearsight.rules.ssda903.episodes import R141, R143, R144, R145, R146, R147, R148, R149
from clearsight.rules.testing import flagged


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def test_141_episode_start_must_be_a_date():
    rows = [ep("A"), ep("B", DECOM="45382"), ep("C", DECOM="")]
    assert flagged(R141, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B"), ("Episodes", 2, "C")}


def test_143_to_146_codes_must_be_valid():
    rows = [ep("A"), ep("B", RNE="Q", LS="ZZ", CIN="N9", PLACE="P2")]
    for rule in (R143, R144, R145):
        assert flagged(rule, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}
    # P2 was a placement code until 2023-24 and was withdrawn from 2024-25.
    assert flagged(R146, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}
    assert flagged(R146, "2023-24", {"Episodes": rows}) == set()


def test_147_a_ceased_date_if_given_must_be_a_date():
    rows = [ep("A", DEC=""), ep("B", DEC="31/09/2024", REC="E11"), ep("C", DEC="30/09/2024", REC="E11")]
    assert flagged(R147, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_148_ceased_date_and_reason_go_together():
    rows = [ep("A"), ep("B", DEC="30/09/2024"), ep("C", REC="E11"), ep("D", DEC="30/09/2024", REC="E11"),
            ep("E", DEC="not a date", REC="E11")]
    assert flagged(R148, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B"), ("Episodes", 2, "C")}


def test_149_reason_ceased_must_be_valid_when_given():
    rows = [ep("A", DEC="30/09/2024", REC="E11"), ep("B", DEC="30/09/2024", REC="E99"), ep("C")]
    assert flagged(R149, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}
