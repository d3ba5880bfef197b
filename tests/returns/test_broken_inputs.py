"""Bad input, file by file: the corpus in ``tests/broken`` through the real ``clearsight load``.

A file that cannot be read fails with exit code 2 and one message naming the file, the line or XML
path (and field and value where there is one) and what was expected; no traceback, and no load:
the loads list and every warehouse table are exactly as a good load left them. A file that reads
but breaks its schema or code lists is loaded, and each problem is a finding with rule ``XSD``.

Each case runs the CLI as a subprocess against its own copy of a warehouse that already holds a
good load of every return. The subprocesses of the selected cases start together on first use and
run in parallel, so the file stays fast; each test then checks its own case.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pytest
from lxml import etree
from typer.testing import CliRunner

from clearsight.cli import app
from clearsight.config import REFERENCE_DIR
from clearsight.returns.cin import parse as cin_module
from clearsight.returns.csvfiles import read_csv_table
from clearsight.returns.problems import UnreadableFile
from clearsight.returns.ssda903.spec import ssda903_tables
from clearsight.returns.xmlsafe import HashingReader, check_xml_file, iter_elements, root_tag
from clearsight.warehouse.load import load_return

BROKEN = Path(__file__).resolve().parents[1] / "broken"
YEAR = "2024-25"
BASELINES = (("ssda903/good", "ssda903"), ("cin/good.xml", "cin"), ("cms/good", "cms"))


@dataclass(frozen=True)
class Unreadable:
    """A file that must be refused: ``says`` are pieces of the one message, in any order."""

    id: str
    path: str
    return_code: str
    says: tuple[str, ...]

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True)
class Loadable:
    """A file that loads; ``findings`` are (line, field, value) the load must hold, and nothing else, all in
    ``file`` (the case's file, or ``header.csv`` of a 903 folder); ``empty``: the load's meta says it is empty."""

    id: str
    path: str
    return_code: str
    rows: dict[str, int]
    findings: frozenset[tuple[int | None, str, str | None]] = field(default_factory=frozenset)
    file: str = ""
    empty: bool = False

    def __str__(self) -> str:
        return self.id

    @property
    def file_name(self) -> str:
        return self.file or Path(self.path).name


WELL_FORMED = "expected a complete, well-formed XML document"
DTD = "declares a DTD or entities"
CSV_UTF8 = "expected a file saved as 'CSV UTF-8 (comma delimited)'"
HEADER_COLUMNS = "expected exactly the columns CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB"
WHOLE_903 = ("expected the folder holding the SSDA903's CSV files (at least header.csv and episodes.csv), "
             "or its XML file")
WHOLE_CMS = ("expected the folder holding the case-management extract's CSV files (at least teams.csv, "
             "workers.csv and allocations.csv)")
NOT_A_CSV = "expected header.csv as a CSV file, or no entry of that name"

UNREADABLE = [
    # ---- XML that is not a document
    Unreadable("xml-truncated", "xml/truncated.xml", "cin",
               ("truncated.xml, line 83:", "not well-formed XML", "Premature end of data", WELL_FORMED)),
    Unreadable("xml-unclosed-tag", "xml/unclosed_tag.xml", "cin",
               ("unclosed_tag.xml, line 76:", "mismatch: Sex line 76 and Sexx", WELL_FORMED)),
    Unreadable("xml-not-xml", "xml/not_xml.xml", "cin",
               ("not_xml.xml, line 1:", "Start tag expected", WELL_FORMED)),
    Unreadable("xml-empty", "xml/empty.xml", "cin", ("empty.xml: is empty", "expected an XML document")),
    Unreadable("xml-whitespace-only", "xml/whitespace_only.xml", "cin",
               ("whitespace_only.xml: contains only white space", "expected an XML document")),
    Unreadable("xml-cp1252-undeclared", "xml/cp1252_undeclared.xml", "cin",
               ("cp1252_undeclared.xml, line 12:", "byte 0xe9 at byte 310", "value '0xe9'",
                "expected UTF-8, or an XML declaration naming the encoding")),
    # ---- entities: refused before any parsing
    Unreadable("xml-billion-laughs", "xml/billion_laughs.xml", "cin",
               ("billion_laughs.xml, line 2:", DTD, "expected a plain XML document without a DOCTYPE")),
    Unreadable("xml-billion-laughs-utf16", "xml/billion_laughs_utf16.xml", "cin",
               ("billion_laughs_utf16.xml, line 2:", DTD)),
    Unreadable("xml-external-entity", "xml/xxe_file.xml", "cin", ("xxe_file.xml, line 2:", DTD)),
    Unreadable("cin-given-as-903", "cin/good.xml", "ssda903",
               ("good.xml, line 1, /Message:", "not an SSDA903 XML file", "root element is <EXPSSDA903>")),
    Unreadable("903-xml-given-as-cin", "ssda903/good.xml", "cin",
               ("good.xml, line 1, /EXPSSDA903:", "is an SSDA903 XML file, not a Children in Need census",
                "root element is <Message>")),
    Unreadable("903-folder-given-as-cin", "ssda903/good", "cin",
               ("good: is a folder; the CIN census is one XML file", "expected the census .xml file")),
    Unreadable("903-csv-given-as-cin", "ssda903/utf8_bom/header.csv", "cin",
               ("header.csv, line 1:", "not well-formed XML", WELL_FORMED)),
    Unreadable("csww-given-as-cin", "xml/csww.xml", "cin",
               ("csww.xml, line 3, /Message/Header/CollectionDetails/Collection:", "is a CSWW collection file",
                "field Collection", "value 'CSWW'", "expected CIN")),
    Unreadable("message-without-children-given-as-cin", "xml/message_without_children.xml", "cin",
               ("message_without_children.xml", "/Message", "expected a CIN census")),
    Unreadable("html-given-as-cin", "xml/html.xml", "cin",
               ("html.xml, line 1, /html:", "root element is <html>", "expected a CIN census file")),
    Unreadable("903-folder-given-as-cms", "ssda903/good", "cms",
               ("episodes.csv, line 1:", "is a file of the SSDA903 (Episodes table)",
                "expected the case-management extract files")),
    Unreadable("903-csv-in-cms-folder", "cms/with_903_file", "cms",
               ("header.csv, line 1:", "is a file of the SSDA903 (Header table), not of the case-management extract")),
    Unreadable("cms-csv-in-903-folder", "ssda903/with_cms_file", "ssda903",
               ("teams.csv, line 1:", "is a file of the case-management extract (teams table), not of the SSDA903")),
    Unreadable("cin-xml-given-as-cms", "cin/good.xml", "cms",
               ("good.xml, line 1:", "is an XML or HTML file, not a CSV file",
                "expected a case-management extract CSV file")),
    Unreadable("workbook-given-as-cms", "cms/workbook.xlsx", "cms",
               ("workbook.xlsx: is a spreadsheet workbook", "'CSV UTF-8 (comma delimited)'")),
    Unreadable("workbook-given-as-903", "cms/workbook.xlsx", "ssda903",
               ("workbook.xlsx: is neither a folder of SSDA903 CSV files nor an SSDA903 XML file",)),
    # ---- CSVs that cannot be read
    Unreadable("csv-empty", "ssda903/empty.csv", "ssda903",
               ("empty.csv: is empty (0 bytes)", "expected a header line of column names")),
    Unreadable("csv-whitespace-only", "ssda903/whitespace_only.csv", "ssda903",
               ("whitespace_only.csv: contains only blank lines", "expected a header line of column names")),
    Unreadable("csv-windows-1252", "ssda903/header_cp1252.csv", "ssda903",
               ("header_cp1252.csv, line 3:", "byte 0xe9 at byte 116", "Windows-1252", "value '0xe9'", CSV_UTF8)),
    Unreadable("csv-utf16-without-bom", "ssda903/header_utf16_no_bom.csv", "ssda903",
               ("header_utf16_no_bom.csv, line 1:", "UTF-16 text without a byte-order mark", CSV_UTF8)),
    Unreadable("csv-missing-column", "ssda903/header_missing_column.csv", "ssda903",
               ("header_missing_column.csv, line 1:", "looks like the SSDA903 Header table",
                "missing column(s) MC_DOB", "field MC_DOB", HEADER_COLUMNS)),
    Unreadable("csv-duplicated-column", "ssda903/header_duplicated_column.csv", "ssda903",
               ("header_duplicated_column.csv, line 1:", "column 'SEX' appears twice (columns 2 and 8)",
                "field SEX", "expected each column once")),
    Unreadable("csv-extra-column", "ssda903/header_extra_column.csv", "ssda903",
               ("header_extra_column.csv, line 1:", "unexpected column(s) NOTES", "field NOTES", HEADER_COLUMNS)),
    Unreadable("csv-ragged-row", "ssda903/header_ragged.csv", "ssda903",
               ("header_ragged.csv, line 4:", "has 8 values on this line but 7 columns in its header",
                "value 'C3,U,30/11/2009,AIND,C12345678901C,,,EXTRA'", "expected 7 comma-separated values")),
    Unreadable("csv-unclosed-quote", "ssda903/header_unclosed_quote.csv", "ssda903",
               ("header_unclosed_quote.csv, line 3:", "quote (\") that opens a value on this line",
                "expected 7 comma-separated values")),
    Unreadable("csv-semicolons", "ssda903/header_semicolons.csv", "ssda903",
               ("header_semicolons.csv, line 1:", "separated by semicolons, not commas",
                "expected comma-separated columns of one of the SSDA903 tables")),
    Unreadable("csv-unknown-table", "ssda903/unknown_table.csv", "ssda903",
               ("unknown_table.csv, line 1:", "its columns are name, colour, size", "one of the SSDA903 tables")),
    Unreadable("csv-two-header-tables", "ssda903/two_headers", "ssda903",
               ("header_copy.csv: is a second Header table (the first was header.csv)", "expected one file per table")),
    Unreadable("folder-without-csv", "ssda903/no_csv", "ssda903",
               ("no_csv: contains no .csv files", "expected the ssda903 CSV files")),
    Unreadable("path-does-not-exist", "ssda903/no_such_folder", "ssda903",
               ("no_such_folder: does not exist",)),
    # ---- incomplete returns: a table the return needs is missing or cannot be read as a file
    Unreadable("903-folder-without-header", "ssda903/no_header", "ssda903",
               ("no_header: has no Header table (header.csv): the SSDA903 cannot be loaded without it",
                "field Header", WHOLE_903)),
    Unreadable("903-header-csv-is-a-folder", "ssda903/header_is_folder", "ssda903",
               ("header.csv: is a folder, not a file, in the folder header_is_folder", NOT_A_CSV)),
    Unreadable("903-header-csv-is-a-broken-link", "ssda903/header_broken_link", "ssda903",
               ("header.csv: is a broken link (its target missing_header.csv does not exist), in the folder "
                "header_broken_link", NOT_A_CSV)),
    Unreadable("cms-folder-without-allocations", "cms/no_allocations", "cms",
               ("no_allocations: has no allocations table (allocations.csv): the case-management extract cannot be "
                "loaded without it", "field allocations", WHOLE_CMS)),
    # ---- one file given for a whole folder return
    Unreadable("one-header-csv-given-as-the-903", "ssda903/good/header.csv", "ssda903",
               ("header.csv: is one file of the SSDA903 (its Header table), but the SSDA903 is a folder of CSV "
                "files; its Episodes table (episodes.csv) is missing", "field Episodes", WHOLE_903)),
    Unreadable("one-teams-csv-given-as-the-extract", "cms/good/teams.csv", "cms",
               ("teams.csv: is one file of the case-management extract (its teams table), but the case-management "
                "extract is a folder of CSV files; its workers (workers.csv) and allocations (allocations.csv) "
                "tables are missing", "field workers, allocations", WHOLE_CMS)),
]

HEADER_ROWS = {"cla_header": 3, "cla_episodes": 3}
CIN_ROWS = {"cin_header": 1, "cin_children": 2, "cin_referrals": 2, "cin_assessments": 1, "cin_plans": 1,
            "cin_section47": 1, "cin_cp_plans": 1, "cin_cp_reviews": 1}

HEADER_CSV = "header.csv"
LOADABLE = [
    Loadable("csv-utf8-bom", "ssda903/utf8_bom", "ssda903", HEADER_ROWS),
    Loadable("csv-utf16-bom", "ssda903/utf16_bom", "ssda903", HEADER_ROWS),
    Loadable("csv-header-only", "ssda903/header_only", "ssda903", {"cla_header": 0, "cla_episodes": 0}, empty=True),
    Loadable("csv-header-only-no-newline", "ssda903/header_only_no_newline", "ssda903",
             {"cla_header": 0, "cla_episodes": 0}, empty=True),
    Loadable("csv-case-and-order", "ssda903/case_and_order", "ssda903", {"cla_header": 1, "cla_episodes": 3}),
    Loadable("csv-blank-lines", "ssda903/blank_lines", "ssda903", {"cla_header": 2, "cla_episodes": 3},
             frozenset({(5, "DOB", "31/02/2024")}), HEADER_CSV),
    Loadable("csv-quoted-line-break", "ssda903/quoted_newline", "ssda903", {"cla_header": 2, "cla_episodes": 3},
             frozenset({(4, "DOB", "31/02/2024"), (2, "UPN", "A123\n45678901A")}), HEADER_CSV),  # 14 characters
    Loadable("csv-impossible-and-excel-dates", "ssda903/dates", "ssda903", {"cla_header": 5, "cla_episodes": 3},
             frozenset({(2, "DOB", "31/02/2024"), (3, "DOB", "45382"), (4, "DOB", "31/03/24")}), HEADER_CSV),
    Loadable("csv-code-lists", "ssda903/bad_codes", "ssda903", HEADER_ROWS,
             frozenset({(2, "SEX", "1"), (3, "ETHNIC", "XXXX"), (4, "MOTHER", "2")}), HEADER_CSV),
    # identifiers: over their DfE length, empty, and a child recorded twice
    Loadable("903-bad-identifiers", "ssda903/bad_identifiers", "ssda903", HEADER_ROWS,
             frozenset({(2, "CHILD", "C1234567890"), (3, "CHILD", ""), (4, "UPN", "C123456789012C")}), HEADER_CSV),
    Loadable("903-duplicate-children", "ssda903/duplicate_children", "ssda903", {"cla_header": 4, "cla_episodes": 3},
             frozenset({(5, "CHILD", "C1")}), HEADER_CSV),
    Loadable("903-xml-long-child-id", "ssda903/long_child_id.xml", "ssda903", {"cla_header": 1, "cla_episodes": 1},
             frozenset({(5, "CHILD", "C1234567890")})),
    Loadable("cin-long-child-id", "cin/long_child_id.xml", "cin", CIN_ROWS,
             frozenset({(71, "LAchildID", "DfEX00000020000000002")})),
    Loadable("cin-empty-child-id", "cin/empty_child_id.xml", "cin", CIN_ROWS, frozenset({(71, "LAchildID", "")})),
    Loadable("cin-duplicate-children", "cin/duplicate_children.xml", "cin", CIN_ROWS,
             frozenset({(71, "LAchildID", "DfEX0000001")})),
    # a census with no children loads (with the finding that it has none), and the load says it is empty
    Loadable("cin-no-children", "cin/no_children.xml", "cin", {"cin_header": 1},
             frozenset({(None, "Child", None)}), empty=True),
    Loadable("903-xml-bad-values", "ssda903/bad_values.xml", "ssda903", {"cla_header": 2, "cla_episodes": 1},
             frozenset({(4, "SEX", "X"), (4, "DOB", "31/02/2015"), (12, "PLACE", "ZZ"),
                        (27, "DOB", "2015-02-01"), (30, "NICKNAME", "Bee")})),
    Loadable("cin-bad-values", "cin/bad_values.xml", "cin",
             {"cin_header": 1, "cin_children": 2, "cin_referrals": 2, "cin_assessments": 2},
             frozenset({(24, "Sex", "X"), (30, "CINreferralDate", "2024-02-31"), (31, "ReferralSource", "99"),
                        (37, "AssessmentFactors", "99Z"), (44, "ChildIdentifiers", None),
                        (50, "FavouriteColour", "blue"), (56, "Assessments", None)})),
    Loadable("cin-booleans-true-false", "cin/booleans_true_false.xml", "cin", CIN_ROWS),
    Loadable("cin-booleans-one-zero", "cin/booleans_one_zero.xml", "cin", CIN_ROWS),
    Loadable("cin-utf8-bom", "cin/utf8_bom.xml", "cin", CIN_ROWS),
    Loadable("cin-utf16", "cin/utf16.xml", "cin", CIN_ROWS),
    Loadable("cin-declared-windows-1252", "cin/declared_windows1252.xml", "cin", CIN_ROWS),
]


# ----------------------------------------------------------------------------- running the CLI

@dataclass
class Run:
    data_dir: Path
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    _loads: dict | None = None
    _counts: dict[str, int] | None = None

    def loads(self) -> dict:
        """``clearsight loads --format json`` after the run (its warehouse no longer changes: asked once)."""
        if self._loads is None:
            self._loads = loads_json(self.data_dir)
        return self._loads

    def counts(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = warehouse_counts(self.data_dir)
        return self._counts


def cli_env(data_dir: Path) -> dict[str, str]:
    env = os.environ.copy()
    env.update({"CLEARSIGHT_DATA_DIR": str(data_dir), "NO_COLOR": "1", "COLUMNS": "250"})
    env.pop("CLEARSIGHT_TEST_PAUSE_IN_LOAD", None)
    return env


def run_load(data_dir: Path, path: str, return_code: str) -> Run:
    started = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "clearsight.cli", "load", str(BROKEN / path), "--return", return_code,
                          "--year", YEAR], capture_output=True, text=True, env=cli_env(data_dir), timeout=120)
    return Run(data_dir, res.returncode, res.stdout, res.stderr, time.perf_counter() - started)


def loads_json(data_dir: Path) -> dict:
    """``clearsight loads --format json``, run in-process (the subprocesses are kept for the loads)."""
    res = CliRunner().invoke(app, ["loads", "--format", "json"], env={"CLEARSIGHT_DATA_DIR": str(data_dir)})
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def warehouse_counts(data_dir: Path) -> dict[str, int]:
    """Rows in every table of the warehouse that has any (a table added to the schema since is empty)."""
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        sql = " UNION ALL ".join(f"SELECT '{n}', count(*) FROM \"{n}\"" for n in names)
        return {name: n for name, n in con.execute(sql).fetchall() if n}
    finally:
        con.close()


def load_meta(data_dir: Path, load_id: int) -> dict:
    """What the load recorded about itself (``loads.meta``): its tables, row counts, and whether it is empty."""
    return json.loads(query(data_dir, "SELECT meta FROM loads WHERE load_id = ?", [load_id])[0][0])


def query(data_dir: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@dataclass
class Baseline:
    data_dir: Path
    loads: dict
    counts: dict[str, int]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Baseline:
    """A warehouse holding one good load of each return, made once and copied for every case."""
    data_dir = tmp_path_factory.mktemp("baseline") / "clearsight-data"
    db = data_dir / "warehouse.duckdb"
    for path, return_code in BASELINES:
        result = load_return(BROKEN / path, return_code, YEAR, db_path=db)
        assert result.created and result.findings == 0, (path, result)
    loads = loads_json(data_dir)
    assert len(loads["loads"]) == len(BASELINES)
    return Baseline(data_dir, loads, warehouse_counts(data_dir))


class Runs:
    """Each case's ``clearsight load`` on its own copy of the baseline, run in a small pool of processes."""

    def __init__(self, baseline: Baseline, root: Path):
        self.baseline = baseline
        self.root = root
        self.pool = ThreadPoolExecutor(max_workers=(os.cpu_count() or 2) + 1)
        self.futures: dict[str, Future[Run]] = {}
        self.cases = {c.id: c for c in [*UNREADABLE, *LOADABLE]}

    def start(self, case_id: str) -> None:
        if case_id not in self.futures:
            case = self.cases[case_id]
            data_dir = self.root / case.id / "clearsight-data"
            shutil.copytree(self.baseline.data_dir, data_dir)
            self.futures[case_id] = self.pool.submit(run_load, data_dir, case.path, case.return_code)

    def __getitem__(self, case_id: str) -> Run:
        self.start(case_id)
        return self.futures[case_id].result()


@pytest.fixture(scope="module")
def runs(request, baseline, tmp_path_factory):
    """The cases' runs; those of the selected parametrized tests all start at once, in parallel."""
    runner = Runs(baseline, tmp_path_factory.mktemp("cases"))
    for item in request.session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if item.module is request.module and "case" in params:
            runner.start(params["case"].id)
    yield runner
    runner.pool.shutdown(wait=True)


# ----------------------------------------------------------------------------- the corpus itself

def test_the_corpus_is_what_make_corpus_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_corpus", BROKEN / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.corpus()
    entries = [p for folder in ("ssda903", "cms", "cin", "xml") for p in (BROKEN / folder).rglob("*")]
    on_disk = {str(p.relative_to(BROKEN)): p.read_bytes() for p in entries if p.is_file() and not p.is_symlink()}
    links = {str(p.relative_to(BROKEN)): os.readlink(p) for p in entries if p.is_symlink()}
    assert sorted(on_disk) == sorted(expected), "run: python tests/broken/make_corpus.py"
    for name, data in expected.items():
        assert on_disk[name] == data, f"{name} differs from make_corpus.py; run it again"
    assert links == module.LINKS, "run: python tests/broken/make_corpus.py"
    assert all(len(data) < 8192 for data in expected.values()), "keep the corpus tiny"


def test_the_cin_baseline_is_valid_against_the_unmodified_2025_schema():
    schema = etree.XMLSchema(etree.parse(str(REFERENCE_DIR / "cin" / "CIN_schema_2025.xsd")))
    doc = etree.parse(str(BROKEN / "cin" / "good.xml"))
    assert schema.validate(doc), schema.error_log


def test_every_corpus_input_has_a_case():
    inputs = {str(p.relative_to(BROKEN)) for folder in ("ssda903", "cms", "cin", "xml") for p in (BROKEN / folder).iterdir()}
    used = {c.path for c in [*UNREADABLE, *LOADABLE]} | {p for p, _r in BASELINES}
    assert sorted(inputs - used) == []


# ----------------------------------------------------------------------------- unreadable: exit 2, nothing loaded

# Cases that need a fix outside src/clearsight/returns/{csvfiles,xmlsafe,problems}.py; remove when fixed.
KNOWN_GAPS: dict[str, str] = {}


def with_known_gaps(cases: list) -> list:
    return [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[c.id])) if c.id in KNOWN_GAPS
            else c for c in cases]


