"""Validation runs: files (or an existing load) in, findings out.

Files are parsed into a private in-memory warehouse with the same loader the real warehouse uses,
so validating never changes the council's data; ``--load ID`` checks a load already in the warehouse.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from clearsight.returns import registry
from clearsight.returns.years import CollectionYear
from clearsight.rules.definition import Rule
from clearsight.rules.engine import (
    RunContext,
    ValidationResult,
    create_period_macros,
    create_views,
    run_rules,
)
from clearsight.warehouse import catalog
from clearsight.warehouse.load import connect, load_into, quiet
from clearsight.warehouse.reference import load_providers
from clearsight.warehouse.schema import ensure_schema


def rules_for(return_code: str) -> list[Rule]:
    """Every implemented rule of a return: the ``RULES`` of the package the returns registry names for it."""
    package = registry.get(return_code).rules
    if package is None:
        raise ValueError(f"no rules for {return_code!r}")
    return list(importlib.import_module(package).RULES)


RULE_THREADS = 2  # batches planned at once when validating files (see rules.engine.run_rules)


@dataclass
class Timing:
    parse: float = 0.0
    rules: float = 0.0


def validate_files(path: Path, return_code: str, year: str, *, previous: Path | None = None,
                   previous_year: str | None = None, providers: list[Path] | None = None, la: str | None = None,
                   threads: int = RULE_THREADS) -> tuple[ValidationResult, duckdb.DuckDBPyConnection, Timing]:
    """Validate files without touching the warehouse; returns the result and the in-memory database (the
    database is this call's own, so its rules may run on ``threads`` threads: see ``rules.engine.run_rules``)."""
    timing = Timing()
    started = time.perf_counter()
    con = quiet(duckdb.connect())
    ensure_schema(con, returns=[return_code])
    load_id = load_into(con, path, return_code, year)
    prev_id = None
    if previous is not None:
        prev_id = load_into(con, previous, return_code, previous_year or CollectionYear.parse(year).previous.label)
    if providers:
        load_providers(con, providers)
    timing.parse = time.perf_counter() - started
    result = run_on(con, return_code, year, load_id, prev_id, bool(providers), la, threads=threads)
    timing.rules = time.perf_counter() - started - timing.parse
    return result, con, timing


def validate_load(load_id: int, *, previous_load: int | None = None,
                  providers: list[Path] | None = None, la: str | None = None) -> tuple[ValidationResult, duckdb.DuckDBPyConnection]:
    """Validate a load already in the warehouse (read-only); see :func:`validate_load_on`."""
    con = connect(read_only=True)
    return validate_load_on(con, load_id, previous_load=previous_load, providers=providers, la=la), con


def validate_load_on(con: duckdb.DuckDBPyConnection, load_id: int, *, previous_load: int | None = None,
                     providers: list[Path] | None = None, la: str | None = None) -> ValidationResult:
    """Run a load's rules on ``con``: last year's current load and the council's code (setting ``la_code``)
    unless given, so ``clearsight validate --load`` and the rules a load runs when it is loaded find the same."""
    info = catalog.load_info(con, load_id)
    if info is None:
        raise KeyError(f"there is no load {load_id}; `clearsight loads` lists them")
    return_code, year = info.return_code, info.year
    if la is None:
        la = catalog.council_setting(con, "la_code")
    if previous_load is None:
        previous_load = catalog.previous_year_load(con, return_code, year)
    if providers:
        load_providers(con, providers)
    return run_on(con, return_code, year, load_id, previous_load, bool(providers), la)


def run_on(con: duckdb.DuckDBPyConnection, return_code: str, year: str, load_id: int, previous_load: int | None,
           providers: bool, la: str | None = None, threads: int = 1) -> ValidationResult:
    tables = registry.get(return_code).tables(year).values()
    source_format = catalog.load_meta(con, load_id).get("format")
    create_views(con, tables, load_id, shared=threads > 1)
    create_views(con, tables, previous_load if previous_load is not None else -1, prefix="prev_", shared=threads > 1)
    create_period_macros(con, year, la)
    ctx = RunContext(return_code, year, load_id, previous_load, providers, la, source_format)
    return run_rules(con, rules_for(return_code), ctx, threads=threads)


def cross_views(con: duckdb.DuckDBPyConnection, year: str, lac_load: int, cin_load: int) -> None:
    """The views the cross-return checks read: ``lac_*`` (903), ``cin_*`` (CIN census), ``lac_all_Episodes``."""
    create_views(con, registry.get("ssda903").tables(year).values(), lac_load, prefix="lac_")
    create_views(con, registry.get("cin").tables(year).values(), cin_load, prefix="cin_")
    every_903 = ", ".join(str(i) for i in catalog.load_ids(con, "ssda903")) or "NULL"
    con.execute(f"CREATE OR REPLACE TEMP VIEW lac_all_Episodes AS SELECT * FROM cla_episodes WHERE load_id IN ({every_903})")
    create_period_macros(con, year)


def validate_cross(year: str) -> tuple[ValidationResult, duckdb.DuckDBPyConnection]:
    """Run the cross-return checks over the current 903 and CIN loads of a year (read-only)."""
    from clearsight.rules.cross import RULES as CROSS_RULES

    con = connect(read_only=True)
    current = catalog.current_loads_of_year(con, year)
    missing = [r for r in ("ssda903", "cin") if r not in current]
    if missing:
        result = ValidationResult("cross", year)
        why = "needs a current load of " + " and ".join(missing) + f" for {year} (clearsight load ...)"
        result.rules_not_run = {r.code: why for r in CROSS_RULES if r.applies_to(year)}
        return result, con
    cross_views(con, year, current["ssda903"], current["cin"])
    return run_rules(con, CROSS_RULES, RunContext("cross", year, current["ssda903"])), con
