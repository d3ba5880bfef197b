"""CIN census rules on CINPlanDates: plan dates, open plans and plans running alongside protection plans."""

from clearsight.rules.definition import Rule

# Each CIN plan and CP plan with its child (through its CINdetails).
_PLANS = "(SELECT p.*, r.child_row FROM CINplanDates p JOIN CINdetails r ON p.referral_row = r.row_no)"
_CPPS = "(SELECT p.*, r.child_row FROM ChildProtectionPlans p JOIN CINdetails r ON p.referral_row = r.row_no)"

R4000 = Rule("4000", "cin", {"CINplanDates": ("LAchildID",), "CINdetails": ("ReferralNFA",)}, """
    WITH bad AS (
        SELECT p.row_no AS plan_row, r.row_no AS ref_row, p.child_id
        FROM CINplanDates p JOIN CINdetails r ON p.referral_row = r.row_no WHERE r.referral_nfa)
    SELECT 'CINplanDates', plan_row, child_id FROM bad
    UNION ALL SELECT 'CINdetails', ref_row, child_id FROM bad
""")

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

R4008 = Rule("4008", "cin", {"ChildIdentifiers": ("PersonDeathDate",), "CINplanDates": ("CINPlanStartDate",)}, f"""
    WITH bad AS (
        SELECT c.row_no AS child_row, p.row_no AS plan_row, c.child_id
        FROM {_PLANS} p JOIN ChildIdentifiers c ON p.child_row = c.row_no WHERE p.start_date > c.death_date)
    SELECT 'ChildIdentifiers', child_row, child_id FROM bad
    UNION ALL SELECT 'CINplanDates', plan_row, child_id FROM bad
""")

R4009Q = Rule("4009Q", "cin", {"ChildIdentifiers": ("PersonDeathDate",), "CINplanDates": ("CINPlanEndDate",)}, f"""
    WITH bad AS (
        SELECT c.row_no AS child_row, p.row_no AS plan_row, c.child_id
        FROM {_PLANS} p JOIN ChildIdentifiers c ON p.child_row = c.row_no WHERE p.end_date > c.death_date)
    SELECT 'ChildIdentifiers', child_row, child_id FROM bad
    UNION ALL SELECT 'CINplanDates', plan_row, child_id FROM bad
""")

R4010 = Rule("4010", "cin", {"CINplanDates": ("CINPlanStartDate",)}, """
    SELECT 'CINplanDates', row_no, child_id FROM CINplanDates
    WHERE start_date IS NULL OR start_date > collection_end()
""")

R4011 = Rule("4011", "cin", {"CINplanDates": ("CINPlanEndDate", "CINPlanStartDate")}, """
    SELECT 'CINplanDates', row_no, child_id FROM CINplanDates WHERE end_date < start_date
""")

R4012Q = Rule("4012Q", "cin", {"CINplanDates": ("CINPlanStartDate", "CINPlanEndDate")}, """
    SELECT 'CINplanDates', row_no, child_id FROM CINplanDates WHERE end_date = start_date
""")

R4013 = Rule("4013", "cin", {"CINplanDates": ("CINPlanEndDate",)}, """
    SELECT 'CINplanDates', row_no, child_id FROM CINplanDates
    WHERE end_date NOT BETWEEN collection_start() AND collection_end()
""")

R4014 = Rule("4014", "cin", {"CINplanDates": ("CINPlanStartDate", "CINPlanEndDate")}, f"""
    WITH p AS {_PLANS},
    pairs AS (
        SELECT a.row_no AS a_row, b.row_no AS b_row, a.child_id FROM p a
        JOIN p b ON a.child_row = b.child_row AND a.row_no <> b.row_no
        WHERE a.start_date >= b.start_date
          AND (a.start_date <= b.end_date OR (b.end_date IS NULL AND a.start_date <= collection_end())))
    SELECT 'CINplanDates', a_row, child_id FROM pairs
    UNION ALL SELECT 'CINplanDates', b_row, child_id FROM pairs
""", notes="Across all the child's episodes, a CIN plan may not start on or between another plan's start and "
           "end date (or the reference date if it is open), as the peer has it.")

R4015 = Rule("4015", "cin", {"CINplanDates": ("CINPlanStartDate",), "CINdetails": ("CINreferralDate",)}, """
    WITH bad AS (
        SELECT p.row_no AS plan_row, r.row_no AS ref_row, p.child_id
        FROM CINplanDates p JOIN CINdetails r ON p.referral_row = r.row_no WHERE p.start_date < r.referral_date)
    SELECT 'CINplanDates', plan_row, child_id FROM bad
    UNION ALL SELECT 'CINdetails', ref_row, child_id FROM bad
""")

R4016 = Rule("4016", "cin", {"CINplanDates": ("CINPlanStartDate",),
                             "ChildProtectionPlans": ("CPPstartDate", "CPPendDate")}, f"""
    WITH bad AS (
        SELECT p.row_no AS plan_row, c.row_no AS cpp_row, p.child_id FROM {_PLANS} p
        JOIN {_CPPS} c ON p.child_row = c.child_row
        WHERE p.start_date >= c.start_date
          AND (p.start_date < c.end_date OR (c.end_date IS NULL AND p.start_date <= collection_end())))
    SELECT 'CINplanDates', plan_row, child_id FROM bad
    UNION ALL SELECT 'ChildProtectionPlans', cpp_row, child_id FROM bad
""", notes="A CIN plan may not start on or after a CP plan's start and before its end (the reference date if "
           "it is open), across the child's episodes. A CIN plan starting the day the CP plan ends is fine.")

R4017 = Rule("4017", "cin", {"CINplanDates": ("CINPlanStartDate", "CINPlanEndDate"),
                             "ChildProtectionPlans": ("CPPstartDate",)}, f"""
    WITH bad AS (
        SELECT p.row_no AS plan_row, c.row_no AS cpp_row, p.child_id FROM {_CPPS} c
        JOIN {_PLANS} p ON p.child_row = c.child_row
        WHERE c.start_date >= p.start_date
          AND (c.start_date < p.end_date OR (p.end_date IS NULL AND c.start_date <= collection_end())))
    SELECT 'CINplanDates', plan_row, child_id FROM bad
    UNION ALL SELECT 'ChildProtectionPlans', cpp_row, child_id FROM bad
""", notes="A CP plan may not start on or after a CIN plan's start and before its end (the reference date if "
           "it is open), across the child's episodes. A CP plan starting the day the CIN plan ends is fine.")

RULES = [R4000, R4001, R4003, R4004, R4008, R4009Q, R4010, R4011, R4012Q, R4013, R4014, R4015, R4016, R4017]
