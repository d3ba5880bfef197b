"""Spec tests for the remaining CIN, front door, looked-after and OC2 measures."""

from clearsight.measures.defs.cin import CIN04, CIN07
from clearsight.measures.defs.cla import CLA02, CLA05, CLA14, CLA18, CLA19
from clearsight.measures.defs.front_door import EH01, FD01
from clearsight.measures.defs.outcomes import CLA11, CLA12, CLA13, CLA11b
from clearsight.measures.testing import nums

Y = "2024-25"


def ref(child, date, closed="", reason=""):
    return {"LAchildID": child, "CINreferralDate": date, "CINclosureDate": closed, "ReasonForClosure": reason,
            "ReferralNFA": "0"}


def test_cin04_referrals_closed_as_not_in_need():
    loads = [("cin", Y, {"CINdetails": [ref("A", "2024-05-01", "2024-06-01", "RC8"),
                                        ref("B", "2024-05-01", "2024-06-01", "RC1"), ref("C", "2024-05-01")]})]
    assert nums(CIN04, loads, [Y]) == {(Y, None): (1, 3, 0.3333)}


def test_cin07_children_in_need_on_the_last_day():
    loads = [("cin", Y, {"CINdetails": [ref("A", "2024-05-01"), ref("A", "2024-06-01"),
                                        ref("B", "2024-05-01", "2025-03-31"), ref("C", "2024-05-01", "2025-04-02")]})]
    assert nums(CIN07, loads, [Y], population=10000) == {(Y, None): (2, None, 2.0)}


def test_fd01_and_eh01_count_contacts_and_early_help():
    contacts = [{"contact_id": "1", "child_id": "A", "contact_date": "2024-05-01", "source": "1A", "outcome": "NFA"},
                {"contact_id": "2", "child_id": "A", "contact_date": "2025-05-01", "source": "1A", "outcome": "REF"}]
    early = [{"episode_id": "E1", "child_id": "A", "team_id": "T1", "start_date": "2024-07-01"}]
    loads = [("cms", Y, {"contacts": contacts, "early_help": early})]
    assert nums(FD01, loads, [Y]) == {(Y, None): (1, None, 1)}
    assert nums(EH01, loads, [Y]) == {(Y, None): (1, None, 1)}


def test_a_measure_whose_return_is_not_loaded_has_no_value():
    assert nums(FD01, [("cin", Y, {"CINdetails": [ref("A", "2024-05-01")]})], [Y]) == {(Y, None): (None, None, None)}


def ep(child, decom, rne="S", dec="", rec="", ls="C2", place="U1"):
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place, "DEC": dec, "REC": rec}


def test_cla02_uasc_share_of_children_looked_after():
    episodes = [ep("A", "01/01/2025"), ep("B", "01/01/2025"), ep("C", "01/01/2025")]
    uasc = [{"CHILD": "A", "SEX": "M", "DOB": "01/01/2008", "DUC": "01/01/2026"},
            {"CHILD": "B", "SEX": "M", "DOB": "01/01/2007", "DUC": "01/01/2025"}]  # no longer UASC on 31 March
    loads = [("ssda903", Y, {"Episodes": episodes, "UASC": uasc})]
    assert nums(CLA02, loads, [Y]) == {(Y, None): (1, 3, 0.3333)}


def test_cla05_long_term_stability():
    header = [{"CHILD": c, "DOB": "01/01/2015", "SEX": "M"} for c in "ABC"] + [{"CHILD": "D", "DOB": "01/01/2008"}]
    episodes = [
        ep("A", "01/01/2022"),  # in care 3 years, same placement: stable
        ep("B", "01/01/2022", dec="01/06/2024", rec="X1"), ep("B", "01/06/2024", rne="P"),  # moved last year
        ep("C", "01/01/2024"),  # in care only 15 months: not in the population
        ep("D", "01/01/2020"),  # aged 17: not in the population
    ]
    loads = [("ssda903", Y, {"Header": header, "Episodes": episodes})]
    assert nums(CLA05, loads, [Y]) == {(Y, None): (1, 2, 0.5)}


def test_cla14_went_missing_but_not_just_away():
    episodes = [ep("A", "01/01/2024"), ep("B", "01/01/2024"), ep("C", "01/01/2024")]
    missing = [{"CHILD": "A", "MISSING": "M", "MIS_START": "01/06/2024"},
               {"CHILD": "B", "MISSING": "A", "MIS_START": "01/06/2024"},
               {"CHILD": "C", "MISSING": "M", "MIS_START": "01/02/2024"}]  # before the year
    loads = [("ssda903", Y, {"Episodes": episodes, "Missing": missing})]
    assert nums(CLA14, loads, [Y]) == {(Y, None): (1, 3, 0.3333)}


def test_cla18_participation_in_reviews():
    reviews = [{"CHILD": "A", "REVIEW": "01/06/2024", "REVIEW_CODE": "PN1"},
               {"CHILD": "B", "REVIEW": "01/06/2024", "REVIEW_CODE": "PN7"},
               {"CHILD": "C", "REVIEW": "01/06/2024", "REVIEW_CODE": "PN0"}]  # under 4: not counted
    assert nums(CLA18, [("ssda903", Y, {"Reviews": reviews})], [Y]) == {(Y, None): (1, 2, 0.5)}


def test_cla19_adoptions_among_children_leaving_care():
    episodes = [ep("A", "01/01/2023", dec="01/06/2024", rec="E11"), ep("B", "01/01/2023", dec="01/06/2024", rec="E4A"),
                ep("C", "01/01/2023", dec="01/06/2024", rec="X1"), ep("C", "01/06/2024", rne="P")]
    assert nums(CLA19, [("ssda903", Y, {"Episodes": episodes})], [Y]) == {(Y, None): (1, 2, 0.5)}


def oc2(child, dob, **kw):
    return {"CHILD": child, "DOB": dob, **kw}


def test_oc2_sdq_substance_misuse_and_offending():
    rows = [oc2("A", "01/01/2012", SDQ_SCORE="20", SUBSTANCE_MISUSE="1", CONVICTED="1"),
            oc2("B", "01/01/2013", SDQ_SCORE="10", SUBSTANCE_MISUSE="0", CONVICTED="0"),
            oc2("C", "01/01/2014", SDQ_SCORE="", SUBSTANCE_MISUSE="0", CONVICTED="0"),  # aged 11
            oc2("D", "01/01/2022", SDQ_SCORE="", SUBSTANCE_MISUSE="0")]  # aged 3
    loads = [("ssda903", Y, {"OC2": rows})]
    assert nums(CLA11, loads, [Y]) == {(Y, None): (2, 3, 0.6667)}
    assert nums(CLA11b, loads, [Y]) == {(Y, None): (15, 2, 15)}
    assert nums(CLA12, loads, [Y]) == {(Y, None): (1, 4, 0.25)}
    assert nums(CLA13, loads, [Y]) == {(Y, None): (1, 3, 0.3333)}
