"""Children looked after (SSDA903 and the case-management extract): numbers, placement stability and distance,
missing episodes and return home interviews, reviews, visits, and children leaving care."""

from clearsight.measures.definition import Lookback, Measure
from clearsight.measures.defs.sql import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    CARER_CHANGES,
    CLA_DIMS,
    FIRST_903_DAY,
    PEOPLE,
    PLACEMENT_STARTS,
    SHORT_BREAKS,
    care_start,
    in_period,
    last_episode_start,
    looked_after_throughout,
    open_on,
    overlaps,
    placements_within,
    share,
)

# One row per child looked after at the end of a period, with the episode open then.
_AT_END = f"""
    SELECT p.period, e.child_id, p.end_day AS dim_day, e.ls AS legal_status, e.place AS placement_type, e.decom
    FROM periods p JOIN hist_cla_episodes e
      ON {open_on("e", "decom", "dec", "p.end_day")}
    QUALIFY row_number() OVER (PARTITION BY p.period, e.child_id ORDER BY e.decom DESC) = 1
"""

CLA01 = Measure(
    id="CLA01", name="Children looked after at the end of the period",
    definition="The number of children looked after on the last day of the period, per 10,000 children aged 0-17.",
    unit="rate_per_10000", higher_is_better=None, population="Children aged 0-17 in the council",
    numerator="Children looked after on the last day", denominator="0-17 population",
    sql=f"SELECT period, 1 AS num, NULL AS den, child_id, dim_day, legal_status, placement_type FROM ({_AT_END})",
    dimensions=CLA_DIMS, needs=("ssda903",))

CLA02 = Measure(
    id="CLA02", name="Unaccompanied asylum-seeking children among children looked after",
    definition="Of the children looked after on the last day of the period, the share who were unaccompanied "
               "asylum-seeking children that day.",
    unit="proportion", higher_is_better=None, population="Children looked after at the end of the period",
    numerator="UASC looked after on the last day", denominator="Children looked after on the last day",
    sql=f"""SELECT c.period, CASE WHEN EXISTS (SELECT 1 FROM hist_cla_uasc u WHERE u.child_id = c.child_id
                                          AND (u.duc IS NULL OR u.duc > c.dim_day)) THEN 1 ELSE 0 END AS num,
                   1 AS den, c.child_id, c.dim_day, c.legal_status, c.placement_type
            FROM ({_AT_END}) c""",
    dimensions=CLA_DIMS, needs=("ssda903",))

CLA03 = Measure(
    id="CLA03", name="Children looked after with 3 or more placements in the year",
    lookback=Lookback("12 MONTH", "placements are counted over the 12 months to the last day", anchor="end"),
    definition="Of the children looked after at the end of the period, the share who had three or more separate "
               "placements during the 12 months to that day.",
    unit="proportion", higher_is_better=False, population="Children looked after at the end of the period",
    numerator="Children with 3 or more placements in the 12 months", denominator="Children looked after at the end",
    sql=f"""
        SELECT c.period, CASE WHEN {placements_within("c.child_id", "c.dim_day", "12 MONTH")} >= 3
               THEN 1 ELSE 0 END AS num,
               1 AS den, c.child_id, c.dim_day, c.legal_status, c.placement_type
        FROM ({_AT_END}) c""",
    dimensions=CLA_DIMS, needs=("ssda903",))

CLA04 = Measure(
    id="CLA04", name="Children looked after for 2 years with 3 or more placements in those 2 years",
    lookback=Lookback("2 YEAR", "placements are counted over the 2 years to the last day", anchor="end"),
    definition="Of the children looked after on the last day of the period who had been looked after for two "
               "years or more, the share who had three or more placements during the two years to that day "
               "(counted as for CLA03): looked after two years before that day with no new period of care since. Needs "
               "the 903s of the two years before the period.",
    unit="proportion", higher_is_better=False,
    population="Children looked after on the last day, in care for 2 years or more",
    numerator="Children with 3 or more placements in the 2 years", denominator="Children in the population",
    sql=f"""
        SELECT c.period, CASE WHEN {placements_within("c.child_id", "c.dim_day", "2 YEAR")} >= 3
               THEN 1 ELSE 0 END AS num,
               1 AS den, c.child_id, c.dim_day, c.legal_status, c.placement_type
        FROM ({_AT_END}) c
        WHERE {looked_after_throughout("c.child_id", "c.dim_day", "2 YEAR")}""",
    dimensions=CLA_DIMS, needs=("ssda903",))

