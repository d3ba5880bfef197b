"""One way a return's files become what people see: stage, load, check, judge, publish.

``clearsight load``, the web app's upload worker and ``clearsight demo`` all load through :func:`load`:

1. **Stage**: take the warehouse's writer lock (waiting for another writer, saying which load it waits for),
   and copy the warehouse to a staging file (``warehouse.publish``). Readers keep reading the warehouse file.
2. **Load** the files into the copy (``warehouse.load``: one transaction; an unreadable file stops here and
   nothing changes).
3. **Check** the load against the DfE rules, for the returns the registry says are validated, and keep their
   findings with the load (``load_findings``, origin ``rule``), so ``clearsight loads`` counts what
   ``clearsight validate ... --load N`` finds.
4. **Judge** the publish gate (:func:`judge`): a load that many findings touch, that lacks tables the load it
   replaces had, that is much smaller than that load, or that moves a stage count or a headline measure by
   more than the council's thresholds (``catalog.gate_thresholds``) is **held**: kept in the warehouse but not
   current, with a :class:`Preview` of what publishing it would change. Any other load is **published**.
   Every decision is logged with who, when and why (``load_decisions``).
5. **Publish** the copy by renaming it over the warehouse: the load (published or held) becomes part of the
   warehouse in one step.

:func:`publish_load` and :func:`discard_load` decide on a held load later, the same way (lock, copy, rename).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from clearsight import config
from clearsight.measures.engine import MeasureValue, compute, prepare
from clearsight.measures.funnel import limits
from clearsight.measures.periods import parse_period
from clearsight.measures.registry import HEADLINE_DEFAULT, all_measures
from clearsight.returns import registry
from clearsight.returns.years import CollectionYear
from clearsight.rules.definition import catalogue
from clearsight.rules.engine import ValidationResult
from clearsight.rules.validate import validate_load_on
from clearsight.warehouse import catalog, publish, summary
from clearsight.warehouse.load import (
    LoadResult,
    Progress,
    connect,
    describe_load,
    input_files,
    load_on,
    whoami,
)

Waiting = Callable[[dict], None]  # told what the writer being waited for is doing (publish.lock_holder())

PUBLISHED, HELD, DISCARDED = catalog.PUBLISHED, catalog.HELD, catalog.DISCARDED


# ----------------------------------------------------------------------------- what a held load would change

@dataclass
class StageMove:
    """Children (or events) at one stage of the journey in the load's year, before and after publishing it."""

    stage: str
    before: int
    after: int


@dataclass
class MeasureMove:
    """A headline measure for the load's year before and after publishing it, with the interval it may move in."""

    id: str
    name: str
    unit: str
    before: float | None
    after: float | None
    lower: float | None = None
    upper: float | None = None
    outside: bool = False


@dataclass
class Preview:
    """What publishing a load would change (worked out when it was judged)."""

    load_id: int
    return_code: str
    year: str
    replaces: int | None  # the current load of the same return and year it would replace
    rows_before: int | None  # rows of the load it replaces
    rows_after: int
    records: int  # children in the load (or rows, for a return that names no children)
    by_child: bool
    records_with_findings: int  # of them, those the file findings (schema and values) touch
    findings: dict[str, int] = field(default_factory=dict)  # origin (schema, values, rule) -> count
    stages: list[StageMove] = field(default_factory=list)
    measures: list[MeasureMove] = field(default_factory=list)

    @property
    def findings_total(self) -> int:
        return sum(self.findings.values())

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Preview:
        d = dict(d)
        d["stages"] = [StageMove(**s) for s in d.get("stages", [])]
        d["measures"] = [MeasureMove(**m) for m in d.get("measures", [])]
        return cls(**d)


@dataclass
class Outcome:
    """What became of a load: published or held (with the reasons and the preview), and its DfE rules' run."""

    load: LoadResult
    status: str
    reasons: list[str] = field(default_factory=list)
    preview: Preview | None = None
    forced: bool = False  # published at once (``--publish``) although the gate would have held it
    validation: ValidationResult | None = None

    @property
    def held(self) -> bool:
        return self.status == HELD

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)

    def held_message(self) -> str:
        n = self.load.load_id
        return (f"held for review: load {n} ({self.reason}); publish with clearsight publish {n} "
                f"or discard with clearsight discard {n}")


@dataclass
class Decided:
    """A publish or discard decision made on a load."""

    load_id: int
    return_code: str
    year: str
    status: str  # the load's new status
    was: str  # its status before
    current: int | None  # the current load of its return and year now


# ----------------------------------------------------------------------------- loading

