"""Spec tests for the care leaver measures: the OC3 outcomes (CL01 to CL04c) and pathway plans with a personal
adviser (CL06)."""

from clearsight.measures.defs.care_leavers import CL01, CL02, CL03, CL06, CL04a, CL04b, CL04c
from clearsight.measures.testing import nums

Y = "2024-25"



def ep(child, decom, rne="S", dec="", rec="", ls="C2", place="U1", **kw):
    if dec and not rec:
        rec = "X1"
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place, "DEC": dec,
            "REC": rec, **kw}



def oc3(child, dob, in_touch="YES", activ="F1", accom="S1"):
    return {"CHILD": child, "DOB": dob, "IN_TOUCH": in_touch, "ACTIV": activ, "ACCOM": accom}



def test_care_leavers_19_to_21_in_education_and_suitable_accommodation():
    rows = [oc3("A", "01/06/2004", activ="F2", accom="S1"),  # 20: EET, suitable
            oc3("B", "01/06/2004", activ="G4", accom="S2"),  # 20: NEET, unsuitable
            oc3("C", "01/06/2005", in_touch="DIED"),  # 19 but died: not counted
            oc3("D", "01/06/2007", activ="F1")]  # 17: counted in CL04 only
    loads = [("ssda903", Y, {"OC3": rows})]
    assert nums(CL02, loads, [Y]) == {(Y, None): (1, 2, 0.5)}
    assert nums(CL03, loads, [Y]) == {(Y, None): (1, 2, 0.5)}
    assert nums(CL04a, loads, [Y]) == {(Y, None): (1, 1, 1.0)}



def test_cl01_and_cl04_in_touch_activity_and_accommodation_by_age():
    rows = [oc3("A", "01/06/2004", in_touch="YES"), oc3("B", "01/06/2004", in_touch="NO", activ="0", accom="0"),
            oc3("C", "01/06/2007", activ="G5", accom="T2"), oc3("D", "01/06/2007", activ="P1", accom="U1")]
    loads = [("ssda903", Y, {"OC3": rows})]
    assert nums(CL01, loads, [Y]) == {(Y, None): (1, 2, 0.5)}
    assert nums(CL04b, loads, [Y]) == {(Y, None): (1, 2, 0.5)}
    assert nums(CL04c, loads, [Y]) == {(Y, None): (1, 2, 0.5)}



def test_cl06_pathway_plan_reviewed_in_6_months_and_a_personal_adviser():
    header = [{"CHILD": c, "SEX": "M", "DOB": dob} for c, dob in [
        ("A", "01/05/2006"), ("B", "01/05/2006"), ("C", "01/05/2006"), ("D", "01/06/2009"),
        ("E", "01/05/2007"), ("F", "01/05/2007"), ("G", "01/03/2004"), ("H", "01/05/2008")]]
    episodes = [ep("A", "01/01/2019", dec="01/05/2024", rec="E8"), ep("B", "01/01/2019", dec="01/05/2024", rec="E8"),
                ep("C", "01/01/2019", dec="01/05/2024", rec="E8"),
                ep("D", "01/01/2020", dec="01/05/2024", rec="E13"),   # left care at 14
                ep("H", "01/01/2019")]                                # still looked after
    last_year = [ep("E", "01/01/2020", dec="01/12/2023", rec="E45"),  # special guardianship at 16
                 ep("F", "01/02/2024", dec="15/03/2024", rec="E13"),  # 6 weeks in care at 16: not 13 weeks
                 ep("G", "01/01/2019", dec="01/03/2022", rec="E8")]   # 21 on the last day
    plans = [{"child_id": c, "plan_date": d} for c, d in [
        ("A", "2024-09-30"),   # exactly 6 months before 31 March: counts
        ("B", "2024-09-29"),   # a day too old
        ("C", "2024-12-01"), ("D", "2024-12-01")]]
    pa = [{"child_id": c, "worker_id": "P1", "team_id": "LC", "allocation_type": "PA", "start_date": "2024-05-01",
           "end_date": end} for c, end in [("A", ""), ("B", ""), ("C", "2025-03-30"), ("D", "")]]
    loads = [("ssda903", "2023-24", {"Header": header, "Episodes": last_year}),
             ("ssda903", Y, {"Header": header, "Episodes": episodes}),
             ("cms", Y, {"pathway_plans": plans, "allocations": pa})]
    # Care leavers: A, B, C. Only A has both a review in the 6 months and a personal adviser on the day.
    assert nums(CL06, loads, [Y]) == {(Y, None): (1, 3, 0.3333)}
