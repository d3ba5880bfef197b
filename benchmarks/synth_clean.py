"""How clean is Clearsight's synthetic council in the eyes of the peer validators?

Generates a council with ``clearsight synth``, runs the Data to Insight SSDA903 and CIN census
validators on every year's returns (in their own virtualenv, see ``benchmarks/peers/``) and prints,
per return and year, the share of children flagged by any error rule and by any query rule beside
the targets (at most 1% and 5%), then the rules that flag the most children.

Run with Clearsight's own interpreter::

    .venv/bin/python benchmarks/synth_clean.py [--children 20000] [--seed 1] [--years 2023-24..2025-26]
    .venv/bin/python benchmarks/synth_clean.py --from DIR   # an existing synth output, no generation

The council is generated with ``--history`` years (3 by default) before the first year asked for, as
``clearsight demo`` does, and every year is also loaded into a warehouse of its own so that Clearsight's
rules run as they do in the demo (each year against every earlier one): the share of children Clearsight
flags by an error rule is printed beside the peer's, per return and year.

A clean synthetic council should break no rule; what the peers still flag is either a fault in the
generator or a fault (or a different reading of the DfE rule) in the peer: the peers' known faults
are listed in benchmarks/peers/README.md. The peer sees only this year's and last year's 903, so its
rules 1001 and 1002 flag care leavers whose care lies further back; it reads the 2024-25 recode of SEX
(1/2 to M/F) as a conflict (202) and rejects K3 in 2024-25 (146). The line "less findings the council's
903 files contradict" leaves out exactly those 1001, 1002, 202 and 146 findings that the council's own
files (written, not assumed) show to be wrong, child by child (``contradicts``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from clearsight.returns.years import CollectionYear

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
PEERS = HERE / "peers"
PEERS_PYTHON = HERE / ".venv-peers" / "bin" / "python"
TARGETS = {"error": 0.01, "query": 0.05}
INTERNAL_903 = ("INT", "EPI", "NoE")


def parse_years(spec: str) -> list[str]:
    """``2023-24..2025-26`` or ``2023-24,2024-25`` → ``["2023-24", "2024-25", ...]``."""
    try:
        if ".." in spec:
            first, last = spec.split("..", 1)
            years = CollectionYear.span(first.strip(), last.strip())
        else:
            years = [CollectionYear.parse(part) for part in spec.split(",") if part.strip()]
    except ValueError as exc:
        raise SystemExit(f"not a collection year like 2024-25: {exc}") from None
    if not years:
        raise SystemExit(f"no collection year in {spec!r}")
    return [y.label for y in years]


def previous_year(year: str) -> str:
    return CollectionYear.parse(year).previous.label


def clearsight_command() -> list[str]:
    script = Path(sys.executable).with_name("clearsight")
    if script.exists():
        return [str(script)]
    found = shutil.which("clearsight")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from clearsight.cli import main; sys.exit(main())"]


def generate(out: Path, children: int, seed: int, years: str, la: str, faults: float) -> None:
    """Write the synthetic council with ``clearsight synth``; explain and stop if it cannot."""
    command = clearsight_command() + ["synth", "--out", str(out), "--children", str(children),
                                      "--seed", str(seed), "--years", years, "--la", la]
    if faults:
        command += ["--faults", str(faults)]
    print(f"generating: {' '.join(command)}", file=sys.stderr)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"clearsight synth failed (exit {done.returncode}); if it is not built yet, "
                         "point --from at a folder laid out like its output")
    print(f"generated in {time.perf_counter() - start:.1f} s", file=sys.stderr)


def _day(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def care_history(root: Path, year: str) -> dict[str, dict]:
    """Child -> ``dob``, ``episodes`` [(DECOM, DEC or None, LS, REC)], ``sex`` {year: SEX} and ``places``
    {year: {PLACE}} from the 903 CSVs of every year folder in ``root`` up to and including ``year`` (an
    episode open across years appears once)."""
    care: dict[str, dict] = {}

    def child(cid: str) -> dict:
        return care.setdefault(cid, {"dob": None, "episodes": {}, "sex": {}, "places": {}})

    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name <= year):
        episodes, header = folder / "ssda903" / "episodes.csv", folder / "ssda903" / "header.csv"
        if header.is_file():
            with open(header, newline="") as fh:
                for row in csv.DictReader(fh):
                    child(row["CHILD"])["dob"] = _day(row["DOB"])
                    child(row["CHILD"])["sex"][folder.name] = row["SEX"]
        if episodes.is_file():
            with open(episodes, newline="") as fh:
                for row in csv.DictReader(fh):
                    decom = _day(row["DECOM"])
                    if decom is None:
                        continue
                    c = child(row["CHILD"])
                    c["episodes"][decom] = (decom, _day(row["DEC"]), row["LS"], row["REC"])
                    c["places"].setdefault(folder.name, set()).add(row["PLACE"])
    return care


# The 903's sex codes before 2024-25 (1, 2) and from it (M, F): the same sex, recoded.
SEX_RECODED = {"1": "M", "2": "F"}


def contradicts(rule: str, child: str, care: dict[str, dict], year: str) -> bool:
    """The council's own 903 files show a peer's finding to be wrong for this child:

    - 1002 (no previous episodes of care): the child has episodes in an earlier year;
    - 1001 (not a relevant or former relevant child): over all years, 13 weeks looked after since the 14th
      birthday, some of it after the 16th, not counting short breaks, and not adopted;
    - 202 (sex conflicts with last year's): last year's code is this year's under the 2024-25 recode (1 is M,
      2 is F);
    - 146 (placement type not a valid code): every PLACE of the child this year is in the year's DfE code set
      (Clearsight's copy of the year's 903 specification: K3 from 2024-25).
    """
    info = care.get(child)
    if info is None:
        return False
    if rule == "202":
        this, last = info["sex"].get(year), info["sex"].get(previous_year(year))
        return this is not None and last is not None and SEX_RECODED.get(last, last) == SEX_RECODED.get(this, this)
    if rule == "146":
        from clearsight.returns.ssda903.spec import ssda903_tables

        codes = next(set(c.codes) for c in ssda903_tables(year)["Episodes"].columns if c.name == "place")
        places = info["places"].get(year)
        return bool(places) and places <= codes
    if rule not in ("1001", "1002") or not info["episodes"]:
        return False
    if rule == "1002":
        return True
    dob = info["dob"]
    if dob is None:
        return False
    end_of_year = CollectionYear.parse(year).last_day
    spells = sorted(info["episodes"].values())
    if spells[-1][3] in ("E11", "E12"):
        return False

    def days_from(age: int) -> int:
        start = dob.replace(year=dob.year + age) if not (dob.month == 2 and dob.day == 29) else dt.date(dob.year + age, 3, 1)
        total = 0
        for decom, dec, ls, _rec in spells:
            if ls in ("V3", "V4"):
                continue
            total += max(0, ((dec or end_of_year) - max(decom, start)).days)
        return total

    return days_from(14) >= 91 and days_from(16) >= 1


def clearsight_errors(root: Path, years: list[str], shown: list[str]) -> dict[tuple[str, str], tuple[int, int, dict]]:
    """Load every year's 903 and CIN census of the council in ``root`` (earliest first) into a warehouse of its
    own, as ``clearsight demo`` does, and count the children of the ``shown`` years' loads with an error finding."""
    import duckdb
    from synth_calibration import errors_by_return

    from clearsight import config, pipeline
    from clearsight.demo import loadable
    from clearsight.synth.run import RETURN_FILES

    before = os.environ.get("CLEARSIGHT_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="synth_clean_warehouse_") as tmp:
        os.environ["CLEARSIGHT_DATA_DIR"] = tmp
        try:
            council = root / "council.json"
            if council.is_file():
                facts = json.loads(council.read_text())
                pipeline.set_council_settings({"la_code": facts["la_code"]})
            for year in years:
                for code in ("ssda903", "cin"):
                    path = root / year / RETURN_FILES[code]
                    if path.exists() and loadable(code, year):
                        print(f"clearsight: loading {code} {year}", file=sys.stderr)
                        pipeline.load(path, code, year, loaded_by="synth_clean", publish_anyway=True)
            con = duckdb.connect(str(config.warehouse_path()), read_only=True)
            try:
                return errors_by_return(con, shown)
            finally:
                con.close()
        finally:
            if before is None:
                os.environ.pop("CLEARSIGHT_DATA_DIR", None)
            else:
                os.environ["CLEARSIGHT_DATA_DIR"] = before


def find_providers(year_dir: Path) -> list[Path]:
    for candidate in (year_dir / "ofsted_providers.xlsx", year_dir / "ssda903" / "ofsted_providers.xlsx"):
        if candidate.is_file():
            return [candidate]
    return sorted(year_dir.rglob("ofsted_providers*.xlsx"))[:1]


def find_cin(year_dir: Path) -> Path | None:
    candidate = year_dir / "cin_census.xml"
    if candidate.is_file():
        return candidate
    found = sorted(year_dir.glob("cin*.xml"))
    return found[0] if found else None


def run_peer(command: list[str], timeout: float | None) -> tuple[dict[str, Any], float]:
    """Run one peer runner; its JSON, or a dict with an ``error``, and the wall time."""
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s"}, time.perf_counter() - start
    wall = time.perf_counter() - start
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        result = {"error": f"exit {done.returncode}, no JSON: {done.stderr.strip()[-2000:]}"}
    return result, wall


def classify_903(code: str) -> str:
    """The peer gives 903 rules no type: codes ending in Q are queries; INT*, EPI and NoE are its own."""
    if code.startswith(INTERNAL_903):
        return "internal"
    return "query" if code.endswith("Q") else "error"


def summarise(return_code: str, year: str, peer: dict[str, Any], wall: float, top: int,
              care: dict[str, dict] | None = None) -> dict[str, Any]:
    """Children flagged by error, query (and, for the 903, internal) rules, and the top rules. ``care`` (the
    903 episodes of every year up to this one, from :func:`care_history`) lets the 903's 1001 and 1002
    findings be checked against the council's whole history (``errors_less_contradicted``)."""
    summary: dict[str, Any] = {"return": return_code, "year": year, "tool": peer.get("tool"),
                               "version": peer.get("version"), "wall_seconds": round(wall, 1)}
    if "error" in peer:
        summary["error"] = peer["error"]
        return summary
    total = int(peer["children_total"])
    by_kind: dict[str, set[str]] = defaultdict(set)
    by_rule: dict[str, set[str]] = defaultdict(set)
    rows_by_rule: dict[str, int] = defaultdict(int)
    kinds: dict[str, str] = {}
    without_child = 0
    contradicted: set[tuple[str, str]] = set()
    for finding in peer["findings"]:
        code = finding["rule"]
        kind = finding.get("type") or classify_903(code)
        kinds[code] = kind
        rows_by_rule[code] += 1
        if finding["child"] is None:
            without_child += 1
            continue
        by_kind[kind].add(finding["child"])
        by_rule[code].add(finding["child"])
        if care is not None and return_code == "ssda903" and contradicts(code, str(finding["child"]), care, year):
            contradicted.add((code, str(finding["child"])))

    def share(kind: str) -> dict[str, Any]:
        n = len(by_kind.get(kind, ()))
        entry: dict[str, Any] = {"children": n, "share": n / total if total else 0.0}
        if kind in TARGETS:
            entry["target"] = TARGETS[kind]
            entry["meets_target"] = entry["share"] <= TARGETS[kind]
        return entry

    if care is not None and return_code == "ssda903":
        kept = {child for code, children in by_rule.items() if kinds[code] == "error"
                for child in children if (code, str(child)) not in contradicted}
        by_kind["error_less_contradicted"] = kept
    messages = peer.get("rule_messages", {})
    ranked = sorted(by_rule, key=lambda c: (-len(by_rule[c]), c))
    summary.update({
        "seconds": peer.get("seconds"),
        "children": total,
        "errors": share("error"),
        "queries": share("query"),
        "rules_run": len(peer.get("rules_run", [])),
        "rules_skipped": len(peer.get("rules_skipped", [])),
        "rules_failed": peer.get("rules_failed", {}),
        "findings": len(peer["findings"]),
        "findings_without_child": without_child,
        "top_rules": [{"rule": c, "type": kinds[c], "children": len(by_rule[c]),
                       "share": len(by_rule[c]) / total if total else 0.0, "rows": rows_by_rule[c],
                       "message": messages.get(c)} for c in ranked[:top]],
        "notes": peer.get("notes", []),
    })
    if return_code == "ssda903":
        summary["internal"] = share("internal")
    if "error_less_contradicted" in by_kind:
        entry = share("error_less_contradicted")
        entry.update({"target": TARGETS["error"], "meets_target": entry["share"] <= TARGETS["error"],
                      "contradicted": {c: sum(1 for r, _ in contradicted if r == c)
                                       for c in ("1001", "1002", "202", "146")}})
        summary["errors_less_contradicted"] = entry
    if peer.get("multichild_issues"):
        summary["return_level"] = peer["multichild_issues"]
    return summary


def print_table(summary: dict[str, Any]) -> None:
    name = {"ssda903": "SSDA903", "cin": "CIN census"}[summary["return"]]
    head = f"{name} {summary['year']}  ({summary.get('tool')} {summary.get('version') or ''}"
    if "error" in summary:
        print(f"\n{head})\n  peer run failed: {summary['error']}")
        return
    print(f"\n{head}, {summary['seconds']:.1f} s in process, {summary['wall_seconds']:.1f} s wall)")
    total = summary["children"]
    print(f"  {'children in the return':<52}{total:>9,}")

    def line(label: str, entry: dict[str, Any]) -> None:
        text = f"  {label:<52}{entry['children']:>9,}  {100 * entry['share']:6.2f}%"
        if "target" in entry:
            verdict = "ok" if entry["meets_target"] else "OVER"
            text += f"   target <= {100 * entry['target']:.0f}%  {verdict}"
        print(text)

    line("flagged by any ERROR rule", summary["errors"])
    if "errors_less_contradicted" in summary:
        gone = summary["errors_less_contradicted"]["contradicted"]
        line("  less findings the council's 903 files contradict", summary["errors_less_contradicted"])
        print("    (children whose finding is contradicted: " + ", ".join(f"{r} {n}" for r, n in gone.items()) + ")")
    if "clearsight" in summary:
        line("Clearsight: flagged by any ERROR rule (all years loaded)", summary["clearsight"])
    line("flagged by any QUERY rule", summary["queries"])
    if "internal" in summary:
        line("flagged by the peer's own checks (INT*, EPI, NoE)", summary["internal"])
    failed = summary["rules_failed"]
    print(f"  rules run {summary['rules_run']}, skipped {summary['rules_skipped']}, "
          f"crashed {len(failed)}{': ' + ', '.join(sorted(failed)) if failed else ''}")
    if summary["findings_without_child"]:
        print(f"  findings with no child id: {summary['findings_without_child']}")
    for issue in summary.get("return_level", []):
        print(f"  return-level {issue['type']} {issue['rule']}: {issue.get('message') or ''}"[:150])
    for note in summary["notes"]:
        print(f"  note: {note}")
    if summary["top_rules"]:
        print(f"  {'rule':<10}{'type':<10}{'children':>9}{'share':>9}{'rows':>9}  message")
        for rule in summary["top_rules"]:
            message = (rule["message"] or "").replace("\n", " ")
            print(f"  {rule['rule']:<10}{rule['type']:<10}{rule['children']:>9,}{100 * rule['share']:>8.2f}%"
                  f"{rule['rows']:>9,}  {message[:90]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=20000, help="children known to social care a year")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--years", default="2023-24..2025-26", help="e.g. 2023-24..2025-26 or 2024-25")
    parser.add_argument("--la", default="E10000016", help="the council's ONS code")
    parser.add_argument("--history", type=int, default=3,
                        help="years generated (and loaded for Clearsight) before the first year, as the demo does")
    parser.add_argument("--no-clearsight", action="store_true", help="run the peers only")
    parser.add_argument("--faults", type=float, default=0.0, help="passed to clearsight synth")
    parser.add_argument("--from", dest="source", type=Path,
                        help="use this existing synth output instead of generating one "
                        "(DIR/<year>/ssda903/, DIR/<year>/cin_census.xml)")
    parser.add_argument("--out", type=Path, help="write the synthetic council here and keep it")
    parser.add_argument("--returns", nargs="+", choices=["ssda903", "cin"], default=["ssda903", "cin"])
    parser.add_argument("--top", type=int, default=10, help="rules to list per return and year")
    parser.add_argument("--timeout", type=float, help="seconds allowed for each peer run")
    parser.add_argument("--save-raw", type=Path, help="also write each peer's full JSON into this folder")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON instead of tables")
    args = parser.parse_args(argv)

    years = parse_years(args.years)
    setup = subprocess.run(["bash", str(PEERS / "setup.sh")], capture_output=True, text=True)
    if setup.returncode != 0:
        sys.stderr.write(setup.stdout + setup.stderr)
        raise SystemExit("benchmarks/peers/setup.sh failed: the peer validators are not installed")

    scratch = None
    if args.source is not None:
        root = args.source
    else:
        if args.out is not None:
            root = args.out
        else:
            scratch = tempfile.TemporaryDirectory(prefix="synth_clean_")
            root = Path(scratch.name) / "council"
        first = CollectionYear.parse(years[0])
        for _ in range(args.history):
            first = first.previous
        generate(root, args.children, args.seed, f"{first.label}..{years[-1]}", args.la, args.faults)

    summaries = []
    try:
        for year in years:
            year_dir = root / year
            if not year_dir.is_dir():
                print(f"{year}: no folder {year_dir}, skipped", file=sys.stderr)
                continue
            if "ssda903" in args.returns and (year_dir / "ssda903").is_dir():
                command = [str(PEERS_PYTHON), str(PEERS / "run_903.py"), str(year_dir / "ssda903"),
                           "--year", year, "--la", args.la]
                last = root / previous_year(year) / "ssda903"
                if last.is_dir():
                    command += ["--previous", str(last)]
                providers = find_providers(year_dir)
                if providers:
                    command += ["--providers", *map(str, providers)]
                summaries.append(run_and_summarise("ssda903", year, command, args, care_history(root, year)))
            cin = find_cin(year_dir)
            if "cin" in args.returns and cin is not None:
                command = [str(PEERS_PYTHON), str(PEERS / "run_cin.py"), str(cin), "--year", year]
                summaries.append(run_and_summarise("cin", year, command, args))
        if not args.no_clearsight:
            every = sorted(p.name for p in root.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}-\d{2}", p.name)
                           and p.name <= years[-1])
            ours = clearsight_errors(root, every, years)
            for summary in summaries:
                found = ours.get((summary["return"], summary["year"]))
                if found is not None:
                    total, flagged, rules = found
                    summary["clearsight"] = {"children": flagged, "share": flagged / total if total else 0.0,
                                             "target": TARGETS["error"],
                                             "meets_target": (flagged / total if total else 0.0) <= TARGETS["error"],
                                             "children_in_load": total, "rules": rules}
    finally:
        if scratch is not None:
            scratch.cleanup()

    report = {"children": args.children if args.source is None else None, "seed": args.seed,
              "years": years, "source": str(args.source) if args.source else None,
              "targets": TARGETS, "returns": summaries}
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        origin = (f"from {args.source}" if args.source
                  else f"clearsight synth --children {args.children} --seed {args.seed}")
        print(f"Peer validators on the synthetic council ({origin}); targets: "
              f"<= {100 * TARGETS['error']:.0f}% of children flagged by an error rule, "
              f"<= {100 * TARGETS['query']:.0f}% by a query rule")
        for summary in summaries:
            print_table(summary)
    if not summaries:
        print("no return was found to validate", file=sys.stderr)
        return 1
    return 0


def run_and_summarise(return_code: str, year: str, command: list[str],
                      args: argparse.Namespace, care: dict[str, dict] | None = None) -> dict[str, Any]:
    print(f"{return_code} {year}: running {Path(command[1]).name}", file=sys.stderr)
    peer, wall = run_peer(command, args.timeout)
    if args.save_raw is not None:
        args.save_raw.mkdir(parents=True, exist_ok=True)
        (args.save_raw / f"{return_code}_{year}.json").write_text(json.dumps(peer))
    summary = summarise(return_code, year, peer, wall, args.top, care)
    print(f"{return_code} {year}: done in {wall:.1f} s", file=sys.stderr)
    return summary


if __name__ == "__main__":
    sys.exit(main())
