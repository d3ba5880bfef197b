"""Care leavers: the OC3 outcomes reported once a year in the SSDA903 (in touch, in education, employment or
training, in suitable accommodation), and pathway plans and personal advisers (the case-management extract)."""

from clearsight.measures.definition import Lookback, Measure
from clearsight.measures.defs.sql import PEOPLE, SHORT_BREAKS, in_year, overlaps, share
from clearsight.measures.history import age_sql

# OC3: care leavers whose 17th to 21st birthday fell in the year; age on that birthday. A snapshot of a
# collection year, so these measures have values for collection-year periods only.
_OC3 = f"""SELECT p.period, p.end_day AS dim_day, o.*,
                  {age_sql("o.dob", "p.end_day")} AS age_end
           FROM {in_year("hist_cla_oc3", "o")}
           WHERE coalesce(o.in_touch, '') NOT IN ('DIED', 'RHOM')"""

# OC3 activities that are education, employment or training, full time (F) or part time (P).
_EET = "('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5')"


def _oc3_measure(mid: str, name: str, condition: str, what: str, ages: tuple[int, int],
                 higher=True) -> Measure:
    """The share of the OC3 care leavers aged ``ages`` (inclusive) for whom ``condition`` (SQL) holds."""
    lo, hi = ages
    return Measure(
        id=mid, name=name,
        definition=f"Of the care leavers who turned {lo} to {hi} in the year (not counting those who died or "
                   f"returned home), the share {what}.",
        unit="proportion", higher_is_better=higher,
        population=f"Care leavers whose {lo}th to {hi}st birthday fell in the year (OC3)",
        numerator=what, denominator=f"Care leavers aged {lo} to {hi}",
        sql=share(condition, _OC3, f"age_end BETWEEN {lo} AND {hi}"),
        dimensions=PEOPLE, needs=("ssda903",))


CL01 = _oc3_measure("CL01", "Care leavers aged 19-21 in touch", "in_touch = 'YES'", "in touch with the council",
                    (19, 21))
CL02 = _oc3_measure("CL02", "Care leavers aged 19-21 in education, employment or training",
                    f"activ IN {_EET}", "in education, employment or training", (19, 21))
CL03 = _oc3_measure("CL03", "Care leavers aged 19-21 in suitable accommodation", "accom LIKE '_1'",
                    "in accommodation the council judged suitable", (19, 21))
CL04a = _oc3_measure("CL04a", "Care leavers aged 17-18 in touch", "in_touch = 'YES'", "in touch with the council",
                     (17, 18))
CL04b = _oc3_measure("CL04b", "Care leavers aged 17-18 in education, employment or training",
                     f"activ IN {_EET}", "in education, employment or training", (17, 18))
CL04c = _oc3_measure("CL04c", "Care leavers aged 17-18 in suitable accommodation", "accom LIKE '_1'",
                     "in accommodation the council judged suitable", (17, 18))

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
             AND coalesce(e.ls, '') NOT IN {SHORT_BREAKS}) >= 91
"""

CL06 = Measure(
    id="CL06", name="Care leavers with a recent pathway plan review and a personal adviser",
    lookback=Lookback("5 YEAR", "care leavers are found from the 903 episodes of the 5 years to the last day (leaving care at 16, under 21)",
                      anchor="end", returns=("ssda903",)),
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
                     AND {overlaps("a", "start_date", "end_date", "c.end_day", "c.end_day")})
               THEN 1 ELSE 0 END AS num, 1 AS den, c.child_id, c.end_day AS dim_day
        FROM ({_CARE_LEAVERS}) c""",
    dimensions=PEOPLE, needs=("cms",))

MEASURES = [CL01, CL02, CL03, CL04a, CL04b, CL04c, CL06]
