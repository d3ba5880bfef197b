"""Hardened, streaming XML reading: no DTDs, no entities, no network, bounded size.

Returns are large and come from outside; a file that tries to declare entities (the "billion
laughs" attack) or fetch anything is refused with a clear message before any parsing happens.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:  # lxml is imported where XML is read, not by every command that imports a parser
    from lxml import etree

from clearsight.config import max_xml_bytes
from clearsight.returns.problems import Problem, SourceFile, UnreadableFile

_PROLOG_BYTES = 1 << 20  # the most we read looking for the root element
_CHUNK = 65536
# Byte signatures of the encodings that are not ASCII-compatible, with or without a byte-order mark
# (XML 1.0 appendix F). Anything else is scanned as bytes: markup is ASCII in every other encoding.
_WIDE_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
    (b"\x00<\x00", "utf-16-be"), (b"<\x00", "utf-16-le"),
)
# In the prolog: a comment, a processing instruction, a DTD or entity declaration, the start of a
# comment or instruction whose end is not read yet, or the root element's start tag.
_PROLOG_TOKEN = re.compile(r"<!--.*?-->|<\?.*?\?>|(?P<dtd><!\s*(?:DOCTYPE|ENTITY))|(?P<open><!--|<\?)|(?P<root><[^!?])",
                           re.IGNORECASE | re.DOTALL)


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


def _wide_encoding(head: bytes) -> str | None:
    for signature, encoding in _WIDE_ENCODINGS:
        if head.startswith(signature):
            return encoding
    return None


def _dtd_refused(name: str, line: int | None) -> UnreadableFile:
    return UnreadableFile(Problem(
        name, "declares a DTD or entities (<!DOCTYPE>/<!ENTITY>), which are refused for safety", line=line,
        expected="a plain XML document without a DOCTYPE"))


def _scan_prolog(path: Path) -> bool:
    """Read up to the root element's start tag, refusing a DTD on the way, whatever the encoding.

    Returns whether the file holds nothing but white space. Comments and processing instructions
    are skipped whole, so a DOCTYPE cannot hide behind a long comment.
    """
    with path.open("rb") as f:
        head = f.read(4)
        decoder = codecs.getincrementaldecoder(_wide_encoding(head) or "latin-1")(errors="replace")
        text = decoder.decode(head)
        read = len(head)
        while True:
            for token in _PROLOG_TOKEN.finditer(text):
                if token.group("dtd"):
                    raise _dtd_refused(path.name, text.count("\n", 0, token.start()) + 1)
                if token.group("root"):
                    return False
                if token.group("open"):
                    break
            chunk = f.read(_CHUNK)
            if not chunk:
                return not text.strip(" \t\r\n\x00\ufeff\xef\xbb\xbf")
            read += len(chunk)
            if read > _PROLOG_BYTES:
                raise UnreadableFile(Problem(
                    path.name, f"has no root element in its first {_PROLOG_BYTES:,} bytes",
                    expected="an XML document whose first element starts near the top of the file"))
            text += decoder.decode(chunk)


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
    try:
        blank = _scan_prolog(path)
    except OSError as exc:
        raise UnreadableFile(Problem(name, f"cannot be opened: {exc.strerror or exc}")) from exc
    if blank:
        raise UnreadableFile(Problem(name, "contains only white space", expected="an XML document"))


def _refuse_dtd(name: str, elem: etree._Element) -> None:
    """The parser's own view, in case a DTD got past the byte scan (an encoding it does not know)."""
    info = elem.getroottree().docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        raise _dtd_refused(name, None)


def _parser_kwargs() -> dict:
    return dict(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                huge_tree=False, remove_comments=True, remove_pis=True)


_ENCODING_ERROR = re.compile(r"Invalid bytes in character encoding|not proper UTF-8|Char 0x0 out of allowed range",
                             re.IGNORECASE)


