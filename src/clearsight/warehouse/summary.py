"""Counts of children at each stage of the journey, per collection year, from the current loads; and how many
records one load holds (what the publish gate compares)."""

from __future__ import annotations

import duckdb

from clearsight.warehouse.schema import RETURN_TABLES

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


def stage_counts_of_year(con: duckdb.DuckDBPyConnection, year: str) -> dict[str, int]:
    """Stage label -> count of children (or events) in one collection year, from the current loads."""
    return {label: counts.get(year, 0) for label, counts in stage_counts(con)[1]}


def records_in_load(con: duckdb.DuckDBPyConnection, return_code: str, load_id: int) -> tuple[int, bool]:
    """How many records a load holds: its distinct children when its tables name children (``True``), else its
    rows (``False``)."""
    tables = [spec for spec in RETURN_TABLES.get(return_code, {}).values()]
    with_child = [spec.canonical for spec in tables if any(c.name == "child_id" for c in spec.columns)]
    if with_child:
        union = " UNION ".join(f"SELECT child_id FROM {t} WHERE load_id = {int(load_id)} AND child_id IS NOT NULL"
                               for t in dict.fromkeys(with_child))
        return con.execute(f"SELECT count(*) FROM ({union})").fetchall()[0][0], True
    total = sum(con.execute(f"SELECT count(*) FROM {t} WHERE load_id = ?", [load_id]).fetchall()[0][0]
                for t in dict.fromkeys(spec.canonical for spec in tables))
    return total, False
