"""The SSDA903's tables: the DfE's YAML schema (a 2017 base plus yearly diffs) gives each year's
columns and code lists; this module gives their order, their canonical names and what each means.

``SSDA903_TABLES`` holds every table's layout once (the writer and the parser both use it), keyed by
the DfE table name (``Header``, ``Episodes``, ``PlacedAdoption``, ...), which is the key everywhere:
in the parser's batches, the rules, and the synthetic council's rows.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from clearsight.config import REFERENCE_DIR
from clearsight.returns.cache import cached_json, files_key
from clearsight.returns.spec import Column, SourceTable
from clearsight.returns.years import CollectionYear

# What each 903 field means (the DfE's SSDA903 guidance); a field means the same in every table it is in.
FIELDS = {
    "CHILD": "The council's own identifier for the child, the same in every table and every year.",
    "SEX": "The child's sex: 1 male or 2 female until 2023-24; M, F or U from 2024-25.",
    "DOB": "The child's date of birth.",
    "ETHNIC": "The child's ethnic origin, as a DfE ethnicity code (e.g. WBRI).",
    "UPN": "The child's unique pupil number, or the UN1-UN10 code saying why there is none.",
    "MOTHER": "Whether the child is a mother (1 yes, 0 no); recorded for girls only.",
    "MC_DOB": "The date of birth of the child's own first child, when she is a mother.",
    "UASC": "The XML header's flag: the child is (or was) an unaccompanied asylum-seeking child.",
    "DECOM": "The date the episode of care began.",
    "RNE": "Why a new episode began: S started to be looked after, or the change (L, P, T, B, U) that opened it.",
    "LS": "The legal status under which the child is looked after (e.g. C2 full care order, V2 section 20).",
    "CIN": "The category of need: the main reason the child was being provided with services (N1-N8).",
    "PLACE": "The placement type (e.g. U1-U6 foster care, K2 children's home, A3-A6 placed for adoption).",
    "PLACE_PROVIDER": "Who provides the placement: PR0 a parent, PR1 this council, PR2 another council, PR3-PR5 others.",
    "DEC": "The date the episode ceased (empty while it is open at 31 March).",
    "REC": "Why the episode ceased (E codes when care ended; X1 when another episode follows on).",
    "REASON_PLACE_CHANGE": "Why the placement changed (e.g. CARPL care plan, ALLEG allegation), when it did.",
    "HOME_POST": "The postcode of the child's home address when the episode began.",
    "PL_POST": "The postcode of the placement.",
    "URN": "Ofsted's unique reference number of the placement's setting (XXXXXXX when there is none).",
    "REVIEW": "The date of a statutory review of the child's care plan.",
    "REVIEW_CODE": "How the child took part in the review (PN0 under 4, PN1-PN7).",
    "DUC": "The date the child ceased to be an unaccompanied asylum-seeking child (usually their 18th birthday).",
    "SDQ_SCORE": "The child's Strengths and Difficulties Questionnaire total score (0-40).",
    "SDQ_REASON": "Why there is no SDQ score (SDQ1-SDQ5).",
    "CONVICTED": "Convicted, or given a final warning or reprimand, in the year (children aged 10 or over).",
    "HEALTH_CHECK": "Development assessments up to date (children under 5).",
    "IMMUNISATIONS": "Immunisations up to date.",
    "TEETH_CHECK": "Teeth checked by a dentist in the year.",
    "HEALTH_ASSESSMENT": "The annual health assessment is up to date.",
    "SUBSTANCE_MISUSE": "Identified as having a substance misuse problem in the year.",
    "INTERVENTION_RECEIVED": "Received an intervention for the substance misuse problem.",
    "INTERVENTION_OFFERED": "Offered an intervention for the substance misuse problem, and refused it.",
    "IN_TOUCH": "Whether the council was in touch with the care leaver around their birthday (YES, NO, DIED, ...).",
    "ACTIV": "The care leaver's main activity: education, training or employment (F codes) or not (G codes).",
    "ACCOM": "The care leaver's accommodation (a letter) and whether it is suitable (1) or not (2).",
    "DATE_INT": "The date of the decision that the child should be placed for adoption.",
    "DATE_MATCH": "The date the child was matched with the prospective adopter(s).",
    "FOSTER_CARE": "Whether the child was adopted by their foster carer(s) (1 yes, 0 no).",
    "NB_ADOPTR": "The number of adopters (1 or 2).",
    "SEX_ADOPTR": "The sex of the adopter(s): M1, F1, MM, FF or MF.",
    "LS_ADOPTR": "The legal status of the adopter(s) (L0, L11, L12, L2, L3 or L4).",
    "DATE_PLACED": "The date of the decision that the child should be placed for adoption.",
    "DATE_PLACED_CEASED": "The date the child was no longer to be placed for adoption.",
    "REASON_PLACED_CEASED": "Why the child was no longer to be placed for adoption (RD1-RD4).",
    "PREV_PERM": "The permanence order the child had before this period of care (P1-P4; Z1 none or not known).",
    "LA_PERM": "The council that made the previous permanence order.",
    "DATE_PERM": "The date of the previous permanence order (parts may be unknown, as zz/zz/2015).",
    "MISSING": "M missing from placement, or A away from placement without authorisation.",
    "MIS_START": "The date the child went missing or away.",
    "MIS_END": "The date the child came back (empty if not yet).",
    "SW_ID": "The allocated social worker's identifier (their Social Work England number, starting SW).",
    "SW_DECOM": "The date this social worker's episode with the child began.",
    "SW_DEC": "The date it ended (empty while it is open).",
    "SW_REASON": "Why the social worker episode began (FCONTA the first of a period, or the reason for a change).",
    "DOLO_START": "The date the deprivation of liberty order began.",
    "DOLO_END": "The date the deprivation of liberty order ended (empty while it is in force).",
}


@dataclass(frozen=True)
class Layout:
    """One 903 table as councils' files lay it out: its YAML key, names, columns in file order, meaning."""

    key: str  # the table's key in the DfE YAML schema, e.g. ``placed_adoption``
    name: str  # the DfE table name, e.g. ``PlacedAdoption``
    canonical: str
    file_name: str
    columns: tuple[str, ...]  # the column order councils' files (and the peer validator) use
    doc: str
    required: bool = False  # the return is refused without it (SourceTable.required)
    child_key: str | None = None  # the column naming the child each row is the record of (SourceTable.key)


