"""SQL shared by the CIN census rules (this module defines no rules of its own).

The census nests its modules (ChildIdentifiers > CINdetails > Assessments, CINplanDates, Section47,
ChildProtectionPlans > Reviews); the flat tables are linked by row numbers: ``child_row`` on CINdetails,
``referral_row`` on each module of an episode, ``cp_plan_row`` on Reviews. The fragments here follow
those links; the factories make the families of rules that differ only in table and field. The
families every return shares (dates outside the collection year, dates out of order) are in
``clearsight.rules.families``.
"""

from __future__ import annotations

from clearsight.rules.definition import Rule


def sql_list(values) -> str:
    """A SQL list of text values: ``('A', 'B')``."""
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def with_child_row(table: str) -> str:
    """A subquery: each row of a module of an episode (``table``) with its child's ``child_row``."""
    return f"(SELECT p.*, r.child_row FROM {table} p JOIN CINdetails r ON p.referral_row = r.row_no)"


# --- factories -----------------------------------------------------------------------------------


def before_referral(code: str, table: str, field: str, column: str, notes: str = "") -> Rule:
    """A module's date (``column``) before its episode's referral date; the module and the CINdetails are flagged."""
    return Rule(code, "cin", {table: (field,), "CINdetails": ("CINreferralDate",)}, f"""
    WITH bad AS (
        SELECT m.row_no AS module_row, r.row_no AS ref_row, m.child_id
        FROM {table} m JOIN CINdetails r ON m.referral_row = r.row_no
        WHERE m.{column} < r.referral_date)
    SELECT '{table}', module_row, child_id FROM bad
    UNION ALL SELECT 'CINdetails', ref_row, child_id FROM bad
""", notes=notes)


def after_death(code: str, table: str, field: str, column: str, notes: str = "") -> Rule:
    """A date (``column``) of a CINdetails or one of its modules after the child's death; the row and the
    child's ChildIdentifiers are flagged."""
    rows = "CINdetails" if table == "CINdetails" else with_child_row(table)
    return Rule(code, "cin", {table: (field,), "ChildIdentifiers": ("PersonDeathDate",)}, f"""
    WITH bad AS (
        SELECT m.row_no AS module_row, c.row_no AS child_row, m.child_id
        FROM {rows} m JOIN ChildIdentifiers c ON m.child_row = c.row_no WHERE m.{column} > c.death_date)
    SELECT '{table}', module_row, child_id FROM bad
    UNION ALL SELECT 'ChildIdentifiers', child_row, child_id FROM bad
""", notes=notes)


def on_no_further_action_referral(code: str, table: str, notes: str = "") -> Rule:
    """A module recorded on an episode whose referral led to no further action; both rows are flagged."""
    return Rule(code, "cin", {table: ("LAchildID",), "CINdetails": ("ReferralNFA",)}, f"""
    WITH bad AS (
        SELECT m.row_no AS module_row, r.row_no AS ref_row, m.child_id
        FROM {table} m JOIN CINdetails r ON m.referral_row = r.row_no WHERE r.referral_nfa)
    SELECT '{table}', module_row, child_id FROM bad
    UNION ALL SELECT 'CINdetails', ref_row, child_id FROM bad
""", notes=notes)


def overlapping(code: str, table: str, fields: tuple[str, ...], *, within: str, start: str, end: str,
                still_open: str = "", notes: str = "") -> Rule:
    """Periods (rows of ``table``, ``start`` to ``end``) of one episode (``within="referral_row"``) or one
    child (``within="child_row"``) that overlap: a period may not start on or between another's start and
    end date, or, while the other is open (``still_open``, by default a blank end), its start and the
    reference date. Both periods of a pair are flagged.
    """
    rows = with_child_row(table) if within == "child_row" else f"(SELECT * FROM {table})"
    still_open = still_open or f"b.{end} IS NULL"
    return Rule(code, "cin", {table: fields}, f"""
    WITH p AS {rows},
    pairs AS (
        SELECT a.row_no AS a_row, b.row_no AS b_row, a.child_id FROM p a
        JOIN p b ON a.{within} = b.{within} AND a.row_no <> b.row_no
        WHERE a.{start} >= b.{start}
          AND (a.{start} <= b.{end} OR ({still_open} AND a.{start} <= collection_end())))
    SELECT '{table}', a_row, child_id FROM pairs
    UNION ALL SELECT '{table}', b_row, child_id FROM pairs
""", notes=notes)
