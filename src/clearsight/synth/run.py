"""``run_synth``: simulate a council's children, then write each collection year's returns."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from clearsight.returns.cin.write import write_cin_xml
from clearsight.returns.ssda903.spec import ssda903_tables
from clearsight.returns.ssda903.write import write_ssda903_csv, write_ssda903_xml
from clearsight.synth import faults as faults_mod
from clearsight.synth.calendar import DateText, WorkingDays, add_years
from clearsight.synth.cms import write_cms
from clearsight.synth.csww import workforce_rates, write_csww
from clearsight.synth.model import Child, Referral
from clearsight.synth.params import RATES
from clearsight.synth.places import Places, all_postcodes, council, la_lookup
from clearsight.synth.simulate import W_SOURCE, Simulator, World, build_providers, build_teams, staff_teams
from clearsight.synth.writers import (
    Year,
    build_903,
    build_cin_child,
    cin_children,
    periods_in_year,
    write_ofsted,
)

# New children referred a year for each child known in a year (calibrated; see docs/synth.md).
ARRIVALS_PER_KNOWN = 0.425
# Unaccompanied asylum-seeking children arriving a year for each child known in a year.
UASC_PER_KNOWN = 0.004
WARM_UP_YEARS = 3
LEGACY_YEARS = 19

Progress = Callable[[str, int, int], None]

# Where each return is written in a year's folder, by return code (the 903 is also written as ssda903.xml).
RETURN_FILES = {"ssda903": "ssda903", "cin": "cin_census.xml", "cms": "cms", "csww": "csww.xml"}


def _relevant(c: Child, first: Year, last: Year) -> bool:
    for r in c.referrals:
        if r.start <= last.end and (r.close is None or r.close >= first.start):
            return True
    for p in c.periods:
        if p.start <= last.end and (p.end is None or p.end >= first.start):
            return True
        if p.route == "18" and p.end is not None and add_years(c.dob, 22) > first.start:
            return True
    return False


def run_synth(out: Path, children: int = 20000, years: list[str] | None = None, seed: int = 1,
              faults: float = 0.0, la: str = "E10000016", progress: Progress | None = None) -> dict:
    """Generate a synthetic council in ``out``: per collection year the SSDA903 (CSV and XML), the CIN
    census XML, the case-management extract and an Ofsted provider list, plus council.json,
    truth.json and (when ``faults`` > 0) faults.json. Returns counts per year."""
    years = list(years) if years else ["2023-24", "2024-25", "2025-26"]
    yrs = sorted((Year.parse(y) for y in years), key=lambda y: y.start)
    if not 0.0 <= faults <= 1.0:
        raise ValueError("faults must be between 0 and 1")
    if children < 10:
        raise ValueError("children must be at least 10")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = progress or (lambda *_: None)
    la_info = council(la)
    kept, world = simulate_council(children, yrs, seed, la, report)

    dt = DateText()
    la_names = {code: info.la_name for code, info in la_lookup().items()}
    summary: dict = {"la_code": la, "seed": seed, "children_simulated": len(kept), "years": {}}
    fault_log: dict = {}
    frng = random.Random(seed * 104729 + 7)
    for y in yrs:
        folder = out / y.label
        folder.mkdir(parents=True, exist_ok=True)
        report(f"Writing {y.label}", 0, 4)
        rows = build_903(kept, y, world, seed, dt)
        log903 = faults_mod.inject_903(rows, y, faults, frng) if faults > 0 else {}
        # Only the tables the year's 903 has (the social worker table from 2023-24).
        write_ssda903_csv({k: v for k, v in rows.tables.items() if k in ssda903_tables(y.cy)},
                          folder / RETURN_FILES["ssda903"])
        write_ssda903_xml(rows.tables, folder / "ssda903.xml")
        report(f"Writing {y.label}", 1, 4)
        counts = {"children_known": 0, "referrals": 0, "referrals_nfa": 0, "assessments_completed": 0,
                  "s47_enquiries": 0, "cp_plans_started": 0, "cp_plans_31_march": 0}
        logcin: dict[str, list[str]] = {}

        def cin_records(y: Year = y, counts: dict = counts, logcin: dict = logcin) -> Iterator[dict]:
            for c, refs in cin_children(kept, y):
                rec = build_cin_child(c, refs, y, dt)
                _count_cin(counts, refs, y)
                if faults > 0:
                    faults_mod.inject_cin(rec, y, faults, frng, logcin)
                yield rec

        write_cin_xml(folder / RETURN_FILES["cin"], y.cy, cin_header(y, la_info.old_la_code), cin_records())
        report(f"Writing {y.label}", 2, 4)
        write_cms(kept, y, world, seed, folder / RETURN_FILES["cms"], dt)
        report(f"Writing {y.label}", 3, 4)
        write_ofsted(world, la_info.la_name, la_info.region, folder / "ofsted_providers.xlsx", la_names)
        counts["workforce"] = write_csww(kept, y, world, seed, la_info.old_la_code, folder / RETURN_FILES["csww"])
        report(f"Writing {y.label}", 4, 4)
        t = rows.tables
        counts.update({
            "looked_after": sum(1 for c in kept if periods_in_year(c, y)),
            "looked_after_31_march": sum(1 for c in kept if any(p.start <= y.end and (p.end is None or p.end > y.end)
                                                                   for p in c.periods)),
            "started_care": sum(1 for c in kept for p in c.periods if y.start <= p.start <= y.end),
            "care_leavers_oc3": len(t["OC3"]),
            "adopted": len(t["AD1"]),
            "uasc": len(t["UASC"]),
        })
        summary["years"][y.label] = counts
        if faults > 0:
            fault_log[y.label] = {"ssda903": log903, "cin": logcin}
    population = int(round(children * 14.0, -2))
    (out / "council.json").write_text(json.dumps({
        "la_code": la, "la_name": la_info.la_name, "old_la_code": la_info.old_la_code,
        "region": la_info.region, "population_0_17": population}, indent=2) + "\n")
    (out / "truth.json").write_text(json.dumps(truth(world, yrs), indent=2) + "\n")
    if faults > 0:
        (out / "faults.json").write_text(json.dumps(fault_log, indent=2, sort_keys=True) + "\n")
    summary["population_0_17"] = population
    return summary


def simulate_council(children: int, yrs: list[Year], seed: int, la: str, report: Progress) -> tuple[list[Child], World]:
    """Simulate the council's children from the warm-up to the end of the last year; the children any of
    ``yrs`` describes, with ids, sorted by id, and the world they live in. Nothing is written."""
    first, last = yrs[0], yrs[-1]
    la_info = council(la)
    rng = random.Random(seed)
    w0 = first.start - int(WARM_UP_YEARS * 365.25)
    legacy0 = first.start - int(LEGACY_YEARS * 365.25)
    wd = WorkingDays(date.fromordinal(legacy0).year - 1, date.fromordinal(last.end).year + 2)
    places = Places(la, random.Random(seed * 7919 + 1))
    all_postcodes.cache_clear()
    teams, by_service = build_teams(children)
    world = World(rng=rng, la_code=la, old_la=la_info.old_la_code, w0=w0, w1=last.end, wd=wd, places=places,
                  teams=teams, by_service=by_service)
    staff_teams(world, children)
    build_providers(world, children)
    sim = Simulator(world)

    kept: list[Child] = []
    span = (last.end - w0) / 365.25
    n_main = int(children * ARRIVALS_PER_KNOWN * span)
    n_uasc = int(children * UASC_PER_KNOWN * (span + 4))
    n_total = n_main + n_uasc
    idx = 0
    care_starts = 0
    arrivals = sorted(rng.randrange(w0, last.end + 1) for _ in range(n_main))
    uasc_arrivals = sorted(rng.randrange(w0 - 4 * 365, last.end + 1) for _ in range(n_uasc))
    done = 0
    for t, uasc in sorted([(t, False) for t in arrivals] + [(t, True) for t in uasc_arrivals]):
        idx += 1
        c = sim.new_child(idx, t, uasc)
        if uasc:
            _uasc_referral(sim, c, t)
        else:
            sim.simulate(c, t)
        if not uasc:
            care_starts += sum(1 for p in c.periods if first.start <= p.start <= last.end)
        if _relevant(c, first, last):
            kept.append(c)
        done += 1
        if done % 2000 == 0:
            report("Simulating children", done, n_total)
    report("Simulating children", n_total, n_total)
    # Children who came into care before the warm-up and may still be in care or care leavers.
    per_year = care_starts / max(1e-9, (last.end - first.start) / 365.25)
    n_legacy = int(per_year * (w0 - legacy0) / 365.25)
    for k in range(n_legacy):
        t = rng.randrange(legacy0, w0)
        idx += 1
        c = sim.new_child(idx, t)
        eighteen = add_years(c.dob, 18)
        if t + 30 >= eighteen:
            continue
        ref = Referral(t, sim_source(sim))
        ref.need = "N1"
        ref.assessments.append([t, wd.add(t, rng.randrange(10, 40)), sim.factors()])
        c.referrals.append(ref)
        period = sim.care(c, t + rng.randrange(0, 5), eighteen)
        c.periods.append(period)
        if period.end is not None:
            ref.close = period.end
            ref.reason = {"E11": "RC1", "E12": "RC1", "E45": "RC4", "E46": "RC4", "E48": "RC3"}.get(period.rec, "RC7")
        if _relevant(c, first, last):
            kept.append(c)
        if k % 2000 == 0:
            report("Simulating care histories", k, n_legacy)
    report("Simulating care histories", n_legacy, n_legacy)

    ids = rng.sample(range(1_000_000, 9_999_999), len(kept))
    for c, cid in zip(kept, ids, strict=True):
        c.cid = str(cid)
    kept.sort(key=lambda c: c.cid)

    return kept, world


def sim_source(sim: Simulator) -> str:
    return W_SOURCE(sim.rng)


def cin_header(y: Year, old_la: str) -> dict[str, str]:
    """The synthetic council's CIN census header for a year."""
    return {"Collection": "CIN", "Year": str(y.ending), "ReferenceDate": y.cy.reference_date.isoformat(),
            "SourceLevel": "L", "LEA": old_la, "SoftwareCode": "Clearsight synth", "Release": "1", "SerialNo": "001",
            "DateTime": f"{y.ending}-05-01T09:00:00"}


