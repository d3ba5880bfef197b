"""The Children in Need census XML, read streaming, one ``Child`` at a time.

Each child is checked against the collection year's XSD as it passes (problems become ``XSD``
findings), and its modules are flattened into the canonical CIN tables. Every xs:boolean form is
accepted, and both the pre-2025 ``GenderCurrent`` and the 2025+ ``Sex`` are read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from clearsight.config import REFERENCE_DIR
from clearsight.returns.cin.spec import CIN_TABLES
from clearsight.returns.collect import Batch, Collector, ColumnBuffer, drain
from clearsight.returns.problems import Finding, Problem, UnreadableFile
from clearsight.returns.xmlsafe import HashingReader, iter_elements, require_root, source_file, text_of
from clearsight.returns.xsd import record_schema, validate_record
from clearsight.returns.years import CollectionYear

BATCH_CHILDREN = 20000
MODULE_OF = {
    "Header": "Header", "ChildIdentifiers": "ChildIdentifiers", "ChildCharacteristics": "ChildCharacteristics",
    "CINdetails": "CINdetails", "Assessments": "Assessments", "CINPlanDates": "CINplanDates",
    "Section47": "Section47", "ChildProtectionPlans": "ChildProtectionPlans", "Reviews": "Reviews",
}
FIRST_SCHEMA_YEAR, LAST_SCHEMA_YEAR = 2022, 2026


def cin_xsd_path(year: str | CollectionYear) -> Path:
    """The CIN schema for a collection year (the newest one we have for years beyond it)."""
    ending = CollectionYear.parse(year).ending
    if ending < FIRST_SCHEMA_YEAR:
        raise ValueError(f"CIN census years before 2021-22 are not supported (got {year})")
    return REFERENCE_DIR / "cin" / f"CIN_schema_{min(ending, LAST_SCHEMA_YEAR)}.xsd"


def cin_schema(year: str | CollectionYear):
    """The census XSD of a year, compiled for checking one ``Child`` (or the ``Header``) at a time."""
    return record_schema(cin_xsd_path(year), (("Child", "childtype"), ("Header", "headertype")), ("yesnotype",))


def parse_cin_xml(path: Path, year: str, out: Collector) -> Iterator[Batch]:
    """Stream a CIN census file into batches of the canonical CIN tables."""
    name = path.name
    require_root(path, "Message", "a Children in Need census", "a CIN census file whose root element is <Message>",
                 others={"EXPSSDA903": "an SSDA903 XML file"})
    schema = cin_schema(year)
    total = path.stat().st_size
    bufs = {k: ColumnBuffer(CIN_TABLES[k]) for k in
            ("Header", "ChildIdentifiers", "CINdetails", "Assessments", "CINplanDates", "Section47",
             "ChildProtectionPlans", "Reviews")}
    n_child = n_ref = n_ass = n_plan = n_s47 = n_cpp = n_rev = n_revblock = 0
    seen_children = False
    with path.open("rb") as raw:
        reader = HashingReader(raw)
        for elem in iter_elements(path, ("Header", "Child", "Children", "CSWWWorker", "LALevelVacancies"), reader):
            if elem.tag == "Header":
                _read_header(elem, name, out, bufs, schema)
                continue
            if elem.tag == "Children":
                seen_children = True
                continue
            if elem.tag in ("CSWWWorker", "LALevelVacancies"):
                raise UnreadableFile(Problem(name, "is a social work workforce census, not a Children in Need census",
                                             line=elem.sourceline, path=f"/Message/{elem.tag}",
                                             expected="a CIN census file with <Children>"))
            ids = elem.find("ChildIdentifiers")
            child_id = text_of(ids.find("LAchildID")) if ids is not None else ""
            out.findings.extend(validate_record(
                schema, elem, file=name, prefix=f"/Message/Children/Child[{n_child + 1}]",
                module_of=MODULE_OF, child=child_id or None))
            row = {"LAchildID": child_id}
            if ids is not None:
                for el in ids:
                    if isinstance(el.tag, str):
                        row[el.tag] = text_of(el)
            chars = elem.find("ChildCharacteristics")
            if chars is not None:
                row["Ethnicity"] = text_of(chars.find("Ethnicity"))
                dis = chars.find("Disabilities")
                row["Disabilities"] = [text_of(d) for d in dis.iter("Disability")] if dis is not None else []
            bufs["ChildIdentifiers"].add(row, n_child, elem.sourceline)
            for det in elem.iterfind("CINdetails"):
                ref = {"LAchildID": child_id}
                for el in det:
                    tag = el.tag
                    if not isinstance(tag, str):
                        continue
                    if tag == "Assessments":
                        a = {"LAchildID": child_id}
                        for sub in el:
                            if sub.tag == "FactorsIdentifiedAtAssessment":
                                a["AssessmentFactors"] = [text_of(f) for f in sub.iter("AssessmentFactors")]
                            elif isinstance(sub.tag, str):
                                a[sub.tag] = text_of(sub)
                        bufs["Assessments"].add(a, n_ass, el.sourceline, {"referral_row": n_ref})
                        n_ass += 1
                    elif tag == "CINPlanDates":
                        p = {"LAchildID": child_id, **{s.tag: text_of(s) for s in el if isinstance(s.tag, str)}}
                        bufs["CINplanDates"].add(p, n_plan, el.sourceline, {"referral_row": n_ref})
                        n_plan += 1
                    elif tag == "Section47":
                        s = {"LAchildID": child_id, **{s.tag: text_of(s) for s in el if isinstance(s.tag, str)}}
                        bufs["Section47"].add(s, n_s47, el.sourceline, {"referral_row": n_ref})
                        n_s47 += 1
                    elif tag == "ChildProtectionPlans":
                        cp = {"LAchildID": child_id}
                        for sub in el:
                            if sub.tag == "Reviews":
                                for rv in sub.iter("CPPreviewDate"):
                                    bufs["Reviews"].add(
                                        {"LAchildID": child_id, "CPPreviewDate": text_of(rv)}, n_rev, rv.sourceline,
                                        {"cp_plan_row": n_cpp, "reviews_block": n_revblock})
                                    n_rev += 1
                                n_revblock += 1
                            elif isinstance(sub.tag, str):
                                cp[sub.tag] = text_of(sub)
                        bufs["ChildProtectionPlans"].add(cp, n_cpp, el.sourceline, {"referral_row": n_ref})
                        n_cpp += 1
                    else:
                        ref[tag] = text_of(el)
                bufs["CINdetails"].add(ref, n_ref, det.sourceline, {"child_row": n_child})
                n_ref += 1
            n_child += 1
            if n_child % BATCH_CHILDREN == 0:
                out.report(reader.size, total)
                yield from drain(bufs)
        out.files.append(source_file(path, reader))
    if not seen_children:
        raise UnreadableFile(Problem(name, "has no <Children> element, so it is not a Children in Need census",
                                     path="/Message", expected="a CIN census file: <Message> holding <Header> and <Children>"))
    if n_child == 0:
        out.findings.append(_no_children(name))
    out.meta.update({"children": n_child})
    out.report(total, total)
    yield from drain(bufs)


def _read_header(elem, name: str, out: Collector, bufs: dict[str, ColumnBuffer], schema) -> None:
    out.findings.extend(validate_record(schema, elem, file=name, prefix="/Message/Header", module_of=MODULE_OF,
                                        child=None))
    row: dict = {}
    details = elem.find("CollectionDetails")
    if details is not None:
        for el in details:
            if isinstance(el.tag, str):
                row[el.tag] = text_of(el)
    source = elem.find("Source")
    if source is not None:
        for el in source:
            if isinstance(el.tag, str):
                row[el.tag] = text_of(el)
    collection = row.get("Collection", "")
    if collection and collection.upper() != "CIN":
        raise UnreadableFile(Problem(name, f"is a {collection} collection file, not a Children in Need census",
                                     line=elem.sourceline, path="/Message/Header/CollectionDetails/Collection",
                                     field="Collection", value=collection, expected="CIN"))
    out.meta.update({"reference_date": row.get("ReferenceDate"), "lea": row.get("LEA")})
    bufs["Header"].add(row, 0, elem.sourceline)


def _no_children(name: str) -> Finding:
    return Finding(rule="XSD", file=name, message="the census has no <Child> records", path="/Message/Children",
                   table="ChildIdentifiers", field="Child")
