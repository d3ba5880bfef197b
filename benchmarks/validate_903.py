"""Speed: Clearsight's SSDA903 validation against the Data to Insight validator on the same files.

Usage: .venv/bin/python benchmarks/validate_903.py [--sizes 20000,700000] [--county-children 6550]
       [--cscsynth DIR] [--year 2024-25] [--peer-max 20000] [--repeat 3]

Two kinds of return, in one run:
- a county's return made by another generator, without last year's return or Ofsted's lists: Social
  Finance's csc-data-synthesizer (the peers' own test data came from it), 6,550 children over eight years
  giving about 1,800 in the year's 903 (16k rows). It is not on PyPI: give a checkout with --cscsynth (or
  CLEARSIGHT_CSCSYNTH, or put one at benchmarks/out/csc-data-synthesizer). Without one, Clearsight's own
  synthetic council is used at the size giving about as many children in the 903 (9,400), and the table
  says so;
- Clearsight's synthetic council at each of --sizes, with last year's return and Ofsted's lists.
For each, on the same folder:
- in process: Clearsight's rules over already-parsed data (as the web app runs them after an upload)
  against the peer's validation time inside its own process (its "seconds");
- whole command: `clearsight validate ssda903 ... --format json` against the peer's runner, each from
  process start to exit (the best of --repeat runs, taken in turn), with peak memory. Clearsight's caches
  (the 903 column specs, the postcode lookup) are warm: an untimed in-process run first makes them, as the
  first run on a machine does once.
Targets (issues 4 and 12): county >= 20x in process and >= 10x whole command; national < 30 s and < 4 GB.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from common import (
    CLI,
    PEER_PYTHON,
    ROOT,
    clean_env,
    cscsynth_903,
    cscsynth_checkout,
    ensure_peers,
    run_json,
    synthesise,
)

from clearsight.returns.years import CollectionYear

# Clearsight's synthetic council puts about 19% of its children in a year's 903 (3,850 of 20,000).
OWN_SYNTH_FOR_COUNTY = 9400


def ours_in_process(folder: Path, year: str, previous: Path | None, providers: Path | None,
                    la: str) -> tuple[float, float, int]:
    from clearsight.rules.validate import validate_files

    t = time.perf_counter()
    result, con, timing = validate_files(folder, "ssda903", year, previous=previous,
                                         providers=[providers] if providers else None, la=la)
    con.close()
    return timing.rules, time.perf_counter() - t, len(result.rules_run)


def measure(label: str, folder: Path, year: str, previous: Path | None, providers: Path | None, la: str,
            run_peer: bool, repeat: int) -> tuple:
    looked_after = sum(1 for _ in (folder / "header.csv").open()) - 1
    rows = sum(sum(1 for _ in f.open()) - 1 for f in folder.glob("*.csv"))
    ours_in_process(folder, year, previous, providers, la)  # first use: makes the caches and warms the imports
    rules_s, inproc_total, n_rules = ours_in_process(folder, year, previous, providers, la)
    extra = (["--previous", str(previous)] if previous else []) + (["--providers", str(providers)] if providers else [])
    cmd = [*CLI, "validate", "ssda903", str(folder), "--year", year, *extra, "--la", la, "--format", "json"]
    peer_cmd = [str(PEER_PYTHON), str(ROOT / "peers" / "run_903.py"), str(folder), "--year", year, *extra, "--la", la]
    peer, peer_runs, ours_runs = None, [], []
    for _ in range(repeat):  # in turn, so that a busy spell of the machine falls on both
        ours_runs.append(run_json(cmd, clean_env()))
        if run_peer:
            peer_runs.append(run_json(peer_cmd))
    ours_s, ours_mb = min(r[0] for r in ours_runs), max(r[1] for r in ours_runs)
    if peer_runs:
        last = peer_runs[-1][2]
        peer = (min(r[2]["seconds"] for r in peer_runs), min(r[0] for r in peer_runs),
                max(r[1] for r in peer_runs), len(last["rules_run"]))
    return label, looked_after, rows, n_rules, rules_s, inproc_total, ours_s, ours_mb, peer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="20000,700000", help="Clearsight synth sizes, with --previous/--providers")
    ap.add_argument("--county-children", type=int, default=6550,
                    help="csc-data-synthesizer's population for the county return (0: skip it)")
    ap.add_argument("--cscsynth", help="a checkout of SocialFinanceDigitalLabs/csc-data-synthesizer")
    ap.add_argument("--year", default="2024-25")
    ap.add_argument("--la", default="E10000016")
    ap.add_argument("--peer-max", type=int, default=20000, help="largest size the peer is run at")
    ap.add_argument("--repeat", type=int, default=3, help="whole-command runs of each tool (the best is kept)")
    args = ap.parse_args()
    ensure_peers()
    prev = CollectionYear.parse(args.year).previous.label
    lines = []
    if args.county_children:
        checkout = cscsynth_checkout(args.cscsynth)
        if checkout is not None:
            folder = cscsynth_903(checkout, args.county_children, 1, args.year)
            label = f"cscsynth {args.county_children:,}"
        else:
            print("no csc-data-synthesizer checkout (--cscsynth): the county return is Clearsight's own synth "
                  f"at {OWN_SYNTH_FOR_COUNTY:,} children", flush=True)
            folder = synthesise(OWN_SYNTH_FOR_COUNTY, 1, args.year) / args.year / "ssda903"
            label = f"synth {OWN_SYNTH_FOR_COUNTY:,}"
        lines.append(measure(label + ", alone", folder, args.year, None, None, args.la, True, args.repeat))
    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        council = synthesise(size, 1, f"{prev}..{args.year}")
        folder, previous = council / args.year / "ssda903", council / prev / "ssda903"
        providers = council / args.year / "ofsted_providers.xlsx"
        lines.append(measure(f"synth {size:,}, prev+prov", folder, args.year, previous, providers, args.la,
                             size <= args.peer_max, args.repeat if size <= args.peer_max else 1))
    print(f"\n{'return':<27} {'in 903':>7} {'rows':>8} {'rules':>6} | {'ours: rules':>11} {'parse+rules':>11} "
          f"{'command':>8} {'peak MB':>8} | {'peer: in proc':>13} {'command':>8} {'peak MB':>8} {'rules':>6} | "
          f"{'x in proc':>9} {'x command':>9}")
    for label, n903, rows, n_rules, rules_s, total, cmd_s, mb, peer in lines:
        ours = (f"{label:<27} {n903:>7,} {rows:>8,} {n_rules:>6} | {rules_s:>11.3f} {total:>11.3f} {cmd_s:>8.2f} "
                f"{mb:>8.0f} | ")
        if peer:
            p_in, p_cmd, p_mb, p_rules = peer
            print(ours + f"{p_in:>13.2f} {p_cmd:>8.2f} {p_mb:>8.0f} {p_rules:>6} | {p_in / rules_s:>8.1f}x "
                  f"{p_cmd / cmd_s:>8.1f}x")
        else:
            print(ours + f"{'(not run at this size)':>38}")
    print(f"whole commands: the best of {args.repeat} runs each. Targets: county >= 20x in process, >= 10x command; "
          "national < 30 s and < 4096 MB")


if __name__ == "__main__":
    main()
