"""Spec tests for the OC2 outcome measures of children in care (health, development, SDQ, substance misuse,
offending)."""

from clearsight.measures.defs.outcomes import CLA07, CLA08, CLA09, CLA10, CLA11, CLA12, CLA13, CLA11b
from clearsight.measures.testing import nums, values

Y = "2024-25"



def oc2(child, dob, **kw):
    return {"CHILD": child, "DOB": dob, **kw}



def test_cla07_health_assessments_of_the_oc2_cohort():
    rows = [oc2("A", "01/01/2012", HEALTH_ASSESSMENT="1"), oc2("B", "01/01/2012", HEALTH_ASSESSMENT="0"),
            oc2("C", "01/01/2012", HEALTH_ASSESSMENT="")]
    assert nums(CLA07, [("ssda903", Y, {"OC2": rows})], [Y]) == {(Y, None): (1, 3, 0.3333)}



def test_oc2_measures_have_no_data_for_months():
    rows = [oc2("A", "01/01/2012", HEALTH_ASSESSMENT="1")]
    assert nums(CLA07, [("ssda903", Y, {"OC2": rows})], ["2024-06"]) == {("2024-06", None): (None, None, None)}
    (v,) = values(CLA07, [("ssda903", Y, {"OC2": rows})], ["2024-06"])
    assert (v.history, v.lower, v.upper, v.comparison) == ("no data", None, None, None)
    assert "collection years only" in v.history_note



def test_cla10_development_checks_for_under_fives_only():
    rows = [oc2("A", "01/06/2021", HEALTH_CHECK="1"), oc2("B", "01/06/2021", HEALTH_CHECK="0"),
            oc2("C", "01/01/2015", HEALTH_CHECK="1")]  # aged 10: not in the population
    assert nums(CLA10, [("ssda903", Y, {"OC2": rows})], [Y]) == {(Y, None): (1, 2, 0.5)}



def test_cla08_and_cla09_immunisations_and_dental_checks():
    rows = [oc2("A", "01/01/2012", IMMUNISATIONS="1", TEETH_CHECK="0"),
            oc2("B", "01/01/2012", IMMUNISATIONS="0", TEETH_CHECK="1"),
            oc2("C", "01/01/2012", IMMUNISATIONS="1", TEETH_CHECK="1")]
    loads = [("ssda903", Y, {"OC2": rows})]
    assert nums(CLA08, loads, [Y]) == {(Y, None): (2, 3, 0.6667)}
    assert nums(CLA09, loads, [Y]) == {(Y, None): (2, 3, 0.6667)}



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
