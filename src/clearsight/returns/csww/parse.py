"""The children's social work workforce census (CSWW) XML, read streaming, one worker at a time.

Each ``CSWWWorker`` and the council-level ``LALevelVacancies`` are checked against the census XSD as
they pass; problems become ``XSD`` findings and the values are loaded as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from clearsight.config import REFERENCE_DIR
from clearsight.returns.collect import Batch, Collector, ColumnBuffer, drain
from clearsight.returns.csww.spec import CSWW_TABLES
from clearsight.returns.problems import Finding, Problem, UnreadableFile
from clearsight.returns.xmlsafe import HashingReader, iter_elements, require_root, source_file, text_of
from clearsight.returns.xsd import record_schema, validate_record

XSD = REFERENCE_DIR / "csww" / "social_work_workforce_2022.xsd"
BATCH = 20000
MODULE_OF = {"Header": "Header", "LALevelVacancies": "LALevelVacancies", "CSWWWorker": "CSWWWorker"}


def csww_schema():
    """The census XSD, compiled for checking the header, the vacancies and one worker at a time."""
    return record_schema(XSD, (("Header", "headertype"), ("LALevelVacancies", "vacancytype"),
                               ("CSWWWorker", "workertype")), ("yesnotype",))


def parse_csww_xml(path: Path, year: str, out: Collector) -> Iterator[Batch]:
    """Stream a workforce census file into the canonical CSWW tables."""
    name = path.name
    require_root(path, "Message", "a workforce census", "a CSWW file whose root element is <Message>")
    schema = csww_schema()
    bufs = {k: ColumnBuffer(t) for k, t in CSWW_TABLES.items()}
    n_workers = 0
    with path.open("rb") as raw:
        reader = HashingReader(raw)
        for elem in iter_elements(path, ("Header", "LALevelVacancies", "CSWWWorker", "Children"), reader):
            tag = elem.tag
            if tag == "Children":
                raise UnreadableFile(Problem(name, "is a Children in Need census, not a workforce census",
                                             line=elem.sourceline, path="/Message/Children",
                                             expected="a CSWW file with <CSWWWorker> records"))
            if tag == "Header":
                out.findings.extend(validate_record(schema, elem, file=name, prefix="/Message/Header",
                                                    module_of=MODULE_OF, child=None))
                row = {}
                for part in ("CollectionDetails", "Source"):
                    sub = elem.find(part)
                    if sub is not None:
                        row.update({e.tag: text_of(e) for e in sub if isinstance(e.tag, str)})
                collection = row.get("Collection", "")
                if collection and collection.upper() != "CSWW":
                    raise UnreadableFile(Problem(
                        name, f"is a {collection} collection file, not a workforce census", line=elem.sourceline,
                        path="/Message/Header/CollectionDetails/Collection", field="Collection", value=collection,
                        expected="CSWW"))
                bufs["Header"].add(row, 0, elem.sourceline)
                continue
            prefix = f"/Message/{tag}" + (f"[{n_workers + 1}]" if tag == "CSWWWorker" else "")
            out.findings.extend(validate_record(schema, elem, file=name, prefix=prefix, module_of=MODULE_OF,
                                                child=None))
            row = {}
            for e in elem:
                if isinstance(e.tag, str) and e.tag not in row:  # repeated elements: the first is kept
                    row[e.tag] = text_of(e)
            if tag == "LALevelVacancies":
                bufs["LALevelVacancies"].add(row, 0, elem.sourceline)
            else:
                bufs["CSWWWorker"].add(row, n_workers, elem.sourceline)
                n_workers += 1
                if n_workers % BATCH == 0:
                    yield from drain(bufs)
        out.files.append(source_file(path, reader))
    if n_workers == 0:
        out.findings.append(Finding(rule="XSD", file=name, message="the census has no <CSWWWorker> records",
                                    path="/Message", table="CSWWWorker", field="CSWWWorker"))
    out.meta["workers"] = n_workers
    yield from drain(bufs)