def _lock(wait: float | None, on_wait: Waiting | None):
    """The writer lock, waiting at most ``wait`` seconds (None: as long as it takes), telling ``on_wait``."""
    if wait is None and on_wait is None:
        return publish.writer_lock()
    return publish.writer_lock(wait=math.inf if wait is None else wait, on_wait=on_wait)


def _next_load_id(warehouse: Path) -> int:
    if not warehouse.exists():
        return 1
    con = connect(warehouse, read_only=True)
    try:
        return catalog.next_load_id(con)
    finally:
        con.close()


def load(path: Path | str, return_code: str, year: str, *, loaded_by: str | None = None,
         progress: Progress | None = None, publish_anyway: bool = False, wait: float | None = None,
         on_wait: Waiting | None = None, after_check: Callable[[duckdb.DuckDBPyConnection, Outcome], None] | None = None,
         before_publish: Callable[[Path], None] | None = None) -> Outcome:
    """Stage, load, check, judge and publish one return's files (see the module docstring).

    ``wait``: seconds to wait for another writer (None: as long as it takes), raising
    ``publish.LockTimeout``; ``on_wait`` is told what it waits for. ``publish_anyway`` publishes whatever
    the gate says (the decision says so). ``after_check(con, outcome)`` runs on the staging copy once the load is
    judged (the web worker keeps its findings), ``before_publish(staging)`` just before the copy is published
    (the web worker works out the dashboards' figures). The same files again change nothing.
    """
    registry.get(return_code)  # clear errors for an unknown return, year or path, before waiting for anything
    CollectionYear.parse(year)
    input_files(Path(path), return_code)
    who = loaded_by or whoami()
    warehouse = config.warehouse_path()
    with _lock(wait, on_wait):
        publish.announce(load_id=_next_load_id(warehouse), action="load", return_code=return_code, year=year,
                         by=who)
        with publish.staged(warehouse) as staging:
            con = connect(staging)
            try:
                replaced = catalog.current_load(con, return_code, year)
                result = load_on(con, path, return_code, year, loaded_by=who, progress=progress)
                if not result.created:
                    outcome = _again(con, result)
                    if after_check:
                        after_check(con, outcome)
                    return outcome
                outcome = Outcome(result, PUBLISHED)
                if progress:
                    progress("checking against the DfE rules", 0, 0)
                outcome.validation = check(con, result.load_id)
                if progress:
                    progress("working out the measures", 0, 0)
                outcome.reasons, outcome.preview = judge(con, result, replaced)
                if outcome.reasons and not publish_anyway:
                    outcome.status = HELD
                    catalog.record_decision(con, result.load_id, HELD, who, outcome.reason,
                                            outcome.preview.as_dict() if outcome.preview else None)
                else:
                    outcome.forced = bool(outcome.reasons)
                    why = ("published at once (--publish) although the publish gate would hold it: " + outcome.reason
                           if outcome.forced else "passed the publish gate")
                    catalog.record_decision(con, result.load_id, PUBLISHED, who, why,
                                            outcome.preview.as_dict() if outcome.forced and outcome.preview else None)
                outcome.load = describe_load(con, result.load_id)
                outcome.load.seconds = result.seconds
                if after_check:
                    after_check(con, outcome)
            finally:
                con.close()
            if before_publish:
                before_publish(staging)
            publish.publish(staging, warehouse)
    return outcome


def _again(con: duckdb.DuckDBPyConnection, result: LoadResult) -> Outcome:
    """The same files were loaded before: that load as it stands (held ones with their reasons and preview)."""
    outcome = Outcome(result, result.status)
    if result.status == HELD:
        held = [d for d in catalog.load_decisions(con, result.load_id) if d.decision == HELD]
        outcome.reasons = [held[-1].reason] if held and held[-1].reason else []
        stored = catalog.held_preview(con, result.load_id)
        outcome.preview = Preview.from_dict(stored) if stored else None
    return outcome


def check(con: duckdb.DuckDBPyConnection, load_id: int) -> ValidationResult | None:
    """Run the DfE rules of a validated return on a load and keep their findings with it (origin ``rule``);
    None for a return no rules check. The rules run as ``clearsight validate --load`` runs them."""
    info = catalog.load_info(con, load_id)
    if info is None:
        raise KeyError(f"there is no load {load_id}")
    if not registry.get(info.return_code).rules:
        return None
    result = validate_load_on(con, load_id)
    entries = catalogue(info.return_code)
    catalog.add_rule_findings(con, load_id, [
        (f.rule, f.table, f.row, f.child, " ".join(f.fields), entries[f.rule].message if f.rule in entries else "")
        for f in result.findings])
    return result


