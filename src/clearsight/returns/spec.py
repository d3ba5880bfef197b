"""The vocabulary every return's column specs are written in: :class:`Column` and :class:`SourceTable`.

A :class:`SourceTable` names a table as the DfE (or our extract contract) names it, the canonical
warehouse table it lands in, its columns with their kind and a one-line description, whether the
return needs it (``required``) and which column identifies each record's child (``key``). One generic
loader turns raw text into typed canonical rows from these descriptions, whichever file format the
text came from. Each return's tables are declared beside its parser (``returns/<code>/spec.py``) and
reached through :mod:`clearsight.returns.registry`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of column. ``code`` columns carry their code list; ``date`` accepts dd/mm/yyyy and ISO.
KINDS = ("id", "text", "code", "date", "int", "number", "bool", "list", "postcode")

# Postcode columns are held twice in the warehouse: as given (for display) and normalised
# (upper case, no spaces: ``ME141XX``) in ``<name>_norm``, which every lookup and comparison uses.
NORMALISED_SUFFIX = "_norm"


@dataclass(frozen=True)
class Column:
    source: str  # the name in the file (CSV header or XML element)
    name: str  # the canonical column name
    kind: str = "text"
    codes: tuple[str, ...] | None = None
    required: bool = False
    min_value: int | None = None
    max_value: int | None = None
    xml_only: bool = False  # held only by the XML form of a return (a CSV has no such column)
    doc: str = ""  # one line: what the field means
    max_length: int | None = None  # the DfE's limit on the value's length (identifiers), checked at load

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def normalised(self) -> str | None:
        """The canonical column holding the normalised form (postcodes), or None."""
        return self.name + NORMALISED_SUFFIX if self.kind == "postcode" else None

    @property
    def sql_type(self) -> str:
        return {
            "date": "DATE",
            "int": "INTEGER",
            "number": "DOUBLE",
            "bool": "BOOLEAN",
            "list": "VARCHAR[]",
        }.get(self.kind, "VARCHAR")


@dataclass(frozen=True)
class SourceTable:
    name: str  # the DfE / contract table name, e.g. ``Episodes``
    canonical: str  # the warehouse table, e.g. ``cla_episodes``
    columns: tuple[Column, ...]
    file_name: str = ""  # the usual file name, e.g. ``episodes.csv``
    doc: str = ""
    extra_columns: tuple[tuple[str, str], ...] = field(default=())  # (name, SQL type) set by parsers
    extra_docs: tuple[str, ...] = ()  # what each extra column means, in the same order
    # A table the return cannot do without (its rules or measures read it): a folder of CSVs without it is
    # refused. Tables read from XML are always whole, so this matters for the CSV forms.
    required: bool = False
    # The column naming the child each row is the record of (the 903 Header's CHILD, the CIN census's
    # LAchildID in ChildIdentifiers): at load an empty one, or a child recorded twice, is a finding.
    key: str | None = None

    @property
    def source_columns(self) -> list[str]:
        """The columns a CSV file of this table has (XML-only fields excluded)."""
        return [c.source for c in self.columns if not c.xml_only]

    def column(self, source: str) -> Column:
        for c in self.columns:
            if c.source == source:
                return c
        raise KeyError(source)
