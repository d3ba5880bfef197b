"""What the warehouse knows about its loads and the council: the only module that reads or writes the
bookkeeping tables (``loads``, ``current_loads``, ``load_files``, ``load_findings``, ``council_settings``)
for code outside ``warehouse/``.

Every function takes an open connection, so a caller decides which warehouse (the current version, a
staging copy, an in-memory one) and whether it is read-only. In SQL, rules and measures use the macros
``council_setting('key')`` and ``first_day_loaded('ssda903')`` (see ``clearsight.warehouse.schema``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb

from clearsight.returns.years import CollectionYear

# ----------------------------------------------------------------------------- loads


@dataclass(frozen=True)
class LoadInfo:
    """One load's identity: its id, its return and its collection year."""

    load_id: int
    return_code: str
    year: str


def load_info(con: duckdb.DuckDBPyConnection, load_id: int) -> LoadInfo | None:
    """The return and year of a load, or None when there is no such load."""
    rows = con.execute("SELECT load_id, return_code, year FROM loads WHERE load_id = ?", [load_id]).fetchall()
    return LoadInfo(*rows[0]) if rows else None


def load_meta(con: duckdb.DuckDBPyConnection, load_id: int) -> dict:
    """What the parser recorded about a load (e.g. ``{"format": "xml"}``); empty when none or no such load."""
    rows = con.execute("SELECT meta FROM loads WHERE load_id = ?", [load_id]).fetchall()
    return json.loads(rows[0][0]) if rows and rows[0][0] else {}


def current_load(con: duckdb.DuckDBPyConnection, return_code: str, year: str | CollectionYear) -> int | None:
    """The current (newest) load of a return for a collection year, or None."""
    rows = con.execute("SELECT load_id FROM current_loads WHERE return_code = ? AND year = ?",
                       [return_code, CollectionYear.parse(year).label]).fetchall()
    return rows[0][0] if rows else None


def previous_year_load(con: duckdb.DuckDBPyConnection, return_code: str, year: str | CollectionYear) -> int | None:
    """The current load of the same return for the collection year before ``year``, or None."""
    return current_load(con, return_code, CollectionYear.parse(year).previous)


def current_loads_of_year(con: duckdb.DuckDBPyConnection, year: str | CollectionYear) -> dict[str, int]:
    """Return code -> current load id, for every return loaded for a collection year."""
    return dict(con.execute("SELECT return_code, load_id FROM current_loads WHERE year = ?",
                            [CollectionYear.parse(year).label]).fetchall())


def load_ids(con: duckdb.DuckDBPyConnection, return_code: str) -> list[int]:
    """Every load of a return (current or not, any year), oldest first."""
    return [r[0] for r in con.execute("SELECT load_id FROM loads WHERE return_code = ? ORDER BY load_id",
                                      [return_code]).fetchall()]


def years_loaded(con: duckdb.DuckDBPyConnection, return_code: str | None = None) -> list[str]:
    """The collection years with a current load (of ``return_code``, or of any return), earliest first."""
    if return_code is None:
        rows = con.execute("SELECT DISTINCT year FROM current_loads ORDER BY year").fetchall()
    else:
        rows = con.execute("SELECT DISTINCT year FROM current_loads WHERE return_code = ? ORDER BY year",
                           [return_code]).fetchall()
    return [r[0] for r in rows]


def returns_loaded(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The returns with at least one current load."""
    return {r[0] for r in con.execute("SELECT DISTINCT return_code FROM current_loads").fetchall()}


# ----------------------------------------------------------------------------- a load's findings

@dataclass(frozen=True)
class LoadFinding:
    """A problem found in a load's files while it was read (schema and value checks)."""

    rule: str
    file: str | None
    line: int | None
    table_name: str | None
    row_no: int | None
    child_id: str | None
    field: str | None
    value: str | None
    message: str | None


def load_findings(con: duckdb.DuckDBPyConnection, load_id: int) -> list[LoadFinding]:
    """A load's file findings, in file and line order."""
    rows = con.execute("""SELECT rule, file, line, table_name, row_no, child_id, field, value, message
                          FROM load_findings WHERE load_id = ? ORDER BY file, line""", [load_id]).fetchall()
    return [LoadFinding(*r) for r in rows]


def invalid_values_query(load_id: int) -> str:
    """A SELECT of a load's bad values (``table_name, field, row_no, child_id, value``), for a rules engine
    to copy into a table its rules read."""
    return ("SELECT table_name, field, row_no, child_id, value FROM load_findings "
            f"WHERE load_id = {int(load_id)}")


# ----------------------------------------------------------------------------- council settings

def council_settings(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every council setting (``la_code``, ``la_name``, ``population_0_17`` ...), key -> value."""
    return dict(con.execute("SELECT key, value FROM council_settings ORDER BY key").fetchall())


def council_setting(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """One council setting, or None when it is not set."""
    rows = con.execute("SELECT value FROM council_settings WHERE key = ?", [key]).fetchall()
    return rows[0][0] if rows else None


def set_council_setting(con: duckdb.DuckDBPyConnection, key: str, value: object) -> None:
    """Set (or replace) one council setting; the value is kept as text."""
    con.execute("INSERT OR REPLACE INTO council_settings VALUES (?, ?)", [key, str(value)])


def set_council_settings(con: duckdb.DuckDBPyConnection, settings: dict[str, object]) -> None:
    """Set several council settings at once."""
    for key, value in settings.items():
        set_council_setting(con, key, value)
