"""validate, measures and loads write each format through the one output writer (a tiny synthetic council)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clearsight.cli import app

YEAR = "2025-26"


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    """A synthetic council of 80 children with faults, its 903 and CIN census loaded; the data directory."""
    root = tmp_path_factory.mktemp("cli-outputs")
    env = {"CLEARSIGHT_DATA_DIR": str(root / "data")}
    runner = CliRunner()
    res = runner.invoke(app, ["synth", "--out", str(root / "council"), "--children", "80", "--years", YEAR,
                              "--faults", "0.3", "--seed", "5"], env=env)
    assert res.exit_code == 0, res.output
    for path, code in (("ssda903", "ssda903"), ("cin_census.xml", "cin")):
        res = runner.invoke(app, ["load", str(root / "council" / YEAR / path), "--return", code, "--year", YEAR],
                            env=env)
        assert res.exit_code == 0, res.output
    return root, env


def invoke(env, *args):
    res = CliRunner().invoke(app, list(args), env=env)
    assert res.exit_code == 0, res.output
    return res


def test_loads_as_json_lists_both_loads(council):
    _root, env = council
    loads = json.loads(invoke(env, "loads", "--format", "json").stdout)["loads"]
    assert [(r["return"], r["year"]) for r in loads] == [("ssda903", YEAR), ("cin", YEAR)]


def test_validate_writes_csv_json_and_the_findings_workbook(council, tmp_path):
    _root, env = council
    printed = invoke(env, "validate", "ssda903", "--load", "1", "--format", "csv").stdout_bytes
    rows = list(csv.reader(io.StringIO(printed.decode(), newline="")))
    assert rows[0] == ["rule", "type", "child", "table", "row", "fields", "message"]
    assert len(rows) > 1
    out = tmp_path / "findings.csv"
    invoke(env, "validate", "ssda903", "--load", "1", "--format", "csv", "--out", str(out))
    assert out.read_bytes() == b"\xef\xbb\xbf" + printed
    payload = json.loads(invoke(env, "validate", "ssda903", "--load", "1", "--format", "json").stdout)
    # The CSV lists the rules' findings and then the files' (values and schema problems), JSON keeps them apart.
    assert len(rows) - 1 == len(payload["findings"]) + len(payload.get("file_findings", []))
    book = tmp_path / "findings.xlsx"
    res = invoke(env, "validate", "ssda903", "--load", "1", "--format", "xlsx", "--out", str(book))
    assert res.stdout.startswith("Wrote") and "rules run" in res.stdout
    assert load_workbook(book).sheetnames[0] == "Summary"


def test_measures_write_csv_json_and_a_measures_sheet(council, tmp_path):
    _root, env = council
    printed = invoke(env, "measures", "--format", "csv").stdout
    header = next(csv.reader(io.StringIO(printed)))
    assert header[:4] == ["id", "name", "period", "group"]
    payload = json.loads(invoke(env, "measures", "--format", "json").stdout)
    assert len(payload["measures"]) == len(printed.splitlines()) - 1
    book = tmp_path / "m.xlsx"
    invoke(env, "measures", "--format", "xlsx", "--out", str(book))
    ws = load_workbook(book)["Measures"]
    assert [c.value for c in ws[1]][:4] == header[:4]
    assert ws.max_row == len(payload["measures"]) + 1


HONEST_KEYS = ["value", "lower", "upper", "history", "history_note", "comparison", "england"]


def test_measures_of_a_never_loaded_year_say_no_data_not_zero(council):
    _root, env = council
    payload = json.loads(invoke(env, "measures", "--year", "2019-20", "--format", "json").stdout)
    (cin02,) = [v for v in payload["measures"] if v["id"] == "CIN02"]
    assert all(k in cin02 for k in HONEST_KEYS)
    assert (cin02["history"], cin02["value"], cin02["numerator"], cin02["lower"], cin02["comparison"]) == (
        "no data", None, None, None, None)
    assert all(v["history"] == "no data" and v["value"] is None for v in payload["measures"])
    table = CliRunner().invoke(app, ["measures", "--year", "2019-20"], env={**env, "COLUMNS": "200"}).stdout
    (line,) = [x for x in table.splitlines() if "CIN02" in x and "Re-referrals" in x]
    assert "0.0%" not in line and "no data" in line


def test_measures_carry_intervals_history_and_comparison_in_every_format(council, tmp_path):
    _root, env = council
    payload = json.loads(invoke(env, "measures", "--year", YEAR, "--format", "json").stdout)["measures"]
    by_id = {v["id"]: v for v in payload if not v["group"]}
    # One census loaded: re-referrals look back 12 months before it, so CIN02 is incomplete and not compared.
    cin02 = by_id["CIN02"]
    assert cin02["history"] == "incomplete" and cin02["comparison"] is None and cin02["value"] is not None
    assert "history begins 1 April 2025" in cin02["history_note"]
    # CIN05 needs no look-back: complete, with an interval around its value and a comparison with England.
    cin05 = by_id["CIN05"]
    assert cin05["history"] == "complete" and cin05["comparison"] in ("better", "worse", "similar")
    assert cin05["lower"] <= cin05["value"] <= cin05["upper"]
    header = next(csv.reader(io.StringIO(invoke(env, "measures", "--format", "csv").stdout)))
    assert all(k in header for k in HONEST_KEYS) and "compared_with_england" not in header
    book = tmp_path / "honest.xlsx"
    invoke(env, "measures", "--format", "xlsx", "--out", str(book))
    assert all(k in [c.value for c in load_workbook(book)["Measures"][1]] for k in HONEST_KEYS)
    table = CliRunner().invoke(app, ["measures"], env={**env, "COLUMNS": "200"}).stdout
    assert "* CIN02 2025-26: incomplete: re-referrals look back 12 months" in table


def test_a_monthly_series_says_where_full_history_begins(council):
    _root, env = council
    out = CliRunner().invoke(app, ["measure", "CIN02", "--series", "monthly"], env={**env, "COLUMNS": "200"}).stdout
    assert "Full history: none of these months has all the history it needs" in out
    payload = json.loads(invoke(env, "measure", "CIN02", "--series", "monthly", "--format", "json").stdout)
    assert {v["history"] for v in payload["measures"]} == {"incomplete"}


def test_the_demo_headline_shows_intervals_and_comparisons(council, monkeypatch):
    from rich.console import Console

    from clearsight import demo

    _root, env = council
    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", env["CLEARSIGHT_DATA_DIR"])
    console = Console(record=True, width=200, force_terminal=False)
    demo._print_headline(console, YEAR)
    text = console.export_text()
    assert "council (95% interval)" in text and "similar: England's figure is inside" in text
    (cp02,) = [line for line in text.splitlines() if "CP02" in line]
    assert any(word in cp02 for word in ("better", "worse", "similar"))
    # One census loaded: CIN02's look-back is not covered, so it is marked and explained, not compared.
    (cin02,) = [line for line in text.splitlines() if "CIN02 Re-referrals" in line]
    assert "incomplete*" in cin02 and not any(word in cin02 for word in ("better", "worse", "similar"))
    assert "* CIN02: incomplete: re-referrals look back 12 months" in text
