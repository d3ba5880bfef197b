"""Children looked after and care leavers: stability over two years, distance of new placements, reviews,
visits, return home interviews and pathway plans (SSDA903 and the case-management extract)."""

from clearsight.measures.definition import Measure
from clearsight.measures.defs.cla import _AT_END
from clearsight.measures.history import age_sql

PEOPLE = ("team", "worker", "age_band", "sex", "ethnicity", "disability")
CLA_DIMS = (*PEOPLE, "legal_status", "placement_type")

# Episodes that start a placement with new carers or a new placement: every reason for a new episode but a
# change of legal status only (L).
_PLACEMENT_STARTS = "('S', 'P', 'B', 'T', 'U')"

# The start of the period of care: the latest episode starting one (RNE S) on or before ``day``.
_CARE_START = """(SELECT max(e.decom) FROM hist_cla_episodes e
                  WHERE e.child_id = {child} AND e.rne = 'S' AND e.decom <= {day})"""

CLA04 = Measure(
    id="CLA04", name="Children looked after for 2 years with 3 or more placements in those 2 years",
    definition="Of the children looked after on the last day of the period who had been looked after for two "
               "years or more, the share who had three or more placements during the two years to that day "
               "(counted as for CLA03): looked after two years before that day with no new period of care since. Needs "
               "the 903s of the two years before the period.",
    unit="proportion", higher_is_better=False,
    population="Children looked after on the last day, in care for 2 years or more",
    numerator="Children with 3 or more placements in the 2 years", denominator="Children in the population",
    sql=f"""
        SELECT c.period, CASE WHEN (
                   SELECT count(*) FROM hist_cla_episodes e
                   WHERE e.child_id = c.child_id AND e.decom <= c.dim_day
                     AND (e.dec IS NULL OR e.dec > c.dim_day - INTERVAL 2 YEAR)
                     AND (e.rne IN {_PLACEMENT_STARTS} OR e.decom <= c.dim_day - INTERVAL 2 YEAR)) >= 3
               THEN 1 ELSE 0 END AS num,
               1 AS den, c.child_id, c.dim_day, c.legal_status, c.placement_type
        FROM ({_AT_END}) c
        WHERE EXISTS (SELECT 1 FROM hist_cla_episodes e WHERE e.child_id = c.child_id
                        AND e.decom <= c.dim_day - INTERVAL 2 YEAR
                        AND (e.dec IS NULL OR e.dec > c.dim_day - INTERVAL 2 YEAR))
          AND NOT EXISTS (SELECT 1 FROM hist_cla_episodes e WHERE e.child_id = c.child_id AND e.rne = 'S'
                            AND e.decom > c.dim_day - INTERVAL 2 YEAR AND e.decom <= c.dim_day)""",
    dimensions=CLA_DIMS, england=0.23, england_period="2025-03-31", england_note="13,410 of 59,430",
    needs=("ssda903",))

# CLA06 reads the postcode lookup (table ``postcodes``), which ``prepare`` installs for measures that read it.
CLA06 = Measure(
    id="CLA06", name="New placements more than 20 miles from home and outside the council's area",
    definition="Of the placements that started in the period, the share outside the council's area and more than "
               "20 miles from the child's home: the straight line between the home and placement postcodes, as the "
               "DfE derives it for the 903. A placement whose postcodes are not known counts as not far; the "
               "council's code is its setting la_code.",
    unit="proportion", higher_is_better=False, population="Placements starting in the period",
    numerator="Placements outside the area and over 20 miles from home", denominator="Placements started",
    sql=f"""
        WITH la AS (SELECT council_setting('la_code') AS code),
        placed AS (
            SELECT p.period, e.child_id, e.decom AS dim_day, e.ls AS legal_status, e.place AS placement_type,
                   pl.la_code AS pl_la,
                   round(sqrt((hm.easting - pl.easting) ^ 2 + (hm.northing - pl.northing) ^ 2) / 1000 / 1.6093, 1)
                       AS miles
            FROM periods p JOIN hist_cla_episodes e
              ON e.decom BETWEEN p.start_day AND p.end_day AND e.rne IN {_PLACEMENT_STARTS}
            LEFT JOIN postcodes pl ON pl.postcode = e.pl_post_norm
            LEFT JOIN postcodes hm ON hm.postcode = e.home_post_norm)
        SELECT period, CASE WHEN pl_la IS DISTINCT FROM la.code AND miles > 20 THEN 1 ELSE 0 END AS num, 1 AS den,
               child_id, dim_day, legal_status, placement_type
        FROM placed, la WHERE la.code IS NOT NULL""",
    dimensions=CLA_DIMS, england=0.16, england_period="2024-25", england_note="14,560 placements",
    needs=("ssda903",))

