"""Validation findings as a terminal summary, a findings table for CSV, and the Excel workbook analysts hand to
case workers."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import duckdb
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from clearsight.reports.output import Column, Line, Table
from clearsight.returns.spec import SourceTable
from clearsight.rules.definition import catalogue
from clearsight.rules.engine import ValidationResult

HIGHLIGHT = PatternFill("solid", fgColor="FFDD00")  # GOV.UK yellow: the cell to fix
BOLD = Font(bold=True)


def summary_rows(result: ValidationResult) -> list[dict]:
    """One row per rule with findings: code, type, DfE message, findings and children affected."""
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


FINDINGS_COLUMNS = ("rule", "type", "child", "table", "row", "fields", "message")  # the findings export's columns


def findings_table(result: ValidationResult) -> Table:
    """One row per finding: rule, type, child, table, row, fields and the DfE message (the CSV export)."""
    cat = catalogue(result.return_code)
    rows = []
    for f in result.findings:
        entry = cat.get(f.rule)
        rows.append([f.rule, f.type, f.child or "", f.table, "" if f.row is None else f.row, " ".join(f.fields),
                     entry.message if entry else ""])
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
                  out: Path) -> None:
    """A workbook with a summary, one sheet per table (offending cells highlighted) and one per rule."""
    wb = Workbook(write_only=True)
    used: set[str] = set()
    ws = wb.create_sheet(_sheet_title("Summary", used))
    ws.append([_bold(ws, h) for h in ("Rule", "Type", "Findings", "Children", "DfE message")])
    for r in summary_rows(result):
        ws.append([r["rule"], r["type"], r["findings"], r["children"], r["message"]])
    if result.rules_not_run:
        ws.append([])
        ws.append([_bold(ws, "Rules not run"), _bold(ws, "Reason")])
        for code, why in sorted(result.rules_not_run.items()):
            ws.append([code, why])

    flagged: dict[str, dict[int, dict[str, list[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for f in result.findings:
        if f.row is not None:
            for field in f.fields or [""]:
                flagged[f.table][f.row][field].append(f.rule)
    for name, spec in tables.items():
        exists = con.execute(
            "SELECT count(*) FROM (SELECT table_name AS n FROM duckdb_tables() WHERE temporary UNION ALL "
            "SELECT view_name FROM duckdb_views() WHERE temporary) WHERE n = ?", [name]).fetchall()[0][0]
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
                    cell = WriteOnlyCell(ws, value=_cell(value))
                    cell.fill = HIGHLIGHT
                    out_row.append(cell)
                else:
                    out_row.append(_cell(value))
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
            ws.append([f.child, f.table, f.row, " ".join(f.fields)])
    wb.save(out)


def _bold(ws, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = BOLD
    return cell


def _cell(value):
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return value


def summary_screen(result: ValidationResult) -> list[Table | Line]:
    """The terminal summary: rules run and findings, then errors, queries and integrity checks, then rules not run."""
    rows = summary_rows(result)
    children = len({f.child for f in result.findings if f.child})
    screen: list[Table | Line] = [Line(f"[bold]{result.return_code} {result.year}[/]: {len(result.rules_run)} rules "
                                       f"run, {len(result.findings):,} findings for {children:,} children")]
    for kind, title in (("error", "Errors"), ("query", "Queries (check and explain)"), ("internal", "Integrity checks")):
        subset = [r for r in rows if r["type"] == kind]
        if not subset:
            continue
        columns = [Column("rule", overflow="fold"), Column("findings", justify="right", overflow="fold"),
                   Column("children", justify="right", overflow="fold"), Column("message", overflow="fold")]
        screen.append(Table(columns, [[r["rule"], f"{r['findings']:,}", f"{r['children']:,}", r["message"]]
                                      for r in subset], title=title, title_justify="left"))
    if result.rules_not_run:
        screen.append(Line(f"[yellow]{len(result.rules_not_run)} rules not run:[/]"))
        screen += [Line(f"  {code}: {why}", highlight=False) for code, why in sorted(result.rules_not_run.items())]
    return screen
