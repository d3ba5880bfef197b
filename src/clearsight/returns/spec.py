"""Declarative descriptions of every source table Clearsight reads.

A :class:`SourceTable` names a table as the DfE (or our extract contract) names it, the canonical
warehouse table it lands in, and its columns with their kind. One generic loader turns raw text
into typed canonical rows from these descriptions, whichever file format the text came from.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cache

import yaml

from clearsight.config import REFERENCE_DIR

# Kinds of column. ``code`` columns carry their code list; ``date`` accepts dd/mm/yyyy and ISO.
KINDS = ("id", "text", "code", "date", "int", "number", "bool", "list", "postcode")

# Postcode columns are held twice in the warehouse: as given (for display) and normalised
# (upper case, no spaces: ``ME141XX``) in ``<name>_norm``, which every lookup and comparison uses.
NORMALISED_SUFFIX = "_norm"


@dataclass(frozen=True)
class Column:
    source: str  # the name in the file (CSV header or XML element)
    name: str  # the canonical column name
    kind: str = "text"
    codes: tuple[str, ...] | None = None
    required: bool = False
    min_value: int | None = None
    max_value: int | None = None
    xml_only: bool = False  # held only by the XML form of a return (a CSV has no such column)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def normalised(self) -> str | None:
        """The canonical column holding the normalised form (postcodes), or None."""
        return self.name + NORMALISED_SUFFIX if self.kind == "postcode" else None

    @property
    def sql_type(self) -> str:
        return {
            "date": "DATE",
            "int": "INTEGER",
            "number": "DOUBLE",
            "bool": "BOOLEAN",
            "list": "VARCHAR[]",
        }.get(self.kind, "VARCHAR")


@dataclass(frozen=True)
class SourceTable:
    name: str  # the DfE / contract table name, e.g. ``Episodes``
    canonical: str  # the warehouse table, e.g. ``cla_episodes``
    columns: tuple[Column, ...]
    file_name: str = ""  # the usual file name, e.g. ``episodes.csv``
    doc: str = ""
    extra_columns: tuple[tuple[str, str], ...] = field(default=())  # (name, SQL type) set by parsers

    @property
    def source_columns(self) -> list[str]:
        """The columns a CSV file of this table has (XML-only fields excluded)."""
        return [c.source for c in self.columns if not c.xml_only]

    def column(self, source: str) -> Column:
        for c in self.columns:
            if c.source == source:
                return c
        raise KeyError(source)


def year_ending(year: str) -> int:
    """``"2024-25"`` → ``2025``, the year of the collection's 31 March reference date."""
    try:
        start, end = year.split("-")
        start_i, end_i = int(start), int(end)
    except ValueError as exc:
        raise ValueError(f"collection year {year!r} should look like 2024-25") from exc
    if len(start) != 4 or len(end) != 2 or (start_i + 1) % 100 != end_i:
        raise ValueError(f"collection year {year!r} should look like 2024-25")
    return start_i + 1


# --------------------------------------------------------------------------- SSDA903

SSDA903_TABLES = {
    # yaml key: (DfE table name, canonical table, usual file name, description)
    "header": ("Header", "cla_header", "header.csv", "One row a child in the return: sex, date of birth, ethnicity, UPN, motherhood."),
    "episodes": ("Episodes", "cla_episodes", "episodes.csv", "Episodes of care: legal status, placement, reason for new episode and for ceasing."),
    "reviews": ("Reviews", "cla_reviews", "reviews.csv", "Statutory reviews of looked-after children and how the child participated."),
    "uasc": ("UASC", "cla_uasc", "uasc.csv", "Unaccompanied asylum-seeking children and the date they cease to be one."),
    "oc2": ("OC2", "cla_oc2", "oc2.csv", "Health and offending outcomes of children looked after 12 months or more."),
    "oc3": ("OC3", "cla_oc3", "oc3.csv", "Care leavers aged 17-21: in touch, activity and accommodation."),
    "ad1": ("AD1", "cla_ad1", "ad1.csv", "Adoptions: decision dates and adopters."),
    "placed_adoption": ("PlacedAdoption", "cla_placed_adoption", "placed_for_adoption.csv", "Children placed for adoption and why that ended."),
    "prev_perm": ("PrevPerm", "cla_prev_perm", "previous_permanence.csv", "Permanence arrangements before this period of care."),
    "missing": ("Missing", "cla_missing", "missing.csv", "Missing and away-from-placement episodes."),
    "social_worker": ("SWEpisodes", "cla_social_workers", "social_workers.csv", "Social worker episodes (from 2023-24)."),
}

# The DfE allows partially unknown permanence dates (``zz/zz/2015``), so they are kept as text.
_TEXT_OVERRIDES = {("prev_perm", "DATE_PERM")}
_POSTCODES = {"HOME_POST", "PL_POST"}