# Missing episodes (not time away without permission) that ended in the period, with the return home interview
# recorded for them (matched on the child and the date the child went missing).
_RETURNED = """
    SELECT p.period, m.child_id, m.mis_end AS dim_day, r.offered_date, r.accepted
    FROM periods p JOIN hist_cla_missing m ON m.missing = 'M' AND m.mis_end BETWEEN p.start_day AND p.end_day
    LEFT JOIN hist_return_interviews r ON r.child_id = m.child_id AND r.missing_start = m.mis_start
"""

CLA15a = Measure(
    id="CLA15a", name="Return home interviews offered after missing episodes",
    definition="Of the missing episodes of children looked after that ended in the period (the child came back), "
               "the share after which the child was offered a return home interview.",
    unit="proportion", higher_is_better=True, population="Missing episodes (not away) ended in the period",
    numerator="Episodes with a return home interview offered", denominator="Missing episodes ended",
    sql=f"""SELECT period, CASE WHEN offered_date IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den, child_id, dim_day
            FROM ({_RETURNED}) x""",
    dimensions=PEOPLE, england_note="no national collection (Annex A list 8)", needs=("cms",))

CLA15b = Measure(
    id="CLA15b", name="Return home interviews offered and accepted after missing episodes",
    definition="Of the missing episodes of children looked after that ended in the period, the share after which "
               "the child was offered a return home interview and accepted it.",
    unit="proportion", higher_is_better=True, population="Missing episodes (not away) ended in the period",
    numerator="Episodes with a return home interview offered and accepted", denominator="Missing episodes ended",
    sql=f"""SELECT period, CASE WHEN offered_date IS NOT NULL AND accepted = '1' THEN 1 ELSE 0 END AS num, 1 AS den,
                   child_id, dim_day
            FROM ({_RETURNED}) x""",
    dimensions=PEOPLE, england_note="no national collection (Annex A list 8)", needs=("cms",))

# The first day the 903s loaded cover: 1 April of the earliest year.
_FIRST_DAY = "first_day_loaded('ssda903')"

# Reviews of children looked after (not on short breaks), each with the start of its period of care, its place
# in that period and whether the 903s loaded go back to the start of care (``known_start``).
_CLA_REVIEWS = f"""
    WITH reviews AS (
        SELECT r.child_id, r.review, {_CARE_START.format(child="r.child_id", day="r.review")} AS care_start
        FROM hist_cla_reviews r
        WHERE r.review IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM hist_cla_episodes e WHERE e.child_id = r.child_id AND e.ls IN ('V3', 'V4')
              AND e.decom <= r.review AND (e.dec IS NULL OR e.dec >= r.review)))
    SELECT r.*, lag(r.review) OVER w AS prev_review, row_number() OVER w AS nth,
           coalesce(r.care_start >= {_FIRST_DAY}, false) AS known_start
    FROM reviews r
    WINDOW w AS (PARTITION BY r.child_id, r.care_start ORDER BY r.review)
"""