@pytest.mark.parametrize("case", with_known_gaps(UNREADABLE), ids=str)
def test_an_unreadable_file_fails_clearly_and_loads_nothing(case: Unreadable, runs, baseline):
    run = runs[case.id]
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr + run.stdout
    assert "Could not read the input; nothing was loaded." in run.stderr
    message = " ".join(run.stderr.split())
    for piece in case.says:
        assert piece in message, f"{piece!r} not in: {message}"
    assert run.loads() == baseline.loads
    assert run.counts() == baseline.counts


def test_an_external_entity_is_never_read(runs, baseline):
    """The XXE case names /etc/passwd; nothing of that file may reach the output or the warehouse."""
    run = runs["xml-external-entity"]
    assert "root:" not in run.stdout + run.stderr
    assert run.counts() == baseline.counts


@pytest.mark.parametrize("name, says", [
    ("not_xml.xml", "not_xml.xml, line 1: is not well-formed XML"),
    ("billion_laughs.xml", "billion_laughs.xml, line 2: declares a DTD"),
    ("billion_laughs_utf16.xml", "billion_laughs_utf16.xml, line 2: declares a DTD"),
    ("xxe_file.xml", "xxe_file.xml, line 2: declares a DTD"),
])
def test_the_903_xml_reader_refuses_them_too(name, says, baseline, tmp_path):
    """The same files as a 903 XML: through the CLI in-process (the subprocess runs are for cin)."""
    data_dir = tmp_path / "clearsight-data"
    shutil.copytree(baseline.data_dir, data_dir)
    res = CliRunner().invoke(app, ["load", str(BROKEN / "xml" / name), "--return", "ssda903", "--year", YEAR],
                             env={"CLEARSIGHT_DATA_DIR": str(data_dir), "COLUMNS": "250"})
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert says in " ".join(res.output.split())
    assert "root:" not in res.output
    assert loads_json(data_dir) == baseline.loads