# ----------------------------------------------------------------------------- the publish gate

def feeds_figures(return_code: str) -> bool:
    """Whether a return feeds a published figure (a measure or a stage count); one that does not (an Annex A
    workbook, health partners' records) is published at once unless unreadable."""
    tables = {spec.canonical for spec in registry.get(return_code).all_tables().values()}
    in_stages = any(re.search(rf"\bcurrent_{t}\b", sql) for t in tables for _label, sql in summary.STAGES)
    return in_stages or any(return_code in m.needs for m in all_measures().values())


def figures(con: duckdb.DuckDBPyConnection, year: str) -> tuple[dict[str, int], dict[str, MeasureValue]]:
    """The stage counts and the headline measures of a collection year, from the current loads (worked out on a
    connection of their own, whose temporary tables go with it)."""
    cur = con.cursor()
    try:
        stages = summary.stage_counts_of_year(cur, year)
        ms = all_measures()
        chosen = [ms[m] for m in HEADLINE_DEFAULT if m in ms]
        prepare(cur, [parse_period(year)], chosen)
        values = {}
        for m in chosen:
            whole = [v for v in compute(cur, m) if not v.group]
            if whole:
                values[m.id] = whole[0]
        return stages, values
    finally:
        cur.close()


def interval(unit: str, before: MeasureValue, after: MeasureValue, z: float, share: float
             ) -> tuple[float, float] | None:
    """The interval a measure may move in before a load is held: for a proportion, the funnel plots' control
    limits around its value before for the new denominator; for a count (or a rate of one), ``z`` Poisson
    standard errors; otherwise ``share`` either side of its value before."""
    b = before.value
    if b is None:
        return None
    if unit == "proportion":
        return limits(b, after.denominator or 0, z) if after.denominator else None
    if unit in ("count", "rate_per_10000"):
        n = before.numerator or 0.0
        scale = b / n if n else 1.0
        half = z * math.sqrt(max(n, 1.0))
        return max(0.0, (n - half) * scale), (n + half) * scale
    return b - abs(b) * share, b + abs(b) * share


def judge(con: duckdb.DuckDBPyConnection, result: LoadResult, replaced: int | None,
          thresholds: catalog.GateThresholds | None = None) -> tuple[list[str], Preview | None]:
    """Why a new load (still current on ``con``) should be held, if at all, and what publishing it changes.

    ``replaced`` is the load of the same return and year that was current before it (None for the first).
    The movement checks (rows, tables, stage counts, measures) compare with that load only; a first load is held
    only for its findings. The preview is worked out when there is something to compare or a reason to hold.
    """
    if not feeds_figures(result.return_code):
        return [], None
    t = thresholds or catalog.gate_thresholds(con)
    load_id = result.load_id
    reasons: list[str] = []
    records, by_child = summary.records_in_load(con, result.return_code, load_id)
    touched = catalog.records_with_file_findings(con, load_id, by_child)
    what = "children" if by_child else "records"
    if records and touched / records > t.findings_share:
        reasons.append(f"schema or value findings on {touched:,} of its {records:,} {what} "
                       f"({touched / records:.0%}; the threshold is {t.findings_share:.0%})")
    rows_after = sum(result.rows.values())
    rows_before = None
    if replaced is not None:
        old = describe_load(con, replaced).rows
        rows_before = sum(old.values())
        gone = [f"{table} (load {replaced} had {n:,} rows)" for table, n in old.items() if n and not result.rows.get(table)]
        if gone:
            reasons.append("missing or empty: " + ", ".join(gone))
        if rows_before and rows_after < t.rows_share * rows_before:
            reasons.append(f"{rows_after:,} rows, fewer than {t.rows_share:.0%} of the {rows_before:,} of load "
                           f"{replaced}, which it would replace")
    preview = Preview(load_id, result.return_code, result.year, replaced, rows_before, rows_after, records, by_child,
                      touched, catalog.finding_counts(con, load_id))
    if replaced is None and not reasons:
        return reasons, preview
    stages_after, measures_after = figures(con, result.year)
    # The figures as they stand without this load: hold it for a moment, look, and take the decision back.
    trial = catalog.record_decision(con, load_id, HELD, None, "working out what publishing it changes")
    try:
        stages_before, measures_before = figures(con, result.year)
    finally:
        catalog.withdraw_decision(con, trial.decision_id)
    ms = all_measures()
    for label, after in stages_after.items():
        before = stages_before.get(label, 0)
        preview.stages.append(StageMove(label, before, after))
        if replaced is not None and max(before, after) >= t.min_count and before != after and (
                not before or abs(after - before) / before > t.stage_change):
            change = f"{(after - before) / before:+.0%}" if before else "from none"
            reasons.append(f"{label} {result.year}: {before:,} to {after:,} ({change}; the threshold is "
                           f"{t.stage_change:.0%})")
    for mid, after in measures_after.items():
        m, before = ms[mid], measures_before.get(mid)
        move = MeasureMove(mid, m.name, m.unit, before.value if before else None, after.value)
        preview.measures.append(move)
        if replaced is None or before is None or before.value is None or result.return_code not in m.needs:
            continue
        if after.value is None:
            move.outside = True
            reasons.append(f"{mid} {m.name}: no longer has a value")
            continue
        bounds = interval(m.unit, before, after, t.measure_z, t.stage_change)
        if bounds is None:
            continue
        move.lower, move.upper = bounds
        if not bounds[0] <= after.value <= bounds[1]:
            move.outside = True
            reasons.append(f"{mid} {m.name}: {shown(before.value, m.unit)} to {shown(after.value, m.unit)}, "
                           f"outside {shown(bounds[0], m.unit)} to {shown(bounds[1], m.unit)}")
    return reasons, preview


