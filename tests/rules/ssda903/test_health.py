"""Spec tests for the health rules (``clearsight.rules.ssda903.health``)."""

from clearsight.rules.ssda903.health import (
    R157,
    R158,
    R159,
    R180,
    R181,
    R182,
    R185,
    R186,
    R187,
    R188,
    R189,
    R190,
    R191,
    R192,
    R193,
    R196,
    R197B,
    R198,
    R542,
    R543,
    R544,
    R545,
    R546,
    R547,
    R197a,
)
from clearsight.rules.testing import flagged

Y = "2024-25"  # 1 April 2024 to 31 March 2025


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/01/2023", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def oc2(child, dob="01/06/2014", **kw):
    return {"CHILD": child, "DOB": dob, **kw}


def full(child, dob="01/06/2014", **kw):
    items = {"CONVICTED": "0", "HEALTH_CHECK": "1", "IMMUNISATIONS": "1", "TEETH_CHECK": "1",
             "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "0"}
    return oc2(child, dob, **{**items, **kw})


def oc2_542(child, dob, **kw):
    return {"CHILD": child, "DOB": dob, **kw}


def ep_542(child, decom="01/01/2023", **kw):
    return {"CHILD": child, "DECOM": decom, "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


HEALTH = {"IMMUNISATIONS": "1", "TEETH_CHECK": "1", "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "0"}


def test_continuously_looked_after_as_the_dfe_derives_it():
    # Rule 185 (an SDQ score for a child not looked after for 12 months) shows who counts.
    episodes = [ep("A"),                                                   # in care all year
                ep("B", DECOM="01/04/2024"),                               # came into care on 1 April
                ep("C", DECOM="02/04/2024"),                               # came into care on 2 April
                ep("D", DEC="31/03/2025", REC="E11"),                      # adopted on 31 March
                ep("E", DEC="30/03/2025", REC="E11"),                      # adopted on 30 March
                ep("F", DEC="01/06/2024", REC="X1"), ep("F", DECOM="01/06/2024", RNE="P"),  # moved: still in care
                ep("G", LS="V3", DECOM="01/05/2024", DEC="03/05/2024", REC="E8"),   # a short break in the year
                ep("H", DEC="31/03/2024", REC="E11")]                      # left before the year
    scores = [oc2(c, SDQ_SCORE="12") for c in "ABCDEFGHI"]                 # I has no episodes at all
    assert flagged(R185, Y, {"Episodes": episodes, "OC2": scores}) == {
        ("OC2", 2, "C"), ("OC2", 4, "E"), ("OC2", 6, "G"), ("OC2", 7, "H"), ("OC2", 8, "I")}
    # Without any episodes nobody's time in care is known, and the rule is not applied.
    assert flagged(R185, Y, {"OC2": scores}) == set()


def test_157_sdq1_is_wrong_for_a_child_aged_4_to_16():
    episodes = [ep(c) for c in "ABCDE"]
    rows = [oc2("A", "01/04/2020", SDQ_REASON="SDQ1"),   # 4th birthday on 1 April: aged 4 at the start
            oc2("B", "02/04/2020", SDQ_REASON="SDQ1"),   # turns 4 during the year
            oc2("C", "01/04/2008", SDQ_REASON="SDQ1"),   # 17th birthday on 1 April 2025: 16 on 31 March
            oc2("D", "31/03/2008", SDQ_REASON="SDQ1"),   # 17 on 31 March
            oc2("E", "01/06/2014", SDQ_REASON="SDQ2")]
    assert flagged(R157, Y, {"Episodes": episodes, "OC2": rows}) == {("OC2", 0, "A"), ("OC2", 2, "C")}


def test_158_159_192_193_substance_misuse_follow_up_items():
    rows = [full("A", SUBSTANCE_MISUSE="1", INTERVENTION_RECEIVED="1", INTERVENTION_OFFERED="1"),
            full("B", SUBSTANCE_MISUSE="1", INTERVENTION_RECEIVED="0"),
            full("C", SUBSTANCE_MISUSE="1"),
            full("D", SUBSTANCE_MISUSE="0", INTERVENTION_OFFERED="0"),
            full("E", SUBSTANCE_MISUSE="1", INTERVENTION_RECEIVED="1"),
            full("F", SUBSTANCE_MISUSE="1", INTERVENTION_RECEIVED="0", INTERVENTION_OFFERED="1"),
            full("G")]
    assert flagged(R158, Y, {"OC2": rows}) == {("OC2", 0, "A")}
    assert flagged(R159, Y, {"OC2": rows}) == {("OC2", 1, "B")}
    assert flagged(R192, Y, {"OC2": rows}) == {("OC2", 2, "C")}
    assert flagged(R193, Y, {"OC2": rows}) == {("OC2", 3, "D")}


def test_180_sdq_score_is_0_to_40():
    rows = [oc2("A", SDQ_SCORE="0"), oc2("B", SDQ_SCORE="40"), oc2("C", SDQ_SCORE="41"), oc2("D", SDQ_SCORE="x"),
            oc2("E", SDQ_SCORE="")]
    assert flagged(R180, Y, {"OC2": rows}) == {("OC2", 2, "C"), ("OC2", 3, "D")}


def test_181_twelve_month_items_are_0_or_1():
    rows = [full("A"), full("B", TEETH_CHECK="2"), full("C", INTERVENTION_OFFERED="Y"), oc2("D")]
    assert flagged(R181, Y, {"OC2": rows}) == {("OC2", 1, "B"), ("OC2", 2, "C")}


def test_182_core_items_all_given_or_the_row_blank():
    rows = [full("A"), oc2("B"), full("C", TEETH_CHECK=""), oc2("D", CONVICTED="0"),
            oc2("E", IMMUNISATIONS="1")]
    assert flagged(R182, Y, {"OC2": rows}) == {("OC2", 2, "C"), ("OC2", 3, "D"), ("OC2", 4, "E")}


def test_186_a_child_aged_4_to_16_looked_after_12_months_needs_a_score_or_reason():
    episodes = [ep(c) for c in "ABCDE"] + [ep("F", DECOM="01/06/2024")]
    rows = [oc2("A"), oc2("B", SDQ_SCORE="10"), oc2("C", SDQ_REASON="SDQ4"),
            oc2("D", "02/04/2020"),                 # turns 4 during the year
            oc2("E", "01/04/2008"),                 # 16 on 31 March (17 the next day)
            oc2("F")]                               # not looked after for 12 months
    assert flagged(R186, Y, {"Episodes": episodes, "OC2": rows}) == {("OC2", 0, "A"), ("OC2", 4, "E")}


def test_187_no_care_leaver_or_adoption_data_for_a_child_in_care_12_months():
    episodes = [ep("A"), ep("B"), ep("C", DECOM="01/06/2024"), ep("D")]
    oc3 = [{"CHILD": "A", "DOB": "01/01/2007", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
           {"CHILD": "C", "DOB": "01/01/2007", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
           {"CHILD": "D", "DOB": "01/01/2007"}]
    ad1 = [{"CHILD": "B", "DOB": "01/01/2020", "DATE_INT": "01/01/2023"}]
    assert flagged(R187, Y, {"Episodes": episodes, "OC3": oc3, "AD1": ad1}) == {("OC3", 0, "A"), ("AD1", 0, "B")}


def test_188_189_no_sdq_for_under_4s_or_17s_and_over():
    rows = [oc2("A", "01/04/2021", SDQ_REASON="SDQ1"),   # 4 on 1 April 2025: under 4 on 31 March
            oc2("B", "31/03/2021", SDQ_SCORE="5"),       # 4 on 31 March
            oc2("C", "31/03/2007", SDQ_SCORE="5"),       # 17 before 1 April 2024
            oc2("D", "01/04/2007", SDQ_REASON="SDQ1"),   # 17 on 1 April 2024: not more than 17 years before
            oc2("E", "01/04/2021")]
    assert flagged(R188, Y, {"OC2": rows}) == {("OC2", 0, "A")}
    assert flagged(R189, Y, {"OC2": rows}) == {("OC2", 2, "C")}


def test_190_191_twelve_month_items_go_with_twelve_months_in_care():
    episodes = [ep("A"), ep("B", DECOM="01/06/2024"), ep("C"), ep("D", DECOM="01/02/2022", DEC="01/01/2023",
                                                                    REC="X1", RNE="S"),
                ep("D", DECOM="01/01/2023", RNE="P")]
    rows = [full("A"), full("B"), full("C", HEALTH_ASSESSMENT="")]
    assert flagged(R190, Y, {"Episodes": episodes, "OC2": rows}) == {("OC2", 1, "B")}
    # C has a gap in the core items; D is looked after for 12 months but has no OC2 row (its first
    # episode is flagged).
    assert flagged(R191, Y, {"Episodes": episodes, "OC2": rows}) == {("OC2", 2, "C"), ("Episodes", 3, "D")}
    # A return with no OC2 rows at all is not taken to leave every child's items blank.
    assert flagged(R191, Y, {"Episodes": episodes}) == set()


def test_196_sdq_reason_must_be_valid():
    rows = [oc2("A", SDQ_REASON="SDQ5"), oc2("B", SDQ_REASON="SDQ6"), oc2("C")]
    assert flagged(R196, Y, {"OC2": rows}) == {("OC2", 1, "B")}


def test_197b_children_turning_4_or_17_need_a_score_or_reason():
    episodes = [ep(c) for c in "ABCDEF"]
    rows = [oc2("A", "01/04/2020"),                  # 4 on 1 April 2024
            oc2("B", "31/03/2021"),                  # 4 on 31 March 2025
            oc2("C", "15/09/2007"),                  # 17 in September
            oc2("D", "15/09/2007", SDQ_REASON="SDQ1"),
            oc2("E", "31/03/2020"),                  # already 4
            oc2("F", "01/04/2021")]                  # 4 after the year
    assert flagged(R197B, Y, {"Episodes": episodes, "OC2": rows}) == {
        ("OC2", 0, "A"), ("OC2", 1, "B"), ("OC2", 2, "C")}


def test_197a_score_and_reason_do_not_go_together():
    rows = [oc2("A", SDQ_SCORE="10", SDQ_REASON="SDQ2"), oc2("B", SDQ_SCORE="10"), oc2("C", SDQ_REASON="SDQ2"),
            oc2("D", SDQ_SCORE="ten", SDQ_REASON="SDQ2")]
    assert flagged(R197a, Y, {"OC2": rows}) == {("OC2", 0, "A"), ("OC2", 3, "D")}


def test_198_no_sdq_reason_without_twelve_months_in_care():
    episodes = [ep("A"), ep("B", DECOM="01/06/2024")]
    rows = [oc2("A", SDQ_REASON="SDQ2"), oc2("B", SDQ_REASON="SDQ2"), oc2("C")]
    assert flagged(R198, Y, {"Episodes": episodes, "OC2": rows}) == {("OC2", 1, "B")}


def test_542_no_conviction_information_under_10():
    rows = [oc2_542("A", "01/04/2015", CONVICTED="0"),   # 10 on 1 April 2025: under 10 at 31 March
            oc2_542("B", "31/03/2015", CONVICTED="0"),   # 10 on 31 March
            oc2_542("C", "01/04/2015")]
    assert flagged(R542, "2024-25", {"OC2": rows}) == {("OC2", 0, "A")}


def test_543_conviction_information_needed_at_10_when_looked_after_all_year():
    rows = [oc2_542("A", "31/03/2015"), oc2_542("B", "01/04/2015"), oc2_542("C", "01/01/2010", CONVICTED="0"),
            oc2_542("D", "01/01/2010"), oc2_542("E", "01/01/2010")]
    episodes = [ep_542("A"), ep_542("B"), ep_542("C"), ep_542("D"),
                ep_542("E", decom="01/06/2024")]   # E started care in the year: not looked after all year
    assert flagged(R543, "2024-25", {"OC2": rows, "Episodes": episodes}) == {("OC2", 0, "A"), ("OC2", 3, "D")}


def test_543_continuity_ends_with_leaving_care_or_respite():
    rows = [oc2_542(c, "01/01/2010") for c in "ABCD"]
    episodes = [ep_542("A", DEC="01/06/2024", REC="E4A"),                      # left care in the year
                ep_542("B", DEC="31/03/2025", REC="E4A"),                      # left on 31 March: still counts
                ep_542("C", LS="V3"),                                          # respite
                ep_542("D", DEC="01/06/2024", REC="X1"), ep_542("D", decom="01/06/2024", RNE="P")]
    assert flagged(R543, "2024-25", {"OC2": rows, "Episodes": episodes}) == {("OC2", 1, "B"), ("OC2", 3, "D")}


def test_544_conviction_information_needs_the_health_items():
    rows = [oc2_542("A", "01/01/2010", CONVICTED="0", **HEALTH), oc2_542("B", "01/01/2010", CONVICTED="0"),
            oc2_542("C", "01/01/2010", CONVICTED="1", **{**HEALTH, "TEETH_CHECK": ""}), oc2_542("D", "01/01/2010")]
    assert flagged(R544, "2024-25", {"OC2": rows}) == {("OC2", 1, "B"), ("OC2", 2, "C")}


def test_545_health_promotion_needed_under_5_when_looked_after_all_year():
    rows = [oc2_542("A", "01/04/2020"), oc2_542("B", "31/03/2020"), oc2_542("C", "01/04/2020", HEALTH_CHECK="1")]
    episodes = [ep_542("A"), ep_542("B"), ep_542("C")]
    assert flagged(R545, "2024-25", {"OC2": rows, "Episodes": episodes}) == {("OC2", 0, "A")}


def test_546_no_health_promotion_at_5_or_over():
    rows = [oc2_542("A", "31/03/2020", HEALTH_CHECK="1"), oc2_542("B", "01/04/2020", HEALTH_CHECK="1"),
            oc2_542("C", "01/01/2015")]
    episodes = [ep_542("A"), ep_542("B"), ep_542("C")]
    assert flagged(R546, "2024-25", {"OC2": rows, "Episodes": episodes}) == {("OC2", 0, "A")}


def test_547_health_promotion_needs_the_health_items():
    rows = [oc2_542("A", "01/01/2021", HEALTH_CHECK="0", **HEALTH), oc2_542("B", "01/01/2021", HEALTH_CHECK="0"),
            oc2_542("C", "01/01/2021")]
    assert flagged(R547, "2024-25", {"OC2": rows}) == {("OC2", 1, "B")}