def test_entity_bombs_are_refused_quickly(runs):
    for case_id in ("xml-billion-laughs", "xml-billion-laughs-utf16"):
        assert runs[case_id].seconds < 20  # interpreter start-up included; expansion would not end
    started = time.perf_counter()
    for name in ("billion_laughs.xml", "billion_laughs_utf16.xml", "xxe_file.xml"):
        with pytest.raises(UnreadableFile, match="declares a DTD"):
            check_xml_file(BROKEN / "xml" / name)
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_dtd_is_found_in_any_encoding_even_behind_a_long_comment(tmp_path, encoding):
    bomb = (BROKEN / "xml" / "billion_laughs.xml").read_text().split("\n", 1)[1]
    text = "<!--" + "padding, " * 10000 + "-->\n" + bomb  # the DOCTYPE is 90 KB into the file
    path = tmp_path / "padded.xml"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(UnreadableFile, match="declares a DTD") as caught:
        root_tag(path)
    assert caught.value.problems[0].line == 2


def test_the_parser_refuses_a_dtd_even_when_the_prolog_check_is_skipped():
    """The second line of defence: the streaming reader itself will not read past a DOCTYPE."""
    path = BROKEN / "xml" / "xxe_file.xml"
    with path.open("rb") as raw, pytest.raises(UnreadableFile, match="declares a DTD"):
        for elem in iter_elements(path, ("Child", "LAchildID"), HashingReader(raw)):
            assert "root:" not in (elem.text or "")


