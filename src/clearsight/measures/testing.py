"""Spec-test support for measures: tiny returns in, exact numerators and denominators out."""

from __future__ import annotations

import duckdb

from clearsight.measures.definition import Measure
from clearsight.measures.engine import MeasureValue, compute, prepare
from clearsight.measures.periods import parse_period
from clearsight.warehouse import testing


def build(loads: list[tuple[str, str, dict[str, list[dict]]]], population: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse holding ``(return, year, {table: rows of raw text})`` loads, in order, and the
    council's 0-17 population when given."""
    return testing.build(loads, {"population_0_17": population} if population else None)


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
