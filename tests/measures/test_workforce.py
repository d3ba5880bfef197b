"""Spec tests for the workforce measures (CSWW census and the 903's social worker episodes)."""

from clearsight.measures.defs.workforce import WF01, WF02, WF03, WF04, WF05, WF06, WF07
from clearsight.measures.testing import nums

Y = "2024-25"
HEADER = [{"Collection": "CSWW", "ReferenceDate": "2024-09-30"}]
VACANCIES = [{"NumberOfVacancies": "1.50", "NoAgencyFTE": "1.00", "NoAgencyHeadcount": "1"}]


def worker(swe, fte, agency="0", end="", cases="", lost=""):
    return {"SWENo": swe, "AgencyWorker": agency, "FTE": fte, "RoleEndDate": end, "Cases30": cases,
            "WorkingDaysLost": lost}


WORKERS = [worker("AA0000000001", "1.000000", cases="20", lost="10.00"),
           worker("AA0000000002", "0.500000", cases="6"),
           worker("AA0000000003", "1.000000"),  # in post, no cases (e.g. a manager)
           worker("AA0000000004", "1.000000", end="2024-06-30"),  # left in the year
           worker("AA0000000005", "1.000000", end="2023-06-30"),  # left before the year: neither
           worker("AA0000000006", "1.000000", agency="1", cases="9")]  # agency: counted at council level
LOADS = [("csww", Y, {"Header": HEADER, "LALevelVacancies": VACANCIES, "CSWWWorker": WORKERS})]


def test_wf01_fte_in_post():
    assert nums(WF01, LOADS, [Y]) == {(Y, None): (2.5, None, 2.5)}


def test_wf02_turnover():
    assert nums(WF02, LOADS, [Y]) == {(Y, None): (1.0, 2.5, 0.4)}


def test_wf03_and_wf04_agency_and_vacancy_rates():
    assert nums(WF03, LOADS, [Y]) == {(Y, None): (1.0, 3.5, 0.2857)}
    assert nums(WF04, LOADS, [Y]) == {(Y, None): (1.5, 4.0, 0.375)}


def test_wf05_caseload_per_case_holding_fte():
    # 26 cases held by 1.5 FTE of case holders.
    assert nums(WF05, LOADS, [Y]) == {(Y, None): (26, 1.5, 17.3333)}


def test_wf06_sickness_absence():
    # 1 Oct 2023 to 30 Sep 2024: 261 weekdays less 8 bank holidays = 253 working days.
    got = nums(WF06, LOADS, [Y])[(Y, None)]
    assert got[0] == 10 and got[1] == 2.5 * 253


def test_wf07_three_or_more_social_workers():
    oc2 = [{"CHILD": "A", "DOB": "01/01/2012"}, {"CHILD": "B", "DOB": "01/01/2012"}]
    sw = [{"CHILD": "A", "SW_ID": "S1", "SW_DECOM": "01/01/2024", "SW_DEC": "01/06/2024"},
          {"CHILD": "A", "SW_ID": "S2", "SW_DECOM": "01/06/2024", "SW_DEC": "01/09/2024"},
          {"CHILD": "A", "SW_ID": "S3", "SW_DECOM": "01/09/2024"},
          {"CHILD": "B", "SW_ID": "S1", "SW_DECOM": "01/01/2023", "SW_DEC": "01/02/2024"},  # ended before the year
          {"CHILD": "B", "SW_ID": "S2", "SW_DECOM": "01/02/2024", "SW_DEC": "01/05/2024"},
          {"CHILD": "B", "SW_ID": "S4", "SW_DECOM": "01/05/2024"}]
    loads = [("ssda903", Y, {"OC2": oc2, "SWEpisodes": sw})]
    assert nums(WF07, loads, [Y]) == {(Y, None): (1, 2, 0.5)}
