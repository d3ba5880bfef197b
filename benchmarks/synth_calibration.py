"""The synthetic council against England: its headline measures beside England's figure and the range of
English councils, and the share of its children Clearsight's rules flag, per return and year.

Generates the council as ``clearsight demo`` does (the history years first, see ``clearsight.demo``), loads
every year into a warehouse of its own (a temporary folder) with the real pipeline and computes the measures
with the real engine, so the figures are the ones a user of the demo sees. Run with Clearsight's interpreter::

    .venv/bin/python benchmarks/synth_calibration.py [--children 20000] [--seed 1]
    .venv/bin/python benchmarks/synth_calibration.py --markdown docs/synth.md   # rewrite the table in the doc

England's figures are the measure definitions' (``england``, ``england_period``; sources in
``reference/measures/england.csv``); the range of English councils is the published one in that file, else
``synth/data/council_range.csv``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
# The measures the calibration table shows: the default headline, the other placement-stability measure and
# the workforce measures that move by year (truth.json ``moves``).
EXTRA = ("CLA04", "WF02", "WF04")
START, END = "<!-- calibration table: benchmarks/synth_calibration.py --markdown docs/synth.md -->", "<!-- end -->"


@dataclass
class Calibration:
    """What one synthetic council came to."""

    children: int
    seed: int
    years: list[str]  # the years shown (the history years are loaded but not shown)
    history: list[str]
    seconds: float
    # measure id -> year -> (value, numerator, denominator)
    measures: dict[str, dict[str, tuple]] = field(default_factory=dict)
    # (return, year) -> (children in the load, children with an error finding, {rule: children})
    errors: dict[tuple[str, str], tuple[int, int, dict[str, int]]] = field(default_factory=dict)


def measure_ids() -> list[str]:
    from clearsight.measures.registry import HEADLINE_DEFAULT

    return list(HEADLINE_DEFAULT) + [m for m in EXTRA if m not in HEADLINE_DEFAULT]


def calibrate(children: int, seed: int, data_dir: Path, progress=None) -> Calibration:
    """Write the council into ``data_dir`` and load it there (``CLEARSIGHT_DATA_DIR`` is set to it for the
    duration), then read its measures and its loads' findings."""
    from clearsight import config, pipeline
    from clearsight.demo import DEMO_YEARS, HISTORY_YEARS, demo_years, loadable
    from clearsight.synth import run_synth
    from clearsight.synth.run import RETURN_FILES

    before = os.environ.get("CLEARSIGHT_DATA_DIR")
    os.environ["CLEARSIGHT_DATA_DIR"] = str(data_dir)
    started = time.perf_counter()
    try:
        years = demo_years()
        history = years[:HISTORY_YEARS]
        out = config.data_dir() / "council"
        summary = run_synth(out, children=children, years=years, seed=seed)
        pipeline.set_council_settings({"la_code": summary["la_code"], "population_0_17": summary["population_0_17"]})
        for year in years:
            for code, name in RETURN_FILES.items():
                if year in history and not loadable(code, year):
                    continue
                if progress:
                    progress(f"loading {code} {year}")
                outcome = pipeline.load(out / year / name, code, year, loaded_by="calibration",
                                        publish_anyway=True)
                if year not in history and outcome.held:
                    print(f"note: {code} {year} would be held: {outcome.reason}", file=sys.stderr)
        result = Calibration(children, seed, list(DEMO_YEARS), history, 0.0)
        con = duckdb.connect(str(config.warehouse_path()), read_only=True)
        try:
            result.measures = _measures(con, list(DEMO_YEARS))
            result.errors = errors_by_return(con, list(DEMO_YEARS))
        finally:
            con.close()
        result.seconds = time.perf_counter() - started
        return result
    finally:
        if before is None:
            os.environ.pop("CLEARSIGHT_DATA_DIR", None)
        else:
            os.environ["CLEARSIGHT_DATA_DIR"] = before


def _measures(con: duckdb.DuckDBPyConnection, years: list[str]) -> dict[str, dict[str, tuple]]:
    from clearsight.measures.engine import compute, prepare
    from clearsight.measures.periods import parse_period
    from clearsight.measures.registry import all_measures

    measures = all_measures()
    chosen = [measures[m] for m in measure_ids() if m in measures]
    prepare(con, [parse_period(y) for y in years], chosen)
    out: dict[str, dict[str, tuple]] = {}
    for m in chosen:
        out[m.id] = {v.period: (v.value, v.numerator, v.denominator) for v in compute(con, m) if not v.group}
    return out


def is_error(rule: str, origin: str) -> bool:
    """A finding that is an error: a value or schema problem, or a DfE rule that is not a query (codes ending in
    Q are queries)."""
    return origin != "rule" or not rule.endswith("Q")


