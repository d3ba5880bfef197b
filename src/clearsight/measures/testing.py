"""Spec-test support for measures: tiny returns in, exact numerators and denominators out."""

from __future__ import annotations

import duckdb

from clearsight.measures.definition import Measure
from clearsight.measures.engine import MeasureValue, compute, prepare
from clearsight.measures.periods import parse_period
from clearsight.returns.spec import CIN_TABLES, CMS_TABLES, CSWW_TABLES, ssda903_tables
from clearsight.rules.testing import _batch
from clearsight.warehouse.load import _insert_batch, quiet
from clearsight.warehouse.schema import ensure_schema


def build(loads: list[tuple[str, str, dict[str, list[dict]]]], population: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse holding ``(return, year, {table: rows of raw text})`` loads, in order."""
    con = quiet(duckdb.connect())
    ensure_schema(con)
    for load_id, (ret, year, tables) in enumerate(loads, start=1):
        con.execute("INSERT INTO loads VALUES (?, ?, ?, ?, now(), 'test', '', '{}', '{}')", [load_id, ret, year, str(load_id)])
        specs = {"ssda903": ssda903_tables(year), "cin": CIN_TABLES, "cms": CMS_TABLES, "csww": CSWW_TABLES}[ret]
        for name, rows in tables.items():
            if rows:
                _insert_batch(con, load_id, specs[name], _batch(specs[name], rows), name, year)
    if population:
        con.execute("INSERT INTO council_settings VALUES ('population_0_17', ?)", [str(population)])
    return con


def values(measure: Measure, loads: list[tuple[str, str, dict[str, list[dict]]]], periods: list[str],
           by: str | None = None, population: int | None = None) -> list[MeasureValue]:
    con = build(loads, population)
    prepare(con, [parse_period(p) for p in periods])
    return compute(con, measure, by)


def nums(measure: Measure, loads, periods: list[str], by: str | None = None, population: int | None = None):
    """``{(period, group value or None): (numerator, denominator, value)}`` for compact assertions."""
    out = {}
    for v in values(measure, loads, periods, by, population):
        key = (v.period, next(iter(v.group.values())) if v.group else None)
        out[key] = (v.numerator, v.denominator, None if v.value is None else round(v.value, 4))
    return out
