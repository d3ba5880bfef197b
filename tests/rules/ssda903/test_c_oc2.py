"""Spec tests for the OC2 outcome rules (c_oc2)."""

from clearsight.rules.ssda903.c_oc2 import R542, R543, R544, R545, R546, R547
from clearsight.rules.testing import flagged


def oc2(child, dob, **kw):
    return {"CHILD": child, "DOB": dob, **kw}


def ep(child, decom="01/01/2023", **kw):
    return {"CHILD": child, "DECOM": decom, "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


HEALTH = {"IMMUNISATIONS": "1", "TEETH_CHECK": "1", "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "0"}


def test_542_no_conviction_information_under_10():
    rows = [oc2("A", "01/04/2015", CONVICTED="0"),   # 10 on 1 April 2025: under 10 at 31 March
            oc2("B", "31/03/2015", CONVICTED="0"),   # 10 on 31 March
            oc2("C", "01/04/2015")]
    assert flagged(R542, "2024-25", {"OC2": rows}) == {("OC2", 0, "A")}


def test_543_conviction_information_needed_at_10_when_looked_after_all_year():
    rows = [oc2("A", "31/03/2015"), oc2("B", "01/04/2015"), oc2("C", "01/01/2010", CONVICTED="0"),
            oc2("D", "01/01/2010"), oc2("E", "01/01/2010")]
    episodes = [ep("A"), ep("B"), ep("C"), ep("D"),
                ep("E", decom="01/06/2024")]   # E started care in the year: not looked after all year
    assert flagged(R543, "2024-25", {"OC2": rows, "Episodes": episodes}) == {("OC2", 0, "A"), ("OC2", 3, "D")}


def test_543_continuity_ends_with_leaving_care_or_respite():
    rows = [oc2(c, "01/01/2010") for c in "ABCD"]
    episodes = [ep("A", DEC="01/06/2024", REC="E4A"),                      # left care in the year
                ep("B", DEC="31/03/2025", REC="E4A"),                      # left on 31 March: still counts
                ep("C", LS="V3"),                                          # respite
                ep("D", DEC="01/06/2024", REC="X1"), ep("D", decom="01/06/2024", RNE="P")]
    assert flagged(R543, "2024-25", {"OC2": rows, "Episodes": episodes}) == {("OC2", 1, "B"), ("OC2", 3, "D")}


def test_544_conviction_information_needs_the_health_items():
    rows = [oc2("A", "01/01/2010", CONVICTED="0", **HEALTH), oc2("B", "01/01/2010", CONVICTED="0"),
            oc2("C", "01/01/2010", CONVICTED="1", **{**HEALTH, "TEETH_CHECK": ""}), oc2("D", "01/01/2010")]
    assert flagged(R544, "2024-25", {"OC2": rows}) == {("OC2", 1, "B"), ("OC2", 2, "C")}


def test_545_health_promotion_needed_under_5_when_looked_after_all_year():
    rows = [oc2("A", "01/04/2020"), oc2("B", "31/03/2020"), oc2("C", "01/04/2020", HEALTH_CHECK="1")]
    episodes = [ep("A"), ep("B"), ep("C")]
    assert flagged(R545, "2024-25", {"OC2": rows, "Episodes": episodes}) == {("OC2", 0, "A")}


def test_546_no_health_promotion_at_5_or_over():
    rows = [oc2("A", "31/03/2020", HEALTH_CHECK="1"), oc2("B", "01/04/2020", HEALTH_CHECK="1"),
            oc2("C", "01/01/2015")]
    episodes = [ep("A"), ep("B"), ep("C")]
    assert flagged(R546, "2024-25", {"OC2": rows, "Episodes": episodes}) == {("OC2", 0, "A")}


def test_547_health_promotion_needs_the_health_items():
    rows = [oc2("A", "01/01/2021", HEALTH_CHECK="0", **HEALTH), oc2("B", "01/01/2021", HEALTH_CHECK="0"),
            oc2("C", "01/01/2021")]
    assert flagged(R547, "2024-25", {"OC2": rows}) == {("OC2", 1, "B")}
