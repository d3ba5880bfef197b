"""``clearsight demo``: a synthetic county, three years of returns loaded, and a summary."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from clearsight import config
from clearsight.warehouse.load import connect, load_return
from clearsight.warehouse.summary import stage_counts

DEMO_YEARS = ["2023-24", "2024-25", "2025-26"]


def run_demo(children: int, seed: int, console: Console, progress: Callable) -> None:
    from clearsight.synth import run_synth

    out = config.data_dir() / "demo-council"
    started = time.perf_counter()
    console.print(f"Clearsight demo: a synthetic county of {children:,} children a year, "
                  f"{DEMO_YEARS[0]} to {DEMO_YEARS[-1]} (no real data).")
    with progress() as prog:
        task = prog.add_task("simulating the council", total=None)
        run_synth(out, children=children, years=DEMO_YEARS, seed=seed, faults=0.0,
                  progress=lambda s, d, t: prog.update(task, description=s, completed=d, total=t or None))
        jobs = []
        for year in DEMO_YEARS:
            jobs += [(out / year / "ssda903", "ssda903", year), (out / year / "cin_census.xml", "cin", year),
                     (out / year / "cms", "cms", year)]
        load_task = prog.add_task("loading", total=len(jobs))
        for path, ret, year in jobs:
            prog.update(load_task, description=f"loading {ret} {year}")
            load_return(path, ret, year, loaded_by="demo")
            prog.advance(load_task)
    con = connect()
    try:
        years, rows = stage_counts(con)
    finally:
        con.close()
    table = Table(title="Children at each stage, by collection year")
    table.add_column("stage")
    for y in years:
        table.add_column(y, justify="right")
    for label, counts in rows:
        table.add_row(label, *[f"{counts.get(y, 0):,}" for y in years])
    console.print(table)
    console.print(f"Synthetic files: {out}")
    console.print(f"Warehouse: {config.warehouse_path()}  ({time.perf_counter() - started:.1f} s)")
    console.print("Next: `clearsight loads` lists the loads; `clearsight doctor` shows the set-up.")


__all__ = ["run_demo", "DEMO_YEARS", "Path"]
