"""Writing an SSDA903 return from its rows: the folder of CSVs, or the 2021 XML form.

The rows are keyed by DfE table name (``Header``, ``Episodes``, ``PlacedAdoption``, ...), each a list of
strings in the table's column order (``SSDA903_TABLES[name].columns``). Values are written as they are:
dates already as ``dd/mm/yyyy``, and no value holds a comma or a character XML would escape.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from clearsight.returns.ssda903.spec import SSDA903_TABLES, XML_NAMES

Rows = Mapping[str, list[list[str]]]

# The order of an EPISODE's elements in the 2021 XSD (the CSV's order differs).
XML_EPISODE = ("DECOM", "RNE", "LS", "CIN", "PLACE", "PL_POST", "HOME_POST", "URN", "PLACE_PROVIDER", "DEC", "REC",
               "REASON_PLACE_CHANGE")
# The XSD caps these repeated modules.
MAX_EPISODES, MAX_MISSING, MAX_REVIEWS = 366, 366, 52


def write_ssda903_csv(tables: Rows, folder: Path) -> None:
    """One CSV file a table (``SSDA903_TABLES[name].file_name``), its header the table's columns."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        layout = SSDA903_TABLES[name]
        with open(folder / layout.file_name, "w", newline="", encoding="utf-8") as fh:
            fh.write(",".join(layout.columns) + "\n")
            fh.writelines(",".join(r) + "\n" for r in rows)


def el(tag: str, v: str) -> str:
    """One element, ``<TAG/>`` when empty."""
    return f"<{tag}>{v}</{tag}>" if v else f"<{tag}/>"


def write_ssda903_xml(tables: Rows, path: Path) -> None:
    """The same tables in the ``SSDA903_CLA_2021.xsd`` layout (which has no social worker table)."""
    by: dict[str, dict[str, list[dict[str, str]]]] = {}
    for name in ("Episodes", "Reviews", "UASC", "OC2", "OC3", "AD1", "PlacedAdoption", "PrevPerm", "Missing"):
        columns = SSDA903_TABLES[name].columns
        d: dict[str, list[dict[str, str]]] = {}
        for r in tables[name]:
            d.setdefault(r[0], []).append(dict(zip(columns, r, strict=True)))
        by[name] = d

    def fields(table: str, row: dict[str, str], skip_empty: bool = False) -> str:
        """The row's fields after CHILD and DOB, in the table's order."""
        return "".join(el(c, row[c]) for c in SSDA903_TABLES[table].columns[2:] if row[c] or not skip_empty)

    header_columns = SSDA903_TABLES["Header"].columns
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<EXPSSDA903>\n')
        for values in tables["Header"]:
            h = dict(zip(header_columns, values, strict=True))
            cid = h["CHILD"]
            parts = ["<CHILD><HEADER>", el(XML_NAMES["CHILD"], cid), el("UPN", h["UPN"]), el("SEX", h["SEX"]),
                     el("DOB", h["DOB"]), el("ETHNIC", h["ETHNIC"])]
            u = by["UASC"].get(cid)
            parts.append(el("UASC", "1" if u else ""))
            if u and u[0]["DUC"]:
                parts.append(el("DUC", u[0]["DUC"]))
            if ad := by["AD1"].get(cid):
                parts.append(fields("AD1", ad[0]))
            if oc3 := by["OC3"].get(cid):
                parts.append(fields("OC3", oc3[0]))
            for m in by["Missing"].get(cid, [])[:MAX_MISSING]:
                parts.append(f"<AMISSING>{fields('Missing', m)}</AMISSING>")
            for r in by["Reviews"].get(cid, [])[:MAX_REVIEWS]:
                parts.append(f"<AREVIEW>{fields('Reviews', r)}</AREVIEW>")
            if h["MOTHER"] or h["MC_DOB"]:
                parts += [el("MOTHER", h["MOTHER"]), el("MC_DOB", h["MC_DOB"])]
            if pp := by["PrevPerm"].get(cid):
                parts.append(f"<PERMANENCE>{fields('PrevPerm', pp[-1])}</PERMANENCE>")
            if oc2 := by["OC2"].get(cid):
                parts.append(f"<OC2>{fields('OC2', oc2[0], skip_empty=True)}</OC2>")
            for p in by["PlacedAdoption"].get(cid, []):
                ceased = (el("DATE_PLACED_CEASED", p["DATE_PLACED_CEASED"])
                          + el("REASON_PLACED_CEASED", p["REASON_PLACED_CEASED"])) if p["DATE_PLACED_CEASED"] else ""
                parts.append(f"<AD_PLACED>{el('DATE_PLACED', p['DATE_PLACED'])}{ceased}</AD_PLACED>")
            parts.append("</HEADER>")
            for e in by["Episodes"].get(cid, [])[:MAX_EPISODES]:
                parts.append("<EPISODE>" + "".join(el(XML_NAMES.get(c, c), e[c]) for c in XML_EPISODE) + "</EPISODE>")
            parts.append("</CHILD>\n")
            fh.write("".join(parts))
        fh.write("</EXPSSDA903>\n")