def syntax_problem(name: str, exc: etree.XMLSyntaxError, path: Path | None = None) -> UnreadableFile:
    """Turn lxml's syntax error into a problem naming the line and column (and the byte, for encodings)."""
    line, col = (exc.position if exc.position else (exc.lineno, None))
    msg = exc.msg or str(exc)
    msg = re.sub(r", line \d+, column \d+$", "", msg)
    where = f"column {col}: " if col else ""
    if path is not None and line and _ENCODING_ERROR.search(msg):
        found = _bad_byte(path, line)
        if found:
            byte, offset = found
            return UnreadableFile(Problem(
                name, f"is not UTF-8 text: byte 0x{byte:02x} at byte {offset:,} cannot be decoded "
                      "(probably saved as Windows-1252) and the XML declaration names no other encoding",
                line=line, value=f"0x{byte:02x}",
                expected='UTF-8, or an XML declaration naming the encoding, e.g. <?xml version="1.0" '
                         'encoding="windows-1252"?>'))
    return UnreadableFile(Problem(name, f"is not well-formed XML: {where}{msg}", line=line,
                                  expected="a complete, well-formed XML document"))


def _bad_byte(path: Path, line: int) -> tuple[int, int] | None:
    """The first byte on ``line`` that is not UTF-8, and its 1-based offset in the file."""
    offset = 0
    try:
        with path.open("rb") as f:
            for number, raw in enumerate(f, start=1):
                if number == line:
                    try:
                        raw.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        return raw[exc.start], offset + exc.start + 1
                    return None
                offset += len(raw)
    except OSError:
        return None
    return None


def root_element(path: Path) -> tuple[str, int | None]:
    """The name and line of the document's root element, read without parsing the rest.

    Refuses a DTD however it is encoded, and a root element in an XML namespace: the DfE schemas
    have none, and namespaced elements would otherwise be silently skipped as unknown.
    """
    from lxml import etree

    check_xml_file(path)
    try:
        with path.open("rb") as f:
            for _event, elem in etree.iterparse(f, events=("start",), **_parser_kwargs()):
                _refuse_dtd(path.name, elem)
                qname = etree.QName(elem)
                if qname.namespace:
                    raise UnreadableFile(Problem(
                        path.name, f"puts its elements in the XML namespace {qname.namespace!r}",
                        line=elem.sourceline, path=f"/{qname.localname}", field="xmlns", value=qname.namespace,
                        expected="elements without a namespace, as in the DfE schema"))
                return qname.localname, elem.sourceline
    except etree.XMLSyntaxError as exc:
        raise syntax_problem(path.name, exc, path) from exc
    raise UnreadableFile(Problem(path.name, "has no root element", expected="an XML document"))


def root_tag(path: Path) -> str:
    """The name of the document's root element (see :func:`root_element`)."""
    return root_element(path)[0]


def require_root(path: Path, wanted: str, what: str, expected: str, others: dict[str, str] | None = None,
                 unknown: str = "an XML file whose root element is <{root}>") -> None:
    """Refuse a file whose root element is not ``wanted``: "<file> is <what it is>, not <what>", naming what it
    looks like when its root is one of ``others`` (root -> description)."""
    root = root_tag(path)
    if root != wanted:
        other = (others or {}).get(root) or unknown.format(root=root)
        raise UnreadableFile(Problem(path.name, f"is {other}, not {what}", line=1, path=f"/{root}", expected=expected))


def iter_elements(path: Path, tags: tuple[str, ...], reader: HashingReader) -> Iterator[etree._Element]:
    """Yield each element named in ``tags`` when it ends, freeing what came before it."""
    from lxml import etree

    first = True
    try:
        for _event, elem in etree.iterparse(reader, events=("end",), tag=tags, **_parser_kwargs()):
            if first:
                _refuse_dtd(path.name, elem)
                first = False
            yield elem
            elem.clear(keep_tail=True)
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise syntax_problem(path.name, exc, path) from exc


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


def escape(text: str) -> str:
    """Text as XML element content: ``&``, ``<`` and ``>`` as entities (what ``xml.sax.saxutils.escape``
    does, without the ``urllib`` that module imports: a few hundredths of a second on every command)."""
    return html.escape(text, quote=False)
