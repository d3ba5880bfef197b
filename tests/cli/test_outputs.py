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
