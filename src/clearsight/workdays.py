"""Working days: weekdays that are not England and Wales bank holidays.

Bank holidays come from the ``holidays`` package (offline, maintained), never a hand-typed list or a
download at run time. ``install(con)`` creates a ``calendar`` table with a running count of working
days and a ``working_days(a, b)`` macro: the working days after ``a`` up to and including ``b``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import duckdb
import holidays
import pyarrow as pa

FIRST_YEAR, LAST_YEAR = 2000, 2040


@cache
def bank_holidays() -> tuple[dt.date, ...]:
    """England and Wales bank holidays from ``FIRST_YEAR`` to ``LAST_YEAR``."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    return tuple(sorted(days))


@cache
def calendar_table() -> pa.Table:
    """Every day from ``FIRST_YEAR`` to ``LAST_YEAR`` with whether it is a working day and a running count."""
    holidays_set = set(bank_holidays())
    day = dt.date(FIRST_YEAR, 1, 1)
    last = dt.date(LAST_YEAR, 12, 31)
    days, working, index = [], [], []
    n = 0
    while day <= last:
        w = day.weekday() < 5 and day not in holidays_set
        n += w
        days.append(day)
        working.append(w)
        index.append(n)
        day += dt.timedelta(days=1)
    return pa.table({"day": pa.array(days, pa.date32()), "working": working, "wd_index": pa.array(index, pa.int32())})


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``bank_holidays``, ``calendar`` and ``working_days(a, b)`` on the connection (idempotent)."""
    present = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'calendar'").fetchall()[0][0]
    if present:
        return
    con.register("_bh", pa.table({"day": pa.array(bank_holidays(), pa.date32())}))
    con.register("_cal", calendar_table())
    con.execute("CREATE TEMP TABLE bank_holidays AS SELECT day FROM _bh")
    con.execute("CREATE TEMP TABLE calendar AS SELECT * FROM _cal")
    con.unregister("_bh")
    con.unregister("_cal")
    con.execute("""CREATE OR REPLACE TEMP MACRO working_days(a, b) AS
                   (SELECT c2.wd_index FROM calendar c2 WHERE c2.day = b)
                   - (SELECT c1.wd_index FROM calendar c1 WHERE c1.day = a)""")
