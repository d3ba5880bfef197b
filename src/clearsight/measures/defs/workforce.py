"""The social work workforce (CSWW census at 30 September, and the 903's social worker episodes).

The census describes 30 September of the collection year (30 September 2024 for 2024-25), so its
measures have values for collection-year periods only. A worker is *in post* when directly employed
(not agency) with no role end date on or before the reference date; a *leaver* ended their role in
the twelve months to the reference date.
"""

from clearsight.measures.definition import Measure
from clearsight.measures.defs.sql import PEOPLE, in_year, overlaps

# One row per worker in the census of the period's collection year, with the census reference date (``ref``).
_CENSUS = f"""SELECT p.period, h.reference_date AS ref, w.*
             FROM {in_year("hist_csww_workers", "w")}
             LEFT JOIN hist_csww_header h ON h.load_id = w.load_id"""
_IN_POST = "NOT coalesce(agency_worker, false) AND (role_end_date IS NULL OR role_end_date > coalesce(ref, DATE '9999-12-31'))"
_LEFT = ("NOT coalesce(agency_worker, false) AND role_end_date IS NOT NULL "
         "AND role_end_date <= coalesce(ref, DATE '9999-12-31') "
         "AND role_end_date > coalesce(ref, DATE '9999-12-31') - INTERVAL 12 MONTH")
_VAC = f"""SELECT p.period, v.* FROM {in_year("hist_csww_vacancies", "v")}"""
_NOTE = "children and family social workers; council census at 30 September"


def _share_of_posts(field: str) -> str:
    """Rows of a share whose numerator is the council's ``field`` (FTE) of the vacancies table, over itself plus
    the FTE in post."""
    return f"""SELECT period, 0 AS num, fte AS den, NULL AS child_id, ref AS dim_day FROM ({_CENSUS}) x WHERE {_IN_POST}
               UNION ALL
               SELECT period, {field} AS num, {field} AS den, NULL, NULL FROM ({_VAC}) v"""


def _wf(mid, name, definition, unit, higher, numerator, denominator, sql):
    return Measure(id=mid, name=name, definition=definition, unit=unit, higher_is_better=higher,
                   population=_NOTE, numerator=numerator, denominator=denominator, sql=sql, dimensions=(),
                   needs=("csww",))


WF01 = _wf("WF01", "Children and family social workers in post (FTE)",
           "The full-time equivalent of directly employed children and family social workers in post at 30 September.",
           "count", None, "FTE in post", "",
           f"SELECT period, fte AS num, NULL AS den, NULL AS child_id, ref AS dim_day FROM ({_CENSUS}) x WHERE {_IN_POST}")

WF02 = _wf("WF02", "Social worker turnover rate",
           "The FTE of social workers who left in the twelve months to 30 September, as a share of the FTE in post.",
           "proportion", False, "FTE of leavers in the year", "FTE in post at 30 September",
           f"""SELECT period, CASE WHEN {_LEFT} THEN fte ELSE 0 END AS num,
                      CASE WHEN {_IN_POST} THEN fte ELSE 0 END AS den, NULL AS child_id, ref AS dim_day
               FROM ({_CENSUS}) x""")

WF03 = _wf("WF03", "Agency worker rate",
           "Agency social workers (FTE) as a share of all social workers: agency plus directly employed in post.",
           "proportion", False, "Agency FTE", "Agency FTE + FTE in post",
           _share_of_posts("no_agency_fte"))

WF04 = _wf("WF04", "Vacancy rate",
           "Vacant social worker posts (FTE) as a share of vacancies plus FTE in post, at 30 September.",
           "proportion", False, "Vacancy FTE", "Vacancy FTE + FTE in post",
           _share_of_posts("number_of_vacancies"))

WF05 = _wf("WF05", "Average caseload per case-holding social worker",
           "Cases held at 30 September divided by the FTE of the social workers holding cases.",
           "score", False, "Cases held", "FTE of case-holding social workers",
           f"""SELECT period, cases30 AS num, fte AS den, NULL AS child_id, ref AS dim_day
               FROM ({_CENSUS}) x WHERE {_IN_POST} AND coalesce(cases30, 0) > 0""")

WF06 = _wf("WF06", "Sickness absence rate",
           "Working days lost to sickness in the year as a share of the working days available (FTE in post times "
           "the working days in the twelve months to 30 September).",
           "proportion", False, "Working days lost", "FTE in post x working days in the year",
           f"""SELECT period, coalesce(working_days_lost, 0) AS num,
                      fte * working_days(CAST(ref - INTERVAL 12 MONTH AS DATE), ref) AS den,
                      NULL AS child_id, ref AS dim_day
               FROM ({_CENSUS}) x WHERE {_IN_POST}""")

WF07 = Measure(
    id="WF07", name="Children in care with 3 or more social workers in the year",
    definition="Of the children looked after continuously for 12 months at 31 March, the share who had three or "
               "more different social workers during the year.",
    unit="proportion", higher_is_better=False,
    population="Children looked after continuously for 12 months at 31 March (the OC2 cohort)",
    numerator="Children with 3 or more social workers in the year", denominator="Children in the OC2 cohort",
    sql=f"""SELECT p.period,
                  CASE WHEN (SELECT count(DISTINCT s.sw_id) FROM hist_cla_social_workers s
                             WHERE s.child_id = o.child_id
                               AND {overlaps("s", "sw_decom", "sw_dec", "p.start_day", "p.end_day")}) >= 3
                  THEN 1 ELSE 0 END AS num,
                  1 AS den, o.child_id, p.end_day AS dim_day
           FROM {in_year("hist_cla_oc2", "o")}""",
    dimensions=PEOPLE, needs=("ssda903",))

MEASURES = [WF01, WF02, WF03, WF04, WF05, WF06, WF07]
