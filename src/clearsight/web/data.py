"""What the web pages read from the warehouse: always read-only, and cached per warehouse version.

A load becomes visible when the background worker publishes a new warehouse file in one step (see
``clearsight.warehouse.publish``); the *version* of the warehouse is that file's identity, so every cached
result is keyed by it and a new load is never mixed with an old one's figures.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clearsight import config
from clearsight.measures.definition import Measure
from clearsight.measures.engine import MeasureValue, compute, prepare
from clearsight.measures.periods import months_between, parse_period
from clearsight.measures.registry import HEADLINE_DEFAULT, all_measures
from clearsight.warehouse import catalog
from clearsight.warehouse.publish import NoWarehouse, reading, snapshot, version, version_dir

# Re-exported ("X as X"): pages and their tests also ask these of this module.
from clearsight.warehouse.publish import WarehouseBusy as WarehouseBusy
from clearsight.warehouse.publish import current as current
from clearsight.warehouse.publish import version_of as version_of


def cache_dir(ver: str) -> Path:
    """Where the figures worked out from one warehouse version are kept (beside its snapshot)."""
    return version_dir(ver)


# ----------------------------------------------------------------------------- cache

_memo: OrderedDict[str, object] = OrderedDict()
_memo_lock = threading.Lock()
_key_locks: dict[str, threading.Lock] = {}
MEMO_SIZE = 512


def cached(key: str, compute_fn: Callable[[Path], object], ver: str | None = None, path: Path | None = None, *,
           text: bool = False):
    """``compute_fn(path of the warehouse)`` once per warehouse version: kept in memory and in
    ``<data dir>/web-cache/<version>/`` (so every server process shares it). ``text`` stores a string as it
    is, anything else as JSON. ``ver`` and ``path`` name another warehouse file (the worker's staging copy)."""
    ver = ver or version()
    if ver is None:
        raise NoWarehouse("nothing is loaded yet")
    full = f"{config.data_dir()}/{ver}/{key}"
    with _memo_lock:
        if full in _memo:
            _memo.move_to_end(full)
            return _memo[full]
        lock = _key_locks.setdefault(full, threading.Lock())
    with lock:
        with _memo_lock:
            if full in _memo:
                return _memo[full]
        safe = hashlib.sha256(key.encode()).hexdigest()[:32]
        target = cache_dir(ver) / (safe + (".txt" if text else ".json"))
        if target.exists():
            raw = target.read_text(encoding="utf-8")
            value = raw if text else json.loads(raw)
        else:
            value = compute_fn(path or snapshot(ver))
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_text(value if text else json.dumps(value), encoding="utf-8")
            os.replace(tmp, target)
        with _memo_lock:
            _memo[full] = value
            while len(_memo) > MEMO_SIZE:
                _memo.popitem(last=False)
            _key_locks.pop(full, None)
        return value


# ----------------------------------------------------------------------------- aggregates

def measures() -> dict[str, Measure]:
    return all_measures()


def headline_ids() -> list[str]:
    ms = measures()
    return [m for m in HEADLINE_DEFAULT if m in ms]


def value_from_json(d: dict) -> MeasureValue:
    return MeasureValue.from_json(d)


def compute_aggregates(db_path: Path | None = None) -> dict:
    """Every measure, council-wide, for every loaded collection year and every month of them."""
    with reading(db_path) as con:
        years = catalog.years_loaded(con)
        if not years:
            return {"years": [], "months": [], "values": {}, "council": catalog.council_settings(con)}
        year_periods = [parse_period(y) for y in years]
        months = months_between(year_periods[0].start, year_periods[-1].end)
        prepare(con, year_periods + months)
        values: dict[str, dict] = {}
        for mid, m in measures().items():
            out = {"yearly": {}, "monthly": {}}
            for v in compute(con, m):
                if v.group:
                    continue
                target = out["yearly"] if v.period in years else out["monthly"]
                target[v.period] = v.as_json()
            values[mid] = out
        return {"years": years, "months": [p.label for p in months], "values": values,
                "council": catalog.council_settings(con), "loads": reflected_loads(con)}


def reflected_loads(con) -> list[dict]:
    """The loads the figures are made from (the current, published ones), with when each was published."""
    return [{"load_id": c.load_id, "return_code": c.return_code, "year": c.year, "published_at": c.published_at}
            for c in catalog.current_load_list(con)]


def loads_line(agg: dict) -> str:
    """``Figures from loads 3, 5, 7 (published 2026-04-01 to 2026-05-02)``: which loads a page reflects."""
    loads = agg.get("loads") or []
    if not loads:
        return ""
    days = sorted({x["published_at"][:10] for x in loads})
    when = days[0] if len(days) == 1 else f"{days[0]} to {days[-1]}"
    ids = ", ".join(str(x["load_id"]) for x in loads)
    return f"Figures from load{'s' if len(loads) > 1 else ''} {ids} (published {when})"


def aggregates() -> dict:
    return cached("aggregates", compute_aggregates)


def breakdown(measure_id: str, by: str, period: str) -> list[dict]:
    """One measure broken down by a dimension for one period (as ``MeasureValue.as_json`` dicts)."""
    m = measures()[measure_id]

    def run(path: Path) -> list[dict]:
        with reading(path) as con:
            prepare(con, [parse_period(period)], [m])
            return [v.as_json() for v in compute(con, m, by)]

    return cached(f"breakdown/{measure_id}/{by}/{period}", run)


def team_breakdowns(period: str, db_path: Path | None = None, ver: str | None = None) -> dict[str, list[dict]]:
    """Every measure that has a team breakdown, by team, for one period (one connection, one preparation)."""
    def run(path: Path) -> dict[str, list[dict]]:
        chosen = [m for m in measures().values() if "team" in m.dimensions]
        with reading(path) as con:
            prepare(con, [parse_period(period)], chosen)
            return {m.id: [v.as_json() for v in compute(con, m, "team")] for m in chosen}

    return cached(f"teams-breakdown/{period}", run, ver, db_path)


def teams() -> dict[str, str]:
    """Team id → team name, from the case-management extract."""
    def run(path: Path) -> dict[str, str]:
        with reading(path) as con:
            rows = con.execute("""SELECT team_id, team_name FROM current_teams
                                  QUALIFY row_number() OVER (PARTITION BY team_id ORDER BY year DESC) = 1
                                  ORDER BY team_id""").fetchall()
        return {t: n or t for t, n in rows}

    return cached("teams", run)


# ----------------------------------------------------------------------------- child level

@dataclass
class ChildRow:
    child_id: str
    day: str
    counted: bool  # in the numerator
    numerator: float
    denominator: float | None


def team_children(measure_id: str, team: str, period: str) -> list[ChildRow]:
    """The children a measure counts for one team in one period: its drill-down (never cached)."""
    m = measures()[measure_id]
    if "team" not in m.dimensions:
        raise ValueError(f"{m.id} has no team breakdown")
    with reading() as con:
        prepare(con, [parse_period(period)], [m])
        rows = con.execute(f"""
            WITH units AS (SELECT row_number() OVER () AS uid, * FROM ({m.sql}))
            SELECT u.child_id, CAST(u.dim_day AS VARCHAR), u.num, u.den
            FROM units u LEFT JOIN (
                SELECT u2.uid, s.team_id FROM units u2 JOIN sw_allocation s
                  ON s.child_id = u2.child_id AND u2.dim_day BETWEEN s.start_date AND s.end_date
                QUALIFY row_number() OVER (PARTITION BY u2.uid ORDER BY s.start_date DESC, s.worker_id) = 1) a
              ON a.uid = u.uid
            WHERE u.period = ? AND coalesce(a.team_id, 'Unallocated') = ?
            ORDER BY u.child_id, u.dim_day""", [period, team]).fetchall()
    return [ChildRow(str(c), d or "", bool(n), float(n or 0), None if den is None else float(den))
            for c, d, n, den in rows]


def child_teams(child_id: str) -> set[str]:
    """Every team the child has been allocated to (any allocation, any year)."""
    with reading() as con:
        return {r[0] for r in con.execute(
            "SELECT DISTINCT team_id FROM current_allocations WHERE child_id = ? AND team_id IS NOT NULL",
            [child_id]).fetchall()}


COLUMN_LABELS = {
    "dob": "Date of birth", "sex": "Sex", "ethnicity": "Ethnicity", "ethnic": "Ethnicity", "upn": "UPN",
    "uasc": "Unaccompanied asylum seeker", "referral_date": "Referred", "referral_source": "Source",
    "primary_need": "Primary need", "closure_date": "Closed", "reason_for_closure": "Reason for closure",
    "start_date": "Started", "end_date": "Ended", "authorisation_date": "Authorised",
    "initial_category": "Initial category", "latest_category": "Latest category", "decom": "Episode started",
    "rne": "Reason for new episode", "ls": "Legal status", "place": "Placement", "dec": "Episode ended",
    "rec": "Reason episode ended", "worker_id": "Worker", "team_id": "Team", "allocation_type": "Allocation",
    "years": "Collection years",
}

# The code set that labels a column of the child page (``C2: Full care order``); sex is shown in one vocabulary
# across years (clearsight.returns.codes), so a 903 of 2023-24 (``1``) and one of 2024-25 (``M``) agree.
CHILD_CODE_SETS = {
    "referral_source": "cin.referral_source", "primary_need": "cin.primary_need",
    "reason_for_closure": "cin.reason_for_closure", "initial_category": "cin.category_of_abuse",
    "latest_category": "cin.category_of_abuse", "ethnicity": "cin.ethnicity", "ethnic": "cin.ethnicity",
    "rne": "ssda903.reason_new_episode", "ls": "ssda903.legal_status", "place": "ssda903.placement_type",
    "rec": "ssda903.reason_episode_ceased",
}
# A column read through an expression (its name kept): the CIN census's GenderCurrent until 2023-24, Sex after.
CHILD_COLUMN_SQL = {("current_cin_children", "sex"): "coalesce(sex, gender_current)"}

CHILD_SECTIONS = [
    ("Child in need census", "current_cin_children", ["dob", "sex", "ethnicity", "upn"], "years"),
    ("Referrals", "current_cin_referrals",
     ["referral_date", "referral_source", "primary_need", "closure_date", "reason_for_closure"], "referral_date"),
    ("Assessments", "current_cin_assessments", ["start_date", "authorisation_date"], "start_date"),
    ("Child protection plans", "current_cin_cp_plans",
     ["start_date", "end_date", "initial_category", "latest_category"], "start_date"),
    ("Looked after: header", "current_cla_header", ["sex", "dob", "ethnic", "uasc"], "years"),
    ("Looked after: episodes", "current_cla_episodes", ["decom", "rne", "ls", "place", "dec", "rec"], "decom"),
    ("Allocations", "current_allocations", ["worker_id", "team_id", "allocation_type", "start_date", "end_date"],
     "start_date"),
]


def sex_sql(expr: str) -> str:
    """SQL mapping a recorded sex or gender code to the one vocabulary (M, F, U) of clearsight.returns.codes."""
    from clearsight.returns.codes import code_file

    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in code_file()["sex_from"].items())
    return f"CASE upper(trim({expr})) {whens} ELSE {expr} END"


