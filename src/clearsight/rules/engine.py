"""Runs rule definitions over a load, set-based in DuckDB, and returns findings as data."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import duckdb

from clearsight.returns import registry
from clearsight.returns.spec import SourceTable
from clearsight.returns.years import CollectionYear
from clearsight.rules.definition import Rule, catalogue
from clearsight.warehouse import catalog, reference


@dataclass
class RunContext:
    """What a validation run checks: one load of a return and year, and optional inputs."""

    return_code: str
    year: str
    load_id: int
    previous_load_id: int | None = None
    providers_loaded: bool = False
    la: str | None = None  # the council's ONS code (E10000016), for rules about placements out of area
    source_format: str | None = None  # "csv" or "xml": the form the return came in


@dataclass
class Finding:
    rule: str
    type: str
    child: str | None
    table: str
    row: int | None
    fields: list[str]


@dataclass
class ValidationResult:
    return_code: str
    year: str
    rules_run: list[str] = field(default_factory=list)
    rules_not_run: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def as_json(self, with_type: bool = False) -> dict:
        """The documented JSON shape; CIN and cross findings also say ``type`` (error or query)."""
        if with_type:
            findings = [{"rule": f.rule, "type": f.type, "child": f.child, "table": f.table, "row": f.row,
                         "fields": f.fields} for f in self.findings]
        else:
            findings = [{"rule": f.rule, "child": f.child, "table": f.table, "row": f.row, "fields": f.fields}
                        for f in self.findings]
        return {"return": self.return_code, "year": self.year, "rules_run": self.rules_run,
                "rules_not_run": self.rules_not_run, "findings": findings}


def create_views(con: duckdb.DuckDBPyConnection, tables: Iterable[SourceTable], load_id: int, prefix: str = "",
                 shared: bool = False) -> None:
    """Temporary tables named after the DfE tables, holding one load's rows.

    They are copied once (a few hundred milliseconds at national size) so that each of the hundreds of
    rules scans a small table of its own load instead of filtering the warehouse's tables again.
    ``shared`` makes them ordinary tables instead, which every cursor of the database sees: for a private
    in-memory database whose rules run on several threads (:func:`run_rules`), never for the warehouse.
    """
    tables = list(tables)
    existing = {} if shared else _temp_objects(con)
    for t in tables:
        _replace(con, f"{prefix}{t.name}", f"SELECT * FROM {t.canonical} WHERE load_id = {int(load_id)}", existing,
                 shared)
    if any(t.name == "ChildIdentifiers" for t in tables):
        # The CIN census's ChildIdentifiers and ChildCharacteristics modules share one canonical table.
        _drop_temp(con, f"{prefix}ChildCharacteristics", existing)
        kind = "OR REPLACE VIEW main." if shared else "TEMP VIEW "
        con.execute(f'CREATE {kind}"{prefix}ChildCharacteristics" AS SELECT * FROM "{prefix}ChildIdentifiers"')
    _replace(con, f"{prefix}invalid_values", catalog.invalid_values_query(load_id), existing, shared)


def _temp_objects(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """The temporary tables and views there are, by lower-case name: [(kind, name)], read once per call of
    :func:`create_views` (asking the catalogue for each name cost a few milliseconds a table)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for kind, name in con.execute("""SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary
                                     UNION ALL SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary""").fetchall():
        found.setdefault(name.lower(), []).append((kind, name))
    return found


def _drop_temp(con: duckdb.DuckDBPyConnection, name: str, existing: dict[str, list[tuple[str, str]]]) -> None:
    """Drop a temporary table or view of that name; never anything in the warehouse itself.

    Names are compared without case, so ``cin_Header`` (a temporary view) and ``cin_header`` (a warehouse
    table) are the same name: only the ``temp`` catalogue is touched.
    """
    for kind, found in existing.pop(name.lower(), []):
        con.execute(f'DROP {kind} temp.main."{found}"')


