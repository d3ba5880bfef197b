"""The case-management extract's tables: the contract in ``docs/cms-extract.md``, one CSV file a table.

Column names are the same in the file and the warehouse; ``child_id`` is the council's own child
identifier (``CHILD`` in the SSDA903, ``LAchildID`` in the CIN census).
"""

from __future__ import annotations

from clearsight.returns.spec import Column, SourceTable

SERVICES = ("FD", "EH", "ASSESS", "CIN", "CLA", "LC", "DIS")
ROLES = ("SW", "SSW", "TM", "PA", "EHW")
REFERRAL_SOURCES = ("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B",
                    "5C", "5D", "6", "7", "8", "9", "10")
# ``required``: the tables every extract needs: the teams, their workers and which of them held each child's case
# (caseloads, team breakdowns and the allocation measures read them). The others are optional: a measure that
# needs one says so.
CHILD_ID = "The council's own identifier for the child (CHILD in the SSDA903, LAchildID in the CIN census)."


def field(source: str, kind: str = "text", required: bool = False, codes: tuple[str, ...] | None = None,
          doc: str = "") -> Column:
    """An extract column: the same name in the file and the warehouse (``child_id`` is an id)."""
    return Column(source, source, "id" if source == "child_id" else kind, codes=codes, required=required, doc=doc)


CMS_TABLES: dict[str, SourceTable] = {
    t.name: t
    for t in [
        SourceTable("teams", "teams", (
            field("team_id", required=True, doc="The council's team code, e.g. T01."),
            field("team_name", required=True, doc="The team's name, e.g. North Assessment Team."),
            field("service", "code", True, SERVICES, doc="The team's service: FD front door, EH early help, ASSESS, "
                                                         "CIN, CLA, LC leaving care, DIS disabled children."),
            field("area", doc="The team's locality, e.g. North."),
        ), "teams.csv", "The council's social care teams.", required=True),
        SourceTable("workers", "workers", (
            field("worker_id", required=True, doc="The council's staff identifier (SW_ID in the SSDA903)."),
            field("team_id", required=True, doc="The worker's team (teams.csv)."),
            field("role", "code", True, ROLES, doc="SW social worker, SSW senior social worker, TM team manager, "
                                                   "PA personal adviser, EHW early help worker."),
            field("fte", "number", True, doc="The worker's full-time equivalent (0-1)."),
            field("agency", "code", True, ("0", "1"), doc="1 an agency worker (not directly employed), 0 employed."),
            field("start_date", "date", True, doc="The date the worker started in this team."),
            field("end_date", "date", doc="The date the worker left the team (empty while in it)."),
        ), "workers.csv", "Social workers, managers and personal advisers, by team.", required=True),
        SourceTable("allocations", "allocations", (
            field("child_id", required=True, doc=CHILD_ID),
            field("worker_id", required=True, doc="The allocated worker (workers.csv)."),
            field("team_id", required=True, doc="The team the case sat in for this period."),
            field("allocation_type", "code", True, ("SW", "PA", "EHW"),
                  doc="SW allocated social worker, PA personal adviser, EHW early help worker."),
            field("start_date", "date", True, doc="The date the allocation began."),
            field("end_date", "date", doc="The date it ended (empty while open)."),
        ), "allocations.csv", "Which worker and team held each child's case, and when.", required=True),
        SourceTable("contacts", "contacts", (
            field("contact_id", required=True, doc="The contact's identifier."),
            field("child_id", required=True, doc=CHILD_ID),
            field("contact_date", "date", True, doc="The date of the contact."),
            field("source", "code", True, REFERRAL_SOURCES, doc="Who made the contact (the CIN census referral "
                                                                "source codes, 1A-10)."),
            field("outcome", "code", True, ("NFA", "EH", "REF", "INFO"),
                  doc="NFA no further action, EH passed to early help, REF became a referral, INFO advice given."),
        ), "contacts.csv", "Contacts to the front door and what became of them."),
        SourceTable("early_help", "early_help", (
            field("episode_id", required=True, doc="The early help episode's identifier."),
            field("child_id", required=True, doc=CHILD_ID),
            field("team_id", required=True, doc="The early help team (teams.csv)."),
            field("start_date", "date", True, doc="The date the episode (or its early help assessment) began."),
            field("assessment_completed_date", "date", doc="The date the early help assessment was completed."),
            field("end_date", "date", doc="The date the episode ended (empty while open)."),
            field("end_reason", "code", codes=("NEEDSMET", "STEPUP", "DISENG", "MOVED", "OTHER"),
                  doc="Why it ended: NEEDSMET, STEPUP (to social care), DISENG, MOVED or OTHER."),
        ), "early_help.csv", "Early help episodes."),
        SourceTable("visits", "visits", (
            field("visit_id", required=True, doc="The visit's identifier."),
            field("child_id", required=True, doc=CHILD_ID),
            field("worker_id", required=True, doc="The worker who visited (workers.csv)."),
            field("visit_date", "date", True, doc="The date of the visit."),
            field("visit_type", "code", True, ("CIN", "CP", "CLA", "LC"),
                  doc="CIN, CP child protection plan, CLA looked-after child, or LC care leaver visit."),
            field("seen", "code", True, ("0", "1"), doc="1 the child was seen."),
            field("seen_alone", "code", codes=("0", "1"), doc="1 the child was seen alone (empty when not seen)."),
        ), "visits.csv", "Statutory visits and whether the child was seen, and seen alone."),
        SourceTable("pathway_plans", "pathway_plans", (
            field("child_id", required=True, doc=CHILD_ID),
            field("plan_date", "date", True, doc="The date the pathway plan was written or reviewed."),
            field("pa_worker_id", doc="The young person's personal adviser (workers.csv, role PA)."),
            field("review_due_date", "date", doc="The date the next review is due."),
        ), "pathway_plans.csv", "Care leavers' pathway plans and reviews."),
        SourceTable("return_interviews", "return_interviews", (
            field("child_id", required=True, doc=CHILD_ID),
            field("missing_start", "date", True, doc="MIS_START of the SSDA903 missing episode it follows."),
            field("offered_date", "date", doc="The date the interview was offered."),
            field("accepted", "code", codes=("0", "1"), doc="1 the child accepted the interview."),
            field("completed_date", "date", doc="The date the interview was held."),
        ), "return_interviews.csv", "Return-home interviews after a missing episode."),
    ]
}
