"""Safe exports: a CSV or Excel cell a spreadsheet would run as a formula is written as text, through real files;
numbers, and text that is only a number, stay as they are; JSON and the terminal show values as they came."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from rich.console import Console

from clearsight.reports.output import (
    XLSX_MAX_CHARS,
    Column,
    Report,
    Table,
    safe_row,
    spreadsheet_safe,
    write,
    xlsx_value,
)

CALC = "=cmd|' /C calc'!A0"  # OWASP's example of CSV injection


@pytest.mark.parametrize("text", [CALC, "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0",
                                  "\t=1+1", "\r=1+1", '=HYPERLINK("http://example.invalid","x")', "+44 20 7946 0000",
                                  "--", "=", "-5 days"])
def test_text_a_spreadsheet_would_run_is_quoted_and_kept_readable(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -0.25, 0, 12, 1.5, None, True, "-5", "+0.25", "-1e3", "-12%", "-",
                                   "A01", "naïve, with a comma", "", "team=T01", "1=1", " =1+1"])
def test_numbers_plain_text_and_number_text_are_kept_as_they_are(value):
    assert spreadsheet_safe(value) is value


ROWS = [[CALC, -3, -0.25, "-", "-5"], ["@SUM(A1)", 4, None, "plain", "\t=1+1"]]


def risky() -> Table:
    return Table([Column("child"), Column("count"), Column("share"), Column("dash"), Column("text")],
                 [list(r) for r in ROWS], title="Risky")


def test_a_csv_export_quotes_formulas_and_keeps_numbers(tmp_path):
    out = tmp_path / "risky.csv"
    write(risky(), "csv", out)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows == [["child", "count", "share", "dash", "text"],
                    ["'" + CALC, "-3", "-0.25", "-", "-5"],
                    ["'@SUM(A1)", "4", "", "plain", "'\t=1+1"]]


def test_an_xlsx_export_writes_formulas_as_text_cells_and_numbers_as_numbers(tmp_path):
    out = tmp_path / "risky.xlsx"
    write(Report(rows=risky(), sheet="Risky"), "xlsx", out, console=Console(file=io.StringIO()))
    ws = load_workbook(out)["Risky"]
    cells = list(ws.iter_rows(min_row=2))
    assert all(c.data_type != "f" for row in cells for c in row)
    assert cells[0][0].value == "'" + CALC and cells[0][0].data_type == "s"
    assert cells[0][1].value == -3 and cells[0][1].data_type == "n"
    assert cells[0][2].value == -0.25 and cells[0][3].value == "-" and cells[0][4].value == "-5"
    assert cells[1][0].value == "'@SUM(A1)" and cells[1][4].value == "'\t=1+1"


def test_json_and_the_terminal_show_the_value_as_it_came(tmp_path):
    out = tmp_path / "risky.json"
    write(Report(payload={"rows": ROWS}), "json", out)
    assert json.loads(out.read_text()) == {"rows": ROWS}
    said = io.StringIO()
    write(Report(screen=[risky()]), "table", console=Console(file=said, width=200))
    assert CALC in said.getvalue() and "'" + CALC not in said.getvalue()


def test_excel_cells_lose_control_characters_and_keep_to_excels_length():
    assert xlsx_value("a\x01b\x1fc\td") == "a\ufffdb\ufffdc\td"
    long = xlsx_value("7" * 1_000_000)
    assert len(long) == XLSX_MAX_CHARS and long.endswith("\u2026")
    assert xlsx_value(CALC) == "'" + CALC and xlsx_value(-1) == -1


def test_safe_row_is_the_rule_for_a_whole_row():
    assert safe_row([CALC, -1, "x", None]) == ["'" + CALC, -1, "x", None]
