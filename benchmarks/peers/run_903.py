"""Run the Data to Insight SSDA903 validator (PyPI csc-validator-be-903) and print one JSON object.

Run with the peers' own interpreter, never Clearsight's::

    benchmarks/.venv-peers/bin/python benchmarks/peers/run_903.py DIR_OR_XML --year 2024-25 \
        [--previous DIR_OR_XML] [--providers XLSX [XLSX]] [--la E10000016]

The validator is driven through its Python API (``lac_validator.LacValidator``); its command line
imports pytest and is not used. Nothing but the JSON goes to stdout: the peer's logging and prints
go to stderr. See README.md beside this file for the meaning of each key.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import logging
import numbers
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from peer_common import RunnerError, collection_year_ending, fail_json, timed_registry

TOOL = "csc-validator-be-903"


def csv_header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        return next(csv.reader(handle), [])


def collect_return_files(path: Path, description: str, column_names: dict[str, list[str]],
                         notes: list[str]) -> list[dict[str, Any]]:
    """The 903 files under ``path`` as the peer's UploadedFile dicts.

    The peer recognises a CSV only by its exact column set and refuses the whole upload for any
    other CSV, so a folder's CSVs that match no 903 table are left out (and named in ``notes``).
    """
    if path.is_file():
        candidates = [path]
    elif path.is_dir():
        candidates = sorted(path.glob("*.csv"))
        if not candidates:
            candidates = sorted(path.glob("*.xml"))[:1]
    else:
        raise RunnerError(f"{path} does not exist")
    known = {frozenset(cols): table for table, cols in column_names.items()}
    files = []
    for candidate in candidates:
        if candidate.suffix.lower() == ".csv":
            columns = frozenset(c.strip() for c in csv_header(candidate))
            if columns not in known:
                notes.append(f"{description}: {candidate.name} left out: its columns match no 903 table")
                continue
        files.append({"name": str(candidate), "description": description,
                      "file_content": candidate.read_bytes()})
    if not files:
        raise RunnerError(f"{path}: no 903 CSV or XML file found")
    return files


def provider_files(paths: list[Path]) -> list[dict[str, Any]]:
    """Ofsted's provider lists as the peer's "CH lookup" / "SCP lookup" uploads.

    One file must be the combined children's homes and social care providers list (the peer tells
    it by its sheets). With two, the children's homes list is the one with a "Provider information"
    sheet or the "Settings and Inspection Info" and "Address Details" pair; the other is the SCP list.
    """
    if not paths:
        return []
    for path in paths:
        if not path.is_file():
            raise RunnerError(f"--providers: {path} does not exist")
    if len(paths) == 1:
        return [{"name": str(paths[0]), "description": "CH lookup", "file_content": paths[0].read_bytes()}]
    if len(paths) != 2:
        raise RunnerError("--providers takes one combined list, or the CH list and the SCP list")
    import openpyxl

    def is_children_homes(path: Path) -> bool:
        sheets = set(openpyxl.load_workbook(path, read_only=True).sheetnames)
        separate = {"Settings and Inspection Info", "Address Details"}
        return "Provider information" in sheets or separate <= sheets

    ch, scp = paths
    if not is_children_homes(ch) and is_children_homes(scp):
        ch, scp = scp, ch
    return [{"name": str(ch), "description": "CH lookup", "file_content": ch.read_bytes()},
            {"name": str(scp), "description": "SCP lookup", "file_content": scp.read_bytes()}]


def findings_from_results(ds_results: dict[str, Any], registry: dict[str, Any],
                          original_rows: dict[str, int]) -> list[dict[str, Any]]:
    """One finding per (rule, table, row) from the peer's boolean ``ERR_<code>`` columns.

    The row is the table's 0-based index (the CSV data row, or the row of the table the peer built
    from XML); the child is that row's ``CHILD``. ``fields`` are the rule's declared
    ``affected_fields`` that the table has (all of them when it has none): the peer itself attaches
    the whole list to every flagged row.
    """
    findings = []
    for table, frame in ds_results.items():
        if table == "metadata":
            continue
        columns = set(frame.columns)
        for column in [c for c in frame.columns if str(c).startswith("ERR_")]:
            code = str(column)[4:]
            rule = registry.get(code)
            declared = list(rule.affected_fields or []) if rule is not None else []
            fields = [f for f in declared if f in columns] or declared
            mask = (frame[column] == True).to_numpy()  # noqa: E712 - object column of True/NaN
            rows = frame.index[mask]
            children = frame["CHILD"].to_numpy()[mask] if "CHILD" in columns else [None] * len(rows)
            for row, child in zip(rows, children, strict=True):
                row_id = int(row) if isinstance(row, numbers.Integral) else str(row)
                finding = {"rule": code, "child": None if child is None or child != child else str(child),
                           "table": table, "row": row_id, "fields": fields}
                if not isinstance(row_id, int) or not 0 <= row_id < original_rows.get(table, 0):
                    finding["row_not_in_table"] = True
                findings.append(finding)
    return findings


def distinct_children(dfs: dict[str, Any]) -> tuple[int, dict[str, int]]:
    """Distinct CHILD ids across this year's tables (``*_last`` tables are last year's)."""
    children: set[str] = set()
    per_table = {}
    for table, frame in dfs.items():
        if table.endswith("_last") or "CHILD" not in getattr(frame, "columns", []):
            continue
        ids = set(frame["CHILD"].dropna().astype(str))
        per_table[table] = len(ids)
        children |= ids
    return len(children), per_table


def fail(out: Any, year: str, message: str) -> int:
    return fail_json(out, TOOL, year, message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="a folder of 903 CSVs, or one 903 XML file")
    parser.add_argument("--year", required=True, help="collection year, e.g. 2024-25")
    parser.add_argument("--previous", type=Path, help="last year's folder of CSVs (or XML)")
    parser.add_argument("--providers", type=Path, nargs="+", default=[],
                        help="Ofsted's provider list(s): one combined XLSX, or the CH and SCP lists")
    parser.add_argument("--la", default="E10000016", help="the council's ONS code (upper tier)")
    parser.add_argument("--rules", nargs="+", help="run only these rule codes")
    parser.add_argument("--verbose", action="store_true", help="keep the peer's INFO logging (stderr)")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except RunnerError as exc:
        return fail(sys.stdout, args.year, str(exc))


def run(args: argparse.Namespace) -> int:
    ending = collection_year_ending(args.year)
    real_stdout = sys.stdout
    notes: list[str] = []
    with contextlib.redirect_stdout(sys.stderr):
        start = time.perf_counter()
        import importlib.metadata

        from lac_validator import lac_validator
        from lac_validator.config import column_names
        from lac_validator.rules.ruleset_utils import get_year_ruleset

        import_seconds = time.perf_counter() - start
        logging.getLogger().setLevel(logging.INFO if args.verbose else logging.WARNING)

        files = collect_return_files(args.path, "This year", column_names, notes)
        if args.previous is not None:
            previous = collect_return_files(args.previous, "Prev year", column_names, notes)
            this_kind = {Path(f["name"]).suffix.lower() for f in files}
            prev_kind = {Path(f["name"]).suffix.lower() for f in previous}
            if this_kind == {".xml"}:
                notes.append("--previous ignored: with XML the peer reads only the first file")
            elif prev_kind != this_kind:
                notes.append("--previous ignored: the peer refuses a mix of CSV and XML files")
            else:
                files += previous
        files += provider_files(args.providers)

        start = time.perf_counter()
        try:
            registry = get_year_ruleset(ending)
        except ModuleNotFoundError:
            import lac_validator.rules as rules_package

            years = sorted(p.name for p in Path(list(rules_package.__path__)[0]).glob("lac20*_*"))
            return fail(real_stdout, args.year, f"the peer has no ruleset for {args.year}; it has {years}")
        ruleset_seconds = time.perf_counter() - start
        rule_seconds: dict[str, float] = {}
        failures: dict[str, str] = {}
        wrapped = timed_registry(registry, rule_seconds, failures)

        start = time.perf_counter()
        try:
            validator = lac_validator.LacValidator(
                metadata={"collectionYear": ending, "localAuthority": args.la},
                files=files, registry=wrapped, selected_rules=args.rules)
        except Exception as exc:  # the peer's upload errors end the run; say so as JSON
            traceback.print_exc()
            return fail(real_stdout, args.year, f"{type(exc).__name__}: {exc}")
        seconds = time.perf_counter() - start

        original_rows = {t: len(f) for t, f in validator.dfs.items()
                         if hasattr(f, "__len__") and t != "metadata"}
        findings = findings_from_results(validator.ds_results, registry, original_rows)
        children_total, children_by_table = distinct_children(validator.dfs)
        # The peer's .fails says which rules failed; the wrapper supplied the error text.
        for code in validator.fails:
            failures.setdefault(str(code), "failed (no error text captured)")
        result = {
            "tool": TOOL,
            "version": importlib.metadata.version(TOOL),
            "year": args.year,
            "collection_year": ending,
            "la": args.la,
            "seconds": round(seconds, 3),
            "import_seconds": round(import_seconds, 3),
            "ruleset_seconds": round(ruleset_seconds, 3),
            "files": [{"name": f["name"], "description": f["description"]} for f in files],
            "tables": {t: n for t, n in original_rows.items()},
            "rules_run": [str(c) for c in validator.dones],
            "rules_skipped": [str(c) for c in validator.skips],
            "rules_failed": {str(c): failures[str(c)] for c in validator.fails},
            "slowest_rules": [[c, round(s, 3)] for c, s in
                              sorted(rule_seconds.items(), key=lambda kv: -kv[1])[:10]],
            "findings": findings,
            "rule_messages": {c: registry[c].message
                              for c in sorted({f["rule"] for f in findings}) if c in registry},
            "children_total": children_total,
            "children_by_table": children_by_table,
            "notes": notes,
        }
    real_stdout.write(json.dumps(result))  # one write: json.dump to a stream is slow
    real_stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
