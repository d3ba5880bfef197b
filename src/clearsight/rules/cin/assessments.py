"""CIN census rules on Assessments: dates, open assessments and the factors identified."""

from clearsight.rules.cin.sql import before_referral, overlapping
from clearsight.rules.definition import Rule
from clearsight.rules.families import dates_out_of_order, outside_collection_year
from clearsight.warehouse.reference import working_day_before_sql

FACTORS = ("1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C", "6A", "6B",
           "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A",
           "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A")
_FACTORS = "[" + ", ".join(f"'{c}'" for c in FACTORS) + "]"
_N_FACTORS = "len(coalesce(factors, []))"

R1103 = before_referral("1103", "Assessments", "AssessmentActualStartDate", "start_date")

R8608 = dates_out_of_order("cin", "8608", "Assessments", ("AssessmentActualStartDate", "AssessmentAuthorisationDate"),
                           earlier="start_date", later="authorisation_date")

R8614 = Rule("8614", "cin", {"Assessments": ("AssessmentAuthorisationDate", "AssessmentFactors")}, f"""
    SELECT 'Assessments', row_no, child_id FROM Assessments WHERE authorisation_date IS NULL AND {_N_FACTORS} > 0
""")

R8670Q = Rule("8670Q", "cin", {"Assessments": ("AssessmentActualStartDate", "AssessmentAuthorisationDate")}, f"""
    SELECT 'Assessments', row_no, child_id FROM Assessments
    WHERE authorisation_date IS NULL AND start_date < {working_day_before_sql("collection_end()", 45)}
""", notes="'ReferenceDate minus 45 working days' counts back 45 working days (weekends and England and Wales "
           "bank holidays skipped), the reference date not counted. The peer counts back 44, so it also queries "
           "an assessment that started exactly 45 working days before the reference date.")

R8696 = outside_collection_year("cin", "8696", "Assessments", "AssessmentAuthorisationDate", "authorisation_date")

R8736 = Rule("8736", "cin", {"Assessments": ("AssessmentAuthorisationDate", "AssessmentActualStartDate")}, """
    SELECT 'Assessments', row_no, child_id FROM Assessments
    WHERE authorisation_date IS NULL
      AND (start_date IS NULL OR start_date NOT BETWEEN collection_start() AND collection_end())
""", notes="An open assessment with no start date is reported too (its start cannot fall within the year).")

R8863Q = overlapping(
    "8863Q", "Assessments", ("AssessmentActualStartDate", "AssessmentAuthorisationDate"), within="referral_row",
    start="start_date", end="authorisation_date",
    notes="Within one episode, an assessment may not start on or between another's start and authorisation "
          "date (or the reference date if it is open). Two identical assessments count as overlapping; the "
          "peer skips pairs with the same start and end dates.")

R8869 = Rule("8869", "cin", {"Assessments": ("AssessmentFactors",)}, """
    SELECT 'Assessments', row_no, child_id FROM Assessments
    WHERE list_contains(factors, '21') AND len(list_filter(factors, lambda f: f <> '21')) > 0
""", notes="The peer compares the whole factor list with '21' and so never reports this rule.")

R8873Q = Rule("8873Q", "cin", {"Assessments": ("AssessmentFactors",), "CINdetails": ("ReasonForClosure",)}, """
    WITH single AS (
        SELECT a.row_no AS ass_row, a.child_id, r.row_no AS ref_row
        FROM Assessments a JOIN CINdetails r ON a.referral_row = r.row_no
        WHERE list_contains(a.factors, '21') AND r.reason_for_closure IS DISTINCT FROM 'RC8'
          AND r.reason_for_closure IS DISTINCT FROM 'RC9'
          AND (SELECT count(*) FROM Assessments o WHERE o.referral_row = r.row_no) = 1)
    SELECT 'Assessments', ass_row, child_id FROM single
    UNION ALL SELECT 'CINdetails', ref_row, child_id FROM single
""", notes="The episode's only assessment found no factors (21): its reason for closure should be RC8 or RC9; "
           "an episode still open is queried too, as the DfE rule and the peer do.")

R8896 = Rule("8896", "cin", {"Assessments": ("AssessmentAuthorisationDate",)}, """
    SELECT 'Assessments', row_no, child_id FROM Assessments
    WHERE authorisation_date IS NULL QUALIFY count(*) OVER (PARTITION BY referral_row) > 1
""", notes="Reports the open assessments; the peer reports every assessment of the episode.")

R8897Q = Rule("8897Q", "cin", {"Assessments": ("AssessmentAuthorisationDate", "AssessmentFactors")}, f"""
    SELECT 'Assessments', row_no, child_id FROM Assessments
    WHERE authorisation_date >= collection_start()
      AND ({_N_FACTORS} = 0 OR len(list_filter(factors, lambda f: NOT list_contains({_FACTORS}, f))) > 0)
""")

R8898 = Rule("8898", "cin", {"Assessments": ("AssessmentFactors",)}, """
    SELECT 'Assessments', row_no, child_id FROM Assessments WHERE len(list_distinct(factors)) < len(factors)
""")

R8945Q = Rule("8945Q", "cin", {"Assessments": ("AssessmentFactors",)}, """
    SELECT 'Assessments', row_no, child_id FROM Assessments WHERE list_contains(factors, '18A')
""", notes="The peer applies a text test to the factor list and never reports this rule.")

R8950Q = Rule("8950Q", "cin", {"Assessments": ("AssessmentFactors",)}, """
    SELECT 'Assessments', row_no, child_id FROM Assessments WHERE list_contains(factors, '19A')
""", notes="The peer applies a text test to the factor list and never reports this rule.")

RULES = [R1103, R8608, R8614, R8670Q, R8696, R8736, R8863Q, R8869, R8873Q, R8896, R8897Q, R8898, R8945Q, R8950Q]
