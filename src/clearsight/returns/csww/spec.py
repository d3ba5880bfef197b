"""The workforce census's tables, from ``social_work_workforce_2022.xsd``: its header, the council-level
vacancy figures and one row a worker. Each column's ``source`` is its XML element, in the XSD's order."""

from __future__ import annotations

from clearsight.returns.message import col, header_columns
from clearsight.returns.spec import SourceTable

CSWW_TABLES: dict[str, SourceTable] = {
    t.name: t
    for t in [
        SourceTable("Header", "csww_header", header_columns(
            "Collection", "Year", "ReferenceDate", "SourceLevel", "LEA", "SoftwareCode", "DateTime"),
            doc="The workforce census header: reference date (30 September) and the sending council."),
        SourceTable("LALevelVacancies", "csww_vacancies", (
            col("NumberOfVacancies", "number_of_vacancies", "number",
                doc="Vacant children and family social worker posts at 30 September (FTE)."),
            col("NoAgencyFTE", "no_agency_fte", "number", doc="Agency social workers at 30 September (FTE)."),
            col("NoAgencyHeadcount", "no_agency_headcount", "int", doc="Agency social workers at 30 September (headcount)."),
        ), doc="Council-level figures at 30 September: vacancies (FTE) and agency workers (FTE, headcount)."),
        SourceTable("CSWWWorker", "csww_workers", (
            col("AgencyWorker", "agency_worker", "bool", doc="1 an agency worker, 0 employed by the council."),
            col("SWENo", "swe_no", "text", True, doc="The worker's Social Work England registration number."),
            col("FTE", "fte", "number", doc="The worker's full-time equivalent (0-1)."),
            col("PersonBirthDate", "dob", "date", doc="The worker's date of birth."),
            col("GenderCurrent", "gender", doc="The worker's gender (1 male, 2 female, 9 not known)."),
            col("Ethnicity", "ethnicity", doc="The worker's ethnic origin, as a DfE ethnicity code."),
            col("QualInst", "qual_inst", doc="Where the worker gained their social work qualification."),
            col("QualLevel", "qual_level", doc="The qualification's level: 1 undergraduate, 2 postgraduate, 3 other."),
            col("StepUpGrad", "step_up_grad", "bool", doc="Qualified through the Step Up to Social Work programme."),
            col("OrgRole", "org_role", doc="The worker's role: 1 senior manager ... 5 case holder, 6 qualified "
                                           "without cases."),
            col("RoleStartDate", "role_start_date", "date", doc="The date the worker started in this role."),
            col("StartOrigin", "start_origin", doc="Where the worker came from (1 newly qualified ... 10 not yet collected)."),
            col("RoleEndDate", "role_end_date", "date", doc="The date a leaver left the role."),
            col("LeaverDestination", "leaver_destination", doc="Where a leaver went (1-9)."),
            col("ReasonLeave", "reason_leave", doc="Why a leaver left (1 resignation ... 10 not yet collected)."),
            col("FTE30", "fte30", "number", doc="The worker's FTE on 30 September."),
            col("Cases30", "cases30", "int", doc="The cases the worker held on 30 September."),
            col("WorkingDaysLost", "working_days_lost", "number", doc="Working days lost to sickness in the year."),
            col("ContractWeeks", "contract_weeks", "number", doc="Weeks an agency worker has been contracted in the year."),
            col("FrontlineGrad", "frontline_grad", "bool", doc="Qualified through the Frontline programme."),
            col("Absat30Sept", "absent_30_sept", "bool", doc="Absent on 30 September."),
            col("ReasonAbsence", "reason_absence", doc="Why the worker was absent on 30 September (MAT, SIC, TRN, ...)."),
            col("CFKSSstatus", "cfkss_status", doc="The worker's child and family knowledge and skills status (1-4)."),
        ), doc="One row a children and family social worker: employed (in post, or left in the year) or agency."),
    ]
}
