"""Cut one collection year out of the simulated history and write its files.

Every writer reads the same children; nothing here draws from the simulation's random stream,
so a year's files never change the history. Per-child-per-year detail that the simulation did
not need (OC2 health, OC3 follow-up, review participation) is drawn from a random generator
seeded by (seed, year), so it is the same whichever other years are written.
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clearsight.returns.ssda903.spec import SSDA903_TABLES, ssda903_tables
from clearsight.returns.years import CollectionYear
from clearsight.synth.calendar import DateText, add_years, age_on
from clearsight.synth.model import Child, Period
from clearsight.synth.params import ACCOM_SUITABLE, ACCOM_UNSUITABLE, EET, NEET
from clearsight.synth.simulate import W_SWREASON, Weighted, World

W_ACC_OK = Weighted(ACCOM_SUITABLE)
W_ACC_BAD = Weighted(ACCOM_UNSUITABLE)
W_PN = Weighted([("PN1", 40), ("PN2", 10), ("PN3", 8), ("PN4", 12), ("PN5", 15), ("PN6", 10), ("PN7", 5)])

# The 903 changed its sex codes from 1/2 to M/F/U in 2024-25.
LETTER_SEX_FROM = CollectionYear(2025)


@dataclass(frozen=True)
class Year:
    """A collection year as the simulation counts days: 1 April and 31 March as day ordinals."""

    cy: CollectionYear
    start: int
    end: int

    @classmethod
    def parse(cls, label: str | CollectionYear) -> Year:
        cy = CollectionYear.parse(label)
        return cls(cy, cy.first_day.toordinal(), cy.last_day.toordinal())

    @property
    def label(self) -> str:
        return self.cy.label

    @property
    def ending(self) -> int:
        return self.cy.ending


def year_rng(seed: int, year: Year, salt: int = 0) -> random.Random:
    """One generator per (seed, year, purpose): a year's detail never depends on other years."""
    return random.Random((seed * 10_007 + year.ending) * 7 + salt)


# ---- what a child looks like in a year ---------------------------------------------------------
def has_upn(child: Child, year: Year) -> bool:
    return not child.uasc and age_on(child.dob, year.start) >= 4


def upn_or_unknown(child: Child, year: Year) -> tuple[str, str]:
    """(UPN, unknown reason) for the year; exactly one is filled."""
    if child.uasc:
        return "", "UN2"
    if has_upn(child, year):
        return child.upn, ""
    return "", "UN1"


def episodes_in_year(p: Period, year: Year) -> list[list]:
    return [e for e in p.episodes if e[0] <= year.end and (e[6] is None or e[6] >= year.start)]


def periods_in_year(child: Child, year: Year) -> list[Period]:
    return [p for p in child.periods if p.start <= year.end and (p.end is None or p.end >= year.start)]


def relevant_child(child: Child) -> bool:
    """A relevant or former relevant child (the children OC3 follows up): looked after for at least 13 weeks
    (91 days) since the 14th birthday, some of it after the 16th (rule 1001)."""
    fourteen, sixteen = add_years(child.dob, 14), add_years(child.dob, 16)
    ended = [p for p in child.periods if p.end is not None]
    after_14 = sum(max(0, p.end - max(p.start, fourteen)) for p in ended)
    after_16 = sum(max(0, p.end - max(p.start, sixteen)) for p in ended)
    return after_14 >= 91 and after_16 >= 1


def oc3_birthday(child: Child, year: Year) -> tuple[int, int] | None:
    """(age, birthday) if this care leaver is due an OC3 follow-up this year."""
    leave = [p for p in child.periods if p.route == "18" and p.end is not None]
    if not leave or not relevant_child(child):
        return None
    left = leave[-1].end
    for age in (17, 18, 19, 20, 21):
        b = add_years(child.dob, age)
        if year.start <= b <= year.end and left < b:
            return age, b
    return None


