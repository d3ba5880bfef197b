"""Spec-test support: tiny tables in, the exact offending rows out, through the real load typing."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from clearsight.returns.ofsted_providers import install_providers
from clearsight.returns.spec import CIN_TABLES, ssda903_tables
from clearsight.rules.definition import Rule
from clearsight.rules.engine import RunContext, create_period_macros, create_views, run_rules
from clearsight.warehouse.load import _insert_batch, quiet
from clearsight.warehouse.schema import ensure_schema


def _batch(spec, rows: list[dict]) -> pa.Table:
    data = {}
    for c in spec.columns:
        typ = pa.list_(pa.string()) if c.kind == "list" else pa.string()
        data[c.source] = pa.array([r.get(c.source, [] if c.kind == "list" else "") for r in rows], typ)
    for name, _t in spec.extra_columns:
        data[name] = pa.array([r.get(name) for r in rows], pa.int64())
    data["_row"] = pa.array(range(len(rows)), pa.int64())
    data["_line"] = pa.array([i + 2 for i in range(len(rows))], pa.int64())
    return pa.table(data)


def flagged(rule: Rule, year: str, tables: dict[str, list[dict]],
            previous: dict[str, list[dict]] | None = None, providers: list[dict] | None = None,
            la: str | None = None, postcodes: list[dict] | None = None,
            source_format: str = "csv") -> set[tuple[str, int, str | None]]:
    """Load ``tables`` (DfE table name → rows of raw text, as in the file) and run one rule.

    Returns the offending rows as ``{(table, row, child)}``. Rows are numbered from 0 in the order given.
    ``postcodes`` rows (postcode, la_code, easting, northing) stand in for the national postcode lookup.
    Last year's views (``prev_*``) always exist, empty unless ``previous`` is given, as in a real run.
    ``providers`` rows use the columns of ``clearsight.returns.ofsted_providers`` (urn, provider_type,
    registration_date, closed_date, placement_code, postcode, places, ...).
    """
    con = quiet(duckdb.connect())
    ensure_schema(con)
    specs = ssda903_tables(year) if rule.return_code == "ssda903" else CIN_TABLES
    for load_id, data in ((1, tables), (2, previous or {})):
        for name, rows in data.items():
            if rows:
                _insert_batch(con, load_id, specs[name], _batch(specs[name], rows), f"{name}.csv", year)
    create_views(con, specs.values(), 1)
    create_views(con, specs.values(), 2 if previous is not None else -1, prefix="prev_")
    if postcodes is not None:
        con.register("_postcodes", pa.Table.from_pylist(postcodes))
        con.execute("CREATE TEMP TABLE postcodes AS SELECT * FROM _postcodes")
        con.unregister("_postcodes")
    create_period_macros(con, year, la)
    if providers is not None:
        install_providers(con, pa.Table.from_pylist(providers))
    ctx = RunContext(rule.return_code, year, 1, previous_load_id=2 if previous is not None else None,
                     providers_loaded=providers is not None, la=la, source_format=source_format)
    result = run_rules(con, [rule], ctx)
    if rule.code in result.rules_not_run:
        raise AssertionError(f"{rule.code} did not run: {result.rules_not_run[rule.code]}")
    return {(f.table, f.row, f.child) for f in result.findings}


def flagged_cross(rule: Rule, year: str, ssda903: dict[str, list[dict]], cin: dict[str, list[dict]],
                  earlier_ssda903: dict[str, list[dict]] | None = None) -> set[tuple[str, int, str | None]]:
    """Load a tiny 903 and CIN census for the same year (and optionally an earlier 903) and run one cross check."""
    from clearsight.rules.validate import cross_views

    con = quiet(duckdb.connect())
    ensure_schema(con)
    specs = {"ssda903": ssda903_tables(year), "cin": CIN_TABLES}
    loads = [(1, "ssda903", year, ssda903), (2, "cin", year, cin)]
    if earlier_ssda903:
        loads.append((3, "ssda903", f"{int(year[:4]) - 1}-{int(year[:4]) % 100:02d}", earlier_ssda903))
    for load_id, ret, y, data in loads:
        con.execute("INSERT INTO loads VALUES (?, ?, ?, ?, now(), 'test', '', '{}', '{}')", [load_id, ret, y, str(load_id)])
        for name, rows in data.items():
            if rows:
                _insert_batch(con, load_id, specs[ret][name], _batch(specs[ret][name], rows), f"{name}", y)
    cross_views(con, year, 1, 2)
    result = run_rules(con, [rule], RunContext("cross", year, 1))
    if rule.code in result.rules_not_run:
        raise AssertionError(f"{rule.code} did not run: {result.rules_not_run[rule.code]}")
    return {(f.table, f.row, f.child) for f in result.findings}