def test_a_namespaced_census_is_refused_rather_than_read_as_empty(tmp_path, data_dir):
    text = (BROKEN / "cin" / "good.xml").read_text().replace("<Message>", '<Message xmlns="urn:example:cin">')
    path = tmp_path / "namespaced.xml"
    path.write_text(text)
    with pytest.raises(UnreadableFile) as caught:
        load_return(path, "cin", YEAR)
    problem = caught.value.problems[0]
    assert (problem.line, problem.path, problem.value) == (2, "/Message", "urn:example:cin")


def test_a_file_that_breaks_after_rows_were_written_leaves_the_warehouse_as_it_was(tmp_path, monkeypatch, baseline):
    """Batches of the truncated census's first child are inserted before the error; all roll back."""
    data_dir = tmp_path / "clearsight-data"
    shutil.copytree(baseline.data_dir, data_dir)
    monkeypatch.setattr(cin_module, "BATCH_CHILDREN", 1)
    with pytest.raises(UnreadableFile, match="Premature end of data"):
        load_return(BROKEN / "xml" / "truncated.xml", "cin", YEAR, db_path=data_dir / "warehouse.duckdb")
    assert loads_json(data_dir) == baseline.loads
    assert warehouse_counts(data_dir) == baseline.counts


# ----------------------------------------------------------------------------- loadable: exit 0, problems kept

