"""Computes measure definitions over the warehouse for periods and breakdowns, set-based in DuckDB."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from clearsight.measures.definition import Measure
from clearsight.measures.history import (
    AGE_BAND_SQL,
    COMPLETE,
    NO_DATA,
    coverage,
    create_history_views,
    loaded_years,
    remember_loaded_years,
)
from clearsight.measures.intervals import bootstrap, compare, poisson, wilson
from clearsight.measures.periods import Period
from clearsight.warehouse import catalog, reference

# How each breakdown is found for a unit counted (a referral, a child ...) on its ``dim_day``.
DIMENSION_SQL = {
    "team": "coalesce(a.team_id, 'Unallocated')",
    "worker": "coalesce(a.worker_id, 'Unallocated')",
    "age_band": AGE_BAND_SQL.format(dob="f.dob", day="u.dim_day"),
    "sex": "coalesce(f.sex, 'U')",
    "ethnicity": "coalesce(f.ethnicity, 'Not known')",
    "disability": "coalesce(f.disability, 'Not known')",
    "legal_status": "coalesce(u.legal_status, 'Not known')",
    "placement_type": "coalesce(u.placement_type, 'Not known')",
}


@dataclass
class MeasureValue:
    id: str
    period: str
    group: dict[str, str]
    numerator: float | None  # None when the data the measure needs is not loaded
    denominator: float | None
    value: float | None
    unit: str
    england: float | None
    lower: float | None = None  # the 95% interval of value
    upper: float | None = None
    history: str = COMPLETE  # complete, incomplete or no data (clearsight.measures.history.coverage)
    history_note: str = ""
    comparison: str | None = None  # better, worse or similar (England inside [lower, upper]); None: not compared

    def as_json(self) -> dict:
        return {"id": self.id, "period": self.period, "group": self.group, "numerator": _num(self.numerator),
                "denominator": _num(self.denominator), "value": self.value, "lower": self.lower,
                "upper": self.upper, "unit": self.unit, "england": self.england, "comparison": self.comparison,
                "history": self.history, "history_note": self.history_note}

    @classmethod
    def from_json(cls, d: dict) -> MeasureValue:
        return cls(d["id"], d["period"], d["group"], d["numerator"], d["denominator"], d["value"], d["unit"],
                   d["england"], d.get("lower"), d.get("upper"), d.get("history", COMPLETE),
                   d.get("history_note", ""), d.get("comparison"))


def _num(x: float | None):
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def prepare(con: duckdb.DuckDBPyConnection, periods: Iterable[Period], measures: Iterable[Measure] | None = None) -> None:
    """History tables, the working-day calendar and the ``periods`` table on this connection.

    Only the history tables that ``measures`` read (default: every registered measure) are materialised.
    """
    if measures is None:
        from clearsight.measures.registry import all_measures

        measures = all_measures().values()
    used = {name for m in measures for name in re.findall(r"\bhist_\w+", m.sql)} | {"hist_cin_children",
                                                                                   "hist_cla_header", "hist_allocations"}
    create_history_views(con, used)
    remember_loaded_years(con)
    if any(re.search(r"\bpostcodes\b", m.sql) for m in measures):
        _install_postcodes(con)
    reference.install_calendar(con)
    rows = list(periods)
    con.register("_periods", pa.table({
        "period": [p.label for p in rows], "start_day": pa.array([p.start for p in rows], pa.date32()),
        "end_day": pa.array([p.end for p in rows], pa.date32())}))
    con.execute("CREATE OR REPLACE TEMP TABLE periods AS SELECT * FROM _periods")
    con.unregister("_periods")


def _install_postcodes(con: duckdb.DuckDBPyConnection) -> None:
    """The postcode lookup, for the postcodes the 903 episodes mention (measures of placement distance)."""
    reference.install_postcodes(con, "SELECT home_post_norm FROM hist_cla_episodes WHERE home_post IS NOT NULL "
                                     "UNION SELECT pl_post_norm FROM hist_cla_episodes WHERE pl_post IS NOT NULL")


def population_0_17(con: duckdb.DuckDBPyConnection) -> float | None:
    """The council's 0-17 population (the council setting ``population_0_17``), for rates per 10,000."""
    value = catalog.council_setting(con, "population_0_17")
    return float(value) if value else None


