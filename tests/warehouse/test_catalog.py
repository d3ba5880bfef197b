"""The warehouse's catalogue of loads and council settings, on a test warehouse built from tiny tables."""

from __future__ import annotations

import os

import pytest

from clearsight.returns.years import CollectionYear
from clearsight.warehouse import catalog, publish
from clearsight.warehouse.testing import add_rows, build, empty_warehouse


@pytest.fixture
def con():
    c = build([("ssda903", "2023-24", {"Header": [{"CHILD": "1", "SEX": "M", "DOB": "01/01/2010"}]}),
               ("cin", "2024-25", {}),
               ("ssda903", "2024-25", {"Header": [{"CHILD": "1", "SEX": "M", "DOB": "31/02/2010"}]}),
               ("ssda903", "2024-25", {"Header": [{"CHILD": "1", "SEX": "M", "DOB": "01/01/2010"}]})],
              {"la_code": "E10000016", "population_0_17": 21000})
    yield c
    c.close()


def test_the_current_load_is_the_newest_of_its_return_and_year(con):
    assert catalog.current_load(con, "ssda903", "2024-25") == 4
    assert catalog.current_load(con, "ssda903", CollectionYear.parse("2024-25")) == 4
    assert catalog.current_load(con, "cin", "2024-25") == 2
    assert catalog.current_load(con, "cin", "2023-24") is None


def test_the_previous_years_load_is_the_current_load_of_the_year_before(con):
    assert catalog.previous_year_load(con, "ssda903", "2024-25") == 1
    assert catalog.previous_year_load(con, "ssda903", "2023-24") is None
    assert catalog.previous_year_load(con, "cin", "2024-25") is None


def test_years_and_returns_loaded(con):
    assert catalog.years_loaded(con) == ["2023-24", "2024-25"]
    assert catalog.years_loaded(con, "cin") == ["2024-25"]
    assert catalog.returns_loaded(con) == {"ssda903", "cin"}
    assert catalog.current_loads_of_year(con, "2024-25") == {"ssda903": 4, "cin": 2}
    assert catalog.load_ids(con, "ssda903") == [1, 3, 4]
    assert catalog.load_info(con, 3) == catalog.LoadInfo(3, "ssda903", "2024-25")
    assert catalog.load_info(con, 99) is None
    assert catalog.load_meta(con, 3) == {}


def test_a_loads_findings_are_its_bad_values(con):
    (finding,) = catalog.load_findings(con, 3)
    assert (finding.rule, finding.table_name, finding.row_no, finding.child_id, finding.field, finding.value) == (
        "XSD", "Header", 0, "1", "DOB", "31/02/2010")
    assert catalog.load_findings(con, 4) == []
    assert con.execute(catalog.invalid_values_query(3)).fetchall() == [("Header", "DOB", 0, "1", "31/02/2010")]


def test_council_settings_are_kept_as_text(con):
    assert catalog.council_settings(con) == {"la_code": "E10000016", "population_0_17": "21000"}
    catalog.set_council_setting(con, "population_0_17", 22000)
    assert catalog.council_setting(con, "population_0_17") == "22000"
    assert catalog.council_setting(con, "la_name") is None
    # The SQL macro rules and measures use reads the same settings.
    assert con.execute("SELECT council_setting('la_code')").fetchall() == [("E10000016",)]


def test_rows_added_without_a_load_record_are_not_current():
    con = empty_warehouse()
    add_rows(con, 7, "cin", "2024-25", {})
    assert catalog.years_loaded(con) == [] and catalog.returns_loaded(con) == set()


def test_publishing_a_staged_copy_makes_a_new_version_and_drops_older_snapshots(data_dir):
    from clearsight import config

    warehouse = config.warehouse_path()
    with pytest.raises(publish.NoWarehouse):
        publish.current()
    with publish.writer_lock():
        with publish.staged() as staging:
            con = build([])
            con.execute(f"ATTACH '{staging}' AS staged")
            con.execute("CREATE TABLE staged.marker AS SELECT 1 AS one")
            con.close()
            first = publish.publish(staging)
        assert not staging.exists()
    ver, path = publish.current()
    assert ver == first == publish.version() and path.parent == publish.version_dir(ver)
    with publish.writer_lock(blocking=False) as got:
        assert got
        with publish.staged() as staging:
            assert staging.read_bytes() == warehouse.read_bytes()
            os.utime(staging, ns=(1, 1))  # a different file: a new version even with the same bytes
            second = publish.publish(staging)
    assert second != first and publish.current()[0] == second
    assert not publish.version_dir(first).exists()