def cla_12_months(child: Child, year: Year) -> Period | None:
    cutoff = add_years(year.end, -1)
    for p in child.periods:
        if p.start <= cutoff and (p.end is None or p.end > year.end):
            return p
    return None


# ---- SSDA903 ------------------------------------------------------------------------------------
class Rows903:
    """The 903 tables for one year, keyed by DfE table name, as lists of lists of strings in the tables'
    column order (``SSDA903_TABLES``); fault injection edits these."""

    def __init__(self) -> None:
        self.tables: dict[str, list[list[str]]] = {k: [] for k in SSDA903_TABLES}
        self.children: list[str] = []


def build_903(children: list[Child], year: Year, world: World, seed: int, dt: DateText) -> Rows903:
    uk = dt.uk
    out = Rows903()
    t = out.tables
    sex_code = (lambda s: {"M": "1", "F": "2"}[s]) if year.cy < LETTER_SEX_FROM else (lambda s: s)
    with_social_workers = "SWEpisodes" in ssda903_tables(year.cy)
    places = world.places
    cla_teams = {t.team_id for t in world.by_service["CLA"]}
    rng = year_rng(seed, year)
    for c in children:
        pers = periods_in_year(c, year)
        oc3 = oc3_birthday(c, year) if not pers else None
        if not pers and oc3 is None:
            continue
        cid, dob = c.cid, uk(c.dob)
        upn, unknown = upn_or_unknown(c, year)
        mother = ""
        if pers and c.sex == "F":
            mother = "0"
        t["Header"].append([cid, sex_code(c.sex), dob, c.ethnic, upn or unknown, mother, ""])
        out.children.append(cid)
        if oc3 is not None:
            t["OC3"].append([cid, dob, *oc3_values(c, oc3[0], rng, world, year)])
            continue
        for p in pers:
            for e in episodes_in_year(p, year):
                closed = e[6] is not None and e[6] <= year.end
                home = "" if c.uasc else places.postcode(c.home)
                t["Episodes"].append([
                    cid, uk(e[0]), e[1], e[2], e[3], e[4], e[5], uk(e[6]) if closed else "",
                    e[7] if closed else "", e[8] if closed else "", home, places.postcode(e[9]), e[10]])
            for r in p.reviews:
                if year.start <= r <= year.end:
                    code = "PN0" if age_on(c.dob, r) < 4 else W_PN(rng)
                    t["Reviews"].append([cid, dob, uk(r), code])
            for kind, s, e in p.missing:
                if year.start <= s <= year.end:
                    t["Missing"].append([cid, dob, kind, uk(s), uk(e)])
            if year.start <= p.start <= year.end:
                code, la, when = p.prev_perm
                t["PrevPerm"].append([cid, dob, code, la or "", uk(when) if code != "Z1" else ""])
            if p.adoption is not None and p.adoption["date_int"] <= year.end:
                t["PlacedAdoption"].append([cid, dob, uk(p.adoption["date_int"]), "", ""])
                if p.end is not None and year.start <= p.end <= year.end and p.rec in ("E11", "E12"):
                    a = p.adoption
                    t["AD1"].append([cid, dob, uk(a["date_int"]), uk(a["date_match"]), str(a["foster_care"]),
                                     str(a["nb"]), a["sex"], a["ls"]])
        if c.uasc:
            eighteen = add_years(c.dob, 18)
            t["UASC"].append([cid, sex_code(c.sex), dob, uk(eighteen)])
        p12 = cla_12_months(c, year)
        if p12 is not None:
            t["OC2"].append([cid, dob, *oc2_values(c, year, rng, world)])
        if with_social_workers:
            t["SWEpisodes"].extend(sw_rows(c, year, pers, uk, cla_teams))
    return out


