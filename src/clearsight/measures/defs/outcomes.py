"""Outcomes of children in care reported once a year in the SSDA903 (OC2): health, development, substance
misuse and offending of the children looked after continuously for 12 months at 31 March.

These are snapshots of a collection year, so they have values for collection-year periods only.
"""

from clearsight.measures.definition import Measure
from clearsight.measures.defs.sql import PEOPLE, in_year, share
from clearsight.measures.history import age_sql

_OC2 = f"""SELECT p.period, p.end_day AS dim_day, o.* FROM {in_year("hist_cla_oc2", "o")}"""

# Age on the period's last day (31 March) of the child on an OC2 row.
_AGE = age_sql("x.dob", "x.dim_day")

_AGE_FILTERS = {"aged under 5": _AGE + " < 5"}


def _oc2_measure(mid: str, name: str, field: str, what: str, extra: str = "") -> Measure:
    """The share of the OC2 cohort (narrowed by ``extra``, a key of ``_AGE_FILTERS``) with ``field`` = 1."""
    return Measure(
        id=mid, name=name,
        definition=f"Of the children looked after continuously for 12 months at 31 March{extra and ' ' + extra}, "
                   f"the share {what}.",
        unit="proportion", higher_is_better=True,
        population="Children looked after continuously for 12 months at 31 March (the OC2 cohort)",
        numerator=f"OC2 {field} = 1", denominator="Children in the OC2 cohort",
        sql=share(f"{field.lower()} = '1'", _OC2, _AGE_FILTERS.get(extra, "")),
        dimensions=PEOPLE, needs=("ssda903",))


CLA07 = _oc2_measure("CLA07", "Annual health assessment up to date", "HEALTH_ASSESSMENT",
                     "whose annual health assessment was up to date")
CLA08 = _oc2_measure("CLA08", "Immunisations up to date", "IMMUNISATIONS", "whose immunisations were up to date")
CLA09 = _oc2_measure("CLA09", "Dental check in the year", "TEETH_CHECK", "who had their teeth checked by a dentist")
CLA10 = _oc2_measure("CLA10", "Development assessments up to date (under 5s)", "HEALTH_CHECK",
                     "whose development assessments were up to date", extra="aged under 5")

CLA11 = Measure(
    id="CLA11", name="Strengths and difficulties questionnaire completed",
    definition="Of the children aged 5 to 16 looked after continuously for 12 months at 31 March, the share with "
               "a strengths and difficulties questionnaire (SDQ) score.",
    unit="proportion", higher_is_better=True, population="OC2 cohort aged 5 to 16",
    numerator="Children with an SDQ score", denominator="Children in the OC2 cohort aged 5 to 16",
    sql=share("sdq_score IS NOT NULL", _OC2, f"{_AGE} BETWEEN 5 AND 16"),
    dimensions=PEOPLE, needs=("ssda903",))

CLA11b = Measure(
    id="CLA11b", name="Average SDQ score",
    definition="The average strengths and difficulties score of children aged 5 to 16 looked after continuously for "
               "12 months at 31 March who have one (0-40; 17 or more is a cause for concern).",
    unit="score", higher_is_better=False, population="OC2 cohort aged 5 to 16 with an SDQ score",
    numerator="SDQ scores", denominator="",
    sql=f"""SELECT period, sdq_score AS num, 1 AS den, child_id, dim_day
            FROM ({_OC2}) x WHERE sdq_score IS NOT NULL AND {_AGE} BETWEEN 5 AND 16""",
    dimensions=PEOPLE, needs=("ssda903",), aggregate="mean")

CLA12 = Measure(
    id="CLA12", name="Substance misuse problem identified",
    definition="Of the children looked after continuously for 12 months at 31 March, the share identified as "
               "having a substance misuse problem during the year.",
    unit="proportion", higher_is_better=None, population="OC2 cohort",
    numerator="OC2 SUBSTANCE_MISUSE = 1", denominator="Children in the OC2 cohort",
    sql=share("substance_misuse = '1'", _OC2),
    dimensions=PEOPLE, needs=("ssda903",))

CLA13 = Measure(
    id="CLA13", name="Convicted or subject to a youth caution",
    definition="Of the children aged 10 or over looked after continuously for 12 months at 31 March, the share "
               "convicted or given a youth caution or youth conditional caution during the year.",
    unit="proportion", higher_is_better=False, population="OC2 cohort aged 10 and over",
    numerator="OC2 CONVICTED = 1", denominator="Children in the OC2 cohort aged 10 and over",
    sql=share("convicted = '1'", _OC2, f"{_AGE} >= 10"),
    dimensions=PEOPLE, needs=("ssda903",))

MEASURES = [CLA07, CLA08, CLA09, CLA10, CLA11, CLA11b, CLA12, CLA13]
