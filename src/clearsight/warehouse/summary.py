"""Counts of children at each stage of the journey, per collection year, from the current loads."""

from __future__ import annotations

import duckdb

# (label, SQL giving (year, count) over the current loads). Reference date = 31 March of the year's end.
# {start} and {end} stand for the first and last day of the row's collection year.
_START = "make_date(CAST(left({t}.year, 4) AS INTEGER), 4, 1)"
_END = "make_date(CAST(left({t}.year, 4) AS INTEGER) + 1, 3, 31)"


def _in_year(t: str, column: str) -> str:
    return f"{t}.{column} BETWEEN {_START.format(t=t)} AND {_END.format(t=t)}"


def _end(t: str) -> str:
    return _END.format(t=t)
STAGES: list[tuple[str, str]] = [
    ("Children in the CIN census", "SELECT year, count(DISTINCT child_id) FROM current_cin_children GROUP BY year"),
    ("Referrals in the year", f"""
        SELECT r.year, count(*) FROM current_cin_referrals r WHERE {_in_year("r", "referral_date")} GROUP BY r.year"""),
    ("Assessments started", f"""
        SELECT a.year, count(*) FROM current_cin_assessments a WHERE {_in_year("a", "start_date")} GROUP BY a.year"""),
    ("Section 47 enquiries started", f"""
        SELECT s.year, count(*) FROM current_cin_section47 s WHERE {_in_year("s", "start_date")} GROUP BY s.year"""),
    ("Child protection plans started", f"""
        SELECT p.year, count(*) FROM current_cin_cp_plans p WHERE {_in_year("p", "start_date")} GROUP BY p.year"""),
    ("On a child protection plan at 31 March", f"""
        SELECT p.year, count(DISTINCT p.child_id) FROM current_cin_cp_plans p
        WHERE p.start_date <= {_end("p")} AND (p.end_date IS NULL OR p.end_date > {_end("p")})
        GROUP BY p.year"""),
    ("Looked after at any time in the year", f"""
        SELECT e.year, count(DISTINCT e.child_id) FROM current_cla_episodes e
        WHERE e.decom <= {_end("e")} AND (e.dec IS NULL OR e.dec >= {_START.format(t="e")})
        GROUP BY e.year"""),
    ("Started to be looked after", f"""
        SELECT e.year, count(DISTINCT e.child_id) FROM current_cla_episodes e
        WHERE e.rne = 'S' AND {_in_year("e", "decom")} GROUP BY e.year"""),
    ("Looked after at 31 March", f"""
        SELECT e.year, count(DISTINCT e.child_id) FROM current_cla_episodes e
        WHERE e.decom <= {_end("e")} AND (e.dec IS NULL OR e.dec > {_end("e")})
        GROUP BY e.year"""),
    ("Care leavers followed up (OC3)", "SELECT year, count(DISTINCT child_id) FROM current_cla_oc3 GROUP BY year"),
    ("Children with an allocated worker (extract)", """
        SELECT year, count(DISTINCT child_id) FROM current_allocations GROUP BY year"""),
]


def stage_counts(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple[str, dict[str, int]]]]:
    """The years present and, for each stage, its count by year."""
    years = [r[0] for r in con.execute("SELECT DISTINCT year FROM current_loads ORDER BY year").fetchall()]
    rows = []
    for label, sql in STAGES:
        counts = {y: n for y, n in con.execute(sql).fetchall()}
        rows.append((label, counts))
    return years, rows
