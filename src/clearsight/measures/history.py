"""History views: every current load of every year, each record once, so measures can span years.

A CIN census holds each referral open in its year, so a referral open across 31 March appears in
two censuses; the 903 likewise repeats open episodes. ``hist_*`` views keep one row per record
(by its natural key), taking it from the newest year that has it, and add ``child_facts`` (one row
a child: date of birth, sex, ethnicity, disability) and ``sw_allocation`` (allocated social worker
spans from the case-management extract); ``case_allocation`` holds every allocation (social worker,
personal adviser, early help worker) with a ``priority`` (1, 2, 3 in that order) for measures' team
breakdowns, so a care leaver counts in their personal adviser's team.

``coverage`` says whether the loaded returns hold the history a measure needs for a period: ``complete``,
``incomplete`` (the period or its look-back starts before the loaded history does) or ``no data``.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from clearsight.measures.definition import Measure
from clearsight.measures.periods import Period, go_back, long_date
from clearsight.returns.registry import RETURNS
from clearsight.returns.years import CollectionYear

# view name → (current view, natural key columns); an empty key keeps every row (per-year snapshots).
HISTORY = {
    "hist_cin_children": ("current_cin_children", ("child_id",)),
    "hist_cin_referrals": ("current_cin_referrals", ("child_id", "referral_date")),
    "hist_cin_assessments": ("current_cin_assessments", ("child_id", "start_date")),
    "hist_cin_plans": ("current_cin_plans", ("child_id", "start_date")),
    "hist_cin_section47": ("current_cin_section47", ("child_id", "start_date")),
    "hist_cin_cp_plans": ("current_cin_cp_plans", ("child_id", "start_date")),
    "hist_cin_cp_reviews": ("current_cin_cp_reviews", ("child_id", "review_date")),
    "hist_cla_header": ("current_cla_header", ("child_id",)),
    "hist_cla_episodes": ("current_cla_episodes", ("child_id", "decom")),
    "hist_cla_reviews": ("current_cla_reviews", ("child_id", "review")),
    "hist_cla_missing": ("current_cla_missing", ("child_id", "mis_start")),
    "hist_cla_social_workers": ("current_cla_social_workers", ("child_id", "sw_id", "sw_decom")),
    "hist_cla_placed_adoption": ("current_cla_placed_adoption", ("child_id", "date_placed")),
    "hist_cla_ad1": ("current_cla_ad1", ("child_id",)),
    "hist_cla_uasc": ("current_cla_uasc", ("child_id",)),
    "hist_cla_oc2": ("current_cla_oc2", ()),
    "hist_cla_oc3": ("current_cla_oc3", ()),
    "hist_csww_header": ("current_csww_header", ()),
    "hist_csww_vacancies": ("current_csww_vacancies", ()),
    "hist_csww_workers": ("current_csww_workers", ()),
    "hist_teams": ("current_teams", ("team_id",)),
    "hist_workers": ("current_workers", ("worker_id", "team_id", "start_date")),
    "hist_allocations": ("current_allocations", ("child_id", "worker_id", "allocation_type", "start_date")),
    "hist_contacts": ("current_contacts", ("contact_id",)),
    "hist_early_help": ("current_early_help", ("episode_id",)),
    "hist_visits": ("current_visits", ("visit_id",)),
    "hist_pathway_plans": ("current_pathway_plans", ("child_id", "plan_date")),
    "hist_return_interviews": ("current_return_interviews", ("child_id", "missing_start")),
}


def create_history_views(con: duckdb.DuckDBPyConnection, materialise: set[str] | None = None) -> None:
    """Create ``hist_*``, ``child_facts`` and ``sw_allocation``.

    Those named in ``materialise`` (default: all) become temporary tables, computed once and read by
    every measure; the rest are views, computed only if something reads them.
    """
    for name, (source, key) in HISTORY.items():
        kind = "TABLE" if materialise is None or name in materialise else "VIEW"
        con.execute(f"DROP VIEW IF EXISTS {name}")
        con.execute(f"DROP TABLE IF EXISTS {name}")
        if key:
            con.execute(f"""CREATE TEMP {kind} {name} AS SELECT * FROM {source}
                            QUALIFY row_number() OVER (PARTITION BY {', '.join(key)} ORDER BY year DESC, row_no) = 1""")
        else:
            con.execute(f"CREATE TEMP {kind} {name} AS SELECT * FROM {source}")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE child_facts AS
        WITH cin AS (
            SELECT child_id, dob,
                   CASE WHEN coalesce(sex, gender_current) IN ('M', '1') THEN 'M'
                        WHEN coalesce(sex, gender_current) IN ('F', '2') THEN 'F' ELSE 'U' END AS sex,
                   ethnicity,
                   CASE WHEN disabilities IS NULL OR len(disabilities) = 0 THEN NULL
                        WHEN list_contains(disabilities, 'NONE') THEN 'No' ELSE 'Yes' END AS disability
            FROM hist_cin_children),
        lac AS (
            SELECT child_id, dob, CASE WHEN sex IN ('M', '1') THEN 'M' WHEN sex IN ('F', '2') THEN 'F' ELSE 'U' END AS sex,
                   ethnic AS ethnicity
            FROM hist_cla_header)
        SELECT child_id, coalesce(cin.dob, lac.dob) AS dob, coalesce(cin.sex, lac.sex) AS sex,
               coalesce(cin.ethnicity, lac.ethnicity) AS ethnicity, cin.disability
        FROM cin FULL OUTER JOIN lac USING (child_id)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE case_allocation AS
        SELECT child_id, worker_id, team_id, allocation_type, start_date,
               coalesce(end_date, DATE '9999-12-31') AS end_date,
               CASE allocation_type WHEN 'SW' THEN 1 WHEN 'PA' THEN 2 ELSE 3 END AS priority
        FROM hist_allocations""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE sw_allocation AS
        SELECT child_id, worker_id, team_id, start_date, coalesce(end_date, DATE '9999-12-31') AS end_date
        FROM hist_allocations WHERE allocation_type = 'SW'""")