# Continuity is judged from the episodes around the dates that matter, so it does not need the episode
# where care began to be in a loaded return: looked after 2.5 years ago with no new period of care since,
# and with the same carer for 2 years: no change of carer (CARER_CHANGES) since; a move with the same
# carer (RNE T, U) does not count, and a child placed for adoption counts the adoptive placement together
# with the one before it, so the change of carer into the current adoption placement does not count either.
CLA05 = Measure(
    id="CLA05", name="Long-term placement stability",
    lookback=Lookback("30 MONTH", "long-term stability looks back 2.5 years from the last day", anchor="end"),
    definition="Of the children under 16 who had been looked after for at least two and a half years on the last "
               "day of the period, the share who had lived in the same placement (with the same carer) for at "
               "least two years, or who are placed for adoption and whose adoptive placement and the placement "
               "before it together last at least two years.",
    unit="proportion", higher_is_better=True,
    population="Children looked after under 16, in care continuously for 2.5 years or more",
    numerator="With the same carer for 2 years or more", denominator="The population",
    sql=f"""
        WITH at_end AS (
            SELECT c.*, (SELECT any_value(h.dob) FROM hist_cla_header h WHERE h.child_id = c.child_id) AS dob
            FROM ({_AT_END}) c),
        long_term AS (
            SELECT a.* FROM at_end a
            WHERE a.dob > a.dim_day - INTERVAL 16 YEAR
              AND {looked_after_throughout("a.child_id", "a.dim_day", "30 MONTH")})
        SELECT period,
               CASE WHEN NOT EXISTS (
                        SELECT 1 FROM hist_cla_episodes e
                        WHERE e.child_id = l.child_id AND e.rne IN {CARER_CHANGES}
                          AND e.decom > l.dim_day - INTERVAL 2 YEAR AND e.decom <= l.dim_day
                          AND NOT (l.placement_type IN {ADOPTION_PLACEMENTS} AND e.decom =
                                   {last_episode_start("l.child_id", "l.dim_day", f"IN {CARER_CHANGES}")}))
                    THEN 1 ELSE 0 END AS num,
               1 AS den, child_id, dim_day, legal_status, placement_type
        FROM long_term l""",
    dimensions=CLA_DIMS, needs=("ssda903",))

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
            FROM {in_period("hist_cla_episodes", "e", "decom")} AND e.rne IN {PLACEMENT_STARTS}
            LEFT JOIN postcodes pl ON pl.postcode = e.pl_post_norm
            LEFT JOIN postcodes hm ON hm.postcode = e.home_post_norm)
        SELECT period, CASE WHEN pl_la IS DISTINCT FROM la.code AND miles > 20 THEN 1 ELSE 0 END AS num, 1 AS den,
               child_id, dim_day, legal_status, placement_type
        FROM placed, la WHERE la.code IS NOT NULL""",
    dimensions=CLA_DIMS, needs=("ssda903",))

CLA14 = Measure(
    id="CLA14", name="Children looked after who went missing",
    definition="Of the children looked after at any time in the period, the share who went missing at least once "
               "in the period (not counting time away from placement without permission).",
    unit="proportion", higher_is_better=False, population="Children looked after at any time in the period",
    numerator="Children with a missing episode starting in the period", denominator="Children looked after",
    sql=f"""
        SELECT p.period, CASE WHEN EXISTS (SELECT 1 FROM hist_cla_missing m WHERE m.child_id = e.child_id
                                          AND m.missing = 'M' AND m.mis_start BETWEEN p.start_day AND p.end_day)
                              THEN 1 ELSE 0 END AS num, 1 AS den, e.child_id, p.end_day AS dim_day
        FROM periods p JOIN (SELECT DISTINCT child_id, decom, dec FROM hist_cla_episodes) e
          ON {overlaps("e", "decom", "dec", "p.start_day", "p.end_day")}
        QUALIFY row_number() OVER (PARTITION BY p.period, e.child_id ORDER BY e.decom) = 1""",
    dimensions=PEOPLE, needs=("ssda903",))

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
    sql=share("offered_date IS NOT NULL", _RETURNED),
    dimensions=PEOPLE, needs=("cms",))

CLA15b = Measure(
    id="CLA15b", name="Return home interviews offered and accepted after missing episodes",
    definition="Of the missing episodes of children looked after that ended in the period, the share after which "
               "the child was offered a return home interview and accepted it.",
    unit="proportion", higher_is_better=True, population="Missing episodes (not away) ended in the period",
    numerator="Episodes with a return home interview offered and accepted", denominator="Missing episodes ended",
    sql=share("offered_date IS NOT NULL AND accepted = '1'", _RETURNED),
    dimensions=PEOPLE, needs=("cms",))

# Reviews of children looked after (not on short breaks), each with the start of its period of care, its place
# in that period and whether the 903s loaded go back to the start of care (``known_start``).
_CLA_REVIEWS = f"""
    WITH reviews AS (
        SELECT r.child_id, r.review, {care_start("r.child_id", "r.review")} AS care_start
        FROM hist_cla_reviews r
        WHERE r.review IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM hist_cla_episodes e WHERE e.child_id = r.child_id AND e.ls IN {SHORT_BREAKS}
              AND {overlaps("e", "decom", "dec", "r.review", "r.review")}))
    SELECT r.*, lag(r.review) OVER w AS prev_review, row_number() OVER w AS nth,
           coalesce(r.care_start >= {FIRST_903_DAY}, false) AS known_start
    FROM reviews r
    WINDOW w AS (PARTITION BY r.child_id, r.care_start ORDER BY r.review)
