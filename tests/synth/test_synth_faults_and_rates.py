"""Faults land where faults.json says; rates come out near their England values."""

from __future__ import annotations

import csv
import json
from datetime import date

from lxml import etree

from clearsight.synth.calendar import WorkingDays, bank_holidays, easter_sunday
from clearsight.synth.faults import in_ruleset
from clearsight.synth.simulate import upn_check_letter


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_easter_and_bank_holidays():
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2025) == date(2025, 4, 20)
    assert date(2020, 5, 8) in bank_holidays(2020)
    assert date(2022, 6, 3) in bank_holidays(2022)
    assert date(2021, 12, 27) in bank_holidays(2021) and date(2021, 12, 28) in bank_holidays(2021)
    assert len(bank_holidays(2025)) == 8


def test_working_days():
    wd = WorkingDays(2024, 2025)
    fri = date(2024, 3, 22).toordinal()
    # Good Friday 29 March and Easter Monday 1 April 2024 are not working days.
    assert wd.add(fri, 5) == date(2024, 4, 2).toordinal()
    assert wd.between(fri, date(2024, 4, 2).toordinal()) == 5


def test_upn_check_letter_known_value():
    # DfE worked example style: letter is (sum of digit x position) mod 23 in the letter table.
    body = "801200001001"
    total = sum(int(c) * i for i, c in enumerate(body, start=2))
    assert upn_check_letter(body) == "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23]


def test_faults_json_matches_files(faulty_council):
    out, _ = faulty_council
    faults = json.loads((out / "faults.json").read_text())
    assert set(faults) == {"2023-24", "2024-25"}
    codes_903, codes_cin = set(), set()
    for year, by_return in faults.items():
        for code in by_return["ssda903"]:
            assert in_ruleset("903", code, year)
            codes_903.add(code)
        for code in by_return["cin"]:
            assert in_ruleset("cin", code, year)
            codes_cin.add(code)
    assert len(codes_903) >= 10 and len(codes_cin) >= 8
    year = "2024-25"
    f903 = faults[year]["ssda903"]
    header = {r["CHILD"]: r for r in read_csv(out / year / "ssda903" / "header.csv")}
    for cid in f903.get("103", []):
        assert header[cid]["ETHNIC"] == "XXXX"
    episodes = read_csv(out / year / "ssda903" / "episodes.csv")
    for cid in f903.get("356", []):
        rows = [e for e in episodes if e["CHILD"] == cid and e["DEC"]]
        assert any(date(*map(int, reversed(e["DEC"].split("/")))) < date(*map(int, reversed(e["DECOM"].split("/"))))
                   for e in rows)
    for cid in f903.get("143", []):
        assert any(e["RNE"] == "Q" for e in episodes if e["CHILD"] == cid)
    doc = etree.parse(str(out / year / "cin_census.xml"))
    children = {c.findtext("ChildIdentifiers/LAchildID"): c for c in doc.iter("Child")}
    fcin = faults[year]["cin"]
    for cid in fcin.get("8925", []):
        plans = children[cid].findall("CINdetails/ChildProtectionPlans")
        assert any(p.findtext("CPPendDate") and p.findtext("CPPendDate") < p.findtext("CPPstartDate") for p in plans)
    for cid in fcin.get("8520", []):
        assert children[cid].findtext("ChildIdentifiers/PersonBirthDate") > "2025-03-31"
    for cid in fcin.get("8790", []):
        dis = [d.text for d in children[cid].findall("ChildCharacteristics/Disabilities/Disability")]
        assert "NONE" in dis and len(dis) > 1
    # The fault file is still well-formed and the untouched children are still there.
    assert len(children) > 300


def test_calibrated_rates(calibration_council):
    out, summary = calibration_council
    y = "2024-25"
    doc = etree.parse(str(out / y / "cin_census.xml"))
    wd = WorkingDays(2020, 2026)
    refs = on_time = done = 0
    ended = long_plans = 0
    for child in doc.iter("Child"):
        dates = sorted(date.fromisoformat(d.findtext("CINreferralDate")) for d in child.findall("CINdetails"))
        for det in child.findall("CINdetails"):
            r = date.fromisoformat(det.findtext("CINreferralDate"))
            if r >= date(2024, 4, 1):
                refs += 1
            for a in det.findall("Assessments"):
                auth = a.findtext("AssessmentAuthorisationDate")
                if auth and auth >= "2024-04-01":
                    done += 1
                    s = date.fromisoformat(a.findtext("AssessmentActualStartDate")).toordinal()
                    on_time += wd.between(s, date.fromisoformat(auth).toordinal()) <= 45
            for p in det.findall("ChildProtectionPlans"):
                e = p.findtext("CPPendDate")
                if e:
                    ended += 1
                    long_plans += (date.fromisoformat(e) - date.fromisoformat(p.findtext("CPPstartDate"))).days >= 730
        del dates
    counts = summary["years"][y]
    known = counts["children_known"]
    assert 2500 < known < 3500
    assert 0.07 < counts["looked_after"] / known < 0.15
    assert 0.78 < on_time / done < 0.92
    assert 0.01 < long_plans / ended < 0.09
    assert 0.04 < counts["referrals_nfa"] / counts["referrals"] < 0.09
    assert 0.5 < counts["referrals"] / known < 0.8
    # Children looked after with 3+ placements in the year, about 10%.
    eps = read_csv(out / y / "ssda903" / "episodes.csv")
    placements: dict[str, set] = {}
    for e in eps:
        placements.setdefault(e["CHILD"], set()).add((e["PL_POST"], e["URN"], e["PLACE"]))
    share3 = sum(1 for v in placements.values() if len(v) >= 3) / len(placements)
    assert 0.04 < share3 < 0.2
    oc3 = read_csv(out / y / "ssda903" / "oc3.csv")
    in_touch = sum(r["IN_TOUCH"] == "YES" for r in oc3) / len(oc3)
    assert 0.8 < in_touch < 0.97
