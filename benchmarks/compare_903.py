"""Differential harness: Clearsight's SSDA903 rules against the Data to Insight validator, rule by rule.

Usage: .venv/bin/python benchmarks/compare_903.py [--seeds 1,2,3] [--children 4000] [--faults 0.05]
                                                  [--year 2024-25] [--samples] [--rule CODE] [--json]

Runs `csc-validator-be-903` (in benchmarks/.venv-peers) and `clearsight validate ssda903` on the same
files (synthetic councils with planted faults at each seed, and with --samples the reference CSVs)
and compares, for every rule, the set of children each flags. Disagreements are either fixed or
written up, with the DfE text, in docs/rules/ssda903-differences.md.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from common import CLI, PEER_PYTHON, ROOT, SHARED, clean_env, ensure_peers, run_json, synthesise

from clearsight.returns.years import CollectionYear


def children_by_rule(findings: list[dict]) -> dict[str, set]:
    out: dict[str, set] = defaultdict(set)
    for f in findings:
        out[str(f["rule"])].add(f.get("child"))
    return out


def compare(path: Path, year: str, previous: Path | None, providers: list[Path], la: str) -> dict:
    extra = []
    if previous:
        extra += ["--previous", str(previous)]
    for p in providers:
        extra += ["--providers", str(p)]
    _, _, peer = run_json([str(PEER_PYTHON), str(ROOT / "peers" / "run_903.py"), str(path), "--year", year,
                           "--la", la, *extra])
    _, _, ours = run_json([*CLI, "validate", "ssda903", str(path), "--year", year, "--la", la, "--format", "json",
                           *extra], clean_env())
    return {"path": str(path), "year": year, "rules": rule_by_rule(peer, ours)}


def rule_by_rule(peer: dict, ours: dict) -> list[dict]:
    """For every rule either tool knows: the children each flags, and whether they agree."""
    p, o = children_by_rule(peer["findings"]), children_by_rule(ours["findings"])
    peer_run = set(map(str, peer.get("rules_run", [])))
    failed = peer.get("rules_failed", {})
    rows = []
    for code in sorted(set(p) | set(o) | peer_run | set(ours["rules_run"])):
        pc, oc = p.get(code, set()), o.get(code, set())
        if code not in ours["rules_run"]:
            status = "not run here: " + ours["rules_not_run"].get(code, "not implemented")
        elif code not in peer_run:
            status = "peer did not run it" + (": " + failed[code][:60] if code in failed else "")
        else:
            status = "agree" if pc == oc else "DIFFER"
        rows.append({"rule": code, "peer": len(pc), "clearsight": len(oc), "both": len(pc & oc),
                     "only_peer": sorted(map(str, pc - oc))[:5], "only_clearsight": sorted(map(str, oc - pc))[:5],
                     "status": status})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--children", type=int, default=4000)
    ap.add_argument("--faults", type=float, default=0.05)
    ap.add_argument("--year", default="2024-25")
    ap.add_argument("--la", default="E10000016")
    ap.add_argument("--samples", action="store_true", help="also the reference samples in shared/reference")
    ap.add_argument("--rule", help="show only this rule")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    ensure_peers()
    prev_year = CollectionYear.parse(args.year).previous.label
    runs = []
    for seed in [int(s) for s in args.seeds.split(",") if s]:
        council = synthesise(args.children, seed, f"{prev_year}..{args.year}", args.faults)
        runs.append(compare(council / args.year / "ssda903", args.year, council / prev_year / "ssda903",
                            [council / args.year / "ofsted_providers.xlsx"], args.la))
    if args.samples and SHARED.exists():
        runs.append(compare(SHARED / "ssda903" / "samples" / "validator-fake", "2022-23", None,
                            sorted((SHARED / "ssda903" / "samples" / "ofsted-providers-fake").glob("*_fake.xlsx"))[:2],
                            args.la))
    if args.json:
        print(json.dumps(runs, indent=1))
        return
    totals: dict[str, int] = defaultdict(int)
    for run in runs:
        print(f"\n== {run['path']} ({run['year']})")
        print(f"{'rule':<10}{'peer':>7}{'ours':>7}{'both':>7}  status / examples")
        for r in run["rules"]:
            if args.rule and r["rule"] != args.rule:
                continue
            totals[r["status"].split(":")[0]] += 1
            if r["status"] == "agree" and not args.rule and r["peer"] == 0:
                continue
            extra = ""
            if r["status"] == "DIFFER":
                extra = f" only peer {r['only_peer']} only ours {r['only_clearsight']}"
            print(f"{r['rule']:<10}{r['peer']:>7}{r['clearsight']:>7}{r['both']:>7}  {r['status']}{extra}")
    print("\nrule comparisons over all runs:", dict(totals))


if __name__ == "__main__":
    main()
