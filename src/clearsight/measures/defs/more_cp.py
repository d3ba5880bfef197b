"""Child protection: review and visit timeliness (CIN census reviews; the case-management extract's visits)."""

from clearsight.measures.definition import Measure

PEOPLE = ("team", "worker", "age_band", "sex", "ethnicity", "disability")

# One row per child on a child protection plan on the last day of a period (the latest plan if two are open).
_ON_PLAN = """
    SELECT p.period, p.end_day, c.child_id, c.start_date
    FROM periods p JOIN hist_cin_cp_plans c
      ON c.start_date <= p.end_day AND (c.end_date IS NULL OR c.end_date > p.end_day)
    QUALIFY row_number() OVER (PARTITION BY p.period, c.child_id ORDER BY c.start_date DESC) = 1
"""

# Each review conference with the plan it belongs to. A census links a review to its plan by row
# (``cp_plan_row``), so the link is made within each census, then kept once per plan (child, start date)
# and review date: a plan open across 31 March has reviews in two censuses.
_PLAN_REVIEWS = """
    SELECT DISTINCT c.child_id, c.start_date, r.review_date
    FROM current_cin_cp_reviews r
    JOIN current_cin_cp_plans c ON c.load_id = r.load_id AND c.row_no = r.cp_plan_row
    WHERE r.review_date IS NOT NULL AND c.start_date IS NOT NULL
"""

# The first day the CIN censuses loaded cover (1 April of the earliest year): a census holds the reviews of its
# year only, so the first review loaded of a plan that began earlier is not known to be its first.
_FIRST_DAY = "first_day_loaded('cin')"

CP08 = Measure(
    id="CP08", name="Child protection plans reviewed within timescales",
    definition="Of the children on a child protection plan on the last day of the period who had been on it for "
               "three months or more, the share whose reviews were all on time: the first review within three "
               "months of the plan starting (the initial conference), each later one within six months of the one "
               "before, and none overdue on the last day. A census holds its year's reviews only: for a plan that "
               "began before the censuses loaded, the first review loaded is not judged against the plan's start.",
    unit="proportion", higher_is_better=True,
    population="Children on a child protection plan on the last day, for 3 months or more",
    numerator="Children whose reviews were all within timescale", denominator="Children in the population",
    sql=f"""
        WITH on_plan AS (SELECT * FROM ({_ON_PLAN}) WHERE start_date <= end_day - INTERVAL 3 MONTH),
        plan_reviews AS ({_PLAN_REVIEWS}),
        held AS (
            SELECT o.period, o.child_id, r.review_date,
                   lag(r.review_date) OVER (PARTITION BY o.period, o.child_id ORDER BY r.review_date) AS prev_review
            FROM on_plan o JOIN plan_reviews r
              ON r.child_id = o.child_id AND r.start_date = o.start_date
             AND r.review_date >= o.start_date AND r.review_date <= o.end_day
        ),
        judged AS (
            SELECT o.period, o.child_id, o.end_day, o.start_date, max(h.review_date) AS last_review,
                   coalesce(bool_or(CASE WHEN h.prev_review IS NOT NULL
                                         THEN h.review_date > h.prev_review + INTERVAL 6 MONTH
                                         WHEN o.start_date >= {_FIRST_DAY}
                                         THEN h.review_date > o.start_date + INTERVAL 3 MONTH END), false) AS any_late
            FROM on_plan o LEFT JOIN held h ON h.period = o.period AND h.child_id = o.child_id
            GROUP BY o.period, o.child_id, o.end_day, o.start_date
        )
        SELECT period,
               CASE WHEN NOT any_late AND coalesce(last_review + INTERVAL 6 MONTH,
                                                   start_date + INTERVAL 3 MONTH) >= end_day THEN 1 ELSE 0 END AS num,
               1 AS den, child_id, end_day AS dim_day
        FROM judged""",
    dimensions=PEOPLE, england_note="no national figure published (a CIN census COLLECT report only)",
    needs=("cin",))

# The latest day, during the plan and up to the period's last day, on which the child was seen on a CP visit,
# and whether the child was seen alone on any visit that day (blank when no visit that day recorded it).
_LAST_CP_VISIT = f"""
    WITH seen AS (
        SELECT child_id, visit_date, max(seen_alone) AS seen_alone FROM hist_visits
        WHERE visit_type = 'CP' AND seen = '1' AND visit_date IS NOT NULL GROUP BY child_id, visit_date)
    SELECT o.*, CASE WHEN v.visit_date >= o.start_date THEN v.visit_date END AS visit_date,
           CASE WHEN v.visit_date >= o.start_date THEN v.seen_alone END AS seen_alone
    FROM ({_ON_PLAN}) o ASOF LEFT JOIN seen v ON v.child_id = o.child_id AND v.visit_date <= o.end_day
"""

CP09a = Measure(
    id="CP09a", name="Child protection visits within 10 working days",
    definition="Of the children on a child protection plan on the last day of the period who had been on it for "
               "more than 10 working days, the share seen on a child protection visit in the 10 working days up to "
               "that day. The standard used is a visit at least every 10 working days, a common local standard "
               "(Working Together sets none); visits where the child was not seen do not count.",
    unit="proportion", higher_is_better=True,
    population="Children on a child protection plan on the last day, for more than 10 working days",
    numerator="Children whose last visit (child seen) was within 10 working days",
    denominator="Children in the population",
    sql=f"""SELECT period, CASE WHEN working_days(visit_date, end_day) <= 10 THEN 1 ELSE 0 END AS num, 1 AS den,
                   child_id, end_day AS dim_day
            FROM ({_LAST_CP_VISIT}) x WHERE working_days(start_date, end_day) > 10""",
    dimensions=PEOPLE, england_note="no national collection (Annex A list 7; local standard)", needs=("cms",))

CP09b = Measure(
    id="CP09b", name="Child seen alone at the last child protection visit",
    definition="Of the children on a child protection plan on the last day of the period who had been seen on a "
               "child protection visit during the plan, the share seen alone at the latest such visit. Visits that "
               "record nothing about being seen alone (as for a baby) are left out.",
    unit="proportion", higher_is_better=True,
    population="Children on a plan on the last day whose latest visit (child seen) recorded seen alone or not",
    numerator="Children seen alone at that visit", denominator="Children in the population",
    sql=f"""SELECT period, CASE WHEN seen_alone = '1' THEN 1 ELSE 0 END AS num, 1 AS den, child_id, end_day AS dim_day
            FROM ({_LAST_CP_VISIT}) x WHERE seen_alone IS NOT NULL""",
    dimensions=PEOPLE, england_note="no national collection (Annex A list 7)", needs=("cms",))

MEASURES = [CP08, CP09a, CP09b]
