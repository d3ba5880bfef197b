"""Versioned, atomic, idempotent loads of a return's files into the warehouse.

A load parses its files as a stream of batches and writes every row, every finding and its own
record inside one DuckDB transaction: it becomes visible in one step, and a failure or a killed
process leaves the warehouse exactly as it was. The same files again give back the same load.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from clearsight.config import warehouse_path
from clearsight.returns import registry
from clearsight.returns.collect import Batch, Collector
from clearsight.returns.csvfiles import folder_csv_files
from clearsight.returns.problems import SHOWN_CHARS, SHOWN_START, Finding, Problem, UnreadableFile
from clearsight.returns.spec import Column, SourceTable
from clearsight.returns.years import CollectionYear
from clearsight.warehouse.schema import SCHEMA_VERSION, ensure_schema, schema_version

Progress = Callable[[str, int, int], None]
QUIET: dict = {}  # connection options; the progress bar is switched off per connection by quiet()


def quiet(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Switch off DuckDB's own progress bar, which would write into our output."""
    con.execute("SET enable_progress_bar = false")
    return con


@dataclass
class LoadResult:
    load_id: int
    return_code: str
    year: str
    created: bool  # False when the same files were already loaded
    files: list[dict]
    rows: dict[str, int]
    findings: int
    loaded_at: str
    meta: dict = field(default_factory=dict)
    seconds: float = 0.0
    status: str = "published"  # published, held (waiting for review) or discarded; see clearsight.pipeline


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def input_files(path: Path, return_code: str) -> list[Path]:
    """The files a load of ``path`` will read, so their hashes can be checked before parsing.

    Refused (as the parser would refuse it) before any file is opened: a path that does not exist, a folder
    given for a one-file return, anything that is not a regular file (a named pipe would never be read to its
    end), and a folder holding an entry named like a CSV file that is not one (``header.csv`` as a folder or a
    broken link).
    """
    if not path.exists() and not path.is_symlink():
        raise UnreadableFile(Problem(str(path), "does not exist", expected="a file or folder of the return"))
    registry.get(return_code).check_input(path)
    if path.is_dir():
        return folder_csv_files(path, f"the {return_code} CSV files")
    return [path]


def content_key(return_code: str, year: str, hashes: list[str]) -> str:
    """What makes two loads the same: the return, the year and the files' contents (not their names)."""
    text = f"{return_code}|{year}|" + ",".join(sorted(hashes))
    return hashlib.sha256(text.encode()).hexdigest()


def parse(path: Path, return_code: str, year: str, out: Collector) -> Iterator[Batch]:
    """The return's batches from ``path`` (its parser, from the registry)."""
    return registry.get(return_code).parse(path, year, out)


