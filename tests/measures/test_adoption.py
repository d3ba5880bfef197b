"""Spec tests for the adoption scorecard measures (AD01 = A1, AD02 = A2, AD03 = A3)."""

import datetime as dt

from clearsight.measures.defs.adoption import AD01, AD02, AD03
from clearsight.measures.testing import nums
from clearsight.returns.years import CollectionYear

Y = "2024-25"
YEARS = ("2022-23", "2023-24", "2024-25")  # the 903s loaded: nothing from before 1 April 2022


def ep(child, decom, rne, ls, place, dec="", rec=""):
    if dec and not rec:
        rec = "X1"
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place, "DEC": dec, "REC": rec}


def _day(text):
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else dt.date.max


def returns(episodes, ad1):
    """Each year's 903 holds the episodes open at some time in its year, and the AD1 of its adoptions."""
    loads = []
    for year in YEARS:
        collection = CollectionYear.parse(year)
        start, end = collection.first_day, collection.last_day
        eps = [e for e in episodes if _day(e["DECOM"]) <= end and _day(e["DEC"]) >= start]
        adopted = {e["CHILD"] for e in eps if e["REC"] in ("E11", "E12") and start <= _day(e["DEC"]) <= end}
        loads.append(("ssda903", year, {"Episodes": eps, "AD1": [a for a in ad1 if a["CHILD"] in adopted]}))
    return loads


EPISODES = [
    # A: in care 3 May 2022; placement order 1 Feb 2023; moved in with new adopters 1 June 2023 (394 days).
    ep("A", "03/05/2022", "S", "C2", "U3", "01/02/2023"), ep("A", "01/02/2023", "L", "E1", "U3", "01/06/2023"),
    ep("A", "01/06/2023", "P", "E1", "A6", "01/09/2024", "E11"),
    # B: adopted by the foster carers B moved in with on 11 July 2022, 70 days after entering care; the
    # placement became an adoptive one (U: carers unchanged) with the placement order on 1 September 2023.
    ep("B", "02/05/2022", "S", "C2", "U1", "11/07/2022"), ep("B", "11/07/2022", "P", "C2", "U3", "01/09/2023"),
    ep("B", "01/09/2023", "U", "E1", "A5", "01/10/2024", "E11"),
    # C: moved in exactly 14 months (426 days) after entering care: not less than 14 months.
    ep("C", "04/04/2022", "S", "C2", "U1", "09/01/2023"), ep("C", "09/01/2023", "L", "E1", "U1", "04/06/2023"),
    ep("C", "04/06/2023", "P", "E1", "A6", "10/06/2024", "E12"),
    # D: adopted last year.
    ep("D", "01/06/2022", "S", "C2", "U1", "01/09/2022"), ep("D", "01/09/2022", "B", "E1", "A6", "01/03/2024", "E11"),
    # E: came into care in 2021, before the 903s loaded (the first episode is not there): not in A1 or A3.
    ep("E", "01/02/2022", "P", "C2", "U3", "01/02/2023"), ep("E", "01/02/2023", "B", "E1", "A6", "01/12/2024", "E11"),
    # F: still placed for adoption on 31 March.
    ep("F", "01/06/2023", "S", "C2", "U1", "01/12/2023"), ep("F", "01/12/2023", "B", "E1", "A4"),
]


def ad1(child, match):
    return {"CHILD": child, "DOB": "01/01/2021", "DATE_INT": "01/01/2023", "DATE_MATCH": match, "FOSTER_CARE": "0",
            "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L0"}


AD1 = [ad1("A", "15/04/2023"), ad1("B", "01/08/2023"), ad1("C", "01/05/2023"), ad1("D", "01/02/2023"),
       ad1("E", "20/01/2023")]


def test_ad01_a1_days_from_care_to_moving_in_with_adopters():
    # A 394, B 70, C 426: mean 296.67 days. E's entry into care is not loaded.
    assert nums(AD01, returns(EPISODES, AD1), [Y])[(Y, None)][1:] == (3, 296.6667)


def test_ad02_a2_days_from_placement_order_to_match():
    # A: 1 Feb to 15 Apr 2023 = 73; B: matched before the order = 0; C: 9 Jan to 1 May 2023 = 112;
    # E: order (a change of legal status with the move, B) 1 Feb 2023, matched before it = 0. Mean 46.25.
    assert nums(AD02, returns(EPISODES, AD1), [Y])[(Y, None)][1:] == (4, 46.25)


def test_ad03_a3_adopted_children_waiting_under_14_months():
    assert nums(AD03, returns(EPISODES, AD1), [Y]) == {(Y, None): (2, 3, 0.6667)}  # A and B; C is the edge