def new_load(run: Run, baseline: Baseline) -> dict:
    loads = run.loads()["loads"]
    assert loads[:len(baseline.loads["loads"])] == baseline.loads["loads"], "an earlier load changed"
    assert len(loads) == len(baseline.loads["loads"]) + 1, loads
    return loads[-1]


@pytest.mark.parametrize("case", LOADABLE, ids=str)
def test_a_file_that_reads_is_loaded_with_its_problems_as_findings(case: Loadable, runs, baseline):
    run = runs[case.id]
    assert run.returncode == 0, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr + run.stdout
    load = new_load(run, baseline)
    assert load["return"] == case.return_code and load["rows"] == case.rows
    findings = query(run.data_dir, "SELECT rule, line, field, value, file, message FROM load_findings "
                                   "WHERE load_id = ? AND origin <> 'rule'", [load["id"]])  # the file's, not the rules
    assert {rule for rule, *_ in findings} <= {"XSD"}
    assert all(file == case.file_name and message for *_, file, message in findings)
    got = {(line, fld, value) for _rule, line, fld, value, _file, _message in findings}
    assert got == case.findings
    meta = load_meta(run.data_dir, load["id"])
    assert meta["empty"] is case.empty and (meta["records"] == 0) is case.empty
    assert {t: n for t, n in meta["row_counts"].items() if t in case.rows} == case.rows


