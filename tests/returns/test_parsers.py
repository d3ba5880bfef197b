"""The parsers on the public reference samples (``../shared/reference``; skipped where absent).

Every count asserted here is counted independently, with the csv module or lxml, from the sample
itself, so a parser that drops or invents rows fails. The samples are synthetic.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from lxml import etree

from clearsight.returns.cin.parse import parse_cin_xml
from clearsight.returns.collect import Collector
from clearsight.returns.ssda903.parse import parse_ssda903
from clearsight.warehouse.load import load_return


def rows_by_table(batches) -> dict[str, int]:
    counts: dict[str, int] = {}
    for spec, batch in batches:
        counts[spec.name] = counts.get(spec.name, 0) + batch.num_rows
    return counts


def csv_records(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def xml_count(tree: etree._ElementTree, tag: str) -> int:
    return sum(1 for _ in tree.iter(tag))


def warehouse(data_dir: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)


# ----------------------------------------------------------------------------- SSDA903

@pytest.fixture
def validator_fake(reference) -> Path:
    return reference / "ssda903" / "samples" / "validator-fake"


def test_903_csv_folder_reads_every_row_of_every_file_and_reports_the_xml_as_not_read(validator_fake):
    out = Collector()
    counts = rows_by_table(parse_ssda903(validator_fake, "2024-25", out))
    tables = out.meta["tables"]  # table name -> file name
    assert sorted(tables.values()) == sorted(p.name for p in validator_fake.glob("*.csv"))
    assert counts == {table: len(csv_records(validator_fake / name)) for table, name in tables.items()}
    assert counts["Header"] == 2675 and counts["Episodes"] == 5050 and counts["Reviews"] == 12582
    assert out.meta["ignored_files"] == ["fake_903.xml"]
    for f in out.files:
        data = (validator_fake / f.name).read_bytes()
        assert (f.size, f.sha256) == (len(data), hashlib.sha256(data).hexdigest())


def test_903_xml_flattens_into_the_same_tables_as_the_csvs(validator_fake):
    path = validator_fake / "fake_903.xml"
    tree = etree.parse(str(path))
    out = Collector()
    counts = rows_by_table(parse_ssda903(path, "2024-25", out))
    headers = list(tree.iter("HEADER"))

    def with_any(*tags: str) -> int:
        return sum(1 for h in headers if any((h.findtext(t) or "").strip() for t in tags))

    assert counts == {
        "Header": xml_count(tree, "CHILD"), "Episodes": xml_count(tree, "EPISODE"),
        "Reviews": xml_count(tree, "AREVIEW"), "Missing": xml_count(tree, "AMISSING"),
        "OC2": xml_count(tree, "OC2"), "PrevPerm": xml_count(tree, "PERMANENCE"),
        "PlacedAdoption": xml_count(tree, "AD_PLACED"), "UASC": with_any("DUC"),
        "AD1": with_any("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
        "OC3": with_any("IN_TOUCH", "ACTIV", "ACCOM"),
    }
    assert out.meta["children"] == counts["Header"] == 253
    # Valid against the 2021 903 schema (the reference README checked it with xmlschema too).
    assert [f for f in out.findings if f.rule == "XSD"] == []


def test_the_903_xml_sample_is_a_different_population_from_the_csv_sample(validator_fake):
    """Both come from the same generator, but not the same run: no child is in both."""
    xml_ids = {e.text for e in etree.parse(str(validator_fake / "fake_903.xml")).iter("CHILDID")}
    csv_ids = {r["CHILD"] for r in csv_records(validator_fake / "header.csv")}
    assert (len(xml_ids), len(csv_ids), len(xml_ids & csv_ids)) == (253, 2675, 0)


def test_903_xml_and_csv_values_land_in_the_same_columns(validator_fake, data_dir):
    load_return(validator_fake / "fake_903.xml", "ssda903", "2024-25")
    tree = etree.parse(str(validator_fake / "fake_903.xml"))
    first = next(tree.iter("CHILD"))
    con = warehouse(data_dir)
    try:
        row = con.execute("SELECT upn, dob, ethnic FROM cla_header WHERE child_id = ?",
                          [first.findtext("HEADER/CHILDID")]).fetchall()
        episodes = con.execute("SELECT count(*), min(decom), min(place) FROM cla_episodes WHERE child_id = ?",
                               [first.findtext("HEADER/CHILDID")]).fetchall()[0]
    finally:
        con.close()
    dd, mm, yyyy = first.findtext("HEADER/DOB").split("/")
    assert row == [(first.findtext("HEADER/UPN"), date(int(yyyy), int(mm), int(dd)), first.findtext("HEADER/ETHNIC"))]
    assert episodes[0] == len(first.findall("EPISODE"))
    assert episodes[2] == min(e.findtext("PL") for e in first.findall("EPISODE"))  # <PL> is the PLACE column


def test_dd_mm_yyyy_and_iso_dates_load_to_the_same_date(validator_fake, tmp_path, data_dir):
    """The sample's header.csv as sent (dd/mm/yyyy) and rewritten in ISO form give identical DATEs."""
    lines = (validator_fake / "header.csv").read_text().splitlines()[:51]
    iso = [re.sub(r"\b(\d{2})/(\d{2})/(\d{4})\b", r"\3-\2-\1", line) for line in lines]
    assert iso != lines
    for name, text in (("uk", lines), ("iso", iso)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "header.csv").write_text("\n".join(text) + "\n")
        shutil.copy(validator_fake / "episodes.csv", tmp_path / name / "episodes.csv")  # a 903 needs both tables
    uk_load = load_return(tmp_path / "uk", "ssda903", "2024-25")
    iso_load = load_return(tmp_path / "iso", "ssda903", "2024-25")
    con = warehouse(data_dir)
    try:
        def dobs(load_id: int) -> list[tuple]:
            return con.execute("SELECT child_id, dob, mc_dob FROM cla_header WHERE load_id = ? ORDER BY row_no",
                               [load_id]).fetchall()
        assert dobs(uk_load.load_id) == dobs(iso_load.load_id)
        assert len(dobs(uk_load.load_id)) == 50 and all(isinstance(d, date) for _c, d, _m in dobs(uk_load.load_id))
        findings = con.execute("SELECT load_id, field, count(*) FROM load_findings WHERE field IN ('DOB', 'MC_DOB') "
                               "GROUP BY ALL").fetchall()
    finally:
        con.close()
    assert findings == []


