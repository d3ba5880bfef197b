"""The synthetic council's files: layout, schemas, determinism, cross-return agreement."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from lxml import etree

from clearsight.returns.cms.spec import CMS_TABLES
from clearsight.returns.ssda903.spec import SSDA903_TABLES
from clearsight.synth import run_synth

# File name (without .csv) -> columns, as the returns' specs lay them out.
HEADERS_903 = {t.file_name.removesuffix(".csv"): list(t.columns) for t in SSDA903_TABLES.values()}
CMS_COLUMNS = {t.file_name.removesuffix(".csv"): t.source_columns for t in CMS_TABLES.values()}

YEARS = ["2023-24", "2024-25", "2025-26"]

REF = resources.files("clearsight") / "reference"


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_layout(small_council):
    out, summary = small_council
    assert (out / "council.json").exists() and (out / "truth.json").exists()
    assert not (out / "faults.json").exists()
    for y in YEARS:
        d = out / y
        for name in HEADERS_903:
            assert (d / "ssda903" / f"{name}.csv").exists(), name
        for name in CMS_COLUMNS:
            assert (d / "cms" / f"{name}.csv").exists(), name
        for name in ("ssda903.xml", "cin_census.xml", "ofsted_providers.xlsx"):
            assert (d / name).exists()
        assert summary["years"][y]["children_known"] > 300


def test_council_json(small_council):
    out, _ = small_council
    c = json.loads((out / "council.json").read_text())
    assert c["la_code"] == "E10000016" and c["old_la_code"] == "886" and c["la_name"] == "Kent"
    assert 600 * 10 < c["population_0_17"] < 600 * 20


def test_csv_column_sets_exact(small_council):
    out, _ = small_council
    for y in YEARS:
        for name, cols in HEADERS_903.items():
            with open(out / y / "ssda903" / f"{name}.csv", encoding="utf-8") as fh:
                assert next(csv.reader(fh)) == cols
        for name, cols in CMS_COLUMNS.items():
            with open(out / y / "cms" / f"{name}.csv", encoding="utf-8") as fh:
                assert next(csv.reader(fh)) == cols


@pytest.mark.parametrize("year,xsd", [("2023-24", "CIN_schema_2024.xsd"), ("2024-25", "CIN_schema_2025.xsd"),
                                      ("2025-26", "CIN_schema_2026.xsd")])
def test_cin_xml_valid(small_council, year, xsd):
    out, _ = small_council
    schema = etree.XMLSchema(etree.parse(str(REF / "cin" / xsd)))
    doc = etree.parse(str(out / year / "cin_census.xml"))
    assert schema.validate(doc), schema.error_log
    ref = doc.find("Header/CollectionDetails")
    assert ref.findtext("Year") == "20" + year[-2:]
    assert ref.findtext("ReferenceDate") == f"20{year[-2:]}-03-31"
    sex_tag = "GenderCurrent" if year == "2023-24" else "Sex"
    assert doc.find(f"Children/Child/ChildIdentifiers/{sex_tag}") is not None


@pytest.mark.parametrize("year", YEARS)
def test_903_xml_valid(small_council, year):
    out, _ = small_council
    schema = etree.XMLSchema(etree.parse(str(REF / "ssda903" / "SSDA903_CLA_2021.xsd")))
    doc = etree.parse(str(out / year / "ssda903.xml"))
    assert schema.validate(doc), schema.error_log
    header = read_csv(out / year / "ssda903" / "header.csv")
    assert len(doc.findall("CHILD")) == len(header)


def test_sex_codes_follow_the_year(small_council):
    out, _ = small_council
    assert {r["SEX"] for r in read_csv(out / "2023-24" / "ssda903" / "header.csv")} <= {"1", "2"}
    assert {r["SEX"] for r in read_csv(out / "2024-25" / "ssda903" / "header.csv")} <= {"M", "F", "U"}


def test_same_seed_same_bytes_other_seed_differs(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    run_synth(a, children=150, years=["2024-25"], seed=9, faults=0.1)
    run_synth(b, children=150, years=["2024-25"], seed=9, faults=0.1)
    run_synth(c, children=150, years=["2024-25"], seed=10, faults=0.1)
    da, db, dc = tree_digest(a), tree_digest(b), tree_digest(c)
    assert da == db
    assert da.keys() == dc.keys()
    assert da["2024-25/cin_census.xml"] != dc["2024-25/cin_census.xml"]
    assert da["2024-25/ssda903/episodes.csv"] != dc["2024-25/ssda903/episodes.csv"]


def _d(s: str) -> date:
    if "/" in s:
        d, m, y = s.split("/")
        return date(int(y), int(m), int(d))
    return date.fromisoformat(s)


@pytest.mark.parametrize("year", YEARS)
def test_looked_after_children_have_open_cin_episode(small_council, year):
    """Every looked-after child is a child in need over the same days, with the same DOB and sex."""
    out, _ = small_council
    doc = etree.parse(str(out / year / "cin_census.xml"))
    cin = {}
    for ch in doc.iter("Child"):
        ids = ch.find("ChildIdentifiers")
        spans = []
        for det in ch.findall("CINdetails"):
            start = _d(det.findtext("CINreferralDate"))
            close = det.findtext("CINclosureDate")
            spans.append((start, _d(close) if close else date(9999, 1, 1)))
        sex = ids.findtext("Sex") or {"1": "M", "2": "F"}.get(ids.findtext("GenderCurrent"))
        cin[ids.findtext("LAchildID")] = (ids.findtext("PersonBirthDate"), sex, spans)
    header = {r["CHILD"]: r for r in read_csv(out / year / "ssda903" / "header.csv")}
    episodes = read_csv(out / year / "ssda903" / "episodes.csv")
    assert episodes
    ys, ye = date(int(year[:4]), 4, 1), date(int(year[:4]) + 1, 3, 31)
    for e in episodes:
        cid = e["CHILD"]
        assert cid in cin, f"looked-after child {cid} missing from the CIN census"
        dob, sex, spans = cin[cid]
        h = header[cid]
        assert _d(h["DOB"]).isoformat() == dob
        assert {"1": "M", "2": "F"}.get(h["SEX"], h["SEX"]) == sex
        lo = max(_d(e["DECOM"]), ys)
        hi = min(_d(e["DEC"]) if e["DEC"] else ye, ye)
        assert any(s <= lo and hi <= c for s, c in spans), (cid, lo, hi, spans)


def test_dob_consistent_across_903_tables(small_council):
    out, _ = small_council
    for year in YEARS:
        dob = {r["CHILD"]: r["DOB"] for r in read_csv(out / year / "ssda903" / "header.csv")}
        for name, cols in HEADERS_903.items():
            if "DOB" in cols and name != "header":
                for r in read_csv(out / year / "ssda903" / f"{name}.csv"):
                    assert dob[r["CHILD"]] == r["DOB"], (name, r)


def test_every_urn_is_in_the_provider_list(small_council):
    import openpyxl

    out, _ = small_council
    for year in YEARS:
        wb = openpyxl.load_workbook(out / year / "ofsted_providers.xlsx", read_only=True)
        assert wb.sheetnames == ["Providers", "SA Providers"]
        known = {}
        for ws in wb:
            rows = ws.iter_rows(values_only=True)
            head = [str(h).lower() for h in next(rows)]
            u = head.index("urn")
            pc = head.index("setting address postcode")
            place = head.index("placement code")
            for r in rows:
                known[r[u]] = (r[pc], r[place] if ws.title == "Providers" else "K3")
        for e in read_csv(out / year / "ssda903" / "episodes.csv"):
            if e["URN"]:
                assert e["URN"] in known, e
                postcode, codes = known[e["URN"]]
                assert e["PLACE"] in codes.split(",")
                if e["PLACE"] in ("K2", "K3", "S1"):
                    assert e["PL_POST"] == postcode


def test_truth_teams_exist(small_council):
    out, _ = small_council
    truth = json.loads((out / "truth.json").read_text())
    teams = {r["team_id"] for r in read_csv(out / "2024-25" / "cms" / "teams.csv")}
    assert truth["worse"] and truth["better"]
    for side in ("worse", "better"):
        for team, measures in truth[side].items():
            assert team in teams
            assert all(m in truth["rates"] for m in measures)


def test_social_worker_ids_and_allocations_join(small_council):
    out, _ = small_council
    workers = {r["worker_id"]: r for r in read_csv(out / "2024-25" / "cms" / "workers.csv")}
    for r in read_csv(out / "2024-25" / "ssda903" / "social_workers.csv"):
        assert r["SW_ID"].startswith("SW") and r["SW_ID"] in workers
    for r in read_csv(out / "2024-25" / "cms" / "allocations.csv"):
        assert r["worker_id"] in workers


def test_postcodes_are_real_and_formatted(small_council):
    out, _ = small_council
    for e in read_csv(out / "2024-25" / "ssda903" / "episodes.csv"):
        for pc in (e["HOME_POST"], e["PL_POST"]):
            if pc:
                assert " " in pc and 6 <= len(pc) <= 8
