"""Labels beside codes: ``U6: Foster placement with other foster carer(s) - ...``, ``C2: Full care order``, and
sex in one vocabulary across years (``M: male`` for a 903's ``1`` before 2024-25 and ``M`` after).

Every label comes from one file, ``reference/codes/codes.yaml`` (the DfE's wording, its sources cited there);
the CIN census code sets are read from the CIN XSD's own documentation, so no label is written twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

CODES_FILE = Path(__file__).resolve().parent.parent / "reference" / "codes" / "codes.yaml"
CIN_XSD_DIR = CODES_FILE.parent.parent / "cin"


@cache
def code_file() -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(CODES_FILE, encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)


@cache
def xsd_labels(file: str, simple_type: str) -> dict[str, str]:
    """The codes of one simple type of a CIN XSD with their xs:documentation."""
    from lxml import etree

    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    tree = etree.parse(str(CIN_XSD_DIR / file))
    found = tree.xpath(f"//xs:simpleType[@name='{simple_type}']", namespaces=ns)
    if not found:
        raise KeyError(f"{file} has no simple type {simple_type}")
    out = {}
    for e in found[0].iterfind(".//xs:enumeration", ns):
        doc = " ".join("".join(e.xpath(".//xs:documentation/text()", namespaces=ns)).split())
        if doc:
            out[e.get("value")] = doc.lstrip("(")
    return out


@cache
def code_set(name: str) -> Mapping[str, str]:
    """A code set by its dotted name (``ssda903.placement_type``, ``cin.primary_need``, ``sex``): code to label."""
    node = code_file()
    for part in name.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"no code set {name!r} in {CODES_FILE.name}")
        node = node[part]
    if isinstance(node, dict) and "xsd" in node:
        return xsd_labels(node["xsd"], node["type"])
    return {str(k): str(v) for k, v in node.items()}


def label(name: str, code) -> str | None:
    """The label of ``code`` in the code set ``name``, or None when the set does not have it."""
    if code is None:
        return None
    return code_set(name).get(str(code).strip())


def with_label(name: str, code) -> str:
    """``code: label`` (``C2: Full care order``), or the code alone when the set does not know it ('' for None)."""
    if code is None or str(code).strip() == "":
        return ""
    text = label(name, code)
    return f"{str(code).strip()}: {text}" if text else str(code).strip()


def normal_sex(code) -> str | None:
    """A recorded sex or gender code in the one vocabulary, M, F or U (``1`` -> ``M``, ``9`` -> ``U``); None
    for no value, and the code itself when it is none the returns define."""
    if code is None or str(code).strip() == "":
        return None
    value = str(code).strip()
    return code_file()["sex_from"].get(value.upper(), value)


def sex_shown(code) -> str:
    """Sex as pages and exports show it: ``M: male``; an old code says what was recorded
    (``U: unknown (recorded as 9: indeterminate)``)."""
    normal = normal_sex(code)
    if normal is None:
        return ""
    shown = with_label("sex", normal)
    recorded = str(code).strip()
    if recorded != normal and recorded.upper() != normal:
        was = code_file()["recorded_sex"].get(recorded)
        shown += f" ({was})" if was else f" (recorded as {recorded})"
    return shown


def dimension_set(dimension: str) -> str | None:
    """The code set that labels a breakdown of the measures (``legal_status`` -> ``ssda903.legal_status``)."""
    return code_file().get("dimensions", {}).get(dimension)


def group_label(group: Mapping[str, str] | None) -> str:
    """A measure value's group in words, each code with its label: ``legal_status=C2: Full care order``; a
    dimension without a code set keeps its value; '' for the council as a whole."""
    parts = []
    for dim, value in (group or {}).items():
        name = dimension_set(dim)
        if name == "sex":
            shown = sex_shown(value)
        elif name:
            shown = with_label(name, value)
        else:
            shown = "" if value is None else str(value)
        parts.append(f"{dim}={shown or ('' if value is None else value)}")
    return "; ".join(parts)


__all__ = ["code_set", "dimension_set", "group_label", "label", "normal_sex", "sex_shown", "with_label"]