def _apply_diff(spec: dict, diff: dict) -> None:
    for dotted, change in diff.items():
        keys = dotted.split(".")
        parent = spec
        for k in keys[:-1]:
            parent = parent.setdefault(k, {})
        last = keys[-1]
        kind = change.get("type")
        if kind in ("add", "modify"):
            parent[last] = copy.deepcopy(change["value"])
        elif kind == "remove":
            parent.pop(last, None)
        elif kind == "rename":
            parent[change["value"]] = parent.pop(last)
        else:
            raise ValueError(f"unknown schema change {kind!r} at {dotted}")


@cache
def ssda903_yaml(ending_year: int) -> dict:
    """The 903 column spec for a collection ending in ``ending_year``: the 2017 base plus diffs."""
    folder = REFERENCE_DIR / "ssda903"
    spec = yaml.safe_load((folder / "SSDA903_schema_2017.yml").read_text())
    diffs = sorted(folder.glob("SSDA903_schema_*.diff.yml"))
    for path in diffs:
        diff_year = int(path.name.split("_")[2].split(".")[0])
        if diff_year <= ending_year:
            _apply_diff(spec, yaml.safe_load(path.read_text()))
    return spec["column_map"]


def _column_from_yaml(table: str, name: str, spec: dict) -> Column:
    canonical = "child_id" if name == "CHILD" else name.lower()
    required = not spec.get("canbeblank", True)
    if name == "CHILD":
        return Column(name, canonical, "id", required=True)
    if name in _POSTCODES:
        return Column(name, canonical, "postcode", required=required)
    if (table, name) in _TEXT_OVERRIDES:
        return Column(name, canonical, "text", required=required)
    if "date" in spec:
        return Column(name, canonical, "date", required=required)
    if "category" in spec:
        codes = tuple(str(c["code"]).upper() for c in spec["category"])
        return Column(name, canonical, "code", codes=codes, required=required)
    if "numeric" in spec:
        num = spec["numeric"] or {}
        return Column(
            name, canonical, "int", required=required,
            min_value=num.get("min_value"), max_value=num.get("max_value"),
        )
    return Column(name, canonical, "text", required=required)


# The column order councils' files (and the peer validator) use; the YAML order differs in places.
SSDA903_COLUMN_ORDER = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "oc2": ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
            "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED"],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "placed_adoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "prev_perm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "social_worker": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}


@cache
def ssda903_tables(year: str) -> dict[str, SourceTable]:
    """The 903 tables of a collection year, keyed by DfE table name, with that year's code lists."""
    spec = ssda903_yaml(year_ending(year))
    tables: dict[str, SourceTable] = {}
    for key, (dfe, canonical, file_name, doc) in SSDA903_TABLES.items():
        if key not in spec:
            continue
        cols = spec[key]
        order = SSDA903_COLUMN_ORDER[key]
        columns = tuple(_column_from_yaml(key, name, cols[name]) for name in order if name in cols)
        if key == "header":
            # The XML form records each child's UASC status in the header (rule 105 checks it).
            columns += (Column("UASC", "uasc", "text", xml_only=True),)
        tables[dfe] = SourceTable(dfe, canonical, columns, file_name, doc)
    if year_ending(year) >= 2027:
        # Deprivation of liberty orders join the 903 in 2026-27. No schema file of ours has the table yet;
        # its columns are those of the DfE's 2026-27 specification as the peer validator configures them.
        tables["DoLo"] = SourceTable("DoLo", "cla_dolo", (
            Column("CHILD", "child_id", "id", required=True), Column("DOB", "dob", "date", required=True),
            Column("DOLO_START", "dolo_start", "date", required=True), Column("DOLO_END", "dolo_end", "date"),
        ), "dolo.csv", "Deprivation of liberty orders (from 2026-27).")
    return tables


def all_ssda903_tables() -> dict[str, SourceTable]:
    """Every 903 table any supported year has (the warehouse holds them all)."""
    return ssda903_tables("2026-27")


# --------------------------------------------------------------------------- CIN census

def _c(source: str, name: str, kind: str = "text", required: bool = False) -> Column:
    return Column(source, name, kind, required=required)


