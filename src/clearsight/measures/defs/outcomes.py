"""Outcomes reported once a year in the SSDA903: health of children in care (OC2), care leavers (OC3).

These are snapshots of a collection year, so they have values for collection-year periods only.
"""

from clearsight.measures.definition import Measure
from clearsight.measures.history import age_sql

PEOPLE = ("team", "worker", "age_band", "sex", "ethnicity", "disability")

_OC2 = """SELECT p.period, p.end_day AS dim_day, o.* FROM periods p JOIN hist_cla_oc2 o ON o.year = p.period"""


def _oc2_measure(mid: str, name: str, field: str, what: str, england: float | None = None, note: str = "",
                 extra: str = "") -> Measure:
    return Measure(
        id=mid, name=name,
        definition=f"Of the children looked after continuously for 12 months at 31 March{extra and ' ' + extra}, "
                   f"the share {what}.",
        unit="proportion", higher_is_better=True,
        population="Children looked after continuously for 12 months at 31 March (the OC2 cohort)",
        numerator=f"OC2 {field} = 1", denominator="Children in the OC2 cohort",
        sql=f"""SELECT period, CASE WHEN {field.lower()} = '1' THEN 1 ELSE 0 END AS num, 1 AS den, child_id, dim_day
                FROM ({_OC2}) x WHERE true {extra and 'AND ' + _AGE_FILTERS[extra]}""",
        dimensions=PEOPLE, england=england, england_note=note, needs=("ssda903",))


_AGE_FILTERS = {"aged under 5": age_sql("x.dob", "x.dim_day") + " < 5"}

CLA07 = _oc2_measure("CLA07", "Annual health assessment up to date", "HEALTH_ASSESSMENT",
                     "whose annual health assessment was up to date")
CLA08 = _oc2_measure("CLA08", "Immunisations up to date", "IMMUNISATIONS", "whose immunisations were up to date")
CLA09 = _oc2_measure("CLA09", "Dental check in the year", "TEETH_CHECK", "who had their teeth checked by a dentist")
CLA10 = _oc2_measure("CLA10", "Development assessments up to date (under 5s)", "HEALTH_CHECK",
                     "whose development assessments were up to date", 0.88, "5,580 of 6,360 at 31 March 2025",
                     extra="aged under 5")

CLA11 = Measure(
    id="CLA11", name="Strengths and difficulties questionnaire completed",
    definition="Of the children aged 5 to 16 looked after continuously for 12 months at 31 March, the share with "
               "a strengths and difficulties questionnaire (SDQ) score.",
    unit="proportion", higher_is_better=True, population="OC2 cohort aged 5 to 16",
    numerator="Children with an SDQ score", denominator="Children in the OC2 cohort aged 5 to 16",
    sql=f"""SELECT period, CASE WHEN sdq_score IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den, child_id, dim_day
            FROM ({_OC2}) x WHERE {age_sql("x.dob", "x.dim_day")} BETWEEN 5 AND 16""",
    dimensions=PEOPLE, needs=("ssda903",))

CLA11b = Measure(
    id="CLA11b", name="Average SDQ score",
    definition="The average strengths and difficulties score of children aged 5 to 16 looked after continuously for "
               "12 months at 31 March who have one (0-40; 17 or more is a cause for concern).",
    unit="score", higher_is_better=False, population="OC2 cohort aged 5 to 16 with an SDQ score",
    numerator="SDQ scores", denominator="",
    sql=f"""SELECT period, sdq_score AS num, 1 AS den, child_id, dim_day
            FROM ({_OC2}) x WHERE sdq_score IS NOT NULL AND {age_sql("x.dob", "x.dim_day")} BETWEEN 5 AND 16""",
    dimensions=PEOPLE, needs=("ssda903",), aggregate="mean")