def sw_rows(c: Child, year: Year, pers: list[Period], uk, cla_teams: set[str]) -> list[list[str]]:
    """Social worker episodes of each period of care overlapping the year; the reason is why
    the episode began (FCONTA for the first of a period). The worker allocated when care ends
    stays allocated (the case goes on as a child in need), so that episode is left open."""
    rows = []
    rng = random.Random(c.idx * 31 + 17)
    for n, p in enumerate(pers):
        latest = n == len(pers) - 1
        stop = p.end if p.end is not None else year.end + 1
        allocs = sorted((a for a in c.allocations if a[2] == "SW" and a[1] in cla_teams and p.start <= a[3] < stop),
                        key=lambda a: a[3])
        for k, a in enumerate(allocs):
            reason = "FCONTA" if k == 0 else W_SWREASON(rng)
            last = k == len(allocs) - 1 and latest
            if a[3] > year.end or (a[4] is not None and a[4] < year.start and not last):
                continue
            ended = a[4] is not None and a[4] <= year.end and not last
            rows.append([c.cid, uk(c.dob), a[0], uk(a[3]), uk(a[4]) if ended else "", reason])
    return rows


def oc2_values(c: Child, year: Year, rng: random.Random, world: World) -> list[str]:
    a_end, a_start = age_on(c.dob, year.end), age_on(c.dob, year.start)
    team = world.team("CLA", c.area)
    sdq_score = sdq_reason = ""
    if a_end < 4 or a_start >= 17:
        pass
    elif a_start < 4 or a_end >= 17:
        sdq_reason = "SDQ1"
    elif rng.random() < world.rate("sdq_completed", team):
        sdq_score = str(min(40, max(0, int(rng.gauss(14, 7)))))
    else:
        sdq_reason = rng.choice(["SDQ2", "SDQ3", "SDQ4", "SDQ5"])
    convicted = ("1" if rng.random() < 0.03 else "0") if a_end >= 10 else ""
    health_check = ("1" if rng.random() < world.rate("development_check", team) else "0") if a_end < 5 else ""
    imm = "1" if rng.random() < world.rate("immunisations", team) else "0"
    teeth = "1" if rng.random() < world.rate("teeth_check", team) else "0"
    ha = "1" if rng.random() < world.rate("health_assessment", team) else "0"
    sub = "1" if a_end >= 11 and rng.random() < 0.06 else "0"
    received = offered = ""
    if sub == "1":
        received = "1" if rng.random() < 0.6 else "0"
        if received == "0":
            offered = "1" if rng.random() < 0.7 else "0"
    return [sdq_score, sdq_reason, convicted, health_check, imm, teeth, ha, sub, received, offered]


# ACTIV codes before 2021-22: full- and part-time training or employment were F3 and P3, later split into
# apprenticeships (F4, P4) and other training or employment (F5, P5).
OLD_ACTIV = {"F4": "F3", "F5": "F3", "P4": "P3", "P5": "P3"}
# RC9 (closed after assessment, referred to early help) is in the CIN census from 2022-23; RC8 before.
RC9_FROM = CollectionYear(2023)


def oc3_values(c: Child, age: int, rng: random.Random, world: World, year: Year | None = None) -> list[str]:
    values = _oc3_values(c, age, rng, world)
    if year is not None and values[1] in OLD_ACTIV:
        codes = next(col.codes for col in ssda903_tables(year.cy)["OC3"].columns if col.name == "activ")
        if values[1] not in codes:
            values[1] = OLD_ACTIV[values[1]]
    return values


def _oc3_values(c: Child, age: int, rng: random.Random, world: World) -> list[str]:
    team = world.team("LC", c.area)
    if rng.random() < world.rate("care_leaver_in_touch", team):
        in_touch = "YES"
    else:
        in_touch = rng.choices(["NO", "REFU", "NREQ"], [5, 2, 3])[0]
        return [in_touch, "0", "0"]
    activ = rng.choice(EET) if rng.random() < world.rate("care_leaver_eet", team) else rng.choice(NEET)
    while True:
        if rng.random() < world.rate("care_leaver_suitable_accommodation", team):
            acc = W_ACC_OK(rng) + "1"
        else:
            acc = W_ACC_BAD(rng) + "2"
        if age < 18 and acc[0] in "TYZ":
            continue
        return [in_touch, activ, acc]


