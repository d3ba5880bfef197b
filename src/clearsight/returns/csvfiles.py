"""Reading CSV files as councils send them: recognised by their columns, every value as text.

Values stay text here; typing (dates, numbers, codes) happens in the warehouse, set-based, where
every value that does not fit becomes a finding instead of being dropped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from clearsight.returns.collect import Batch, Collector
from clearsight.returns.problems import Problem, SourceFile, UnreadableFile
from clearsight.returns.spec import SourceTable

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
# Files people save by mistake instead of a CSV: a zip (.xlsx, .ods) or an old .xls workbook.
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
# Two line breaks in a row, whatever the line ends (\r\n, \n, \r): a blank line.
_BLANK_LINE_MARKS = ("\n\n", "\n\r", "\r\r")
_FIRST_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SHOWN = 80  # characters of an offending line shown in a message


@dataclass
class RawTable:
    """One source table read from a file: text columns plus ``_row`` (0-based) and ``_line``."""

    spec: SourceTable
    data: pa.Table
    file: SourceFile


def not_regular(path: Path) -> str | None:
    """None for a regular file (or a link to one) that can be read; otherwise what is wrong, for a message.

    Only ``stat`` is used: a named pipe is never opened (reading one would wait for ever).
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"is a broken link (its target {os.readlink(path)} does not exist)"
        return "does not exist"
    except OSError as exc:
        return f"cannot be opened: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None if os.access(path, os.R_OK) else "cannot be opened: permission denied"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    return "is not a regular file"


def require_regular(path: Path, expected: str) -> None:
    """Refuse ``path`` unless it is a regular file that can be read."""
    wrong = not_regular(path)
    if wrong:
        raise UnreadableFile(Problem(path.name, wrong, expected=expected))


def folder_csv_files(folder: Path, expected: str, out: Collector | None = None) -> list[Path]:
    """The ``.csv`` files of a folder, in name order; the other files' names go to ``out.meta["ignored_files"]``.

    An entry named like a CSV file that is not one (a folder, a named pipe, a broken link) refuses the folder:
    a return whose ``header.csv`` cannot be read is not whole.
    """
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise UnreadableFile(Problem(folder.name, f"cannot be listed: {exc.strerror or exc}", expected=expected)) from exc
    files, others = [], []
    for p in entries:
        if p.suffix.lower() == ".csv":
            wrong = not_regular(p)
            if wrong:
                raise UnreadableFile(Problem(p.name, f"{wrong}, in the folder {folder.name}",
                                             expected=f"{p.name} as a CSV file, or no entry of that name"))
            files.append(p)
        elif not_regular(p) is None:
            others.append(p.name)
    if not files:
        raise UnreadableFile(Problem(folder.name, "contains no .csv files", expected=expected))
    if others and out is not None:
        out.meta["ignored_files"] = others
    return files


def _tables_named(tables: list[SourceTable]) -> str:
    """``Episodes table (episodes.csv)``, ``Header (header.csv) and Episodes (episodes.csv) tables``."""
    if len(tables) == 1:
        return f"{tables[0].name} table ({tables[0].file_name})"
    names = [f"{t.name} ({t.file_name})" for t in tables]
    return ", ".join(names[:-1]) + " and " + names[-1] + " tables"


