"""Hardened, streaming XML reading: no DTDs, no entities, no network, bounded size.

Returns are large and come from outside; a file that tries to declare entities (the "billion
laughs" attack) or fetch anything is refused with a clear message before any parsing happens.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from clearsight.config import max_xml_bytes
from clearsight.returns.problems import Problem, SourceFile, UnreadableFile

_PROLOG_BYTES = 65536
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class HashingReader:
    """A file wrapper that hashes every byte lxml reads, so a file is read once."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        chunk = self.raw.read(n)
        self.sha256.update(chunk)
        self.size += len(chunk)
        return chunk


def check_xml_file(path: Path) -> None:
    """Refuse files that are missing, empty, too large, or carry a DTD or entity declarations."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(Problem(name, f"cannot be opened: {exc.strerror or exc}")) from exc
    if size == 0:
        raise UnreadableFile(Problem(name, "is empty", expected="an XML document"))
    if size > max_xml_bytes():
        raise UnreadableFile(Problem(name, f"is {size:,} bytes, more than the {max_xml_bytes():,} allowed",
                                     expected="a file below CLEARSIGHT_MAX_XML_BYTES"))
    with path.open("rb") as f:
        head = f.read(_PROLOG_BYTES)
    match = _DTD.search(head)
    if match:
        line = head.count(b"\n", 0, match.start()) + 1
        raise UnreadableFile(Problem(
            name, "declares a DTD or entities (<!DOCTYPE>/<!ENTITY>), which are refused for safety", line=line,
            expected="a plain XML document without a DOCTYPE"))
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise UnreadableFile(Problem(name, "contains only white space", expected="an XML document"))


def _parser_kwargs() -> dict:
    return dict(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                huge_tree=False, remove_comments=True, remove_pis=True)


def syntax_problem(name: str, exc: etree.XMLSyntaxError) -> UnreadableFile:
    """Turn lxml's syntax error into a problem naming the line and column."""
    line, col = (exc.position if exc.position else (exc.lineno, None))
    msg = exc.msg or str(exc)
    msg = re.sub(r", line \d+, column \d+$", "", msg)
    where = f"column {col}: " if col else ""
    return UnreadableFile(Problem(name, f"is not well-formed XML: {where}{msg}", line=line,
                                  expected="a complete, well-formed XML document"))


def root_tag(path: Path) -> str:
    """The name of the document's root element, read without parsing the rest."""
    check_xml_file(path)
    try:
        with path.open("rb") as f:
            for _event, elem in etree.iterparse(f, events=("start",), **_parser_kwargs()):
                return etree.QName(elem).localname
    except etree.XMLSyntaxError as exc:
        raise syntax_problem(path.name, exc) from exc
    raise UnreadableFile(Problem(path.name, "has no root element", expected="an XML document"))


def iter_elements(path: Path, tags: tuple[str, ...], reader: HashingReader) -> Iterator[etree._Element]:
    """Yield each element named in ``tags`` when it ends, freeing what came before it."""
    try:
        for _event, elem in etree.iterparse(reader, events=("end",), tag=tags, **_parser_kwargs()):
            yield elem
            elem.clear(keep_tail=True)
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise syntax_problem(path.name, exc) from exc


def source_file(path: Path, reader: HashingReader) -> SourceFile:
    """The record of a file read through ``reader``; reads any remaining bytes to finish the hash."""
    while reader.read(1 << 20):
        pass
    return SourceFile(path.name, str(path), reader.sha256.hexdigest(), reader.size)


def text_of(elem: etree._Element | None) -> str:
    """An element's text, stripped; empty when absent."""
    if elem is None or elem.text is None:
        return ""
    return elem.text.strip()
