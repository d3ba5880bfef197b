"""Differential harness: Clearsight's CIN census rules against the Data to Insight CIN validator.

Usage: .venv/bin/python benchmarks/compare_cin.py [--seeds 1,2,3] [--children 3000] [--faults 0.05]
                                                  [--year 2024-25] [--samples] [--rule CODE] [--json]

Runs `csc-validator-be-cin` (in benchmarks/.venv-peers) and `clearsight validate cin` on the same
files and compares, rule by rule, the set of children each flags. Disagreements are fixed or written
up, with the DfE text, in docs/rules/cin-differences.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from common import CLI, PEER_PYTHON, ROOT, SHARED, clean_env, ensure_peers, run_json, synthesise
from compare_903 import rule_by_rule


def compare(path: Path, year: str) -> dict:
    _, _, peer = run_json([str(PEER_PYTHON), str(ROOT / "peers" / "run_cin.py"), str(path), "--year", year])
    _, _, ours = run_json([*CLI, "validate", "cin", str(path), "--year", year, "--format", "json"], clean_env())
    return {"path": str(path), "year": year, "rules": rule_by_rule(peer, ours)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--children", type=int, default=3000)
    ap.add_argument("--faults", type=float, default=0.05)
    ap.add_argument("--year", default="2024-25")
    ap.add_argument("--samples", action="store_true")
    ap.add_argument("--rule")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    ensure_peers()
    runs = []
    for seed in [int(s) for s in args.seeds.split(",") if s]:
        council = synthesise(args.children, seed, args.year, args.faults)
        runs.append(compare(council / args.year / "cin_census.xml", args.year))
    if args.samples and SHARED.exists():
        samples = SHARED / "cin" / "samples"
        for name, year in (("CIN_Census_2024.xml", "2023-24"), ("CIN_Census_2026.xml", "2025-26"),
                           ("fake_CIN_data.xml", "2022-23")):
            runs.append(compare(samples / name, year))
    if args.json:
        print(json.dumps(runs, indent=1))
        return
    for run in runs:
        print(f"\n== {run['path']} ({run['year']})")
        print(f"{'rule':<10}{'peer':>7}{'ours':>7}{'both':>7}  status / examples")
        for r in run["rules"]:
            if args.rule and r["rule"] != args.rule:
                continue
            if r["status"] == "agree" and r["peer"] == 0 and not args.rule:
                continue
            extra = f" only peer {r['only_peer']} only ours {r['only_clearsight']}" if r["status"] == "DIFFER" else ""
            print(f"{r['rule']:<10}{r['peer']:>7}{r['clearsight']:>7}{r['both']:>7}  {r['status']}{extra}")


if __name__ == "__main__":
    main()
