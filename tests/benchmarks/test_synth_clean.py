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


def _write_903(root, year: str, header: list[str], episodes: list[str]) -> None:
    folder = root / year / "ssda903"
    folder.mkdir(parents=True)
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n" + "".join(h + "\n" for h in header))
    (folder / "episodes.csv").write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        + "".join(e + "\n" for e in episodes))


def test_only_findings_the_councils_own_files_disprove_are_set_apart(tmp_path) -> None:
    # A left care at 18 in 2021-22 after four years; B was never looked after; C's sex was recoded 1 -> M;
    # D's sex changed 1 -> F; E was placed in K3 in 2024-25 (a valid code that year); F in Z9 (not a code).
    _write_903(tmp_path, "2021-22", ["A,1,01/06/2003,WBRI,UN1,,", "C,1,01/01/2010,WBRI,UN1,,"],
               ["A,01/06/2017,S,C2,N1,U6,PR1,01/06/2021,E8,,,,", "C,01/01/2021,S,C2,N1,U6,PR1,,,,,,"])
    _write_903(tmp_path, "2023-24", ["C,1,01/01/2010,WBRI,UN1,,", "D,1,01/01/2010,WBRI,UN1,,"],
               ["C,01/01/2021,S,C2,N1,U6,PR1,,,,,,", "D,01/01/2021,S,C2,N1,U6,PR1,,,,,,"])
    _write_903(tmp_path, "2024-25", ["A,M,01/06/2003,WBRI,UN1,,", "B,M,01/06/2003,WBRI,UN1,,",
                                     "C,M,01/01/2010,WBRI,UN1,,", "D,F,01/01/2010,WBRI,UN1,,",
                                     "E,M,01/01/2008,WBRI,UN1,,", "F,M,01/01/2008,WBRI,UN1,,"],
               ["C,01/01/2021,S,C2,N1,U6,PR1,,,,,,", "D,01/01/2021,S,C2,N1,U6,PR1,,,,,,",
                "E,01/01/2025,S,V2,N1,K3,PR4,,,,,,", "F,01/01/2025,S,V2,N1,Z9,PR4,,,,,,"])
    care = synth_clean.care_history(tmp_path, "2024-25")
    year = "2024-25"
    assert synth_clean.contradicts("1002", "A", care, year) and synth_clean.contradicts("1001", "A", care, year)
    assert not synth_clean.contradicts("1002", "B", care, year) and not synth_clean.contradicts("1001", "B", care, year)
    assert synth_clean.contradicts("202", "C", care, year)
    assert not synth_clean.contradicts("202", "D", care, year)
    assert synth_clean.contradicts("146", "E", care, year)
    assert not synth_clean.contradicts("146", "F", care, year)
    assert not synth_clean.contradicts("103", "A", care, year)  # other rules are never set apart