AGE_BAND_SQL = """CASE
    WHEN {dob} IS NULL OR {day} IS NULL THEN 'Unknown'
    WHEN date_diff('year', {dob}, {day}) - (strftime({day}, '%m%d') < strftime({dob}, '%m%d'))::INT < 1 THEN 'Under 1'
    WHEN date_diff('year', {dob}, {day}) - (strftime({day}, '%m%d') < strftime({dob}, '%m%d'))::INT < 5 THEN '1 to 4'
    WHEN date_diff('year', {dob}, {day}) - (strftime({day}, '%m%d') < strftime({dob}, '%m%d'))::INT < 10 THEN '5 to 9'
    WHEN date_diff('year', {dob}, {day}) - (strftime({day}, '%m%d') < strftime({dob}, '%m%d'))::INT < 16 THEN '10 to 15'
    WHEN date_diff('year', {dob}, {day}) - (strftime({day}, '%m%d') < strftime({dob}, '%m%d'))::INT < 18 THEN '16 to 17'
    ELSE '18 and over' END"""


def age_sql(dob: str, day: str) -> str:
    """Whole years of age on ``day`` (SQL)."""
    return f"(date_diff('year', {dob}, {day}) - (strftime({day}, '%m%d') < strftime({dob}, '%m%d'))::INT)"


# ----------------------------------------------------------------------------- what history is loaded

COMPLETE, INCOMPLETE, NO_DATA = "complete", "incomplete", "no data"