def child_cell(column: str, value, team_names: dict[str, str] | None = None) -> str:
    """A child page's cell: a code with its label beside it (``P: Change of placement and carer(s) only``), a
    team with its name (``T04: East Early Help``)."""
    from clearsight.returns.codes import sex_shown, with_label

    if value is None:
        return ""
    if column == "sex":
        return sex_shown(value)
    if column == "team_id" and team_names and team_names.get(str(value)):
        return f"{value}: {team_names[str(value)]}"
    name = CHILD_CODE_SETS.get(column)
    return with_label(name, value) if name else str(value)


def child_record(child_id: str) -> list[dict]:
    """What the warehouse holds about one child, section by section (each record once across years), codes with
    their labels and sex in one vocabulary whichever year recorded it."""
    out = []
    import duckdb

    try:
        names = teams()
    except duckdb.CatalogException:  # no case-management extract loaded: teams keep their codes
        names = {}
    with reading() as con:
        for title, view, cols, order in CHILD_SECTIONS:
            exprs = []
            for c in cols:
                expr = CHILD_COLUMN_SQL.get((view, c), c)
                exprs.append(f"{sex_sql(expr) if c == 'sex' else expr} AS {c}")
            rows = con.execute(f"""SELECT {", ".join(exprs)}, string_agg(DISTINCT year, ', ' ORDER BY year) AS years
                                   FROM {view} WHERE child_id = ? GROUP BY ALL ORDER BY {order}""",
                               [child_id]).fetchall()
            out.append({"title": title, "columns": [COLUMN_LABELS.get(c, c) for c in [*cols, "years"]],
                        "rows": [[child_cell(c, v, names) for c, v in zip([*cols, "years"], r, strict=True)]
                                 for r in rows]})
    return out


def latest_year(agg: dict) -> str | None:
    return agg["years"][-1] if agg["years"] else None
