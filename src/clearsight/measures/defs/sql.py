"""SQL shared by the measure definitions: breakdowns, the usual joins to ``periods``, and the 903 idioms.

A measure's SQL reads the history tables (``hist_*``) and ``periods(period, start_day, end_day)``; see
``clearsight.measures.definition``. The functions here return SQL text to paste into it: each takes
the SQL names (table, alias, column, day expression) it is to speak of, so the same idea is written once
whatever it is applied to. This module defines no measures (it has no ``MEASURES`` list).
"""

from __future__ import annotations

# ----------------------------------------------------------------------------------------------- breakdowns

# The breakdowns every measure counting children supports: their team and worker, and facts about the child.
PEOPLE = ("team", "worker", "age_band", "sex", "ethnicity", "disability")

# The breakdowns of a measure counting 903 episodes: PEOPLE plus the episode's legal status and placement type.
CLA_DIMS = (*PEOPLE, "legal_status", "placement_type")

# ----------------------------------------------------------------------------------------- periods and spans


def in_period(table: str, alias: str, day: str) -> str:
    """``periods p`` joined to the rows of ``table`` (as ``alias``) whose column ``day`` falls in the period."""
    return f"periods p JOIN {table} {alias} ON {alias}.{day} BETWEEN p.start_day AND p.end_day"


def in_year(table: str, alias: str) -> str:
    """``periods p`` joined to the rows of an annual snapshot ``table`` (OC2, OC3, the workforce census) of the
    collection year the period is; other periods match nothing."""
    return f"periods p JOIN {table} {alias} ON {alias}.year = p.period"


def open_on(alias: str, start: str, end: str, day: str) -> str:
    """The record ``alias`` is open on ``day``: started on or before it and not ended by it (a record ending on
    ``day`` is over that day, as a child leaving care on 31 March is not looked after on 31 March)."""
    return f"{alias}.{start} <= {day} AND ({alias}.{end} IS NULL OR {alias}.{end} > {day})"


def overlaps(alias: str, start: str, end: str, first: str, last: str) -> str:
    """The record ``alias`` is open at some time from ``first`` to ``last`` (its end day counts as open)."""
    return f"{alias}.{start} <= {last} AND ({alias}.{end} IS NULL OR {alias}.{end} >= {first})"


def count_in_period(table: str, alias: str, day: str) -> str:
    """A count measure's rows: each record of ``table`` whose ``day`` falls in the period, counted once on it."""
    return (f"SELECT p.period, 1 AS num, NULL AS den, {alias}.child_id, {alias}.{day} AS dim_day\n"
            f"           FROM {in_period(table, alias, day)}")


def children_open_at_end(table: str, alias: str, start: str, end: str) -> str:
    """A count (or rate) measure's rows: each child with a record of ``table`` open on the period's last day,
    counted once however many records are open."""
    return f"""SELECT DISTINCT p.period, 1 AS num, NULL AS den, {alias}.child_id, p.end_day AS dim_day
           FROM periods p JOIN {table} {alias}
             ON {open_on(alias, start, end, "p.end_day")}"""


# The first day the returns loaded cover (1 April of the earliest year loaded), by the warehouse macro: a
# record starting before it may have had earlier history that is not loaded.
FIRST_903_DAY = "first_day_loaded('ssda903')"
FIRST_CIN_DAY = "first_day_loaded('cin')"

# ------------------------------------------------------------------------------------------ SSDA903 episodes

# Reasons for a new episode (RNE) that start a placement with new carers or a new placement: every reason but
# a change of legal status only (L).
PLACEMENT_STARTS = "('S', 'P', 'B', 'T', 'U')"

# Reasons for a new episode that change the child's carer: starting to be looked after (S), a change of placement
# and carer (P), and a change of legal status, placement and carer (B). T and U change the placement but the
# carer(s) stay the same (for example foster carers who become the child's adopters).
CARER_CHANGES = "('S', 'P', 'B')"

# Placed for adoption (PLACE A3-A6).
ADOPTION_PLACEMENTS = "('A3', 'A4', 'A5', 'A6')"

# Legal statuses of an agreed series of short-term placements (short breaks), left out of most measures of care.
SHORT_BREAKS = "('V3', 'V4')"

# Reasons an episode ceased (REC) that mean the child was adopted.
ADOPTED = "('E11', 'E12')"


def last_episode_start(child: str, day: str, rne: str) -> str:
    """The latest start (DECOM) on or before ``day`` of an episode of ``child`` whose reason for new episode
    passes ``rne`` (SQL following ``e.rne``, such as ``= 'S'`` or ``IN ('S', 'P', 'B')``); NULL if none."""
    return f"""(SELECT max(e.decom) FROM hist_cla_episodes e
                  WHERE e.child_id = {child} AND e.rne {rne} AND e.decom <= {day})"""


def care_start(child: str, day: str) -> str:
    """The start of the period of care ``child`` is in on ``day``: the latest episode starting one (RNE S)."""
    return last_episode_start(child, day, "= 'S'")


def episode_started_within(child: str, day: str, span: str, rne: str) -> str:
    """EXISTS an episode of ``child`` with a reason for new episode passing ``rne`` that started in the ``span``
    (an interval, such as ``2 YEAR``) up to ``day``: after ``day - span``, on or before ``day``."""
    return f"""EXISTS (SELECT 1 FROM hist_cla_episodes e WHERE e.child_id = {child} AND e.rne {rne}
                          AND e.decom > {day} - INTERVAL {span} AND e.decom <= {day})"""


def looked_after_throughout(child: str, day: str, span: str) -> str:
    """``child`` was looked after ``span`` before ``day`` and no new period of care (RNE S) began since, so has
    been looked after continuously for ``span``. Judged from the episodes around those dates, so the episode where
    care began need not be in a loaded return."""
    back = f"{day} - INTERVAL {span}"
    return f"""EXISTS (SELECT 1 FROM hist_cla_episodes e WHERE e.child_id = {child}
                        AND {open_on("e", "decom", "dec", back)})
          AND NOT {episode_started_within(child, day, span, "= 'S'")}"""


def placements_within(child: str, day: str, span: str) -> str:
    """How many placements ``child`` had in the ``span`` up to ``day``: the one open at its start (if any) and each
    starting in it (``PLACEMENT_STARTS``); a change of legal status alone is not a new placement."""
    return f"""(SELECT count(*) FROM hist_cla_episodes e
                   WHERE e.child_id = {child} AND e.decom <= {day}
                     AND (e.dec IS NULL OR e.dec > {day} - INTERVAL {span})
                     AND (e.rne IN {PLACEMENT_STARTS} OR e.decom <= {day} - INTERVAL {span}))"""


def share(condition: str, rows: str, where: str = "", dims: str = "child_id, dim_day") -> str:
    """A proportion measure's rows: each row of the subquery ``rows`` (aliased ``x``) counts in the denominator,
    and in the numerator when ``condition`` holds; ``where`` (SQL) narrows the rows; ``dims`` are the columns
    passed on for breakdowns."""
    return (f"SELECT period, CASE WHEN {condition} THEN 1 ELSE 0 END AS num, 1 AS den, {dims}\n"
            f"            FROM ({rows}) x{' WHERE ' + where if where else ''}")