def _uasc_referral(sim: Simulator, c: Child, t: int) -> Referral:
    """UASC: referred on arrival and looked after the same day until 18."""
    ref = Referral(t, "10")
    ref.need = "N8"
    ref.assessments.append([t, sim.w.wd.add(t, sim.rng.randrange(5, 30)), ["9A"]])
    c.referrals.append(ref)
    period = sim.care(c, t, add_years(c.dob, 18))
    c.periods.append(period)
    if period.end is not None:
        ref.close, ref.reason = period.end, "RC7"
    team = sim.w.team("ASSESS", c.area)
    ref.team = team.team_id
    return ref


def _count_cin(counts: dict, refs: list[Referral], y: Year) -> None:
    counts["children_known"] += 1
    for r in refs:
        if y.start <= r.start <= y.end:
            counts["referrals"] += 1
            counts["referrals_nfa"] += r.nfa
        for a in r.assessments:
            if a[1] is not None and y.start <= a[1] <= y.end:
                counts["assessments_completed"] += 1
        counts["s47_enquiries"] += sum(1 for s in r.s47s if y.start <= s[0] <= y.end)
        for p in r.cp_plans:
            if y.start <= p[0] <= y.end:
                counts["cp_plans_started"] += 1
            if p[0] <= y.end and (p[1] is None or p[1] > y.end):
                counts["cp_plans_31_march"] += 1


# Measures that move from year to year, and the workforce rate each follows (truth.json ``moves``); every
# other measure is drawn from rates that are the same every year, so it moves only by chance.
MOVES = {"WF02": "turnover", "WF03": "agency", "WF04": "vacancy"}


def truth(world: World, yrs: list[Year] | None = None) -> dict:
    worse = {t.team_id: list(t.worse) for t in world.teams if t.worse}
    better = {t.team_id: list(t.better) for t in world.teams if t.better}
    out = {"worse": worse, "better": better, "rates": RATES,
           "teams": {t.team_id: {"name": t.name, "service": t.service, "area": t.area} for t in world.teams},
           "steady": "every measure not in moves: its rates are the same every year",
           "moves": {mid: f"workforce.{rate}" for mid, rate in MOVES.items()}}
    if yrs:
        out["workforce"] = {y.label: workforce_rates(y) for y in yrs}
    return out