def loaded_years(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Each return with a current load → its collection years loaded, earliest first: from the table
    ``loaded_years`` that ``remember_loaded_years`` makes (once, in ``prepare``), else from the load catalogue."""
    try:
        rows = con.execute("SELECT return_code, year FROM loaded_years ORDER BY return_code, year").fetchall()
    except duckdb.CatalogException:
        return _catalog_years(con)
    out: dict[str, list[str]] = {}
    for rc, year in rows:
        out.setdefault(rc, []).append(year)
    return out


def _catalog_years(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    from clearsight.warehouse import catalog

    return {rc: catalog.years_loaded(con, rc) for rc in sorted(catalog.returns_loaded(con))}


def remember_loaded_years(con: duckdb.DuckDBPyConnection) -> None:
    """Keep the years loaded of each return (asked of the load catalogue once) in the temporary table
    ``loaded_years(return_code, year)``, which every measure's history is judged from."""
    con.execute("CREATE OR REPLACE TEMP TABLE loaded_years (return_code VARCHAR, year VARCHAR)")
    rows = [(rc, y) for rc, years in _catalog_years(con).items() for y in years]
    if rows:
        con.executemany("INSERT INTO loaded_years VALUES (?, ?)", rows)


def _spans(years: list[str]) -> list[tuple[dt.date, dt.date]]:
    """The loaded collection years as merged runs of days (1 April to 31 March, consecutive years joined)."""
    out: list[tuple[dt.date, dt.date]] = []
    for y in sorted(CollectionYear.parse(x) for x in years):
        if out and out[-1][1] + dt.timedelta(days=1) >= y.first_day:
            out[-1] = (out[-1][0], max(out[-1][1], y.last_day))
        else:
            out.append((y.first_day, y.last_day))
    return out


def _covers(spans: list[tuple[dt.date, dt.date]], first: dt.date, last: dt.date) -> bool:
    return any(a <= first and last <= b for a, b in spans)


def _overlaps(spans: list[tuple[dt.date, dt.date]], first: dt.date, last: dt.date) -> bool:
    return any(a <= last and first <= b for a, b in spans)


def _is_collection_year(period: Period) -> bool:
    year = CollectionYear.containing(period.start)
    return (period.start, period.end) == (year.first_day, year.last_day)


def _name(code: str) -> str:
    """A return as sentences name it (the registry's ``name``: "CIN census"), or its code if it has no entry."""
    entry = RETURNS.get(code)
    return entry.name if entry is not None else code


def _names(codes) -> str:
    return " or ".join(_name(c) for c in codes)


def lookback_start(measure: Measure, period: Period) -> dt.date | None:
    """The first day a measure reads for ``period``: before the period's first day (or last) by its look-back;
    None when it has no bounded look-back to check (none, or carried by the return itself)."""
    lb = measure.lookback
    if lb is None or lb.carried or lb.amount is None:
        return None
    amount, unit = lb.amount
    if lb.anchor == "start":
        return go_back(period.start, amount, unit)
    # A snapshot on the last day reads the records open since that day minus the span (a record open on the day
    # before is open on that day too, and is in the return of that day's year).
    return go_back(period.end, amount, unit) + dt.timedelta(days=1)


def coverage(measure: Measure, period: Period, loaded: dict[str, list[str]]) -> tuple[str, str]:
    """``(history, note)`` of one measure for one period, from the years loaded of each return it needs:

    - ``no data``: no return it needs is loaded for any of the period (or an annual figure asked for a month);
    - ``incomplete``: the period, or its look-back, runs outside the loaded years (the note says which);
    - ``complete``: otherwise. The note says what the look-back is and that it is covered.
    """
    needs = tuple(measure.needs) or tuple(loaded)
    present = [rc for rc in needs if loaded.get(rc)]
    if not present:
        return NO_DATA, f"needs the {_names(needs)}, which is not loaded"
    spans = {rc: _spans(loaded[rc]) for rc in present}
    if measure.annual:
        if not _is_collection_year(period):
            return NO_DATA, "an annual figure: it has values for collection years only"
        if not any(CollectionYear.containing(period.start).label in loaded[rc] for rc in present):
            return NO_DATA, f"no {_names(present)} is loaded for {period.label}"
        return COMPLETE, ""
    if not any(_overlaps(spans[rc], period.start, period.end) for rc in present):
        years = "; ".join(f"{_name(rc)} {loaded[rc][0]} to {loaded[rc][-1]}" for rc in present)
        return NO_DATA, f"no {_names(present)} is loaded for {period.label} (loaded: {years})"
    short = [rc for rc in present if not _covers(spans[rc], period.start, period.end)]
    if short:
        rc = short[0]
        return INCOMPLETE, (f"the loaded {_name(rc)} covers only part of {period.label} "
                            f"(loaded: {', '.join(loaded[rc])})")
    lb = measure.lookback
    if lb is None:
        return COMPLETE, ""
    if lb.carried:
        return COMPLETE, f"{lb.what}; the history is carried by {lb.carried}"
    first = lookback_start(measure, period)
    for rc in lb.returns or present:
        if not loaded.get(rc):
            return INCOMPLETE, f"{lb.what}; no {_name(rc)} is loaded"
        rc_spans = spans.get(rc) or _spans(loaded[rc])
        if first is None or not _covers(rc_spans, first, period.end):
            begins = rc_spans[0][0] if rc_spans else None
            where = f"loaded {_name(rc)} history begins {long_date(begins)}" if begins else \
                f"no {_name(rc)} is loaded"
            if begins and first and first >= begins:
                where = f"the loaded {_name(rc)} years have a gap (loaded: {', '.join(loaded[rc])})"
            return INCOMPLETE, f"{lb.what}; {where}"
    return COMPLETE, f"{lb.what}; the loaded history covers it"


def complete_from(histories) -> str | None:
    """Of ``(label, history)`` pairs in order, the first label from which every later one is ``complete``: where
    full history begins (None when the last is not complete)."""
    first = None
    for label, history in histories:
        if history == COMPLETE:
            first = first or label
        else:
            first = None
    return first


def full_history_from(measure: Measure, periods: list[Period], loaded: dict[str, list[str]]) -> str | None:
    """The first of ``periods`` (in order) from which every later one is complete: where full history begins."""
    return complete_from((p.label, coverage(measure, p, loaded)[0]) for p in periods)
