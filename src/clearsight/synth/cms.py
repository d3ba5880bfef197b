"""The case-management extract (docs/cms-extract.md) for one collection year."""

from __future__ import annotations

from pathlib import Path

from clearsight.returns.cms.write import cms_csv_writers
from clearsight.synth.calendar import DateText, age_on
from clearsight.synth.csww import agency_in_year
from clearsight.synth.model import Child
from clearsight.synth.simulate import World
from clearsight.synth.writers import Year, year_rng


def _worker_on(c: Child, day: int, kinds=("SW",)) -> str | None:
    for a in c.allocations:
        if a[2] in kinds and a[3] <= day and (a[4] is None or a[4] >= day):
            return a[0]
    return None


def write_cms(children: list[Child], year: Year, world: World, seed: int, folder: Path, dt: DateText) -> None:
    """The extract's tables for ``year``, each row in its table's column order (``CMS_TABLES``)."""
    iso = dt.iso
    ys, ye = year.start, year.end
    with cms_csv_writers(folder) as w:
        for t in world.teams:
            w["teams"].writerow([t.team_id, t.name, t.service, t.area])
        for worker in world.workers:
            wid, team, role, fte, _agency, start, end = worker
            w["workers"].writerow([wid, team, role, f"{fte:.1f}", agency_in_year(worker, year, seed), iso(start),
                                   iso(end)])
        vseq = 0
        rng = year_rng(seed, year, 2)
        for c in children:
            cid = c.cid
            for a in c.allocations:
                if a[3] <= ye and (a[4] is None or a[4] >= ys):
                    w["allocations"].writerow([cid, a[0], a[1], a[2], iso(a[3]), iso(a[4]) if a[4] and a[4] <= ye else ""])
            for k, (d, source, outcome) in enumerate(c.contacts):
                if ys <= d <= ye:
                    w["contacts"].writerow([f"C{c.idx}-{k}", cid, iso(d), source, outcome])
            for k, (team, s, done, e, reason) in enumerate(c.early_help):
                if s <= ye and (e is None or e >= ys):
                    closed = e is not None and e <= ye
                    w["early_help"].writerow([f"EH{c.idx}-{k}", cid, team, iso(s), iso(done) if done and done <= ye else "",
                                              iso(e) if closed else "", reason if closed and reason else ""])
            visits = []
            for r in c.referrals:
                for s, e, *_ in r.cp_plans:
                    visits.append(("CP", s, e, 10 if rng.random() < world.rate("cp_visit_timeliness",
                                                                                world.team("CIN", c.area)) else 18))
                for s, e in r.cin_plans:
                    visits.append(("CIN", s, e, 28))
            for p in c.periods:
                visits.append(("CLA", p.start, p.end, 42))
                for kind, s, e in p.missing:
                    if kind == "M" and ys <= s <= ye:
                        offered = e + rng.choice([0, 1, 1, 2, 3]) if rng.random() < 0.92 else None
                        accepted = "" if offered is None else ("1" if rng.random() < world.rate(
                            "return_interview_accepted", None) else "0")
                        done = offered + rng.choice([0, 1, 2]) if accepted == "1" else None
                        w["return_interviews"].writerow([cid, iso(s), iso(offered), accepted, iso(done)])
            for kind, s, e, step in visits:
                lo, hi = max(s, ys), min(e if e is not None else ye, ye)
                d = s + rng.randrange(1, 6)
                while d <= hi:
                    if d >= lo:
                        worker = _worker_on(c, d)
                        if worker:
                            vseq += 1
                            seen = rng.random() < 0.95
                            alone = ("1" if rng.random() < 0.7 else "0") if seen and age_on(c.dob, d) >= 5 else ""
                            w["visits"].writerow([f"V{year.ending}{vseq:08d}", cid, worker, iso(d), kind,
                                                  "1" if seen else "0", alone])
                    d += max(3, step + rng.randrange(-3, 4))
            if c.leaver_pa_until is not None:
                team = world.team("LC", c.area)
                gap = 182 if rng.random() < world.rate("pathway_plan_timeliness", team) else 240
                leave = next(p.end for p in c.periods if p.route == "18" and p.end is not None)
                d = leave - rng.randrange(60, 200)
                while d <= min(ye, c.leaver_pa_until):
                    if d >= ys:
                        w["pathway_plans"].writerow([cid, iso(d), _worker_on(c, max(d, leave), ("PA",)) or "",
                                                     iso(d + 182)])
                    d += gap + rng.randrange(-30, 10)
