"""Schema checks one record at a time, so a national file is validated without loading it whole.

The DfE schemas describe one document; we compile, from each, a schema whose global elements are
the repeating records (a CIN ``Child``, a 903 ``CHILD``) and validate each record as it streams
past. Every problem becomes a finding with the line, the XML path, the field and the value.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # lxml is imported where an XML file is checked, not by every command
    from lxml import etree

from clearsight.returns.problems import Finding, shown

XS = "http://www.w3.org/2001/XMLSchema"
_NS = {"xs": XS}

# xs:boolean's lexical forms; some reference schemas allow only 0/1, but councils send all of them.
BOOLEAN_FORMS = ("0", "1", "true", "false")


def _safe_parse(path: Path) -> etree._ElementTree:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)


@cache
def record_schema(xsd_path: Path, records: tuple[tuple[str, str], ...], boolean_types: tuple[str, ...] = ()) -> etree.XMLSchema:
    """Compile ``xsd_path`` with extra global elements for the records.

    ``records`` pairs a record's element name with either a named complex type (``childtype``) or
    an XPath to its inline declaration in the schema. ``boolean_types`` names simple types that are
    widened to accept every xs:boolean form.
    """
    from lxml import etree

    tree = _safe_parse(xsd_path)
    root = tree.getroot()
    declared = {e.get("name") for e in root.findall("xs:element", _NS)}
    for name, ref in records:
        if name in declared:
            continue
        if ref.startswith("/") or ref.startswith("."):
            found = root.xpath(ref, namespaces=_NS)
            if not found:
                raise ValueError(f"{xsd_path.name}: no declaration at {ref}")
            decl = copy.deepcopy(found[0])
            for attr in ("minOccurs", "maxOccurs"):
                decl.attrib.pop(attr, None)
            root.append(decl)
        else:
            etree.SubElement(root, f"{{{XS}}}element", name=name, type=ref)
    for type_name in boolean_types:
        for restriction in root.xpath(f"xs:simpleType[@name='{type_name}']/xs:restriction", namespaces=_NS):
            present = {e.get("value") for e in restriction.findall("xs:enumeration", _NS)}
            for form in BOOLEAN_FORMS:
                if form not in present:
                    etree.SubElement(restriction, f"{{{XS}}}enumeration", value=form)
    return etree.XMLSchema(root)


_INDEX = re.compile(r"\[\d+\]")
_LONGEST_MESSAGE = 1000


def validate_record(schema: etree.XMLSchema, elem: etree._Element, *, file: str, prefix: str,
                    module_of: dict[str, str], child: str | None, field_names: dict[str, str] | None = None) -> list[Finding]:
    """Validate one record element; return one finding per schema problem.

    ``field_names`` renames elements to the return's field names (the 903's ``CHILDID`` is ``CHILD``). A long
    value (or child identifier) is shown by its start and length (:func:`problems.shown`), never whole.
    """
    from lxml import etree

    if schema.validate(elem):
        return []
    findings = []
    root_name = elem.tag
    for err in schema.error_log:
        path = err.path or ""
        rel = path[len("/" + root_name):] if path.startswith("/" + root_name) else path
        full = f"{prefix}{rel}"
        value = None
        field = None
        if rel:
            try:
                hits = elem.xpath("." + rel)
            except etree.XPathError:
                hits = []
            if hits and isinstance(hits[0], etree._Element):
                field = etree.QName(hits[0]).localname
                value = (hits[0].text or "").strip() if len(hits[0]) == 0 else None
        if field is None:
            field = _INDEX.sub("", rel.rsplit("/", 1)[-1]) or root_name
        module = None
        for part in reversed(_INDEX.sub("", full).split("/")):
            if part in module_of:
                module = module_of[part]
                break
        message = re.sub(r"^Element '[^']*'(, attribute '[^']*')?: ", "", err.message)
        if value and shown(value) != value:
            message = message.replace(value, shown(value))
        if len(message) > _LONGEST_MESSAGE:
            message = message[:_LONGEST_MESSAGE] + "..."
        findings.append(Finding(
            rule="XSD", file=file, message=message, table=module, line=err.line, path=full,
            child=shown(child), field=(field_names or {}).get(field, field), value=shown(value),
        ))
    return findings
