"""SSDA903 rules on missing and away-from-placement periods (Missing), alone and against the episodes of care."""

from clearsight.rules.definition import Rule
from clearsight.rules.families import after_collection_end, dates_out_of_order, outside_collection_year
from clearsight.rules.ssda903.sql import (
    not_in_codes,
    not_valid,
    overlaps_the_one_before,
    periods_of_care,
    present,
)

# "The start date of the missing episode or episode that the child was away from placement without
# authorisation is not a valid date."
R1004 = Rule("1004", "ssda903", {"Missing": ("MIS_START",)}, """
    SELECT 'Missing', row_no, child_id FROM Missing WHERE mis_start IS NULL
""", notes="A blank start date is not a valid date either.")

# "The end date of the missing episode or episode that the child was away from placement without
# authorisation is not a valid date."
R1005 = not_valid("1005", "Missing", "MIS_END",
                  notes="A blank end date is allowed: the child is still missing or away.")

# "Missing type invalid."
R1006 = not_in_codes("1006", "Missing", "MISSING", blank_allowed=True)

# "Child was missing or away from placement without authorisation and the date started is blank."
# (A start date that is there but not a date is reported by the date-format rule, not here.)
R564 = Rule("564", "ssda903", {"Missing": ("MISSING", "MIS_START")}, """
    SELECT 'Missing', m.row_no, m.child_id FROM Missing m
    WHERE m.missing IN ('M', 'A') AND m.mis_start IS NULL
      AND NOT EXISTS (SELECT 1 FROM invalid_values v
                      WHERE v.table_name = 'Missing' AND v.field = 'MIS_START' AND v.row_no = m.row_no)
""")


def _given_without_type(code: str, field: str) -> Rule:
    """A date of the period is given (a date, or a value that is not one) but MISSING is blank."""
    return Rule(code, "ssda903", {"Missing": ("MISSING", field)}, f"""
    SELECT 'Missing', m.row_no, m.child_id FROM Missing m
    WHERE m.missing IS NULL AND {present('Missing', field, 'm')}
""")


# "The date that the child started to be missing or away from placement without authorisation has been
# completed but whether the child was missing or away from placement without authorisation has not been
# completed."
R565 = _given_without_type("565", "MIS_START")

# "The date that the child's episode of being missing or away from placement without authorisation ended has
# been completed but whether the child was missing or away without authorisation has not been completed."
R566 = _given_without_type("566", "MIS_END")

# "The date that the missing episode or episode that the child was away from placement without authorisation
# ended is before the date that it started."
R567 = dates_out_of_order("ssda903", "567", "Missing", ("MIS_END", "MIS_START"), earlier="mis_start", later="mis_end")

# "The date that the child started to be missing or away from placement without authorisation is after the
# end of the collection year."
R570 = after_collection_end("ssda903", "570", "Missing", "MIS_START")

# "The date that the child ceased to be missing or away from placement without authorisation is before the
# start or after the end of the collection year."
R571 = outside_collection_year("ssda903", "571", "Missing", "MIS_END")

# "A new missing/away from placement without authorisation period cannot start when the previous
# missing/away from placement without authorisation period is still open. Missing/away from placement
# without authorisation periods should also not overlap." Periods are read in order of end date (an open
# period at its start date), then start date.
R574 = overlaps_the_one_before("574", "Missing", ("MIS_END", "MIS_START"), "mis_start", "mis_end",
                               "coalesce(mis_end, mis_start) NULLS LAST, mis_start NULLS LAST")

# "If the placement from which the child goes missing/away from placement without authorisation ends, the
# missing/away from placement without authorisation period in the missing module must also have an end date."
R575 = Rule("575", "ssda903", {"Missing": ("MIS_END",)}, """
    SELECT 'Missing', m.row_no, m.child_id FROM Missing m
    JOIN Episodes e ON e.child_id = m.child_id
    WHERE m.mis_end IS NULL AND e.dec IS NOT NULL AND m.mis_start >= e.decom AND m.mis_start <= e.dec
""")

