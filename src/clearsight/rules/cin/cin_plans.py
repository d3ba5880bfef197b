"""CIN census rules on CINPlanDates: plan dates, open plans and plans running alongside protection plans."""

from clearsight.rules.cin.sql import (
                             after_death,
                             before_referral,
                             on_no_further_action_referral,
                             overlapping,
                             with_child_row,
)
from clearsight.rules.definition import Rule
from clearsight.rules.families import dates_out_of_order, outside_collection_year, same_day

# Each CIN plan and CP plan with its child (through its CINdetails).
_PLANS = with_child_row("CINplanDates")
_CPPS = with_child_row("ChildProtectionPlans")

R4000 = on_no_further_action_referral("4000", "CINplanDates")

R4001 = Rule("4001", "cin", {"CINplanDates": ("CINPlanEndDate",), "ChildProtectionPlans": ("CPPendDate",)}, """
    WITH bad AS (
        SELECT p.row_no AS plan_row, c.row_no AS cpp_row, p.child_id
        FROM CINplanDates p JOIN ChildProtectionPlans c ON p.referral_row = c.referral_row
        WHERE c.end_date IS NULL AND p.start_date IS NOT NULL AND p.end_date IS NULL)
    SELECT 'CINplanDates', plan_row, child_id FROM bad
    UNION ALL SELECT 'ChildProtectionPlans', cpp_row, child_id FROM bad
""", notes="Within one CINdetails: an open child protection plan and an open CIN plan.")

R4003 = Rule("4003", "cin", {"Reviews": ("CPPreviewDate",), "CINplanDates": ("CINPlanStartDate", "CINPlanEndDate"),
                             "ChildProtectionPlans": ("CPPendDate",)}, """
    WITH bad AS (
        SELECT v.row_no AS review_row, p.row_no AS plan_row, c.row_no AS cpp_row, v.child_id
        FROM Reviews v JOIN ChildProtectionPlans c ON v.cp_plan_row = c.row_no
        JOIN CINplanDates p ON p.referral_row = c.referral_row
        WHERE v.review_date >= p.start_date AND (v.review_date < p.end_date OR p.end_date IS NULL)
          AND v.review_date IS DISTINCT FROM c.end_date)
    SELECT 'Reviews', review_row, child_id FROM bad
    UNION ALL SELECT 'CINplanDates', plan_row, child_id FROM bad
    UNION ALL SELECT 'ChildProtectionPlans', cpp_row, child_id FROM bad
""", notes="Within one CINdetails, a review may not fall on or after a CIN plan's start and before its end "
           "(any time after the start if the plan is open), unless the review is on the CP plan's end date. "
           "Every review date counts. The peer reads only the first review date of each Reviews block, matches "
           "plans across all the child's episodes, and checks only plans that have an end date, under a CP "
           "plan that has one.")

R4004 = Rule("4004", "cin", {"CINplanDates": ("CINPlanEndDate",)}, """
    SELECT 'CINplanDates', row_no, child_id FROM CINplanDates
    WHERE end_date IS NULL QUALIFY count(*) OVER (PARTITION BY referral_row) > 1
""", notes="Within one CINdetails; reports the open plans. The peer reports every plan of the episode.")

R4008 = after_death("4008", "CINplanDates", "CINPlanStartDate", "start_date")

R4009Q = after_death("4009Q", "CINplanDates", "CINPlanEndDate", "end_date")

R4010 = Rule("4010", "cin", {"CINplanDates": ("CINPlanStartDate",)}, """
    SELECT 'CINplanDates', row_no, child_id FROM CINplanDates
    WHERE start_date IS NULL OR start_date > collection_end()
""")

R4011 = dates_out_of_order("cin", "4011", "CINplanDates", ("CINPlanEndDate", "CINPlanStartDate"),
                           earlier="start_date", later="end_date")

R4012Q = same_day("cin", "4012Q", "CINplanDates", ("CINPlanStartDate", "CINPlanEndDate"), "end_date", "start_date")

R4013 = outside_collection_year("cin", "4013", "CINplanDates", "CINPlanEndDate", "end_date")

R4014 = overlapping(
    "4014", "CINplanDates", ("CINPlanStartDate", "CINPlanEndDate"), within="child_row", start="start_date",
    end="end_date",
    notes="Across all the child's episodes, a CIN plan may not start on or between another plan's start and "
          "end date (or the reference date if it is open), as the peer has it.")

R4015 = before_referral("4015", "CINplanDates", "CINPlanStartDate", "start_date")


def _starts_during(code: str, fields: dict, starts: str, during: str, notes: str) -> Rule:
    """One plan starting on or after another's start and before its end (the reference date while it is open),
    across the child's episodes: ``p`` is the CIN plan and ``c`` the CP plan; both are flagged."""
    rows = {"p": _PLANS, "c": _CPPS}
    s, d = starts, during
    return Rule(code, "cin", fields, f"""
    WITH bad AS (
        SELECT p.row_no AS plan_row, c.row_no AS cpp_row, p.child_id FROM {rows[s]} {s}
        JOIN {rows[d]} {d} ON {s}.child_row = {d}.child_row
        WHERE {s}.start_date >= {d}.start_date
          AND ({s}.start_date < {d}.end_date OR ({d}.end_date IS NULL AND {s}.start_date <= collection_end())))
    SELECT 'CINplanDates', plan_row, child_id FROM bad
    UNION ALL SELECT 'ChildProtectionPlans', cpp_row, child_id FROM bad
""", notes=notes)


R4016 = _starts_during(
    "4016", {"CINplanDates": ("CINPlanStartDate",), "ChildProtectionPlans": ("CPPstartDate", "CPPendDate")}, "p", "c",
    notes="A CIN plan may not start on or after a CP plan's start and before its end (the reference date if "
          "it is open), across the child's episodes. A CIN plan starting the day the CP plan ends is fine.")

R4017 = _starts_during(
    "4017", {"CINplanDates": ("CINPlanStartDate", "CINPlanEndDate"), "ChildProtectionPlans": ("CPPstartDate",)}, "c", "p",
    notes="A CP plan may not start on or after a CIN plan's start and before its end (the reference date if "
          "it is open), across the child's episodes. A CP plan starting the day the CIN plan ends is fine.")

RULES = [R4000, R4001, R4003, R4004, R4008, R4009Q, R4010, R4011, R4012Q, R4013, R4014, R4015, R4016, R4017]
