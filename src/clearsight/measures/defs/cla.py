"""Children looked after (SSDA903): numbers and placement stability."""

from clearsight.measures.definition import Measure

PEOPLE = ("team", "worker", "age_band", "sex", "ethnicity", "disability")

# One row per child looked after at the end of a period, with the episode open then.
_AT_END = """
    SELECT p.period, e.child_id, p.end_day AS dim_day, e.ls AS legal_status, e.place AS placement_type, e.decom
    FROM periods p JOIN hist_cla_episodes e
      ON e.decom <= p.end_day AND (e.dec IS NULL OR e.dec > p.end_day)
    QUALIFY row_number() OVER (PARTITION BY p.period, e.child_id ORDER BY e.decom DESC) = 1
"""

CLA01 = Measure(
    id="CLA01", name="Children looked after at the end of the period",
    definition="The number of children looked after on the last day of the period, per 10,000 children aged 0-17.",
    unit="rate_per_10000", higher_is_better=None, population="Children aged 0-17 in the council",
    numerator="Children looked after on the last day", denominator="0-17 population",
    sql=f"SELECT period, 1 AS num, NULL AS den, child_id, dim_day, legal_status, placement_type FROM ({_AT_END})",
    dimensions=(*PEOPLE, "legal_status", "placement_type"), england=67, england_period="2025-03-31",
    england_note="81,770 children", needs=("ssda903",))

CLA03 = Measure(
    id="CLA03", name="Children looked after with 3 or more placements in the year",
    definition="Of the children looked after at the end of the period, the share who had three or more separate "
               "placements during the 12 months to that day.",
    unit="proportion", higher_is_better=False, population="Children looked after at the end of the period",
    numerator="Children with 3 or more placements in the 12 months", denominator="Children looked after at the end",
    sql=f"""
        SELECT c.period, CASE WHEN (
                   SELECT count(*) FROM hist_cla_episodes e
                   WHERE e.child_id = c.child_id AND e.decom <= c.dim_day
                     AND (e.dec IS NULL OR e.dec > c.dim_day - INTERVAL 12 MONTH)
                     AND (e.rne IN ('S', 'P', 'B', 'T', 'U')
                          OR e.decom <= c.dim_day - INTERVAL 12 MONTH)) >= 3 THEN 1 ELSE 0 END AS num,
               1 AS den, c.child_id, c.dim_day, c.legal_status, c.placement_type
        FROM ({_AT_END}) c""",
    dimensions=(*PEOPLE, "legal_status", "placement_type"), england=0.10, england_period="2022-23",
    england_note="secondary source citing DfE", needs=("ssda903",))

MEASURES = [CLA01, CLA03]

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
    dimensions=(*PEOPLE, "legal_status", "placement_type"), england=0.080, england_period="2025-03-31",
    england_note="derived: 6,540 of 81,770", needs=("ssda903",))

# Continuity is judged from the episodes around the dates that matter, so it does not need the episode
# where care began to be in a loaded return: looked after 2.5 years ago with no new period of care since,
# and in the same placement for 2 years (no placement started since).
CLA05 = Measure(
    id="CLA05", name="Long-term placement stability",
    definition="Of the children under 16 who had been looked after for at least two and a half years on the last "
               "day of the period, the share who had lived in the same placement for at least two years.",
    unit="proportion", higher_is_better=True,
    population="Children looked after under 16, in care continuously for 2.5 years or more",
    numerator="In the same placement for 2 years or more", denominator="The population",
    sql=f"""
        WITH at_end AS (
            SELECT c.*, (SELECT any_value(h.dob) FROM hist_cla_header h WHERE h.child_id = c.child_id) AS dob
            FROM ({_AT_END}) c),
        long_term AS (
            SELECT a.* FROM at_end a
            WHERE a.dob > a.dim_day - INTERVAL 16 YEAR
              AND EXISTS (SELECT 1 FROM hist_cla_episodes e WHERE e.child_id = a.child_id
                          AND e.decom <= a.dim_day - INTERVAL 30 MONTH
                          AND (e.dec IS NULL OR e.dec > a.dim_day - INTERVAL 30 MONTH))
              AND NOT EXISTS (SELECT 1 FROM hist_cla_episodes e WHERE e.child_id = a.child_id AND e.rne = 'S'
                              AND e.decom > a.dim_day - INTERVAL 30 MONTH AND e.decom <= a.dim_day))
        SELECT period,
               CASE WHEN NOT EXISTS (SELECT 1 FROM hist_cla_episodes e WHERE e.child_id = l.child_id
                                     AND e.rne IN ('S', 'P', 'T', 'B', 'U')
                                     AND e.decom > l.dim_day - INTERVAL 2 YEAR AND e.decom <= l.dim_day)
                    THEN 1 ELSE 0 END AS num,
               1 AS den, child_id, dim_day, legal_status, placement_type
        FROM long_term l""",
    dimensions=(*PEOPLE, "legal_status", "placement_type"), england=0.69, england_period="2025-03-31",
    england_note="19,680 of 28,710", needs=("ssda903",))