def test_schema_findings_name_the_xml_path_and_child(runs, baseline):
    run = runs["cin-bad-values"]
    load = new_load(run, baseline)
    rows = query(run.data_dir, "SELECT line, path, table_name, child_id, field, value, message FROM load_findings "
                               "WHERE load_id = ? AND origin = 'schema' ORDER BY line", [load["id"]])
    by_field = {r[4]: r for r in rows}
    assert by_field["Sex"][:6] == (24, "/Message/Children/Child[1]/ChildIdentifiers/Sex", "ChildIdentifiers",
                                   "DfEX0000001", "Sex", "X")
    assert "'M', 'F', 'U'" in by_field["Sex"][6]
    assert by_field["AssessmentFactors"][1] == (
        "/Message/Children/Child[1]/CINdetails/Assessments/FactorsIdentifiedAtAssessment/AssessmentFactors[2]")
    assert by_field["CINreferralDate"][6] == "'2024-02-31' is not a valid value of the atomic type 'xs:date'."
    assert by_field["FavouriteColour"][3] == "DfEX0000002"
    assert "Expected is one of ( ExpectedPersonBirthDate, Sex )" in by_field["ChildIdentifiers"][6]
    assert "not expected" in by_field["Assessments"][6]


def test_each_problem_of_an_xml_file_is_reported_once(runs, baseline):
    run = runs["cin-bad-values"]
    load = new_load(run, baseline)
    rows = query(run.data_dir, "SELECT field, value, count(*) FROM load_findings WHERE load_id = ? AND origin <> 'rule' "
                               "GROUP BY ALL HAVING count(*) > 1", [load["id"]])
    assert rows == []


