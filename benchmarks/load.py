"""Time `clearsight load` at county and national size, with peak memory.

Usage: .venv/bin/python benchmarks/load.py [--sizes 20000,700000] [--year 2024-25] [--seed 1]

Each size is synthesised once (kept under benchmarks/out/, reused on later runs), then each
return of one collection year is loaded into a fresh warehouse by the real command, in its own
process, timed from start to exit; peak memory is the process's largest resident set.
Targets (issue 3, 2-core machine): county under 5 s; national under 120 s and 4 GB.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from common import CLI, clean_env, run_measured, synthesise

TARGETS = {"county": (5.0, None), "national": (120.0, 4096.0)}


def synthesise_year(children: int, seed: int, year: str) -> Path:
    return synthesise(children, seed, year)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="20000,700000", help="children a year, comma-separated")
    ap.add_argument("--year", default="2024-25")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        label = "national" if size >= 300000 else "county"
        folder = synthesise_year(size, args.seed, args.year)
        data = Path(tempfile.mkdtemp(prefix="cs-bench-"))
        env = clean_env(CLEARSIGHT_DATA_DIR=str(data))
        total = 0.0
        peak_all = 0.0
        for ret, path in (("ssda903", folder / args.year / "ssda903"), ("cin", folder / args.year / "cin_census.xml"),
                          ("cms", folder / args.year / "cms"), ("csww", folder / args.year / "csww.xml")):
            seconds, peak, res = run_measured([*CLI, "load", str(path), "--return", ret, "--year", args.year], env)
            if res.returncode != 0:
                sys.exit(f"load of {path} failed:\n{res.stderr}")
            size_mb = sum(p.stat().st_size for p in ([path] if path.is_file() else path.iterdir())) / 2**20
            rows.append((label, size, ret, f"{size_mb:,.0f} MB", seconds, peak))
            total += seconds
            peak_all = max(peak_all, peak)
        rows.append((label, size, "all four", "", total, peak_all))
        shutil.rmtree(data, ignore_errors=True)
    print()
    print(f"{'size':<9}{'children':>10}  {'return':<10}{'input':>10}{'seconds':>10}{'peak MB':>10}  target")
    for label, size, ret, inp, seconds, peak in rows:
        secs_target, mem_target = TARGETS[label]
        ok = seconds <= secs_target and (mem_target is None or peak <= mem_target)
        target = f"< {secs_target:.0f} s" + (f", < {mem_target / 1024:.0f} GB" if mem_target else "")
        print(f"{label:<9}{size:>10,}  {ret:<10}{inp:>10}{seconds:>10.2f}{peak:>10.0f}  {target} {'met' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