# ---- CIN census ---------------------------------------------------------------------------------
def cin_children(children: list[Child], year: Year):
    for c in children:
        refs = [r for r in c.referrals if r.start <= year.end and (r.close is None or r.close >= year.start)]
        if refs:
            yield c, refs


def build_cin_child(c: Child, refs, year: Year, dt: DateText) -> dict:
    """One child's CIN census record, keyed as ``clearsight.returns.cin.write`` reads it (fault injection
    edits this)."""
    iso = dt.iso
    ys, ye = year.start, year.end
    upn, unknown = upn_or_unknown(c, year)
    rec = {"LAchildID": c.cid, "UPN": upn, "UPNunknown": unknown, "PersonBirthDate": iso(c.dob),
           "Sex": c.sex, "Ethnicity": c.ethnic, "Disabilities": c.disabilities or ["NONE"], "CINdetails": []}
    for r in refs:
        d = {"CINreferralDate": iso(r.start), "ReferralSource": r.source, "PrimaryNeedCode": r.need or "",
             "CINclosureDate": iso(r.close) if r.close is not None and r.close <= ye else "",
             "ReasonForClosure": (("RC8" if r.reason == "RC9" and year.cy < RC9_FROM else r.reason)
                                  if r.close is not None and r.close <= ye else ""),
             "ReferralNFA": "1" if r.nfa else "0", "Assessments": [], "CINplanDates": [], "Section47": [],
             "ChildProtectionPlans": []}
        for a_start, auth, factors in r.assessments:
            if a_start <= ye and (auth is None or auth >= ys):
                done = auth is not None and auth <= ye
                d["Assessments"].append({"AssessmentActualStartDate": iso(a_start),
                                         "AssessmentAuthorisationDate": iso(auth) if done else "",
                                         "AssessmentFactors": list(factors) if done else []})
        for s, e in r.cin_plans:
            if s <= ye and (e is None or e >= ys):
                d["CINplanDates"].append({"CINPlanStartDate": iso(s),
                                          "CINPlanEndDate": iso(e) if e is not None and e <= ye else ""})
        for s, target, icpc, not_required in r.s47s:
            if (ys <= s <= ye) or (icpc is not None and ys <= icpc <= ye):
                held = icpc is not None and icpc <= ye
                d["Section47"].append({"S47ActualStartDate": iso(s), "InitialCPCtarget": iso(target),
                                       "DateOfInitialCPC": iso(icpc) if held else "",
                                       "ICPCnotRequired": "1" if not_required else "0"})
        for s, e, cat, latest, prev, reviews in r.cp_plans:
            if s <= ye and (e is None or e >= ys):
                d["ChildProtectionPlans"].append({
                    "CPPstartDate": iso(s), "CPPendDate": iso(e) if e is not None and e <= ye else "",
                    "InitialCategoryOfAbuse": cat, "LatestCategoryOfAbuse": latest if e is None or e > ye or True else latest,
                    "NumberOfPreviousCPP": str(prev), "Reviews": [iso(x) for x in reviews if ys <= x <= ye]})
        rec["CINdetails"].append(d)
    return rec


