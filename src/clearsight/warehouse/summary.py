"""Counts of children at each stage of the journey, per collection year, from the current loads."""

from __future__ import annotations

import duckdb

# (label, SQL giving (year, count) over the current loads). Reference date = 31 March of the year's end.
STAGES: list[tuple[str, str]] = [
    ("Children in the CIN census", "SELECT year, count(DISTINCT child_id) FROM current_cin_children GROUP BY year"),
    ("Referrals in the year", """
        SELECT r.year, count(*) FROM current_cin_referrals r
        WHERE r.referral_date BETWEEN make_date(CAST(left(r.year, 4) AS INTEGER), 4, 1)
                                  AND make_date(CAST(left(r.year, 4) AS INTEGER) + 1, 3, 31)
        GROUP BY r.year"""),
    ("Assessments started", """
        SELECT a.year, count(*) FROM current_cin_assessments a
        WHERE a.start_date BETWEEN make_date(CAST(left(a.year, 4) AS INTEGER), 4, 1)
                               AND make_date(CAST(left(a.year, 4) AS INTEGER) + 1, 3, 31)
        GROUP BY a.year"""),
    ("Section 47 enquiries started", """
        SELECT s.year, count(*) FROM current_cin_section47 s
        WHERE s.start_date BETWEEN make_date(CAST(left(s.year, 4) AS INTEGER), 4, 1)
                               AND make_date(CAST(left(s.year, 4) AS INTEGER) + 1, 3, 31)
        GROUP BY s.year"""),
    ("Child protection plans started", """
        SELECT p.year, count(*) FROM current_cin_cp_plans p
        WHERE p.start_date BETWEEN make_date(CAST(left(p.year, 4) AS INTEGER), 4, 1)
                               AND make_date(CAST(left(p.year, 4) AS INTEGER) + 1, 3, 31)
        GROUP BY p.year"""),
    ("On a child protection plan at 31 March", """
        SELECT p.year, count(DISTINCT p.child_id) FROM current_cin_cp_plans p
        WHERE p.start_date <= make_date(CAST(left(p.year, 4) AS INTEGER) + 1, 3, 31)
          AND (p.end_date IS NULL OR p.end_date > make_date(CAST(left(p.year, 4) AS INTEGER) + 1, 3, 31))
        GROUP BY p.year"""),
    ("Looked after at any time in the year", """
        SELECT e.year, count(DISTINCT e.child_id) FROM current_cla_episodes e
        WHERE e.decom <= make_date(CAST(left(e.year, 4) AS INTEGER) + 1, 3, 31)
          AND (e.dec IS NULL OR e.dec >= make_date(CAST(left(e.year, 4) AS INTEGER), 4, 1))
        GROUP BY e.year"""),
    ("Started to be looked after", """
        SELECT e.year, count(DISTINCT e.child_id) FROM current_cla_episodes e
        WHERE e.rne IN ('S') AND e.decom BETWEEN make_date(CAST(left(e.year, 4) AS INTEGER), 4, 1)
                                          AND make_date(CAST(left(e.year, 4) AS INTEGER) + 1, 3, 31)
        GROUP BY e.year"""),
    ("Looked after at 31 March", """
        SELECT e.year, count(DISTINCT e.child_id) FROM current_cla_episodes e
        WHERE e.decom <= make_date(CAST(left(e.year, 4) AS INTEGER) + 1, 3, 31)
          AND (e.dec IS NULL OR e.dec > make_date(CAST(left(e.year, 4) AS INTEGER) + 1, 3, 31))
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
