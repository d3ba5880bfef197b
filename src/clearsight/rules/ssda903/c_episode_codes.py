"""SSDA903 rules on the codes of one episode: legal status, placement type and provider, reason ceased."""

from clearsight.rules.definition import Rule

# "Reason episode ceased is Special Guardianship Order, but child has reached age 18."
R407 = Rule("407", "ssda903", {"Episodes": ("DEC", "REC"), "Header": ("DOB",)}, """
    WITH bad AS (
        SELECT e.row_no AS e_row, h.row_no AS h_row, e.child_id FROM Episodes e
        JOIN Header h ON h.child_id = e.child_id
        WHERE e.rec IN ('E45', 'E46', 'E47', 'E48') AND e.dec >= h.dob + INTERVAL 18 YEAR
    )
    SELECT 'Episodes', e_row, child_id FROM bad
    UNION ALL SELECT 'Header', h_row, child_id FROM bad
""", notes="The DfE condition is that the date of birth is less than 18 years before the ceased date, so an "
           "episode ceasing on the 18th birthday is flagged; the Data to Insight validator lets that day pass.")

# "Child is placed for adoption with a placement order, but no placement order has been recorded."
R408 = Rule("408", "ssda903", {"Episodes": ("PLACE", "LS")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place IN ('A5', 'A6') AND ls IS DISTINCT FROM 'E1'
""")

# "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year."
R426 = Rule("426", "ssda903", {"Episodes": ("LS",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE ls IN ('V3', 'V4') AND child_id IN (
        SELECT child_id FROM Episodes GROUP BY child_id
        HAVING bool_or(ls = 'V3') AND bool_or(ls = 'V4'))
""")

# "Reason episode ceased is child has died or is aged 18 or over but there are further episodes."
R437 = Rule("437", "ssda903", {"Episodes": ("REC",)}, """
    SELECT 'Episodes', row_no, child_id FROM (
        SELECT *, lead(row_no) OVER (PARTITION BY child_id ORDER BY decom NULLS LAST, row_no) AS next_row
        FROM Episodes)
    WHERE rec IN ('E2', 'E15') AND decom IS NOT NULL AND next_row IS NOT NULL
""")

# "D1 is not a valid code for episodes starting after December 2005."
R445 = Rule("445", "ssda903", {"Episodes": ("DECOM", "LS")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls = 'D1' AND decom > DATE '2005-12-31'
""")

# "E1 is not a valid code for episodes starting before December 2005."
R446 = Rule("446", "ssda903", {"Episodes": ("DECOM", "LS")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls = 'E1' AND decom < DATE '2005-12-01'
""")

# "Child is still freed for adoption, but freeing orders could not be applied for since 30 December 2005."
R451 = Rule("451", "ssda903", {"Episodes": ("DEC", "LS", "REC")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls = 'D1' AND dec IS NULL AND rec IS NULL
""")

# "Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is
# aged under 18."
R460 = Rule("460", "ssda903", {"Episodes": ("DEC", "REC")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
    WHERE e.rec = 'E17' AND e.dec < h.dob + INTERVAL 18 YEAR
""")

# "If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6."
R516 = Rule("516", "ssda903", {"Episodes": ("PLACE", "REC")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE rec IN ('E45', 'E46') AND (place IS NULL OR place NOT IN ('U1', 'U2', 'U3', 'U4', 'U5', 'U6'))
""")

# "Child is missing a placement provider code for at least one episode."
# Temporary placements (T0-T4) and other placements (Z1; from 2025-26 Z11-Z14) need no provider.
R526 = Rule("526", "ssda903", {"Episodes": ("PLACE", "PLACE_PROVIDER")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place_provider IS NULL
      AND (place IS NULL OR place NOT IN ('T0', 'T1', 'T2', 'T3', 'T4'))
      AND NOT (year(collection_end()) <= 2025 AND place IS NOT DISTINCT FROM 'Z1')
      AND NOT (year(collection_end()) >= 2026 AND place IN ('Z11', 'Z12', 'Z13', 'Z14'))
""")

# "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5."
R527 = Rule("527", "ssda903", {"Episodes": ("PLACE", "PLACE_PROVIDER")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE place_provider = 'PR1' AND place IN ('P1', 'R2', 'R5')
""")

# "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5."
R528 = Rule("528", "ssda903", {"Episodes": ("PLACE", "PLACE_PROVIDER")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE place_provider = 'PR2' AND place IN ('P1', 'R2', 'R5')
""")

# "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6."
R529 = Rule("529", "ssda903", {"Episodes": ("PLACE", "PLACE_PROVIDER")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place_provider = 'PR3'
      AND place IN ('P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6')
""")

# "A placement provider code of PR4 cannot be associated with placement P1."
R530 = Rule("530", "ssda903", {"Episodes": ("PLACE", "PLACE_PROVIDER")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE place_provider = 'PR4' AND place = 'P1'
""")

# "A placement provider code of PR5 cannot be associated with placements P1."
R531 = Rule("531", "ssda903", {"Episodes": ("PLACE", "PLACE_PROVIDER")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE place_provider = 'PR5' AND place = 'P1'
""")

# "A placement provider code of PR0 can only be associated with placement P1."
R550 = Rule("550", "ssda903", {"Episodes": ("PLACE", "PLACE_PROVIDER")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE place_provider = 'PR0' AND place IS DISTINCT FROM 'P1'
""")

RULES = [R407, R408, R426, R437, R445, R446, R451, R460, R516, R526, R527, R528, R529, R530, R531, R550]
