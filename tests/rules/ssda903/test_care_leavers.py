"""Spec tests for the care leavers rules (``clearsight.rules.ssda903.care_leavers``)."""

from clearsight.rules.ssda903.care_leavers import (
    R131,
    R132,
    R133,
    R153,
    R215,
    R344,
    R345,
    R347,
    R348,
    R391,
    R1000,
    R1001,
    R1002,
    R1007,
    R1010,
    R1011,
    R1012,
    R1014,
    R1016,
    R3001,
)
from clearsight.rules.testing import flagged


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "K2", **kw}


def oc3(child, dob="01/06/2006", **kw):
    return {"CHILD": child, "DOB": dob, "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "S2", **kw}


def hd(child, dob="01/06/2006"):
    return {"CHILD": child, "SEX": "F", "DOB": dob, "ETHNIC": "WBRI", "UPN": "A123456789012"}


Y = "2024-25"


def oc3_215(child, in_touch="YES", activ="F1", accom="Z1", dob="01/06/2005"):
    return {"CHILD": child, "DOB": dob, "IN_TOUCH": in_touch, "ACTIV": activ, "ACCOM": accom}


def oc3_131(child, **kw):
    return {"CHILD": child, "DOB": "01/01/2006", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1", **kw}


def test_1000_no_care_leaver_information_for_a_child_who_died_in_care():
    episodes = [ep("A", DEC="01/07/2024", REC="E2"), ep("B", DEC="01/07/2024", REC="E4A")]
    last_year = [ep("C", DECOM="01/06/2023", DEC="01/07/2023", REC="E2")]
    rows = [oc3("A"), oc3("B"), oc3("C")]
    assert flagged(R1000, "2024-25", {"Episodes": episodes, "OC3": rows}, previous={}) == {("OC3", 0, "A")}
    assert flagged(R1000, "2024-25", {"Episodes": episodes, "OC3": rows}, previous={"Episodes": last_year}) == {
        ("OC3", 0, "A"), ("OC3", 2, "C")}


def test_1001_care_leaver_information_only_for_relevant_children():
    # Everyone is 18 at the start of the year: 14th birthday 1 June 2020, 16th 1 June 2022.
    header = [hd(c) for c in "ABCDEFGH"] + [hd("J", dob="01/03/2005")]
    this_year = [
        ep("B", DECOM="01/04/2024", DEC="01/05/2024", REC="E4A"),                  # in care only at 17-18
        ep("D", DECOM="01/04/2024", DEC="01/05/2024", REC="E4A", LS="V3"),         # short breaks only
        ep("E", DECOM="01/04/2024", DEC="01/05/2024", REC="E11"),                  # adopted
        ep("F", DECOM="01/04/2024", DEC="01/06/2024", REC="E4A"),
        ep("G", DECOM="01/04/2024"),                                               # open to 31 March 2025
    ]
    last_year = [
        ep("A", DECOM="01/03/2022", DEC="02/06/2022", REC="E4A"),   # 93 days, one after the 16th birthday
        ep("C", DECOM="01/03/2022", DEC="01/06/2022", REC="E4A"),   # left on the 16th birthday
        ep("F", DECOM="01/01/2024", DEC="01/02/2024", REC="E4A"),   # F: 31 + 61 = 92 days in all
        ep("H", DECOM="01/03/2024", DEC="01/04/2024", REC="E4A"),   # 31 days
    ]
    rows = [oc3(c) for c in "ABCDEFGH"] + [oc3("J", dob="01/03/2005"), oc3("K")]
    # J turned 20 before 31 March 2025 and is not checked; K has no date of birth in Header.
    assert flagged(R1001, "2024-25", {"Header": header, "Episodes": this_year, "OC3": rows},
                   previous={"Episodes": last_year}) == {
        ("OC3", 1, "B"), ("OC3", 2, "C"), ("OC3", 3, "D"), ("OC3", 4, "E"), ("OC3", 7, "H")}


def test_1001_an_episode_in_both_years_counts_once():
    header = [hd("A")]
    open_last_year = ep("A", DECOM="01/03/2024")
    closed_this_year = ep("A", DECOM="01/03/2024", DEC="15/05/2024", REC="E4A")   # 75 days: too few
    assert flagged(R1001, "2024-25", {"Header": header, "Episodes": [closed_this_year], "OC3": [oc3("A")]},
                   previous={"Episodes": [open_last_year]}) == {("OC3", 0, "A")}


def test_1002_care_leavers_must_have_been_looked_after():
    rows = [oc3("A"), oc3("B"), oc3("C")]
    assert flagged(R1002, "2024-25", {"Episodes": [ep("A")], "OC3": rows},
                   previous={"Episodes": [ep("B", DECOM="01/06/2023")]}) == {("OC3", 2, "C")}


def test_1007_no_care_leaver_information_while_still_looked_after_on_the_birthday():
    # A, B, C and E turn 17 on 1 June 2024; D turned 19 on 1 June 2024.
    dob17, dob19 = "01/06/2007", "01/06/2005"
    rows = [oc3("A", dob17), oc3("B", dob17), oc3("C", dob17), oc3("D", dob19), oc3("E", dob17),
            oc3("F", dob17, IN_TOUCH="", ACTIV="", ACCOM="")]
    episodes = [
        ep("A", DECOM="01/04/2024"),                                   # still open on the birthday
        ep("B", DECOM="01/04/2024", DEC="02/06/2024", REC="E4A"),      # ceased the day after
        ep("C", DECOM="01/04/2024", DEC="01/06/2024", REC="E4A"),      # ceased on the birthday
        ep("D", DECOM="01/04/2024"),                                   # 19: not 17 or 18
        ep("E", DECOM="02/06/2024"),                                   # came into care after it
        ep("F", DECOM="01/04/2024"),                                   # no care leaver information
    ]
    assert flagged(R1007, "2024-25", {"Episodes": episodes, "OC3": rows}) == {("OC3", 0, "A"), ("OC3", 1, "B")}


def test_1010_an_open_episode_last_year_needs_episodes_this_year():
    rows = [oc3("A"), oc3("B"), oc3("C"), oc3("D")]
    last_year = [ep("A", DECOM="01/06/2023"),
                 ep("B", DECOM="01/06/2023", DEC="01/01/2024", REC="E4A"),
                 ep("C", DECOM="01/06/2023"),
                 ep("D", DECOM="01/06/2023"), ep("D", DECOM="01/09/2023", DEC="01/01/2024", REC="E4A")]
    # C has episodes this year; D's latest episode last year had ceased.
    assert flagged(R1010, "2024-25", {"Episodes": [ep("C")], "OC3": rows},
                   previous={"Episodes": last_year}) == {("OC3", 0, "A")}


def test_1011_no_care_leaver_information_after_care_moved_to_another_council():
    episodes = [ep("A", DEC="01/07/2024", REC="E3"),
                ep("B", DEC="01/07/2024", REC="E3"), ep("B", DECOM="01/08/2024", DEC="01/09/2024", REC="E4A"),
                ep("C", DEC="01/07/2024", REC="E3")]
    rows = [oc3("A"), oc3("B"), oc3("C", IN_TOUCH="", ACTIV="", ACCOM="")]
    assert flagged(R1011, "2024-25", {"Episodes": episodes, "OC3": rows}) == {("OC3", 0, "A")}


def test_1012_no_other_data_for_a_child_without_episodes():
    tables = {
        "Episodes": [ep("A")],
        "Reviews": [{"CHILD": "A", "DOB": "01/01/2010", "REVIEW": "01/07/2024", "REVIEW_CODE": "PN1"},
                    {"CHILD": "B", "DOB": "01/01/2010", "REVIEW": "01/07/2024", "REVIEW_CODE": "PN1"}],
        "Missing": [{"CHILD": "B", "DOB": "01/01/2010", "MISSING": "M", "MIS_START": "01/07/2024"}],
        "PrevPerm": [{"CHILD": "A", "DOB": "01/01/2010", "PREV_PERM": "Z1"},
                     {"CHILD": "C", "DOB": "01/01/2010", "PREV_PERM": "Z1"}],
        "OC3": [oc3("B")],
    }
    assert flagged(R1012, "2024-25", tables) == {("Reviews", 1, "B"), ("Missing", 0, "B"), ("PrevPerm", 1, "C")}


def test_1014_no_uasc_information_for_care_leavers():
    uasc = [{"CHILD": c, "SEX": "M", "DOB": "01/06/2006", "DUC": "01/06/2024"} for c in "ABCD"]
    rows = [oc3("A"), oc3("B"), oc3("C"), oc3("D", IN_TOUCH="", ACTIV="", ACCOM="")]
    episodes = [ep("B", DECOM="01/01/2024", DEC="01/04/2024", REC="E4A"),   # looked after on 1 April
                ep("C", DECOM="01/01/2024", DEC="31/03/2024", REC="E4A")]   # ceased before the year
    assert flagged(R1014, "2024-25", {"UASC": uasc, "OC3": rows, "Episodes": episodes}) == {
        ("UASC", 0, "A"), ("OC3", 0, "A"), ("UASC", 2, "C"), ("OC3", 2, "C")}


def test_1016_no_care_leaver_information_for_those_who_left_care_after_the_birthday():
    dob17, dob18, dob19 = "01/06/2007", "01/06/2006", "01/06/2005"
    rows = [oc3("A", dob17), oc3("B", dob17), oc3("C", dob18), oc3("D", dob19), oc3("E", dob18)]
    episodes = [ep("A", DECOM="01/04/2024", DEC="02/06/2024", REC="E4A"),   # left the day after turning 17
                ep("B", DECOM="01/04/2024", DEC="01/06/2024", REC="E4A"),   # left on the birthday
                ep("C", DECOM="01/04/2024", DEC="02/06/2024", REC="E4A"),   # left the day after turning 18
                ep("D", DECOM="01/04/2024", DEC="02/06/2024", REC="E4A"),   # 19
                ep("E", DECOM="01/04/2024", DEC="31/05/2024", REC="E4A")]   # left before turning 18
    assert flagged(R1016, "2024-25", {"Episodes": episodes, "OC3": rows}) == {("OC3", 0, "A"), ("OC3", 2, "C")}


def test_3001_not_with_former_foster_carers_around_the_17th_birthday():
    header = [hd("A", "01/04/2007"), hd("B", "31/03/2007"), hd("C", "31/03/2008"), hd("D", "01/06/2007")]
    rows = [oc3("A", ACCOM="Z1"), oc3("B", ACCOM="Z2"), oc3("C", ACCOM="Z1"), oc3("D", ACCOM="S2")]
    # A turned 17 on 1 April 2024, the first day; B the day before the year; C on its last day.
    assert flagged(R3001, "2024-25", {"Header": header, "OC3": rows}) == {("OC3", 0, "A"), ("OC3", 2, "C")}


def test_215_care_leaver_and_oc2_outcomes_not_both():
    oc2 = [{"CHILD": "A", "DOB": "01/06/2005", "CONVICTED": "0"}, {"CHILD": "B", "DOB": "01/06/2005"}]
    leavers = [oc3_215("A"), oc3_215("B"), oc3_215("C")]
    assert flagged(R215, Y, {"OC2": oc2, "OC3": leavers}) == {("OC3", 0, "A"), ("OC2", 0, "A")}


def test_344_died_or_returned_home_has_no_activity_or_accommodation():
    rows = [oc3_215("A", "DIED", "0", "0"), oc3_215("B", "RHOM", "F1", "0"), oc3_215("C", "DIED", "0", "Z1"),
            oc3_215("D", "NO", "F1", "Z1"), oc3_215("E", "DIED", "", "")]
    assert flagged(R344, Y, {"OC3": rows}) == {("OC3", 1, "B"), ("OC3", 2, "C")}


def test_345_in_touch_has_activity_and_accommodation():
    rows = [oc3_215("A"), oc3_215("B", activ="0"), oc3_215("C", accom="0"), oc3_215("D", "NO", "0", "0")]
    assert flagged(R345, Y, {"OC3": rows}) == {("OC3", 1, "B"), ("OC3", 2, "C")}


def test_347_no_foyer_under_18():
    rows = [oc3_215("A", accom="T1", dob="02/04/2006"), oc3_215("B", accom="T2", dob="01/04/2006"),
            oc3_215("C", accom="Z1", dob="02/04/2006")]
    # B turned 18 on 1 April 2024, the first day of the year.
    assert flagged(R347, Y, {"OC3": rows}) == {("OC3", 0, "A")}


def test_348_a_care_leaver_who_died_stays_recorded_as_died():
    before = [oc3_215("A", "DIED", "0", "0"), oc3_215("B", "DIED", "0", "0"), oc3_215("C")]
    now = [oc3_215("A"), oc3_215("B", "DIED", "0", "0"), oc3_215("C", "NO")]
    assert flagged(R348, "2025-26", {"OC3": now}, previous={"OC3": before}) == {("OC3", 0, "A")}


def test_391_care_leavers_are_17_to_21_in_the_year():
    rows = [oc3_215("A", dob="31/03/2008"), oc3_215("B", dob="01/04/2008"), oc3_215("C", dob="02/04/2002"),
            oc3_215("D", dob="01/04/2002"), oc3_215("E", "", "", "", dob="01/04/2010")]
    # A turns 17 on 31 March 2025; B only after. C turns 22 during the year; D was 22 on 1 April.
    assert flagged(R391, Y, {"OC3": rows}) == {("OC3", 1, "B"), ("OC3", 3, "D")}


def test_131_132_133_codes_must_be_given_and_valid():
    rows = [oc3_131("A"), oc3_131("B", IN_TOUCH="MAYBE", ACTIV="F3", ACCOM="B3"), oc3_131("C", IN_TOUCH="", ACTIV="", ACCOM=""),
            oc3_131("D", ACCOM="S1", ACTIV="0")]
    for rule in (R131, R132, R133):
        assert flagged(rule, Y, {"OC3": rows}) == {("OC3", 1, "B"), ("OC3", 2, "C")}


def test_153_all_three_items_or_none():
    rows = [oc3_131("A"), oc3_131("B", IN_TOUCH="", ACTIV="", ACCOM=""), oc3_131("C", ACCOM=""), oc3_131("D", IN_TOUCH="", ACTIV="")]
    assert flagged(R153, Y, {"OC3": rows}) == {("OC3", 2, "C"), ("OC3", 3, "D")}


def test_1002_sees_episodes_in_every_earlier_year_loaded():
    """A care leaver who left care three years ago has episodes only in an earlier year's 903 in the warehouse."""
    from clearsight.rules.engine import RunContext, create_period_macros, create_views, run_rules
    from clearsight.warehouse.testing import add_load, empty_warehouse, source_tables

    con = empty_warehouse()
    add_load(con, 1, "ssda903", "2021-22", {"Episodes": [ep("A", DECOM="01/06/2020", DEC="01/06/2021", REC="E8")]})
    add_load(con, 2, "ssda903", "2024-25", {"OC3": [oc3("A"), oc3("B")]})
    add_load(con, 3, "ssda903", "2025-26", {"Episodes": [ep("B", DECOM="01/06/2025")]})  # a later year: not previous
    add_load(con, 4, "ssda903", "2023-24", {"Episodes": [ep("C", DECOM="01/06/2023")]})  # last year
    specs = source_tables("ssda903", "2024-25").values()
    create_views(con, specs, 2)
    create_views(con, specs, 4, prefix="prev_")
    create_period_macros(con, "2024-25", None)
    result = run_rules(con, [R1002], RunContext("ssda903", "2024-25", 2, previous_load_id=4,
                                                providers_loaded=False, la=None, source_format="csv"))
    assert "1002" not in result.rules_not_run
    assert {(f.table, f.row, f.child) for f in result.findings} == {("OC3", 1, "B")}


def test_1001_counts_care_in_every_earlier_year_loaded():
    """A's care from 15 to 18 lies mostly in an earlier year's 903; last year's holds only its last 6 weeks.
    B has the same last 6 weeks and nothing earlier: not a relevant child."""
    from clearsight.rules.engine import RunContext, create_period_macros, create_views, run_rules
    from clearsight.warehouse.testing import add_load, empty_warehouse, source_tables

    dob = "01/05/2005"  # 18 on 1 May 2023, 19 at 31 March 2025
    long = ep("A", DECOM="01/06/2020", DEC="20/03/2023", REC="X1", RNE="S")
    last = {c: ep(c, DECOM="20/03/2023", DEC="01/05/2023", REC="E8", RNE="P" if c == "A" else "S") for c in "AB"}
    con = empty_warehouse()
    add_load(con, 1, "ssda903", "2022-23", {"Episodes": [long, {**last["A"], "DEC": "", "REC": ""}]})
    add_load(con, 4, "ssda903", "2023-24", {"Episodes": [last["A"], last["B"]]})
    add_load(con, 2, "ssda903", "2024-25", {"Header": [hd("A", dob), hd("B", dob)], "OC3": [oc3("A", dob), oc3("B", dob)]})
    specs = source_tables("ssda903", "2024-25").values()
    create_views(con, specs, 2)
    create_views(con, specs, 4, prefix="prev_")
    create_period_macros(con, "2024-25", None)
    result = run_rules(con, [R1001], RunContext("ssda903", "2024-25", 2, previous_load_id=4,
                                                providers_loaded=False, la=None, source_format="csv"))
    assert "1001" not in result.rules_not_run
    assert {(f.table, f.row, f.child) for f in result.findings} == {("OC3", 1, "B")}
