"""A load's findings read back from a real DuckDB warehouse: the files' schema findings first, then the rules'
(``origin = 'rule'``, as ``clearsight load`` keeps them), each rule finding with its DfE type and message."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
from rich.console import Console

from clearsight.reports.findings import FINDING_KEYS, counts_line, load_findings_report, with_rule_types
from clearsight.reports.output import write
from clearsight.warehouse import catalog
from clearsight.warehouse.catalog import FILE_ORIGINS, load_findings_detail
from clearsight.warehouse.load import load_into
from clearsight.warehouse.schema import ensure_schema

CENSUS = Path(__file__).resolve().parents[1] / "broken" / "cin" / "bad_values.xml"


def warehouse_with_a_rule_finding() -> tuple[duckdb.DuckDBPyConnection, int]:
    con = duckdb.connect()
    ensure_schema(con)
    load_id = load_into(con, CENSUS, "cin", "2024-25")
    # Two rule findings as a load keeps them (an error and a query), the message left to the catalogue.
    con.execute("""INSERT INTO load_findings (load_id, rule, origin, table_name, row_no, child_id, field)
                   VALUES (?, '4180', 'rule', 'ChildIdentifiers', 1, 'DfEX0000002', 'Sex'),
                          (?, '2887Q', 'rule', NULL, NULL, NULL, NULL)""", [load_id, load_id])
    return con, load_id


def test_file_findings_come_first_then_rule_findings_with_their_type_and_message():
    con, load_id = warehouse_with_a_rule_finding()
    found = with_rule_types(load_findings_detail(con, load_id), "cin")
    assert [f["origin"] for f in found] == ["schema"] * 7 + ["rule"] * 2
    assert all(list(f) == list(FINDING_KEYS) for f in found)
    rules = {f["rule"]: f for f in found[7:]}
    assert rules["4180"]["type"] == "error" and rules["4180"]["message"].startswith("Sex must be provided")
    assert rules["2887Q"]["type"] == "query"
    assert counts_line(found) == "9 findings (2 rule, 7 schema) for 2 children"
    assert len(load_findings_detail(con, load_id, FILE_ORIGINS)) == 7
    assert load_findings_detail(con, load_id, ()) == []
    assert load_findings_detail(con, load_id + 1) == []


def test_the_report_shows_both_kinds_on_screen():
    con, load_id = warehouse_with_a_rule_finding()
    info = catalog.load_info(con, load_id)
    found = with_rule_types(load_findings_detail(con, load_id), info.return_code)
    said = io.StringIO()
    write(load_findings_report(info, found), "table", console=Console(file=said, width=200))
    text = said.getvalue()
    assert text.startswith("load 1: cin 2024-25, 9 findings")
    assert "bad_values.xml:24" in text and "ChildIdentifiers row 1" in text and "query" in text


def test_no_findings_is_said_plainly():
    assert counts_line([]) == "no findings"
