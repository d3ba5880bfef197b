"""Ofsted's Annex A template as data: the eleven lists, their sheets, columns, types and code sets.

A template version is three files in ``reference/annexa/``: Clearsight's description of it
(``<version>.yaml``: list titles and windows), Ofsted's workbook (sheet names and column headers, in order)
and a column schema (each column's type, code set, the value aliases councils use for each code, and the
header variants they write). A new Ofsted template is new files there, not new code.

Public API::

    template(version=LATEST) -> Template     the template (parsed once, then read from the cache)
    versions() -> tuple[str, ...]            the template versions shipped, oldest first
    reference_folder() -> Path               where the template files are (reference/annexa)
    LATEST                                   the newest version ("2024-01")

    Template.version, .title, .lists         ("2024-01", "Annex A, January 2024 template", (AnnexList, ...))
    Template.list(number) -> AnnexList       list 1 .. 11 (ValueError naming the numbers otherwise)
    AnnexList.number, .sheet, .title         8, "List 8", "Children in care"
    AnnexList.window_months, .cohort         6, "open_or_closed_in_window" (see the version's YAML)
    AnnexList.columns                        (Column, ...) in the workbook's order
    AnnexList.column(name) -> Column         by canonical name ("date_of_birth")
    Column.header                            as Ofsted's workbook writes it ("Date of Birth")
    Column.name                              canonical, for the warehouse ("date_of_birth")
    Column.kind                              "string", "postcode", "date", "integer" or "category"
    Column.blank_allowed                     whether Ofsted accepts the cell empty
    Column.values                            a category's values as Ofsted's workbook writes them, in order
                                             ("a) Male", "b) Female", ...; "a) WBRI" ... "s) NOBT"): what
                                             Clearsight writes and what a finding says was expected
    Column.recognises(value) -> bool         a value Ofsted's or a known council variant ("M", "1 - Male",
                                             "White - British"), case and spacing ignored
    Column.group(value) -> str | None        the schema's group of a recognised value ("a) White" for
                                             "WIRI - White - Irish"), None if not recognised
    Column.ofsted_value(value) -> str | None the Ofsted value a council's value stands for, where it names
                                             one ("M" -> "a) Male", "No" -> "b) No"); None where it does not
                                             (not recognised, or a group of several: "White - Irish")
    Column.matches_header(text) -> bool      whether a council's header names this column
    Column.min_value                         the least number allowed (integers)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from clearsight.returns.cache import cached_json, files_key

LATEST = "2024-01"

KINDS = ("string", "postcode", "date", "integer", "category")


def reference_folder() -> Path:
    return Path(str(resources.files("clearsight") / "reference" / "annexa"))


def squash(text: object) -> str:
    """A value or header as compared: case, spacing and curly quotes ignored."""
    text = str(text).replace("\u2018", "'").replace("\u2019", "'").replace("\xa0", " ")
    return " ".join(text.split()).casefold()


def canonical_name(header: str) -> str:
    """The warehouse's name for a column: ``Date of Birth`` -> ``date_of_birth``."""
    return re.sub(r"[^a-z0-9]+", "_", squash(header)).strip("_")


@dataclass(frozen=True)
class Column:
    header: str
    name: str
    kind: str
    blank_allowed: bool
    values: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # squashed value -> group
    header_patterns: tuple[str, ...] = ()
    min_value: int | None = None

    def recognises(self, value: object) -> bool:
        return squash(value) in self.aliases

    def group(self, value: object) -> str | None:
        return self.aliases.get(squash(value))

    def ofsted_value(self, value: object) -> str | None:
        text = squash(value)
        for ofsted in self.values:
            if squash(ofsted) == text:
                return ofsted
        group = self.aliases.get(text)
        if group is None:
            return None
        in_group = [ofsted for ofsted in self.values if self.aliases.get(squash(ofsted)) == group]
        return in_group[0] if len(in_group) == 1 else None

    def matches_header(self, text: str) -> bool:
        if squash(text) in (squash(self.header), squash(self.name)):
            return True
        return any(re.search(pattern, text, re.IGNORECASE) for pattern in self.header_patterns)


@dataclass(frozen=True)
class AnnexList:
    number: int
    sheet: str
    title: str
    window_months: int
    cohort: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise ValueError(f"{self.sheet} has no column {name!r}; it has {', '.join(c.name for c in self.columns)}")


@dataclass(frozen=True)
class Template:
    version: str
    title: str
    lists: tuple[AnnexList, ...]

    def list(self, number: int) -> AnnexList:
        for annex_list in self.lists:
            if annex_list.number == number:
                return annex_list
        raise ValueError(f"Annex A {self.version} has no list {number}; its lists are "
                         f"{', '.join(str(a.number) for a in self.lists)}")


