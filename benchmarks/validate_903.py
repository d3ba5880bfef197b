"""Speed: Clearsight's SSDA903 validation against the Data to Insight validator on the same files.

Usage: .venv/bin/python benchmarks/validate_903.py [--sizes 20000,700000] [--year 2024-25] [--peer-max 20000]

For each size a synthetic council is made (benchmarks/out/, reused), then on its 903 folder:
- in process: Clearsight's rules over already-parsed data (as the web app runs them after an
  upload) against the peer's validation time inside its own process (its "seconds");
- whole command: `clearsight validate ssda903 ... --format json` against the peer's runner, each
  from process start to exit, with peak memory.
Targets (issue 4): county >= 20x in process and >= 10x whole command; national < 30 s and < 4 GB.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from common import CLI, PEER_PYTHON, ROOT, clean_env, ensure_peers, run_json, synthesise

from clearsight.returns.years import CollectionYear


def ours_in_process(folder: Path, year: str, previous: Path, providers: Path, la: str) -> tuple[float, float, int]:
    from clearsight.rules.validate import validate_files

    t = time.perf_counter()
    result, con, timing = validate_files(folder, "ssda903", year, previous=previous, providers=[providers], la=la)
    con.close()
    return timing.rules, time.perf_counter() - t, len(result.rules_run)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="20000,700000")
    ap.add_argument("--year", default="2024-25")
    ap.add_argument("--la", default="E10000016")
    ap.add_argument("--peer-max", type=int, default=20000, help="largest size the peer is run at")
    args = ap.parse_args()
    ensure_peers()
    prev = CollectionYear.parse(args.year).previous.label
    lines = []
    for size in [int(s) for s in args.sizes.split(",")]:
        council = synthesise(size, 1, f"{prev}..{args.year}")
        folder, previous = council / args.year / "ssda903", council / prev / "ssda903"
        providers = council / args.year / "ofsted_providers.xlsx"
        looked_after = sum(1 for _ in (folder / "header.csv").open()) - 1
        rules_s, inproc_total, n_rules = ours_in_process(folder, args.year, previous, providers, args.la)
        cmd = [*CLI, "validate", "ssda903", str(folder), "--year", args.year, "--previous", str(previous),
               "--providers", str(providers), "--la", args.la, "--format", "json"]
        ours_s, ours_mb, _ = run_json(cmd, clean_env())
        peer = None
        if size <= args.peer_max:
            peer_s, peer_mb, peer_json = run_json([str(PEER_PYTHON), str(ROOT / "peers" / "run_903.py"), str(folder),
                                                   "--year", args.year, "--previous", str(previous), "--providers",
                                                   str(providers), "--la", args.la])
            peer = (peer_json["seconds"], peer_s, peer_mb, len(peer_json["rules_run"]))
        lines.append((size, looked_after, n_rules, rules_s, inproc_total, ours_s, ours_mb, peer))
    print(f"\n{'children':>9} {'in 903':>7} {'rules':>6} | {'ours: rules':>11} {'parse+rules':>11} {'command':>8} "
          f"{'peak MB':>8} | {'peer: in proc':>13} {'command':>8} {'peak MB':>8} {'rules':>6} | "
          f"{'x in proc':>9} {'x command':>9}")
    for size, n903, n_rules, rules_s, total, cmd_s, mb, peer in lines:
        if peer:
            p_in, p_cmd, p_mb, p_rules = peer
            print(f"{size:>9,} {n903:>7,} {n_rules:>6} | {rules_s:>11.3f} {total:>11.3f} {cmd_s:>8.2f} {mb:>8.0f} | "
                  f"{p_in:>13.2f} {p_cmd:>8.2f} {p_mb:>8.0f} {p_rules:>6} | {p_in / rules_s:>8.1f}x {p_cmd / cmd_s:>8.1f}x")
        else:
            print(f"{size:>9,} {n903:>7,} {n_rules:>6} | {rules_s:>11.3f} {total:>11.3f} {cmd_s:>8.2f} {mb:>8.0f} | "
                  f"{'(not run at this size)':>38}")
    print("targets: county >= 20x in process, >= 10x command; national < 30 s and < 4096 MB")


if __name__ == "__main__":
    main()
