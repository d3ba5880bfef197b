"""What a rule is: its DfE code, the fields it points at, the years it applies to, and one SQL query.

A rule's SQL runs over views named after the DfE tables of the load being checked (``Header``,
``Episodes``, ``Reviews``, ... for the 903; ``prev_Header`` ... for last year's return when given)
and returns the offending rows as ``(table, row_no, child_id)``. Two macros give the collection
period: ``collection_start()`` (1 April) and ``collection_end()`` (the 31 March reference date).
The DfE message and the years come from the rule catalogue in ``reference/rules/``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from clearsight.config import REFERENCE_DIR

CATALOGUES = {
    "ssda903": REFERENCE_DIR / "rules" / "ssda903_rules.csv",
    "cin": REFERENCE_DIR / "rules" / "cin_rules.csv",
    # Clearsight's own checks across returns (no DfE catalogue has them): documented in docs/rules/cross.md.
    "cross": Path(__file__).parent / "cross" / "catalogue.csv",
}


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    type: str  # "error", "query" or "internal"
    tables: tuple[str, ...]
    years: tuple[str, ...]
    message: str


@cache
def catalogue(return_code: str) -> dict[str, CatalogueEntry]:
    """The DfE rule catalogue for a return, keyed by rule code."""
    path = CATALOGUES[return_code]
    entries = {}
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["code"].strip()
            raw_type = row["type"].strip().upper()
            if raw_type == "INTERNAL" or code in ("EPI", "NoE"):
                kind = "internal"
            elif raw_type == "QUERY" or (return_code == "ssda903" and code.endswith("Q")):
                kind = "query"
            else:
                kind = "error"
            entries[code] = CatalogueEntry(
                code=code, type=kind, tables=tuple(t.strip() for t in row["tables"].split(",") if t.strip()),
                years=tuple(row["collection_years"].split()), message=row["message"].strip())
    return entries


@dataclass(frozen=True)
class Rule:
    """One validation rule. ``fields`` maps each DfE table the rule flags to the columns it points at."""

    code: str
    return_code: str
    fields: dict[str, tuple[str, ...]]
    sql: str
    needs: tuple[str, ...] = ()  # "previous" (last year's return), "providers" (Ofsted lists)
    notes: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def entry(self) -> CatalogueEntry:
        return catalogue(self.return_code)[self.code]

    @property
    def message(self) -> str:
        return self.entry.message

    @property
    def type(self) -> str:
        return self.entry.type

    def applies_to(self, year: str) -> bool:
        return year in self.entry.years
