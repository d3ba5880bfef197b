"""SSDA903 rules on missing and away-from-placement episodes (Missing): 1004, 1005, 1006."""

from clearsight.rules.definition import Rule

# "The start date of the missing episode or episode that the child was away from placement without
# authorisation is not a valid date."
R1004 = Rule("1004", "ssda903", {"Missing": ("MIS_START",)}, """
    SELECT 'Missing', row_no, child_id FROM Missing WHERE mis_start IS NULL
""", notes="A blank start date is not a valid date either.")

# "The end date of the missing episode or episode that the child was away from placement without
# authorisation is not a valid date."
R1005 = Rule("1005", "ssda903", {"Missing": ("MIS_END",)}, """
    SELECT 'Missing', row_no, child_id FROM invalid_values WHERE table_name = 'Missing' AND field = 'MIS_END'
""", notes="A blank end date is allowed: the child is still missing or away.")

# "Missing type invalid."
R1006 = Rule("1006", "ssda903", {"Missing": ("MISSING",)}, """
    SELECT 'Missing', row_no, child_id FROM Missing
    WHERE missing IS NOT NULL AND missing NOT IN {codes:Missing.MISSING}
""")

RULES = [R1004, R1005, R1006]
