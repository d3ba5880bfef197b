"""SSDA903 rules on an episode's placement: type and provider, temporary placements, minimum ages and
reasons for changing placement.
"""

from clearsight.rules.definition import Rule

# PLACE_PROVIDER, if given, is valid and not given for placements that have no provider. The list
# of such placements changed in 2025-26 (T4 and Z1 left it; Z11-Z14 joined).
R178 = Rule("178", "ssda903", {"Episodes": ("PLACE_PROVIDER", "PLACE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place_provider IS NOT NULL
      AND (place_provider NOT IN {codes:Episodes.PLACE_PROVIDER}
           OR place IN ('T0', 'T1', 'T2', 'T3')
           OR (year(collection_end()) < 2026 AND place IN ('T4', 'Z1'))
           OR (year(collection_end()) >= 2026 AND place IN ('Z11', 'Z12', 'Z13', 'Z14')))
""")

TEMPORARY = "('T0', 'T1', 'T2', 'T3', 'T4')"

# Temporary placements (and from 2025-26 the Z11-Z14 codes) have no placement provider.
R213 = Rule("213", "ssda903", {"Episodes": ("PLACE_PROVIDER",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place IN ('T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14') AND place_provider IS NOT NULL
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

# Applies to episodes starting on or after 1 April 2015.
R217 = Rule("217", "ssda903", {"Episodes": ("PLACE", "DECOM", "RNE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place IN ('A3', 'A5') AND decom >= DATE '2015-04-01' AND coalesce(rne NOT IN ('S', 'T', 'U'), true)
""")

# P2 ended on 28 October 2023: an episode in P2 must have ceased by then.
R217t = Rule("217t", "ssda903", {"Episodes": ("PLACE", "DEC")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place = 'P2' AND (dec IS NULL OR dec > DATE '2023-10-28')
""")


def _placed_younger_than(places: str, years: int) -> str:
    return f"""
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
    WHERE e.place IN {places} AND e.decom < h.dob + INTERVAL {years} YEAR
    """


# Ages are taken when the placement began, whether or not it has ended.
R370 = Rule("370", "ssda903", {"Episodes": ("PLACE", "DECOM")}, _placed_younger_than("('P2')", 16),
            notes="The peer checks only episodes that have ceased, and in 2022-23 uses 15 years.")

# Supported accommodation not subject to children's homes regulations: H5 until 2023-24, K3 after.
R371 = Rule("371", "ssda903", {"Episodes": ("PLACE", "DECOM")}, _placed_younger_than("('H5', 'K3')", 16),
            notes="The peer checks only episodes that have ceased, and in 2022-23 uses 14 years.")

R372 = Rule("372", "ssda903", {"Episodes": ("PLACE", "DECOM")}, _placed_younger_than("('R5')", 10),
            notes="The peer checks only episodes that have ceased.")

R373 = Rule("373", "ssda903", {"Episodes": ("PLACE", "DECOM")}, _placed_younger_than("('S1')", 4),
            notes="The peer checks only episodes that have ceased.")

R374 = Rule("374", "ssda903", {"Episodes": ("PLACE", "DECOM")}, _placed_younger_than("('P3')", 14),
            notes="The peer checks only episodes that have ceased.")

R380 = Rule("380", "ssda903", {"Episodes": ("PLACE", "RNE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place IN ('T0', 'T1', 'T2', 'T3', 'T4') AND coalesce(rne NOT IN ('P', 'B'), true)
""")

R381 = Rule("381", "ssda903", {"Episodes": ("PLACE", "REC")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place IN ('T0', 'T1', 'T2', 'T3', 'T4') AND rec IS NOT NULL AND rec <> 'X1'
""")

# After a temporary placement the child returns (RNE P) to the placement before it; from 2025-26 also
# to the same placement postcode.
R383 = Rule("383", "ssda903", {"Episodes": ("PLACE", "RNE", "PL_POST")}, """
    WITH e AS (
        SELECT *, lag(place, 1) OVER w AS place_1, lag(place, 2) OVER w AS place_2,
               lag(pl_post_norm, 2) OVER w AS post_2, lag(row_no, 2) OVER w AS row_2
        FROM Episodes WINDOW w AS (PARTITION BY child_id ORDER BY decom, row_no)
    )
    SELECT 'Episodes', row_no, child_id FROM e
    WHERE row_2 IS NOT NULL AND place_1 IN ('T0', 'T1', 'T2', 'T3', 'T4')
      AND (rne IS DISTINCT FROM 'P' OR place IS DISTINCT FROM place_2
           OR (collection_end() >= DATE '2026-03-31'
               AND pl_post_norm IS DISTINCT FROM post_2))
""", notes="Two blank values count as the same (the peer, comparing blanks as unequal, reports them).")


def _temporary_longer_than(place: str, days: int) -> str:
    return f"""
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place = '{place}' AND dec > decom + INTERVAL {days} DAY
    """


# Temporary placements that have ceased: hospital (T1) at most six weeks, a foster carer's holiday (T3)
# three weeks, any other reason (T4) seven days.
R375 = Rule("375", "ssda903", {"Episodes": ("PLACE", "DECOM", "DEC")}, _temporary_longer_than("T1", 42))

R376 = Rule("376", "ssda903", {"Episodes": ("PLACE", "DECOM", "DEC")}, _temporary_longer_than("T3", 21))

R379 = Rule("379", "ssda903", {"Episodes": ("PLACE", "DECOM", "DEC")}, _temporary_longer_than("T4", 7))

# At most two temporary placements for a foster carer's holiday (T3) in the return's year.
R377 = Rule("377", "ssda903", {"Episodes": ("PLACE",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE place = 'T3'
    QUALIFY count(*) OVER (PARTITION BY child_id) > 2
""")

# The placement ended with a move (X1) to a new, not temporary, placement (reason P, B, T or U): the
# episode that ends must say why the placement changed, unless it was itself temporary.
R225 = Rule("225", "ssda903", {"Episodes": ("REASON_PLACE_CHANGE",)}, """
    WITH e AS (
        SELECT *, lead(rne) OVER w AS next_rne, lead(place) OVER w AS next_place,
               lead(row_no) OVER w AS next_row
        FROM Episodes WINDOW w AS (PARTITION BY child_id ORDER BY decom, row_no)
    )
    SELECT 'Episodes', row_no, child_id FROM e
    WHERE next_row IS NOT NULL AND rec = 'X1' AND reason_place_change IS NULL
      AND coalesce(place NOT IN {temporary}, true)
      AND next_rne IN ('P', 'B', 'T', 'U') AND coalesce(next_place NOT IN {temporary}, true)
""".replace("{temporary}", TEMPORARY))

# A temporary placement, and the episode just before it, record no reason for placement change.
R226 = Rule("226", "ssda903", {"Episodes": ("REASON_PLACE_CHANGE", "PLACE")}, """
    WITH e AS (
        SELECT *, lag(reason_place_change) OVER (PARTITION BY child_id ORDER BY decom, row_no) AS prev_reason
        FROM Episodes
    )
    SELECT 'Episodes', row_no, child_id FROM e
    WHERE place IN ('T0', 'T1', 'T2', 'T3', 'T4') AND (reason_place_change IS NOT NULL OR prev_reason IS NOT NULL)
""")

# A DEC that is present but not a date still says the episode ceased (rule 147 reports the value).
R233 = Rule("233", "ssda903", {"Episodes": ("REASON_PLACE_CHANGE", "DEC")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.dec IS NULL AND e.reason_place_change IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM invalid_values v WHERE v.table_name = 'Episodes' AND v.field = 'DEC'
                      AND v.row_no = e.row_no)
""", notes="The peer looks for a DATE_EPISODE_CEASED column that the 903 files do not have and never reports.")

# The reason for changing placement is recorded on the episode that ends, so the child's age is taken
# at the date of the change (the episode's DEC; its DECOM when it has none).
R234 = Rule("234", "ssda903", {"Episodes": ("REASON_PLACE_CHANGE",), "Header": ("DOB",)}, """
    WITH bad AS (
        SELECT e.row_no, e.child_id, h.row_no AS header_row FROM Episodes e JOIN Header h ON h.child_id = e.child_id
        WHERE e.reason_place_change = 'CUSTOD' AND coalesce(e.dec, e.decom) < h.dob + INTERVAL 10 YEAR
    )
    SELECT 'Episodes', row_no, child_id FROM bad
    UNION ALL
    SELECT 'Header', header_row, child_id FROM bad
""", notes="Age is taken when the placement changed (DEC); the peer takes it when the episode began (DECOM), "
           "so it also reports a child who turned 10 during the placement.")

# "Reason for placement change is not a valid code."
R1009 = Rule("1009", "ssda903", {"Episodes": ("REASON_PLACE_CHANGE",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE reason_place_change IS NOT NULL AND reason_place_change NOT IN {codes:Episodes.REASON_PLACE_CHANGE}
""")

RULES = [R178, R213, R526, R527, R528, R529, R530, R531, R550, R217, R217t, R370, R371, R372, R373, R374,
         R380, R381, R383, R375, R376, R379, R377, R225, R226, R233, R234, R1009]
