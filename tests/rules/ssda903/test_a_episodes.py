"""Spec tests for the placement provider and previously-adopted rules."""

from clearsight.rules.ssda903.a_episodes import R178, R199
from clearsight.rules.testing import flagged


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def test_178_provider_valid_and_not_for_placements_without_one():
    rows = [ep("A", PLACE_PROVIDER="PR1"), ep("B", PLACE_PROVIDER="PR9"), ep("C", PLACE="T0", PLACE_PROVIDER="PR1"),
            ep("D", PLACE="T4", PLACE_PROVIDER="PR1"), ep("E", PLACE="Z11", PLACE_PROVIDER="PR1"), ep("F", PLACE="T0")]
    assert flagged(R178, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B"), ("Episodes", 2, "C"), ("Episodes", 3, "D")}
    # From 2025-26 T4 (and Z1) may have a provider, and Z11-Z14 may not.
    assert flagged(R178, "2025-26", {"Episodes": rows}) == {
        ("Episodes", 1, "B"), ("Episodes", 2, "C"), ("Episodes", 4, "E")}


def test_199_no_episode_after_an_adoption():
    this_year = [ep("A", DECOM="01/05/2024", DEC="01/06/2024", REC="E11"),   # adopted in June...
                 ep("A", DECOM="01/09/2024"),                                # ...and back in care
                 ep("B", DECOM="01/05/2024", DEC="01/06/2024", REC="E12"),   # adopted: the adoption itself is fine
                 ep("C", DECOM="01/09/2024"),                                # adopted last year
                 ep("D", DECOM="01/09/2024", DEC="01/10/2024", REC="X1"), ep("D", DECOM="01/10/2024")]
    last_year = [ep("C", DECOM="01/05/2023", DEC="01/06/2023", REC="E11")]
    assert flagged(R199, "2024-25", {"Episodes": this_year}, previous={"Episodes": last_year}) == {
        ("Episodes", 1, "A"), ("Episodes", 3, "C")}
    # Without last year's return only this year's adoptions are seen.
    assert flagged(R199, "2024-25", {"Episodes": this_year}, previous={}) == {("Episodes", 1, "A")}
