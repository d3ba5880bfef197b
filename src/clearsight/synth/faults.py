"""Deliberate faults: each chosen child gets ONE mutation aimed at one named DfE rule.

A fault changes a value so that one validation rule should fire; it never breaks the file's
structure (CSV columns stay, the XML stays well-formed). Only rules in that year's ruleset
(``reference/rules/*.csv``, column ``collection_years``) are targeted.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from clearsight.synth.simulate import upn_check_letter


@lru_cache(maxsize=2)
def _ruleset(kind: str) -> dict[str, set[str]]:
    name = {"903": "ssda903_rules.csv", "cin": "cin_rules.csv"}[kind]
    path = resources.files("clearsight") / "reference" / "rules" / name
    out: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[row["code"]] = set(row["collection_years"].split())
    return out


def in_ruleset(kind: str, code: str, year_label: str) -> bool:
    return year_label in _ruleset(kind).get(code, set())


def _uk(s: str) -> date:
    d, m, y = s.split("/")
    return date(int(y), int(m), int(d))


def _uk_str(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


# ---- SSDA903 ------------------------------------------------------------------------------------
# Each mutation: (rule code, table, predicate on the row, change to the row). Column positions follow
# the 903 tables' column order (clearsight.returns.ssda903.spec.SSDA903_TABLES).
def _set(i: int, v: str) -> Callable[[list[str]], None]:
    def f(r: list[str]) -> None:
        r[i] = v
    return f


def _dec_before_decom(r: list[str]) -> None:
    r[7] = _uk_str(_uk(r[1]) - timedelta(days=10))


def _mis_end_before_start(r: list[str]) -> None:
    r[4] = _uk_str(_uk(r[3]) - timedelta(days=3))


def _duc_after_18(r: list[str]) -> None:
    dob = _uk(r[2])
    r[3] = _uk_str(date(dob.year + 18, dob.month, min(dob.day, 28)) + timedelta(days=40))


MUTATIONS_903: list[tuple[str, str, Callable[[list[str]], bool], Callable[[list[str]], None]]] = [
    ("103", "Header", lambda r: True, _set(3, "XXXX")),
    ("168", "Header", lambda r: len(r[4]) == 13, _set(4, "A12345")),
    ("442", "Header", lambda r: True, _set(4, "")),
    ("174", "Header", lambda r: r[1] in ("1", "M"), _set(6, "01/01/2020")),
    ("612", "Header", lambda r: r[5] == "0", _set(6, "01/01/2020")),
    ("143", "Episodes", lambda r: True, _set(2, "Q")),
    ("144", "Episodes", lambda r: True, _set(3, "ZZ")),
    ("145", "Episodes", lambda r: True, _set(4, "N0")),
    ("146", "Episodes", lambda r: r[5] != "K3", _set(5, "X9")),
    ("178", "Episodes", lambda r: r[6] != "", _set(6, "PR9")),
    ("149", "Episodes", lambda r: r[8] != "", _set(8, "E99")),
    ("148", "Episodes", lambda r: r[7] != "", _set(8, "")),
    ("356", "Episodes", lambda r: r[7] != "", _dec_before_decom),
    ("392c", "Episodes", lambda r: r[11] != "", _set(11, "ZZ9 9ZZ")),
    ("166", "Reviews", lambda r: True, _set(2, "")),
    ("167", "Reviews", lambda r: True, _set(3, "PN9")),
    ("1006", "Missing", lambda r: True, _set(2, "X")),
    ("567", "Missing", lambda r: r[4] != "", _mis_end_before_start),
    ("180", "OC2", lambda r: r[2] != "", _set(2, "45")),
    ("196", "OC2", lambda r: r[3] != "", _set(3, "SDQ9")),
    ("131", "OC3", lambda r: True, _set(2, "XX")),
    ("132", "OC3", lambda r: r[2] == "YES", _set(3, "Q9")),
    ("133", "OC3", lambda r: r[2] == "YES", _set(4, "Q9")),
    ("175", "AD1", lambda r: True, _set(5, "3")),
    ("177", "AD1", lambda r: True, _set(7, "L9")),
    ("631", "PrevPerm", lambda r: True, _set(2, "P9")),
    ("304", "UASC", lambda r: True, _duc_after_18),
    ("SW02STG1", "SWEpisodes", lambda r: True, _set(2, "XY1234")),
    ("SW13STG1", "SWEpisodes", lambda r: True, _set(5, "NOPE")),
]


def inject_903(rows, year, share: float, rng: random.Random) -> dict[str, list[str]]:
    """Give ``share`` of the return's children one fault each; returns {rule: [child ids]}."""
    by_child: dict[str, dict[str, list[list[str]]]] = {}
    for table, trows in rows.tables.items():
        for r in trows:
            by_child.setdefault(r[0], {}).setdefault(table, []).append(r)
    usable = [m for m in MUTATIONS_903 if in_ruleset("903", m[0], year.label)]
    log: dict[str, list[str]] = {}
    for cid in rows.children:
        if rng.random() >= share:
            continue
        tables = by_child.get(cid, {})
        options = [(code, table, ok, change) for code, table, ok, change in usable
                   if any(ok(r) for r in tables.get(table, []))]
        if not options:
            continue
        code, table, ok, change = options[rng.randrange(len(options))]
        target = next(r for r in tables[table] if ok(r))
        change(target)
        log.setdefault(code, []).append(cid)
    return log


