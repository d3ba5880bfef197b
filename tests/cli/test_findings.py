"""One account of findings, and safe exports, through the real command line.

``clearsight findings LOAD_ID`` lists what a load's files broke (the broken corpus's CIN census with schema
problems) in each format; ``validate cin`` and ``validate ssda903`` show the files' schema and value findings
beside the rules'; a formula someone typed into a return (``=cmd|' /C calc'!A0`` as a child's id and sex) is
exported as text in CSV and Excel, and kept as it came in JSON.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clearsight.cli import app
from clearsight.reports.findings import FINDING_KEYS
from clearsight.reports.validation import FILE_FINDINGS_SHEET, FINDINGS_COLUMNS

BROKEN = Path(__file__).resolve().parents[1] / "broken"
CENSUS = BROKEN / "cin" / "bad_values.xml"  # two children, seven schema findings (codes, a date, structure)
YEAR = "2024-25"  # the corpus census's collection year (ReferenceDate 2025-03-31)
CALC = "=cmd|' /C calc'!A0"
SCHEMA_LINES = [24, 30, 31, 37, 44, 50, 56]  # the census's seven schema findings, by line


def formula_903(folder: Path) -> Path:
    """The corpus's good 903 folder with child C1 renamed to a formula, whose sex is that formula too."""
    shutil.copytree(BROKEN / "ssda903" / "good", folder)
    for name in ("header.csv", "episodes.csv"):
        path = folder / name
        lines = path.read_text().splitlines()
        lines = [CALC + ("," + CALC + line[4:] if name == "header.csv" else line[2:]) if line.startswith("C1,")
                 else line for line in lines]
        path.write_text("\n".join(lines) + "\n")
    return folder


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A warehouse holding the corpus census with schema problems (load 1) and the formula 903 (load 2)."""
    root = tmp_path_factory.mktemp("findings")
    env = {"CLEARSIGHT_DATA_DIR": str(root / "data")}
    folder = formula_903(root / "ssda903")
    for path, code in ((CENSUS, "cin"), (folder, "ssda903")):
        res = CliRunner().invoke(app, ["load", str(path), "--return", code, "--year", YEAR], env=env)
        assert res.exit_code == 0, res.output
    return env, folder


def invoke(env, *args, code: int = 0):
    res = CliRunner().invoke(app, [str(a) for a in args], env=env)
    assert res.exit_code == code, res.output
    return res


def csv_rows(printed: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(printed.decode("utf-8-sig"), newline="")))


# ----------------------------------------------------------------------------- clearsight findings

def test_findings_lists_a_loads_schema_findings_on_screen(loaded):
    env, _ = loaded
    out = CliRunner().invoke(app, ["findings", "1"], env={**env, "COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    text = out.stdout
    # The census's seven schema findings, and the DfE rules' findings the load kept with them.
    assert text.startswith("load 1: cin 2024-25, 21 findings (14 rule, 7 schema) for 2 children")
    for piece in ("XSD", "schema", "bad_values.xml:24", "DfEX0000001", "Sex", "[facet 'enumeration']",
                  "bad_values.xml:50", "FavouriteColour", "blue"):
        assert piece in text


def test_findings_as_csv_has_a_row_per_finding_with_its_line_path_field_and_value(loaded, tmp_path):
    env, _ = loaded
    printed = invoke(env, "findings", "1", "--format", "csv").stdout_bytes
    rows = csv_rows(printed)
    assert rows[0] == list(FINDING_KEYS)
    listed = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert [f["origin"] for f in listed] == ["schema"] * 7 + ["rule"] * 14  # the files' findings first
    found = listed[:7]
    assert [int(f["line"]) for f in found] == SCHEMA_LINES
    sex = found[0]
    assert (sex["rule"], sex["origin"], sex["type"], sex["file"], sex["table"], sex["child"], sex["field"],
            sex["value"]) == ("XSD", "schema", "error", "bad_values.xml", "ChildIdentifiers", "DfEX0000001", "Sex", "X")
    assert sex["path"] == "/Message/Children/Child[1]/ChildIdentifiers/Sex"
    assert "'X' is not an element of the set" in sex["message"]
    out = tmp_path / "findings.csv"
    invoke(env, "findings", "1", "--format", "csv", "--out", out)
    assert out.read_bytes() == b"\xef\xbb\xbf" + printed


def test_findings_as_json_has_the_documented_shape(loaded):
    env, _ = loaded
    payload = json.loads(invoke(env, "findings", "1", "--format", "json").stdout)
    assert list(payload) == ["load", "return", "year", "findings"]
    assert (payload["load"], payload["return"], payload["year"]) == (1, "cin", YEAR)
    assert [f["line"] for f in payload["findings"] if f["origin"] != "rule"] == SCHEMA_LINES
    assert all(list(f) == list(FINDING_KEYS) for f in payload["findings"])
    date = payload["findings"][1]
    assert (date["field"], date["value"], date["table"], date["row"]) == ("CINreferralDate", "2024-02-31",
                                                                          "CINdetails", 0)


def test_findings_as_a_workbook(loaded, tmp_path, monkeypatch):
    env, _ = loaded
    book = tmp_path / "f.xlsx"
    assert invoke(env, "findings", "1", "--format", "xlsx", "--out", book).stdout == f"Wrote {book}\n"
    ws = load_workbook(book)["Findings"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == list(FINDING_KEYS)
    origin = FINDING_KEYS.index("origin")
    assert [r[FINDING_KEYS.index("line")] for r in values[1:] if r[origin] != "rule"] == SCHEMA_LINES
    monkeypatch.chdir(tmp_path)
    invoke(env, "findings", "1", "--format", "xlsx")
    assert (tmp_path / "findings-load-1.xlsx").exists()


def test_loads_counts_the_findings_that_findings_lists(loaded):
    env, _ = loaded
    listed = {n: len(json.loads(invoke(env, "findings", n, "--format", "json").stdout)["findings"]) for n in (1, 2)}
    table = invoke({**env, "COLUMNS": "200"}, "loads").stdout
    cells = [[c.strip() for c in line.strip("│").split("│")] for line in table.splitlines() if line.startswith("│")]
    heading = ["id", "return", "year", "status", "files", "rows", "findings", "loaded at"]
    counted = {int(c[0]): int(c[heading.index("findings")].replace(",", "")) for c in cells}
    assert counted == listed


def test_an_unknown_load_or_no_warehouse_is_a_clear_error(loaded, tmp_path):
    env, _ = loaded
    res = invoke(env, "findings", "99", code=2)
    assert "there is no load 99" in res.output and "clearsight loads" in res.output
    assert "Traceback" not in res.output
    res = invoke({"CLEARSIGHT_DATA_DIR": str(tmp_path / "empty")}, "findings", "1", code=2)
    assert "there is no load 1" in res.output
    res = invoke(env, "findings", "1", "--format", "pdf", code=2)
    assert "--format must be one of" in res.output


# ----------------------------------------------------------------------------- validate shows the files' findings

def test_validate_cin_shows_the_schema_findings_beside_the_rules(tmp_path):
    env = {"CLEARSIGHT_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200"}
    screen = invoke(env, "validate", "cin", CENSUS, "--year", YEAR).stdout
    assert "and 7 file findings (schema and code lists) for 2 children" in screen
    assert "File findings" in screen and "bad_values.xml:24" in screen and "[facet 'enumeration']" in screen

    rows = csv_rows(invoke(env, "validate", "cin", CENSUS, "--year", YEAR, "--format", "csv").stdout_bytes)
    assert rows[0] == list(FINDINGS_COLUMNS)
    xsd = [r for r in rows[1:] if r[0] == "XSD"]
    assert len(xsd) == 7
    assert xsd[0][:6] == ["XSD", "error", "DfEX0000001", "ChildIdentifiers", "", "Sex"]
    assert "(value 'X'; bad_values.xml line 24, /Message/Children/Child[1]/ChildIdentifiers/Sex)" in xsd[0][6]

    payload = json.loads(invoke(env, "validate", "cin", CENSUS, "--year", YEAR, "--format", "json").stdout)
    assert list(payload) == ["return", "year", "rules_run", "rules_not_run", "findings", "file_findings"]
    assert all(set(f) == {"rule", "type", "child", "table", "row", "fields"} for f in payload["findings"])
    assert len(rows) - 1 == len(payload["findings"]) + len(payload["file_findings"])
    assert [f["line"] for f in payload["file_findings"]] == SCHEMA_LINES
    assert payload["file_findings"][0]["path"] == "/Message/Children/Child[1]/ChildIdentifiers/Sex"

    book = tmp_path / "v.xlsx"
    invoke(env, "validate", "cin", CENSUS, "--year", YEAR, "--format", "xlsx", "--out", book)
    wb = load_workbook(book)
    assert wb.sheetnames[:2] == ["Summary", FILE_FINDINGS_SHEET]
    summary = [[c.value for c in row] for row in wb["Summary"].iter_rows()]
    assert ["XSD", "error", 7, 2] == summary[[r[0] for r in summary].index("XSD")][:4]
    sheet = [[c.value for c in row] for row in wb[FILE_FINDINGS_SHEET].iter_rows()]
    assert len(sheet) == 8 and sheet[1][:5] == ["XSD", "schema", "bad_values.xml", 24,
                                                "/Message/Children/Child[1]/ChildIdentifiers/Sex"]
    # The bad date is on a row rules read too: its cell is highlighted in the table's sheet, marked XSD.
    details = [[c.value for c in row] for row in wb["CINdetails"].iter_rows()]
    assert "XSD" in details[1][-1].split()


def test_validate_a_load_shows_the_same_file_findings_as_findings(loaded):
    env, _ = loaded
    listed = json.loads(invoke(env, "findings", "1", "--format", "json").stdout)["findings"]
    payload = json.loads(invoke(env, "validate", "cin", "--load", "1", "--format", "json").stdout)
    assert payload["file_findings"] == [f for f in listed if f["origin"] != "rule"]


def test_validate_ssda903_shows_the_value_findings(loaded):
    env, folder = loaded
    payload = json.loads(invoke(env, "validate", "ssda903", folder, "--year", YEAR, "--format", "json").stdout)
    assert [(f["origin"], f["field"], f["value"], f["file"], f["line"]) for f in payload["file_findings"]] == [
        ("values", "CHILD", CALC, "header.csv", 2), ("values", "SEX", CALC, "header.csv", 2)]  # CHILD: over 10


def test_cross_checks_have_no_file_findings(loaded):
    env, _ = loaded
    payload = json.loads(invoke(env, "validate", "cross", "--year", YEAR, "--format", "json").stdout)
    assert "file_findings" not in payload


# ----------------------------------------------------------------------------- a formula in a return

def test_a_formula_is_exported_as_text_by_findings(loaded, tmp_path):
    env, _ = loaded
    rows = csv_rows(invoke(env, "findings", "2", "--format", "csv").stdout_bytes)
    findings = [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if row[1] != "rule"]
    assert [(f["child"], f["value"], f["field"]) for f in findings] == [
        ("'" + CALC, "'" + CALC, "CHILD"), ("'" + CALC, "'" + CALC, "SEX")]  # the id is over 10 characters too
    book = tmp_path / "f.xlsx"
    invoke(env, "findings", "2", "--format", "xlsx", "--out", book)
    cells = [c for row in load_workbook(book)["Findings"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    file_rows = [[c.value for c in row] for row in load_workbook(book)["Findings"].iter_rows() if row[1].value != "rule"]
    assert sum(v == "'" + CALC for row in file_rows for v in row) == 4  # child and value of both file findings
    payload = json.loads(invoke(env, "findings", "2", "--format", "json").stdout)
    assert payload["findings"][0]["child"] == CALC  # JSON keeps the value as it came


def test_a_formula_is_exported_as_text_by_validate(loaded, tmp_path):
    env, folder = loaded
    rows = csv_rows(invoke(env, "validate", "ssda903", folder, "--year", YEAR, "--format", "csv").stdout_bytes)
    children = {r[2] for r in rows[1:]}
    assert "'" + CALC in children and CALC not in children
    book = tmp_path / "v.xlsx"
    invoke(env, "validate", "ssda903", folder, "--year", YEAR, "--format", "xlsx", "--out", book)
    wb = load_workbook(book)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert cells and all(c.data_type != "f" for c in cells)
    header = [[c.value for c in row] for row in wb["Header"].iter_rows()]
    assert header[1][1] == "'" + CALC  # the child's id, readable, as text
    assert sum(c.value == "'" + CALC for c in cells) >= 4  # the header and episode rows, and the findings
