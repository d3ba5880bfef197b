"""Test warehouses built from tiny tables: rows of raw text per source table, typed by the real load.

Spec tests of rules and measures describe their input as the council's files hold it (``{"CHILD": "1",
"DECOM": "01/04/2024"}``); these helpers put such rows into an in-memory warehouse through the same typing
and value checks a real load uses, so a test sees exactly what a rule or measure would see.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from clearsight.returns import registry
from clearsight.returns.spec import SourceTable
from clearsight.warehouse import catalog
from clearsight.warehouse.load import insert_batch, quiet
from clearsight.warehouse.schema import ensure_schema

Rows = list[dict]


def source_tables(return_code: str, year: str) -> dict[str, SourceTable]:
    """A return's source tables for a collection year, by the name tests use for them (the DfE's, or the file's)."""
    return registry.get(return_code).tables(year)


def raw_batch(spec: SourceTable, rows: Rows) -> pa.Table:
    """Rows of raw text, keyed by source column name, as the batch a parser yields (a missing value is blank)."""
    data = {}
    for c in spec.columns:
        typ = pa.list_(pa.string()) if c.kind == "list" else pa.string()
        data[c.source] = pa.array([r.get(c.source, [] if c.kind == "list" else "") for r in rows], typ)
    for name, _t in spec.extra_columns:
        data[name] = pa.array([r.get(name) for r in rows], pa.int64())
    data["_row"] = pa.array(range(len(rows)), pa.int64())
    data["_line"] = pa.array([i + 2 for i in range(len(rows))], pa.int64())
    return pa.table(data)


def empty_warehouse() -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse with every table, view and macro, and nothing loaded."""
    con = quiet(duckdb.connect())
    ensure_schema(con)
    return con


def add_rows(con: duckdb.DuckDBPyConnection, load_id: int, return_code: str, year: str, tables: dict[str, Rows],
             file_name: str = "{name}") -> None:
    """Type ``tables`` (source table name -> rows of raw text) into the canonical tables as load ``load_id``.

    The load is not recorded in ``loads`` (see :func:`add_load`), so it is not a current load: rules read it
    through views made for its id. ``file_name`` names the file each table came from (``{name}`` is the table).
    """
    specs = source_tables(return_code, year)
    for name, rows in tables.items():
        if rows:
            insert_batch(con, load_id, specs[name], raw_batch(specs[name], rows), file_name.format(name=name), year)


def add_load(con: duckdb.DuckDBPyConnection, load_id: int, return_code: str, year: str, tables: dict[str, Rows],
             file_name: str = "{name}") -> None:
    """Record load ``load_id`` of a return and year in ``loads`` (so it is the current load when it is the newest)
    and type its ``tables`` in, as :func:`add_rows`."""
    con.execute("INSERT INTO loads VALUES (?, ?, ?, ?, now(), 'test', '', '{}', '{}')",
                [load_id, return_code, year, str(load_id)])
    add_rows(con, load_id, return_code, year, tables, file_name)


def build(loads: list[tuple[str, str, dict[str, Rows]]], settings: dict[str, object] | None = None
          ) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse holding ``(return, year, {table: rows of raw text})`` loads, numbered from 1 in
    the order given, and the council ``settings`` given (e.g. ``{"population_0_17": 21000}``)."""
    con = empty_warehouse()
    for load_id, (return_code, year, tables) in enumerate(loads, start=1):
        add_load(con, load_id, return_code, year, tables)
    catalog.set_council_settings(con, settings or {})
    return con


def install_postcode_rows(con: duckdb.DuckDBPyConnection, rows: Rows) -> None:
    """A stand-in for the national postcode lookup: ``postcodes`` holding just these rows (postcode, la_code,
    easting, northing ...), so a test needs no national data."""
    con.register("postcode_rows", pa.Table.from_pylist(rows))
    try:
        con.execute("CREATE TEMP TABLE postcodes AS SELECT * FROM postcode_rows")
    finally:
        con.unregister("postcode_rows")
