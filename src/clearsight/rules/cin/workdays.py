"""Working days for the CIN rules: weekdays that are not England and Wales bank holidays.

The bank holidays come from the ``holidays`` package (offline; England and Wales share one list,
including one-off days such as the 2022 state funeral). Two ways to use them:

- ``install(con)`` creates the table ``bank_holidays(day DATE)`` and the macros
  ``is_working_day(d)``, ``working_days_between(a, b)`` (working days after ``a`` up to and including
  ``b``) and ``working_day_before(d, n)`` (the ``n``-th working day strictly before ``d``) on a
  connection, for an engine that sets them up before the rules run.
- ``working_day_before_sql(date_sql, n)`` gives the same date as a self-contained SQL expression (the
  holidays inlined), so a rule's SQL needs nothing installed.

"ReferenceDate minus 45 working days" in the DfE rule text is ``working_day_before(ReferenceDate, 45)``:
count back 45 working days, the reference date itself not counted.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import duckdb

FIRST_YEAR, LAST_YEAR = 2000, 2040


@cache
def bank_holidays(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> tuple[date, ...]:
    """England and Wales bank holidays, sorted, for the years given (inclusive)."""
    import holidays

    days = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return tuple(sorted(days))


def _holiday_list_sql() -> str:
    return "[" + ", ".join(f"DATE '{d.isoformat()}'" for d in bank_holidays()) + "]"


def working_day_before_sql(date_sql: str, n: int) -> str:
    """SQL for the ``n``-th working day strictly before ``date_sql`` (a DATE expression), holidays inlined."""
    if n < 1:
        raise ValueError("n must be at least 1")
    window = 2 * n + 20  # n working days never span more than this many calendar days
    return (f"(SELECT max(d) FROM (SELECT CAST(r.range AS DATE) AS d FROM range("
            f"CAST(({date_sql}) AS TIMESTAMP) - INTERVAL {window} DAY, CAST(({date_sql}) AS TIMESTAMP), "
            f"INTERVAL 1 DAY) r WHERE isodow(CAST(r.range AS DATE)) < 6 "
            f"AND NOT list_contains({_holiday_list_sql()}, CAST(r.range AS DATE)) "
            f"ORDER BY d DESC LIMIT 1 OFFSET {n - 1}))")


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``bank_holidays(day DATE)`` and the working-day macros on ``con`` (temporary, idempotent)."""
    con.execute("CREATE OR REPLACE TEMP TABLE bank_holidays (day DATE PRIMARY KEY)")
    con.executemany("INSERT INTO bank_holidays VALUES (?)", [(d,) for d in bank_holidays()])
    con.execute("""CREATE OR REPLACE TEMP MACRO is_working_day(d) AS
                   isodow(CAST(d AS DATE)) < 6 AND CAST(d AS DATE) NOT IN (SELECT day FROM bank_holidays)""")
    con.execute("""CREATE OR REPLACE TEMP MACRO working_days_between(a, b) AS (
                   SELECT count(*) FROM range(CAST(a AS TIMESTAMP) + INTERVAL 1 DAY, CAST(b AS TIMESTAMP)
                                              + INTERVAL 1 DAY, INTERVAL 1 DAY) r
                   WHERE isodow(CAST(r.range AS DATE)) < 6
                     AND CAST(r.range AS DATE) NOT IN (SELECT day FROM bank_holidays))""")
    con.execute("""CREATE OR REPLACE TEMP MACRO working_day_before(d, n) AS (
                   SELECT max(x) FROM (
                       SELECT CAST(r.range AS DATE) AS x FROM range(CAST(d AS TIMESTAMP) - to_days(CAST(2 * n + 20 AS INTEGER)),
                                                                    CAST(d AS TIMESTAMP), INTERVAL 1 DAY) r
                       WHERE isodow(CAST(r.range AS DATE)) < 6
                         AND CAST(r.range AS DATE) NOT IN (SELECT day FROM bank_holidays)
                       ORDER BY x DESC LIMIT 1 OFFSET n - 1))""")
