"""Spec tests for the looked-after children measures."""

from clearsight.measures.defs.cla import (
    CLA01,
    CLA02,
    CLA03,
    CLA04,
    CLA05,
    CLA06,
    CLA14,
    CLA16,
    CLA17,
    CLA18,
    CLA19,
    CLA15a,
    CLA15b,
)
from clearsight.measures.engine import compute, prepare
from clearsight.measures.periods import parse_period
from clearsight.measures.testing import build, nums

Y = "2024-25"  # the last day is Monday 31 March 2025



def ep(child, decom, rne="S", dec="", rec="", ls="C2", place="U1", **kw):
    if dec and not rec:
        rec = "X1"
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place, "DEC": dec,
            "REC": rec, **kw}



def test_cla01_children_looked_after_on_the_last_day_per_10000():
    episodes = [ep("A", "01/01/2025"),  # open on 31 March
                ep("B", "01/01/2025", dec="31/03/2025", rec="E13"),  # left on the day: not counted
                ep("C", "01/04/2025")]  # started after
    loads = [("ssda903", "2024-25", {"Episodes": episodes})]
    assert nums(CLA01, loads, ["2024-25"], population=20000) == {("2024-25", None): (1, None, 0.5)}



def test_cla01_by_legal_status():
    episodes = [ep("A", "01/01/2025", ls="C2"), ep("B", "01/01/2025", ls="V2"), ep("C", "01/02/2025", ls="C2")]
    got = nums(CLA01, [("ssda903", "2024-25", {"Episodes": episodes})], ["2024-25"], by="legal_status", population=10000)
    assert got == {("2024-25", "C2"): (2, None, 2.0), ("2024-25", "V2"): (1, None, 1.0)}



def test_cla03_three_or_more_placements_in_the_twelve_months():
    episodes = [
        # A: a placement open at the start of the year, then two moves (P): 3 placements.
        ep("A", "01/01/2024", dec="01/06/2024", rec="X1"), ep("A", "01/06/2024", rne="P", dec="01/09/2024", rec="X1"),
        ep("A", "01/09/2024", rne="P"),
        # B: three episodes, but the middle one is a legal status change only (L): 2 placements.
        ep("B", "01/05/2024", dec="01/06/2024", rec="X1"), ep("B", "01/06/2024", rne="L", dec="01/07/2024", rec="X1"),
        ep("B", "01/07/2024", rne="P"),
        # C: one placement.
        ep("C", "01/05/2024"),
    ]
    loads = [("ssda903", "2024-25", {"Episodes": episodes})]
    assert nums(CLA03, loads, ["2024-25"]) == {("2024-25", None): (1, 3, 0.3333)}



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