def errors_by_return(con: duckdb.DuckDBPyConnection, years: list[str]) -> dict[tuple[str, str], tuple[int, int, dict[str, int]]]:
    """Per (return, year) of the 903 and CIN census: children in the current load, children with an error
    finding, and children by rule."""
    from clearsight.warehouse.summary import records_in_load

    out = {}
    for code in ("ssda903", "cin"):
        for year in years:
            row = con.execute("SELECT load_id FROM current_loads WHERE return_code = ? AND year = ?",
                              [code, year]).fetchone()
            if row is None:
                continue
            load_id = row[0]
            total, _ = records_in_load(con, code, load_id)
            by_rule: dict[str, set] = {}
            for rule, origin, child in con.execute(
                    "SELECT rule, origin, child_id FROM load_findings WHERE load_id = ?", [load_id]).fetchall():
                if is_error(rule, origin):
                    by_rule.setdefault(rule, set()).add(child)
            flagged = set().union(*by_rule.values()) if by_rule else set()
            out[(code, year)] = (total, len(flagged), {r: len(c) for r, c in sorted(by_rule.items())})
    return out


def council_ranges() -> dict[str, dict]:
    """Measure id -> the range of English councils the synthetic council should stay inside: the lowest and highest
    council in the DfE table England's figure comes from (``reference/measures/england.csv``), else the approximate
    range of ``synth/data/council_range.csv`` for measures whose council table is not in the reference data."""
    from clearsight.measures.registry import all_measures
    from clearsight.synth.params import council_range

    out = dict(council_range())
    for mid, m in all_measures().items():
        fig = m.england_figure
        if fig is not None and fig.la_lowest is not None and fig.la_highest is not None:
            out[mid] = {"measure": mid, "low": fig.la_lowest, "high": fig.la_highest, "release": fig.release,
                        "table": fig.table, "year": fig.la_period, "basis": "published"}
    return out


def england_of(mid: str) -> tuple[float | None, str]:
    from clearsight.measures.registry import all_measures

    m = all_measures().get(mid)
    return (m.england, m.england_period) if m is not None else (None, "")


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.1f}%" if unit == "proportion" else f"{value:.1f}"


def table_markdown(cal: Calibration) -> str:
    """The calibration table (measures, then children with errors), in Markdown."""
    from clearsight.measures.registry import all_measures

    measures, ranges = all_measures(), council_ranges()
    lines = [f"`clearsight demo` council: {cal.children:,} children a year, seed {cal.seed}; history "
             f"{cal.history[0]} to {cal.history[-1]} loaded first. England: the measure's figure and period "
             "(`reference/measures/england.csv`); councils' range: the lowest and highest council in the same DfE table "
             "(`reference/measures/england.csv`), else `synth/data/council_range.csv` (approximate, "
             "see below).", "",
             "| measure | " + " | ".join(cal.years) + " | England (period) | English councils | source of the range |",
             "|---|" + "---|" * len(cal.years) + "---|---|---|"]
    for mid in measure_ids():
        m = measures.get(mid)
        if m is None:
            continue
        vals = [fmt(cal.measures.get(mid, {}).get(y, (None,))[0], m.unit) for y in cal.years]
        eng, period = england_of(mid)
        rng = ranges.get(mid)
        span = f"{fmt(rng['low'], m.unit)} to {fmt(rng['high'], m.unit)}" if rng else "-"
        source = f"{rng['release']}: {rng['table']}, {rng['year']}" if rng else "-"
        lines.append(f"| {mid} {m.name} | " + " | ".join(vals) +
                     f" | {fmt(eng, m.unit)} ({period or '-'}) | {span} | {source} |")
    lines += ["", "Children with an error finding by Clearsight's rules (the load's findings; values and schema "
              "problems count as errors, queries do not):", "",
              "| return | " + " | ".join(cal.years) + " |", "|---|" + "---|" * len(cal.years)]
    for code, name in (("ssda903", "SSDA903"), ("cin", "CIN census")):
        cells = []
        for y in cal.years:
            total, flagged, _ = cal.errors.get((code, y), (0, 0, {}))
            cells.append(f"{flagged:,} of {total:,} ({100 * flagged / total:.2f}%)" if total else "-")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_markdown(doc: Path, table: str) -> None:
    text = doc.read_text()
    if START not in text or END not in text.split(START, 1)[1]:
        raise SystemExit(f"{doc} has no {START} ... {END} block to replace")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{START}\n{table}{END}{tail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--markdown", type=Path, help="replace the calibration table in this Markdown file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="synth_calibration_") as tmp:
        cal = calibrate(args.children, args.seed, Path(tmp),
                        progress=lambda s: print(s, file=sys.stderr))
    table = table_markdown(cal)
    print(table)
    print(f"({cal.seconds:.1f} s)", file=sys.stderr)
    if args.markdown:
        write_markdown(args.markdown, table)
        print(f"wrote the table into {args.markdown}", file=sys.stderr)
    for (code, year), (total, flagged, rules) in sorted(cal.errors.items()):
        top = ", ".join(f"{r} {n}" for r, n in sorted(rules.items(), key=lambda x: -x[1])[:6])
        print(f"{code} {year}: {flagged} of {total} children with an error finding; {top}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
