"""SSDA903 rules on an episode's placement: provider, location and URN fields that do not apply,
temporary placements, short breaks and reasons for changing placement."""

from clearsight.rules.definition import Rule

TEMPORARY = "('T0', 'T1', 'T2', 'T3', 'T4')"

# Temporary placements (and from 2025-26 the Z11-Z14 codes) have no placement provider.
R213 = Rule("213", "ssda903", {"Episodes": ("PLACE_PROVIDER",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place IN ('T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14') AND place_provider IS NOT NULL
""")

# Short breaks (V3/V4) record no placement postcode or URN.
R214 = Rule("214", "ssda903", {"Episodes": ("PL_POST", "URN")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE ls IN ('V3', 'V4') AND (pl_post IS NOT NULL OR urn IS NOT NULL)
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

# Placement types not registered with Ofsted. H5 needed no URN until 2023-24; Z1 became Z11-Z14 in 2025-26.
R222 = Rule("222", "ssda903", {"Episodes": ("URN",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE urn IS NOT NULL AND urn <> 'XXXXXXX'
      AND (place IN ('P1', 'P2', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14')
           OR (place = 'H5' AND collection_end() < DATE '2024-03-31')
           OR (place = 'Z1' AND collection_end() < DATE '2026-03-31'))
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

R242 = Rule("242", "ssda903", {"Episodes": ("URN",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE urn = 'XXXXXXX'
      AND coalesce(place NOT IN ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'), true)
""")

R378 = Rule("378", "ssda903", {"Episodes": ("PLACE", "LS")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE place = 'P1' AND ls = 'V2'
""")

R380 = Rule("380", "ssda903", {"Episodes": ("PLACE", "RNE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place IN ('T0', 'T1', 'T2', 'T3', 'T4') AND coalesce(rne NOT IN ('P', 'B'), true)
""")

R381 = Rule("381", "ssda903", {"Episodes": ("PLACE", "REC")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place IN ('T0', 'T1', 'T2', 'T3', 'T4') AND rec IS NOT NULL AND rec <> 'X1'
""")

R382 = Rule("382", "ssda903", {"Episodes": ("LS", "PLACE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE ls IN ('V3', 'V4') AND place IN ('T0', 'T1', 'T2', 'T3', 'T4')
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

R384 = Rule("384", "ssda903", {"Episodes": ("LS", "PLACE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls IN ('V3', 'V4') AND place IN ('U1', 'U4')
""")

RULES = [R213, R214, R217, R217t, R222, R225, R226, R233, R234, R242, R378, R380, R381, R382, R383, R384]
