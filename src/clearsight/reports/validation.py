"""Validation findings as a terminal summary, a findings table for CSV, and the Excel workbook analysts hand to
case workers.

Each function takes the DfE rules' findings (a :class:`ValidationResult`) and, optionally, the *file findings*
of the same files: what reading them found against the schema and the code lists (dicts of
:data:`clearsight.reports.findings.FINDING_KEYS`, rule ``XSD``), shown beside the rules' findings. Every Excel
cell goes through :func:`clearsight.reports.output.xlsx_value`, so no text becomes a formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import duckdb

from clearsight.reports.findings import SCREEN_ROWS, screen_table
from clearsight.reports.output import Column, Line, Table, xlsx_value
from clearsight.returns.spec import SourceTable
from clearsight.rules.definition import catalogue
from clearsight.rules.engine import ValidationResult

HIGHLIGHT_COLOUR = "FFDD00"  # GOV.UK yellow: the cell to fix (openpyxl is imported only to write a workbook)
FILE_FINDINGS_SHEET = "File findings"  # the workbook's sheet of the files' schema and value findings
FILE_FINDINGS_MESSAGE = "The file does not match the DfE schema or code lists (sheet 'File findings')"
FILE_FINDINGS_COLUMNS = ("rule", "origin", "file", "line", "path", "table", "row", "child", "field", "value",
                         "message")


def summary_rows(result: ValidationResult) -> list[dict]:
    """One row per rule with findings: code, type, DfE message, findings and children affected (the rules'
    findings only; :func:`file_summary_rows` sums up the files' findings)."""
    cat = catalogue(result.return_code)
    by_rule: dict[str, list] = defaultdict(list)
    for f in result.findings:
        by_rule[f.rule].append(f)
    rows = []
    for code, items in by_rule.items():
        entry = cat.get(code)
        rows.append({"rule": code, "type": entry.type if entry else "error",
                     "message": entry.message if entry else "", "findings": len(items),
                     "children": len({f.child for f in items if f.child is not None})})
    order = {"error": 0, "query": 1, "internal": 2}
    rows.sort(key=lambda r: (order.get(r["type"], 3), -r["children"], r["rule"]))
    return rows


def file_summary_rows(file_findings: Sequence[dict]) -> list[dict]:
    """The files' findings summed up as :func:`summary_rows` rows, one per rule (``XSD``)."""
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for f in file_findings:
        by_rule[f["rule"]].append(f)
    return [{"rule": code, "type": "error", "message": FILE_FINDINGS_MESSAGE, "findings": len(items),
             "children": len({f["child"] for f in items if f["child"]})} for code, items in sorted(by_rule.items())]


FINDINGS_COLUMNS = ("rule", "type", "child", "table", "row", "fields", "message")  # the findings export's columns


def where_found(f: dict) -> str:
    """A file finding's message with its value and where it is: ``... (value 'X'; a.xml line 24, /Message/...)``."""
    place = " ".join(str(p) for p in (f["file"], f"line {f['line']}" if f["line"] is not None else None) if p)
    parts = [f"value {f['value']!r}" if f["value"] is not None else "", ", ".join(p for p in (place, f["path"]) if p)]
    parts = [p for p in parts if p]
    return (f["message"] or "") + (f" ({'; '.join(parts)})" if parts else "")


def findings_table(result: ValidationResult, file_findings: Sequence[dict] = ()) -> Table:
    """One row per finding: rule, type, child, table, row, fields and the DfE message (the CSV export); the
    rules' findings, then the files' (rule ``XSD``, the field in ``fields``, the value and where it is in the
    message)."""
    cat = catalogue(result.return_code)
    rows = []
    for f in result.findings:
        entry = cat.get(f.rule)
        rows.append([f.rule, f.type, f.child or "", f.table, "" if f.row is None else f.row, " ".join(f.fields),
                     entry.message if entry else ""])
    for f in file_findings:
        rows.append([f["rule"], f["type"], f["child"] or "", f["table"] or "", "" if f["row"] is None else f["row"],
                     f["field"] or "", where_found(f)])
    return Table.of(FINDINGS_COLUMNS, rows)


def _sheet_title(name: str, used: set[str]) -> str:
    title = name[:31]
    i = 2
    while title in used:
        title = f"{name[:28]}~{i}"
        i += 1
    used.add(title)
    return title


def findings_xlsx(result: ValidationResult, con: duckdb.DuckDBPyConnection, tables: dict[str, SourceTable],
                  out: Path, file_findings: Sequence[dict] = ()) -> None:
    """A workbook with a summary, the files' findings (when there are any), one sheet per table (offending cells
    highlighted) and one per rule."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import PatternFill

    highlight = PatternFill("solid", fgColor=HIGHLIGHT_COLOUR)
    wb = Workbook(write_only=True)
    used: set[str] = set()
    ws = wb.create_sheet(_sheet_title("Summary", used))
    ws.append([_bold(ws, h) for h in ("Rule", "Type", "Findings", "Children", "DfE message")])
    for r in summary_rows(result) + file_summary_rows(file_findings):
        ws.append([_value(v) for v in (r["rule"], r["type"], r["findings"], r["children"], r["message"])])
    if result.rules_not_run:
        ws.append([])
        ws.append([_bold(ws, "Rules not run"), _bold(ws, "Reason")])
        for code, why in sorted(result.rules_not_run.items()):
            ws.append([_value(code), _value(why)])
    if file_findings:
        ws = wb.create_sheet(_sheet_title(FILE_FINDINGS_SHEET, used))
        ws.append([_bold(ws, h) for h in FILE_FINDINGS_COLUMNS])
        for f in file_findings:
            ws.append([_value(f[k]) for k in FILE_FINDINGS_COLUMNS])

    flagged: dict[str, dict[int, dict[str, list[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for f in result.findings:
        if f.row is not None:
            for field in f.fields or [""]:
                flagged[f.table][f.row][field].append(f.rule)
    for f in file_findings:
        if f["row"] is not None and f["table"]:
            flagged[f["table"]][f["row"]][f["field"] or ""].append(f["rule"])
    for name, spec in tables.items():
        exists = con.execute(
            "SELECT count(*) FROM (SELECT table_name AS n FROM duckdb_tables() UNION ALL "
            "SELECT view_name FROM duckdb_views() WHERE NOT internal) WHERE n = ?", [name]).fetchall()[0][0]
        if not exists:
            continue
        ws = wb.create_sheet(_sheet_title(name, used))
        headers = ["row", *spec.source_columns, "rules"]
        ws.append([_bold(ws, h) for h in headers])
        cols = ", ".join(f'"{c.name}"' for c in spec.columns)
        marks = flagged.get(name, {})
        for row in con.execute(f'SELECT row_no, {cols} FROM "{name}" ORDER BY row_no').fetchall():
            row_no = row[0]
            cells_flagged = marks.get(row_no, {})
            out_row = [row_no]
            for c, value in zip(spec.columns, row[1:], strict=True):
                if c.source in cells_flagged:
                    cell = WriteOnlyCell(ws, value=_value(_cell(value)))
                    cell.fill = highlight
                    out_row.append(cell)
                else:
                    out_row.append(_value(_cell(value)))
            rules = sorted({r for rs in cells_flagged.values() for r in rs})
            out_row.append(" ".join(rules))
            ws.append(out_row)
    cat = catalogue(result.return_code)
    by_rule: dict[str, list] = defaultdict(list)
    for f in result.findings:
        by_rule[f.rule].append(f)
    for code in sorted(by_rule):
        ws = wb.create_sheet(_sheet_title(f"Rule {code}", used))
        entry = cat.get(code)
        ws.append([_bold(ws, f"{code}: {entry.message if entry else ''}")])
        ws.append([_bold(ws, h) for h in ("child", "table", "row", "fields")])
        for f in by_rule[code]:
            ws.append([_value(f.child), _value(f.table), f.row, _value(" ".join(f.fields))])
    wb.save(out)


def _bold(ws, text: str):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(ws, value=xlsx_value(text))
    cell.font = Font(bold=True)
    return cell


def _value(value):
    """A cell's value as the workbook holds it: never a formula (see ``xlsx_value``)."""
    return xlsx_value(value)


def _cell(value):
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return value


def summary_screen(result: ValidationResult, file_findings: Sequence[dict] = ()) -> list[Table | Line]:
    """The terminal summary: rules run and findings, then errors, queries and integrity checks, then the files'
    findings (the first few), then rules not run."""
    rows = summary_rows(result)
    children = len({f.child for f in result.findings if f.child})
    screen: list[Table | Line] = [Line(f"[bold]{result.return_code} {result.year}[/]: {len(result.rules_run)} rules "
                                       f"run, {len(result.findings):,} findings for {children:,} children")]
    if file_findings:
        file_children = len({f["child"] for f in file_findings if f["child"]})
        screen.append(Line(f"and {len(file_findings):,} file finding{'' if len(file_findings) == 1 else 's'} "
                           f"(schema and code lists) for {file_children:,} "
                           f"child{'' if file_children == 1 else 'ren'}"))
    for kind, title in (("error", "Errors"), ("query", "Queries (check and explain)"), ("internal", "Integrity checks")):
        subset = [r for r in rows if r["type"] == kind]
        if not subset:
            continue
        columns = [Column("rule", overflow="fold"), Column("findings", justify="right", overflow="fold"),
                   Column("children", justify="right", overflow="fold"), Column("message", overflow="fold")]
        screen.append(Table(columns, [[r["rule"], f"{r['findings']:,}", f"{r['children']:,}", r["message"]]
                                      for r in subset], title=title, title_justify="left"))
    if file_findings:
        screen.append(screen_table(list(file_findings), title="File findings (schema and code lists)",
                                   limit=SCREEN_ROWS))
        if len(file_findings) > SCREEN_ROWS:
            screen.append(Line(f"  ... and {len(file_findings) - SCREEN_ROWS:,} more file findings; "
                               "--format csv, xlsx or json lists them all", highlight=False))
    if result.rules_not_run:
        screen.append(Line(f"[yellow]{len(result.rules_not_run)} rules not run:[/]"))
        screen += [Line(f"  {code}: {why}", highlight=False) for code, why in sorted(result.rules_not_run.items())]
    return screen
