"""Reading CSV files as councils send them: recognised by their columns, every value as text.

Values stay text here; typing (dates, numbers, codes) happens in the warehouse, set-based, where
every value that does not fit becomes a finding instead of being dropped.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from clearsight.returns.problems import Problem, SourceFile, UnreadableFile
from clearsight.returns.spec import SourceTable

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class RawTable:
    """One source table read from a file: text columns plus ``_row`` (0-based) and ``_line``."""

    spec: SourceTable
    data: pa.Table
    file: SourceFile


def read_bytes(path: Path) -> tuple[bytes, SourceFile]:
    """Read a file once, returning its bytes and its record (name, size, SHA-256)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(Problem(str(path), f"cannot be opened: {exc.strerror or exc}")) from exc
    return data, SourceFile(path.name, str(path), hashlib.sha256(data).hexdigest(), len(data))


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file's bytes (UTF-8, with or without BOM, or UTF-16 with BOM) or say where it fails."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(Problem(name, "is marked as UTF-16 but cannot be decoded as UTF-16",
                                         expected="a file saved as 'CSV UTF-8'")) from exc
    body = data[3:] if data.startswith(UTF8_BOM) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        bad = body[exc.start:exc.start + 1]
        raise UnreadableFile(Problem(
            name,
            f"is not UTF-8 text: byte 0x{bad.hex()} at byte {exc.start + 1} cannot be decoded "
            "(probably saved as Windows-1252 / 'CSV' from Excel)",
            line=line,
            expected="a file saved as 'CSV UTF-8 (comma delimited)'",
        )) from exc


def header_of(text: str, name: str) -> list[str]:
    """The column names on a CSV's first line, stripped; an empty file is unreadable."""
    if not text.strip():
        raise UnreadableFile(Problem(name, "is empty", expected="a header line of column names"))
    first = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""
    names = next(csv.reader([first]))
    return [n.strip() for n in names]


def identify(header: list[str], tables: dict[str, SourceTable], name: str, return_label: str,
             other_returns: dict[str, dict[str, SourceTable]] | None = None,
             case_insensitive: bool = True) -> SourceTable:
    """The table whose column set the header matches, or a clear error naming what is wrong."""
    norm = [h.upper() if case_insensitive else h for h in header]
    seen: dict[str, int] = {}
    for i, h in enumerate(norm, start=1):
        if h in seen:
            raise UnreadableFile(Problem(name, f"column {header[i - 1]!r} appears twice (columns {seen[h]} and {i})",
                                         line=1, field=header[i - 1], expected="each column once"))
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
        missing = sorted(key(best) - got)
        extra = sorted(got - key(best))
        parts = []
        if missing:
            parts.append("missing column(s) " + ", ".join(missing))
        if extra:
            parts.append("unexpected column(s) " + ", ".join(extra))
        raise UnreadableFile(Problem(
            name, f"looks like the {return_label} {best.name} table but has " + " and ".join(parts),
            line=1, expected="exactly the columns " + ", ".join(best.source_columns)))
    for label, other in (other_returns or {}).items():
        for t in other.values():
            if {c.upper() for c in t.source_columns} == {h.upper() for h in header}:
                raise UnreadableFile(Problem(
                    name, f"is a {label} file ({t.name} table), not a {return_label} file", line=1,
                    expected=f"a {return_label} file"))
    raise UnreadableFile(Problem(
        name, f"is not a recognised {return_label} table; its columns are " + ", ".join(header), line=1,
        expected=f"the columns of one of the {return_label} tables: " + "; ".join(tables)))


def read_csv_table(path: Path, tables: dict[str, SourceTable], return_label: str,
                   other_returns: dict[str, dict[str, SourceTable]] | None = None,
                   case_insensitive: bool = True) -> RawTable:
    """Read one CSV file into a :class:`RawTable`, recognising its table by its column set."""
    data, record = read_bytes(path)
    text = decode_text(data, path.name)
    header = header_of(text, path.name)
    spec = identify(header, tables, path.name, return_label, other_returns, case_insensitive)
    by_upper = {c.upper() if case_insensitive else c: c for c in spec.source_columns}
    names = [by_upper[h.upper() if case_insensitive else h] for h in header]
    body = text.lstrip("\ufeff").encode("utf-8")
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=True),
            parse_options=pacsv.ParseOptions(newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        msg = str(exc)
        raise UnreadableFile(Problem(path.name, f"cannot be read as CSV: {msg}",
                                     expected=f"{len(names)} comma-separated values on every line")) from exc
    n = table.num_rows
    rows = pa.array(range(n), pa.int64())
    table = table.append_column("_row", rows).append_column("_line", pc.add(rows, 2))
    return RawTable(spec, table, record)