CLA12 = Measure(
    id="CLA12", name="Substance misuse problem identified",
    definition="Of the children looked after continuously for 12 months at 31 March, the share identified as "
               "having a substance misuse problem during the year.",
    unit="proportion", higher_is_better=None, population="OC2 cohort",
    numerator="OC2 SUBSTANCE_MISUSE = 1", denominator="Children in the OC2 cohort",
    sql=f"""SELECT period, CASE WHEN substance_misuse = '1' THEN 1 ELSE 0 END AS num, 1 AS den, child_id, dim_day
            FROM ({_OC2}) x""",
    dimensions=PEOPLE, needs=("ssda903",))

CLA13 = Measure(
    id="CLA13", name="Convicted or subject to a youth caution",
    definition="Of the children aged 10 or over looked after continuously for 12 months at 31 March, the share "
               "convicted or given a youth caution or youth conditional caution during the year.",
    unit="proportion", higher_is_better=False, population="OC2 cohort aged 10 and over",
    numerator="OC2 CONVICTED = 1", denominator="Children in the OC2 cohort aged 10 and over",
    sql=f"""SELECT period, CASE WHEN convicted = '1' THEN 1 ELSE 0 END AS num, 1 AS den, child_id, dim_day
            FROM ({_OC2}) x WHERE {age_sql("x.dob", "x.dim_day")} >= 10""",
    dimensions=PEOPLE, needs=("ssda903",))

# OC3: care leavers whose 17th to 21st birthday fell in the year; age on that birthday.
_OC3 = f"""SELECT p.period, p.end_day AS dim_day, o.*,
                  {age_sql("o.dob", "p.end_day")} AS age_end
           FROM periods p JOIN hist_cla_oc3 o ON o.year = p.period
           WHERE coalesce(o.in_touch, '') NOT IN ('DIED', 'RHOM')"""
_EET = "('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5')"


def _oc3_measure(mid: str, name: str, condition: str, what: str, ages: tuple[int, int], england=None, note="",
                 higher=True) -> Measure:
    lo, hi = ages
    return Measure(
        id=mid, name=name,
        definition=f"Of the care leavers who turned {lo} to {hi} in the year (not counting those who died or "
                   f"returned home), the share {what}.",
        unit="proportion", higher_is_better=higher,
        population=f"Care leavers whose {lo}th to {hi}st birthday fell in the year (OC3)",
        numerator=what, denominator=f"Care leavers aged {lo} to {hi}",
        sql=f"""SELECT period, CASE WHEN {condition} THEN 1 ELSE 0 END AS num, 1 AS den, child_id, dim_day
                FROM ({_OC3}) x WHERE age_end BETWEEN {lo} AND {hi}""",
        dimensions=PEOPLE, england=england, england_note=note, needs=("ssda903",))


CL01 = _oc3_measure("CL01", "Care leavers aged 19-21 in touch", "in_touch = 'YES'", "in touch with the council",
                    (19, 21))
CL02 = _oc3_measure("CL02", "Care leavers aged 19-21 in education, employment or training",
                    f"activ IN {_EET}", "in education, employment or training", (19, 21))
CL03 = _oc3_measure("CL03", "Care leavers aged 19-21 in suitable accommodation", "accom LIKE '_1'",
                    "in accommodation the council judged suitable", (19, 21), 0.85,
                    "2018-19, the latest in the stored sources")
CL04a = _oc3_measure("CL04a", "Care leavers aged 17-18 in touch", "in_touch = 'YES'", "in touch with the council",
                     (17, 18))
CL04b = _oc3_measure("CL04b", "Care leavers aged 17-18 in education, employment or training",
                     f"activ IN {_EET}", "in education, employment or training", (17, 18))
CL04c = _oc3_measure("CL04c", "Care leavers aged 17-18 in suitable accommodation", "accom LIKE '_1'",
                     "in accommodation the council judged suitable", (17, 18))

MEASURES = [CLA07, CLA08, CLA09, CLA10, CLA11, CLA11b, CLA12, CLA13, CL01, CL02, CL03, CL04a, CL04b, CL04c]
