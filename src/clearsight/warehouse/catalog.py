"""What the warehouse knows about its loads and the council: the only module that reads or writes the
bookkeeping tables (``loads``, ``current_loads``, ``load_status``, ``load_decisions``, ``load_files``,
``load_findings``, ``council_settings``) for code outside ``warehouse/``.

Every function takes an open connection, so a caller decides which warehouse (the current version, a
staging copy, an in-memory one) and whether it is read-only. In SQL, rules and measures use the macros
``council_setting('key')`` and ``first_day_loaded('ssda903')`` (see ``clearsight.warehouse.schema``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from clearsight.returns.problems import shown
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
    """The current load of a return for a collection year (its newest published load), or None."""
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
    origin: str = "schema"  # "schema" (the XSD), "values" (a value that does not fit its type) or "rule"


FILE_ORIGINS = ("schema", "values")  # findings about the files themselves, made while a load reads them


def load_findings(con: duckdb.DuckDBPyConnection, load_id: int,
                  origins: Iterable[str] | None = None) -> list[LoadFinding]:
    """A load's findings (of the given ``origins``, default every one), file findings in file and line order,
    then the DfE rules' findings in rule order."""
    chosen = list(origins) if origins is not None else ["schema", "values", "rule"]
    marks = ", ".join("?" for _ in chosen) or "NULL"
    rows = con.execute(f"""SELECT rule, file, line, table_name, row_no, child_id, field, value, message, origin
                           FROM load_findings WHERE load_id = ? AND origin IN ({marks})
                           ORDER BY origin = 'rule', file, line, rule, table_name, row_no""",
                       [load_id, *chosen]).fetchall()
    return [LoadFinding(*r) for r in rows]


def load_findings_detail(con: duckdb.DuckDBPyConnection, load_id: int,
                         origins: Iterable[str] | None = None) -> list[dict]:
    """Every finding kept with a load (of the given origins, or all), files' findings first in file and line
    order, then the rules' findings by rule.
    As plain dicts with the XML path, for listing and exporting (``clearsight findings``, ``validate``).
    """
    where, params = "load_id = ?", [load_id]
    if origins is not None:
        if not origins:
            return []
        where += " AND origin IN (" + ", ".join("?" for _ in origins) + ")"
        params += list(origins)
    rows = con.execute(f"""SELECT rule, origin, file, line, path, table_name, row_no, child_id, field, value, message
                           FROM load_findings WHERE {where}
                           ORDER BY origin = 'rule', file NULLS LAST, line NULLS LAST, rule, table_name, row_no,
                                    child_id, field""", params).fetchall()
    return [{"rule": r[0], "origin": r[1], "type": "error", "file": r[2], "line": r[3], "path": r[4], "table": r[5],
             "row": r[6], "child": r[7], "field": r[8], "value": r[9], "message": r[10]} for r in rows]


def finding_counts(con: duckdb.DuckDBPyConnection, load_id: int) -> dict[str, int]:
    """How many findings a load has, by origin (``schema``, ``values``, ``rule``); origins without any left out."""
    return dict(con.execute("SELECT origin, count(*) FROM load_findings WHERE load_id = ? GROUP BY origin",
                            [load_id]).fetchall())


def records_with_file_findings(con: duckdb.DuckDBPyConnection, load_id: int, by_child: bool = True) -> int:
    """How many records the file findings (schema and values) of a load touch: distinct children when
    ``by_child``, else distinct rows of its tables."""
    what = "DISTINCT child_id" if by_child else "DISTINCT (table_name, row_no)"
    return con.execute(f"""SELECT count({what}) FROM load_findings
                           WHERE load_id = ? AND origin IN ('schema', 'values')""", [load_id]).fetchall()[0][0]


def add_rule_findings(con: duckdb.DuckDBPyConnection, load_id: int,
                      findings: Iterable[tuple[str, str | None, int | None, str | None, str, str]]) -> int:
    """Keep the DfE rules' findings on a load (origin ``rule``), replacing any kept before; each finding is
    ``(rule, table, row, child, fields (space-separated), message)``. A child id too long to show is kept
    shortened, as the file findings show it. Returns how many were kept."""
    rows = list(findings)
    con.execute("DELETE FROM load_findings WHERE load_id = ? AND origin = 'rule'", [load_id])
    if rows:
        rule, table, row, child, fields, message = (list(c) for c in zip(*rows, strict=True))
        batch = pa.table({"rule": pa.array(rule, pa.string()), "table_name": pa.array(table, pa.string()),
                          "row_no": pa.array(row, pa.int64()), "child_id": pa.array([shown(c) for c in child], pa.string()),
                          "field": pa.array(fields, pa.string()), "message": pa.array(message, pa.string())})
        con.register("_rule_findings", batch)
        try:
            con.execute("""INSERT INTO load_findings (load_id, rule, origin, file, line, path, table_name, row_no,
                                                      child_id, field, value, message)
                           SELECT ?, rule, 'rule', NULL, NULL, NULL, table_name, row_no, child_id, field, NULL, message
                           FROM _rule_findings""", [load_id])
        finally:
            con.unregister("_rule_findings")
    return len(rows)


def invalid_values_query(load_id: int) -> str:
    """A SELECT of a load's bad values (``table_name, field, row_no, child_id, value``), for a rules engine
    to copy into a table its rules read (the file findings only: never the rules' own findings)."""
    return ("SELECT table_name, field, row_no, child_id, value FROM load_findings "
            f"WHERE load_id = {int(load_id)} AND origin IN ('schema', 'values')")


# ----------------------------------------------------------------------------- publishing: status and decisions

