"""Spec tests for the child protection measures: enquiries, conferences and plans, and review and visit
timeliness."""

from clearsight.measures.defs.cp import CP01, CP02, CP03, CP04, CP05, CP06, CP07, CP08, CP09a, CP09b
from clearsight.measures.testing import nums, values

Y = "2024-25"



def s47(child, start, icpc=""):
    return {"LAchildID": child, "S47ActualStartDate": start, "DateOfInitialCPC": icpc, "referral_row": 0}



def plan(child, start, end="", previous=""):
    return {"LAchildID": child, "CPPstartDate": start, "CPPendDate": end, "NumberOfPreviousCPP": previous,
            "referral_row": 0}



def test_cp01_and_cp03_enquiries_and_their_conversion_to_conferences():
    loads = [("cin", Y, {"Section47": [s47("A", "2024-05-01", "2024-05-20"), s47("B", "2024-06-01"),
                                       s47("C", "2024-03-01", "2024-04-10")]})]
    assert nums(CP01, loads, [Y], population=10000) == {(Y, None): (2, None, 2.0)}
    assert nums(CP03, loads, [Y]) == {(Y, None): (1, 2, 0.5)}



def test_cp02_conference_within_15_working_days():
    # S47 starts Wed 2024-05-01; the early May bank holiday is Mon 6 May, so the 15th working day is Thu 23 May.
    loads = [("cin", Y, {"Section47": [s47("A", "2024-05-01", "2024-05-23"), s47("B", "2024-05-01", "2024-05-24"),
                                       s47("C", "2024-05-01")]})]
    assert nums(CP02, loads, [Y]) == {(Y, None): (1, 2, 0.5)}



def test_cp04_children_on_a_plan_on_the_last_day():
    loads = [("cin", Y, {"ChildProtectionPlans": [plan("A", "2024-06-01"), plan("A", "2025-01-01"),
                                                   plan("B", "2024-06-01", "2025-03-31"), plan("C", "2025-04-01")]})]
    # A counts once (two open plans would be a data error, but a child is counted once); B ended on the day.
    assert nums(CP04, loads, [Y], population=20000) == {(Y, None): (1, None, 0.5)}



def test_cp05_second_or_subsequent_plans():
    loads = [("cin", "2023-24", {"ChildProtectionPlans": [plan("A", "2023-05-01", "2023-11-01")]}),
             ("cin", Y, {"ChildProtectionPlans": [plan("A", "2024-06-01"), plan("B", "2024-06-01", previous="2"),
                                                  plan("C", "2024-06-01", previous="0")]})]
    assert nums(CP05, loads, [Y]) == {(Y, None): (2, 3, 0.6667)}


def test_cp05_trusts_the_census_count_of_previous_plans_so_its_first_year_is_complete():
    # Only one census loaded: D's earlier plans are known from NumberOfPreviousCPP alone; E's census says 0 though
    # no earlier plan is loaded either way. The census carries the history, so the year is complete.
    loads = [("cin", Y, {"ChildProtectionPlans": [plan("D", "2024-06-01", previous="1"),
                                                  plan("E", "2024-07-01", previous="0")]})]
    assert nums(CP05, loads, [Y]) == {(Y, None): (1, 2, 0.5)}
    (v,) = values(CP05, loads, [Y])
    assert v.history == "complete" and "NumberOfPreviousCPP" in v.history_note



def test_cp06_and_cp07_how_long_ended_plans_lasted():
    loads = [("cin", Y, {"ChildProtectionPlans": [
        plan("A", "2022-06-01", "2024-06-01"),  # exactly 2 years
        plan("B", "2022-06-02", "2024-06-01"),  # a day short of 2 years
        plan("C", "2024-05-01", "2024-08-01"),  # exactly 3 months
        plan("D", "2024-05-01", "2024-08-02"),  # 3 months and a day
        plan("E", "2024-05-01"),  # still open
    ]})]
    assert nums(CP06, loads, [Y]) == {(Y, None): (1, 4, 0.25)}
    assert nums(CP07, loads, [Y]) == {(Y, None): (1, 4, 0.25)}