def compute(con: duckdb.DuckDBPyConnection, measure: Measure, by: str | None = None) -> list[MeasureValue]:
    """One measure over every period in ``periods``, for the whole council or broken down ``by`` a dimension.

    Each value carries its 95% interval, the history the loaded returns hold for it (``complete``, ``incomplete``
    or ``no data``: then no value, never 0) and its comparison with England.
    """
    if by is not None and by not in measure.dimensions:
        raise ValueError(f"{measure.id} cannot be broken down by {by}; it supports {', '.join(measure.dimensions) or 'none'}")
    periods = [Period(label, start, end) for label, start, end in con.execute(
        "SELECT period, start_day, end_day FROM periods ORDER BY start_day, end_day").fetchall()]
    order = {p.label: i for i, p in enumerate(periods)}
    loaded = loaded_years(con)
    status = {p.label: coverage(measure, p, loaded) for p in periods}
    rows: list[tuple] = []
    if any(h != NO_DATA for h, _note in status.values()):
        rows = _aggregate(con, measure, by)
    rows = [r for r in rows if status.get(r[0], (NO_DATA, ""))[0] != NO_DATA]
    seen = {(r[0], r[1]) for r in rows}
    empty = [] if measure.aggregate == "sum" else None
    if by is None:  # a period with nothing counted
        rows += [(p.label, None, 0, 0, empty) for p in periods
                 if (p.label, None) not in seen and status[p.label][0] != NO_DATA]
    population = population_0_17(con) if measure.unit == "rate_per_10000" else None
    out = []
    for period, grp, num, den, units in rows:
        num = float(num or 0)
        den_v = None if measure.unit in ("count", "rate_per_10000") else float(den or 0)
        history, note = status[period]
        v = MeasureValue(measure.id, period, {by: grp} if by else {}, num, den_v,
                         _value(measure, num, den_v, population), measure.unit, measure.england,
                         history=history, history_note=note)
        out.append((v, units))
    _intervals(measure, out, population)
    values = [v for v, _units in out]
    for v in values:
        v.comparison = compare(measure.higher_is_better, measure.england, v.value, v.lower, v.upper, v.history)
    # Periods with no data: one value each, saying so (no numerator, no value).
    values += [MeasureValue(measure.id, p.label, {}, None, None, None, measure.unit, measure.england,
                            history=NO_DATA, history_note=status[p.label][1])
               for p in periods if status[p.label][0] == NO_DATA]
    values.sort(key=lambda v: (order.get(v.period, 0), str(v.group)))
    return values


def _aggregate(con: duckdb.DuckDBPyConnection, measure: Measure, by: str | None) -> list[tuple]:
    """``(period, group, num, den, unit values or None)`` by period and group, in one set-based query; the unit
    values (for the bootstrap intervals of medians and means) are gathered as a list only for those."""
    group_expr = DIMENSION_SQL[by] if by else "NULL"
    joins = ""
    if by in ("team", "worker"):
        # The case's team and worker on the day: its social worker's, else its personal adviser's, else its
        # early help worker's.
        joins = """LEFT JOIN (SELECT u2.uid, s.team_id, s.worker_id FROM units u2 JOIN case_allocation s
                       ON s.child_id = u2.child_id AND u2.dim_day BETWEEN s.start_date AND s.end_date
                       QUALIFY row_number() OVER (PARTITION BY u2.uid
                                                  ORDER BY s.priority, s.start_date DESC, s.worker_id) = 1) a
                   ON a.uid = u.uid"""
    elif by in ("age_band", "sex", "ethnicity", "disability"):
        joins = "LEFT JOIN child_facts f ON f.child_id = u.child_id"
    agg_num = {"sum": "sum(u.num)", "median": "median(u.num)", "mean": "avg(u.num)"}[measure.aggregate]
    agg_den = "sum(u.den)" if measure.aggregate == "sum" else "count(u.num)"
    units = "NULL" if measure.aggregate == "sum" else "list(u.num) FILTER (WHERE u.num IS NOT NULL)"
    sql = f"""
        WITH units AS (SELECT row_number() OVER () AS uid, * FROM ({measure.sql}))
        SELECT u.period, {group_expr} AS grp, {agg_num} AS num, {agg_den} AS den, {units} AS units
        FROM units u {joins}
        GROUP BY ALL ORDER BY 1, 2"""
    return con.execute(sql).fetchall()


def _intervals(measure: Measure, out: list[tuple[MeasureValue, list | None]], population: float | None) -> None:
    """Set each value's 95% interval (in the measure's unit), all groups of a proportion or count at once."""
    todo = [(v, units) for v, units in out if v.value is not None]
    if not todo:
        return
    if measure.aggregate in ("median", "mean"):
        for v, units in todo:
            v.lower, v.upper = bootstrap(units or [], measure.aggregate)
        return
    if measure.unit == "proportion":
        bounds = wilson([v.numerator for v, _u in todo], [v.denominator for v, _u in todo])
    elif measure.unit == "count":
        bounds = poisson([v.numerator for v, _u in todo], [1.0] * len(todo))
    elif measure.unit == "rate_per_10000":
        bounds = poisson([v.numerator for v, _u in todo], [(population or 0) / 10000] * len(todo))
    else:  # a ratio of sums (cases per FTE): a Poisson rate over the denominator as exposure
        bounds = poisson([v.numerator for v, _u in todo], [v.denominator or 0 for v, _u in todo])
    for (v, _units), (lo, hi) in zip(todo, bounds, strict=True):
        v.lower, v.upper = lo, hi


def _value(measure: Measure, num: float, den: float | None, population: float | None) -> float | None:
    if measure.unit == "count":
        return num
    if measure.unit == "rate_per_10000":
        return None if not population else num / population * 10000
    if measure.aggregate in ("median", "mean"):
        return num if den else None
    return None if not den else num / den
