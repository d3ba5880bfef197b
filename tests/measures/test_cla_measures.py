"""Spec tests for the looked-after children measures."""

from clearsight.measures.defs.cla import CLA01, CLA03
from clearsight.measures.testing import nums


def ep(child, decom, rne="S", dec="", rec="", place="U1", ls="C2"):
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place, "DEC": dec, "REC": rec}


def test_cla01_children_looked_after_on_the_last_day_per_10000():
    episodes = [ep("A", "01/01/2025"),  # open on 31 March
                ep("B", "01/01/2025", dec="31/03/2025", rec="E13"),  # left on the day: not counted
                ep("C", "01/04/2025")]  # started after
    loads = [("ssda903", "2024-25", {"Episodes": episodes})]
    assert nums(CLA01, loads, ["2024-25"], population=20000) == {("2024-25", None): (1, None, 0.5)}


def test_cla01_by_legal_status():
    episodes = [ep("A", "01/01/2025", ls="C2"), ep("B", "01/01/2025", ls="V2"), ep("C", "01/02/2025", ls="C2")]
    got = nums(CLA01, [("ssda903", "2024-25", {"Episodes": episodes})], ["2024-25"], by="legal_status", population=10000)
    assert got == {("2024-25", "C2"): (2, None, 2.0), ("2024-25", "V2"): (1, None, 1.0)}


def test_cla03_three_or_more_placements_in_the_twelve_months():
    episodes = [
        # A: a placement open at the start of the year, then two moves (P): 3 placements.
        ep("A", "01/01/2024", dec="01/06/2024", rec="X1"), ep("A", "01/06/2024", rne="P", dec="01/09/2024", rec="X1"),
        ep("A", "01/09/2024", rne="P"),
        # B: three episodes, but the middle one is a legal status change only (L): 2 placements.
        ep("B", "01/05/2024", dec="01/06/2024", rec="X1"), ep("B", "01/06/2024", rne="L", dec="01/07/2024", rec="X1"),
        ep("B", "01/07/2024", rne="P"),
        # C: one placement.
        ep("C", "01/05/2024"),
    ]
    loads = [("ssda903", "2024-25", {"Episodes": episodes})]
    assert nums(CLA03, loads, ["2024-25"]) == {("2024-25", None): (1, 3, 0.3333)}