def connect(db_path: Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse (creating it and its tables when writing)."""
    db = Path(db_path) if db_path else warehouse_path()
    if read_only:
        if not db.exists():
            raise FileNotFoundError(f"no warehouse at {db}; load a return first (clearsight load ...)")
        con = quiet(duckdb.connect(str(db), read_only=True, config=QUIET))
        if schema_version(con) < SCHEMA_VERSION:
            # A warehouse made by an earlier Clearsight: add the new tables (additive), then read.
            con.close()
            try:
                upgrade = duckdb.connect(str(db), config=QUIET)
            except duckdb.IOException as exc:
                raise FileNotFoundError(f"the warehouse at {db} needs upgrading to this version of Clearsight, "
                                        "but another process is writing to it; try again when it has finished") from exc
            ensure_schema(upgrade)
            upgrade.close()
            con = quiet(duckdb.connect(str(db), read_only=True, config=QUIET))
        return con
    db.parent.mkdir(parents=True, exist_ok=True)
    con = quiet(duckdb.connect(str(db), config=QUIET))
    ensure_schema(con)
    return con


# ----------------------------------------------------------------------------- typing in SQL

def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _typed_expr(c: Column, present: set[str] | None = None) -> str:
    if present is not None and c.source not in present:
        return f"CAST(NULL AS {c.sql_type})"  # e.g. an XML-only field in a CSV file
    col = _q(c.source)
    if c.kind in ("id", "text", "postcode"):
        return f"NULLIF(trim({col}), '')"
    if c.kind == "code":
        return f"NULLIF(upper(trim({col})), '')"
    if c.kind == "date":
        return f"cs_date({col})"
    if c.kind == "int":
        return f"TRY_CAST(NULLIF(trim({col}), '') AS INTEGER)"
    if c.kind == "number":
        return f"TRY_CAST(NULLIF(trim({col}), '') AS DOUBLE)"
    if c.kind == "bool":
        return (f"CASE lower(trim({col})) WHEN 'true' THEN true WHEN '1' THEN true "
                f"WHEN 'false' THEN false WHEN '0' THEN false END")
    if c.kind == "list":
        return f"list_transform({col}, lambda x: upper(trim(x)))"
    raise ValueError(c.kind)


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _shown(expr: str) -> str:
    """SQL for a value as findings show it: whole when short, else its start and length (``problems.shown``)."""
    return (f"CASE WHEN length({expr}) <= {SHOWN_CHARS} THEN {expr} ELSE left({expr}, {SHOWN_START}) || '... (' "
            f"|| format('{{:,}}', length({expr})) || ' characters)' END")


def _value_checks(spec: SourceTable, year: str) -> list[tuple[Column, str, str]]:
    """(column, SQL condition that is true for a bad value, SQL expression of the message) for each checkable
    column: its type, range and code list, its length where the DfE limits it (identifiers), and the table's
    ``key`` (the child's identifier) left empty."""
    checks = []
    for c in spec.columns:
        col = _q(c.source)
        present = f"trim({col}) <> ''"

        def says(message: str, c: Column = c) -> str:
            return _sql_str(c.source + " " + message)

        if c.kind == "date":
            checks.append((c, f"{present} AND cs_date({col}) IS NULL",
                           says("is not a valid date (expected dd/mm/yyyy or yyyy-mm-dd)")))
        elif c.kind == "int":
            checks.append((c, f"{present} AND TRY_CAST(trim({col}) AS INTEGER) IS NULL", says("is not a whole number")))
            if c.min_value is not None or c.max_value is not None:
                lo = c.min_value if c.min_value is not None else -(2**31)
                hi = c.max_value if c.max_value is not None else 2**31 - 1
                checks.append((c, f"{present} AND TRY_CAST(trim({col}) AS INTEGER) NOT BETWEEN {lo} AND {hi}",
                               says(f"is outside the allowed range {lo} to {hi}")))
        elif c.kind == "number":
            checks.append((c, f"{present} AND TRY_CAST(trim({col}) AS DOUBLE) IS NULL", says("is not a number")))
        elif c.kind == "bool":
            checks.append((c, f"{present} AND lower(trim({col})) NOT IN ('true','false','1','0')",
                           says("is not a yes/no value (expected 1, 0, true or false)")))
        elif c.kind == "code" and c.codes:
            codes = ", ".join(_sql_str(x) for x in c.codes)
            shown = ", ".join(c.codes) if len(c.codes) <= 40 else ", ".join(c.codes[:40]) + ", ..."
            checks.append((c, f"{present} AND upper(trim({col})) NOT IN ({codes})",
                           says(f"is not a valid {year} code (expected one of {shown})")))
        if c.max_length is not None:
            checks.append((c, f"length(trim({col})) > {c.max_length}",
                           f"{_sql_str(c.source + ' is ')} || format('{{:,}}', length(trim({col}))) || "
                           + _sql_str(f" characters long (expected at most {c.max_length}, the DfE's limit)")))
        if c.source == spec.key:
            checks.append((c, f"trim({col}) = ''", says(
                f"is empty (expected the council's identifier for the child: every {spec.name} record needs one)")))
    return checks


def insert_batch(con: duckdb.DuckDBPyConnection, load_id: int, spec: SourceTable, batch: pa.Table,
                 file_name: str, year: str) -> int:
    """Type one batch of a source table's raw text into its canonical table as part of load ``load_id``, and
    record its bad values as ``load_findings``; returns the rows written.

    ``batch`` holds the source columns as text (a list of text for ``list`` columns), plus ``_row`` (the 0-based
    row in the source table) and ``_line`` (the line in the file), as a parser yields them. Bad values are those
    of :func:`_value_checks` and, in a table with a ``key``, each further record of a child the load already
    holds a record of (in this batch or an earlier one). Long values are shown shortened, never whole.
    """
    con.register("_batch", batch)
    try:
        extras = [name for name, _t in spec.extra_columns]
        present = set(batch.column_names)
        target, typed = [], []
        for c in spec.columns:
            target.append(c.name)
            typed.append(_typed_expr(c, present))
            if c.normalised:
                target.append(c.normalised)
                typed.append(f"cs_postcode({typed[-1]})")
        cols = ["load_id", "row_no", "line", *extras, *target]
        exprs = [str(load_id), "_row", "_line", *[_q(e) for e in extras], *typed]
        con.execute(f"INSERT INTO {spec.canonical} ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM _batch")
        child_col = next((c for c in spec.columns if c.kind == "id" and c.name == "child_id"), None)
        child = _shown(f"NULLIF(trim({_q(child_col.source)}), '')") if child_col else "NULL"
        selects = []
        for c, bad, message in _value_checks(spec, year):
            if c.source not in present:
                continue
            selects.append(
                f"SELECT {load_id}, 'XSD', 'values', {_sql_str(file_name)}, _line, NULL, {_sql_str(spec.name)}, _row, "
                f"{child}, {_sql_str(c.source)}, {_shown(_q(c.source))}, {message} "
                f"FROM _batch WHERE {bad}")
        if spec.key and spec.key in present:
            selects.append(_second_records(load_id, spec, file_name))
        if selects:
            con.execute("INSERT INTO load_findings " + " UNION ALL ".join(selects))
        return batch.num_rows
    finally:
        _unregister(con, "_batch")


def _second_records(load_id: int, spec: SourceTable, file_name: str) -> str:
    """A SELECT of findings for the batch's records of a child whom the load already holds an earlier record of.

    The batch is in the canonical table by now, so its own repeats are found with those of earlier batches.
    """
    key = spec.column(spec.key or "")
    raw, canonical = _q(key.source), _q(key.name)
    ident = f"NULLIF(trim(b.{raw}), '')"
    first = "coalesce('line ' || d.first_line, 'row ' || (d.first_row + 1))"
    message = (_sql_str(key.source + " '") + f" || {_shown(ident)} || "
               + _sql_str("' is a second record of the same child, first recorded on ")
               + f" || {first} || " + _sql_str(f" (expected each child once in {spec.name})"))
    return (f"SELECT {load_id}, 'XSD', 'values', {_sql_str(file_name)}, b._line, NULL, {_sql_str(spec.name)}, b._row, "
            f"{_shown(ident)}, {_sql_str(key.source)}, {_shown(f'b.{raw}')}, {message} "
            f"FROM _batch b JOIN (SELECT {canonical} AS id, min(row_no) AS first_row, "
            f"arg_min(line, row_no) AS first_line FROM {spec.canonical} WHERE load_id = {load_id} AND {canonical} IN "
            f"(SELECT NULLIF(trim({raw}), '') FROM _batch) GROUP BY {canonical} HAVING count(*) > 1) d "
            f"ON d.id = {ident} AND b._row > d.first_row")


def _unregister(con: duckdb.DuckDBPyConnection, name: str) -> None:
    try:
        con.unregister(name)
    except duckdb.Error:
        pass  # the transaction already failed; the original error is the one to report


def _insert_findings(con: duckdb.DuckDBPyConnection, load_id: int, findings: list[Finding]) -> None:
    if not findings:
        return
    cols = {k: [getattr(f, k) for f in findings] for k in
            ("rule", "file", "line", "path", "table", "row", "child", "field", "value", "message")}
    table = pa.table({
        "rule": pa.array(cols["rule"], pa.string()), "file": pa.array(cols["file"], pa.string()),
        "line": pa.array(cols["line"], pa.int64()), "path": pa.array(cols["path"], pa.string()),
        "table_name": pa.array(cols["table"], pa.string()), "row_no": pa.array(cols["row"], pa.int64()),
        "child_id": pa.array(cols["child"], pa.string()), "field": pa.array(cols["field"], pa.string()),
        "value": pa.array(cols["value"], pa.string()), "message": pa.array(cols["message"], pa.string()),
    })
    con.register("_findings", table)
    try:
        con.execute(f"""INSERT INTO load_findings SELECT {load_id}, rule, 'schema', file, line, path, table_name,
                        row_no, child_id, field, value, message FROM _findings""")
        # A bad value that both the schema and the value checks caught is reported once: the schema's
        # finding (with its line, XML path and message) stays, and takes the row number rules rely on.
        same = """s.load_id = v.load_id AND s.origin = 'schema' AND v.origin = 'values' AND s.file = v.file
                  AND s.field = v.field AND coalesce(s.child_id, '') = coalesce(v.child_id, '')
                  AND coalesce(s.value, '') = coalesce(v.value, '')"""
        con.execute(f"""UPDATE load_findings s SET row_no = v.row_no, table_name = coalesce(s.table_name, v.table_name)
                        FROM load_findings v WHERE s.load_id = ? AND {same}""", [load_id])
        con.execute(f"""DELETE FROM load_findings v WHERE v.load_id = ? AND v.origin = 'values' AND EXISTS (
                          SELECT 1 FROM load_findings s WHERE {same})""", [load_id])
    finally:
        _unregister(con, "_findings")


def _pause_for_tests(stage: str) -> None:
    """Let the kill-mid-load test stop the process at a known point inside the transaction."""
    pause = os.environ.get("CLEARSIGHT_TEST_PAUSE_IN_LOAD", "")  # "<stage>:<seconds>"
    if pause.partition(":")[0] == stage:
        print(f"CLEARSIGHT-PAUSED {stage}", file=sys.stderr, flush=True)
        time.sleep(float(pause.partition(":")[2] or 60))


# ----------------------------------------------------------------------------- the load itself

def existing_load(con: duckdb.DuckDBPyConnection, key: str) -> int | None:
    """The load of these very files (its content key), unless it was discarded: discarded files load anew."""
    rows = con.execute("""SELECT l.load_id FROM loads l JOIN load_status s ON s.load_id = l.load_id
                          WHERE l.content_key = ? AND s.status <> 'discarded' ORDER BY l.load_id LIMIT 1""",
                       [key]).fetchall()
    return rows[0][0] if rows else None


def load_return(path: Path | str, return_code: str, year: str, *, db_path: Path | None = None,
                loaded_by: str | None = None, progress: Progress | None = None) -> LoadResult:
    """Load one return's files for one collection year straight into a warehouse file (default: the
    warehouse); see the module docstring for the guarantees. People's loads go through
    :mod:`clearsight.pipeline`, which loads into a staging copy and publishes it through the publish gate."""
    con = connect(db_path)
    try:
        return load_on(con, path, return_code, year, loaded_by=loaded_by, progress=progress)
    finally:
        con.close()


def load_on(con: duckdb.DuckDBPyConnection, path: Path | str, return_code: str, year: str, *,
            loaded_by: str | None = None, progress: Progress | None = None) -> LoadResult:
    """:func:`load_return` on an open warehouse connection: the existing load of the same files
    (``created`` False), or a new load written in one transaction."""
    started = time.perf_counter()
    path = Path(path)
    CollectionYear.parse(year)  # validates the year's form
    files = input_files(path, return_code)
    if progress:
        progress("hashing", 0, len(files))
    hashes = [_hash_file(f) for f in files]
    key = content_key(return_code, year, hashes)
    found = existing_load(con, key)
    if found is not None:
        result = describe_load(con, found)
        result.created = False
        return result
    load_id = load_into(con, path, return_code, year, key=key, loaded_by=loaded_by, progress=progress)
    result = describe_load(con, load_id)
    result.seconds = time.perf_counter() - started
    return result


def load_into(con: duckdb.DuckDBPyConnection, path: Path, return_code: str, year: str, *, key: str = "",
              loaded_by: str | None = None, progress: Progress | None = None) -> int:
    """Parse ``path`` and write it as a new load on ``con`` in one transaction; return the load id.

    The warehouse uses this through :func:`load_return`; validation uses it on an in-memory database.
    """
    out = Collector(progress=(lambda d, t: progress("reading", d, t)) if progress else None)
    con.execute("BEGIN TRANSACTION")
    try:
        load_id = con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM loads").fetchall()[0][0]
        rows: dict[str, int] = {}
        first = True
        for spec, batch in parse(path, return_code, year, out):
            file_name = _file_of(out, spec, path)
            rows[spec.canonical] = rows.get(spec.canonical, 0) + insert_batch(
                con, load_id, spec, batch, file_name, year)
            if first:
                _pause_for_tests("after-first-batch")
                first = False
        _insert_findings(con, load_id, out.findings)
        loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
        con.execute(
            "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [load_id, return_code, year, key or f"unkeyed-{load_id}", loaded_at, loaded_by or whoami(), str(path),
             json.dumps(rows), json.dumps(out.meta, default=str)])
        for f in out.files:
            con.execute("INSERT INTO load_files VALUES (?, ?, ?, ?, ?)", [load_id, f.name, f.path, f.sha256, f.size])
        _pause_for_tests("before-commit")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return load_id


def _file_of(out: Collector, spec: SourceTable, path: Path) -> str:
    tables = out.meta.get("tables")
    if tables and spec.name in tables:
        return tables[spec.name]
    return path.name


def whoami() -> str:
    """Who is running this (the user name), for the record of a load or a decision."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not a reason to refuse a load
        return "unknown"


def describe_load(con: duckdb.DuckDBPyConnection, load_id: int) -> LoadResult:
    row = con.execute(
        "SELECT load_id, return_code, year, rows, loaded_at, meta FROM loads WHERE load_id = ?", [load_id]).fetchall()
    if not row:
        raise KeyError(f"no load {load_id}")
    row = row[0]
    files = [{"name": n, "sha256": s} for n, s in con.execute(
        "SELECT name, sha256 FROM load_files WHERE load_id = ? ORDER BY name", [load_id]).fetchall()]
    findings = con.execute("SELECT count(*) FROM load_findings WHERE load_id = ?", [load_id]).fetchall()[0][0]
    status = con.execute("SELECT status FROM load_status WHERE load_id = ?", [load_id]).fetchall()[0][0]
    loaded_at = row[4]
    return LoadResult(
        load_id=row[0], return_code=row[1], year=row[2], created=True, files=files,
        rows=json.loads(row[3]) if row[3] else {}, findings=findings,
        loaded_at=loaded_at.astimezone(UTC).isoformat(timespec="seconds") if hasattr(loaded_at, "astimezone") else str(loaded_at),
        meta=json.loads(row[5]) if row[5] else {}, status=status,
    )


def list_loads(db_path: Path | None = None) -> list[LoadResult]:
    """Every load, oldest first, with its status and findings (of the file checks and the DfE rules)."""
    db = Path(db_path) if db_path else warehouse_path()
    if not db.exists():
        return []
    con = connect(db, read_only=True)  # upgrades a warehouse made by an earlier version first
    try:
        ids = [r[0] for r in con.execute("SELECT load_id FROM loads ORDER BY load_id").fetchall()]
        return [describe_load(con, i) for i in ids]
    finally:
        con.close()