# "There is an open missing/away from placement without authorisation period in last year's return and there
# is no corresponding period recorded at the start of this year." The child's first period this year must
# start when last year's open period did.
R576 = Rule("576", "ssda903", {"Missing": ("CHILD",)}, """
    WITH first_this_year AS (
        SELECT child_id, row_no, mis_start FROM Missing
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY mis_start NULLS LAST, row_no) = 1
    )
    SELECT 'Missing', f.row_no, f.child_id FROM first_this_year f
    JOIN prev_Missing p ON p.child_id = f.child_id
    WHERE p.mis_end IS NULL AND p.mis_start IS NOT NULL AND f.mis_start IS DISTINCT FROM p.mis_start
""", needs=("previous",))

# "Child ceased to be looked after but there is a missing/away from placement without authorisation period
# without an end date." An open missing period must sit in an open period of care that started by then.
R577 = Rule("577", "ssda903", {"Missing": ("MIS_END",)}, f"""
    WITH {periods_of_care()}
    SELECT 'Missing', m.row_no, m.child_id FROM Missing m
    WHERE m.mis_start IS NOT NULL AND m.mis_end IS NULL
      AND EXISTS (SELECT 1 FROM poc WHERE poc.child_id = m.child_id)
      AND NOT EXISTS (SELECT 1 FROM poc WHERE poc.child_id = m.child_id
                      AND poc.poc_dec IS NULL AND m.mis_start >= poc.poc_decom)
""", notes="Only periods without an end date are checked, as the DfE text says; the Data to Insight "
           "validator also flags closed periods that end outside every period of care.")

# "The date that the child started to be missing is after the child ceased to be looked after." The start is
# in no period of care and after one of them ended.
R578 = Rule("578", "ssda903", {"Missing": ("MIS_START",)}, f"""
    WITH {periods_of_care()}
    SELECT 'Missing', m.row_no, m.child_id FROM Missing m
    WHERE EXISTS (SELECT 1 FROM poc WHERE poc.child_id = m.child_id AND m.mis_start > poc.poc_dec)
      AND NOT EXISTS (SELECT 1 FROM poc WHERE poc.child_id = m.child_id AND m.mis_start >= poc.poc_decom
                      AND (poc.poc_dec IS NULL OR m.mis_start <= poc.poc_dec))
""", notes="A period that starts before the child's first period of care is left to rule 581 (not yet looked "
           "after); the Data to Insight validator reports it under 578 too.")

# "Child is missing when cease being looked after but reason episode ceased not 'E8'." A missing period that
# ends on the 18th birthday, the day the episode ceased.
R580 = Rule("580", "ssda903", {"Episodes": ("REC",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    JOIN Missing m ON m.child_id = e.child_id
    WHERE e.dec IS NOT NULL AND m.mis_end = e.dec AND m.mis_end = m.dob + INTERVAL 18 YEAR
      AND e.rec IS DISTINCT FROM 'E8'
""")

# "Child is missing but has not yet started to be looked after." The start date falls in none of the child's
# episodes.
R581 = Rule("581", "ssda903", {"Missing": ("MIS_START",)}, """
    SELECT 'Missing', m.row_no, m.child_id FROM Missing m
    WHERE m.mis_start IS NOT NULL
      AND EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = m.child_id)
      AND NOT EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = m.child_id AND m.mis_start >= e.decom
                      AND (e.dec IS NULL OR m.mis_start <= e.dec))
""", notes="A period without a start date is left to rule 564; the Data to Insight validator reports it "
           "here too.")

# "Dates of missing periods are before child's date of birth."
R586 = dates_out_of_order("ssda903", "586", "Missing", ("MIS_START",), earlier="dob", later="mis_start",
                          same_day_too=True)

RULES = [R1004, R1005, R1006, R564, R565, R566, R567, R570, R571, R574, R575, R576, R577, R578, R580, R581,
         R586]
