"""``clearsight demo``: a synthetic county, three years of returns loaded, and a summary."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from clearsight import config, pipeline
from clearsight.returns import registry
from clearsight.returns.years import CollectionYear
from clearsight.warehouse.load import connect
from clearsight.warehouse.summary import stage_counts

DEMO_YEARS = ["2023-24", "2024-25", "2025-26"]
# Years of returns written and loaded before DEMO_YEARS[0] so that every look-back of the years shown is
# covered: CLA05 looks back 2.5 years, and a care leaver's OC3 follow-up at 21 (rule 1002) needs the 903
# of the year they left care at 18, three years earlier.
HISTORY_YEARS = 3


def demo_years() -> list[str]:
    """Every year the demo writes and loads, earliest first: the history years, then ``DEMO_YEARS``."""
    years = [CollectionYear.parse(DEMO_YEARS[0])]
    for _ in range(HISTORY_YEARS):
        years.insert(0, years[0].previous)
    return [y.label for y in years[:-1]] + DEMO_YEARS


def run_demo(children: int, seed: int, console: Console, progress: Callable) -> None:
    from clearsight.synth import run_synth
    from clearsight.synth.run import RETURN_FILES

    out = config.data_dir() / "demo-council"
    started = time.perf_counter()
    years = demo_years()
    history = years[:HISTORY_YEARS]
    console.print(f"Clearsight demo: a synthetic county of {children:,} children a year, "
                  f"{DEMO_YEARS[0]} to {DEMO_YEARS[-1]} (no real data), with its returns from {history[0]} "
                  f"to {history[-1]} loaded first as history.")
    with progress() as prog:
        task = prog.add_task("simulating the council", total=None)
        run_synth(out, children=children, years=years, seed=seed, faults=0.0,
                  progress=lambda s, d, t: prog.update(task, description=s, completed=d, total=t or None))
        jobs = [(out / year / name, code, year) for year in years for code, name in RETURN_FILES.items()
                if year not in history or loadable(code, year)]
        load_task = prog.add_task("loading", total=len(jobs))
        for path, ret, year in jobs:
            prog.update(load_task, description=f"loading {ret} {year}")
            if year in history:
                # The earliest years have no history of their own (a care leaver's care may lie before them):
                # they are published as history, whatever the gate says; the decision records why.
                pipeline.load(path, ret, year, loaded_by="demo", publish_anyway=True)
                prog.advance(load_task)
                continue
            outcome = pipeline.load(path, ret, year, loaded_by="demo")
            if outcome.held:  # a clean synthetic council should pass the gate; if not, say so and publish it
                console.print(outcome.held_message(), markup=False, highlight=False, soft_wrap=True)
                pipeline.publish_load(outcome.load.load_id, by="demo",
                                      reason=f"clearsight demo: synthetic data, published by the demo ({outcome.reason})")
            prog.advance(load_task)
    _record_council(out / "council.json")
    con = connect(read_only=True)
    try:
        years_loaded, rows = stage_counts(con)
    finally:
        con.close()
    shown = [y for y in years_loaded if y in DEMO_YEARS]
    table = Table(title="Children at each stage, by collection year")
    table.add_column("stage")
    for y in shown:
        table.add_column(y, justify="right")
    for label, counts in rows:
        table.add_row(label, *[f"{counts.get(y, 0):,}" for y in shown])
    console.print(table)
    _print_headline(console, shown[-1] if shown else None)
    console.print(f"Synthetic files: {out}")
    console.print(f"Warehouse: {config.warehouse_path()}  ({time.perf_counter() - started:.1f} s)")
    console.print("Next: `clearsight loads` lists the loads; `clearsight doctor` shows the set-up.")


def loadable(return_code: str, year: str) -> bool:
    """The loader reads this return for this year (the CIN census from 2021-22, for example)."""
    from clearsight.returns.cin.parse import cin_xsd_path

    try:
        registry.get(return_code).tables(year)
        if return_code == "cin":
            cin_xsd_path(year)
    except ValueError:
        return False
    return True


def _record_council(council_json: Path) -> None:
    """Keep the synthetic council's code, name and 0-17 population for rates per 10,000."""
    if not council_json.exists():
        return
    facts = json.loads(council_json.read_text())
    pipeline.set_council_settings({key: facts[key] for key in ("la_code", "la_name", "population_0_17")
                                   if facts.get(key) is not None})


def _print_headline(console: Console, year: str | None) -> None:
    """The headline measures for the latest year with their 95% intervals against England: similar when England's
    figure is inside the interval, else better or worse; not compared (and why, below) when the loaded history does
    not cover what the measure looks back at."""
    if year is None:
        return
    from clearsight.measures.engine import compute, prepare
    from clearsight.measures.periods import parse_period
    from clearsight.measures.registry import HEADLINE_DEFAULT, all_measures
    from clearsight.measures.report import format_interval, format_value

    con = connect(read_only=True)
    notes: list[str] = []
    try:
        measures = all_measures()
        chosen = [measures[mid] for mid in HEADLINE_DEFAULT if mid in measures]
        prepare(con, [parse_period(year)], chosen)
        table = Table(title=f"Headline measures, {year}, against England")
        for col, just in (("measure", "left"), ("council (95% interval)", "right"), ("England", "right"),
                          ("better is", "left"), ("", "left")):
            table.add_column(col, justify=just)
        for mid in HEADLINE_DEFAULT:
            m = measures.get(mid)
            if m is None:
                table.add_row(f"{mid}", "not yet implemented", "", "", "")
                continue
            (v,) = [x for x in compute(con, m) if not x.group]
            shown = "no data" if v.history == "no data" else format_value(v.value, m.unit)
            interval = format_interval(v.lower, v.upper, m.unit)
            if interval:
                shown += f"\n({interval})"
            if v.history != "complete":
                shown = f"[dim]{shown}[/]"
                notes.append(f"{m.id}: {v.history}: {v.history_note}")
            mark = {"better": "[green]better[/]", "worse": "[red]worse[/]", "similar": "similar"}.get(
                v.comparison or "", "")
            if not mark and v.history != "complete":
                mark = f"[dim]{v.history}*[/]"
            table.add_row(f"{m.id} {m.name}", shown, format_value(m.england, m.unit),
                          {True: "higher", False: "lower", None: "-"}[m.higher_is_better], mark)
        console.print(table)
        console.print("similar: England's figure is inside the council's 95% interval.", highlight=False)
        for note in notes:
            console.print(f"* {note}", highlight=False, soft_wrap=True)
    finally:
        con.close()


__all__ = ["run_demo", "DEMO_YEARS", "HISTORY_YEARS", "demo_years", "loadable"]