def _replace(con: duckdb.DuckDBPyConnection, name: str, select: str,
             existing: dict[str, list[tuple[str, str]]], shared: bool = False) -> None:
    if shared:
        con.execute(f'CREATE OR REPLACE TABLE main."{name}" AS {select}')
        return
    _drop_temp(con, name, existing)
    con.execute(f'CREATE TEMP TABLE "{name}" AS {select}')


def create_period_macros(con: duckdb.DuckDBPyConnection, year: str, la: str | None = None) -> None:
    """``collection_start()``, ``collection_end()`` and ``la_code()`` for the rules' SQL."""
    cy = CollectionYear.parse(year)
    la_sql = "NULL" if not la else "'" + la.replace("'", "''") + "'"
    con.execute(f"CREATE OR REPLACE TEMP MACRO la_code() AS CAST({la_sql} AS VARCHAR)")
    con.execute(f"CREATE OR REPLACE TEMP MACRO collection_start() AS DATE '{cy.first_day.isoformat()}'")
    con.execute(f"CREATE OR REPLACE TEMP MACRO collection_end() AS DATE '{cy.last_day.isoformat()}'")


def _install_postcodes(con: duckdb.DuckDBPyConnection) -> None:
    """Make the ``postcodes`` lookup table available (once per connection), holding only the postcodes
    the return's episodes (this year's and last year's) mention."""
    if not reference.has_table(con, "postcodes"):
        # The load's tables: temporary ones, or ordinary ones in a private database whose rules share them.
        views = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() UNION "
                                           "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        used = [f"SELECT {col} FROM {view} WHERE {col} IS NOT NULL"
                for view in ("Episodes", "prev_Episodes", "lac_Episodes") if view in views
                for col in ("home_post_norm", "pl_post_norm")]
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "providers" in tables:  # the URN rules look up where providers' premises are
            used.append("SELECT postcode_norm FROM providers WHERE postcode_norm IS NOT NULL")
        reference.install_postcodes(con, " UNION ".join(used) if used else None)


_CODES = re.compile(r"\{codes:(\w+)\.(\w+)\}")


def render_sql(rule: Rule, year: str) -> str:
    """The rule's SQL for a year: ``{codes:Table.FIELD}`` becomes that year's code list."""
    if "{codes:" not in rule.sql:
        return rule.sql
    tables = registry.get(rule.return_code).tables(year)

    def codes(m: re.Match) -> str:
        col = tables[m.group(1)].column(m.group(2))
        return "(" + ", ".join("'" + c.replace("'", "''") + "'" for c in col.codes or ()) + ")"

    return _CODES.sub(codes, rule.sql)


BATCH = 40  # rules planned and run together in one query