def test_excel_dates_that_are_dates_load_as_dates(runs, baseline):
    run = runs["csv-impossible-and-excel-dates"]
    load = new_load(run, baseline)
    dobs = dict(query(run.data_dir, "SELECT child_id, dob FROM cla_header WHERE load_id = ?", [load["id"]]))
    assert dobs == {"C1": None, "C2": None, "C3": None, "C4": date(2024, 3, 31), "C5": date(2024, 2, 29)}


@pytest.mark.parametrize("case_id", ["csv-utf8-bom", "csv-utf16-bom"])
def test_byte_order_marks_and_utf16_give_the_same_rows_as_plain_utf8(case_id, runs, baseline):
    run = runs[case_id]
    load = new_load(run, baseline)
    sql = "SELECT child_id, sex, dob, ethnic, upn FROM cla_header WHERE load_id = ? ORDER BY row_no"
    first_903 = baseline.loads["loads"][0]["id"]
    assert query(run.data_dir, sql, [load["id"]]) == query(baseline.data_dir, sql, [first_903])


def test_blank_lines_and_blank_rows_are_skipped_and_lines_stay_true(runs, baseline):
    run = runs["csv-blank-lines"]
    load = new_load(run, baseline)
    rows = query(run.data_dir, "SELECT row_no, line, child_id FROM cla_header WHERE load_id = ? ORDER BY row_no",
                 [load["id"]])
    assert rows == [(0, 3, "C1"), (1, 5, "C9")]


@pytest.mark.parametrize("case_id, forms", [("cin-booleans-true-false", ("false", "true", "false")),
                                             ("cin-booleans-one-zero", ("1", "0", "1"))])
def test_cin_booleans_load_in_every_xs_boolean_form(case_id, forms, runs, baseline):
    """The 2025 schema allows only 0/1; councils send true/false too, and both mean the same."""
    run = runs[case_id]
    load = new_load(run, baseline)
    truth = {"true": True, "1": True, "false": False, "0": False}
    icpc, nfa1, nfa2 = (truth[f] for f in forms)
    assert query(run.data_dir, "SELECT icpc_not_required FROM cin_section47 WHERE load_id = ?",
                 [load["id"]]) == [(icpc,)]
    assert query(run.data_dir, "SELECT child_id, referral_nfa FROM cin_referrals WHERE load_id = ? ORDER BY row_no",
                 [load["id"]]) == [("DfEX0000001", nfa1), ("DfEX0000002", nfa2)]


def test_a_census_in_another_encoding_keeps_its_characters(runs, baseline):
    run = runs["cin-declared-windows-1252"]
    load = new_load(run, baseline)
    assert query(run.data_dir, "SELECT software_code FROM cin_header WHERE load_id = ?",
                 [load["id"]]) == [("Soci\u00e9t\u00e9 \u00a3",)]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("quoted", [False, True], ids=["plain", "quoted"])
@pytest.mark.parametrize("blank", [False, True], ids=["dense", "blank-lines"])
def test_rows_keep_their_true_line_whatever_the_line_ends(newline, quoted, blank, tmp_path):
    """In-process: every row's ``_line`` is the line a person sees in an editor."""
    rows = ["C1,M,01/02/2015,WBRI,A12345678901A,,", "C2,F,2012-07-15,WOTH,B12345678901B,,"]
    if quoted:
        rows = [",".join(f'"{v}"' for v in r.split(",")) for r in rows]
    lines = ["CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", *([""] if blank else []), rows[0], *([""] if blank else []),
             rows[1]]
    path = tmp_path / "header.csv"
    path.write_bytes(newline.join(lines).encode())  # no line end after the last row
    raw = read_csv_table(path, ssda903_tables(YEAR), "SSDA903")
    expected = [3, 5] if blank else [2, 3]
    assert raw.data.column("_line").to_pylist() == expected
    assert raw.data.column("CHILD").to_pylist() == ["C1", "C2"]


# ----------------------------------------------------------------------------- incomplete returns and identifiers

IDENTIFIER_MESSAGES = [
    ("903-bad-identifiers", "CHILD", "C1234567890", "CHILD is 11 characters long (expected at most 10, the DfE's limit)"),
    ("903-bad-identifiers", "CHILD", "",
     "CHILD is empty (expected the council's identifier for the child: every Header record needs one)"),
    ("903-bad-identifiers", "UPN", "C123456789012C", "UPN is 14 characters long (expected at most 13, the DfE's limit)"),
    ("903-duplicate-children", "CHILD", "C1",
     "CHILD 'C1' is a second record of the same child, first recorded on line 2 (expected each child once in Header)"),
    ("903-xml-long-child-id", "CHILD", "C1234567890",
     "[facet 'maxLength'] The value has a length of '11'; this exceeds the allowed maximum length of '10'."),
    ("cin-long-child-id", "LAchildID", "DfEX00000020000000002",
     "LAchildID is 21 characters long (expected at most 20, the DfE's limit)"),
    ("cin-empty-child-id", "LAchildID", "",
     "LAchildID is empty (expected the council's identifier for the child: every ChildIdentifiers record needs one)"),
    ("cin-duplicate-children", "LAchildID", "DfEX0000001",
     "LAchildID 'DfEX0000001' is a second record of the same child, first recorded on line 19 "
     "(expected each child once in ChildIdentifiers)"),
]


