"""The warehouse's tables: load bookkeeping, and canonical tables generated from the source specs.

Every canonical row carries ``load_id`` (the load it came from), ``row_no`` (its 0-based place in
its source table, which is how validation findings point back at the file) and ``line`` (the line
in the source file). ``current_<table>`` views show only each return and year's newest *published* load:
a load's status (``published``, ``held`` or ``discarded``) is its latest row in ``load_decisions``, and a load
with no decision (every load made before the publish gate, or straight through ``warehouse.load``) is published.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from clearsight.returns import registry
from clearsight.returns.spec import SourceTable

SCHEMA_VERSION = 6  # bump whenever a table or view is added; ensure_schema only ever adds

# Which canonical tables each return fills (every table any year of it has).
RETURN_TABLES: dict[str, dict[str, SourceTable]] = {r.code: r.all_tables() for r in registry.all_returns()}

DATE_MACRO = r"""
CREATE OR REPLACE MACRO cs_date(s) AS CASE
    WHEN regexp_full_match(trim(s), '\d{1,2}/\d{1,2}/\d{4}')
      OR regexp_full_match(trim(s), '\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?')
    THEN CAST(try_strptime(trim(s), ['%d/%m/%Y', '%Y-%m-%d', '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S',
                                      '%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M:%S.%f']) AS DATE)
END
"""

# A postcode normalised for lookups and comparisons: upper case, no spaces (``me14 1xx`` -> ``ME141XX``).
# The only place this normalisation is written; canonical tables hold it in ``<column>_norm``.
POSTCODE_MACRO = r"""
CREATE OR REPLACE MACRO cs_postcode(s) AS NULLIF(upper(replace(trim(CAST(s AS VARCHAR)), ' ', '')), '')
"""

# What rules and measures may ask of the warehouse's bookkeeping in SQL, so that none of them reads
# ``loads`` or ``council_settings`` itself: a council setting by key, and 1 April of the earliest
# collection year a return's current loads cover.
CATALOG_MACROS = [
    "CREATE OR REPLACE MACRO council_setting(k) AS (SELECT any_value(value) FROM council_settings WHERE key = k)",
    """CREATE OR REPLACE MACRO first_day_loaded(rc) AS (
           SELECT min(make_date(CAST(left(year, 4) AS INTEGER), 4, 1)) FROM current_loads WHERE return_code = rc)""",
]

META_DDL = [
    "CREATE TABLE IF NOT EXISTS schema_info (version INTEGER)",
    """CREATE TABLE IF NOT EXISTS loads (
        load_id INTEGER PRIMARY KEY,
        return_code VARCHAR NOT NULL,
        year VARCHAR NOT NULL,
        content_key VARCHAR NOT NULL,
        loaded_at TIMESTAMPTZ NOT NULL,
        loaded_by VARCHAR,
        source VARCHAR,
        rows JSON,
        meta JSON
    )""",
    """CREATE TABLE IF NOT EXISTS load_files (
        load_id INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        path VARCHAR,
        sha256 VARCHAR NOT NULL,
        bytes BIGINT
    )""",
    """CREATE TABLE IF NOT EXISTS load_findings (
        load_id INTEGER NOT NULL,
        rule VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,
        file VARCHAR,
        line BIGINT,
        path VARCHAR,
        table_name VARCHAR,
        row_no BIGINT,
        child_id VARCHAR,
        field VARCHAR,
        value VARCHAR,
        message VARCHAR
    )""",
    "CREATE TABLE IF NOT EXISTS council_settings (key VARCHAR PRIMARY KEY, value VARCHAR)",
    # Who published, held or discarded a load, when and why; the latest decision is the load's status.
    """CREATE TABLE IF NOT EXISTS load_decisions (
        decision_id INTEGER PRIMARY KEY,
        load_id INTEGER NOT NULL,
        decision VARCHAR NOT NULL,
        decided_at TIMESTAMPTZ NOT NULL,
        decided_by VARCHAR,
        reason VARCHAR,
        preview JSON
    )""",
    """CREATE OR REPLACE VIEW load_status AS
        SELECT l.load_id, coalesce(d.decision, 'published') AS status
        FROM loads l LEFT JOIN (
            SELECT load_id, decision FROM load_decisions
            QUALIFY row_number() OVER (PARTITION BY load_id ORDER BY decision_id DESC) = 1) d
          ON d.load_id = l.load_id""",
    """CREATE OR REPLACE VIEW current_loads AS
        SELECT l.* FROM loads l JOIN load_status s ON s.load_id = l.load_id AND s.status = 'published'
        QUALIFY row_number() OVER (PARTITION BY l.return_code, l.year ORDER BY l.load_id DESC) = 1""",
]

STATUSES = ("published", "held", "discarded")


def canonical_ddl(spec: SourceTable) -> str:
    cols = ["load_id INTEGER NOT NULL", "row_no BIGINT NOT NULL", "line BIGINT"]
    cols += [f"{name} {typ}" for name, typ in spec.extra_columns]
    cols += [f"{name} {typ}" for name, typ in column_types(spec)]
    return f"CREATE TABLE IF NOT EXISTS {spec.canonical} (\n    " + ",\n    ".join(cols) + "\n)"


def column_types(spec: SourceTable) -> list[tuple[str, str]]:
    """The canonical columns of a source table with their SQL types (a postcode's normalised twin included)."""
    out = []
    for c in spec.columns:
        out.append((c.name, c.sql_type))
        if c.normalised:
            out.append((c.normalised, "VARCHAR"))
    return out


def current_view_ddl(spec: SourceTable, return_code: str) -> str:
    return (f"CREATE OR REPLACE VIEW current_{spec.canonical} AS SELECT l.year, t.* FROM {spec.canonical} t "
            f"JOIN current_loads l ON l.load_id = t.load_id AND l.return_code = '{return_code}'")


def ensure_schema(con: duckdb.DuckDBPyConnection, returns: Iterable[str] | None = None) -> None:
    """Create whatever is missing; safe to call on every connection that writes.

    ``returns`` limits the canonical tables to those returns' (an in-memory database that checks one
    return's files needs no others); the default is every return's."""
    wanted = set(returns) if returns is not None else None
    for ddl in META_DDL:
        con.execute(ddl)
    con.execute(DATE_MACRO)
    con.execute(POSTCODE_MACRO)
    for ddl in CATALOG_MACROS:
        con.execute(ddl)
    existing: dict[str, set[str]] = {}
    for table, column in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND schema_name = 'main'").fetchall():
        existing.setdefault(table, set()).add(column)
    for return_code, tables in RETURN_TABLES.items():
        if wanted is not None and return_code not in wanted:
            continue
        for spec in tables.values():
            con.execute(canonical_ddl(spec))
            have = existing.get(spec.canonical)
            if have:  # a warehouse made by an earlier version: add the columns it lacks
                for name, typ in [*spec.extra_columns, *column_types(spec)]:
                    if name not in have:
                        con.execute(f"ALTER TABLE {spec.canonical} ADD COLUMN {name} {typ}")
            con.execute(current_view_ddl(spec, return_code))
    con.execute("DELETE FROM schema_info")
    con.execute("INSERT INTO schema_info VALUES (?)", [SCHEMA_VERSION])


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    try:
        rows = con.execute("SELECT max(version) FROM schema_info").fetchall()
    except duckdb.CatalogException:
        return 0
    return rows[0][0] or 0


def canonical_tables() -> list[tuple[str, SourceTable]]:
    """Every canonical table with the return that fills it."""
    return [(r, spec) for r, tables in RETURN_TABLES.items() for spec in tables.values()]
