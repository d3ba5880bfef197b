"""Spec tests for the remaining looked-after and care leaver measures (CLA04, CLA06, CLA15a, CLA15b, CLA16,
CLA17, CL06)."""

from clearsight.measures.defs.more_cla import CL06, CLA04, CLA06, CLA16, CLA17, CLA15a, CLA15b
from clearsight.measures.engine import compute, prepare
from clearsight.measures.periods import parse_period
from clearsight.measures.testing import build, nums

Y = "2024-25"  # the last day is Monday 31 March 2025


def ep(child, decom, rne="S", dec="", rec="", ls="C2", place="U1", **kw):
    if dec and not rec:
        rec = "X1"
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place, "DEC": dec,
            "REC": rec, **kw}


def test_cla04_three_placements_in_two_years():
    last_year = [ep("A", "10/01/2022", dec="01/06/2023"), ep("A", "01/06/2023", "P", dec="01/01/2024"),
                 ep("A", "01/01/2024", "P"),
                 ep("B", "04/01/2021", dec="31/03/2023"), ep("B", "31/03/2023", "P"),
                 ep("D", "01/06/2022", dec="01/09/2023"), ep("D", "01/09/2023", "L", ls="C1"),
                 ep("E", "31/03/2023")]
    this_year = [ep("A", "01/01/2024", "P"),                                          # A: 3 placements
                 ep("B", "31/03/2023", "P", dec="01/05/2024"), ep("B", "01/05/2024", "P"),
                 ep("C", "01/06/2023"),                                               # under 2 years in care
                 ep("D", "01/09/2023", "L", ls="C1", dec="01/02/2024"), ep("D", "01/02/2024", "L", ls="E1"),
                 ep("E", "31/03/2023", dec="01/01/2024"), ep("E", "01/01/2024", "P")]
    loads = [("ssda903", "2023-24", {"Episodes": last_year}), ("ssda903", Y, {"Episodes": this_year})]
    # The two years run from 31 March 2023. B's first placement ended that day, so B had 2 placements in the
    # two years; D's later episodes change the legal status only (1 placement); E came into care exactly two
    # years before (in the population, 2 placements). Only A had 3.
    assert nums(CLA04, loads, [Y]) == {(Y, None): (1, 4, 0.25)}


def test_cla06_new_placements_far_away_and_outside_the_area():
    kent, medway = "E10000016", "E06000035"
    postcodes = [{"postcode": "ME141AA", "la_code": kent, "easting": 575000.0, "northing": 155000.0},
                 {"postcode": "CT11AA", "la_code": kent, "easting": 615000.0, "northing": 157000.0},   # 24.9 miles
                 {"postcode": "ME11AA", "la_code": medway, "easting": 575000.0, "northing": 168000.0},  # 8.1 miles
                 {"postcode": "ME11AB", "la_code": medway, "easting": 575000.0, "northing": 187200.0},  # 20.0 miles
                 {"postcode": "ME11AC", "la_code": medway, "easting": 575000.0, "northing": 187300.0},  # 20.1 miles
                 {"postcode": "SW1A1AA", "la_code": "E09000033", "easting": 529000.0, "northing": 179000.0}]
    home = {"HOME_POST": "ME14 1AA"}
    episodes = [ep("A", "01/06/2024", PL_POST="CT1 1AA", **home),     # far, but inside Kent
                ep("B", "01/06/2024", PL_POST="ME1 1AA", **home),     # outside, but near
                ep("C", "01/06/2024", PL_POST="ME1 1AB", **home),     # outside, 20.0 miles: not more than 20
                ep("D", "01/06/2024", PL_POST="ME1 1AC", **home),     # outside, 20.1 miles
                ep("E", "01/06/2024", PL_POST="SW1A 1AA", **home),    # London, 32 miles
                ep("F", "01/06/2024", PL_POST="", **home),            # postcode not known: counted as not far
                ep("G", "01/06/2024", "L", PL_POST="SW1A 1AA", **home),  # legal status change: not a new placement
                ep("H", "01/06/2023", PL_POST="SW1A 1AA", **home)]    # started last year
    con = build([("ssda903", Y, {"Episodes": episodes})])
    con.execute("CREATE TEMP TABLE postcodes AS SELECT * FROM (VALUES " + ", ".join(
        f"('{p['postcode']}', '{p['la_code']}', {p['easting']}, {p['northing']})" for p in postcodes)
        + ") t(postcode, la_code, easting, northing)")  # a stand-in for the national lookup
    prepare(con, [parse_period(Y)], [CLA06])
    # Without the council's code the measure has no value; with it, D and E of the 6 new placements.
    [v] = compute(con, CLA06)
    assert (v.numerator, v.denominator, v.value) == (0, 0, None)
    con.execute("INSERT INTO council_settings VALUES ('la_code', ?)", [kent])
    [v] = compute(con, CLA06)
    assert (v.numerator, v.denominator, round(v.value, 4)) == (2, 6, 0.3333)


