"""Spec-test support: tiny tables in, the exact offending rows out, through the real load typing."""

from __future__ import annotations

import pyarrow as pa

from clearsight.returns.years import CollectionYear
from clearsight.rules.definition import Rule
from clearsight.rules.engine import RunContext, create_period_macros, create_views, run_rules
from clearsight.warehouse.reference import install_providers
from clearsight.warehouse.testing import (
    add_load,
    add_rows,
    empty_warehouse,
    install_postcode_rows,
    source_tables,
)


def flagged(rule: Rule, year: str, tables: dict[str, list[dict]],
            previous: dict[str, list[dict]] | None = None, providers: list[dict] | None = None,
            la: str | None = None, postcodes: list[dict] | None = None,
            source_format: str = "csv") -> set[tuple[str, int, str | None]]:
    """Load ``tables`` (DfE table name → rows of raw text, as in the file) and run one rule.

    Returns the offending rows as ``{(table, row, child)}``. Rows are numbered from 0 in the order given.
    ``postcodes`` rows (postcode, la_code, easting, northing) stand in for the national postcode lookup.
    Last year's views (``prev_*``) always exist, empty unless ``previous`` is given, as in a real run.
    ``providers`` rows use the columns of ``clearsight.returns.ofsted_providers`` (urn, provider_type,
    registration_date, closed_date, placement_code, postcode, places, ...).
    """
    con = empty_warehouse()
    return_code = "ssda903" if rule.return_code == "ssda903" else "cin"
    specs = source_tables(return_code, year)
    add_rows(con, 1, return_code, year, tables, "{name}.csv")
    add_rows(con, 2, return_code, year, previous or {}, "{name}.csv")
    create_views(con, specs.values(), 1)
    create_views(con, specs.values(), 2 if previous is not None else -1, prefix="prev_")
    if postcodes is not None:
        install_postcode_rows(con, postcodes)
    create_period_macros(con, year, la)
    if providers is not None:
        install_providers(con, pa.Table.from_pylist(providers))
    ctx = RunContext(rule.return_code, year, 1, previous_load_id=2 if previous is not None else None,
                     providers_loaded=providers is not None, la=la, source_format=source_format)
    result = run_rules(con, [rule], ctx)
    if rule.code in result.rules_not_run:
        raise AssertionError(f"{rule.code} did not run: {result.rules_not_run[rule.code]}")
    return {(f.table, f.row, f.child) for f in result.findings}


def flagged_cross(rule: Rule, year: str, ssda903: dict[str, list[dict]], cin: dict[str, list[dict]],
                  earlier_ssda903: dict[str, list[dict]] | None = None) -> set[tuple[str, int, str | None]]:
    """Load a tiny 903 and CIN census for the same year (and optionally an earlier 903) and run one cross check."""
    from clearsight.rules.validate import cross_views

    con = empty_warehouse()
    loads = [(1, "ssda903", year, ssda903), (2, "cin", year, cin)]
    if earlier_ssda903:
        loads.append((3, "ssda903", CollectionYear.parse(year).previous.label, earlier_ssda903))
    for load_id, ret, y, data in loads:
        add_load(con, load_id, ret, y, data)
    cross_views(con, year, 1, 2)
    result = run_rules(con, [rule], RunContext("cross", year, 1))
    if rule.code in result.rules_not_run:
        raise AssertionError(f"{rule.code} did not run: {result.rules_not_run[rule.code]}")
    return {(f.table, f.row, f.child) for f in result.findings}
