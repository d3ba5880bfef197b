"""The children's social work workforce census (CSWW) for one year, from the synthetic council's staff.

The census describes 30 September of the collection year (30 September 2024 for 2024-25). Social
workers, senior social workers and team managers in the case-management extract's ``workers`` are
the census's workers (personal advisers and early help workers are not social workers); each one's
cases are the children allocated to them that day. The simulated staff never leave, so the census
adds leavers drawn at the year's turnover rate, and vacancies at the year's vacancy rate; which workers are
agency workers changes with the year's agency rate. The rates by year are ``params.WORKFORCE`` (written to
truth.json): the synthetic council's workforce improves from 2022-23 on, as England's did.
Written in the layout of ``reference/csww/social_work_workforce_2022.xsd``.
"""

from __future__ import annotations

import datetime as dt
import zlib
from pathlib import Path

from clearsight.returns.csww.write import write_csww_xml
from clearsight.synth.model import Child
from clearsight.synth.params import WORKFORCE
from clearsight.synth.simulate import World
from clearsight.synth.writers import Year, year_rng

SOCIAL_WORK_ROLES = {"SW": "5", "SSW": "4", "TM": "3"}  # CMS role -> CSWW OrgRole
ETHNICITIES = [("WBRI", 62), ("WOTH", 6), ("MWBC", 2), ("AIND", 4), ("APKN", 2), ("BAFR", 8), ("BCRB", 4),
               ("BOTH", 2), ("AOTH", 2), ("OOTH", 2), ("REFU", 3), ("NOBT", 3)]
SICKNESS_RATE = 0.035


def workforce_rates(year: Year) -> dict[str, float]:
    """The agency, vacancy and turnover rates of the council's census in ``year`` (the nearest year's given in
    ``WORKFORCE`` for years beyond it)."""
    ending = min(max(year.ending, min(WORKFORCE)), max(WORKFORCE))
    return WORKFORCE[ending]


def agency_in_year(worker: tuple, year: Year, seed: int) -> int:
    """1 if ``worker`` (a ``World.workers`` tuple) is an agency worker in ``year``: the worker's own draw, the
    same every year, under the year's agency rate, so a falling rate turns agency workers into employees.
    Team managers are employees."""
    if worker[2] not in ("SW", "SSW"):
        return 0
    u = (zlib.crc32(f"{seed}:{worker[0]}".encode()) % 1_000_000) / 1_000_000
    return int(u < workforce_rates(year)["agency"])


def _pick(rng, weighted):
    total = sum(w for _v, w in weighted)
    x = rng.uniform(0, total)
    for v, w in weighted:
        x -= w
        if x <= 0:
            return v
    return weighted[-1][0]


def _swe(rng) -> str:
    return "SW" + "".join(str(rng.randrange(10)) for _ in range(10))


def write_csww(children: list[Child], year: Year, world: World, seed: int, old_la: str, path: Path) -> dict:
    """Write the census XML for ``year``; return its headline figures (FTE in post, agency FTE, cases)."""
    ref = dt.date(year.cy.start_year, 9, 30)
    ref_o = ref.toordinal()
    rng = year_rng(seed, year, 31)
    cases: dict[str, int] = {}
    for c in children:
        for a in c.allocations:
            if a[2] == "SW" and a[3] <= ref_o and (a[4] is None or a[4] >= ref_o):
                cases[a[0]] = cases.get(a[0], 0) + 1
    staff = [w for w in world.workers if w[2] in SOCIAL_WORK_ROLES and w[5] <= ref_o and (w[6] is None or w[6] >= ref_o)]
    records: list[dict[str, str]] = []
    in_post_fte = agency_fte = 0.0
    agency_heads = 0
    working_days = 253
    rates = workforce_rates(year)
    for worker in staff:
        wid, _team, role, fte, _agency, start, _end = worker
        agency = agency_in_year(worker, year, seed)
        r = year_rng(seed, year, zlib.crc32(wid.encode()) % 100_000)  # stable per worker and year
        if agency:
            agency_fte += fte
            agency_heads += 1
        else:
            in_post_fte += fte
        records.append(worker_record(r, agency=int(agency), fte=fte, role=SOCIAL_WORK_ROLES[role], start=start,
                                   end=None, cases=cases.get(wid, 0),
                                   lost=round(r.expovariate(1 / (SICKNESS_RATE * working_days)) * fte, 2)))
    # Leavers in the twelve months to 30 September, at the year's turnover rate.
    leaver_fte_target = in_post_fte * rates["turnover"]
    leaver_fte = 0.0
    while leaver_fte < leaver_fte_target:
        fte = rng.choice((1.0, 1.0, 1.0, 0.8, 0.6))
        end = ref_o - rng.randrange(1, 365)
        start = end - rng.randrange(200, 3000)
        records.append(worker_record(rng, agency=0, fte=fte, role=rng.choice(("5", "5", "4", "3")), start=start,
                                   end=end, cases=0, lost=round(rng.uniform(0, 20) * fte, 2)))
        leaver_fte += fte
    # Vacancies as a share of vacancies plus FTE in post (the DfE's vacancy rate).
    vacancies = round(in_post_fte * rates["vacancy"] / (1 - rates["vacancy"]), 2)
    header = {"Collection": "CSWW", "Year": str(year.cy.start_year), "ReferenceDate": ref.isoformat(),
              "SourceLevel": "L", "LEA": old_la, "SoftwareCode": "clearsight-synth"}
    write_csww_xml(path, header, {"NumberOfVacancies": f"{vacancies:.2f}", "NoAgencyFTE": f"{agency_fte:.2f}",
                                  "NoAgencyHeadcount": str(agency_heads)}, records)
    return {"fte_in_post": round(in_post_fte, 1), "agency_fte": round(agency_fte, 1), "leaver_fte": round(leaver_fte, 1),
            "vacancies": vacancies, "cases": sum(cases.get(w[0], 0) for w in staff if not w[4])}


def worker_record(rng, *, agency: int, fte: float, role: str, start: int, end: int | None, cases: int,
                  lost: float) -> dict[str, str]:
    """One worker's census elements (drawn in this order, so a seed gives the same worker)."""
    born = dt.date(rng.randrange(1962, 2000), rng.randrange(1, 13), rng.randrange(1, 29))
    w = {
        "AgencyWorker": str(agency), "SWENo": _swe(rng), "FTE": f"{fte:.6f}", "PersonBirthDate": born.isoformat(),
        "GenderCurrent": _pick(rng, [("2", 82), ("1", 17), ("9", 1)]), "Ethnicity": _pick(rng, ETHNICITIES),
        "QualInst": "Synthetic University", "QualLevel": _pick(rng, [("1", 40), ("2", 50), ("3", 10)]),
        "StepUpGrad": str(int(rng.random() < 0.05)), "OrgRole": role,
        "RoleStartDate": dt.date.fromordinal(start).isoformat(),
        "StartOrigin": rng.choice(("1", "2", "4", "5", "9")),
    }
    if end is not None:
        w["RoleEndDate"] = dt.date.fromordinal(end).isoformat()
        w["LeaverDestination"] = rng.choice(("1", "3", "4", "7", "9"))
        w["ReasonLeave"] = rng.choice(("1", "2", "3", "5", "9", "10"))
    elif cases:
        w["Cases30"] = str(cases)
    w["WorkingDaysLost"] = f"{lost:.2f}"
    w["FrontlineGrad"] = str(int(rng.random() < 0.08))
    w["CFKSSstatus"] = rng.choice(("1", "2", "4"))
    return w
