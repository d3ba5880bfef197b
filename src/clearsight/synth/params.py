"""Rates the synthetic council is calibrated to, and the teams made better or worse.

England values come from ``reference/measures/indicators.csv``; where no national value is
published, the value used is a plausible one and is marked ``None`` under ``england``.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# measure id -> (indicator id, England value, value for ordinary teams, worse teams, better teams)
RATES: dict[str, dict] = {
    "re_referral_12m": {"indicator": "CIN02", "england": 0.226, "default": 0.226},
    "referral_nfa": {"indicator": "CIN03", "england": 0.065, "default": 0.065},
    "assessment_timeliness": {"indicator": "CIN05", "england": 0.857, "default": 0.87, "worse": 0.62, "better": 0.96},
    "icpc_timeliness": {"indicator": "CP02", "england": 0.814, "default": 0.814},
    "s47_to_icpc": {"indicator": "CP03", "england": 0.313, "default": 0.313},
    "cp_plan_2_years": {"indicator": "CP06", "england": 0.044, "default": 0.042},
    "cp_plan_3_months": {"indicator": "CP07", "england": 0.159, "default": 0.15},
    "cp_review_timeliness": {"indicator": "CP08", "england": None, "default": 0.92, "worse": 0.70, "better": 0.99},
    "cp_visit_timeliness": {"indicator": "CP09", "england": None, "default": 0.85, "worse": 0.60, "better": 0.95},
    "placement_stability": {"indicator": "CLA03", "england": 0.10, "default": 0.10, "worse": 0.20, "better": 0.05},
    "cla_review_timeliness": {"indicator": "CLA16", "england": None, "default": 0.92, "worse": 0.72, "better": 0.98},
    "health_assessment": {"indicator": "CLA07", "england": 0.89, "default": 0.94, "worse": 0.80},
    "immunisations": {"indicator": "CLA08", "england": 0.82, "default": 0.82},
    "teeth_check": {"indicator": "CLA09", "england": 0.76, "default": 0.76},
    "development_check": {"indicator": "CLA10", "england": 0.88, "default": 0.88},
    "sdq_completed": {"indicator": "CLA11", "england": 0.77, "default": 0.77},
    "missing_in_year": {"indicator": "CLA14", "england": 0.11, "default": 0.11},
    "return_interview_accepted": {"indicator": "CLA15", "england": None, "default": 0.60},
    "care_leaver_in_touch": {"indicator": "CL01", "england": 0.91, "default": 0.96, "worse": 0.84},
    "care_leaver_eet": {"indicator": "CL02", "england": 0.56, "default": 0.62},
    "care_leaver_suitable_accommodation": {"indicator": "CL03", "england": 0.85, "default": 0.95},
    "pathway_plan_timeliness": {"indicator": "CL06", "england": None, "default": 0.90, "worse": 0.65},
}

# The workforce census by collection year (by its ending year; the nearest for other years): the agency rate
# (agency FTE over agency plus employed FTE), the vacancy rate (vacancies over vacancies plus FTE in post) and
# the turnover rate (leavers' FTE over FTE in post). The council's workforce worsens to 2022-23 and then
# improves, ending near England's figures at 30 September 2025 (agency 13.0%, vacancies 14.2%, turnover
# 11.8%: the WF02-WF04 England figures); the other years are the council's own story, not England's.
WORKFORCE: dict[int, dict[str, float]] = {
    2021: {"agency": 0.15, "vacancy": 0.17, "turnover": 0.15},
    2022: {"agency": 0.17, "vacancy": 0.19, "turnover": 0.17},
    2023: {"agency": 0.19, "vacancy": 0.21, "turnover": 0.18},
    2024: {"agency": 0.17, "vacancy": 0.19, "turnover": 0.16},
    2025: {"agency": 0.15, "vacancy": 0.17, "turnover": 0.14},
    2026: {"agency": 0.12, "vacancy": 0.15, "turnover": 0.12},
}

# (team service, area or index) -> which measures that team is made worse / better at.
WORSE = {
    ("ASSESS", "East"): ["assessment_timeliness"],
    ("CIN", "North"): ["cp_review_timeliness", "cp_visit_timeliness"],
    ("CLA", 1): ["placement_stability", "cla_review_timeliness", "health_assessment"],
    ("LC", 1): ["care_leaver_in_touch", "pathway_plan_timeliness"],
}
BETTER = {
    ("ASSESS", "West"): ["assessment_timeliness"],
    ("CIN", "South"): ["cp_review_timeliness", "cp_visit_timeliness"],
    ("CLA", 2): ["placement_stability", "cla_review_timeliness"],
}

AREAS = ["North", "South", "East", "West"]

ETHNICITY = [
    ("WBRI", 66), ("WIRI", 0.4), ("WOTH", 6), ("WIRT", 0.3), ("WROM", 0.8), ("MWBC", 2.5), ("MWBA", 1.2),
    ("MWAS", 1.3), ("MOTH", 2.6), ("AIND", 1.1), ("APKN", 2.2), ("ABAN", 1.0), ("AOTH", 1.5), ("BCRB", 1.0),
    ("BAFR", 4.0), ("BOTH", 1.2), ("CHNE", 0.2), ("OOTH", 2.8), ("REFU", 0.4), ("NOBT", 2.5),
]
UASC_ETHNICITY = [("OOTH", 35), ("BAFR", 30), ("AOTH", 25), ("WOTH", 5), ("NOBT", 5)]

REFERRAL_SOURCE = [
    ("1A", 4), ("1B", 1), ("1C", 1), ("1D", 1), ("2A", 20), ("2B", 2), ("3A", 2), ("3B", 2), ("3C", 1),
    ("3D", 3), ("3E", 2), ("3F", 3), ("4", 2), ("5A", 4), ("5B", 3), ("5C", 2), ("5D", 3), ("6", 29),
    ("7", 2), ("8", 5), ("9", 1), ("10", 1),
]
PRIMARY_NEED = [("N1", 57), ("N2", 3), ("N3", 3), ("N4", 9), ("N5", 16), ("N6", 2), ("N7", 0.5), ("N8", 7), ("N9", 2.5)]
FACTORS = [
    ("3B", 30), ("4B", 25), ("3A", 20), ("4A", 18), ("16A", 15), ("17A", 15), ("1B", 12), ("2B", 12),
    ("15A", 7), ("14A", 6), ("18C", 6), ("18B", 2), ("19C", 3), ("19B", 2), ("24A", 4), ("11A", 3),
    ("10A", 3), ("5A", 3), ("5B", 3), ("6A", 3), ("6B", 4), ("2A", 3), ("1A", 2), ("7A", 1), ("3C", 2),
    ("4C", 2), ("13A", 1), ("20", 8), ("12A", 0.3), ("22A", 0.2), ("23A", 0.2), ("9A", 0.5),
]
CP_CATEGORY = [("NEG", 50), ("EMO", 37), ("PHY", 6), ("SAB", 4), ("MUL", 3)]
DISABILITY = [("MOB", 2), ("HAND", 1), ("PC", 1), ("INC", 1), ("COMM", 3), ("LD", 4), ("HEAR", 1),
              ("VIS", 1), ("BEH", 3), ("CON", 0.5), ("AUT", 5), ("DDA", 2)]
SW_REASON = [("MANAGE", 10), ("LEFTRL", 30), ("ORGRST", 10), ("TSPROC", 25), ("ABSENC", 5),
             ("CHCHAN", 3), ("PCCHAN", 7), ("OTHERS", 5)]
PLACE_CHANGE_REASON = [("CARPL", 40), ("CLOSE", 3), ("ALLEG", 2), ("STAND", 10), ("APPRR", 1), ("CREQB", 10),
                       ("CREQO", 5), ("CHILD", 8), ("LAREQ", 10), ("PLACE", 6), ("OTHER", 5)]
EET = ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"]
NEET = ["G4", "G5", "G6"]
ACCOM_SUITABLE = [("E", 30), ("U", 28), ("G", 10), ("C", 8), ("Y", 12), ("W", 4), ("D", 3), ("T", 3), ("Z", 2)]
ACCOM_UNSUITABLE = [("B", 20), ("S", 20), ("V", 20), ("X", 25), ("R", 15)]


@cache
def council_range() -> dict[str, dict]:
    """Measure id -> the range of English councils' values the synthetic council is calibrated to stay inside:
    ``low``, ``high`` and the DfE release, table and year that publish councils' figures
    (``data/council_range.csv``). The bounds are marked ``approximate``: they were set from the DfE's local
    authority figures without a stored copy of those tables to read them from, so they are wide; replace them
    with the published minimum and maximum when the tables are in the reference data. Only measures whose councils'
    table is not in ``reference/measures/england.csv`` are here (CIN05, CP06); the benchmark prefers that file."""
    with open(DATA / "council_range.csv", newline="", encoding="utf-8") as fh:
        return {row["measure"]: {**row, "low": float(row["low"]), "high": float(row["high"])}
                for row in csv.DictReader(fh)}
