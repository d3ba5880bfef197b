"""Every return Clearsight reads, one entry each: the one place a return's code is looked up.

Public API::

    get(code) -> Return          the entry for "ssda903", "cin", "csww" or "cms" (ValueError naming the
                                 known codes otherwise)
    codes() -> tuple[str, ...]   every code, in registry order (the CLI's ``--return`` choices)
    all_returns() -> tuple[Return, ...]
    choices() -> list[(code, title)]   for forms (the web upload form)
    validated() -> tuple[Return, ...]  the returns checked by DfE rules (those with a ``rules`` package)

    Return.code, .title, .name   "cin", "Children in need census", "CIN census"
    Return.input                 FOLDER (a folder of CSVs, holding at least its required tables; one CSV of it
                                 alone is refused; the 903's XML form is one file) or FILE (one file; a
                                 folder is refused)
    Return.accepts_folder        input == FOLDER
    Return.tables(year)          {table name: SourceTable} for a collection year (the 903's vary by year);
                                 ``SourceTable.required`` marks the tables the return cannot do without,
                                 ``SourceTable.key`` the column naming each record's child
    Return.required(year)        the names of the tables a folder of the return must hold
    Return.all_tables()          every table any supported year has (what the warehouse creates)
    Return.records               the tables whose rows are the return's records (children, workers): a load
                                 with none is empty; () means every table
    Return.parser                (path, year, Collector) -> iterator of (SourceTable, Arrow batch)
    Return.check_input(path)     refuses a folder for a one-file return, and what is not a folder or a regular file
    Return.parse(path, year, out)  the parser, refusing a folder for a one-file return and anything that is not
                                 a regular file; when the batches are all read, ``out.meta`` holds
                                 ``row_counts`` ({canonical table: rows}, every table of the year), ``records``
                                 (rows of the record tables) and ``empty`` (True when there are none)
    Return.writers               {"csv"|"xml": writer}: how the synthetic council writes the return
    Return.rules                 the dotted name of the rules package that checks it ("clearsight.rules.cin"),
                                 or None: a name, not an import, because formats know nothing of checks

Adding a return (Annex A, the SSD, health histories) is one new ``Return`` in ``RETURNS``, with its
``spec``, ``parse`` and ``write`` modules in ``returns/<code>/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from clearsight.returns.cin.parse import parse_cin_xml
from clearsight.returns.cin.spec import CIN_TABLES
from clearsight.returns.cin.write import write_cin_xml
from clearsight.returns.cms.parse import parse_cms
from clearsight.returns.cms.spec import CMS_TABLES
from clearsight.returns.cms.write import cms_csv_writers
from clearsight.returns.collect import Batch, Collector
from clearsight.returns.csvfiles import require_regular
from clearsight.returns.csww.parse import parse_csww_xml
from clearsight.returns.csww.spec import CSWW_TABLES
from clearsight.returns.csww.write import write_csww_xml
from clearsight.returns.problems import Problem, UnreadableFile
from clearsight.returns.spec import SourceTable
from clearsight.returns.ssda903.parse import parse_ssda903
from clearsight.returns.ssda903.spec import all_ssda903_tables, ssda903_tables
from clearsight.returns.ssda903.write import write_ssda903_csv, write_ssda903_xml
from clearsight.returns.years import CollectionYear

FOLDER, FILE = "folder", "file"

Parser = Callable[[Path, str, Collector], Iterator[Batch]]


@dataclass(frozen=True)
class Return:
    """One return: what it is called, what its files hold and how they are read, written and checked."""

    code: str
    title: str  # for people choosing a return: "SSDA903 (children looked after)"
    name: str  # in sentences: "the CIN census is one XML file"
    input: str  # FOLDER or FILE
    tables_of: Callable[[CollectionYear], dict[str, SourceTable]]
    every_table: Callable[[], dict[str, SourceTable]]
    parser: Parser
    writers: Mapping[str, Callable] = field(default_factory=dict)
    rules: str | None = None
    about: str = ""  # one or two sentences on where its tables come from (docs/data-model.md)
    records: tuple[str, ...] = ()  # the tables whose rows are its records (a load without any is empty); () all

    @property
    def accepts_folder(self) -> bool:
        return self.input == FOLDER

    def tables(self, year: str | CollectionYear) -> dict[str, SourceTable]:
        """The return's tables in a collection year, keyed by table name."""
        return self.tables_of(CollectionYear.parse(year))

    def required(self, year: str | CollectionYear) -> tuple[str, ...]:
        """The tables a folder of this return must hold in a collection year (its specs' ``required``)."""
        return tuple(name for name, t in self.tables(year).items() if t.required)

    def all_tables(self) -> dict[str, SourceTable]:
        """Every table any supported year has."""
        return self.every_table()

    def parse(self, path: Path, year: str, out: Collector) -> Iterator[Batch]:
        """Parse ``path`` as this return, counting its rows into ``out.meta`` (see the module docstring).

        A folder given for a one-file return, and a path that is neither a folder nor a regular file (a named
        pipe, a broken link), are unreadable.
        """
        self.check_input(path)
        return self._counted(self.parser(path, year, out), year, out)

    def check_input(self, path: Path) -> None:
        """Refuse a folder given for a one-file return, and a path that is neither a folder nor a regular file."""
        if path.is_dir():
            if not self.accepts_folder:
                raise UnreadableFile(Problem(path.name, f"is a folder; the {self.name} is one XML file",
                                             expected="the census .xml file"))
            return
        require_regular(path, f"a file or folder of the {self.name}" if self.accepts_folder
                        else f"the {self.name} file")

    def _counted(self, batches: Iterator[Batch], year: str, out: Collector) -> Iterator[Batch]:
        tables = self.tables(year)
        counts = {t.canonical: 0 for t in tables.values()}
        for spec, batch in batches:
            counts[spec.canonical] = counts.get(spec.canonical, 0) + batch.num_rows
            yield spec, batch
        record_tables = [tables[name].canonical for name in self.records if name in tables] or list(counts)
        records = sum(counts.get(name, 0) for name in record_tables)
        out.meta.update({"row_counts": counts, "records": records, "empty": records == 0})


