"""Writing a workforce census file, in the layout of ``social_work_workforce_2022.xsd``.

The header, the council's vacancy figures and each worker are dicts keyed by the spec's element names;
elements are written in the XSD's order (the spec's column order), and an empty or missing value writes
no element.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from clearsight.returns.csww.spec import CSWW_TABLES
from clearsight.returns.message import HEADER_PARTS
from clearsight.returns.xmlsafe import escape


def elements(table: str, row: Mapping[str, str]) -> str:
    """The row's elements in the table's order."""
    return "".join(f"<{c.source}>{escape(row[c.source])}</{c.source}>" for c in CSWW_TABLES[table].columns
                   if row.get(c.source, "") != "")


def worker_xml(worker: Mapping[str, str]) -> str:
    """One ``<CSWWWorker>`` (with a newline)."""
    return "<CSWWWorker>" + elements("CSWWWorker", worker) + "</CSWWWorker>\n"


def write_csww_xml(path: Path, header: Mapping[str, str], vacancies: Mapping[str, str],
                   workers: Iterable[Mapping[str, str]]) -> None:
    """The census file: ``<Header>``, ``<LALevelVacancies>``, then each worker as it comes."""
    parts = "".join(f"<{part}>" + "".join(f"<{e}>{escape(header[e])}</{e}>" for e in names if header.get(e, "") != "")
                    + f"</{part}>\n" for part, names in HEADER_PARTS.items())
    with path.open("w", encoding="utf-8") as f:
        f.write(f"<Message>\n<Header>\n{parts}</Header>\n"
                f"<LALevelVacancies>{elements('LALevelVacancies', vacancies)}</LALevelVacancies>\n")
        f.writelines(worker_xml(w) for w in workers)
        f.write("</Message>\n")
