"""Child protection: enquiries, conferences, plans, and their review and visit timeliness (CIN census; the
case-management extract's visits)."""

from clearsight.measures.definition import Lookback, Measure
from clearsight.measures.defs.sql import (
    FIRST_CIN_DAY,
    PEOPLE,
    children_open_at_end,
    count_in_period,
    in_period,
    open_on,
    share,
)

CP01 = Measure(
    id="CP01", name="Section 47 enquiries",
    definition="The number of section 47 enquiries started in the period, per 10,000 children aged 0-17.",
    unit="rate_per_10000", higher_is_better=None, population="Children aged 0-17",
    numerator="Section 47 enquiries started", denominator="0-17 population",
    sql=count_in_period("hist_cin_section47", "s", "start_date"),
    dimensions=PEOPLE, needs=("cin",))

CP02 = Measure(
    id="CP02", name="Initial conferences within 15 working days of the section 47 enquiry starting",
    definition="Of the initial child protection conferences held in the period that followed a section 47 "
               "enquiry, the share held within 15 working days of the enquiry starting.",
    unit="proportion", higher_is_better=True, population="Initial conferences held in the period",
    numerator="Conferences within 15 working days of the S47 start", denominator="Conferences held in the period",
    sql=f"""SELECT p.period,
                  CASE WHEN working_days(s.start_date, s.date_of_initial_cpc) <= 15 THEN 1 ELSE 0 END AS num,
                  1 AS den, s.child_id, s.date_of_initial_cpc AS dim_day
           FROM {in_period("hist_cin_section47", "s", "date_of_initial_cpc")} AND s.start_date IS NOT NULL""",
    dimensions=PEOPLE, needs=("cin",))

CP03 = Measure(
    id="CP03", name="Section 47 enquiries leading to an initial conference",
    definition="Of the section 47 enquiries started in the period, the share that led to an initial child "
               "protection conference.",
    unit="proportion", higher_is_better=None, population="Section 47 enquiries started in the period",
    numerator="Enquiries with an initial conference date", denominator="Enquiries started",
    sql=f"""SELECT p.period, CASE WHEN s.date_of_initial_cpc IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den,
                  s.child_id, s.start_date AS dim_day
           FROM {in_period("hist_cin_section47", "s", "start_date")}""",
    dimensions=PEOPLE, needs=("cin",))

CP04 = Measure(
    id="CP04", name="Children on a child protection plan at the end of the period",
    definition="The number of children on a child protection plan on the last day of the period, per 10,000 "
               "children aged 0-17.",
    unit="rate_per_10000", higher_is_better=None, population="Children aged 0-17",
    numerator="Children on a plan on the last day", denominator="0-17 population",
    sql=children_open_at_end("hist_cin_cp_plans", "c", "start_date", "end_date"),
    dimensions=PEOPLE, needs=("cin",))

CP05 = Measure(
    id="CP05", name="Child protection plans for a second or subsequent time",
    lookback=Lookback(None, "repeat plans count every earlier plan of the child", carried="the CIN census (NumberOfPreviousCPP)"),
    definition="Of the child protection plans started in the period, the share for a child who had been on a "
               "plan before: as the census says (NumberOfPreviousCPP, a field every CIN census since 2017 requires), "
               "or, where a plan lacks it, as the censuses loaded show.",
    unit="proportion", higher_is_better=False, population="Child protection plans started in the period",
    numerator="Plans for a child with an earlier plan", denominator="Plans started",
    sql=f"""SELECT p.period,
                  CASE WHEN c.number_of_previous_cpp IS NOT NULL THEN c.number_of_previous_cpp > 0
                       ELSE EXISTS (SELECT 1 FROM hist_cin_cp_plans e
                                    WHERE e.child_id = c.child_id AND e.start_date < c.start_date)
                  END::INTEGER AS num, 1 AS den, c.child_id, c.start_date AS dim_day
           FROM {in_period("hist_cin_cp_plans", "c", "start_date")}""",
    dimensions=PEOPLE, needs=("cin",))


def _plans_ended(condition: str) -> str:
    """The rows of a share of the plans that ended in the period: those passing ``condition`` (SQL on ``c``)."""
    return f"""SELECT p.period, CASE WHEN {condition} THEN 1 ELSE 0 END AS num,
                  1 AS den, c.child_id, c.end_date AS dim_day
           FROM {in_period("hist_cin_cp_plans", "c", "end_date")}"""