def constant(tables: dict[str, SourceTable]) -> Callable:
    """Tables that are the same every year."""
    return lambda *_year: tables


RETURNS: dict[str, Return] = {r.code: r for r in [
    Return("ssda903", "SSDA903 (children looked after)", "SSDA903", FOLDER, ssda903_tables, all_ssda903_tables,
           parse_ssda903, {"csv": write_ssda903_csv, "xml": write_ssda903_xml}, "clearsight.rules.ssda903",
           "From the CSV set (recognised by column set) or the 2021 XML layout. Code lists shown are 2025-26's; "
           "each year is checked against its own.", records=("Header",)),
    Return("cin", "Children in need census", "CIN census", FILE, constant(CIN_TABLES), constant(CIN_TABLES),
           parse_cin_xml, {"xml": write_cin_xml}, "clearsight.rules.cin",
           "From the census XML, checked against the year's XSD as it streams.", records=("ChildIdentifiers",)),
    Return("cms", "Case-management extract", "case-management extract", FOLDER, constant(CMS_TABLES),
           constant(CMS_TABLES), parse_cms, {"csv": cms_csv_writers}, None,
           "From the CSV files described in `docs/cms-extract.md`."),
    Return("csww", "Children's social work workforce census", "workforce census", FILE, constant(CSWW_TABLES),
           constant(CSWW_TABLES), parse_csww_xml, {"xml": write_csww_xml}, None,
           "From the children's social work workforce census XML (reference date 30 September), checked against "
           "the census XSD as it streams.", records=("CSWWWorker",)),
]}


def codes() -> tuple[str, ...]:
    """Every return's code, in registry order."""
    return tuple(RETURNS)


def all_returns() -> tuple[Return, ...]:
    return tuple(RETURNS.values())


def get(code: str) -> Return:
    """The entry for a return code; a ValueError naming the known codes otherwise."""
    try:
        return RETURNS[code]
    except KeyError:
        known = codes()
        raise ValueError(f"unknown return {code!r}; expected {', '.join(known[:-1])} or {known[-1]}") from None


def choices() -> list[tuple[str, str]]:
    """(code, title) for each return, for a form's choices."""
    return [(r.code, r.title) for r in RETURNS.values()]


def validated() -> tuple[Return, ...]:
    """The returns checked by DfE validation rules."""
    return tuple(r for r in RETURNS.values() if r.rules)
