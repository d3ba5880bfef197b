"""Ofsted's provider lists (children's homes, social care providers, or the combined 2025 list).

The 903's URN rules check each placement against these lists. Workbooks come in several layouts;
columns are found by their headings on every sheet, and URNs are kept as text (some lists hold
URNs such as ``SC123456`` and others plain numbers, which must not be read as integers). Putting the
rows on a warehouse connection is ``clearsight.warehouse.reference.load_providers``'s job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from pathlib import Path

import pyarrow as pa

from clearsight.returns.problems import Problem, SourceFile, UnreadableFile

# canonical column → headings seen in Ofsted's layouts (compared lower-case, spaces collapsed)
HEADINGS = {
    "urn": ["urn"],
    "provider_type": ["provider type", "provision type"],
    "provider_subtype": ["provider subtype"],
    "sector": ["sector"],
    "name": ["setting name", "provider name"],
    "local_authority": ["local authority", "setting local authority", "provider local authority"],
    "status": ["provider status", "registration status", "setting status"],
    "registration_date": ["registration date"],
    "closed_date": ["closed date", "deregistration date"],
    "placement_code": ["provider placement code", "placement code"],
    "placement_provider_code": ["placement provider code", "provider code"],
    "postcode": ["setting address postcode", "setting postcode", "provider postcode", "postcode area"],
    "places": ["max users", "maximum fostering places", "number of registered places", "capacity"],
}
_SPACES = re.compile(r"\s+")


def _norm(h: object) -> str:
    return _SPACES.sub(" ", str(h or "")).strip().lower()


def _text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


def _date(v: object) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return None


def read_providers(paths: list[Path]) -> tuple[pa.Table, list[SourceFile]]:
    """Every provider row from every sheet of every workbook that has a URN column."""
    import openpyxl  # only when there are lists to read (importing it costs a tenth of a second)

    cols: dict[str, list] = {k: [] for k in [*HEADINGS, "source_file", "sheet"]}
    files = []
    for path in paths:
        try:
            data = path.read_bytes()
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise UnreadableFile(Problem(path.name, f"cannot be read as an Excel workbook: {exc}",
                                         expected="Ofsted's provider list (.xlsx)")) from exc
        files.append(SourceFile(path.name, str(path), hashlib.sha256(data).hexdigest(), len(data)))
        found = False
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header = next(rows, None)
            if not header:
                continue
            index = {}
            names = [_norm(h) for h in header]
            for key, options in HEADINGS.items():
                for opt in options:
                    if opt in names:
                        index[key] = names.index(opt)
                        break
            if "urn" not in index or not {"provider_type", "registration_date", "placement_code"} & set(index):
                continue  # e.g. a "Registration Conditions" sheet: URNs, but no provider details
            found = True
            for row in rows:
                urn = _text(row[index["urn"]]) if index["urn"] < len(row) else None
                if not urn:
                    continue
                for key in HEADINGS:
                    i = index.get(key)
                    v = row[i] if i is not None and i < len(row) else None
                    cols[key].append(_date(v) if key.endswith("_date") else _text(v))
                cols["source_file"].append(path.name)
                cols["sheet"].append(ws.title)
        wb.close()
        if not found:
            raise UnreadableFile(Problem(path.name, "has no sheet with a URN column", line=1,
                                         expected="Ofsted's children's homes or social care providers list"))
    types = {k: (pa.date32() if k.endswith("_date") else pa.string()) for k in cols}
    return pa.table({k: pa.array(v, types[k]) for k, v in cols.items()}), files
