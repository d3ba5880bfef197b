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
