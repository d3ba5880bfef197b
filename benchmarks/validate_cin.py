"""Speed: Clearsight's CIN census validation against the Data to Insight CIN validator, and its growth.

Usage: .venv/bin/python benchmarks/validate_cin.py [--sizes 2000,20000,100000,700000] [--peer-max 20000]

Each size is a synthetic council (benchmarks/out/, reused). Both tools run as a whole command from
the XML file to a JSON report, timed from process start to exit with peak memory; the peer only up
to --peer-max children (at county size it takes minutes). The growth curve prints seconds per
1,000 children at each size: flat means linear.
Targets (issue 5): >= 100x the peer at county size; national < 120 s and < 4 GB; linear growth.
"""

from __future__ import annotations

import argparse

from common import CLI, PEER_PYTHON, ROOT, clean_env, ensure_peers, run_json, synthesise


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2000,20000,100000,700000")
    ap.add_argument("--year", default="2024-25")
    ap.add_argument("--peer-max", type=int, default=20000)
    args = ap.parse_args()
    ensure_peers()
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        xml = synthesise(size, 1, args.year) / args.year / "cin_census.xml"
        ours_s, ours_mb, ours = run_json([*CLI, "validate", "cin", str(xml), "--year", args.year, "--format", "json"],
                                         clean_env())
        peer = None
        if size <= args.peer_max:
            peer_s, peer_mb, peer_json = run_json([str(PEER_PYTHON), str(ROOT / "peers" / "run_cin.py"), str(xml),
                                                   "--year", args.year])
            peer = (peer_s, peer_mb)
        rows.append((size, xml.stat().st_size / 2**20, len(ours["rules_run"]), ours_s, ours_mb, peer))
    print(f"\n{'children':>9} {'XML MB':>7} {'rules':>6} | {'ours s':>7} {'peak MB':>8} {'s/1k':>6} | "
          f"{'peer s':>7} {'peak MB':>8} | {'ratio':>7}")
    for size, mb, n_rules, s, peak, peer in rows:
        per_k = s / size * 1000
        peer_txt = f"{peer[0]:>7.1f} {peer[1]:>8.0f} | {peer[0] / s:>6.1f}x" if peer else f"{'':>7} {'':>8} | {'':>7}"
        print(f"{size:>9,} {mb:>7.0f} {n_rules:>6} | {s:>7.2f} {peak:>8.0f} {per_k:>6.3f} | {peer_txt}")
    print("targets: county >= 100x the peer; national < 120 s and < 4096 MB; s/1k roughly flat (linear)")


if __name__ == "__main__":
    main()
