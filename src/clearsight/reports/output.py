"""One writer for what a command outputs: a terminal table (Rich), CSV, an Excel workbook or JSON.

A command describes what it has to say once, as a :class:`Report` (rows under columns for CSV and Excel, a JSON
payload, and what the terminal shows), and calls :func:`write` with the format the user asked for and ``--out``.
The writer decides where the bytes go: CSV and JSON to standard output, or to ``--out`` (CSV with a byte-order
mark so Excel reads it as UTF-8); a workbook to ``--out`` or the report's default file name, then ``Wrote ...``.

Every CSV and Excel cell goes through :func:`spreadsheet_safe` (Excel cells through :func:`xlsx_value`): text a
spreadsheet would run as a formula is written as text. The web app's downloads use the same functions. JSON and
the terminal show values as they are.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table as RichTable

FORMATS = ("table", "csv", "xlsx", "json")  # every format the writer knows

# ----------------------------------------------------------------------------- cells a spreadsheet would run

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a text cell starting so may be run as a formula (OWASP)
PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?")  # "-5", "+0.25", "-1e3", "-12%"
XLSX_MAX_CHARS = 32_767  # the most characters an Excel cell holds
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters an xlsx file cannot hold


def spreadsheet_safe(value: Any) -> Any:
    """``value`` as a CSV or Excel cell should hold it, so that no spreadsheet runs it as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with a single quote
    (OWASP's advice against CSV injection), which spreadsheets show as text: ``=cmd|' /C calc'!A0`` becomes
    ``'=cmd|' /C calc'!A0``. Everything else is kept as it is: numbers (a negative number is not text), text that
    is only a number (``-5``, ``+0.25``, ``-12%``: a spreadsheet reads it as that number, never as a formula) and
    a lone dash (the placeholder for no value).
    """
    if (isinstance(value, str) and value.startswith(FORMULA_STARTS) and value != "-"
            and not PLAIN_NUMBER.fullmatch(value)):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row of CSV cells, each made :func:`spreadsheet_safe`."""
    return [spreadsheet_safe(v) for v in values]


def xlsx_value(value: Any) -> Any:
    """``value`` as an Excel cell should hold it: :func:`spreadsheet_safe` (so text is never written as a formula
    cell), without the control characters an xlsx file cannot hold (shown as U+FFFD) and cut to the 32,767
    characters a cell holds (ending in an ellipsis)."""
    value = spreadsheet_safe(value)
    if isinstance(value, str):
        value = XLSX_ILLEGAL.sub("\ufffd", value)
        if len(value) > XLSX_MAX_CHARS:
            value = value[:XLSX_MAX_CHARS - 1] + "\u2026"
    return value


@dataclass(frozen=True)
class Column:
    """One column: the row key it shows, its heading, and how the terminal aligns and wraps it (Excel width)."""

    key: str
    heading: str | None = None  # the key when None
    justify: str = "left"  # "left" or "right" in the terminal
    overflow: str = "fold"  # kept for callers; the terminal wraps on spaces and never cuts a word that fits
    width: float | None = None  # the Excel column width; openpyxl's default when None
    drop: int = 0  # when the terminal is too narrow, columns with the highest ``drop`` go first; 0: never dropped
    wrap: bool = True  # False: the terminal keeps the cell on one line (a code, a number, a date)

    @property
    def title(self) -> str:
        return self.key if self.heading is None else self.heading


@dataclass
class Table:
    """Rows (mappings, or sequences in column order) under columns, with an optional title."""

    columns: list[Column]
    rows: list[Mapping[str, Any] | Sequence[Any]] = field(default_factory=list)
    title: str | None = None
    title_justify: str = "center"  # the terminal title: "left", "center" or "right"

    @classmethod
    def of(cls, headings: Iterable[str], rows: Iterable[Mapping[str, Any] | Sequence[Any]] = (), **kwargs) -> Table:
        """A table whose columns are plain headings (also the row keys)."""
        return cls([Column(h) for h in headings], list(rows), **kwargs)

    @classmethod
    def from_dicts(cls, rows: list[Mapping[str, Any]], widths: Sequence[float | None] = (), **kwargs) -> Table:
        """A table whose columns are the first row's keys (no columns when there are no rows); ``widths`` in order."""
        keys = list(rows[0]) if rows else []
        widths = list(widths)[: len(keys)]
        widths += [None] * (len(keys) - len(widths))
        return cls([Column(k, width=w) for k, w in zip(keys, widths, strict=True)], list(rows), **kwargs)

    def values(self) -> list[list[Any]]:
        """Each row as a list of its values in column order."""
        keys = [c.key for c in self.columns]
        return [[row.get(k) for k in keys] if isinstance(row, Mapping) else list(row) for row in self.rows]


@dataclass(frozen=True)
class Line:
    """A line of text for the terminal (Rich markup), printed as it is given."""

    text: str
    highlight: bool | None = None  # None: the console's default
    soft_wrap: bool = False


@dataclass
class Report:
    """Everything a command can write, one part per format; :func:`write` picks the part the format needs.

    ``rows`` feeds CSV and (unless ``workbook`` is given) Excel; ``payload`` is the JSON; ``screen`` is what the
    terminal shows, tables and lines in order. A format whose part is missing falls back to the terminal. Each of
    ``screen``, ``rows`` and ``payload`` may be given as a function of no arguments that makes it, so that a
    command pays only for the format asked for.
    """

    screen: list[Table | Line] | Callable[[], list[Table | Line]] = field(default_factory=list)
    rows: Table | Callable[[], Table] | None = None
    payload: Any = None
    json_indent: int | None = None
    workbook: Callable[[Path], None] | None = None  # builds a workbook at a path (instead of one sheet of rows)
    xlsx_name: str = "export.xlsx"  # the workbook's file name when there is no --out
    sheet: str = "Sheet"  # the sheet's name when the workbook is ``rows``
    screen_after_xlsx: bool = False  # also show the terminal view after writing the workbook

    def formats(self) -> tuple[str, ...]:
        """The formats this report has a part for (the terminal table always)."""
        has = {"table": True, "json": self.payload is not None, "csv": self.rows is not None,
               "xlsx": self.rows is not None or self.workbook is not None}
        return tuple(f for f in FORMATS if has[f])


def write(report: Report | Table, fmt: str = "table", out: Path | None = None, *,
          console: Console | None = None) -> None:
    """Write ``report`` as ``fmt`` (table, csv, xlsx or json) to ``out``, or to the terminal / standard output."""
    if isinstance(report, Table):
        report = Report(screen=[report], rows=report)
    console = console or Console()
    if fmt not in report.formats():
        fmt = "table"
    if fmt == "json":
        write_json(made(report.payload), out, indent=report.json_indent)
        return
    if fmt == "csv":
        write_text(csv_text(made(report.rows)), out, encoding="utf-8-sig")
        return
    if fmt == "xlsx":
        target = out or Path(report.xlsx_name)
        if report.workbook is not None:
            report.workbook(target)
        else:
            write_xlsx(made(report.rows), target, sheet=report.sheet)
        console.print(f"Wrote {target}")
        if not report.screen_after_xlsx:
            return
    show(made(report.screen), console)


def made(part: Any) -> Any:
    """A report's part: made now if it was given as a function."""
    return part() if callable(part) else part


def show(items: Iterable[Table | Line], console: Console) -> None:
    """Print tables and lines to the terminal in order."""
    for item in items:
        if isinstance(item, Line):
            kwargs: dict[str, Any] = {"soft_wrap": item.soft_wrap}
            if item.highlight is not None:
                kwargs["highlight"] = item.highlight
            console.print(item.text, **kwargs)
        else:
            console.print(rich_table(item, console.width))


def screen_text(value: Any) -> str:
    """A cell as the terminal is given it: text (Rich markup allowed), None as empty."""
    return "" if value is None else value if isinstance(value, str) else str(value)


def plain(cell: str) -> str:
    """A cell's text without its Rich markup (what takes room on the screen)."""
    from rich.errors import MarkupError
    from rich.text import Text

    try:
        return Text.from_markup(cell).plain
    except MarkupError:
        return cell


TABLE_EDGE = 1  # the left border of a Rich table (box, no outer padding)
COLUMN_EDGE = 3  # each column's padding (one space each side) and its right border


def column_room(column: Column, cells: list[str]) -> tuple[int, int]:
    """The fewest cells a column needs so that no word is cut (its longest word, or its longest line when it does
    not wrap) and the most it can use (its longest line), heading included."""
    from rich.cells import cell_len

    lines = [line for text in [column.title, *cells] for line in text.splitlines() or [""]]
    longest = max((cell_len(line) for line in lines), default=0)
    if not column.wrap:
        return longest, longest
    word = max((cell_len(w) for line in lines for w in line.split()), default=0)
    return word, longest


def fit(table: Table, width: int | None) -> tuple[list[int], list[int]]:
    """Which columns the terminal shows (indices) and how wide each is, so the table fits in ``width`` cells
    without cutting a word: columns are narrowed to their longest word, then columns that may be dropped go, the
    highest ``drop`` first. When even that does not fit, the columns share the room (a word may then be cut)."""
    rows = [[plain(screen_text(v)) for v in values] for values in table.values()]
    rooms = [column_room(c, [r[i] for r in rows]) for i, c in enumerate(table.columns)]
    shown = list(range(len(table.columns)))
    if width is None:
        return shown, [most for _least, most in rooms]

    def room(cols: list[int]) -> int:
        return width - TABLE_EDGE - COLUMN_EDGE * len(cols)

    droppable = sorted((i for i, c in enumerate(table.columns) if c.drop > 0),
                       key=lambda i: (table.columns[i].drop, i), reverse=True)
    while sum(rooms[i][0] for i in shown) > room(shown) and droppable:
        shown.remove(droppable.pop(0))
    avail = room(shown)
    least = [rooms[i][0] for i in shown]
    most = [rooms[i][1] for i in shown]
    if sum(most) <= avail:
        return shown, most
    if sum(least) > avail:  # nothing more to drop: share the room in proportion to the words' lengths
        total = sum(least) or 1
        return shown, [max(1, avail * n // total) for n in least]
    # Share the room left over as water fills: the columns that want least get all they want first, so short
    # columns show whole and the longest text (a message, a name) wraps in what remains, shared equally.
    spare, wants = avail - sum(least), [m - n for n, m in zip(least, most, strict=True)]
    widths = list(least)
    waiting = sorted(range(len(widths)), key=lambda k: wants[k])
    while waiting:
        share = spare // len(waiting)
        k = waiting[0]
        if wants[k] <= share:
            widths[k] += wants[k]
            spare -= wants[k]
            waiting.pop(0)
            continue
        for i, k in enumerate(waiting):
            widths[k] += share + (1 if i < spare - share * len(waiting) else 0)
        break
    return shown, widths


def rich_table(table: Table, width: int | None = None) -> RichTable:
    """The Rich table of ``table``; cells are shown as text (Rich markup allowed), None as empty. Given the
    terminal's ``width``, the table fits it: long text wraps between words, never inside one that fits, and
    columns that may be dropped (:attr:`Column.drop`) go when the rest would not fit, which a caption says."""
    shown, widths = fit(table, width)
    dropped = [c.title for i, c in enumerate(table.columns) if i not in shown]
    caption = (f"Not shown at this width: {', '.join(dropped)} (a wider terminal or --format csv shows them)"
               if dropped else None)
    rich = RichTable(title=table.title, title_justify=table.title_justify, caption=caption, caption_justify="left")
    for i, w in zip(shown, widths, strict=True):
        c = table.columns[i]
        rich.add_column(c.title, justify=c.justify, overflow="fold", no_wrap=not c.wrap,
                        width=w if width is not None else None)
    for values in table.values():
        rich.add_row(*(screen_text(values[i]) for i in shown))
    return rich


def csv_text(table: Table) -> str:
    """The CSV of ``table``: a heading row (when it has columns), then its rows; None is written empty, and text
    a spreadsheet would run as a formula is quoted (:func:`spreadsheet_safe`)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    if table.columns:
        w.writerow(safe_row(c.title for c in table.columns))
    w.writerows(safe_row(values) for values in table.values())
    return buf.getvalue()


def write_xlsx(table: Table, path: Path, sheet: str = "Sheet") -> None:
    """One sheet: bold headings frozen at the top, then the rows (nothing when the table has no columns); every
    cell through :func:`xlsx_value`, so no text becomes a formula."""
    from openpyxl import Workbook  # imported here: commands that write no workbook start faster without it
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if table.columns:
        ws.append([xlsx_value(c.title) for c in table.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for values in table.values():
            ws.append([xlsx_value(v) for v in values])
        ws.freeze_panes = "A2"
        for i, c in enumerate(table.columns, start=1):
            if c.width is not None:
                ws.column_dimensions[get_column_letter(i)].width = c.width
    wb.save(path)


def write_json(payload: Any, out: Path | None = None, indent: int | None = None) -> None:
    """``payload`` as JSON: to ``out`` as it is, or to standard output with a final newline."""
    text = json.dumps(payload, indent=indent)
    if out:
        out.write_text(text)
    else:
        sys.stdout.write(text + "\n")


def write_text(text: str, out: Path | None = None, encoding: str = "utf-8") -> None:
    """``text`` to ``out`` in ``encoding``, or to standard output as it is."""
    if out:
        out.write_text(text, encoding=encoding)
    else:
        sys.stdout.write(text)