CLA14 = Measure(
    id="CLA14", name="Children looked after who went missing",
    definition="Of the children looked after at any time in the period, the share who went missing at least once "
               "in the period (not counting time away from placement without permission).",
    unit="proportion", higher_is_better=False, population="Children looked after at any time in the period",
    numerator="Children with a missing episode starting in the period", denominator="Children looked after",
    sql="""
        SELECT p.period, CASE WHEN EXISTS (SELECT 1 FROM hist_cla_missing m WHERE m.child_id = e.child_id
                                          AND m.missing = 'M' AND m.mis_start BETWEEN p.start_day AND p.end_day)
                              THEN 1 ELSE 0 END AS num, 1 AS den, e.child_id, p.end_day AS dim_day
        FROM periods p JOIN (SELECT DISTINCT child_id, decom, dec FROM hist_cla_episodes) e
          ON e.decom <= p.end_day AND (e.dec IS NULL OR e.dec >= p.start_day)
        QUALIFY row_number() OVER (PARTITION BY p.period, e.child_id ORDER BY e.decom) = 1""",
    dimensions=PEOPLE, england=0.11, england_period="2024-25",
    england_note="derived: about 12,780 of 115,410 children", needs=("ssda903",))

CLA19 = Measure(
    id="CLA19", name="Children ceasing to be looked after who were adopted",
    definition="Of the children who ceased to be looked after in the period, the share who left care because they "
               "were adopted.",
    unit="proportion", higher_is_better=None, population="Children ceasing to be looked after in the period",
    numerator="Ceased on adoption (E11, E12)", denominator="Ceased to be looked after",
    sql="""SELECT p.period, CASE WHEN e.rec IN ('E11', 'E12') THEN 1 ELSE 0 END AS num, 1 AS den,
                  e.child_id, e.dec AS dim_day, e.ls AS legal_status, e.place AS placement_type
           FROM periods p JOIN hist_cla_episodes e
             ON e.dec BETWEEN p.start_day AND p.end_day AND e.rec IS NOT NULL AND e.rec <> 'X1'""",
    dimensions=(*PEOPLE, "legal_status", "placement_type"), england=0.088, england_period="2024-25",
    england_note="derived: 3,040 of 34,450", needs=("ssda903",))

CLA18 = Measure(
    id="CLA18", name="Children participating in their reviews",
    definition="Of the reviews held in the period for children aged 4 or over, the share in which the child "
               "took part in any way (codes PN1 to PN6).",
    unit="proportion", higher_is_better=True, population="Reviews held in the period for children aged 4 and over",
    numerator="Reviews with participation codes PN1-PN6", denominator="Reviews not coded PN0 (under 4)",
    sql="""SELECT p.period, CASE WHEN r.review_code IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6') THEN 1 ELSE 0 END AS num,
                  1 AS den, r.child_id, r.review AS dim_day
           FROM periods p JOIN hist_cla_reviews r
             ON r.review BETWEEN p.start_day AND p.end_day AND coalesce(r.review_code, '') <> 'PN0'""",
    dimensions=PEOPLE, needs=("ssda903",))

MEASURES += [CLA02, CLA05, CLA14, CLA18, CLA19]