CIN_TABLES: dict[str, SourceTable] = {
    t.name: t
    for t in [
        SourceTable("Header", "cin_header", (
            _c("Collection", "collection"), _c("Year", "year"), _c("ReferenceDate", "reference_date", "date"),
            _c("SourceLevel", "source_level"), _c("LEA", "lea"), _c("SoftwareCode", "software_code"),
            _c("Release", "release"), _c("SerialNo", "serial_no"), _c("DateTime", "date_time"),
        ), doc="The census header: collection, year, reference date and the sending council."),
        SourceTable("ChildIdentifiers", "cin_children", (
            _c("LAchildID", "child_id", "id", True), _c("UPN", "upn"), _c("FormerUPN", "former_upn"),
            _c("UPNunknown", "upn_unknown"), _c("PersonBirthDate", "dob", "date"),
            _c("ExpectedPersonBirthDate", "expected_dob", "date"), _c("GenderCurrent", "gender_current"),
            _c("Sex", "sex"), _c("PersonDeathDate", "death_date", "date"),
            _c("Ethnicity", "ethnicity"), _c("Disabilities", "disabilities", "list"),
        ), doc="One row a child: identifiers and characteristics (the ChildIdentifiers and "
               "ChildCharacteristics modules share a row number)."),
        SourceTable("CINdetails", "cin_referrals", (
            _c("LAchildID", "child_id", "id", True), _c("CINreferralDate", "referral_date", "date"),
            _c("ReferralSource", "referral_source"), _c("PrimaryNeedCode", "primary_need"),
            _c("CINclosureDate", "closure_date", "date"), _c("ReasonForClosure", "reason_for_closure"),
            _c("DateOfInitialCPC", "date_of_initial_cpc", "date"), _c("ReferralNFA", "referral_nfa", "bool"),
        ), extra_columns=(("child_row", "INTEGER"),),
            doc="CIN episodes: one row a referral, open or closed in the year."),
        SourceTable("Assessments", "cin_assessments", (
            _c("LAchildID", "child_id", "id", True), _c("AssessmentActualStartDate", "start_date", "date"),
            _c("AssessmentInternalReviewDate", "internal_review_date", "date"),
            _c("AssessmentAuthorisationDate", "authorisation_date", "date"),
            _c("AssessmentFactors", "factors", "list"),
        ), extra_columns=(("referral_row", "INTEGER"),),
            doc="Child and family assessments and the factors identified."),
        SourceTable("CINplanDates", "cin_plans", (
            _c("LAchildID", "child_id", "id", True), _c("CINPlanStartDate", "start_date", "date"),
            _c("CINPlanEndDate", "end_date", "date"),
        ), extra_columns=(("referral_row", "INTEGER"),), doc="Child in need plans."),
        SourceTable("Section47", "cin_section47", (
            _c("LAchildID", "child_id", "id", True), _c("S47ActualStartDate", "start_date", "date"),
            _c("InitialCPCtarget", "icpc_target_date", "date"), _c("DateOfInitialCPC", "date_of_initial_cpc", "date"),
            _c("ICPCnotRequired", "icpc_not_required", "bool"),
        ), extra_columns=(("referral_row", "INTEGER"),),
            doc="Section 47 enquiries and the initial child protection conference."),
        SourceTable("ChildProtectionPlans", "cin_cp_plans", (
            _c("LAchildID", "child_id", "id", True), _c("CPPstartDate", "start_date", "date"),
            _c("CPPendDate", "end_date", "date"), _c("InitialCategoryOfAbuse", "initial_category"),
            _c("LatestCategoryOfAbuse", "latest_category"), _c("NumberOfPreviousCPP", "number_of_previous_cpp", "int"),
        ), extra_columns=(("referral_row", "INTEGER"),), doc="Child protection plans."),
        SourceTable("Reviews", "cin_cp_reviews", (
            _c("LAchildID", "child_id", "id", True), _c("CPPreviewDate", "review_date", "date"),
        ), extra_columns=(("cp_plan_row", "INTEGER"), ("reviews_block", "INTEGER")),
            doc="Child protection review conferences: one row a review date."),
    ]
}


# --------------------------------------------------------------------------- workforce census (CSWW)