def review(child, date, plan_row):
    return {"LAchildID": child, "CPPreviewDate": date, "cp_plan_row": plan_row}



def test_cp08_first_review_in_3_months_then_every_6():
    plans = [plan("A", "2024-06-03"),                # 0: reviews 2 Sep (due 3 Sep) and 28 Feb (due 2 Mar): on time
             plan("B", "2024-06-03"),                # 1: first review 4 Sep, a day late
             plan("C", "2024-06-03"),                # 2: 1 Sep, then 3 Mar, two days after 1 Mar
             plan("D", "2024-12-31"),                # 3: exactly 3 months; first review due today: not yet late
             plan("E", "2024-12-30"),                # 4: first review was due yesterday and not held
             plan("F", "2025-01-02"),                # 5: under 3 months: not counted
             plan("G", "2024-01-02", "2025-02-01"),  # 6: plan ended: not counted
             plan("H", "2023-10-02")]                # 7: reviews in two censuses, all on time
    reviews = [review("A", "2024-09-02", 0), review("A", "2025-02-28", 0), review("B", "2024-09-04", 1),
               review("C", "2024-09-01", 2), review("C", "2025-03-03", 2),
               review("H", "2024-06-10", 7), review("H", "2024-12-09", 7)]
    # I's plan began before the censuses loaded (from April 2023): its first review there, 5 June 2023, may not
    # be its first, so it is not judged against the start; the later ones are 6 months apart.
    plans.append(plan("I", "2023-01-09"))
    reviews += [review("I", "2024-06-03", 8), review("I", "2024-12-02", 8)]
    earlier = [plan("H", "2023-10-02"), plan("I", "2023-01-09")]
    earlier_reviews = [review("H", "2023-12-20", 0), review("I", "2023-06-05", 1), review("I", "2023-12-04", 1)]
    loads = [("cin", "2023-24", {"ChildProtectionPlans": earlier, "Reviews": earlier_reviews}),
             ("cin", Y, {"ChildProtectionPlans": plans, "Reviews": reviews})]
    # In: A, B, C, D, E, H, I. On time: A, D (the edge), H (20 Dec, 10 Jun within 6 months of it, 9 Dec) and I.
    assert nums(CP08, loads, [Y]) == {(Y, None): (4, 7, 0.5714)}



def visit(child, date, seen="1", alone="1", kind="CP"):
    return {"visit_id": f"{child}{date}", "child_id": child, "worker_id": "W1", "visit_date": date,
            "visit_type": kind, "seen": seen, "seen_alone": alone}



def test_cp09_visits_every_10_working_days_and_seen_alone():
    plans = [plan("A", "2024-06-03"), plan("B", "2024-06-03"), plan("C", "2024-06-03"), plan("D", "2024-06-03"),
             plan("E", "2025-03-24")]
    visits = [visit("A", "2025-03-03"), visit("A", "2025-03-17", alone="0"),  # 10 working days before 31 March
              visit("B", "2025-03-14"),                                       # 11 working days: late
              visit("C", "2025-03-20"), visit("C", "2025-03-27", seen="0", alone=""),  # not seen: does not count
              visit("D", "2025-03-25", alone=""),                             # a baby: seen, alone not recorded
              visit("D", "2025-03-26", kind="CIN")]                           # not a CP visit
    loads = [("cin", Y, {"ChildProtectionPlans": plans}), ("cms", Y, {"visits": visits})]
    # E has been on a plan 5 working days: not yet due a visit. A (the edge), C and D were seen in time.
    assert nums(CP09a, loads, [Y]) == {(Y, None): (3, 4, 0.75)}
    # Seen alone at the latest visit the child was seen: B and C yes, A no; D's says nothing; E has no visit.
    assert nums(CP09b, loads, [Y]) == {(Y, None): (2, 3, 0.6667)}