def read_csv_return(path: Path, files: list[Path], tables: dict[str, SourceTable], label: str, out: Collector,
                    other_returns: dict[str, dict[str, SourceTable]] | None = None,
                    other_form: str = "") -> list[Batch]:
    """Read the CSV files of a folder return (``path``, or one file of it), each table once, as batches.

    Each file is recognised by its column set. The return is refused when a table comes twice, when a table
    its spec marks ``required`` is missing, and when ``path`` is a single file: one CSV is never a whole
    folder return. ``other_form`` names another whole form of the return for the message ("or its XML file").
    """
    seen: dict[str, str] = {}
    batches: list[Batch] = []
    first: SourceTable | None = None
    for f in files:
        raw = read_csv_table(f, tables, label, other_returns)
        if raw.spec.name in seen:
            raise UnreadableFile(Problem(f.name, f"is a second {raw.spec.name} table (the first was "
                                                 f"{seen[raw.spec.name]})", expected="one file per table"))
        seen[raw.spec.name] = f.name
        first = first or raw.spec
        out.files.append(raw.file)
        batches.append((raw.spec, raw.data))
    required = [t for t in tables.values() if t.required]
    missing = [t for t in required if t.name not in seen]
    names = [t.file_name for t in required]
    needed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    whole = (f"the folder holding the {label}'s CSV files" + (f" (at least {needed})" if needed else "")
             + (f", {other_form}" if other_form else ""))
    if not path.is_dir():
        lacking = f"; its {_tables_named(missing)} {'is' if len(missing) == 1 else 'are'} missing" if missing else ""
        raise UnreadableFile(Problem(
            path.name, f"is one file of the {label} (its {first.name if first else '?'} table), but the {label} "
                       f"is a folder of CSV files{lacking}",
            field=", ".join(t.name for t in missing) or None, expected=whole))
    if missing:
        raise UnreadableFile(Problem(
            path.name, f"has no {_tables_named(missing)}: the {label} cannot be loaded without "
                       f"{'it' if len(missing) == 1 else 'them'}",
            field=", ".join(t.name for t in missing), expected=whole))
    out.meta["tables"] = seen
    return batches


def read_bytes(path: Path) -> tuple[bytes, SourceFile]:
    """Read a file once, returning its bytes and its record (name, size, SHA-256)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(Problem(str(path), f"cannot be opened: {exc.strerror or exc}")) from exc
    return data, SourceFile(path.name, str(path), hashlib.sha256(data).hexdigest(), len(data))


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file's bytes (UTF-8, with or without BOM, or UTF-16/32 with BOM) or say where it fails."""
    if data.startswith(WORKBOOK_MAGIC):
        raise UnreadableFile(Problem(name, "is a spreadsheet workbook (or another zipped file), not a CSV file",
                                     expected="the sheet saved from Excel as 'CSV UTF-8 (comma delimited)'"))
    for boms, codec in ((UTF32_BOMS, "utf-32"), (UTF16_BOMS, "utf-16")):
        if data.startswith(boms):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise UnreadableFile(Problem(
                    name, f"is marked as {codec.upper()} but byte {exc.start + 1:,} cannot be decoded as {codec.upper()}",
                    expected="a file saved as 'CSV UTF-8'")) from exc
    skip = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = skip + exc.start
        line = data.count(b"\n", 0, at) + 1
        bad = data[at:at + 1]
        raise UnreadableFile(Problem(
            name,
            f"is not UTF-8 text: byte 0x{bad.hex()} at byte {at + 1:,} cannot be decoded "
            "(probably saved as Windows-1252 / 'CSV' from Excel)",
            line=line, value=f"0x{bad.hex()}",
            expected="a file saved as 'CSV UTF-8 (comma delimited)'",
        )) from exc
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        if data[1:40:2].count(0) > 15 or data[0:40:2].count(0) > 15:
            raise UnreadableFile(Problem(name, "looks like UTF-16 text without a byte-order mark", line=line,
                                         expected="a file saved as 'CSV UTF-8 (comma delimited)'"))
        raise UnreadableFile(Problem(name, f"contains a NUL byte at byte {skip + nul + 1:,}: it is not a text file",
                                     line=line, value="0x00", expected="a CSV text file"))
    return text


def _header_line(text: str) -> tuple[int, str, int, int]:
    """(line number, text, start offset, end offset) of the first line that is not blank."""
    number = 1
    for match in _FIRST_LINE.finditer(text):
        line = match.group(0)
        if not line:
            break
        if line.strip():
            return number, line.rstrip("\r\n"), match.start(), match.end()
        number += 1
    return number, "", len(text), len(text)


def header_of(text: str, name: str) -> list[str]:
    """The column names on a CSV's first line that is not blank, stripped; a blank file is unreadable."""
    if not text:
        raise UnreadableFile(Problem(name, "is empty (0 bytes)", expected="a header line of column names"))
    if not text.strip():
        raise UnreadableFile(Problem(name, "contains only blank lines", expected="a header line of column names"))
    number, line, _start, _end = _header_line(text)
    try:
        names = next(csv.reader([line]))
    except csv.Error as exc:
        raise UnreadableFile(Problem(name, f"has a header line that cannot be read as CSV: {exc}", line=number,
                                     expected="a header line of comma-separated column names")) from exc
    return [n.strip() for n in names]


