"""History views: every current load of every year, each record once, so measures can span years.

A CIN census holds each referral open in its year, so a referral open across 31 March appears in
two censuses; the 903 likewise repeats open episodes. ``hist_*`` views keep one row per record
(by its natural key), taking it from the newest year that has it, and add ``child_facts`` (one row
a child: date of birth, sex, ethnicity, disability) and ``sw_allocation`` (allocated social worker
spans from the case-management extract); ``case_allocation`` holds every allocation (social worker,
personal adviser, early help worker) with a ``priority`` (1, 2, 3 in that order) for measures' team
breakdowns, so a care leaver counts in their personal adviser's team.
"""

from __future__ import annotations

import duckdb

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
