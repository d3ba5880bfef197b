"""The SSDA903 return (children looked after and care leavers): a folder of CSVs, or the XML form.

CSV files are recognised by their column set, whatever they are called. The XML form follows the
2021 ``EXPSSDA903`` schema, whose ``CHILD`` records are checked one at a time as they stream past
and flattened into the same tables the CSVs give.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from clearsight.config import REFERENCE_DIR
from clearsight.returns.cms.spec import CMS_TABLES
from clearsight.returns.collect import Batch, Collector, ColumnBuffer, drain
from clearsight.returns.csvfiles import folder_csv_files, read_csv_return
from clearsight.returns.problems import Problem, UnreadableFile
from clearsight.returns.ssda903.spec import (
    SSDA903_TABLES,
    XML_HEADER_FIELDS,
    XML_HEADER_MODULES,
    XML_MODULES,
    XML_NAMES,
    ssda903_tables,
)
from clearsight.returns.xmlsafe import HashingReader, iter_elements, require_root, source_file, text_of
from clearsight.returns.xsd import record_schema, validate_record

XSD_2021 = REFERENCE_DIR / "ssda903" / "SSDA903_CLA_2021.xsd"
BATCH_CHILDREN = 20000
FIELD_OF = {element: column for column, element in XML_NAMES.items()}  # CHILDID is the CHILD field


def parse_ssda903(path: Path, year: str, out: Collector) -> Iterator[Batch]:
    """A 903 folder of CSVs or a 903 XML file, as batches of the canonical 903 tables."""
    if path.is_dir():
        return parse_ssda903_csv_folder(path, year, out)
    if path.suffix.lower() == ".xml":
        return parse_ssda903_xml(path, year, out)
    if path.suffix.lower() == ".csv":
        return parse_ssda903_csv_files([path], year, out, path)  # refused: one file is not the whole 903
    raise UnreadableFile(Problem(path.name, "is neither a folder of SSDA903 CSV files nor an SSDA903 XML file",
                                 expected="a folder of CSVs or a .xml file"))


def parse_ssda903_csv_folder(folder: Path, year: str, out: Collector) -> Iterator[Batch]:
    files = folder_csv_files(folder, "the SSDA903 CSV files", out)
    return parse_ssda903_csv_files(files, year, out, folder)


def parse_ssda903_csv_files(files: list[Path], year: str, out: Collector, given: Path) -> Iterator[Batch]:
    """The 903's CSV files as batches; ``given`` is what was asked for (the folder, or a single file)."""
    batches = read_csv_return(given, files, ssda903_tables(year), "SSDA903", out,
                              other_returns={"case-management extract": CMS_TABLES}, other_form="or its XML file")
    out.meta["format"] = "csv"
    return iter(batches)


# The AD1 and OC3 fields the XML holds directly in HEADER (the tables' columns after CHILD and DOB).
_AD1_FIELDS = SSDA903_TABLES["AD1"].columns[2:]
_OC3_FIELDS = SSDA903_TABLES["OC3"].columns[2:]


def ssda903_schema():
    """The 2021 XSD, compiled for checking one ``CHILD`` at a time."""
    return record_schema(XSD_2021, (("CHILD", "/xs:schema/xs:element[@name='EXPSSDA903']//xs:element[@name='CHILD']"),))


def parse_ssda903_xml(path: Path, year: str, out: Collector) -> Iterator[Batch]:
    """Stream a 903 XML file into the same tables the CSV set gives."""
    name = path.name
    require_root(path, "EXPSSDA903", "an SSDA903 XML file", "a file whose root element is <EXPSSDA903>",
                 others={"Message": "a CIN census (or other DfE <Message>) file"}, unknown="an XML file with root <{root}>")
    tables = ssda903_tables(year)
    schema = ssda903_schema()
    bufs = {k: ColumnBuffer(t) for k, t in tables.items()}
    counts = dict.fromkeys(tables, 0)
    total = path.stat().st_size

    def add(table: str, row: dict, line: int | None) -> None:
        if table in bufs:
            bufs[table].add(row, counts[table], line)
            counts[table] += 1

    n_child = 0
    with path.open("rb") as raw:
        reader = HashingReader(raw)
        for child in iter_elements(path, ("CHILD",), reader):
            n_child += 1
            header = child.find("HEADER")
            child_id = text_of(header.find("CHILDID")) if header is not None else ""
            out.findings.extend(validate_record(schema, child, file=name, prefix=f"/EXPSSDA903/CHILD[{n_child}]",
                                                module_of=XML_MODULES, child=child_id or None, field_names=FIELD_OF))
            if header is None:
                continue
            fields = {el.tag: text_of(el) for el in header if isinstance(el.tag, str) and len(el) == 0}
            base = {"CHILD": child_id, "DOB": fields.get("DOB", "")}
            add("Header", {col: fields.get(tag, "") for tag, col in XML_HEADER_FIELDS.items()}, header.sourceline)
            if fields.get("DUC"):
                add("UASC", {**base, "SEX": fields.get("SEX", ""), "DUC": fields["DUC"]}, header.sourceline)
            if any(fields.get(f) for f in _AD1_FIELDS):
                add("AD1", {**base, **{f: fields.get(f, "") for f in _AD1_FIELDS}}, header.sourceline)
            if any(fields.get(f) for f in _OC3_FIELDS):
                add("OC3", {**base, **{f: fields.get(f, "") for f in _OC3_FIELDS}}, header.sourceline)
            for el in header:
                if el.tag in XML_HEADER_MODULES:
                    add(XML_MODULES[el.tag], {**base, **_leaves(el)}, el.sourceline)
            for ep in child.iterfind("EPISODE"):
                row = {"CHILD": child_id, **_leaves(ep)}
                row["PLACE"] = row.pop(XML_NAMES["PLACE"], "")
                add("Episodes", row, ep.sourceline)
            if n_child % BATCH_CHILDREN == 0:
                out.report(reader.size, total)
                yield from drain(bufs)
        out.files.append(source_file(path, reader))
    out.meta["children"] = n_child
    out.meta["format"] = "xml"
    out.report(total, total)
    yield from drain(bufs)


def _leaves(elem) -> dict[str, str]:
    return {el.tag: text_of(el) for el in elem if isinstance(el.tag, str)}
