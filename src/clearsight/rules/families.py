"""Factories for families of rules that every return has: one row, one table, only the table and fields differ.

Each factory returns a ``Rule`` flagging the rows of one DfE table whose dates break a simple condition.
``column`` names are the warehouse's (``decom``, ``mis_start``, ``start_date``); ``fields`` are the DfE
field names the finding points at, in the order the catalogue gives them.
"""

from __future__ import annotations

from clearsight.rules.definition import Rule


def _row_rule(return_code: str, code: str, table: str, fields: tuple[str, ...], where: str, notes: str) -> Rule:
    return Rule(code, return_code, {table: fields}, f"""
    SELECT '{table}', row_no, child_id FROM {table} WHERE {where}
""", notes=notes)


def after_collection_end(return_code: str, code: str, table: str, field: str, column: str | None = None,
                         notes: str = "") -> Rule:
    """A date after the collection year ends (after 31 March, the reference date)."""
    return _row_rule(return_code, code, table, (field,), f"{column or field.lower()} > collection_end()", notes)


def outside_collection_year(return_code: str, code: str, table: str, field: str, column: str | None = None,
                            notes: str = "") -> Rule:
    """A date before the collection year starts (1 April) or after it ends (31 March); a blank passes."""
    return _row_rule(return_code, code, table, (field,),
                     f"{column or field.lower()} NOT BETWEEN collection_start() AND collection_end()", notes)


def dates_out_of_order(return_code: str, code: str, table: str, fields: tuple[str, ...], earlier: str,
                       later: str, *, same_day_too: bool = False, notes: str = "") -> Rule:
    """The ``later`` date (a column) is before the ``earlier`` one; with ``same_day_too``, on the same day too."""
    return _row_rule(return_code, code, table, fields, f"{later} {'<=' if same_day_too else '<'} {earlier}", notes)


def same_day(return_code: str, code: str, table: str, fields: tuple[str, ...], first: str, second: str,
             notes: str = "") -> Rule:
    """Two dates (columns) of one row that must not be the same day, e.g. a start and an end."""
    return _row_rule(return_code, code, table, fields, f"{first} = {second}", notes)