# ``required``: the tables every 903 needs, whatever else it holds: the children (Header) and their episodes of
# care, which nearly every rule and every looked-after measure read. The others may be absent (a council with no
# adoptions this year).
SSDA903_TABLES: dict[str, Layout] = {t.name: t for t in [
    Layout("header", "Header", "cla_header", "header.csv",
           ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
           "One row a child in the return: sex, date of birth, ethnicity, UPN, motherhood.", required=True,
           child_key="CHILD"),
    Layout("episodes", "Episodes", "cla_episodes", "episodes.csv",
           ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
            "HOME_POST", "PL_POST", "URN"),
           "Episodes of care: legal status, placement, reason for new episode and for ceasing.", required=True),
    Layout("reviews", "Reviews", "cla_reviews", "reviews.csv", ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
           "Statutory reviews of looked-after children and how the child participated."),
    Layout("uasc", "UASC", "cla_uasc", "uasc.csv", ("CHILD", "SEX", "DOB", "DUC"),
           "Unaccompanied asylum-seeking children and the date they cease to be one."),
    Layout("oc2", "OC2", "cla_oc2", "oc2.csv",
           ("CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
            "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
           "Health and offending outcomes of children looked after 12 months or more."),
    Layout("oc3", "OC3", "cla_oc3", "oc3.csv", ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
           "Care leavers aged 17-21: in touch, activity and accommodation."),
    Layout("ad1", "AD1", "cla_ad1", "ad1.csv",
           ("CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
           "Adoptions: decision dates and adopters."),
    Layout("placed_adoption", "PlacedAdoption", "cla_placed_adoption", "placed_for_adoption.csv",
           ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
           "Children placed for adoption and why that ended."),
    Layout("prev_perm", "PrevPerm", "cla_prev_perm", "previous_permanence.csv",
           ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
           "Permanence arrangements before this period of care."),
    Layout("missing", "Missing", "cla_missing", "missing.csv", ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
           "Missing and away-from-placement episodes."),
    Layout("social_worker", "SWEpisodes", "cla_social_workers", "social_workers.csv",
           ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
           "Social worker episodes (from 2023-24)."),
]}

# The XML form (``SSDA903_CLA_2021.xsd``): a ``CHILD`` holds a ``HEADER`` and its ``EPISODE``s. Its element
# names are the columns', except these; the header's own fields are Header's columns (and UASC), the AD1 and
# OC3 fields; the modules below are repeated elements, each a row of its table.
XML_NAMES = {"CHILD": "CHILDID", "PLACE": "PL"}
XML_HEADER_FIELDS = {XML_NAMES.get(c, c): c for c in (*SSDA903_TABLES["Header"].columns, "UASC")}
XML_MODULES = {"HEADER": "Header", "EPISODE": "Episodes", "AREVIEW": "Reviews", "AMISSING": "Missing",
               "PERMANENCE": "PrevPerm", "OC2": "OC2", "AD_PLACED": "PlacedAdoption"}
XML_HEADER_MODULES = ("AMISSING", "AREVIEW", "PERMANENCE", "OC2", "AD_PLACED")  # repeated inside HEADER

# The identifiers' lengths in the 2021 XSD (HEADER's CHILDID at most 10 characters, UPN at most 13), checked
# where the child is recorded: the Header table.
MAX_LENGTHS = {"CHILD": 10, "UPN": 13}
# The DfE allows partially unknown permanence dates (``zz/zz/2015``), so they are kept as text.
TEXT_OVERRIDES = {("prev_perm", "DATE_PERM")}
POSTCODES = {"HOME_POST", "PL_POST"}
# Deprivation of liberty orders join the 903 in 2026-27.
DOLO_FROM = CollectionYear(2027)


def apply_diff(spec: dict, diff: dict) -> None:
    """Apply one yearly ``*.diff.yml`` (add, modify, remove, rename at dotted paths) to the schema."""
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


SCHEMA_DIR = REFERENCE_DIR / "ssda903"
# Bump when what is cached from the YAML changes shape, so older cached entries are never read.
SCHEMA_CACHE_VERSION = "1"


def schema_files(folder: Path = SCHEMA_DIR) -> list[Path]:
    """The 903 YAML schema: the 2017 base, then the yearly diffs in year order."""
    return [folder / "SSDA903_schema_2017.yml", *sorted(folder.glob("SSDA903_schema_*.diff.yml"))]


def parse_schema_yaml(ending_year: int, folder: Path = SCHEMA_DIR) -> dict:
    """The column map of the YAML schema for a collection ending in ``ending_year`` (base plus diffs)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it
    base, *diffs = schema_files(folder)
    spec = yaml.load(base.read_text(), Loader=loader)
    for path in diffs:
        diff_year = int(path.name.split("_")[2].split(".")[0])
        if diff_year <= ending_year:
            apply_diff(spec, yaml.load(path.read_text(), Loader=loader))
    return spec["column_map"]


@cache
def ssda903_yaml(ending_year: int, folder: Path = SCHEMA_DIR) -> dict:
    """The 903 column spec for a collection ending in ``ending_year``: the 2017 base plus diffs.

    Parsing the YAML is the same work on every run, so its result is kept as JSON in the user's cache
    (:mod:`clearsight.returns.cache`) under a name made from a hash of the YAML files' bytes: a changed
    schema file is parsed again, and a cache folder that cannot be written means it is parsed every time.
    """
    key = files_key(schema_files(folder), SCHEMA_CACHE_VERSION)
    return cached_json(f"ssda903-schema-{ending_year}-{key}.json", lambda: parse_schema_yaml(ending_year, folder))


def column_from_yaml(table: str, name: str, spec: dict) -> Column:
    """One 903 column, typed from its YAML entry (the ``table`` is the YAML key)."""
    canonical = "child_id" if name == "CHILD" else name.lower()
    required = not spec.get("canbeblank", True)
    doc = FIELDS[name]
    if name == "CHILD":
        return Column(name, canonical, "id", required=True, doc=doc)
    if name in POSTCODES:
        return Column(name, canonical, "postcode", required=required, doc=doc)
    if (table, name) in TEXT_OVERRIDES:
        return Column(name, canonical, "text", required=required, doc=doc)
    if "date" in spec:
        return Column(name, canonical, "date", required=required, doc=doc)
    if "category" in spec:
        codes = tuple(str(c["code"]).upper() for c in spec["category"])
        return Column(name, canonical, "code", codes=codes, required=required, doc=doc)
    if "numeric" in spec:
        num = spec["numeric"] or {}
        return Column(
            name, canonical, "int", required=required,
            min_value=num.get("min_value"), max_value=num.get("max_value"), doc=doc,
        )
    return Column(name, canonical, "text", required=required, doc=doc)


@cache
def ssda903_tables(year: str | CollectionYear) -> dict[str, SourceTable]:
    """The 903 tables of a collection year, keyed by DfE table name, with that year's code lists."""
    cy = CollectionYear.parse(year)
    spec = ssda903_yaml(cy.ending)
    tables: dict[str, SourceTable] = {}
    for layout in SSDA903_TABLES.values():
        if layout.key not in spec:
            continue
        cols = spec[layout.key]
        columns = tuple(column_from_yaml(layout.key, name, cols[name]) for name in layout.columns if name in cols)
        if layout.name == "Header":
            columns = tuple(replace(c, max_length=MAX_LENGTHS.get(c.source)) for c in columns)
            # The XML form records each child's UASC status in the header (rule 105 checks it).
            columns += (Column("UASC", "uasc", "text", xml_only=True, doc=FIELDS["UASC"]),)
        tables[layout.name] = SourceTable(layout.name, layout.canonical, columns, layout.file_name, layout.doc,
                                          required=layout.required, key=layout.child_key)
    if cy >= DOLO_FROM:
        # No schema file of ours has the table yet; its columns are those of the DfE's 2026-27 specification
        # as the peer validator configures them.
        tables["DoLo"] = SourceTable("DoLo", "cla_dolo", (
            Column("CHILD", "child_id", "id", required=True, doc=FIELDS["CHILD"]),
            Column("DOB", "dob", "date", required=True, doc=FIELDS["DOB"]),
            Column("DOLO_START", "dolo_start", "date", required=True, doc=FIELDS["DOLO_START"]),
            Column("DOLO_END", "dolo_end", "date", doc=FIELDS["DOLO_END"]),
        ), "dolo.csv", "Deprivation of liberty orders (from 2026-27).")
    return tables


def all_ssda903_tables() -> dict[str, SourceTable]:
    """Every 903 table any supported year has (the warehouse holds them all)."""
    return ssda903_tables(DOLO_FROM)