CLA16 = Measure(
    id="CLA16", name="Reviews of children looked after held within timescale",
    definition="Of the reviews due in the period, the share held on time: the first within 20 working days of the "
               "child becoming looked after, the second within three months of the first, later ones within six "
               "months of the one before (Care Planning, Placement and Case Review Regulations 2010, reg. 33). "
               "Reviews due are those held in the period plus, for each child looked after on its last day, a "
               "review overdue then. Children on short breaks (V3, V4) are left out. A review is judged only when "
               "the one before it, or the start of care, is in the 903s loaded; when care began before them, a "
               "second review is allowed six months.",
    unit="proportion", higher_is_better=True, population="Reviews held in the period, and reviews overdue at its end",
    numerator="Reviews held within timescale", denominator="Reviews held, plus reviews overdue on the last day",
    sql=f"""
        WITH judged AS (
            SELECT *, CASE
                WHEN prev_review IS NULL THEN CASE WHEN known_start THEN working_days(care_start, review) <= 20 END
                WHEN nth = 2 AND known_start THEN review <= prev_review + INTERVAL 3 MONTH
                ELSE review <= prev_review + INTERVAL 6 MONTH END AS on_time
            FROM ({_CLA_REVIEWS}) r),
        at_end AS (
            SELECT c.*, {_CARE_START.format(child="c.child_id", day="c.dim_day")} AS care_start
            FROM ({_AT_END}) c WHERE coalesce(c.legal_status, '') NOT IN ('V3', 'V4')),
        overdue AS (
            SELECT a.period, a.child_id, a.dim_day,
                   CASE WHEN l.review IS NULL THEN a.care_start >= {_FIRST_DAY}
                                                   AND working_days(a.care_start, a.dim_day) > 20
                        WHEN l.nth = 1 AND l.known_start THEN l.review + INTERVAL 3 MONTH < a.dim_day
                        ELSE l.review + INTERVAL 6 MONTH < a.dim_day END AS is_overdue
            FROM at_end a
            LEFT JOIN judged l ON l.child_id = a.child_id AND l.care_start IS NOT DISTINCT FROM a.care_start
                              AND l.review <= a.dim_day
            QUALIFY row_number() OVER (PARTITION BY a.period, a.child_id ORDER BY l.review DESC NULLS LAST) = 1)
        SELECT p.period, CASE WHEN j.on_time THEN 1 ELSE 0 END AS num, 1 AS den, j.child_id, j.review AS dim_day
        FROM periods p JOIN judged j ON j.review BETWEEN p.start_day AND p.end_day AND j.on_time IS NOT NULL
        UNION ALL
        SELECT period, 0, 1, child_id, dim_day FROM overdue WHERE is_overdue""",
    dimensions=PEOPLE, england_note="no national figure published", needs=("ssda903",))

CLA17 = Measure(
    id="CLA17", name="Children looked after visited within timescale",
    definition="Of the children looked after on the last day of the period, the share whose social worker visit "
               "was not overdue then: the standard used (Care Planning Regulations 2010, reg. 28) is a visit "
               "within a week of the placement starting, then at least every six weeks in the placement's first "
               "year and every three months after. Only visits in the current placement where the child was seen "
               "count. Children on short breaks (V3, V4) and placed for adoption (A3-A6), who have other "
               "standards, are left out.",
    unit="proportion", higher_is_better=True,
    population="Children looked after on the last day (not short breaks, not placed for adoption)",
    numerator="Children whose last visit (child seen) was within the standard", denominator="Children in the population",
    sql=f"""
        WITH placed AS (
            SELECT c.*, coalesce((SELECT max(e.decom) FROM hist_cla_episodes e
                                  WHERE e.child_id = c.child_id AND e.rne IN {_PLACEMENT_STARTS}
                                    AND e.decom <= c.dim_day), c.decom) AS placement_start
            FROM ({_AT_END}) c
            WHERE coalesce(c.legal_status, '') NOT IN ('V3', 'V4')
              AND coalesce(c.placement_type, '') NOT IN ('A3', 'A4', 'A5', 'A6')),
        seen_days AS (
            SELECT DISTINCT child_id, visit_date FROM hist_visits
            WHERE visit_type = 'CLA' AND seen = '1' AND visit_date IS NOT NULL),
        seen AS (
            SELECT pl.*, CASE WHEN v.visit_date >= pl.placement_start THEN v.visit_date END AS last_visit
            FROM placed pl ASOF LEFT JOIN seen_days v ON v.child_id = pl.child_id AND v.visit_date <= pl.dim_day)
        SELECT period, CASE
                   WHEN last_visit IS NULL THEN dim_day <= placement_start + INTERVAL 7 DAY
                   WHEN placement_start > dim_day - INTERVAL 1 YEAR THEN dim_day <= last_visit + INTERVAL 42 DAY
                   ELSE dim_day <= last_visit + INTERVAL 3 MONTH END::INTEGER AS num,
               1 AS den, child_id, dim_day, legal_status, placement_type
        FROM seen""",
    dimensions=CLA_DIMS, england_note="no national collection (Annex A list 8)", needs=("cms",))