def test_cla15_return_home_interviews_offered_and_accepted():
    missing = [{"CHILD": c, "MISSING": kind, "MIS_START": s, "MIS_END": e} for c, kind, s, e in [
        ("A", "M", "01/06/2024", "03/06/2024"), ("B", "M", "01/07/2024", "02/07/2024"),
        ("C", "M", "01/08/2024", "02/08/2024"),
        ("D", "A", "01/08/2024", "02/08/2024"),   # away without permission: not counted
        ("E", "M", "30/03/2025", ""),             # still missing on the last day: not counted
        ("F", "M", "30/03/2024", "01/04/2024")]]  # went missing last year, came back this year: counted
    rhi = [{"child_id": c, "missing_start": s, "offered_date": o, "accepted": a} for c, s, o, a in [
        ("A", "2024-06-01", "2024-06-04", "1"), ("B", "2024-07-01", "2024-07-03", "0"),
        ("F", "2024-03-30", "2024-04-02", "1")]]
    loads = [("ssda903", Y, {"Missing": missing}), ("cms", Y, {"return_interviews": rhi})]
    assert nums(CLA15a, loads, [Y]) == {(Y, None): (3, 4, 0.75)}   # A, B, F offered; C not
    assert nums(CLA15b, loads, [Y]) == {(Y, None): (2, 4, 0.5)}    # A and F accepted


def rv(child, date):
    return {"CHILD": child, "DOB": "01/01/2012", "REVIEW": date, "REVIEW_CODE": "PN1"}


def test_cla16_reviews_at_20_working_days_3_months_then_6():
    # 20 working days after Monday 3 June 2024 is Monday 1 July.
    episodes = [ep(c, "03/06/2024") for c in "ABCG"] + [
        ep("D", "10/03/2025"), ep("E", "06/01/2020"), ep("F", "03/06/2024", ls="V3")]
    reviews = [rv("A", "01/07/2024"), rv("A", "01/10/2024"), rv("A", "31/03/2025"),  # each on the last day allowed
               rv("B", "02/07/2024"), rv("B", "03/10/2024"),   # a day late, then 3 months and 2 days
               rv("E", "01/09/2024"),                          # came into care before the 903s loaded: not judged
               rv("E", "03/03/2025"),                          # 6 months and 2 days after E's review before
               rv("F", "15/07/2024"),                          # short breaks: left out
               rv("G", "20/06/2024")]                          # on time, but the second was due 20 September
    loads = [("ssda903", Y, {"Episodes": episodes, "Reviews": reviews})]
    # Held and judged: A 3 on time; B 2 late; E 1 late; G 1 on time. Overdue on 31 March: C (no review in
    # 10 months) and G. D has been in care 15 working days: its first review is not yet due.
    assert nums(CLA16, loads, [Y]) == {(Y, None): (4, 9, 0.4444)}


def visit(child, date, seen="1"):
    return {"visit_id": f"{child}{date}", "child_id": child, "worker_id": "W1", "visit_date": date,
            "visit_type": "CLA", "seen": seen, "seen_alone": ""}


def test_cla17_visits_within_a_week_then_6_weeks_then_3_months():
    episodes = [ep("A", "02/09/2024"), ep("B", "02/09/2024"), ep("C", "06/01/2020"), ep("D", "26/03/2025"),
                ep("E", "20/03/2025"), ep("F", "02/09/2024"), ep("G", "02/09/2024", ls="V3"),
                ep("H", "02/09/2024", place="A5", ls="E1"),
                ep("I", "02/01/2024", dec="06/01/2025"), ep("I", "06/01/2025", "P")]
    visits = [visit("A", "2025-02-17"),   # 6 weeks before 31 March: on time
              visit("B", "2025-02-16"),   # 6 weeks and a day
              visit("C", "2025-01-01"),   # placement over a year old: 3 months allowed, to 1 April
              visit("F", "2025-03-20", seen="0"),   # child not seen: does not count
              visit("I", "2024-12-20")]   # before I's new placement began 6 January
    loads = [("ssda903", Y, {"Episodes": episodes}), ("cms", Y, {"visits": visits})]
    # D's placement began 5 days ago (a week allowed); E's 11 days ago with no visit. G (short breaks) and
    # H (placed for adoption) are left out. On time: A, C, D of A, B, C, D, E, F, I.
    assert nums(CLA17, loads, [Y]) == {(Y, None): (3, 7, 0.4286)}


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