# ---- Ofsted provider list -----------------------------------------------------------------------
OFSTED_PROVIDER_COLUMNS = [
    "Local authority", "URN", "Provider type", "Provider subtype", "Sector", "Provider name", "Registration date",
    "Registration status", "Deregistration date", "Placement code", "Provider address line 1",
    "Provider address line 2", "Provider town", "Provider county", "Setting address postcode",
    "Provider telephone number", "Provider email address", "Owner type", "Owner ID", "Owner name",
    "Owner address line 1", "Owner address line 2", "Owner town", "Owner county", "Owner postcode", "top_company",
    "Region", "Placement provider code", "Date of last full inspection", "Overall effectiveness", "CYP safety",
    "Leadership and management", "CYP outcomes", "Interim inspection start date",
    "Interim inspection overall effectiveness", "Assurance visit start date", "Link to Ofsted report",
    "Number of registered places", "Emotional and behavioural difficulties", "Mental disorders",
    "Sensory impairment", "Present alcohol problems", "Present drug problems", "Learning difficulty",
    "Physical disabilities", "Multi building CH", "Conditions", "Linked school URN", "Linked school name",
    "Linked school type", "Linked school latest inspection date",
]
OFSTED_SA_COLUMNS = [
    "Provider local authority", "Setting Local Authority", "URN", "Provider type", "Sector", "Provider name",
    "Registration date", "Registration status", "Closed date", "Placement code", "Setting status",
    "Setting status date", "Setting category", "Capacity", "Setting address line 1", "Setting address line 2",
    "Setting address line 3", "Setting address town", "Setting address county", "Setting address postcode",
    "Provider telephone number", "Provider email address", "Owner type", "Owner ID", "Owner name",
    "Owner address line 1", "Owner address line 2", "Owner town", "Owner county", "Owner postcode", "Conditions",
]


def write_ofsted(world: World, council_name: str, region: str, path: Path, la_names: dict[str, str]) -> None:
    """Ofsted's combined providers list (2025 layout: 'Providers' and 'SA Providers' sheets)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Providers"
    ws.append(OFSTED_PROVIDER_COLUMNS)
    sa = wb.create_sheet("SA Providers")
    sa.append(OFSTED_SA_COLUMNS)
    kinds = {"FOSTER": ("Independent Fostering Agency", "Fostering agency"), "HOME": ("Children's Home", "Children's home"),
             "ADOPT": ("Voluntary Adoption Agency", "Adoption agency"), "SCHOOL": ("Residential Special School", "School")}
    for p in world.providers:
        pc = world.places.postcode(p.pc_index)
        la = la_names.get(world.places.la_of(p.pc_index), "")
        reg = datetime.fromordinal(p.registered)
        sector = "Local authority" if p.provider_code == "PR1" else "Private"
        if p.sheet == "SA Providers":
            row = {"Provider local authority": la, "Setting Local Authority": la, "URN": p.urn,
                   "Provider type": "Supported accommodation", "Sector": sector, "Provider name": p.name,
                   "Registration date": reg, "Registration status": "Registered", "Placement code": "K3",
                   "Setting status": "Active", "Setting category": "Single occupancy", "Capacity": p.places,
                   "Setting address line 1": "1 High Street", "Setting address postcode": pc, "Owner type": "Organisation",
                   "Owner name": p.name + " Ltd", "Conditions": "None"}
            sa.append([row.get(col) for col in OFSTED_SA_COLUMNS])
            continue
        ptype, sub = kinds[p.kind]
        if p.kind == "FOSTER" and p.provider_code == "PR1":
            ptype = "Local Authority Fostering Agency"
        row = {"Local authority": la, "URN": p.urn, "Provider type": ptype, "Provider subtype": sub, "Sector": sector,
               "Provider name": p.name, "Registration date": reg, "Registration status": "Registered",
               "Placement code": p.place_codes, "Provider address line 1": "1 High Street",
               "Setting address postcode": pc, "Owner type": "Organisation", "Owner name": p.name,
               "Region": region, "Placement provider code": p.provider_code, "Number of registered places": p.places,
               "Multi building CH": "No", "Conditions": "None"}
        ws.append([row.get(col) for col in OFSTED_PROVIDER_COLUMNS])
    fixed = datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "Clearsight synth"
    buf = io.BytesIO()
    wb.save(buf)
    # Rewrite the zip with fixed timestamps so the same seed gives the same bytes.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                data = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<",
                              rb"<dcterms:\1\2>2000-01-01T00:00:00Z<", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            dst.writestr(zi, data)