# Care leavers: young people under 21 on the period's last day whose last episode of care ended on or after
# their 16th birthday, after 13 weeks or more looked after since their 14th (short breaks not counted), and who
# did not leave care by adoption, special guardianship, a child arrangements order or death.
_CARE_LEAVERS = f"""
    WITH episodes AS (
        SELECT p.period, p.end_day, e.*, h.dob FROM periods p
        JOIN hist_cla_episodes e ON e.decom <= p.end_day
        JOIN hist_cla_header h ON h.child_id = e.child_id),
    last_ep AS (
        SELECT * FROM episodes
        QUALIFY row_number() OVER (PARTITION BY period, child_id ORDER BY decom DESC) = 1)
    SELECT l.period, l.end_day, l.child_id FROM last_ep l
    WHERE l.dec IS NOT NULL AND l.dec <= l.end_day AND l.dec >= l.dob + INTERVAL 16 YEAR
      AND {age_sql("l.dob", "l.end_day")} < 21
      AND coalesce(l.rec, '') NOT IN ('E11', 'E12', 'E2', 'E41', 'E45', 'E46', 'E47', 'E48')
      AND (SELECT sum(greatest(0, date_diff('day', greatest(e.decom, CAST(e.dob + INTERVAL 14 YEAR AS DATE)),
                                            least(e.dec, l.dec))))
           FROM episodes e WHERE e.period = l.period AND e.child_id = l.child_id
             AND coalesce(e.ls, '') NOT IN ('V3', 'V4')) >= 91
"""

CL06 = Measure(
    id="CL06", name="Care leavers with a recent pathway plan review and a personal adviser",
    definition="Of the care leavers under 21 on the last day of the period (young people who left care on or after "
               "their 16th birthday, having been looked after for 13 weeks or more since their 14th, and not by "
               "adoption, special guardianship or a child arrangements order), the share whose pathway plan was "
               "reviewed in the six months to that day and who had a personal adviser allocated that day (Care "
               "Leavers (England) Regulations 2010: reviews at least every six months). Young people who left care "
               "before the 903s loaded are not seen.",
    unit="proportion", higher_is_better=True, population="Care leavers aged 16 to 20 on the last day",
    numerator="With a pathway plan review in the last 6 months and a personal adviser",
    denominator="Care leavers in the population",
    sql=f"""
        SELECT c.period, CASE WHEN EXISTS (
                   SELECT 1 FROM hist_pathway_plans pp WHERE pp.child_id = c.child_id
                     AND pp.plan_date <= c.end_day AND pp.plan_date >= c.end_day - INTERVAL 6 MONTH)
               AND EXISTS (
                   SELECT 1 FROM hist_allocations a WHERE a.child_id = c.child_id AND a.allocation_type = 'PA'
                     AND a.start_date <= c.end_day AND (a.end_date IS NULL OR a.end_date >= c.end_day))
               THEN 1 ELSE 0 END AS num, 1 AS den, c.child_id, c.end_day AS dim_day
        FROM ({_CARE_LEAVERS}) c""",
    dimensions=PEOPLE, england_note="no national collection (Annex A list 9)", needs=("cms",))

MEASURES = [CLA04, CLA06, CLA15a, CLA15b, CLA16, CLA17, CL06]
