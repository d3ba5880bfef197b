"""CIN census rules on ChildProtectionPlans and their Reviews."""

from clearsight.rules.cin.sql import (
    after_death,
    before_referral,
    on_no_further_action_referral,
    overlapping,
    with_child_row,
)
from clearsight.rules.definition import Rule
from clearsight.rules.families import dates_out_of_order, outside_collection_year, same_day

CATEGORIES_OF_ABUSE = "('NEG', 'PHY', 'SAB', 'EMO', 'MUL')"

R1105 = before_referral("1105", "ChildProtectionPlans", "CPPstartDate", "start_date")

R2883 = Rule("2883", "cin", {"ChildProtectionPlans": ("CPPstartDate",)}, """
    SELECT 'ChildProtectionPlans', NULL, NULL
    WHERE (SELECT count(*) FROM ChildProtectionPlans WHERE start_date BETWEEN collection_start() AND collection_end())
        > (SELECT count(*) FROM CINdetails WHERE date_of_initial_cpc BETWEEN collection_start() AND collection_end())
        + (SELECT count(*) FROM Section47 WHERE date_of_initial_cpc BETWEEN collection_start() AND collection_end())
""", notes="A return-level check (no row): CP plans starting in the year against initial conferences held in "
           "the year (on CINdetails and on Section47).")

R2885 = Rule("2885", "cin", {"ChildProtectionPlans": ("CPPstartDate",), "Section47": ("DateOfInitialCPC",),
                             "CINdetails": ("DateOfInitialCPC",)}, """
    WITH cpp AS (SELECT * FROM ChildProtectionPlans WHERE start_date BETWEEN collection_start() AND collection_end()),
    s47 AS (SELECT * FROM Section47 WHERE icpc_not_required IS DISTINCT FROM true),
    matched AS (SELECT DISTINCT c.referral_row FROM cpp c
                JOIN s47 s ON s.referral_row = c.referral_row AND s.date_of_initial_cpc = c.start_date)
    SELECT 'ChildProtectionPlans', c.row_no, c.child_id FROM cpp c JOIN CINdetails r ON c.referral_row = r.row_no
    WHERE CASE WHEN EXISTS (SELECT 1 FROM s47 s WHERE s.referral_row = c.referral_row)
               THEN NOT EXISTS (SELECT 1 FROM s47 s WHERE s.referral_row = c.referral_row
                                AND s.date_of_initial_cpc = c.start_date)
               ELSE r.date_of_initial_cpc IS DISTINCT FROM c.start_date END
    UNION ALL
    SELECT 'Section47', s.row_no, s.child_id FROM s47 s
    WHERE s.referral_row IN (SELECT referral_row FROM cpp) AND s.referral_row NOT IN (SELECT referral_row FROM matched)
    UNION ALL
    SELECT 'CINdetails', r.row_no, r.child_id FROM CINdetails r
    WHERE r.row_no IN (SELECT referral_row FROM cpp) AND r.row_no NOT IN (SELECT referral_row FROM s47)
      AND NOT EXISTS (SELECT 1 FROM cpp c WHERE c.referral_row = r.row_no AND c.start_date = r.date_of_initial_cpc)
""", notes="A plan starting in the year starts on the date of a conference: one of its episode's Section47 "
           "conferences, or the CINdetails conference when the episode has no Section47 (enquiries marked "
           "'conference not required' do not count). Reports the plan, and the episode's enquiries (or the "
           "CINdetails) when none of its plans match, as the peer does.")

R8720 = Rule("8720", "cin", {"ChildProtectionPlans": ("CPPstartDate",)}, """
    SELECT 'ChildProtectionPlans', row_no, child_id FROM ChildProtectionPlans
    WHERE start_date IS NULL OR start_date > collection_end()
""")

R8730 = Rule("8730", "cin", {"ChildProtectionPlans": ("NumberOfPreviousCPP",)}, """
    SELECT 'ChildProtectionPlans', row_no, child_id FROM ChildProtectionPlans
    WHERE number_of_previous_cpp IS NULL OR number_of_previous_cpp < 0
""")

R8832 = on_no_further_action_referral("8832", "ChildProtectionPlans")

R8840 = same_day("cin", "8840", "ChildProtectionPlans", ("CPPstartDate", "CPPendDate"), "start_date", "end_date")

R8841 = Rule("8841", "cin", {"ChildProtectionPlans": ("CPPstartDate",), "Reviews": ("CPPreviewDate",)}, """
    WITH bad AS (
        SELECT p.row_no AS cpp_row, v.row_no AS review_row, p.child_id
        FROM Reviews v JOIN ChildProtectionPlans p ON v.cp_plan_row = p.row_no
        WHERE v.review_date <= p.start_date)
    SELECT 'ChildProtectionPlans', cpp_row, child_id FROM bad
    UNION ALL SELECT 'Reviews', review_row, child_id FROM bad
""", notes="Every review date counts; the peer reads only the first date of each Reviews block.")

R8842Q = Rule("8842Q", "cin", {"Reviews": ("CPPreviewDate",)}, """
    SELECT 'Reviews', row_no, child_id FROM Reviews WHERE review_date IS NULL
""", notes="A review date that is blank or not a date. A Reviews block with no CPPreviewDate element at all "
           "leaves no Reviews row to report (the schema check reports it).")


def _category_of_abuse(code: str, field: str, column: str) -> Rule:
    """A category of abuse that is blank or not one of the DfE's codes."""
    return Rule(code, "cin", {"ChildProtectionPlans": (field,)}, f"""
    SELECT 'ChildProtectionPlans', row_no, child_id FROM ChildProtectionPlans
    WHERE {column} IS NULL OR {column} NOT IN {CATEGORIES_OF_ABUSE}
""")


R8905 = _category_of_abuse("8905", "InitialCategoryOfAbuse", "initial_category")

R8910 = _category_of_abuse("8910", "LatestCategoryOfAbuse", "latest_category")

R8915 = after_death("8915", "ChildProtectionPlans", "CPPstartDate", "start_date")

R8920 = after_death("8920", "ChildProtectionPlans", "CPPendDate", "end_date")

R8925 = dates_out_of_order("cin", "8925", "ChildProtectionPlans", ("CPPstartDate", "CPPendDate"),
                           earlier="start_date", later="end_date")

R8930 = outside_collection_year("cin", "8930", "ChildProtectionPlans", "CPPendDate", "end_date")

R8935 = Rule("8935", "cin", {"ChildProtectionPlans": ("CPPendDate",)}, f"""
    SELECT 'ChildProtectionPlans', row_no, child_id FROM {with_child_row("ChildProtectionPlans")}
    WHERE end_date IS NULL QUALIFY count(*) OVER (PARTITION BY child_row) > 1
""", notes="Per child, across its episodes; reports the open plans. The peer groups plans by their position "
           "within each CINdetails, so it compares the first plan of one episode with the first of another "
           "and misses two open plans in the same episode.")

R8940 = overlapping(
    "8940", "ChildProtectionPlans", ("CPPstartDate", "CPPendDate"), within="child_row", start="start_date",
    end="end_date",
    notes="Per child, across its episodes: a plan may not start on or between another plan's start and end "
          "date (or the reference date if it is open). The peer skips pairs of plans that hold the same "
          "position in different episodes.")

RULES = [R1105, R2883, R2885, R8720, R8730, R8832, R8840, R8841, R8842Q, R8905, R8910, R8915, R8920, R8925, R8930,
         R8935, R8940]