# ---- CIN census ---------------------------------------------------------------------------------
def _iso(d: date) -> str:
    return d.isoformat()


def _d(s: str) -> date:
    return date.fromisoformat(s)


def _details(rec):
    return rec["CINdetails"]


def _first(seq, pred):
    for x in seq:
        if pred(x):
            return x
    return None


def _cin_mutations(rec: dict, year) -> list[tuple[str, Callable[[], None]]]:
    out: list[tuple[str, Callable[[], None]]] = []
    ref_end = year.cy.reference_date
    for d in _details(rec):
        ref = _d(d["CINreferralDate"])
        a = _first(d["Assessments"], lambda a: a["AssessmentAuthorisationDate"])
        if a is not None and ref > year.cy.first_day + timedelta(days=9):
            out.append(("1103", lambda a=a, ref=ref: a.__setitem__("AssessmentActualStartDate", _iso(ref - timedelta(days=5)))))
            out.append(("8608", lambda a=a: a.__setitem__(
                "AssessmentActualStartDate", _iso(_d(a["AssessmentAuthorisationDate"]) + timedelta(days=3)))))
        if a is not None and len(a["AssessmentFactors"]) >= 1 and "21" not in a["AssessmentFactors"]:
            out.append(("8869", lambda a=a: a["AssessmentFactors"].append("21")))
            out.append(("8898", lambda a=a: a["AssessmentFactors"].append(a["AssessmentFactors"][0])))
        if d["CINclosureDate"] and d["ReasonForClosure"]:
            out.append(("8805", lambda d=d: d.__setitem__("ReasonForClosure", "")))
            if _d(d["CINclosureDate"]) > ref:
                out.append(("8630", lambda d=d, ref=ref: d.__setitem__("CINclosureDate", _iso(ref - timedelta(days=3)))))
        p = _first(d["CINplanDates"], lambda p: p["CINPlanEndDate"])
        if p is not None:
            out.append(("4011", lambda p=p: p.__setitem__("CINPlanEndDate", _iso(_d(p["CINPlanStartDate"]) - timedelta(days=4)))))
        cp = _first(d["ChildProtectionPlans"], lambda p: p["CPPendDate"])
        if cp is not None:
            out.append(("8925", lambda cp=cp: cp.__setitem__("CPPendDate", _iso(_d(cp["CPPstartDate"]) - timedelta(days=5)))))
            out.append(("8840", lambda cp=cp: cp.__setitem__("CPPendDate", cp["CPPstartDate"])))
        s = _first(d["Section47"], lambda s: s["DateOfInitialCPC"])
        if s is not None:
            icpc = _d(s["DateOfInitialCPC"])
            sat = icpc + timedelta(days=(5 - icpc.weekday()) % 7 or 7)
            if sat <= ref_end:
                out.append(("8875", lambda s=s, sat=sat: s.__setitem__("DateOfInitialCPC", _iso(sat))))
    if rec["UPN"]:
        body = rec["UPN"][1:]
        wrong = "A" if rec["UPN"][0] != "A" else "B"
        out.append(("1510", lambda: rec.__setitem__("UPN", wrong + body)))
        bad_la = "000" + body[3:]
        out.append(("1530", lambda: rec.__setitem__("UPN", upn_check_letter(bad_la) + bad_la)))
    out.append(("8520", lambda: rec.__setitem__("PersonBirthDate", _iso(ref_end + timedelta(days=20)))))
    if rec["Disabilities"] != ["NONE"]:
        out.append(("8794", lambda: rec["Disabilities"].append(rec["Disabilities"][0])))
        out.append(("8790", lambda: rec["Disabilities"].insert(0, "NONE")))
    else:
        out.append(("8790", lambda: rec["Disabilities"].append("MOB")))
    return out


def inject_cin(rec: dict, year, share: float, rng: random.Random, log: dict[str, list[str]]) -> None:
    """Maybe give this child one CIN census fault; records it in ``log``."""
    if rng.random() >= share:
        return
    options = [(code, f) for code, f in _cin_mutations(rec, year) if in_ruleset("cin", code, year.label)]
    if not options:
        return
    code, change = options[rng.randrange(len(options))]
    change()
    log.setdefault(code, []).append(rec["LAchildID"])
