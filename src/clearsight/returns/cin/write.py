"""Writing a CIN census file from plain records, in the census XSD's layout.

A child's record is a dict keyed by the spec's names: the ``ChildIdentifiers`` columns (``LAchildID``,
``UPN``, ``Sex``, ...), ``Ethnicity`` and ``Disabilities`` (a list), and ``CINdetails``: a list of episode
dicts holding their own columns and the lists ``Assessments`` (each with ``AssessmentFactors``, a list),
``CINplanDates``, ``Section47`` and ``ChildProtectionPlans`` (each with ``Reviews``, a list of dates).
Dates are ISO text; an empty value writes no element.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from clearsight.returns.cin.spec import CIN_TABLES
from clearsight.returns.message import HEADER_PARTS
from clearsight.returns.xmlsafe import escape
from clearsight.returns.years import CollectionYear

# The modules a ChildCharacteristics element holds; the rest of the ChildIdentifiers table is ChildIdentifiers.
CHARACTERISTICS = ("Ethnicity", "Disabilities")
# The table whose rows a module element holds, where the element is named differently.
XML_MODULE = {"CINplanDates": "CINPlanDates"}
# Censuses before 2024-25 record GenderCurrent (1 male, 2 female, 0 not known) where later ones record Sex.
SEX_FROM = CollectionYear(2025)
GENDER_CURRENT = {"M": "1", "F": "2", "U": "0"}


def el(tag: str, v: str) -> str:
    """One element, or nothing when the value is empty."""
    return f"<{tag}>{escape(v)}</{tag}>" if v != "" else ""


def leaves(table: str, row: Mapping, skip: tuple[str, ...] = ()) -> str:
    """The row's single-valued fields in the table's order (after LAchildID), as elements."""
    return "".join(el(c.source, row.get(c.source, "")) for c in CIN_TABLES[table].columns[1:]
                   if c.kind != "list" and c.source not in skip)


def header_xml(header: Mapping[str, str]) -> str:
    """The message ``<Header>``: its ``CollectionDetails`` and ``Source`` parts, each element when given."""
    return "<Header>" + "".join(f"<{part}>" + "".join(el(e, header.get(e, "")) for e in elements) + f"</{part}>"
                                for part, elements in HEADER_PARTS.items()) + "</Header>"


def child_xml(rec: Mapping, year: CollectionYear) -> str:
    """One ``<Child>`` (with a newline)."""
    ids = dict(rec)
    if year < SEX_FROM:
        ids["GenderCurrent"] = GENDER_CURRENT.get(rec["Sex"], rec["Sex"])
        ids["Sex"] = ""
    parts = ["<Child><ChildIdentifiers>", el("LAchildID", rec["LAchildID"]), leaves("ChildIdentifiers", ids, CHARACTERISTICS),
             "</ChildIdentifiers><ChildCharacteristics>", el("Ethnicity", rec["Ethnicity"]), "<Disabilities>",
             "".join(el("Disability", x) for x in rec["Disabilities"]), "</Disabilities></ChildCharacteristics>"]
    for d in rec["CINdetails"]:
        # In the XSD's order ReferralNFA comes after the Section47 modules, before the child protection plans.
        parts.append("<CINdetails>" + leaves("CINdetails", d, ("ReferralNFA",)))
        for a in d["Assessments"]:
            parts += ["<Assessments>", leaves("Assessments", a)]
            if a["AssessmentFactors"]:
                parts.append("<FactorsIdentifiedAtAssessment>"
                             + "".join(el("AssessmentFactors", f) for f in a["AssessmentFactors"])
                             + "</FactorsIdentifiedAtAssessment>")
            parts.append("</Assessments>")
        for table in ("CINplanDates", "Section47"):
            tag = XML_MODULE.get(table, table)
            parts += [f"<{tag}>{leaves(table, row)}</{tag}>" for row in d[table]]
        parts.append(el("ReferralNFA", d["ReferralNFA"]))
        for p in d["ChildProtectionPlans"]:
            parts += ["<ChildProtectionPlans>", leaves("ChildProtectionPlans", p)]
            if p["Reviews"]:
                parts.append("<Reviews>" + "".join(el("CPPreviewDate", x) for x in p["Reviews"]) + "</Reviews>")
            parts.append("</ChildProtectionPlans>")
        parts.append("</CINdetails>")
    parts.append("</Child>\n")
    return "".join(parts)


def write_cin_xml(path: Path, year: str | CollectionYear, header: Mapping[str, str], children: Iterable[Mapping]) -> None:
    """The census file: the header's elements (``Collection``, ``LEA``, ...), then each child's record as it comes."""
    cy = CollectionYear.parse(year)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<Message>' + header_xml(header) + "<Children>\n")
        for rec in children:
            fh.write(child_xml(rec, cy))
        fh.write("</Children></Message>\n")