def _shown(header: list[str], i: int) -> str:
    return header[i] if header[i] else f"(unnamed column {i + 1})"


def identify(header: list[str], tables: dict[str, SourceTable], name: str, return_label: str,
             other_returns: dict[str, dict[str, SourceTable]] | None = None,
             case_insensitive: bool = True, line: int = 1) -> SourceTable:
    """The table whose column set the header (on ``line``) matches, or a clear error naming what is wrong."""
    norm = [h.upper() if case_insensitive else h for h in header]
    seen: dict[str, int] = {}
    for i, h in enumerate(norm, start=1):
        if h in seen:
            raise UnreadableFile(Problem(name, f"column {_shown(header, i - 1)!r} appears twice (columns {seen[h]} and {i})",
                                         line=line, field=header[i - 1], expected="each column once"))
        seen[h] = i
    got = set(norm)

    def key(t: SourceTable) -> set[str]:
        return {c.upper() if case_insensitive else c for c in t.source_columns}

    for t in tables.values():
        if key(t) == got:
            return t
    best = max(tables.values(), key=lambda t: len(key(t) & got) - len(got - key(t)))
    overlap = key(best) & got
    if len(overlap) >= max(2, len(key(best)) // 2) and len(overlap) > 1:
        missing = [c for c in best.source_columns if (c.upper() if case_insensitive else c) not in got]
        extra = [_shown(header, i) for i, h in enumerate(norm) if h not in key(best)]
        parts = []
        if missing:
            parts.append("missing column(s) " + ", ".join(missing))
        if extra:
            parts.append("unexpected column(s) " + ", ".join(extra))
        raise UnreadableFile(Problem(
            name, f"looks like the {return_label} {best.name} table but has " + " and ".join(parts),
            line=line, field=", ".join(missing or extra),
            expected="exactly the columns " + ", ".join(best.source_columns)))
    for label, other in (other_returns or {}).items():
        for t in other.values():
            if {c.upper() for c in t.source_columns} == {h.upper() for h in header}:
                raise UnreadableFile(Problem(
                    name, f"is a file of the {label} ({t.name} table), not of the {return_label}", line=line,
                    expected=f"the {return_label} files"))
    hint = ""
    if len(header) == 1:
        for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if sep in header[0]:
                hint = f" (its values seem to be separated by {label}, not commas)"
                break
    raise UnreadableFile(Problem(
        name, f"is not a recognised {return_label} table{hint}; its columns are " + ", ".join(header), line=line,
        expected=f"comma-separated columns of one of the {return_label} tables: " + "; ".join(tables)))


def read_csv_table(path: Path, tables: dict[str, SourceTable], return_label: str,
                   other_returns: dict[str, dict[str, SourceTable]] | None = None,
                   case_insensitive: bool = True) -> RawTable:
    """Read one CSV file into a :class:`RawTable`, recognising its table by its column set.

    Blank lines are skipped and rows whose every value is blank (Excel writes ``,,,,`` for rows it
    once formatted) are dropped; ``_row`` and ``_line`` still point at each kept row's place in the file.
    """
    data, record = read_bytes(path)
    text = decode_text(data, path.name)
    header = header_of(text, path.name)
    header_line, first, start, end = _header_line(text)
    if first.lstrip("\ufeff \t").startswith("<"):
        raise UnreadableFile(Problem(path.name, "is an XML or HTML file, not a CSV file", line=header_line,
                                     value=first[:_SHOWN], expected=f"a {return_label} CSV file"))
    spec = identify(header, tables, path.name, return_label, other_returns, case_insensitive, header_line)
    by_upper = {c.upper() if case_insensitive else c: c for c in spec.source_columns}
    names = [by_upper[h.upper() if case_insensitive else h] for h in header]
    # From the header line on; copied only when blank lines come first or the header has no line end.
    body_text = text[start:] if start else text
    offset = end - start
    if offset == len(body_text) and not body_text.endswith(("\n", "\r")):
        body_text += "\n"
        offset += 1
    try:
        table = pacsv.read_csv(
            io.BytesIO(body_text.encode("utf-8")),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=True),
            parse_options=pacsv.ParseOptions(newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowException as exc:
        raise _unparsable(path.name, body_text[offset:], header_line, len(names), exc) from exc
    n = table.num_rows
    rows = pa.array(range(n), pa.int64())
    table = table.append_column("_row", rows).append_column(
        "_line", _data_lines(body_text, offset, header_line, rows))
    table = _drop_blank_rows(table, names)
    return RawTable(spec, table, record)


def _records(rest: str):
    """The csv module's reader over the lines after the header (``line_num`` counts those lines)."""
    return csv.reader(io.StringIO(rest, newline=""))


def _data_lines(text: str, offset: int, header_line: int, rows: pa.Array) -> pa.Array:
    """The line on which each data row starts (the data begin at ``offset`` in ``text``).

    When there is no blank line and as many lines as rows, row i is on line header+1+i; otherwise
    (blank lines, line breaks inside quoted values) the csv module finds each record's first line.
    """
    n_rows = len(rows)
    blank = text.startswith(("\r", "\n"), offset) or any(text.find(m, offset) >= 0 for m in _BLANK_LINE_MARKS)
    if not blank:
        breaks = text.count("\n", offset) or text.count("\r", offset)
        n_lines = breaks + (0 if len(text) == offset or text.endswith(("\n", "\r")) else 1)
        if n_lines == n_rows:
            return pc.add(rows, header_line + 1)
    lines: list[int] = []
    reader = _records(text[offset:])
    ended = 0
    try:
        for record in reader:
            if record:
                lines.append(header_line + ended + 1)
            ended = reader.line_num
    except csv.Error:  # e.g. a value longer than the csv module allows, which Arrow read
        lines = []
    if len(lines) != n_rows:  # the csv module and Arrow disagree: give no line rather than a wrong one
        return pa.nulls(n_rows, pa.int64())
    return pa.array(lines, pa.int64())


def _unparsable(name: str, rest: str, header_line: int, n_cols: int, exc: Exception) -> UnreadableFile:
    """Say which line breaks the CSV, and how (usually a row with more or fewer values than the header)."""
    reader = _records(rest)
    ended = 0
    try:
        for record in reader:
            if record and len(record) != n_cols:
                line = header_line + ended + 1
                shown = _physical_line(rest, ended)
                shown = shown if len(shown) <= _SHOWN else shown[:_SHOWN] + "..."
                if any("\n" in v or "\r" in v for v in record):
                    message = "has a quote (\") that opens a value on this line and is not closed on it"
                else:
                    message = (f"has {len(record)} value{'s' if len(record) != 1 else ''} on this line but "
                               f"{n_cols} columns in its header")
                return UnreadableFile(Problem(
                    name, message, line=line, value=shown,
                    expected=f"{n_cols} comma-separated values on every line (quote values that contain commas)"))
            ended = reader.line_num
    except csv.Error as csv_exc:
        return UnreadableFile(Problem(name, f"cannot be read as CSV: {csv_exc}", line=header_line + reader.line_num,
                                      expected=f"{n_cols} comma-separated values on every line"))
    return UnreadableFile(Problem(name, f"cannot be read as CSV: {exc}",
                                  expected=f"{n_cols} comma-separated values on every line"))


def _physical_line(text: str, index: int) -> str:
    """Line ``index`` (0-based) of ``text``, without its line break."""
    for i, match in enumerate(_FIRST_LINE.finditer(text)):
        if i == index:
            return match.group(0).rstrip("\r\n")
    return ""


def _drop_blank_rows(table: pa.Table, names: list[str]) -> pa.Table:
    if table.num_rows == 0:
        return table
    blank = None
    for name in dict.fromkeys(names):
        empty = pc.equal(pc.utf8_trim_whitespace(table[name]), "")
        blank = empty if blank is None else pc.and_(blank, empty)
        if not pc.any(blank).as_py():  # almost always decided by the first column
            return table
    return table.filter(pc.invert(blank))
