"""SSDA903 rules comparing a child's record with last year's return: sex, date of birth, ethnicity,
UASC status, motherhood and UPN.

In the CSV layout a child's UASC status is their row in the UASC table: a child with a row there was
unaccompanied and asylum-seeking in that year's return; last year's is ``prev_UASC``.
"""

from clearsight.rules.definition import Rule

PREV = ("previous",)

# Sex was coded 1/2 until 2023-24 and M/F/U from 2024-25; a child coded 1 last year and M this year agrees.
R202 = Rule("202", "ssda903", {"Header": ("SEX",)}, """
    WITH norm AS (SELECT * REPLACE (CASE sex WHEN '1' THEN 'M' WHEN '2' THEN 'F' ELSE sex END AS sex) FROM Header),
         prev AS (SELECT * REPLACE (CASE sex WHEN '1' THEN 'M' WHEN '2' THEN 'F' ELSE sex END AS sex) FROM prev_Header)
    SELECT 'Header', h.row_no, h.child_id FROM norm h
    WHERE EXISTS (SELECT 1 FROM prev p WHERE p.child_id = h.child_id AND p.sex IS DISTINCT FROM h.sex)
""", needs=PREV, notes="Last year's 1/2 sex codes are read as M/F, so the 2024-25 change of coding is not a "
                       "disagreement; the peer compares the raw codes and flags every child in the first M/F year.")

R203 = Rule("203", "ssda903", {"Header": ("DOB",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE EXISTS (SELECT 1 FROM prev_Header p WHERE p.child_id = h.child_id AND p.dob IS DISTINCT FROM h.dob)
""", needs=PREV)

R204 = Rule("204", "ssda903", {"Header": ("ETHNIC",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE EXISTS (SELECT 1 FROM prev_Header p WHERE p.child_id = h.child_id AND p.ethnic IS DISTINCT FROM h.ethnic)
""", needs=PREV)

# UASC last year (a row in last year's UASC table) and not this year (no row now): the status must have
# ceased during last year's collection period, so last year's DUC must fall within it.
R205A = Rule("205A", "ssda903", {"Header": ("CHILD",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    JOIN prev_UASC pu ON pu.child_id = h.child_id
    WHERE h.child_id NOT IN (SELECT child_id FROM UASC WHERE child_id IS NOT NULL)
      AND EXISTS (SELECT 1 FROM prev_Header ph WHERE ph.child_id = h.child_id)
      AND NOT coalesce(pu.duc BETWEEN collection_start() - INTERVAL 1 YEAR AND collection_end() - INTERVAL 1 YEAR, false)
""", needs=PREV, notes="The peer reads UASC status from the UASC table's rows and starts from this year's UASC "
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
""", needs=PREV)

# A DUC recorded for a child who is in neither year's Header as UASC: in this layout, a UASC row whose
# child has no Header row this year and was not UASC (in both of last year's tables) last year.
R205C = Rule("205C", "ssda903", {"UASC": ("DUC",)}, """
    SELECT 'UASC', u.row_no, u.child_id FROM UASC u
    LEFT JOIN prev_UASC pu ON pu.child_id = u.child_id
    WHERE NOT EXISTS (SELECT 1 FROM Header h WHERE h.child_id = u.child_id)
      AND NOT (pu.child_id IS NOT NULL AND EXISTS (SELECT 1 FROM prev_Header ph WHERE ph.child_id = u.child_id))
      AND (u.duc IS NOT NULL OR pu.duc IS NOT NULL)
""", needs=PREV)

R205D = Rule("205D", "ssda903", {"Header": ("CHILD",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.child_id IN (SELECT child_id FROM UASC)
      AND h.child_id IN (SELECT child_id FROM prev_Header)
      AND h.child_id NOT IN (SELECT child_id FROM prev_UASC WHERE child_id IS NOT NULL)
""", needs=PREV)

# Once recorded as a mother (1), a child who is still looked after this year stays one.
R207 = Rule("207", "ssda903", {"Header": ("MOTHER",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.child_id IN (SELECT child_id FROM Episodes)
      AND EXISTS (SELECT 1 FROM prev_Header p WHERE p.child_id = h.child_id AND p.mother = '1'
                  AND h.mother IS DISTINCT FROM '1')
""", needs=PREV)

# A UPN may change only from unknown to known, or from UN1 (or blank) to another reason it is unknown.
R208 = Rule("208", "ssda903", {"Header": ("UPN",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h JOIN prev_Header p ON p.child_id = h.child_id
    WHERE upper(h.upn) IS DISTINCT FROM upper(p.upn)
      AND NOT ((p.upn IS NULL OR upper(p.upn) = 'UN1') AND upper(h.upn) IN ('UN2', 'UN3', 'UN4', 'UN5'))
      AND NOT ((p.upn IS NULL OR upper(p.upn) IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5'))
               AND h.upn IS NOT NULL AND upper(h.upn) NOT IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5'))
""", needs=PREV)

RULES = [R202, R203, R204, R205A, R205B, R205C, R205D, R207, R208]
