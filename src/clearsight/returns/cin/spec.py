"""The CIN census's tables: the modules of the census XML (``CIN_schema_<year>.xsd``), flattened.

Each column's ``source`` is the XML element it is read from; the table names follow the DfE's validation
rules (``CINplanDates`` for the ``<CINPlanDates>`` module). What each field means follows the DfE's CIN
census guidance.
"""

from __future__ import annotations

from clearsight.returns.message import col, header_columns
from clearsight.returns.spec import SourceTable

REFERRAL_ROW = "The row_no of the CIN episode (cin_referrals) this record belongs to."
CHILD_ID = "The council's own identifier for the child (LAchildID), the same as CHILD in the SSDA903."
# The census XSDs leave LAchildID as any string; the DfE's rule 1570 allows at most 20 characters. A UPN is
# 13 (the XSDs' upntype: a letter, 11 digits, a digit or letter).
LACHILDID_MAX, UPN_LENGTH = 20, 13


CIN_TABLES: dict[str, SourceTable] = {
    t.name: t
    for t in [
        SourceTable("Header", "cin_header", header_columns(
            "Collection", "Year", "ReferenceDate", "SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo",
            "DateTime"), doc="The census header: collection, year, reference date and the sending council."),
        SourceTable("ChildIdentifiers", "cin_children", (
            col("LAchildID", "child_id", "id", True, CHILD_ID, max_length=LACHILDID_MAX),
            col("UPN", "upn", doc="The child's unique pupil number.", max_length=UPN_LENGTH),
            col("FormerUPN", "former_upn", doc="A unique pupil number the child had before.", max_length=UPN_LENGTH),
            col("UPNunknown", "upn_unknown", doc="Why the child has no UPN (UN1-UN10)."),
            col("PersonBirthDate", "dob", "date", doc="The child's date of birth."),
            col("ExpectedPersonBirthDate", "expected_dob", "date", doc="The expected date of birth of an unborn child."),
            col("GenderCurrent", "gender_current", doc="The child's gender (1 male, 2 female, 0 or 9 not known): "
                                                        "censuses up to 2023-24."),
            col("Sex", "sex", doc="The child's sex (M, F or U): censuses from 2024-25."),
            col("PersonDeathDate", "death_date", "date", doc="The date the child died."),
            col("Ethnicity", "ethnicity", doc="The child's ethnic origin, as a DfE ethnicity code (e.g. WBRI)."),
            col("Disabilities", "disabilities", "list", doc="The child's disabilities (codes; NONE for none)."),
        ), doc="One row a child: identifiers and characteristics (the ChildIdentifiers and "
               "ChildCharacteristics modules share a row number).", key="LAchildID"),
        SourceTable("CINdetails", "cin_referrals", (
            col("LAchildID", "child_id", "id", True, CHILD_ID),
            col("CINreferralDate", "referral_date", "date", doc="The date of the referral that began the episode."),
            col("ReferralSource", "referral_source", doc="Who made the referral (1A-10)."),
            col("PrimaryNeedCode", "primary_need", doc="The child's primary need at assessment (N0-N9)."),
            col("CINclosureDate", "closure_date", "date", doc="The date the episode closed (empty while open)."),
            col("ReasonForClosure", "reason_for_closure", doc="Why the episode closed (RC1-RC9)."),
            col("DateOfInitialCPC", "date_of_initial_cpc", "date",
                doc="The date of the initial child protection conference in the episode."),
            col("ReferralNFA", "referral_nfa", "bool", doc="The referral led to no further action."),
        ), extra_columns=(("child_row", "INTEGER"),),
            extra_docs=("The row_no of the child (cin_children) the episode belongs to.",),
            doc="CIN episodes: one row a referral, open or closed in the year."),
        SourceTable("Assessments", "cin_assessments", (
            col("LAchildID", "child_id", "id", True, CHILD_ID),
            col("AssessmentActualStartDate", "start_date", "date", doc="The date the assessment began."),
            col("AssessmentInternalReviewDate", "internal_review_date", "date",
                doc="The date of the assessment's internal review."),
            col("AssessmentAuthorisationDate", "authorisation_date", "date",
                doc="The date a manager authorised the completed assessment."),
            col("AssessmentFactors", "factors", "list", doc="The factors identified at the assessment (codes)."),
        ), extra_columns=(("referral_row", "INTEGER"),), extra_docs=(REFERRAL_ROW,),
            doc="Child and family assessments and the factors identified."),
        SourceTable("CINplanDates", "cin_plans", (
            col("LAchildID", "child_id", "id", True, CHILD_ID),
            col("CINPlanStartDate", "start_date", "date", doc="The date the child in need plan began."),
            col("CINPlanEndDate", "end_date", "date", doc="The date it ended (empty while open)."),
        ), extra_columns=(("referral_row", "INTEGER"),), extra_docs=(REFERRAL_ROW,), doc="Child in need plans."),
        SourceTable("Section47", "cin_section47", (
            col("LAchildID", "child_id", "id", True, CHILD_ID),
            col("S47ActualStartDate", "start_date", "date", doc="The date the section 47 enquiry began."),
            col("InitialCPCtarget", "icpc_target_date", "date",
                doc="The date by which the initial child protection conference should be held."),
            col("DateOfInitialCPC", "date_of_initial_cpc", "date",
                doc="The date the initial child protection conference was held."),
            col("ICPCnotRequired", "icpc_not_required", "bool",
                doc="The enquiry concluded that no initial conference was needed."),
        ), extra_columns=(("referral_row", "INTEGER"),), extra_docs=(REFERRAL_ROW,),
            doc="Section 47 enquiries and the initial child protection conference."),
        SourceTable("ChildProtectionPlans", "cin_cp_plans", (
            col("LAchildID", "child_id", "id", True, CHILD_ID),
            col("CPPstartDate", "start_date", "date", doc="The date the child protection plan began."),
            col("CPPendDate", "end_date", "date", doc="The date it ended (empty while open)."),
            col("InitialCategoryOfAbuse", "initial_category",
                doc="The category of abuse when the plan began (NEG, PHY, SAB, EMO, MUL)."),
            col("LatestCategoryOfAbuse", "latest_category", doc="The latest category of abuse."),
            col("NumberOfPreviousCPP", "number_of_previous_cpp", "int",
                doc="How many child protection plans the child had before this one."),
        ), extra_columns=(("referral_row", "INTEGER"),), extra_docs=(REFERRAL_ROW,), doc="Child protection plans."),
        SourceTable("Reviews", "cin_cp_reviews", (
            col("LAchildID", "child_id", "id", True, CHILD_ID),
            col("CPPreviewDate", "review_date", "date", doc="The date of a child protection review conference."),
        ), extra_columns=(("cp_plan_row", "INTEGER"), ("reviews_block", "INTEGER")),
            extra_docs=("The row_no of the child protection plan (cin_cp_plans) reviewed.",
                        "Which <Reviews> element of the load the date was in (numbered from 0)."),
            doc="Child protection review conferences: one row a review date."),
    ]
}