PUBLISHED, HELD, DISCARDED = "published", "held", "discarded"


@dataclass(frozen=True)
class LoadDecision:
    """One decision about a load: published, held for review or discarded, by whom, when and why."""

    decision_id: int
    load_id: int
    decision: str
    decided_at: str  # ISO 8601, UTC
    decided_by: str | None
    reason: str | None


def load_status(con: duckdb.DuckDBPyConnection, load_id: int) -> str | None:
    """``published``, ``held`` or ``discarded`` (a load nobody decided on is published); None: no such load."""
    rows = con.execute("SELECT status FROM load_status WHERE load_id = ?", [load_id]).fetchall()
    return rows[0][0] if rows else None


def load_statuses(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """Load id -> status, for every load."""
    return dict(con.execute("SELECT load_id, status FROM load_status").fetchall())


def record_decision(con: duckdb.DuckDBPyConnection, load_id: int, decision: str, decided_by: str | None,
                    reason: str | None, preview: dict | None = None) -> LoadDecision:
    """Publish, hold or discard a load (its status becomes ``decision``), logging who, when and why."""
    if decision not in (PUBLISHED, HELD, DISCARDED):
        raise ValueError(f"a decision is published, held or discarded, not {decision!r}")
    decision_id = con.execute("SELECT coalesce(max(decision_id), 0) + 1 FROM load_decisions").fetchall()[0][0]
    at = datetime.now(UTC)
    con.execute("INSERT INTO load_decisions VALUES (?, ?, ?, ?, ?, ?, ?)",
                [decision_id, load_id, decision, at, decided_by, reason,
                 json.dumps(preview, default=str) if preview is not None else None])
    return LoadDecision(decision_id, load_id, decision, at.isoformat(timespec="seconds"), decided_by, reason)


def withdraw_decision(con: duckdb.DuckDBPyConnection, decision_id: int) -> None:
    """Take back a decision made a moment ago on a staging copy (the publish gate's look at the figures
    without a load); a published warehouse's decisions are never withdrawn."""
    con.execute("DELETE FROM load_decisions WHERE decision_id = ?", [decision_id])


def _iso(value) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds") if hasattr(value, "astimezone") else str(value)


def load_decisions(con: duckdb.DuckDBPyConnection, load_id: int | None = None) -> list[LoadDecision]:
    """Every decision (about one load, or every load), oldest first."""
    where, args = ("WHERE load_id = ?", [load_id]) if load_id is not None else ("", [])
    rows = con.execute(f"""SELECT decision_id, load_id, decision, decided_at, decided_by, reason FROM load_decisions
                           {where} ORDER BY decision_id""", args).fetchall()
    return [LoadDecision(r[0], r[1], r[2], _iso(r[3]), r[4], r[5]) for r in rows]


def held_preview(con: duckdb.DuckDBPyConnection, load_id: int) -> dict | None:
    """The preview kept when a load was held (what publishing it would change, as it stood then), or None."""
    rows = con.execute("""SELECT preview FROM load_decisions WHERE load_id = ? AND preview IS NOT NULL
                          ORDER BY decision_id DESC LIMIT 1""", [load_id]).fetchall()
    return json.loads(rows[0][0]) if rows else None


@dataclass(frozen=True)
class CurrentLoad:
    """A load the figures are made from: its id, return, year, and when it was published (or loaded)."""

    load_id: int
    return_code: str
    year: str
    published_at: str


def current_load_list(con: duckdb.DuckDBPyConnection) -> list[CurrentLoad]:
    """Every current load (what the dashboards reflect), by load id."""
    rows = con.execute("""SELECT c.load_id, c.return_code, c.year, coalesce(
                              (SELECT max(decided_at) FROM load_decisions d
                               WHERE d.load_id = c.load_id AND d.decision = 'published'), c.loaded_at)
                          FROM current_loads c ORDER BY c.load_id""").fetchall()
    return [CurrentLoad(r[0], r[1], r[2], _iso(r[3])) for r in rows]


def next_load_id(con: duckdb.DuckDBPyConnection) -> int:
    """The id the next load will get."""
    return con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM loads").fetchall()[0][0]


# ----------------------------------------------------------------------------- the publish gate's thresholds

@dataclass(frozen=True)
class GateThresholds:
    """When a load is held for review instead of published (council settings ``gate_*``; these are the defaults).

    ``findings_share``: file findings on more than this share of its records (children); ``rows_share``: fewer
    rows than this share of the load it replaces; ``stage_change``: a stage count moving by more than this share;
    ``measure_z``: a headline measure outside these many standard errors of its value before (3.09: the 99.8%
    control limits of the funnel plots); ``min_count``: counts smaller than this are too small to judge by share.
    """

    findings_share: float = 0.02
    rows_share: float = 0.80
    stage_change: float = 0.10
    measure_z: float = 3.090232
    min_count: int = 20


GATE_SETTINGS = {"gate_findings_share": "findings_share", "gate_rows_share": "rows_share",
                 "gate_stage_change": "stage_change", "gate_measure_z": "measure_z", "gate_min_count": "min_count"}


def gate_thresholds(con: duckdb.DuckDBPyConnection) -> GateThresholds:
    """The council's publish-gate thresholds: its ``gate_*`` settings, else the defaults."""
    settings = council_settings(con)
    given: dict[str, float | int] = {}
    for key, name in GATE_SETTINGS.items():
        if settings.get(key) not in (None, ""):
            try:
                value = float(settings[key])
            except ValueError as exc:
                raise ValueError(f"the council setting {key} must be a number, not {settings[key]!r}") from exc
            given[name] = int(value) if name == "min_count" else value
    return GateThresholds(**given)


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