"""

CLA16 = Measure(
    id="CLA16", name="Reviews of children looked after held within timescale",
    lookback=Lookback("6 MONTH", "reviews are judged against the review before, up to 6 months earlier"),
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
            SELECT c.*, {care_start("c.child_id", "c.dim_day")} AS care_start
            FROM ({_AT_END}) c WHERE coalesce(c.legal_status, '') NOT IN {SHORT_BREAKS}),
        overdue AS (
            SELECT a.period, a.child_id, a.dim_day,
                   CASE WHEN l.review IS NULL THEN a.care_start >= {FIRST_903_DAY}
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
    dimensions=PEOPLE, needs=("ssda903",))

CLA17 = Measure(
    id="CLA17", name="Children looked after visited within timescale",
    lookback=Lookback("3 MONTH", "visits are judged against the last visit, up to 3 months before the last day", anchor="end"),
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
            SELECT c.*, coalesce({last_episode_start("c.child_id", "c.dim_day", f"IN {PLACEMENT_STARTS}")},
                                 c.decom) AS placement_start
            FROM ({_AT_END}) c
            WHERE coalesce(c.legal_status, '') NOT IN {SHORT_BREAKS}
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
    dimensions=CLA_DIMS, needs=("cms",))

CLA18 = Measure(
    id="CLA18", name="Children participating in their reviews",
    definition="Of the reviews held in the period for children aged 4 or over, the share in which the child "
               "took part in any way (codes PN1 to PN6).",
    unit="proportion", higher_is_better=True, population="Reviews held in the period for children aged 4 and over",
    numerator="Reviews with participation codes PN1-PN6", denominator="Reviews not coded PN0 (under 4)",
    sql=f"""SELECT p.period, CASE WHEN r.review_code IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6') THEN 1 ELSE 0 END AS num,
                  1 AS den, r.child_id, r.review AS dim_day
           FROM {in_period("hist_cla_reviews", "r", "review")} AND coalesce(r.review_code, '') <> 'PN0'""",
    dimensions=PEOPLE, needs=("ssda903",))

CLA19 = Measure(
    id="CLA19", name="Children ceasing to be looked after who were adopted",
    definition="Of the children who ceased to be looked after in the period, the share who left care because they "
               "were adopted.",
    unit="proportion", higher_is_better=None, population="Children ceasing to be looked after in the period",
    numerator="Ceased on adoption (E11, E12)", denominator="Ceased to be looked after",
    sql=f"""SELECT p.period, CASE WHEN e.rec IN {ADOPTED} THEN 1 ELSE 0 END AS num, 1 AS den,
                  e.child_id, e.dec AS dim_day, e.ls AS legal_status, e.place AS placement_type
           FROM {in_period("hist_cla_episodes", "e", "dec")} AND e.rec IS NOT NULL AND e.rec <> 'X1'""",
    dimensions=CLA_DIMS, needs=("ssda903",))

MEASURES = [CLA01, CLA02, CLA03, CLA04, CLA05, CLA06, CLA14, CLA15a, CLA15b, CLA16, CLA17, CLA18, CLA19]
