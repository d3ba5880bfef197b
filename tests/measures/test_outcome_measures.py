"""Spec tests for the OC2 (health) and OC3 (care leavers) measures."""

from clearsight.measures.defs.outcomes import (
    CL01,
    CL02,
    CL03,
    CLA07,
    CLA08,
    CLA09,
    CLA10,
    CL04a,
    CL04b,
    CL04c,
)
from clearsight.measures.testing import nums

Y = "2024-25"


def oc2(child, dob, **kw):
    return {"CHILD": child, "DOB": dob, **kw}


def test_cla07_health_assessments_of_the_oc2_cohort():
    rows = [oc2("A", "01/01/2012", HEALTH_ASSESSMENT="1"), oc2("B", "01/01/2012", HEALTH_ASSESSMENT="0"),
            oc2("C", "01/01/2012", HEALTH_ASSESSMENT="")]
    assert nums(CLA07, [("ssda903", Y, {"OC2": rows})], [Y]) == {(Y, None): (1, 3, 0.3333)}


def test_oc2_measures_have_no_value_for_months():
    rows = [oc2("A", "01/01/2012", HEALTH_ASSESSMENT="1")]
    assert nums(CLA07, [("ssda903", Y, {"OC2": rows})], ["2024-06"]) == {("2024-06", None): (0, 0, None)}


def test_cla10_development_checks_for_under_fives_only():
    rows = [oc2("A", "01/06/2021", HEALTH_CHECK="1"), oc2("B", "01/06/2021", HEALTH_CHECK="0"),
            oc2("C", "01/01/2015", HEALTH_CHECK="1")]  # aged 10: not in the population
    assert nums(CLA10, [("ssda903", Y, {"OC2": rows})], [Y]) == {(Y, None): (1, 2, 0.5)}


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


def test_cla08_and_cla09_immunisations_and_dental_checks():
    rows = [oc2("A", "01/01/2012", IMMUNISATIONS="1", TEETH_CHECK="0"),
            oc2("B", "01/01/2012", IMMUNISATIONS="0", TEETH_CHECK="1"),
            oc2("C", "01/01/2012", IMMUNISATIONS="1", TEETH_CHECK="1")]
    loads = [("ssda903", Y, {"OC2": rows})]
    assert nums(CLA08, loads, [Y]) == {(Y, None): (2, 3, 0.6667)}
    assert nums(CLA09, loads, [Y]) == {(Y, None): (2, 3, 0.6667)}


def test_cl01_and_cl04_in_touch_activity_and_accommodation_by_age():
    rows = [oc3("A", "01/06/2004", in_touch="YES"), oc3("B", "01/06/2004", in_touch="NO", activ="0", accom="0"),
            oc3("C", "01/06/2007", activ="G5", accom="T2"), oc3("D", "01/06/2007", activ="P1", accom="U1")]
    loads = [("ssda903", Y, {"OC3": rows})]
    assert nums(CL01, loads, [Y]) == {(Y, None): (1, 2, 0.5)}
    assert nums(CL04b, loads, [Y]) == {(Y, None): (1, 2, 0.5)}
    assert nums(CL04c, loads, [Y]) == {(Y, None): (1, 2, 0.5)}
