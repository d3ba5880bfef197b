"""Labels beside codes (one file of the DfE's code sets) and sex in one vocabulary across years."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from clearsight.returns import codes
from clearsight.returns.ssda903.spec import ssda903_yaml


def spec_codes(table: str, column: str, year: int) -> list[str]:
    return [str(c["code"]) for c in ssda903_yaml(year)[table][column]["category"]]


@pytest.mark.parametrize(("column", "code_set"), [("LS", "legal_status"), ("RNE", "reason_new_episode"),
                                                  ("PLACE", "placement_type"), ("CIN", "category_of_need")])
@pytest.mark.parametrize("year", [2020, 2024, 2026])
def test_every_code_the_903_spec_allows_has_a_label(column, code_set, year):
    allowed = spec_codes("episodes", column, year)
    assert allowed
    missing = [c for c in allowed if codes.label(f"ssda903.{code_set}", c) is None]
    known_gaps = codes.code_file().get("unlabelled", {}).get(f"ssda903.{code_set}", [])
    assert set(missing) <= set(known_gaps), f"{column} {year}: {missing}"  # a gap is said, never guessed


def test_labels_read_as_code_then_the_dfe_words():
    assert codes.with_label("ssda903.placement_type", "U6").startswith("U6: Foster placement with other foster carer")
    assert codes.with_label("ssda903.legal_status", "C2") == "C2: Full care order"
    assert codes.with_label("ssda903.reason_new_episode", "P") == "P: Change of placement and carer(s) only"
    assert codes.with_label("ssda903.legal_status", "ZZ") == "ZZ"  # a code no set has stays as it is
    assert codes.with_label("ssda903.legal_status", None) == ""


def test_cin_labels_come_from_the_schema_itself():
    from lxml import etree

    tree = etree.parse(str(codes.CIN_XSD_DIR / "CIN_schema_2026.xsd"))
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    values = tree.xpath("//xs:simpleType[@name='primaryneedcodetype']//xs:enumeration/@value", namespaces=ns)
    assert sorted(codes.code_set("cin.primary_need")) == sorted(values)
    assert codes.with_label("cin.primary_need", "N0") == "N0: Not stated"


def test_sex_is_one_vocabulary_whatever_year_or_return_recorded_it():
    old = spec_codes("header", "SEX", 2023)
    new = spec_codes("header", "SEX", 2025)
    assert sorted(old) == ["1", "2"] and sorted(new) == ["F", "M", "U"]
    assert {codes.normal_sex(c) for c in old} == {"M", "F"}
    assert {codes.normal_sex(c) for c in new} == {"M", "F", "U"}
    assert codes.normal_sex("1") == codes.normal_sex("M") == "M"
    assert codes.normal_sex("2") == codes.normal_sex("f") == "F"
    assert codes.normal_sex("0") == codes.normal_sex("9") == "U"  # CIN GenderCurrent: not recorded, indeterminate
    assert codes.sex_shown("M") == "M: male"
    assert codes.sex_shown("1") == "M: male (recorded as 1)"
    assert codes.sex_shown("9") == "U: unknown (recorded as 9: indeterminate)"
    assert codes.normal_sex(None) is None and codes.sex_shown("") == ""


def test_group_labels_put_the_label_beside_the_code():
    assert codes.group_label({"legal_status": "C2"}) == "legal_status=C2: Full care order"
    assert codes.group_label({"sex": "M"}) == "sex=M: male"
    assert codes.group_label({"team": "T01"}) == "team=T01"
    assert codes.group_label({}) == ""


YEARS = ["2023-24", "2024-25"]  # sex recorded 1/2 in the first, M/F/U in the second


@pytest.fixture(scope="module")
def two_schema_years(tmp_path_factory):
    """A small synthetic council over the 2024-25 change of sex codes, its 903, CIN census and extract loaded."""
    from clearsight.synth import run_synth
    from clearsight.warehouse.load import load_return

    root = tmp_path_factory.mktemp("codes")
    run_synth(root / "council", children=150, years=YEARS, seed=4)
    for year in YEARS:
        for path, ret in (("ssda903", "ssda903"), ("cin_census.xml", "cin"), ("cms", "cms")):
            load_return(root / "council" / year / path, ret, year, db_path=root / "data" / "warehouse.duckdb")
    return root / "data"


def test_a_child_page_shows_codes_with_labels_and_one_sex_across_years(two_schema_years, monkeypatch):
    import duckdb

    from clearsight.web import data

    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", str(two_schema_years))
    con = duckdb.connect(str(two_schema_years / "warehouse.duckdb"), read_only=True)
    try:
        recorded = dict(con.execute("SELECT year, list(DISTINCT sex ORDER BY sex) FROM current_cla_header "
                                    "GROUP BY year").fetchall())
        child = con.execute("""SELECT child_id FROM current_cla_header WHERE year = ? AND child_id IN (
                                 SELECT child_id FROM current_cla_header WHERE year = ?)
                               AND child_id IN (SELECT child_id FROM current_cla_episodes) ORDER BY child_id
                               LIMIT 1""", YEARS).fetchone()[0]
        raw_episodes = con.execute("SELECT DISTINCT ls, place, rne FROM current_cla_episodes WHERE child_id = ?",
                                   [child]).fetchall()
    finally:
        con.close()
    assert set(recorded[YEARS[0]]) <= {"1", "2"} and set(recorded[YEARS[1]]) <= {"M", "F", "U"}
    sections = {s["title"]: s for s in data.child_record(child)}
    header = sections["Looked after: header"]
    assert len(header["rows"]) == 1  # one row across both years: the same sex, whichever code recorded it
    sex = header["rows"][0][header["columns"].index("Sex")]
    assert sex in ("M: male", "F: female")
    assert header["rows"][0][-1] == ", ".join(YEARS)
    episodes = sections["Looked after: episodes"]
    cols = episodes["columns"]
    shown = {(r[cols.index("Legal status")], r[cols.index("Placement")], r[cols.index("Reason for new episode")])
             for r in episodes["rows"]}
    expected = {(codes.with_label("ssda903.legal_status", ls), codes.with_label("ssda903.placement_type", pl),
                 codes.with_label("ssda903.reason_new_episode", rne)) for ls, pl, rne in raw_episodes}
    assert shown == expected
    assert all(": " in cell for row in shown for cell in row)  # every code has its label beside it
    allocations = sections["Allocations"]
    teams = {r[allocations["columns"].index("Team")] for r in allocations["rows"]}
    con = duckdb.connect(str(two_schema_years / "warehouse.duckdb"), read_only=True)
    try:
        names = dict(con.execute("SELECT team_id, team_name FROM current_teams").fetchall())
    finally:
        con.close()
    assert teams and all(t.split(": ", 1)[1] == names[t.split(": ", 1)[0]] for t in teams)  # a team by its name


def test_measure_exports_carry_a_group_label_beside_the_group(two_schema_years):
    from clearsight.cli import app

    env = {"CLEARSIGHT_DATA_DIR": str(two_schema_years)}
    runner = CliRunner()
    for by, code_set in (("legal_status", "ssda903.legal_status"), ("sex", "sex")):
        res = runner.invoke(app, ["measures", "--year", YEARS[-1], "--by", by, "--format", "csv"], env=env)
        assert res.exit_code == 0, res.output
        rows = list(csv.DictReader(io.StringIO(res.stdout)))
        assert rows and list(rows[0])[:5] == ["id", "name", "period", "group", "group_label"]
        for r in rows:
            if r["group"] == "council":  # a measure with no data for the breakdown: one council row
                assert r["group_label"] == "council"
                continue
            dim, code = r["group"].split("=", 1)
            assert dim == by
            label = codes.sex_shown(code) if by == "sex" else codes.with_label(code_set, code)
            assert r["group_label"] == f"{by}={label or code}"
        assert any(": " in r["group_label"] for r in rows)
        res = runner.invoke(app, ["measures", "--year", YEARS[-1], "--by", by, "--format", "json"], env=env)
        payload = json.loads(res.stdout)["measures"]
        assert [p["group_label"] for p in payload] == [r["group_label"] for r in rows]
        assert all(isinstance(p["group"], dict) for p in payload)  # the group itself is unchanged