def versions() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in reference_folder().glob("*.yaml")))


@cache
def template(version: str = LATEST) -> Template:
    """The template of ``version``, built from its files once and then read from the cache."""
    description = reference_folder() / f"{version}.yaml"
    if not description.is_file():
        raise ValueError(f"no Annex A template {version!r}; shipped: {', '.join(versions())}")
    import yaml

    meta = yaml.safe_load(description.read_text(encoding="utf-8"))
    sources = [description, reference_folder() / meta["workbook"], reference_folder() / meta["schema"]]
    raw = cached_json(f"annexa-{version}-{files_key(sources)}.json", lambda: _compile(meta, sources[1], sources[2]))
    lists = tuple(
        AnnexList(number=item["number"], sheet=item["sheet"], title=item["title"],
                  window_months=item["window_months"], cohort=item["cohort"],
                  columns=tuple(Column(header=c["header"], name=c["name"], kind=c["kind"],
                                       blank_allowed=c["blank_allowed"], values=tuple(c["values"]),
                                       aliases=dict(c["aliases"]), header_patterns=tuple(c["header_patterns"]),
                                       min_value=c["min_value"]) for c in item["columns"]))
        for item in raw)
    return Template(version=str(meta["version"]), title=meta["title"], lists=lists)


def _python_pattern(pattern: str) -> str:
    """The schema writes header patterns as ``/regex/i``; Python's ``re`` takes the part between slashes."""
    match = re.fullmatch(r"/(.*)/[a-z]*", pattern.strip(), re.DOTALL)
    return match.group(1) if match else pattern


def _schema_column(header: str, schema_columns: dict) -> tuple[str, dict]:
    """The schema's entry for a workbook header: same text, else the one whose header pattern matches."""
    for key, spec in schema_columns.items():
        if squash(key) == squash(header):
            return key, spec
    found = [(key, spec) for key, spec in schema_columns.items()
             if any(re.search(_python_pattern(p), header, re.IGNORECASE) for p in spec.get("header_regex") or ())]
    if len(found) != 1:
        raise ValueError(f"Annex A schema: workbook header {header!r} matches {len(found)} schema columns "
                         f"({', '.join(k for k, _ in found) or 'none'})")
    return found[0]


def _compile(meta: dict, workbook: Path, schema_file: Path) -> list[dict]:
    """The template as plain data (cached as JSON): the workbook's headers joined to the schema's columns."""
    import openpyxl
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    schema = yaml.load(schema_file.read_text(encoding="utf-8"), Loader=loader)["column_map"]
    book = openpyxl.load_workbook(workbook, read_only=True)
    compiled = []
    for item in meta["lists"]:
        sheet = book[item["sheet"]]
        headers = [h for h in next(sheet.iter_rows(min_row=1, max_row=1, values_only=True)) if h is not None]
        schema_columns = schema[f"list_{item['number']}"]
        columns = []
        for header in headers:
            _, spec = _schema_column(str(header), schema_columns)
            columns.append(_column(str(header).strip(), spec))
        compiled.append({**item, "columns": columns})
    book.close()
    return compiled


OFSTED_VALUE = re.compile(r"[a-z]\) \S")  # Ofsted's lettered values: "a) Male", "f) U6: Foster placement - not FFA"


def _column(header: str, spec: dict) -> dict:
    kind, groups, lettered, aliases, min_value = "string", [], [], {}, None
    if "category" in spec:
        kind = "category"
        for entry in spec["category"]:
            group = str(entry["code"]).strip()
            groups.append(group)
            for name in [group, *(str(n) for n in entry.get("name") or [])]:
                aliases.setdefault(squash(name), group)
                if OFSTED_VALUE.match(name.strip()) and name.strip() not in lettered:
                    lettered.append(name.strip())
    elif "date" in spec:
        kind = "date"
    elif "numeric" in spec:
        kind = "integer"
        min_value = (spec["numeric"] or {}).get("min_value")
    elif spec.get("string") == "postcode":
        kind = "postcode"
    values = sorted(lettered, key=lambda v: (v[0], squash(v))) if lettered else groups
    return {"header": header, "name": canonical_name(header), "kind": kind, "values": values,
            "blank_allowed": spec.get("canbeblank") is not False,  # the schema leaves it out where blank is allowed
            "aliases": aliases,
            "header_patterns": [_python_pattern(p) for p in spec.get("header_regex") or ()],
            "min_value": min_value}
