"""How benchmarks/synth_clean.py counts children flagged by the peers (no peer install needed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "synth_clean.py"
spec = importlib.util.spec_from_file_location("synth_clean", SCRIPT)
assert spec is not None and spec.loader is not None
synth_clean = importlib.util.module_from_spec(spec)
sys.modules["synth_clean"] = synth_clean
spec.loader.exec_module(synth_clean)


def test_years_are_a_range_or_a_list() -> None:
    assert synth_clean.parse_years("2023-24..2025-26") == ["2023-24", "2024-25", "2025-26"]
    assert synth_clean.parse_years("2024-25,2022-23") == ["2024-25", "2022-23"]
    assert synth_clean.parse_years("1999-00") == ["1999-00"]
    assert synth_clean.previous_year("2000-01") == "1999-00"
    with pytest.raises(SystemExit):
        synth_clean.parse_years("2024-26")


def test_903_codes_ending_in_q_are_queries_and_the_peers_own_checks_apart() -> None:
    assert synth_clean.classify_903("103") == "error"
    assert synth_clean.classify_903("1008Q") == "query"
    for code in ("INT01", "INT36", "EPI", "NoE"):
        assert synth_clean.classify_903(code) == "internal"


def test_shares_count_children_not_rows() -> None:
    peer = {
        "tool": "csc-validator-be-903", "version": "0.1.17", "seconds": 1.0, "children_total": 200,
        "rules_run": ["101", "102", "INT01"], "rules_skipped": ["502"], "rules_failed": {"231": "KeyError: x"},
        "rule_messages": {"101": "sex not valid"},
        "findings": [
            {"rule": "101", "child": "A", "table": "Header", "row": 0, "fields": ["SEX"]},
            {"rule": "101", "child": "A", "table": "Episodes", "row": 3, "fields": ["SEX"]},
            {"rule": "102", "child": "B", "table": "Header", "row": 1, "fields": ["DOB"]},
            {"rule": "5Q", "child": "C", "table": "Header", "row": 2, "fields": []},
            {"rule": "INT01", "child": "D", "table": "AD1", "row": 0, "fields": []},
            {"rule": "102", "child": None, "table": "Header", "row": 9, "fields": []},
        ],
    }
    summary = synth_clean.summarise("ssda903", "2024-25", peer, wall=2.0, top=2)
    assert summary["children"] == 200
    assert summary["errors"] == {"children": 2, "share": 0.01, "target": 0.01, "meets_target": True}
    assert summary["queries"]["children"] == 1 and summary["queries"]["meets_target"]
    assert summary["internal"]["children"] == 1
    assert summary["findings_without_child"] == 1
    assert summary["rules_failed"] == {"231": "KeyError: x"}
    top = summary["top_rules"]
    assert [r["rule"] for r in top] == ["101", "102"]
    assert top[0]["rows"] == 2 and top[0]["children"] == 1 and top[0]["message"] == "sex not valid"


def test_cin_findings_carry_their_own_type_and_a_failed_run_is_reported() -> None:
    peer = {"tool": "csc-validator-be-cin", "children_total": 10, "seconds": 1.0, "rules_run": ["8500"],
            "findings": [{"rule": "8500", "type": "query", "child": "X", "table": "CINdetails", "row": 0,
                          "fields": []}],
            "multichild_issues": [{"rule": "100", "type": "error", "message": "Reference Date is incorrect"}]}
    summary = synth_clean.summarise("cin", "2024-25", peer, wall=1.0, top=5)
    assert summary["queries"]["children"] == 1 and summary["errors"]["children"] == 0
    assert summary["queries"]["meets_target"] is False
    assert summary["return_level"][0]["rule"] == "100"
    failed = synth_clean.summarise("cin", "2024-25", {"error": "no ruleset"}, wall=0.1, top=5)
    assert failed["error"] == "no ruleset"