CSWW_TABLES: dict[str, SourceTable] = {
    t.name: t
    for t in [
        SourceTable("Header", "csww_header", (
            _c("Collection", "collection"), _c("Year", "year"), _c("ReferenceDate", "reference_date", "date"),
            _c("SourceLevel", "source_level"), _c("LEA", "lea"), _c("SoftwareCode", "software_code"),
            _c("DateTime", "date_time"),
        ), doc="The workforce census header: reference date (30 September) and the sending council."),
        SourceTable("LALevelVacancies", "csww_vacancies", (
            _c("NumberOfVacancies", "number_of_vacancies", "number"), _c("NoAgencyFTE", "no_agency_fte", "number"),
            _c("NoAgencyHeadcount", "no_agency_headcount", "int"),
        ), doc="Council-level figures at 30 September: vacancies (FTE) and agency workers (FTE, headcount)."),
        SourceTable("CSWWWorker", "csww_workers", (
            _c("AgencyWorker", "agency_worker", "bool"), _c("SWENo", "swe_no", "text", True),
            _c("FTE", "fte", "number"), _c("PersonBirthDate", "dob", "date"), _c("GenderCurrent", "gender"),
            _c("Ethnicity", "ethnicity"), _c("QualInst", "qual_inst"), _c("QualLevel", "qual_level"),
            _c("StepUpGrad", "step_up_grad", "bool"), _c("OrgRole", "org_role"),
            _c("RoleStartDate", "role_start_date", "date"), _c("StartOrigin", "start_origin"),
            _c("RoleEndDate", "role_end_date", "date"), _c("LeaverDestination", "leaver_destination"),
            _c("ReasonLeave", "reason_leave"), _c("FTE30", "fte30", "number"), _c("Cases30", "cases30", "int"),
            _c("WorkingDaysLost", "working_days_lost", "number"), _c("ContractWeeks", "contract_weeks", "number"),
            _c("FrontlineGrad", "frontline_grad", "bool"), _c("Absat30Sept", "absent_30_sept", "bool"),
            _c("ReasonAbsence", "reason_absence"), _c("CFKSSstatus", "cfkss_status"),
        ), doc="One row a children and family social worker: employed (in post, or left in the year) or agency."),
    ]
}


# --------------------------------------------------------------------------- case-management extract

SERVICES = ("FD", "EH", "ASSESS", "CIN", "CLA", "LC", "DIS")
ROLES = ("SW", "SSW", "TM", "PA", "EHW")
REFERRAL_SOURCES = ("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B",
                    "5C", "5D", "6", "7", "8", "9", "10")


def _k(source: str, kind: str = "text", required: bool = False, codes: tuple[str, ...] | None = None) -> Column:
    return Column(source, source, "id" if source == "child_id" else kind, codes=codes, required=required)


CMS_TABLES: dict[str, SourceTable] = {
    t.name: t
    for t in [
        SourceTable("teams", "teams", (
            _k("team_id", required=True), _k("team_name", required=True),
            _k("service", "code", True, SERVICES), _k("area"),
        ), "teams.csv", "The council's social care teams."),
        SourceTable("workers", "workers", (
            _k("worker_id", required=True), _k("team_id", required=True), _k("role", "code", True, ROLES),
            _k("fte", "number", True), _k("agency", "code", True, ("0", "1")),
            _k("start_date", "date", True), _k("end_date", "date"),
        ), "workers.csv", "Social workers, managers and personal advisers, by team."),
        SourceTable("allocations", "allocations", (
            _k("child_id", required=True), _k("worker_id", required=True), _k("team_id", required=True),
            _k("allocation_type", "code", True, ("SW", "PA", "EHW")),
            _k("start_date", "date", True), _k("end_date", "date"),
        ), "allocations.csv", "Which worker and team held each child's case, and when."),
        SourceTable("contacts", "contacts", (
            _k("contact_id", required=True), _k("child_id", required=True), _k("contact_date", "date", True),
            _k("source", "code", True, REFERRAL_SOURCES), _k("outcome", "code", True, ("NFA", "EH", "REF", "INFO")),
        ), "contacts.csv", "Contacts to the front door and what became of them."),
        SourceTable("early_help", "early_help", (
            _k("episode_id", required=True), _k("child_id", required=True), _k("team_id", required=True),
            _k("start_date", "date", True), _k("assessment_completed_date", "date"), _k("end_date", "date"),
            _k("end_reason", "code", codes=("NEEDSMET", "STEPUP", "DISENG", "MOVED", "OTHER")),
        ), "early_help.csv", "Early help episodes."),
        SourceTable("visits", "visits", (
            _k("visit_id", required=True), _k("child_id", required=True), _k("worker_id", required=True),
            _k("visit_date", "date", True), _k("visit_type", "code", True, ("CIN", "CP", "CLA", "LC")),
            _k("seen", "code", True, ("0", "1")), _k("seen_alone", "code", codes=("0", "1")),
        ), "visits.csv", "Statutory visits and whether the child was seen, and seen alone."),
        SourceTable("pathway_plans", "pathway_plans", (
            _k("child_id", required=True), _k("plan_date", "date", True), _k("pa_worker_id"),
            _k("review_due_date", "date"),
        ), "pathway_plans.csv", "Care leavers' pathway plans and reviews."),
        SourceTable("return_interviews", "return_interviews", (
            _k("child_id", required=True), _k("missing_start", "date", True), _k("offered_date", "date"),
            _k("accepted", "code", codes=("0", "1")), _k("completed_date", "date"),
        ), "return_interviews.csv", "Return-home interviews after a missing episode."),
    ]
}

RETURNS = ("ssda903", "cin", "cms", "csww")