def shown(value: float | None, unit: str) -> str:
    """A measure's value as a preview shows it (a proportion as a percentage)."""
    if value is None:
        return "-"
    if unit == "proportion":
        return f"{value:.1%}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


# ----------------------------------------------------------------------------- deciding on a held load

def _decide(load_id: int, decision: str, reason: str, by: str | None, wait: float | None,
            on_wait: Waiting | None) -> Decided:
    if not (reason or "").strip():
        raise ValueError("say why (--reason TEXT): every publish and discard is logged with its reason")
    warehouse = config.warehouse_path()
    if not warehouse.exists():
        raise LookupError(f"there is no load {load_id}: nothing is loaded yet")
    with _lock(wait, on_wait):
        publish.announce(load_id=load_id, action=decision)
        with publish.staged(warehouse) as staging:
            con = connect(staging)
            try:
                info = catalog.load_info(con, load_id)
                was = catalog.load_status(con, load_id)
                if info is None or was is None:
                    raise LookupError(f"there is no load {load_id}; `clearsight loads` lists them")
                if was == decision:
                    raise ValueError(f"load {load_id} is already {was}")
                if decision == DISCARDED and was != HELD:
                    raise ValueError(f"load {load_id} is {was}; only a load held for review can be discarded "
                                     "(load corrected files to replace a published one)")
                catalog.record_decision(con, load_id, decision, by or whoami(), reason.strip())
                current = catalog.current_load(con, info.return_code, info.year)
            finally:
                con.close()
            publish.publish(staging, warehouse)
    return Decided(load_id, info.return_code, info.year, decision, was, current)


def publish_load(load_id: int, reason: str, *, by: str | None = None, wait: float | None = None,
                 on_wait: Waiting | None = None) -> Decided:
    """Publish a held (or discarded) load: it becomes current for its return and year unless a newer load is.
    Raises LookupError (no such load), ValueError (already published, or no reason) or ``publish.LockTimeout``."""
    return _decide(load_id, PUBLISHED, reason, by, wait, on_wait)


def discard_load(load_id: int, reason: str, *, by: str | None = None, wait: float | None = None,
                 on_wait: Waiting | None = None) -> Decided:
    """Discard a held load: it stays in the warehouse, never current; the same files loaded again load anew."""
    return _decide(load_id, DISCARDED, reason, by, wait, on_wait)


def set_council_settings(settings: dict[str, object], *, wait: float | None = None,
                         on_wait: Waiting | None = None) -> None:
    """Set council settings the way a load is published: under the writer lock, in a staging copy, then one
    rename (readers keep reading meanwhile)."""
    warehouse = config.warehouse_path()
    with _lock(wait, on_wait):
        publish.announce(action="settings")
        with publish.staged(warehouse) as staging:
            con = connect(staging)
            try:
                catalog.set_council_settings(con, settings)
            finally:
                con.close()
            publish.publish(staging, warehouse)


def preview(load_id: int, db_path: Path | None = None) -> Preview | None:
    """The preview kept when a load was held (what publishing it would change), from the published warehouse."""
    with publish.reading(db_path) as con:
        stored = catalog.held_preview(con, load_id)
    return Preview.from_dict(stored) if stored else None


__all__ = ["DISCARDED", "HELD", "PUBLISHED", "Decided", "MeasureMove", "Outcome", "Preview", "StageMove",
           "check", "discard_load", "feeds_figures", "figures", "interval", "judge", "load", "preview",
           "publish_load", "set_council_settings", "shown", "whoami"]
