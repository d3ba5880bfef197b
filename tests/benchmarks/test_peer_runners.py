"""Smoke tests of the peer-validator runners (benchmarks/peers/run_903.py, run_cin.py).

They need the peers' own virtualenv, made by ``bash benchmarks/peers/setup.sh``; without it they
are skipped. Each runner must print exactly one JSON object of the documented shape, and the
findings the peers are known to make on the public samples must be there.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
PEERS = REPO / "benchmarks" / "peers"
PEERS_PYTHON = REPO / "benchmarks" / ".venv-peers" / "bin" / "python"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PEERS_PYTHON.exists(),
                       reason="benchmarks/.venv-peers not set up (run: bash benchmarks/peers/setup.sh)"),
]


def run(script: str, *args: str | Path) -> tuple[int, dict[str, Any]]:
    done = subprocess.run([str(PEERS_PYTHON), str(PEERS / script), *map(str, args)],
                          capture_output=True, text=True, timeout=300)
    lines = done.stdout.splitlines()
    assert len(lines) == 1, f"expected one JSON line on stdout, got {done.stdout[:500]!r}"
    return done.returncode, json.loads(lines[0])


def check_shape(result: dict[str, Any], tool: str) -> None:
    assert result["tool"] == tool
    assert isinstance(result["version"], str)
    assert isinstance(result["seconds"], float) and result["seconds"] > 0
    assert isinstance(result["rules_run"], list) and result["rules_run"]
    assert isinstance(result["rules_skipped"], list)
    assert isinstance(result["rules_failed"], dict)
    assert isinstance(result["children_total"], int)
    for finding in result["findings"]:
        assert isinstance(finding["rule"], str)
        assert finding["child"] is None or isinstance(finding["child"], str)
        assert isinstance(finding["table"], str)
        assert isinstance(finding["row"], int) and finding["row"] >= 0
        assert isinstance(finding["fields"], list)


def children_flagged(result: dict[str, Any], rule: str | None = None) -> set[str]:
    return {f["child"] for f in result["findings"]
            if f["child"] is not None and (rule is None or f["rule"] == rule)}


def test_903_on_the_validator_fake_csvs(reference: Path) -> None:
    samples = reference / "ssda903" / "samples"
    providers = samples / "ofsted-providers-fake"
    code, result = run("run_903.py", samples / "validator-fake", "--year", "2024-25",
                       "--providers", providers / "ch_fake.xlsx", providers / "scp_fake.xlsx")
    assert code == 0
    check_shape(result, "csc-validator-be-903")
    assert result["year"] == "2024-25" and result["collection_year"] == "2025"
    assert result["children_total"] == 2675
    assert result["tables"]["Header"] == 2675
    # The sample's sex codes are the old 1/2; from 2024-25 the 903 wants M/F/U (rule 101).
    assert len(children_flagged(result, "101")) == 2675
    # A known fault of the peer: rule 231 (2024-25 on) always raises.
    assert result["rules_failed"]["231"].startswith("KeyError")
    # With Ofsted's two lists the URN rules run; without last year's files the 'previous' rules skip.
    assert "219" in result["rules_run"]
    assert "502" in result["rules_skipped"]
    assert set(result["rules_run"]).isdisjoint(result["rules_skipped"])
    assert result["rule_messages"]["101"]


def test_903_refuses_a_year_it_has_no_rules_for(reference: Path) -> None:
    samples = reference / "ssda903" / "samples"
    code, result = run("run_903.py", samples / "validator-fake", "--year", "2020-21")
    assert code == 1
    assert "no ruleset for 2020-21" in result["error"]


def test_cin_on_the_fake_census_with_2022_23_rules(reference: Path) -> None:
    code, result = run("run_cin.py", reference / "cin" / "samples" / "fake_CIN_data.xml", "--year", "2022-23")
    assert code == 0
    check_shape(result, "csc-validator-be-cin")
    assert result["children_total"] == 332
    # 331 of the 332 children carry a child-level finding; the peer's own user report counts 332
    # because its return-level rows have the child id "nan".
    assert len(children_flagged(result)) >= 331
    for rule in ("1510", "8831", "8569Q", "1530"):
        assert len(children_flagged(result, rule)) > 200, rule
    kinds = {f["rule"]: f["type"] for f in result["findings"]}
    assert kinds["8569Q"] == "query" and kinds["1510"] == "error"
    assert {"100", "2887Q"} <= {i["rule"] for i in result["multichild_issues"]}
    assert result["reference_date"] == "2022-07-21"


def test_cin_with_2024_25_rules_flags_every_child(reference: Path) -> None:
    code, result = run("run_cin.py", reference / "cin" / "samples" / "fake_CIN_data.xml", "--year", "2024-25")
    assert code == 0
    check_shape(result, "csc-validator-be-cin")
    # From 2024-25 the census wants <Sex>; the 2022 sample has <GenderCurrent> only (rule 4180).
    assert len(children_flagged(result, "4180")) == 332
    assert len(children_flagged(result)) == 332
