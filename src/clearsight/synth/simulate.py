"""Simulate every child's journey through children's social care, before any file is written.

The simulation runs forward from a warm-up start some years before the first collection year, so
that cases open on 1 April, earlier referrals, earlier child protection plans and care histories
exist. Each collection year's returns are then cut from this one history (see ``writers``).
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from clearsight.returns.years import CollectionYear
from clearsight.synth.calendar import WorkingDays, add_years
from clearsight.synth.model import Child, Period, Referral, Team
from clearsight.synth.params import (
    AREAS,
    BETTER,
    CP_CATEGORY,
    DISABILITY,
    ETHNICITY,
    FACTORS,
    PLACE_CHANGE_REASON,
    PRIMARY_NEED,
    RATES,
    REFERRAL_SOURCE,
    SW_REASON,
    UASC_ETHNICITY,
    WORSE,
)
from clearsight.synth.places import Places

K3_FROM = CollectionYear(2025).first_day.toordinal()  # K3 placements from 2024-25
# Placement moves (see ``Simulator.placements``): the chance that a period of care's first placement is
# followed by an early, planned move, and of a second early move; the share of unsettled periods for each
# unit of the team's CLA03 rate; moves a year once settled, and for unsettled children and teenagers.
EARLY_MOVE, SECOND_EARLY_MOVE = 0.5, 0.2
UNSETTLED_PER_STABILITY = 2.9
SETTLED_MOVES, UNSETTLED_MOVES_CHILD, UNSETTLED_MOVES_TEEN = 0.03, 0.55, 1.6
DAY = 1
YEAR = 365.25


class Weighted:
    """Fast weighted choice from a fixed list."""

    __slots__ = ("values", "cum", "total")

    def __init__(self, pairs):
        self.values = [v for v, _ in pairs]
        self.cum = []
        t = 0.0
        for _, w in pairs:
            t += w
            self.cum.append(t)
        self.total = t

    def __call__(self, rng: random.Random):
        return self.values[bisect_right(self.cum, rng.random() * self.total)]


W_ETHNIC = Weighted(ETHNICITY)
W_ETHNIC_UASC = Weighted(UASC_ETHNICITY)
W_SOURCE = Weighted(REFERRAL_SOURCE)
W_NEED = Weighted(PRIMARY_NEED)
W_FACTOR = Weighted(FACTORS)
W_CAT = Weighted(CP_CATEGORY)
W_DISAB = Weighted(DISABILITY)
W_RPC = Weighted(PLACE_CHANGE_REASON)
# Age in years at first referral.
W_AGE = Weighted([(0, 9), (1, 4.5), (2, 4.5), (3, 4), (4, 4), (5, 5), (6, 5), (7, 5), (8, 5), (9, 5), (10, 5.5),
                  (11, 5.5), (12, 6), (13, 6.5), (14, 7), (15, 7), (16, 6.5), (17, 4.5)])


def upn_check_letter(body: str) -> str:
    """DfE UPN check letter for the 12 characters that follow it."""
    total = 0
    for pos, ch in enumerate(body, start=2):
        v = int(ch) if ch.isdigit() else 0
        total += v * pos
    return "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23]


def make_upn(rng: random.Random, old_la: str) -> str:
    body = f"{old_la}{rng.randrange(10000):04d}{rng.randrange(100):02d}{rng.randrange(1000):03d}"
    return upn_check_letter(body) + body


@dataclass
class Provider:
    urn: str
    kind: str  # FOSTER, HOME, SA, ADOPT, SCHOOL
    provider_code: str
    place_codes: str
    pc_index: int
    name: str
    registered: int
    places: int
    sheet: str = "Providers"


@dataclass
class World:
    """Everything shared by all children: calendar, places, providers, teams."""

    rng: random.Random
    la_code: str
    old_la: str
    w0: int
    w1: int
    wd: WorkingDays
    places: Places
    teams: list[Team]
    by_service: dict[str, list[Team]]
    providers: list[Provider] = field(default_factory=list)
    fostering_la: Provider | None = None
    ifas: list[Provider] = field(default_factory=list)
    homes_la: list[Provider] = field(default_factory=list)
    homes_private: list[Provider] = field(default_factory=list)
    sa: list[Provider] = field(default_factory=list)
    adoption: Provider | None = None
    schools: list[Provider] = field(default_factory=list)
    worker_seq: dict[str, int] = field(default_factory=dict)
    workers: list[tuple] = field(default_factory=list)

    def team(self, service: str, area: str) -> Team:
        teams = self.by_service[service]
        if len(teams) == 1:
            return teams[0]
        if service in ("CLA", "LC"):
            return teams[0] if area in ("North", "East") else teams[1]
        for t in teams:
            if t.area == area:
                return t
        return teams[0]

    def rate(self, measure: str, team: Team | None) -> float:
        r = RATES[measure]
        if team is not None:
            if measure in team.worse and "worse" in r:
                return r["worse"]
            if measure in team.better and "better" in r:
                return r["better"]
        return r["default"]


def build_teams(n_children: int) -> tuple[list[Team], dict[str, list[Team]]]:
    specs: list[tuple[str, str, str, object]] = [("FD", "Front Door (MASH)", "", "FD")]
    for a in AREAS:
        specs.append(("EH", f"{a} Early Help", a, ("EH", a)))
    for a in AREAS:
        specs.append(("ASSESS", f"{a} Assessment Team", a, ("ASSESS", a)))
    for a in AREAS:
        specs.append(("CIN", f"{a} Children in Need and Protection", a, ("CIN", a)))
    specs.append(("CLA", "North and East Children in Care", "North", ("CLA", 1)))
    specs.append(("CLA", "South and West Children in Care", "South", ("CLA", 2)))
    specs.append(("LC", "North and East Care Leavers", "North", ("LC", 1)))
    specs.append(("LC", "South and West Care Leavers", "South", ("LC", 2)))
    specs.append(("DIS", "Disabled Children's Team", "", ("DIS", 0)))
    teams, by_service = [], {}
    for i, (service, name, area, key) in enumerate(specs, start=1):
        t = Team(f"T{i:02d}", name, service, area, key)
        t.worse = list(WORSE.get(key, []))
        t.better = list(BETTER.get(key, []))
        teams.append(t)
        by_service.setdefault(service, []).append(t)
    return teams, by_service


def staff_teams(world: World, n_children: int) -> None:
    """Give each team workers in proportion to its expected caseload (about 14 cases a worker, so that the
    caseload per case-holding social worker, WF05, comes near England's 15.2)."""
    rng = world.rng
    load = {"FD": 0.012, "EH": 0.02, "ASSESS": 0.035, "CIN": 0.045, "CLA": 0.05, "LC": 0.03, "DIS": 0.01}
    prefix = {"EH": ("EH", "EHW"), "LC": ("PA", "PA")}
    for t in world.teams:
        n = max(3, round(n_children * load[t.service] / 14))
        p, role = prefix.get(t.service, ("SW", "SW"))
        for k in range(n):
            seq = world.worker_seq.get(p, 0) + 1
            world.worker_seq[p] = seq
            wid = f"{p}{seq:05d}"
            if role == "SW" and k % 5 == 0:
                role_k = "SSW"
            else:
                role_k = role
            fte = 1.0 if rng.random() < 0.8 else rng.choice([0.5, 0.6, 0.8])
            agency = 1 if rng.random() < 0.13 else 0
            start = world.w0 - rng.randrange(30, 3650)
            t.workers.append(wid)
            world.workers.append((wid, t.team_id, role_k, fte, agency, start, None))
        seq = world.worker_seq.get("TM", 0) + 1
        world.worker_seq["TM"] = seq
        world.workers.append((f"TM{seq:04d}", t.team_id, "TM", 1.0, 0, world.w0 - rng.randrange(365, 3650), None))


def build_providers(world: World, n_children: int) -> None:
    rng, places = world.rng, world.places
    # Enough distinct URNs for a national-size council (a county's draw is unchanged).
    seq = iter(rng.sample(range(100000, 999999), max(5000, n_children // 10)))

    def new(kind, code, place_codes, where, name, sheet="Providers", n_places=4):
        p = Provider(f"SC{next(seq)}", kind, code, place_codes, places.pick(where), name,
                     world.w0 - rng.randrange(400, 7000), n_places, sheet)
        world.providers.append(p)
        return p

    foster_codes = "U1,U2,U3,U4,U5,U6"
    world.fostering_la = new("FOSTER", "PR1", foster_codes, "inside", "Council Fostering Service", n_places=400)
    world.ifas = [new("FOSTER", "PR4", foster_codes, rng.choice(["inside", "near"]), f"Independent Fostering Agency {i + 1}",
                      n_places=150) for i in range(max(4, n_children // 2500))]
    world.homes_la = [new("HOME", "PR1", "K2", "inside", f"Council Children's Home {i + 1}")
                      for i in range(max(2, n_children // 5000))]
    n_private = max(15, n_children // 150)
    world.homes_private = [new("HOME", "PR4", "K2", "inside" if i % 3 == 0 else ("near" if i % 3 == 1 else "far"),
                               f"Children's Home {i + 1}") for i in range(n_private)]
    world.sa = [new("SA", "PR4", "K3", "inside", f"Supported Accommodation {i + 1}",
                    sheet="SA Providers") for i in range(max(6, n_children // 1000))]
    world.adoption = new("ADOPT", "PR1", "A3,A4,A5,A6", "inside", "Regional Adoption Agency", n_places=0)
    world.schools = [new("SCHOOL", "PR4", "S1", "near" if i % 2 else "far", f"Residential School {i + 1}")
                     for i in range(max(3, n_children // 4000))]


class Simulator:
    """Runs one child's journey at a time against a shared ``World``."""

    def __init__(self, world: World):
        self.w = world
        self.rng = world.rng

    # ---- small helpers -------------------------------------------------------------------------
    def lognormal_days(self, median: float, sigma: float, lo: int, hi: int) -> int:
        v = int(median * math.exp(self.rng.gauss(0, sigma)))
        return max(lo, min(hi, v))

    def allocate(self, child: Child, team: Team, kind: str, start: int, end: int | None,
                 change_rate: float = 0.5) -> None:
        """Allocate workers from ``team`` over [start, end], changing worker now and then."""
        rng = self.rng
        t = start
        stop = end if end is not None else self.w.w1 + 1
        worker = None
        while True:
            previous = worker
            worker = team.workers[rng.randrange(len(team.workers))]
            if worker == previous:
                worker = team.workers[rng.randrange(len(team.workers))]
            # A worker holds the case for a week at least, and a change never falls in the last week.
            nxt = t + int(rng.expovariate(change_rate / YEAR)) + 7 if change_rate > 0 else stop + 1
            if nxt >= stop - 7 or nxt > self.w.w1:
                child.allocations.append([worker, team.team_id, kind, t, end])
                return
            child.allocations.append([worker, team.team_id, kind, t, nxt])
            t = nxt

    # ---- the child ------------------------------------------------------------------------------
    def new_child(self, idx: int, first_referral: int, uasc: bool = False) -> Child:
        rng, w = self.rng, self.w
        c = Child(idx)
        c.uasc = uasc
        if uasc:
            age = rng.choice([14, 15, 15, 16, 16, 16, 17])
            c.sex = "M" if rng.random() < 0.92 else "F"
            c.ethnic = W_ETHNIC_UASC(rng)
        else:
            age = W_AGE(rng)
            c.sex = "M" if rng.random() < 0.52 else "F"
            c.ethnic = W_ETHNIC(rng)
        c.dob = first_referral - age * 365 - rng.randrange(365) - 1
        if c.dob >= first_referral:
            c.dob = first_referral - 1
        c.area = AREAS[rng.randrange(4)]
        c.home = w.places.pick("inside")
        c.upn = make_upn(rng, w.old_la)
        if rng.random() < 0.12:
            c.disabilities = sorted({W_DISAB(rng) for _ in range(rng.choice([1, 1, 2, 3]))})
        # Child protection plans before the warm-up (with this or another council): with the repeat plans the
        # history makes, about a fifth of new plans are second or later ones (CP05).
        if rng.random() < 0.2 and age >= 4:
            c.prior_cpp = 1 if rng.random() < 0.8 else 2
        return c

    def simulate(self, c: Child, first: int) -> None:
        """All CIN episodes and periods of care from the first referral on."""
        rng, w = self.rng, self.w
        t = first
        eighteen = add_years(c.dob, 18)
        if rng.random() < 0.18 and not c.uasc:
            self.early_help(c, t - rng.randrange(60, 400), t, "STEPUP")
        n_cpp = c.prior_cpp
        while t < eighteen and t <= w.w1:
            ref, n_cpp, care_start = self.referral(c, t, n_cpp, eighteen)
            c.referrals.append(ref)
            if care_start is not None and care_start > eighteen - 30:
                ref.close, ref.reason, care_start = care_start, "RC7", None
            if care_start is not None:
                period = self.care(c, care_start, eighteen)
                c.periods.append(period)
                end = period.end
                if end is None:
                    ref.close = None
                    return
                ref.close = end
                ref.reason = {"E11": "RC1", "E12": "RC1", "E45": "RC4", "E46": "RC4", "E41": "RC3",
                              "E47": "RC3", "E48": "RC3"}.get(period.rec, "RC7")
                if end >= eighteen:
                    return
            if ref.close is None:
                return
            # Re-referral: a share come back within the year, others later, most never.
            u = rng.random()
            if u < 0.40:
                gap = rng.randrange(14, 300)
            elif u < 0.52:
                gap = rng.randrange(330, 1500)
            else:
                return
            t = ref.close + gap
            if rng.random() < 0.35:
                c.contacts.append((t - rng.randrange(30, 200), W_SOURCE(rng), rng.choice(["NFA", "INFO", "EH"])))

    def early_help(self, c: Child, start: int, end: int | None, reason: str | None) -> None:
        rng = self.rng
        team = self.w.team("EH", c.area)
        done = start + rng.randrange(10, 50) if rng.random() < 0.85 else None
        if done is not None and end is not None and done > end:
            done = None
        c.early_help.append([team.team_id, start, done, end, reason])
        self.allocate(c, team, "EHW", start, end, 0.3)

    def referral(self, c: Child, t: int, n_cpp: int, eighteen: int):
        """One CIN episode. Returns (referral, plans so far, date care started or None)."""
        rng, w, wd = self.rng, self.w, self.w.wd
        ref = Referral(t, "10" if c.uasc else W_SOURCE(rng))
        c.contacts.append((t - rng.choice([0, 0, 0, 1, 1, 2, 3]), ref.source, "REF"))
        front = w.team("FD", c.area)
        assess_team = w.team("DIS", c.area) if c.disabilities and rng.random() < 0.4 else w.team("ASSESS", c.area)
        ref.team = assess_team.team_id
        if c.uasc:
            ref.need = "N8"
            a_start = t
            auth = wd.add(t, rng.randrange(5, 30))
            ref.assessments.append([a_start, auth, ["9A"]])
            self.allocate(c, assess_team, "SW", t, None, 0)
            return ref, n_cpp, t
        if rng.random() < RATES["referral_nfa"]["default"]:
            ref.nfa = True
            ref.close = t
            ref.reason = "RC7"
            self.allocate(c, front, "SW", t, t, 0)
            return ref, n_cpp, None
        ref.need = W_NEED(rng)
        a_start = t + rng.choice([0, 0, 0, 1, 1, 2, 3, 5])
        on_time = rng.random() < w.rate("assessment_timeliness", assess_team)
        if on_time:
            days = max(1, int(rng.triangular(2, 45.9, 40)))
        else:
            days = 46 + min(120, int(rng.expovariate(1 / 15)))
        auth = wd.add(a_start, days)
        route = rng.random()
        age = (t - c.dob) / YEAR
        s47 = None
        if route < 0.31:
            # Not in need after assessment: closed, some referred to early help.
            factors = ["21"] if rng.random() < 0.3 else self.factors()
            ref.assessments.append([a_start, auth, factors])
            ref.close = auth + rng.choice([0, 0, 1, 2, 5])
            ref.reason = "RC9" if rng.random() < 0.35 else "RC8"
            self.allocate(c, assess_team, "SW", t, ref.close, 0)
            if ref.reason == "RC9" and rng.random() < 0.8:
                self.early_help(c, ref.close + rng.randrange(1, 20), ref.close + rng.randrange(90, 300), "NEEDSMET")
            return ref, n_cpp, None
        ref.assessments.append([a_start, auth, self.factors()])
        # Emergency entry to care straight from referral.
        if route > 0.98 and t + 2 < eighteen:
            care = a_start + rng.randrange(0, 3)
            self.allocate(c, assess_team, "SW", t, care, 0)
            if care >= auth:
                care = auth
            return ref, n_cpp, care
        plan_start = None
        if route < 0.68:
            # Section 47 enquiry after a strategy discussion.
            s_start = t + rng.choice([0, 0, 1, 1, 2, 3, 4, 6])
            if s_start > a_start:
                s_start = a_start
            target = wd.add(s_start, 15)
            if rng.random() < RATES["s47_to_icpc"]["default"] / 0.95:
                if rng.random() < RATES["icpc_timeliness"]["default"]:
                    icpc = wd.add(s_start, rng.randrange(6, 16))
                else:
                    icpc = wd.add(s_start, rng.randrange(16, 35))
                s47 = [s_start, target, icpc, 0]
            else:
                s47 = [s_start, target, None, 1]
            ref.s47s.append(s47)
        cin_team = w.team("DIS", c.area) if assess_team.service == "DIS" else w.team("CIN", c.area)
        last = max(auth, s47[2] or 0) if s47 else auth
        if s47 and s47[2] is not None and rng.random() < 0.88:
            # Child protection plan from the initial conference.
            plan_start = s47[2]
            self.allocate(c, assess_team, "SW", t, plan_start, 0)
            end, n_cpp, nxt = self.cp_plan(c, ref, plan_start, n_cpp, eighteen, cin_team)
            if end is None:
                return ref, n_cpp, None
            if end < auth:
                end = auth
            last = end
            if nxt == "CLA":
                return ref, n_cpp, end
            if nxt == "CIN":
                last = self.cin_plan(c, ref, end + 1, eighteen, cin_team)
                if last is None:
                    return ref, n_cpp, None
            ref.close = max(last, auth)
            ref.reason = "RC7"
            return ref, n_cpp, None
        if s47 and s47[2] is None and rng.random() < 0.45:
            ref.close = max(auth, s47[0]) + rng.choice([0, 1, 3])
            ref.reason = "RC7"
            self.allocate(c, assess_team, "SW", t, ref.close, 0)
            return ref, n_cpp, None
        start = max(last, auth) + rng.choice([0, 1, 2, 5])
        self.allocate(c, assess_team, "SW", t, start, 0)
        end = self.cin_plan(c, ref, start, eighteen, cin_team)
        if end is None:
            return ref, n_cpp, None
        if rng.random() < 0.03 and age < 16.5 and end + 2 < eighteen:
            ref.cin_plans[-1][1] = end
            return ref, n_cpp, end + 1
        ref.close = end
        ref.reason = "RC7"
        return ref, n_cpp, None

    def factors(self) -> list[str]:
        rng = self.rng
        n = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
        out = []
        while len(out) < n:
            f = W_FACTOR(self.rng)
            if f not in out:
                out.append(f)
        return out

    def cin_plan(self, c: Child, ref: Referral, start: int, eighteen: int, team: Team) -> int | None:
        rng = self.rng
        dur = self.lognormal_days(180, 0.6, 20, 900)
        end = start + dur
        if end >= eighteen:
            end = eighteen - 1
        if end <= start:
            end = start + 1
        if end > self.w.w1:
            ref.cin_plans.append([start, None])
            self.allocate(c, team, "SW", start, None, 0.5)
            return None
        ref.cin_plans.append([start, end])
        close = end + rng.choice([0, 0, 3, 10])
        self.allocate(c, team, "SW", start, close, 0.5)
        return close

    def cp_plan(self, c: Child, ref: Referral, start: int, n_cpp: int, eighteen: int, team: Team):
        """A child protection plan with reviews. Returns (end, plans so far, what next)."""
        rng, w, wd = self.rng, self.w, self.w.wd
        u = rng.random()
        if u < RATES["cp_plan_3_months"]["default"]:
            dur = rng.randrange(35, 91)
        elif u < RATES["cp_plan_3_months"]["default"] + RATES["cp_plan_2_years"]["default"]:
            dur = rng.randrange(731, 1000)
        else:
            dur = self.lognormal_days(250, 0.45, 92, 729)
        end = wd.next_working(start + dur)
        nxt = rng.choices(["CIN", "CLOSE", "CLA"], [56, 34, 10])[0]
        if end >= eighteen:
            end, nxt = eighteen - 3, "CLOSE"
            if end <= start + 1:
                end = start + 2
        cat = W_CAT(rng)
        latest = cat if rng.random() < 0.9 else W_CAT(rng)
        reviews = []
        p = w.rate("cp_review_timeliness", team)
        r = start + (rng.randrange(60, 90) if rng.random() < p else rng.randrange(92, 130))
        r = wd.add(r, 0)
        while r < end:
            reviews.append(r)
            r = r + (rng.randrange(150, 182) if rng.random() < p else rng.randrange(185, 230))
            r = wd.add(r, 0)
        plan = [start, end, cat, latest, n_cpp, reviews]
        ref.cp_plans.append(plan)
        if end > w.w1:
            plan[1] = None
            self.allocate(c, team, "SW", start, None, 0.5)
            return None, n_cpp + 1, None
        self.allocate(c, team, "SW", start, end, 0.5)
        return end, n_cpp + 1, nxt

    # ---- care -----------------------------------------------------------------------------------
    def care(self, c: Child, start: int, eighteen: int) -> Period:
        rng, w = self.rng, self.w
        p = Period(start)
        p.uasc = c.uasc
        age = (start - c.dob) / YEAR
        if c.uasc:
            route = "18"
        elif age < 4:
            route = rng.choices(["adopt", "sgo", "home", "long"], [36, 17, 35, 12])[0]
        elif age < 12:
            route = rng.choices(["sgo", "cao", "home", "long"], [12, 4, 54, 30])[0]
        else:
            route = rng.choices(["home", "long"], [55, 45])[0]
        if route == "adopt":
            po_date = start + rng.randrange(200, 330)
            placed_date = po_date + rng.randrange(60, 200)
            end = placed_date + rng.randrange(150, 300)
        elif route in ("sgo", "cao"):
            end = start + rng.randrange(300, 1100)
        elif route == "home":
            end = start + self.lognormal_days(160, 1.0, 8, 1800)
        else:
            end = eighteen
        if end >= eighteen:
            end, route = eighteen, "18"
        p.route = route
        # Legal status changes: (date, LS)
        if c.uasc:
            ls = [(start, "V2")]
        elif route == "adopt":
            ls = [(start, "C2"), (po_date, "E1")]
        elif route in ("sgo", "cao"):
            ls = [(start, "C2")]
        elif route == "home":
            ls = [(start, "V2")] if rng.random() < 0.55 else [(start, "C2")]
            if ls[0][1] == "C2" and end - start > 240 and rng.random() < 0.7:
                ls.append((start + rng.randrange(170, 240), "C1"))
        else:
            if age >= 13 and rng.random() < 0.5:
                ls = [(start, "V2")]
            else:
                ls = [(start, "C2")]
                if end - start > 300:
                    ls.append((start + rng.randrange(170, 280), "C1"))
        if end <= start + 1:
            end = start + 2
        ls = ls[:1] + [x for x in ls[1:] if x[0] < end - 1]
        need = "N8" if c.uasc else (c.referrals[-1].need or "N1")
        if need in ("N9", "N0"):
            need = "N1"
        placements = self.placements(c, p, start, end, route, ls, age,
                                     placed_date if route == "adopt" else None)
        # Merge change points into episodes.
        points = sorted({d for d, _ in ls} | {d for d, *_ in placements})
        li = pi = 0
        episodes = []
        for k, d in enumerate(points):
            while li + 1 < len(ls) and ls[li + 1][0] <= d:
                li += 1
            while pi + 1 < len(placements) and placements[pi + 1][0] <= d:
                pi += 1
            ls_change = ls[li][0] == d
            pl_change = placements[pi][0] == d
            rne = "S" if k == 0 else ("B" if ls_change and pl_change else ("L" if ls_change else "P"))
            _, place, prov, pl_idx, urn = placements[pi]
            episodes.append([d, rne, ls[li][1], need, place, prov, None, "X1", "", pl_idx, urn])
        for k in range(len(episodes) - 1):
            episodes[k][6] = episodes[k + 1][0]
            if episodes[k + 1][1] in ("P", "B"):
                episodes[k][8] = W_RPC(rng)
        last = episodes[-1]
        open_end = end > w.w1
        if open_end:
            p.end = None
            last[6], last[7] = None, "X1"
            last[7] = ""
        else:
            p.end = end
            last[6] = end
            p.rec = last[7] = self.reason_ceased(route, last[4], rng)
        p.episodes = episodes
        if route == "adopt":
            po = po_date
            placed = placed_date
            date_int = po - rng.randrange(20, 120)
            date_match = placed - rng.randrange(10, 60)
            if date_match <= date_int:
                date_match = date_int + 1
            nb = 2 if rng.random() < 0.8 else 1
            if nb == 2:
                sex, lsa = rng.choice([("MF", "L11"), ("MF", "L11"), ("MF", "L3"), ("FF", "L12"), ("MM", "L4"),
                                       ("FF", "L2")])
            else:
                sex, lsa = rng.choice(["F1", "F1", "M1"]), "L0"
            p.adoption = {"date_int": date_int, "date_match": date_match, "foster_care": 0, "nb": nb,
                          "sex": sex, "ls": lsa}
        if rng.random() < 0.06 and not c.uasc:
            p.prev_perm = (rng.choice(["P1", "P2", "P3"]), w.old_la,
                           start - rng.randrange(400, 3000))
        self.reviews(c, p)
        self.missing(c, p, age)
        team = w.team("CLA", c.area)
        self.allocate(c, team, "SW", start, p.end, 1.0 if "placement_stability" in team.worse else 0.5)
        if route == "18" and p.end is not None:
            lc = w.team("LC", c.area)
            c.leaver_pa_until = add_years(c.dob, 21)
            self.allocate(c, lc, "PA", p.end, c.leaver_pa_until if c.leaver_pa_until <= w.w1 else None, 0.3)
        return p

    def reason_ceased(self, route: str, place: str, rng: random.Random) -> str:
        if route == "adopt":
            return "E11" if rng.random() < 0.85 else "E12"
        if route == "sgo":
            return "E45" if rng.random() < 0.4 else "E46"
        if route == "cao":
            return "E48"
        if route == "home":
            return rng.choices(["E4A", "E4B", "E13", "E8"], [60, 10, 25, 5])[0]
        if place.startswith("U") and rng.random() < 0.35:
            return "E17"
        return rng.choices(["E5", "E6", "E8"], [60, 15, 25])[0]

    def place_for(self, c: Child, age: float, when: int, route: str, current: str | None) -> tuple[str, str, int, str]:
        """A placement: (PLACE, PLACE_PROVIDER, postcode index, URN)."""
        rng, w = self.rng, self.w
        if route in ("sgo", "cao"):
            kind = rng.choice(["U1", "U3", "U3"])
        elif age >= 16 and when >= K3_FROM and rng.random() < 0.35:
            kind = "K3"
        elif age >= 11 and rng.random() < (0.22 if not c.uasc else 0.1):
            kind = "K2"
        elif age >= 8 and rng.random() < 0.01:
            kind = "S1"
        else:
            kind = rng.choices(["U4", "U6", "U1", "U3"], [15, 60, 8, 17])[0]
        if kind.startswith("U"):
            if kind in ("U1", "U3") or rng.random() < 0.62:
                prov = w.fostering_la
            else:
                prov = w.ifas[rng.randrange(len(w.ifas))]
            if prov.provider_code == "PR1":
                pl = w.places.pick("inside")
            else:
                pl = w.places.pick(rng.choices(["inside", "near", "far"], [55, 35, 10])[0])
            if pl == c.home:
                pl = w.places.pick("near")
            return kind, prov.provider_code, pl, prov.urn
        if kind == "K2":
            prov = (w.homes_la[rng.randrange(len(w.homes_la))] if rng.random() < 0.15
                    else w.homes_private[rng.randrange(len(w.homes_private))])
        elif kind == "K3":
            prov = w.sa[rng.randrange(len(w.sa))]
        else:
            prov = w.schools[rng.randrange(len(w.schools))]
        return kind, prov.provider_code, prov.pc_index, prov.urn

    def placements(self, c: Child, p: Period, start: int, end: int, route: str, ls, age: float,
                   placed: int | None = None):
        rng, w = self.rng, self.w
        team = w.team("CLA", c.area)
        stab = w.rate("placement_stability", team)
        out = [(start, *self.place_for(c, age, start, route, None))]
        # Most moves come early: a first placement made in a hurry is often followed by a planned one
        # (then sometimes another). After that most children settle in a long-term placement and rarely
        # move; a minority (more of them teenagers, and in residential care) go on moving. The unsettled
        # share scales with the team's placement-stability rate (CLA03), so worse teams move more.
        moves: list[int] = []
        if rng.random() < EARLY_MOVE:
            t = start + self.lognormal_days(75, 0.8, 10, 400)
            moves.append(t)
            if rng.random() < SECOND_EARLY_MOVE:
                moves.append(t + self.lognormal_days(110, 0.8, 14, 500))
        unsettled = rng.random() < min(0.9, UNSETTLED_PER_STABILITY * stab)
        t = moves[-1] if moves else start
        while True:
            a = (t - c.dob) / YEAR
            rate = SETTLED_MOVES
            if unsettled:
                rate = UNSETTLED_MOVES_TEEN if a >= 11 else UNSETTLED_MOVES_CHILD
            t = t + int(rng.expovariate(rate / YEAR)) + 7
            if t >= end - 7:
                break
            moves.append(t)
        for t in sorted(moves):
            if t >= end - 7:
                break
            a = (t - c.dob) / YEAR
            nxt = self.place_for(c, a, t, route, out[-1][1])
            if nxt[2] == out[-1][3]:
                nxt = self.place_for(c, a, t, route, out[-1][1])
            if nxt[2] != out[-1][3]:
                out.append((t, *nxt))
        if placed is not None:
            out = [x for x in out if x[0] < placed - 20]
            if not out[-1][1].startswith("U"):
                out.append((placed - 20, "U6", w.fostering_la.provider_code, w.places.pick("inside"),
                            w.fostering_la.urn))
            out.append((placed, "A6", w.adoption.provider_code, w.places.pick(rng.choice(["inside", "near"])),
                        w.adoption.urn))
        if route in ("home",) and any(s in ("C1", "C2") for _, s in ls) and rng.random() < 0.12:
            last_ls = [d for d, s in ls]
            pd = end - rng.randrange(20, 120)
            if pd > max(out[-1][0], last_ls[-1]) + 7 and ls[-1][1] in ("C1", "C2"):
                out.append((pd, "P1", "PR0", c.home, ""))
        # Drop moves that collide with another change point on the same day or a day later.
        clean = [out[0]]
        for x in out[1:]:
            if x[0] > clean[-1][0] + 1:
                clean.append(x)
        return clean

    def reviews(self, c: Child, p: Period) -> None:
        rng, w, wd = self.rng, self.w, self.w.wd
        team = w.team("CLA", c.area)
        ok = w.rate("cla_review_timeliness", team)
        end = p.end if p.end is not None else w.w1 + 1
        r = wd.add(p.start, rng.randrange(8, 20) if rng.random() < ok else rng.randrange(21, 35))
        gap = 91
        while r < end:
            p.reviews.append(r)
            r = r + (rng.randrange(gap - 40, gap - 1) if rng.random() < ok else rng.randrange(gap + 2, gap + 45))
            r = wd.add(r, 0)
            gap = 182

    def missing(self, c: Child, p: Period, age: float) -> None:
        rng, w = self.rng, self.w
        if age < 10 or rng.random() > 0.45:
            if not (age >= 10 and (p.end or w.w1) - p.start > 30 and rng.random() < 0.05):
                return
        end = p.end if p.end is not None else w.w1
        n = max(1, int(rng.expovariate(1 / 4)))
        starts = sorted(rng.randrange(p.start + 1, max(p.start + 2, end - 5)) for _ in range(n))
        last_end = p.start
        for s in starts:
            kind = "M" if rng.random() < 0.8 else "A"
            e = s + (rng.choice([0, 1, 1, 2, 3, 5]) if kind == "M" else rng.choice([0, 0, 1]))
            if s <= last_end + 1 or e >= end:
                continue
            # Keep each missing period inside one episode and one collection year.
            if any(s <= ep[0] <= e + 1 for ep in p.episodes):
                continue
            if CollectionYear.containing(date.fromordinal(s)) != CollectionYear.containing(date.fromordinal(e)):
                continue
            p.missing.append([kind, s, e])
            last_end = e


W_SWREASON = Weighted(SW_REASON)
