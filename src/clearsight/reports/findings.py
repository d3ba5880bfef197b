"""One account of a load's findings: what reading its files found (schema and value findings) and, when the
load has them, the DfE rules' findings kept with it, one row each, for ``clearsight findings`` and ``validate``.

Each finding is a dict with the keys of :data:`FINDING_KEYS`: the rule (``XSD`` for schema and value
findings, a DfE code for a rule's), where it came from (``origin``: ``schema``, ``values`` or ``rule``), its
type (``error`` or ``query``), the file, line and XML path, the table, row and child, the field and value,
and the message.
"""

from __future__ import annotations

from rich.markup import escape

from clearsight.reports.output import Column, Line, Report, Table
from clearsight.rules.definition import catalogue
from clearsight.warehouse.catalog import LoadInfo

FINDING_KEYS = ("rule", "origin", "type", "file", "line", "path", "table", "row", "child", "field", "value",
                "message")
SCREEN_VALUE_CHARS = 40  # the terminal shows this much of a value (exports give it whole)
SCREEN_ROWS = 25  # the file findings ``validate`` lists on screen (its exports list them all)


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
