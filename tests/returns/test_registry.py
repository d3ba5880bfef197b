"""The registry of returns: one entry a return, every column described, and formats that know nothing
of storage or checks."""

import ast
import importlib.util
from pathlib import Path

import pytest

from clearsight.returns import registry
from clearsight.returns.years import CollectionYear

RETURNS_DIR = Path(registry.__file__).resolve().parent


def test_one_entry_per_return_in_order():
    assert registry.codes() == ("ssda903", "cin", "cms", "csww")
    assert [code for code, _title in registry.choices()] == list(registry.codes())
    assert {r.code for r in registry.validated()} == {"ssda903", "cin"}


def test_unknown_return_names_the_known_ones():
    with pytest.raises(ValueError, match="unknown return 'annexa'; expected ssda903, cin, cms or csww"):
        registry.get("annexa")


def test_input_shapes():
    assert registry.get("ssda903").accepts_folder and registry.get("cms").accepts_folder
    assert not registry.get("cin").accepts_folder and not registry.get("csww").accepts_folder


@pytest.mark.parametrize("code", registry.codes())
def test_every_column_of_every_table_has_a_one_line_description(code):
    ret = registry.get(code)
    for table in ret.all_tables().values():
        assert table.doc, table.name
        assert len(table.extra_docs) == len(table.extra_columns), table.name
        for c in table.columns:
            assert c.doc and "\n" not in c.doc, (code, table.name, c.source)


def test_the_903_tables_vary_by_year():
    ssda903 = registry.get("ssda903")
    assert "SWEpisodes" not in ssda903.tables("2022-23")
    assert "SWEpisodes" in ssda903.tables(CollectionYear(2024))
    assert "DoLo" not in ssda903.tables("2025-26") and "DoLo" in ssda903.tables("2026-27")
    assert set(ssda903.all_tables()) == set(ssda903.tables("2026-27"))


def test_rules_packages_are_names_of_real_packages():
    for ret in registry.validated():
        assert importlib.util.find_spec(ret.rules) is not None, ret.rules


def test_returns_import_nothing_of_storage_checks_or_apps():
    forbidden = ("clearsight.rules", "clearsight.warehouse", "clearsight.measures", "clearsight.web",
                 "clearsight.cli", "clearsight.reports")
    for path in RETURNS_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not name.startswith(forbidden), f"{path.name} imports {name}"


def test_the_tables_a_return_cannot_do_without_are_in_its_spec():
    assert registry.get("ssda903").required("2024-25") == ("Header", "Episodes")
    assert registry.get("ssda903").required("2021-22") == ("Header", "Episodes")
    assert registry.get("cms").required("2024-25") == ("teams", "workers", "allocations")
    assert registry.get("cin").required("2024-25") == () and registry.get("csww").required("2024-25") == ()


def test_the_child_each_record_is_of_and_the_identifiers_lengths_are_in_the_spec():
    header = registry.get("ssda903").tables("2024-25")["Header"]
    children = registry.get("cin").tables("2024-25")["ChildIdentifiers"]
    assert (header.key, children.key) == ("CHILD", "LAchildID")
    assert (header.column("CHILD").max_length, header.column("UPN").max_length) == (10, 13)
    assert (children.column("LAchildID").max_length, children.column("UPN").max_length) == (20, 13)
    assert registry.get("ssda903").tables("2024-25")["Episodes"].key is None
