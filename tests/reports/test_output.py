"""The one output writer: each format round-trips a small table through a real file or standard output."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook
from rich.console import Console

from clearsight.reports.output import Column, Line, Report, Table, csv_text, write

HEADINGS = ("code", "children", "share", "note")
ROWS = [["A01", 12, 0.25, "first"], ["B02", 3, None, "naïve, with a comma"]]


def small() -> Table:
    return Table([Column("code"), Column("children", justify="right"), Column("share", width=12),
                  Column("note", "a note", overflow="fold")], [list(r) for r in ROWS], title="Small")


def test_csv_to_a_file_round_trips_with_a_byte_order_mark(tmp_path):
    out = tmp_path / "small.csv"
    write(small(), "csv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows == [["code", "children", "share", "a note"], ["A01", "12", "0.25", "first"],
                    ["B02", "3", "", "naïve, with a comma"]]


def test_csv_to_standard_output_has_no_byte_order_mark(capsys):
    write(small(), "csv")
    text = capsys.readouterr().out
    assert text == csv_text(small())
    assert text.splitlines()[0] == "code,children,share,a note"


def test_rows_may_be_mappings_and_a_table_without_columns_writes_nothing():
    t = Table.from_dicts([{"a": 1, "b": None}, {"a": 2, "b": "x"}])
    assert [c.key for c in t.columns] == ["a", "b"]
    assert csv_text(t) == "a,b\r\n1,\r\n2,x\r\n"
    assert csv_text(Table.from_dicts([])) == ""


def test_xlsx_round_trips_with_bold_frozen_headings_and_widths(tmp_path):
    out = tmp_path / "small.xlsx"
    write(Report(rows=small(), sheet="Numbers"), "xlsx", out, console=Console(file=io.StringIO()))
    wb = load_workbook(out)
    assert wb.sheetnames == ["Numbers"]
    ws = wb["Numbers"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["code", "children", "share", "a note"], *ROWS]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["C"].width == 12


def test_xlsx_without_out_uses_the_reports_file_name_and_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    said = io.StringIO()
    write(Report(rows=small(), xlsx_name="export-small.xlsx"), "xlsx", console=Console(file=said, width=80))
    assert said.getvalue() == "Wrote export-small.xlsx\n"
    assert load_workbook(tmp_path / "export-small.xlsx").active["A2"].value == "A01"


def test_a_custom_workbook_is_written_then_the_screen_shown_when_asked(tmp_path):
    out = tmp_path / "custom.xlsx"
    made = []
    said = io.StringIO()
    report = Report(screen=[Line("summary")], rows=small(), workbook=lambda p: made.append(p) or p.write_bytes(b"x"),
                    screen_after_xlsx=True)
    write(report, "xlsx", out, console=Console(file=said, width=80))
    assert made == [out] and out.read_bytes() == b"x"
    assert said.getvalue() == f"Wrote {out}\nsummary\n"


def test_json_to_a_file_and_to_standard_output(tmp_path, capsys):
    payload = {"rows": ROWS}
    out = tmp_path / "small.json"
    write(Report(payload=payload), "json", out)
    assert json.loads(out.read_text()) == payload
    assert not out.read_text().endswith("\n")
    write(Report(payload=lambda: payload, json_indent=2), "json")
    text = capsys.readouterr().out
    assert text == json.dumps(payload, indent=2) + "\n"


def test_the_terminal_table_shows_every_cell_with_its_title():
    said = io.StringIO()
    write(Report(screen=[small(), Line("2 rows")]), "table", console=Console(file=said, width=100))
    text = said.getvalue()
    assert "Small" in text and "a note" in text
    for cell in ("A01", "12", "0.25", "naïve, with a comma", "B02"):
        assert cell in text
    assert text.rstrip().endswith("2 rows")


def test_a_format_the_report_has_no_part_for_falls_back_to_the_terminal(tmp_path):
    said = io.StringIO()
    report = Report(screen=[Line("only a screen")], payload={"x": 1})
    assert report.formats() == ("table", "json")
    write(report, "csv", tmp_path / "not-written.csv", console=Console(file=said, width=80))
    write(report, "pdf", console=Console(file=said, width=80))
    assert said.getvalue() == "only a screen\nonly a screen\n"
    assert not (tmp_path / "not-written.csv").exists()


LONG_NAMES = ["Initial conferences within 15 working days of the section 47 enquiry starting",
              "Re-referrals within 12 months", "Average caseload per case-holding social worker"]


def narrow_table() -> Table:
    columns = [Column("id", wrap=False), Column("name", "measure"), Column("period", wrap=False, drop=1),
               Column("group"), Column("value", justify="right"), Column("England", justify="right"),
               Column("mark", "", wrap=False)]
    rows = [{"id": f"CP0{i}", "name": n, "period": "12m-to-2025-06-30", "group": "ethnicity=Any other ethnic group",
             "value": "311.0 per 10,000", "England": "81.4%", "mark": "[green]better[/]"}
            for i, n in enumerate(LONG_NAMES)]
    return Table(columns, rows, title="Measures")


def rendered(table: Table, width: int) -> str:
    said = io.StringIO()
    write(table, "table", console=Console(file=said, width=width))
    return said.getvalue()


def words_seen(text: str) -> set[str]:
    return {w for line in text.splitlines() for cell in line.split("│") for w in cell.split()}


def test_at_80_columns_no_word_is_cut_and_every_line_fits():
    text = rendered(narrow_table(), 80)
    assert max(len(line) for line in text.splitlines()) <= 80
    seen = words_seen(text)
    for name in LONG_NAMES:
        assert set(name.split()) <= seen, name
    assert {"ethnicity=Any", "other", "ethnic", "group", "311.0", "per", "10,000", "better"} <= seen


def test_when_the_words_do_not_fit_a_droppable_column_goes_and_the_caption_says_so():
    wide = rendered(narrow_table(), 160)
    assert "12m-to-2025-06-30" in wide and "Not shown" not in wide
    narrow = rendered(narrow_table(), 72)
    assert "12m-to-2025-06-30" not in narrow
    assert "Not shown at this width: period" in " ".join(narrow.split())
    assert max(len(line) for line in narrow.splitlines()) <= 72
    assert set(LONG_NAMES[0].split()) <= words_seen(narrow)
