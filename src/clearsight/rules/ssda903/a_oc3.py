"""SSDA903 rules on OC3: care leavers' contact, activity and accommodation."""

from clearsight.rules.definition import Rule

R131 = Rule("131", "ssda903", {"OC3": ("IN_TOUCH",)}, """
    SELECT 'OC3', row_no, child_id FROM OC3 WHERE in_touch IS NULL OR in_touch NOT IN {codes:OC3.IN_TOUCH}
""")

R132 = Rule("132", "ssda903", {"OC3": ("ACTIV",)}, """
    SELECT 'OC3', row_no, child_id FROM OC3 WHERE activ IS NULL OR activ NOT IN {codes:OC3.ACTIV}
""")

R133 = Rule("133", "ssda903", {"OC3": ("ACCOM",)}, """
    SELECT 'OC3', row_no, child_id FROM OC3 WHERE accom IS NULL OR accom NOT IN {codes:OC3.ACCOM}
""", notes="Uses the year's code list, which has S1 and X1; the peer validator's list leaves them out "
           "and flags them.")

# The three items are filled in together or all left blank.
R153 = Rule("153", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, """
    SELECT 'OC3', row_no, child_id FROM OC3
    WHERE CAST(in_touch IS NOT NULL AS INTEGER) + CAST(activ IS NOT NULL AS INTEGER)
          + CAST(accom IS NOT NULL AS INTEGER) IN (1, 2)
""")

RULES = [R131, R132, R133, R153]