def run_rules(con: duckdb.DuckDBPyConnection, rules: Iterable[Rule], ctx: RunContext,
              one_by_one: bool = False, threads: int = 1) -> ValidationResult:
    """Run every rule that applies to the year; a rule whose input is missing is reported as not run.

    Rules run in batches, each batch one ``UNION ALL`` query, so DuckDB plans and parallelises them
    together; if a batch fails, its rules run one by one so that only the faulty rule is reported.
    ``one_by_one`` times each rule separately (``result.seconds``).

    ``threads`` > 1 runs the batches on that many threads, each with its own cursor: planning a query is
    single-threaded in DuckDB, and planning is most of a batch's time at a council's size, so two batches
    planned at once finish sooner. Only for a private in-memory database (validating files): the
    connection's temporary tables, views and macros are first copied into its main schema
    (:func:`share_temporary`) so that the other cursors see them. The findings are the same either way.
    """
    result = ValidationResult(ctx.return_code, ctx.year)
    runnable: list[Rule] = []
    for rule in rules:
        if not rule.applies_to(ctx.year):
            continue
        if "previous" in rule.needs and ctx.previous_load_id is None:
            result.rules_not_run[rule.code] = "needs last year's return (--previous)"
            continue
        if "providers" in rule.needs and not ctx.providers_loaded:
            result.rules_not_run[rule.code] = "needs Ofsted's provider lists (--providers)"
            continue
        if "la" in rule.needs and not ctx.la:
            result.rules_not_run[rule.code] = "needs the council's code (--la)"
            continue
        if "xml" in rule.needs and ctx.source_format != "xml":
            result.rules_not_run[rule.code] = "checks a field only the XML form of the return has (this one is CSV)"
            continue
        if "postcodes" in rule.needs:
            _install_postcodes(con)
        runnable.append(rule)
    rows_by_rule: dict[str, list] = {}
    size = 1 if one_by_one else BATCH
    batches = [runnable[i:i + size] for i in range(0, len(runnable), size)]
    if threads > 1 and len(batches) > 1 and not one_by_one:
        share_temporary(con)
        local = threading.local()

        def run(batch: list[Rule]) -> tuple[dict, dict]:
            if not hasattr(local, "cursor"):
                local.cursor = con.cursor()
            return _run_or_isolate(local.cursor, batch, ctx.year, result.seconds)

        with ThreadPoolExecutor(threads) as pool:
            outcomes = list(pool.map(run, batches))
    else:
        outcomes = [_run_or_isolate(con, batch, ctx.year, result.seconds) for batch in batches]
    for rows, failed in outcomes:
        rows_by_rule.update(rows)
        result.rules_not_run.update(failed)
    types = {code: e.type for code, e in catalogue(ctx.return_code).items()}
    for rule in runnable:
        if rule.code not in rows_by_rule:
            continue
        result.rules_run.append(rule.code)
        for table, row_no, child in rows_by_rule[rule.code]:
            result.findings.append(Finding(rule.code, types.get(rule.code, "error"), child, table,
                                           row_no, list(rule.fields.get(table, ()))))
    return result


def _run_or_isolate(con: duckdb.DuckDBPyConnection, batch: list[Rule], year: str,
                    seconds: dict[str, float]) -> tuple[dict, dict]:
    """A batch's findings by rule, and the rules that failed (each with why): when the batch fails as a
    whole, its rules run one by one so that only the faulty rule is reported."""
    try:
        return _run_batch(con, batch, year, seconds), {}
    except duckdb.Error:
        rows, failed = {}, {}
        for rule in batch:
            try:
                rows.update(_run_batch(con, [rule], year, seconds))
            except duckdb.Error as exc:
                failed[rule.code] = f"failed: {exc}"
        return rows, failed


def share_temporary(con: duckdb.DuckDBPyConnection) -> None:
    """Copy the connection's temporary tables, views and macros into its main schema, so that other cursors of
    the same database see them. For a private in-memory database only: never call it on the warehouse."""
    for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall():
        con.execute(f'CREATE OR REPLACE TABLE main."{name}" AS SELECT * FROM temp.main."{name}"')
    for name, kind, params, body in con.execute(
            "SELECT function_name, function_type, parameters, macro_definition FROM duckdb_functions() "
            "WHERE database_name = 'temp' AND function_type IN ('macro', 'table_macro')").fetchall():
        table = "TABLE " if kind == "table_macro" else ""
        con.execute(f'CREATE OR REPLACE MACRO main."{name}"({", ".join(params)}) AS {table}{body}')
    for (sql,) in con.execute("SELECT sql FROM duckdb_views() WHERE temporary AND NOT internal").fetchall():
        con.execute(re.sub(r"^CREATE TEMP(ORARY)? VIEW", "CREATE OR REPLACE VIEW", sql.strip().rstrip(";")))


def _run_batch(con: duckdb.DuckDBPyConnection, batch: list[Rule], year: str, seconds: dict[str, float]) -> dict:
    started = time.perf_counter()
    parts = [f"SELECT DISTINCT {i} AS rule_index, * FROM ({render_sql(rule, year)})" for i, rule in enumerate(batch)]
    rows = con.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 2, 3").fetchall()
    out: dict[str, list] = {rule.code: [] for rule in batch}
    for index, table, row_no, child in rows:
        out[batch[index].code].append((table, row_no, child))
    if len(batch) == 1:
        seconds[batch[0].code] = time.perf_counter() - started
    return out
