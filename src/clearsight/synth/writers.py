"""Cut one collection year out of the simulated history and write its files.

Every writer reads the same children; nothing here draws from the simulation's random stream,
so a year's files never change the history. Per-child-per-year detail that the simulation did
not need (OC2 health, OC3 follow-up, review participation) is drawn from a random generator
seeded by (seed, year), so it is the same whichever other years are written.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .calendar import DateText, add_years, age_on
from .model import Child, Period
from .params import ACCOM_SUITABLE, ACCOM_UNSUITABLE, EET, NEET
from .simulate import Weighted, World

W_ACC_OK = Weighted(ACCOM_SUITABLE)
W_ACC_BAD = Weighted(ACCOM_UNSUITABLE)
W_PN = Weighted([("PN1", 40), ("PN2", 10), ("PN3", 8), ("PN4", 12), ("PN5", 15), ("PN6", 10), ("PN7", 5)])

HEADERS_903 = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "oc2": ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
            "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "placed_for_adoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "previous_permanence": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "social_workers": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}


@dataclass
class Year:
    label: str  # "2024-25"
    start: int
    end: int
    ending: int  # 2025

    @classmethod
    def parse(cls, label: str) -> Year:
        a = int(label[:4])
        if len(label) != 7 or label[4] != "-" or int(label[5:]) != (a + 1) % 100:
            raise ValueError(f"Collection year must look like 2024-25, not {label!r}")
        return cls(label, date(a, 4, 1).toordinal(), date(a + 1, 3, 31).toordinal(), a + 1)


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


def oc3_birthday(child: Child, year: Year) -> tuple[int, int] | None:
    """(age, birthday) if this care leaver is due an OC3 follow-up this year."""
    leave = [p for p in child.periods if p.route == "18" and p.end is not None]
    if not leave:
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
    """The 903 tables for one year, as lists of lists of strings (fault injection edits these)."""

    def __init__(self) -> None:
        self.tables: dict[str, list[list[str]]] = {k: [] for k in HEADERS_903}
        self.children: list[str] = []


def build_903(children: list[Child], year: Year, world: World, seed: int, dt: DateText) -> Rows903:
    uk = dt.uk
    out = Rows903()
    t = out.tables
    sex_code = (lambda s: {"M": "1", "F": "2"}[s]) if year.ending < 2025 else (lambda s: s)
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
        t["header"].append([cid, sex_code(c.sex), dob, c.ethnic, upn or unknown, mother, ""])
        out.children.append(cid)
        if oc3 is not None:
            t["oc3"].append([cid, dob, *oc3_values(c, oc3[0], rng, world)])
            continue
        for p in pers:
            for e in episodes_in_year(p, year):
                closed = e[6] is not None and e[6] <= year.end
                home = "" if c.uasc else places.postcode(c.home)
                t["episodes"].append([
                    cid, uk(e[0]), e[1], e[2], e[3], e[4], e[5], uk(e[6]) if closed else "",
                    e[7] if closed else "", e[8] if closed else "", home, places.postcode(e[9]), e[10]])
            for r in p.reviews:
                if year.start <= r <= year.end:
                    code = "PN0" if age_on(c.dob, r) < 4 else W_PN(rng)
                    t["reviews"].append([cid, dob, uk(r), code])
            for kind, s, e in p.missing:
                if year.start <= s <= year.end:
                    t["missing"].append([cid, dob, kind, uk(s), uk(e)])
            if year.start <= p.start <= year.end:
                code, la, when = p.prev_perm
                t["previous_permanence"].append([cid, dob, code, la or "", uk(when) if code != "Z1" else ""])
            if p.adoption is not None and p.adoption["date_int"] <= year.end:
                t["placed_for_adoption"].append([cid, dob, uk(p.adoption["date_int"]), "", ""])
                if p.end is not None and year.start <= p.end <= year.end and p.rec in ("E11", "E12"):
                    a = p.adoption
                    t["ad1"].append([cid, dob, uk(a["date_int"]), uk(a["date_match"]), str(a["foster_care"]),
                                     str(a["nb"]), a["sex"], a["ls"]])
        if c.uasc:
            eighteen = add_years(c.dob, 18)
            t["uasc"].append([cid, sex_code(c.sex), dob, uk(eighteen)])
        p12 = cla_12_months(c, year)
        if p12 is not None:
            t["oc2"].append([cid, dob, *oc2_values(c, year, rng, world)])
        if year.ending >= 2024:
            t["social_workers"].extend(sw_rows(c, year, pers, uk, cla_teams))
    return out


def sw_rows(c: Child, year: Year, pers: list[Period], uk, cla_teams: set[str]) -> list[list[str]]:
    """Social worker episodes of each period of care overlapping the year; the reason is why
    the episode began (FCONTA for the first of a period). The worker allocated when care ends
    stays allocated (the case goes on as a child in need), so that episode is left open."""
    from .simulate import W_SWREASON

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


def oc3_values(c: Child, age: int, rng: random.Random, world: World) -> list[str]:
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


def write_903_csv(rows: Rows903, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, header in HEADERS_903.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            fh.write(",".join(header) + "\n")
            fh.writelines(",".join(r) + "\n" for r in rows.tables[name])


def write_903_xml(rows: Rows903, path: Path) -> None:
    """The same tables in the SSDA903_CLA_2021.xsd layout (no social worker table there)."""
    t = rows.tables
    by: dict[str, dict[str, list]] = {}
    for name in ("episodes", "reviews", "uasc", "oc2", "oc3", "ad1", "placed_for_adoption",
                 "previous_permanence", "missing"):
        d: dict[str, list] = {}
        for r in t[name]:
            d.setdefault(r[0], []).append(r)
        by[name] = d

    def el(tag: str, v: str) -> str:
        return f"<{tag}>{v}</{tag}>" if v else f"<{tag}/>"

    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<EXPSSDA903>\n')
        for h in t["header"]:
            cid = h[0]
            parts = ["<CHILD><HEADER>", el("CHILDID", cid), el("UPN", h[4]), el("SEX", h[1]), el("DOB", h[2]),
                     el("ETHNIC", h[3])]
            u = by["uasc"].get(cid)
            parts.append(el("UASC", "1" if u else ""))
            if u and u[0][3]:
                parts.append(el("DUC", u[0][3]))
            ad = by["ad1"].get(cid)
            if ad:
                a = ad[0]
                parts += [el("DATE_INT", a[2]), el("DATE_MATCH", a[3]), el("FOSTER_CARE", a[4]),
                          el("NB_ADOPTR", a[5]), el("SEX_ADOPTR", a[6]), el("LS_ADOPTR", a[7])]
            oc3 = by["oc3"].get(cid)
            if oc3:
                o = oc3[0]
                parts += [el("IN_TOUCH", o[2]), el("ACTIV", o[3]), el("ACCOM", o[4])]
            for m in by["missing"].get(cid, [])[:366]:
                parts.append(f"<AMISSING>{el('MISSING', m[2])}{el('MIS_START', m[3])}{el('MIS_END', m[4])}</AMISSING>")
            for r in by["reviews"].get(cid, [])[:52]:
                parts.append(f"<AREVIEW>{el('REVIEW', r[2])}{el('REVIEW_CODE', r[3])}</AREVIEW>")
            if h[5] or h[6]:
                parts += [el("MOTHER", h[5]), el("MC_DOB", h[6])]
            pp = by["previous_permanence"].get(cid)
            if pp:
                p = pp[-1]
                parts.append(f"<PERMANENCE>{el('PREV_PERM', p[2])}{el('LA_PERM', p[3])}{el('DATE_PERM', p[4])}</PERMANENCE>")
            oc2 = by["oc2"].get(cid)
            if oc2:
                o = oc2[0]
                names = HEADERS_903["oc2"][2:]
                parts.append("<OC2>" + "".join(el(n, v) for n, v in zip(names, o[2:], strict=True) if v) + "</OC2>")
            for p in by["placed_for_adoption"].get(cid, []):
                parts.append(f"<AD_PLACED>{el('DATE_PLACED', p[2])}"
                             + (el("DATE_PLACED_CEASED", p[3]) + el("REASON_PLACED_CEASED", p[4]) if p[3] else "")
                             + "</AD_PLACED>")
            parts.append("</HEADER>")
            for e in by["episodes"].get(cid, [])[:366]:
                parts.append("<EPISODE>" + el("DECOM", e[1]) + el("RNE", e[2]) + el("LS", e[3]) + el("CIN", e[4])
                             + el("PL", e[5]) + el("PL_POST", e[11]) + el("HOME_POST", e[10]) + el("URN", e[12])
                             + el("PLACE_PROVIDER", e[6]) + el("DEC", e[7]) + el("REC", e[8])
                             + el("REASON_PLACE_CHANGE", e[9]) + "</EPISODE>")
            parts.append("</CHILD>\n")
            fh.write("".join(parts))
        fh.write("</EXPSSDA903>\n")


# ---- CIN census ---------------------------------------------------------------------------------
def cin_children(children: list[Child], year: Year):
    for c in children:
        refs = [r for r in c.referrals if r.start <= year.end and (r.close is None or r.close >= year.start)]
        if refs:
            yield c, refs


def build_cin_child(c: Child, refs, year: Year, dt: DateText) -> dict:
    """A plain description of one child's CIN census record (fault injection edits this)."""
    iso = dt.iso
    ys, ye = year.start, year.end
    upn, unknown = upn_or_unknown(c, year)
    rec = {"LAchildID": c.cid, "UPN": upn, "UPNunknown": unknown, "PersonBirthDate": iso(c.dob),
           "Sex": c.sex, "Ethnicity": c.ethnic, "Disabilities": c.disabilities or ["NONE"], "details": []}
    for r in refs:
        d = {"CINreferralDate": iso(r.start), "ReferralSource": r.source, "PrimaryNeedCode": r.need or "",
             "CINclosureDate": iso(r.close) if r.close is not None and r.close <= ye else "",
             "ReasonForClosure": r.reason if r.close is not None and r.close <= ye else "",
             "ReferralNFA": "1" if r.nfa else "0", "Assessments": [], "CINPlanDates": [], "Section47": [],
             "ChildProtectionPlans": []}
        for a_start, auth, factors in r.assessments:
            if a_start <= ye and (auth is None or auth >= ys):
                done = auth is not None and auth <= ye
                d["Assessments"].append({"AssessmentActualStartDate": iso(a_start),
                                         "AssessmentAuthorisationDate": iso(auth) if done else "",
                                         "FactorsIdentifiedAtAssessment": list(factors) if done else []})
        for s, e in r.cin_plans:
            if s <= ye and (e is None or e >= ys):
                d["CINPlanDates"].append({"CINPlanStartDate": iso(s),
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
        rec["details"].append(d)
    return rec


def cin_child_xml(rec: dict, year: Year) -> str:
    def el(tag: str, v: str) -> str:
        return f"<{tag}>{v}</{tag}>" if v != "" else ""

    sex = rec["Sex"]
    if year.ending >= 2025:
        sex_xml = el("Sex", sex)
    else:
        sex_xml = el("GenderCurrent", {"M": "1", "F": "2", "U": "0"}.get(sex, sex))
    parts = ["<Child><ChildIdentifiers>", el("LAchildID", rec["LAchildID"]), el("UPN", rec["UPN"]),
             el("UPNunknown", rec["UPNunknown"]), el("PersonBirthDate", rec["PersonBirthDate"]), sex_xml,
             "</ChildIdentifiers><ChildCharacteristics>", el("Ethnicity", rec["Ethnicity"]), "<Disabilities>",
             "".join(el("Disability", x) for x in rec["Disabilities"]), "</Disabilities></ChildCharacteristics>"]
    for d in rec["details"]:
        parts += ["<CINdetails>", el("CINreferralDate", d["CINreferralDate"]), el("ReferralSource", d["ReferralSource"]),
                  el("PrimaryNeedCode", d["PrimaryNeedCode"]), el("CINclosureDate", d["CINclosureDate"]),
                  el("ReasonForClosure", d["ReasonForClosure"])]
        for a in d["Assessments"]:
            parts += ["<Assessments>", el("AssessmentActualStartDate", a["AssessmentActualStartDate"]),
                      el("AssessmentAuthorisationDate", a["AssessmentAuthorisationDate"])]
            if a["FactorsIdentifiedAtAssessment"]:
                parts.append("<FactorsIdentifiedAtAssessment>"
                             + "".join(el("AssessmentFactors", f) for f in a["FactorsIdentifiedAtAssessment"])
                             + "</FactorsIdentifiedAtAssessment>")
            parts.append("</Assessments>")
        for p in d["CINPlanDates"]:
            parts.append("<CINPlanDates>" + el("CINPlanStartDate", p["CINPlanStartDate"])
                         + el("CINPlanEndDate", p["CINPlanEndDate"]) + "</CINPlanDates>")
        for s in d["Section47"]:
            parts.append("<Section47>" + el("S47ActualStartDate", s["S47ActualStartDate"])
                         + el("InitialCPCtarget", s["InitialCPCtarget"]) + el("DateOfInitialCPC", s["DateOfInitialCPC"])
                         + el("ICPCnotRequired", s["ICPCnotRequired"]) + "</Section47>")
        parts.append(el("ReferralNFA", d["ReferralNFA"]))
        for p in d["ChildProtectionPlans"]:
            parts += ["<ChildProtectionPlans>", el("CPPstartDate", p["CPPstartDate"]), el("CPPendDate", p["CPPendDate"]),
                      el("InitialCategoryOfAbuse", p["InitialCategoryOfAbuse"]),
                      el("LatestCategoryOfAbuse", p["LatestCategoryOfAbuse"]),
                      el("NumberOfPreviousCPP", p["NumberOfPreviousCPP"])]
            if p["Reviews"]:
                parts.append("<Reviews>" + "".join(el("CPPreviewDate", x) for x in p["Reviews"]) + "</Reviews>")
            parts.append("</ChildProtectionPlans>")
        parts.append("</CINdetails>")
    parts.append("</Child>\n")
    return "".join(parts)


def cin_header(year: Year, old_la: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<Message><Header><CollectionDetails><Collection>CIN</Collection>'
            f"<Year>{year.ending}</Year><ReferenceDate>{year.ending}-03-31</ReferenceDate></CollectionDetails>"
            f"<Source><SourceLevel>L</SourceLevel><LEA>{old_la}</LEA><SoftwareCode>Clearsight synth</SoftwareCode>"
            f"<Release>1</Release><SerialNo>001</SerialNo><DateTime>{year.ending}-05-01T09:00:00</DateTime></Source>"
            "</Header><Children>\n")


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


def csv_writer(path: Path, header: list[str]):
    fh = open(path, "w", newline="", encoding="utf-8")
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(header)
    return fh, w
