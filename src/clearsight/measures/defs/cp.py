"""Child protection: enquiries, conferences and plans (CIN census)."""

from clearsight.measures.definition import Measure

PEOPLE = ("team", "worker", "age_band", "sex", "ethnicity", "disability")

CP01 = Measure(
    id="CP01", name="Section 47 enquiries",
    definition="The number of section 47 enquiries started in the period, per 10,000 children aged 0-17.",
    unit="rate_per_10000", higher_is_better=None, population="Children aged 0-17",
    numerator="Section 47 enquiries started", denominator="0-17 population",
    sql="""SELECT p.period, 1 AS num, NULL AS den, s.child_id, s.start_date AS dim_day
           FROM periods p JOIN hist_cin_section47 s ON s.start_date BETWEEN p.start_day AND p.end_day""",
    dimensions=PEOPLE, england=None, england_note="230,590 enquiries (195,250 children) in 2024-25", needs=("cin",))

CP02 = Measure(
    id="CP02", name="Initial conferences within 15 working days of the section 47 enquiry starting",
    definition="Of the initial child protection conferences held in the period that followed a section 47 "
               "enquiry, the share held within 15 working days of the enquiry starting.",
    unit="proportion", higher_is_better=True, population="Initial conferences held in the period",
    numerator="Conferences within 15 working days of the S47 start", denominator="Conferences held in the period",
    sql="""SELECT p.period,
                  CASE WHEN working_days(s.start_date, s.date_of_initial_cpc) <= 15 THEN 1 ELSE 0 END AS num,
                  1 AS den, s.child_id, s.date_of_initial_cpc AS dim_day
           FROM periods p JOIN hist_cin_section47 s
             ON s.date_of_initial_cpc BETWEEN p.start_day AND p.end_day AND s.start_date IS NOT NULL""",
    dimensions=PEOPLE, england=0.814, england_period="2024-25", england_note="derived: 58,670 of 72,090",
    needs=("cin",))

CP03 = Measure(
    id="CP03", name="Section 47 enquiries leading to an initial conference",
    definition="Of the section 47 enquiries started in the period, the share that led to an initial child "
               "protection conference.",
    unit="proportion", higher_is_better=None, population="Section 47 enquiries started in the period",
    numerator="Enquiries with an initial conference date", denominator="Enquiries started",
    sql="""SELECT p.period, CASE WHEN s.date_of_initial_cpc IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den,
                  s.child_id, s.start_date AS dim_day
           FROM periods p JOIN hist_cin_section47 s ON s.start_date BETWEEN p.start_day AND p.end_day""",
    dimensions=PEOPLE, england=0.313, england_period="2024-25", england_note="derived: 72,100 / 230,590",
    needs=("cin",))

CP04 = Measure(
    id="CP04", name="Children on a child protection plan at the end of the period",
    definition="The number of children on a child protection plan on the last day of the period, per 10,000 "
               "children aged 0-17.",
    unit="rate_per_10000", higher_is_better=None, population="Children aged 0-17",
    numerator="Children on a plan on the last day", denominator="0-17 population",
    sql="""SELECT DISTINCT p.period, 1 AS num, NULL AS den, c.child_id, p.end_day AS dim_day
           FROM periods p JOIN hist_cin_cp_plans c
             ON c.start_date <= p.end_day AND (c.end_date IS NULL OR c.end_date > p.end_day)""",
    dimensions=PEOPLE, england=None, england_note="49,420 children at 31 March 2025", needs=("cin",))

CP05 = Measure(
    id="CP05", name="Child protection plans for a second or subsequent time",
    definition="Of the child protection plans started in the period, the share for a child who had been on a "
               "plan before.",
    unit="proportion", higher_is_better=False, population="Child protection plans started in the period",
    numerator="Plans for a child with an earlier plan", denominator="Plans started",
    sql="""SELECT p.period,
                  CASE WHEN coalesce(c.number_of_previous_cpp, 0) > 0 OR EXISTS (
                      SELECT 1 FROM hist_cin_cp_plans e WHERE e.child_id = c.child_id AND e.start_date < c.start_date)
                  THEN 1 ELSE 0 END AS num, 1 AS den, c.child_id, c.start_date AS dim_day
           FROM periods p JOIN hist_cin_cp_plans c ON c.start_date BETWEEN p.start_day AND p.end_day""",
    dimensions=PEOPLE, england=None, needs=("cin",))

CP06 = Measure(
    id="CP06", name="Child protection plans ending that lasted 2 years or more",
    definition="Of the child protection plans that ended in the period, the share that had lasted two years or more.",
    unit="proportion", higher_is_better=False, population="Child protection plans ended in the period",
    numerator="Plans ended after 2 years or more", denominator="Plans ended",
    sql="""SELECT p.period, CASE WHEN c.end_date >= c.start_date + INTERVAL 2 YEAR THEN 1 ELSE 0 END AS num,
                  1 AS den, c.child_id, c.end_date AS dim_day
           FROM periods p JOIN hist_cin_cp_plans c ON c.end_date BETWEEN p.start_day AND p.end_day""",
    dimensions=PEOPLE, england=0.044, england_period="2024-25", england_note="2,710 of 62,300", needs=("cin",))

CP07 = Measure(
    id="CP07", name="Child protection plans ending within 3 months",
    definition="Of the child protection plans that ended in the period, the share that had lasted three months or less.",
    unit="proportion", higher_is_better=None, population="Child protection plans ended in the period",
    numerator="Plans ended within 3 months", denominator="Plans ended",
    sql="""SELECT p.period, CASE WHEN c.end_date <= c.start_date + INTERVAL 3 MONTH THEN 1 ELSE 0 END AS num,
                  1 AS den, c.child_id, c.end_date AS dim_day
           FROM periods p JOIN hist_cin_cp_plans c ON c.end_date BETWEEN p.start_day AND p.end_day""",
    dimensions=PEOPLE, england=0.159, england_period="2024-25", needs=("cin",))

MEASURES = [CP01, CP02, CP03, CP04, CP05, CP06, CP07]
