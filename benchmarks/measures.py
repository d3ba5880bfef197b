"""Speed of the measures: every measure for one year, and a monthly series over three years.

Usage: .venv/bin/python benchmarks/measures.py [--sizes 20000,700000] [--year 2025-26]

Each size is a synthetic council (benchmarks/out/, reused) loaded into a fresh warehouse; then
every measure is computed in process for the year (council-wide and by team), and as a monthly
series over the three loaded years. Targets (issue 6): a county year under 2 s; national under 30 s.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from common import synthesise

from clearsight.returns.years import CollectionYear


def load_council(folder: Path, years: list[str]) -> None:
    from clearsight.warehouse.load import load_return

    for year in years:
        for ret, path in (("ssda903", folder / year / "ssda903"), ("cin", folder / year / "cin_census.xml"),
                          ("cms", folder / year / "cms"), ("csww", folder / year / "csww.xml")):
            if path.exists():
                load_return(path, ret, year)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="20000,700000")
    ap.add_argument("--year", default="2025-26")
    args = ap.parse_args()
    last = CollectionYear.parse(args.year)
    years = [y.label for y in CollectionYear.span(last.shift(-2), last)]
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = synthesise(size, 1, f"{years[0]}..{years[-1]}")
        os.environ["CLEARSIGHT_DATA_DIR"] = tempfile.mkdtemp(prefix="cs-measures-")
        t = time.perf_counter()
        load_council(folder, years)
        load_s = time.perf_counter() - t

        from clearsight.measures.engine import compute, prepare
        from clearsight.measures.periods import months_between, parse_period
        from clearsight.measures.registry import all_measures
        from clearsight.warehouse.load import connect

        measures = list(all_measures().values())
        con = connect(read_only=True)
        t = time.perf_counter()
        prepare(con, [parse_period(args.year)])
        for m in measures:
            compute(con, m)
        year_s = time.perf_counter() - t
        t = time.perf_counter()
        for m in measures:
            if "team" in m.dimensions:
                compute(con, m, "team")
        team_s = time.perf_counter() - t
        con.close()
        con = connect(read_only=True)
        t = time.perf_counter()
        prepare(con, months_between(parse_period(years[0]).start, parse_period(years[-1]).end))
        for m in measures:
            compute(con, m)
        monthly_s = time.perf_counter() - t
        con.close()
        rows.append((size, len(measures), load_s, year_s, team_s, monthly_s))
    print(f"\n{'children':>9} {'measures':>9} {'load 3 yrs s':>13} {'one year s':>11} {'+ by team s':>12} "
          f"{'monthly x36 s':>14}  target (all measures, one year)")
    for size, n, load_s, year_s, team_s, monthly_s in rows:
        target = 2.0 if size < 300000 else 30.0
        ok = "met" if year_s < target else "MISSED"
        print(f"{size:>9,} {n:>9} {load_s:>13.1f} {year_s:>11.2f} {team_s:>12.2f} {monthly_s:>14.2f}  "
              f"< {target:.0f} s {ok}")


if __name__ == "__main__":
    main()