@pytest.mark.parametrize("case_id, fld, value, message", IDENTIFIER_MESSAGES,
                         ids=[f"{c}-{f}-{v or 'empty'}" for c, f, v, _m in IDENTIFIER_MESSAGES])
def test_identifier_findings_name_the_field_the_value_and_what_was_expected(case_id, fld, value, message, runs,
                                                                            baseline):
    run = runs[case_id]
    load = new_load(run, baseline)
    rows = query(run.data_dir, "SELECT message FROM load_findings WHERE load_id = ? AND field = ? AND value = ?",
                 [load["id"], fld, value])
    assert rows == [(message,)]


def copy_of_baseline(baseline: Baseline, tmp_path: Path) -> Path:
    data_dir = tmp_path / "clearsight-data"
    shutil.copytree(baseline.data_dir, data_dir)
    return data_dir


def cli_load(data_dir: Path, path: Path, return_code: str) -> subprocess.CompletedProcess:
    """``clearsight load`` in its own process, with a time limit: a named pipe must never be waited on."""
    return subprocess.run([sys.executable, "-m", "clearsight.cli", "load", str(path), "--return", return_code,
                           "--year", YEAR], capture_output=True, text=True, env=cli_env(data_dir), timeout=60)


@pytest.mark.parametrize("given", ["folder", "file"])
def test_a_named_pipe_is_refused_without_being_opened(given, baseline, tmp_path):
    """``header.csv`` as a FIFO (made here: git cannot hold one) in a 903 folder, or given as a CIN census."""
    data_dir = copy_of_baseline(baseline, tmp_path)
    folder = tmp_path / "903"
    folder.mkdir()
    shutil.copy(BROKEN / "ssda903" / "good" / "episodes.csv", folder / "episodes.csv")
    os.mkfifo(folder / "header.csv")
    if given == "folder":
        res = cli_load(data_dir, folder, "ssda903")
        says = ["header.csv: is a named pipe (FIFO), not a regular file, in the folder 903",
                "expected header.csv as a CSV file, or no entry of that name"]
    else:
        res = cli_load(data_dir, folder / "header.csv", "cin")
        says = ["header.csv: is a named pipe (FIFO), not a regular file", "expected the CIN census file"]
    assert res.returncode == 2, (res.stdout, res.stderr)
    assert "Traceback" not in res.stdout + res.stderr
    message = " ".join(res.stderr.split())
    assert "Could not read the input; nothing was loaded." in message
    for piece in says:
        assert piece in message, f"{piece!r} not in: {message}"
    assert loads_json(data_dir) == baseline.loads
    assert warehouse_counts(data_dir) == baseline.counts


MILLION = "9" * 1_000_000
SHOWN_MILLION = "99999999999999999999... (1,000,000 characters)"


@pytest.mark.parametrize("return_code", ["cin", "ssda903"])
def test_a_million_digit_identifier_is_a_short_finding_not_a_crash(return_code, baseline, tmp_path):
    """Made here (the corpus keeps its files tiny): the identifier is found too long and shown shortened."""
    if return_code == "cin":
        path = tmp_path / "census.xml"
        path.write_text((BROKEN / "cin" / "good.xml").read_text().replace("DfEX0000002", MILLION))
        fld, line, limit, file = "LAchildID", 71, 20, "census.xml"
    else:
        path = tmp_path / "903"
        shutil.copytree(BROKEN / "ssda903" / "good", path)
        header = path / "header.csv"
        header.write_text(header.read_text().replace("C2,", MILLION + ",", 1))
        fld, line, limit, file = "CHILD", 3, 10, "header.csv"
    data_dir = copy_of_baseline(baseline, tmp_path)
    res = cli_load(data_dir, path, return_code)
    assert res.returncode == 0, (res.stdout, res.stderr)
    assert "Traceback" not in res.stdout + res.stderr
    load_id = loads_json(data_dir)["loads"][-1]["id"]
    rows = query(data_dir, "SELECT file, line, field, value, child_id, message FROM load_findings WHERE load_id = ? "
                           "AND field = ? AND origin <> 'rule'", [load_id, fld])  # the load's own finding
    assert rows == [(file, line, fld, SHOWN_MILLION, SHOWN_MILLION,
                     f"{fld} is 1,000,000 characters long (expected at most {limit}, the DfE's limit)")]
    longest = query(data_dir, "SELECT max(length(coalesce(value, '') || coalesce(child_id, '') || message)) "
                              "FROM load_findings WHERE load_id = ?", [load_id])[0][0]
    assert longest < 500