# ----------------------------------------------------------------------------- CIN census

CIN_SAMPLES = {
    # sample: (collection year, reference date in the header, LEA)
    "BAR_cin_2022.xml": ("2021-22", date(2022, 3, 31), "201"),
    "fake_CIN_data.xml": ("2021-22", date(2022, 7, 21), "975"),
    "CIN_Census_2024.xml": ("2023-24", date(2024, 3, 31), "201"),
    "CIN_Census_2026.xml": ("2025-26", date(2024, 3, 31), "201"),
}
CIN_ELEMENTS = {
    "cin_children": "Child", "cin_referrals": "CINdetails", "cin_assessments": "Assessments",
    "cin_plans": "CINPlanDates", "cin_section47": "Section47", "cin_cp_plans": "ChildProtectionPlans",
    "cin_cp_reviews": "CPPreviewDate",
}


@pytest.mark.parametrize("sample", sorted(CIN_SAMPLES))
def test_cin_samples_load_every_child_and_module(sample, reference, data_dir):
    path = reference / "cin" / "samples" / sample
    year, reference_date, lea = CIN_SAMPLES[sample]
    tree = etree.parse(str(path))
    result = load_return(path, "cin", year)
    expected = {table: xml_count(tree, tag) for table, tag in CIN_ELEMENTS.items()}
    assert {t: n for t, n in result.rows.items() if t != "cin_header"} == {t: n for t, n in expected.items() if n}
    assert result.rows["cin_header"] == 1
    con = warehouse(data_dir)
    try:
        header = con.execute("SELECT collection, reference_date, lea, source_level FROM cin_header").fetchall()
        children = con.execute("SELECT count(DISTINCT child_id), count(*) FILTER (WHERE child_id IS NULL) "
                               "FROM cin_children").fetchall()[0]
    finally:
        con.close()
    assert header == [("CIN", reference_date, lea, "L")]
    assert children == (len({e.text for e in tree.iter("LAchildID")}), 0)


def test_cin_sample_counts_are_what_the_reference_readme_says(reference):
    out = Collector()
    counts = rows_by_table(parse_cin_xml(reference / "cin" / "samples" / "fake_CIN_data.xml", "2021-22", out))
    assert (counts["ChildIdentifiers"], counts["CINdetails"], out.meta["children"]) == (332, 402, 332)
    assert out.meta["reference_date"] == "2022-07-21" and out.meta["lea"] == "975"


@pytest.mark.parametrize("sample", ["BAR_cin_2022.xml", "fake_CIN_data.xml"])
def test_true_and_false_booleans_are_no_schema_problem(sample, reference):
    """The 2022 schema allows only 0/1 (the reference README counts 402 errors); councils send true/false."""
    path = reference / "cin" / "samples" / sample
    assert re.search(rb"<ReferralNFA>(true|false)</ReferralNFA>", path.read_bytes())
    out = Collector()
    rows_by_table(parse_cin_xml(path, "2021-22", out))
    assert out.findings == []


def test_cin_referral_booleans_and_dates_are_typed(reference, data_dir):
    path = reference / "cin" / "samples" / "BAR_cin_2022.xml"
    load_return(path, "cin", "2021-22")
    con = warehouse(data_dir)
    try:
        ref = con.execute("SELECT referral_date, closure_date, referral_nfa, reason_for_closure FROM cin_referrals"
                          ).fetchall()
        s47 = con.execute("SELECT start_date, icpc_not_required FROM cin_section47").fetchall()
        child = con.execute("SELECT dob, expected_dob, death_date, disabilities, gender_current FROM cin_children"
                            ).fetchall()
    finally:
        con.close()
    assert ref == [(date(1970, 10, 6), date(1971, 2, 27), False, "RC1")]
    assert s47 == [(date(1970, 2, 2), False)]
    assert child == [(date(1966, 3, 24), date(1966, 3, 22), date(1980, 10, 8), ["HAND", "HEAR"], "1")]


@pytest.mark.parametrize("sample, year", [("CIN_Census_2024.xml", "2023-24"), ("CIN_Census_2026.xml", "2025-26")])
def test_cin_samples_with_deliberate_faults_keep_them_as_findings(sample, year, reference):
    """Hand-made samples with stray text, a bad factor code and Sex in a year that has GenderCurrent."""
    out = Collector()
    rows_by_table(parse_cin_xml(reference / "cin" / "samples" / sample, year, out))
    found = {(f.line, f.field, f.value) for f in out.findings}
    assert all(f.rule == "XSD" and f.path.startswith("/Message/Children/Child[") for f in out.findings)
    assert (46, "AssessmentFactors", "RB") in found
    assert (19, "ChildIdentifiers", None) in found  # "PersonBirthDate" typed as text between elements
    sex = next(f for f in out.findings if f.field == "Sex" and f.line == 25)
    if year == "2023-24":
        assert "Expected is one of ( ExpectedPersonBirthDate, GenderCurrent )" in sex.message
    else:
        assert sex.value == "1" and "'M', 'F', 'U'" in sex.message
