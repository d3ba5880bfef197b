"""One account of a load's findings: what reading its files found (schema and value findings) and, when the
load has them, the DfE rules' findings kept with it, one row each, for ``clearsight findings`` and ``validate``.

Each finding is a dict with the keys of :data:`FINDING_KEYS`: the rule (``XSD`` for schema and value
findings, a DfE code for a rule's), where it came from (``origin``: ``schema``, ``values`` or ``rule``), its
type (``error`` or ``query``), the file, line and XML path, the table, row and child, the field and value,
and the message.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
from rich.markup import escape

from clearsight.reports.output import Column, Line, Report, Table
from clearsight.rules.definition import catalogue
from clearsight.warehouse.catalog import LoadInfo

FINDING_KEYS = ("rule", "origin", "type", "file", "line", "path", "table", "row", "child", "field", "value",
                "message")
FILE_ORIGINS = ("schema", "values")  # findings made while the files were read (rule findings are ``rule``)
SCREEN_VALUE_CHARS = 40  # the terminal shows this much of a value (exports give it whole)
SCREEN_ROWS = 25  # the file findings ``validate`` lists on screen (its exports list them all)


def load_findings_detail(con: duckdb.DuckDBPyConnection, load_id: int,
                         origins: Sequence[str] | None = None) -> list[dict]:
    """Every finding kept with a load (of the given origins, or all), files' findings first in file and line
    order, then the rules' findings by rule.

    It reads ``load_findings`` with the origin and XML path that ``catalog.load_findings`` leaves out; it belongs
    in ``clearsight.warehouse.catalog`` (bookkeeping SQL), where it can move as it is.
    """
    where, params = "load_id = ?", [load_id]
    if origins is not None:
        if not origins:
            return []
        where += " AND origin IN (" + ", ".join("?" for _ in origins) + ")"
        params += list(origins)
    rows = con.execute(f"""SELECT rule, origin, file, line, path, table_name, row_no, child_id, field, value, message
                           FROM load_findings WHERE {where}
                           ORDER BY origin = 'rule', file NULLS LAST, line NULLS LAST, rule, table_name, row_no,
                                    child_id, field""", params).fetchall()
    return [{"rule": r[0], "origin": r[1], "type": "error", "file": r[2], "line": r[3], "path": r[4], "table": r[5],
             "row": r[6], "child": r[7], "field": r[8], "value": r[9], "message": r[10]} for r in rows]


def with_rule_types(findings: list[dict], return_code: str) -> list[dict]:
    """The findings with a rule finding's type (error or query) and, when it has none, its message, from the
    DfE catalogue of its return; schema and value findings are errors."""
    if not any(f["origin"] == "rule" for f in findings):
        return findings
    try:
        cat = catalogue(return_code)
    except KeyError:
        cat = {}  # a return without a DfE catalogue
    for f in findings:
        if f["origin"] == "rule":
            entry = cat.get(f["rule"])
            if entry is not None:
                f["type"] = entry.type
                f["message"] = f["message"] or entry.message
    return findings


def counts_line(findings: list[dict]) -> str:
    """``3 findings (2 schema, 1 values) for 2 children``, or ``no findings``."""
    if not findings:
        return "no findings"
    by_origin: dict[str, int] = {}
    for f in findings:
        by_origin[f["origin"]] = by_origin.get(f["origin"], 0) + 1
    parts = ", ".join(f"{n:,} {o}" for o, n in sorted(by_origin.items()))
    children = len({f["child"] for f in findings if f["child"]})
    return (f"{len(findings):,} finding{'' if len(findings) == 1 else 's'}" + (f" ({parts})" if parts else "")
            + f" for {children:,} child{'' if children == 1 else 'ren'}")


def shortened(value: object, chars: int = SCREEN_VALUE_CHARS) -> str:
    """A value for the terminal: empty for None, cut to ``chars`` characters with an ellipsis, and escaped so
    that Rich shows it as it is (``[facet 'enumeration']`` is not markup)."""
    if value is None:
        return ""
    text = str(value)
    return escape(text if len(text) <= chars else text[:chars - 1] + "\u2026")


def where(f: dict) -> str:
    """Where a finding is, for the terminal: ``file.xml:24`` (a file's line), else ``Header row 3``."""
    if f["file"] and f["line"] is not None:
        return f"{f['file']}:{f['line']}"
    return " ".join(str(p) for p in (f["table"], f"row {f['row']}" if f["row"] is not None else None) if p)


def screen_table(findings: list[dict], title: str | None = None, limit: int | None = None) -> Table:
    """The findings as a terminal table: rule, type (the origin of a file's finding), where, child, field, value
    and message, long texts cut short (the exports give them whole, with the XML path)."""
    columns = [Column("rule"), Column("type"), Column("where", overflow="fold"), Column("child", overflow="fold"),
               Column("field", overflow="fold"), Column("value", overflow="fold"), Column("message", overflow="fold")]
    shown = findings if limit is None else findings[:limit]
    rows = [[f["rule"], f["type"] if f["origin"] == "rule" else f["origin"], shortened(where(f)),
             shortened(f["child"], 20), shortened(f["field"], 24), shortened(f["value"], 20),
             shortened(f["message"], 120)] for f in shown]
    return Table(columns, rows, title=title, title_justify="left")


def export_table(findings: list[dict]) -> Table:
    """The findings as CSV or Excel rows, one column per key of :data:`FINDING_KEYS`."""
    widths = {"message": 80, "path": 40, "file": 20, "value": 20}
    return Table([Column(k, width=widths.get(k)) for k in FINDING_KEYS],
                 [[f[k] for k in FINDING_KEYS] for f in findings])


def load_findings_report(info: LoadInfo, findings: list[dict]) -> Report:
    """``clearsight findings``: a load's findings on screen, as CSV, as one Excel sheet and as JSON."""
    head = Line(f"[bold]load {info.load_id}[/]: {info.return_code} {info.year}, {counts_line(findings)}")
    screen: list[Table | Line] = [head]
    if findings:
        screen.append(screen_table(findings))
    return Report(screen=screen, rows=lambda: export_table(findings),
                  payload={"load": info.load_id, "return": info.return_code, "year": info.year,
                           "findings": findings},
                  xlsx_name=f"findings-load-{info.load_id}.xlsx", sheet="Findings")