CP06 = Measure(
    id="CP06", name="Child protection plans ending that lasted 2 years or more",
    definition="Of the child protection plans that ended in the period, the share that had lasted two years or more.",
    unit="proportion", higher_is_better=False, population="Child protection plans ended in the period",
    numerator="Plans ended after 2 years or more", denominator="Plans ended",
    sql=_plans_ended("c.end_date >= c.start_date + INTERVAL 2 YEAR"),
    dimensions=PEOPLE, needs=("cin",))

CP07 = Measure(
    id="CP07", name="Child protection plans ending within 3 months",
    definition="Of the child protection plans that ended in the period, the share that had lasted three months or less.",
    unit="proportion", higher_is_better=None, population="Child protection plans ended in the period",
    numerator="Plans ended within 3 months", denominator="Plans ended",
    sql=_plans_ended("c.end_date <= c.start_date + INTERVAL 3 MONTH"),
    dimensions=PEOPLE, needs=("cin",))

# One row per child on a child protection plan on the last day of a period (the latest plan if two are open).
_ON_PLAN = f"""
    SELECT p.period, p.end_day, c.child_id, c.start_date
    FROM periods p JOIN hist_cin_cp_plans c
      ON {open_on("c", "start_date", "end_date", "p.end_day")}
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

# A census holds the reviews of its year only, so the first review loaded of a plan that began before the first
# census loaded (FIRST_CIN_DAY) is not known to be its first.
CP08 = Measure(
    id="CP08", name="Child protection plans reviewed within timescales",
    lookback=Lookback("6 MONTH", "reviews are judged against the review before, up to 6 months earlier"),
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
                                         WHEN o.start_date >= {FIRST_CIN_DAY}
                                         THEN h.review_date > o.start_date + INTERVAL 3 MONTH END), false) AS any_late
            FROM on_plan o LEFT JOIN held h ON h.period = o.period AND h.child_id = o.child_id
            GROUP BY o.period, o.child_id, o.end_day, o.start_date
        )
        SELECT period,
               CASE WHEN NOT any_late AND coalesce(last_review + INTERVAL 6 MONTH,
                                                   start_date + INTERVAL 3 MONTH) >= end_day THEN 1 ELSE 0 END AS num,
               1 AS den, child_id, end_day AS dim_day
        FROM judged""",
    dimensions=PEOPLE, needs=("cin",))

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
    lookback=Lookback("14 DAY", "visits are looked for in the 10 working days to the last day", anchor="end"),
    definition="Of the children on a child protection plan on the last day of the period who had been on it for "
               "more than 10 working days, the share seen on a child protection visit in the 10 working days up to "
               "that day. The standard used is a visit at least every 10 working days, a common local standard "
               "(Working Together sets none); visits where the child was not seen do not count.",
    unit="proportion", higher_is_better=True,
    population="Children on a child protection plan on the last day, for more than 10 working days",
    numerator="Children whose last visit (child seen) was within 10 working days",
    denominator="Children in the population",
    sql=share("working_days(visit_date, end_day) <= 10", _LAST_CP_VISIT, "working_days(start_date, end_day) > 10",
              dims="child_id, end_day AS dim_day"),
    dimensions=PEOPLE, needs=("cms",))

CP09b = Measure(
    id="CP09b", name="Child seen alone at the last child protection visit",
    lookback=Lookback("14 DAY", "the latest visit is normally in the 10 working days to the last day", anchor="end"),
    definition="Of the children on a child protection plan on the last day of the period who had been seen on a "
               "child protection visit during the plan, the share seen alone at the latest such visit. Visits that "
               "record nothing about being seen alone (as for a baby) are left out.",
    unit="proportion", higher_is_better=True,
    population="Children on a plan on the last day whose latest visit (child seen) recorded seen alone or not",
    numerator="Children seen alone at that visit", denominator="Children in the population",
    sql=share("seen_alone = '1'", _LAST_CP_VISIT, "seen_alone IS NOT NULL", dims="child_id, end_day AS dim_day"),
    dimensions=PEOPLE, needs=("cms",))

MEASURES = [CP01, CP02, CP03, CP04, CP05, CP06, CP07, CP08, CP09a, CP09b]
