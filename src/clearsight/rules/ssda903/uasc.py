"""SSDA903 rules on unaccompanied asylum-seeking children (the UASC table, and UASC in the XML header).

In the CSV layout a child's UASC status is their row in the UASC table: a child with a row there was
unaccompanied and asylum-seeking in that year's return; last year's is ``prev_UASC``.
"""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.sql import PREVIOUS, invalid

# "Date for UASC status ceased is not a valid date": not a date, or before the year began.
R104 = Rule("104", "ssda903", {"UASC": ("DUC",)}, f"""
    SELECT 'UASC', row_no, child_id FROM ({invalid('UASC', 'DUC')})
    UNION ALL
    SELECT 'UASC', row_no, child_id FROM UASC WHERE duc < collection_start()
""")

# Only the XML form carries the header's UASC field; a CSV return is reported as "not run".
R105 = Rule("105", "ssda903", {"Header": ("UASC",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE coalesce(uasc, '') NOT IN ('0', '1')
""", needs=("xml",))

# A child with a row in this year's UASC table is an unaccompanied asylum-seeking child.
R231 = Rule("231", "ssda903", {"Header": ("DOB",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.child_id IN (SELECT child_id FROM UASC)
      AND h.dob > collection_end() - INTERVAL 11 YEAR
""", notes="The peer's rule looks for a UASC_STATUS column that CSV loads do not have and never reports.")

# In the CSV layout a child's UASC status is their row in the UASC table, so a DUC there always has
# status 1 unless the child has no Header record at all.
R303 = Rule("303", "ssda903", {"UASC": ("DUC",)}, """
    SELECT 'UASC', u.row_no, u.child_id FROM UASC u
    WHERE u.duc IS NOT NULL AND NOT EXISTS (SELECT 1 FROM Header h WHERE h.child_id = u.child_id)
""")

R304 = Rule("304", "ssda903", {"UASC": ("DUC", "DOB")}, """
    SELECT 'UASC', row_no, child_id FROM UASC WHERE duc > dob + INTERVAL 18 YEAR
""")

# UASC last year (a row in last year's UASC table) and not this year (no row now): the status must have
# ceased during last year's collection period, so last year's DUC must fall within it.
R205A = Rule("205A", "ssda903", {"Header": ("CHILD",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    JOIN prev_UASC pu ON pu.child_id = h.child_id
    WHERE h.child_id NOT IN (SELECT child_id FROM UASC WHERE child_id IS NOT NULL)
      AND EXISTS (SELECT 1 FROM prev_Header ph WHERE ph.child_id = h.child_id)
      AND NOT coalesce(pu.duc BETWEEN collection_start() - INTERVAL 1 YEAR AND collection_end() - INTERVAL 1 YEAR, false)
""", needs=PREVIOUS, notes="The peer reads UASC status from the UASC table's rows and starts from this year's UASC "
                       "rows, so it can only report children missing from the Header; here the child who has "
                       "left the UASC table is the one checked.")

# UASC in both years: last year's DUC must be the 18th birthday as last year recorded it, and this year's
# DUC must fall in this collection year or repeat last year's.
R205B = Rule("205B", "ssda903", {"UASC": ("DUC",), "Header": ("CHILD",)}, """
    WITH bad AS (
        SELECT u.row_no, u.child_id FROM UASC u JOIN prev_UASC pu ON pu.child_id = u.child_id
        WHERE EXISTS (SELECT 1 FROM Header h WHERE h.child_id = u.child_id)
          AND EXISTS (SELECT 1 FROM prev_Header ph WHERE ph.child_id = u.child_id)
          AND ((NOT coalesce(u.duc BETWEEN collection_start() AND collection_end(), false)
                AND NOT coalesce(u.duc = pu.duc, false))
               OR NOT coalesce(pu.duc = pu.dob + INTERVAL 18 YEAR, false)))
    SELECT 'UASC', row_no, child_id FROM bad
    UNION ALL
    SELECT 'Header', h.row_no, h.child_id FROM Header h WHERE h.child_id IN (SELECT child_id FROM bad)
""", needs=PREVIOUS)

# A DUC recorded for a child who is in neither year's Header as UASC: in this layout, a UASC row whose
# child has no Header row this year and was not UASC (in both of last year's tables) last year.
R205C = Rule("205C", "ssda903", {"UASC": ("DUC",)}, """
    SELECT 'UASC', u.row_no, u.child_id FROM UASC u
    LEFT JOIN prev_UASC pu ON pu.child_id = u.child_id
    WHERE NOT EXISTS (SELECT 1 FROM Header h WHERE h.child_id = u.child_id)
      AND NOT (pu.child_id IS NOT NULL AND EXISTS (SELECT 1 FROM prev_Header ph WHERE ph.child_id = u.child_id))
      AND (u.duc IS NOT NULL OR pu.duc IS NOT NULL)
""", needs=PREVIOUS)

R205D = Rule("205D", "ssda903", {"Header": ("CHILD",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.child_id IN (SELECT child_id FROM UASC)
      AND h.child_id IN (SELECT child_id FROM prev_Header)
      AND h.child_id NOT IN (SELECT child_id FROM prev_UASC WHERE child_id IS NOT NULL)
""", needs=PREVIOUS)

RULES = [R104, R105, R231, R303, R304, R205A, R205B, R205C, R205D]
