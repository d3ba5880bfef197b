"""Spec tests for child protection review and visit timeliness (CP08, CP09a, CP09b)."""

from clearsight.measures.defs.more_cp import CP08, CP09a, CP09b
from clearsight.measures.testing import nums

Y = "2024-25"  # the last day is Monday 31 March 2025


def plan(child, start, end=""):
    return {"LAchildID": child, "CPPstartDate": start, "CPPendDate": end, "referral_row": 0}


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
