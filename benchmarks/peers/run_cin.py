"""Run the Data to Insight CIN census validator (PyPI csc-validator-be-cin) and print one JSON object.

Run with the peers' own interpreter, never Clearsight's::

    benchmarks/.venv-peers/bin/python benchmarks/peers/run_cin.py FILE.xml --year 2024-25

The validator is driven through its Python API (``convert_data`` → ``process_data`` →
``CinValidator``); its command line imports pytest and is not used. Nothing but the JSON goes to
stdout: the peer prints rule crashes with ``print``, and those go to stderr. See README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from peer_common import RunnerError, collection_year_ending, fail_json, timed_registry

TOOL = "csc-validator-be-cin"


def rule_kind(rule: Any) -> str:
    """"error" or "query", from the rule's ``rule_type`` (a RuleType enum: ERROR="Error", QUERY="Query")."""
    return "query" if getattr(rule.rule_type, "name", str(rule.rule_type)).upper() == "QUERY" else "error"


def findings_from_issues(issue_df: Any, registry: dict[str, Any]) -> list[dict[str, Any]]:
    """One finding per (rule, child, table, row), its fields gathered from the peer's one-per-field rows.

    ``full_issue_df`` has a row per (child, rule, table, column, row); its own ``rule_type`` column
    is the shape of the rule's locations (0-3), not error/query, so the kind comes from the registry.
    """
    if issue_df is None or len(issue_df) == 0:
        return []
    grouped: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rec in issue_df[["child_id", "tables_affected", "columns_affected", "row_id", "rule_code"]] \
            .itertuples(index=False):
        child, table, column, row, code = rec
        child = None if child is None or child != child else str(child)
        table = None if table is None or table != table else str(table)
        try:
            row_id: Any = int(row)
        except (TypeError, ValueError):
            row_id = None
        key = (str(code), child, table, row_id)
        finding = grouped.get(key)
        if finding is None:
            rule = registry.get(str(code))
            finding = {"rule": str(code), "type": rule_kind(rule) if rule is not None else "error",
                       "child": child, "table": table, "row": row_id, "fields": []}
            grouped[key] = finding
        if column is not None and column == column and str(column) not in finding["fields"]:
            finding["fields"].append(str(column))
    return list(grouped.values())


def fail(out: Any, year: str, message: str) -> int:
    return fail_json(out, TOOL, year, message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="one CIN census XML file")
    parser.add_argument("--year", required=True, help="collection year, e.g. 2024-25")
    parser.add_argument("--rules", nargs="+", help="run only these rule codes")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except RunnerError as exc:
        return fail(sys.stdout, args.year, str(exc))


def run(args: argparse.Namespace) -> int:
    ending = collection_year_ending(args.year)
    real_stdout = sys.stdout
    if not args.path.is_file():
        return fail(real_stdout, args.year, f"{args.path} is not a file")
    with contextlib.redirect_stdout(sys.stderr):
        start = time.perf_counter()
        import importlib.metadata

        from cin_validator import cin_validator
        from cin_validator.rules.ruleset_utils import get_year_ruleset

        import_seconds = time.perf_counter() - start

        start = time.perf_counter()
        try:
            registry = get_year_ruleset(ending)
        except ModuleNotFoundError:
            import cin_validator.rules as rules_package

            years = sorted(p.name for p in Path(list(rules_package.__path__)[0]).glob("cin20*_*"))
            return fail(real_stdout, args.year, f"the peer has no ruleset for {args.year}; it has {years}")
        ruleset_seconds = time.perf_counter() - start
        rule_seconds: dict[str, float] = {}
        failures: dict[str, str] = {}
        wrapped = timed_registry(registry, rule_seconds, failures)

        start = time.perf_counter()
        try:
            root = ET.parse(args.path).getroot()
            raw = cin_validator.convert_data(root)
            convert_seconds = time.perf_counter() - start
            data = cin_validator.process_data(raw)
            tables = {name: len(frame) for name, frame in data.items()}
            reference_date = data["Header"]["ReferenceDate"].iloc[0] if len(data["Header"]) else None
            children = set(data["ChildIdentifiers"]["LAchildID"].dropna().astype(str))
            rules_start = time.perf_counter()
            validator = cin_validator.CinValidator(data, wrapped, selected_rules=args.rules)
            rules_seconds = time.perf_counter() - rules_start
        except Exception as exc:  # unreadable input ends the run; say so as JSON
            traceback.print_exc()
            return fail(real_stdout, args.year, f"{type(exc).__name__}: {exc}")
        seconds = time.perf_counter() - start

        findings = findings_from_issues(validator.full_issue_df, registry)
        multichild = []
        if validator.multichild_issues is not None and len(validator.multichild_issues):
            for code in dict.fromkeys(validator.multichild_issues["rule_code"].astype(str)):
                rule = registry.get(code)
                multichild.append({"rule": code, "type": rule_kind(rule) if rule is not None else "error",
                                   "message": rule.message if rule is not None else None})
        ran = [code for code in (str(c) for c in registry) if not args.rules or code in args.rules]
        result = {
            "tool": TOOL,
            "version": importlib.metadata.version(TOOL),
            "year": args.year,
            "collection_year": ending,
            "reference_date": None if reference_date is None or reference_date != reference_date
            else str(getattr(reference_date, "date", lambda: reference_date)()),
            "seconds": round(seconds, 3),
            "convert_seconds": round(convert_seconds, 3),
            "rules_seconds": round(rules_seconds, 3),
            "import_seconds": round(import_seconds, 3),
            "ruleset_seconds": round(ruleset_seconds, 3),
            "tables": tables,
            "rules_run": [c for c in ran if c not in failures],
            "rules_skipped": [],
            "rules_failed": failures,
            "rule_types": {str(c): rule_kind(r) for c, r in registry.items()},
            "slowest_rules": [[c, round(s, 3)] for c, s in
                              sorted(rule_seconds.items(), key=lambda kv: -kv[1])[:10]],
            "findings": findings,
            "rule_messages": {c: registry[c].message
                              for c in sorted({f["rule"] for f in findings}) if c in registry},
            "multichild_issues": multichild,
            "children_total": len(children),
        }
    real_stdout.write(json.dumps(result))  # one write: json.dump to a stream is slow
    real_stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
