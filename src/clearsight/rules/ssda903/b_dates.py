"""SSDA903 rules on episode dates and ages: when care starts and ends, and the reasons an episode
ceased that depend on the child's age or on the next episode."""

from clearsight.rules.definition import Rule

# The child's first episode in the return.
FIRST = """
    first_eps AS (
        SELECT row_no, child_id, decom, rne FROM Episodes WHERE decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom, row_no) = 1
    )"""

R302 = Rule("302", "ssda903", {"Header": ("DOB",), "Episodes": ("DECOM",)}, f"""
    WITH {FIRST},
    bad AS (SELECT f.row_no, h.row_no AS header_row, f.child_id FROM first_eps f JOIN Header h ON h.child_id = f.child_id
            WHERE h.dob > f.decom)
    SELECT 'Episodes', row_no, child_id FROM bad
    UNION ALL
    SELECT 'Header', header_row, child_id FROM bad
""")

R352 = Rule("352", "ssda903", {"Episodes": ("DECOM", "RNE")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
    WHERE e.rne = 'S' AND h.dob + INTERVAL 18 YEAR <= e.decom
""")

R353 = Rule("353", "ssda903", {"Episodes": ("DECOM",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE decom < DATE '1991-10-14'
""")

R354 = Rule("354", "ssda903", {"Episodes": ("DECOM",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE decom > collection_end()
""")

R355 = Rule("355", "ssda903", {"Episodes": ("DECOM", "DEC")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE dec = decom
""")

R356 = Rule("356", "ssda903", {"Episodes": ("DECOM", "DEC")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE dec < decom
""")

# Only a first episode starting in this collection year is checked: an earlier one may continue a
# period of care from before the return's data.
R357 = Rule("357", "ssda903", {"Episodes": ("RNE",)}, f"""
    WITH {FIRST}
    SELECT 'Episodes', row_no, child_id FROM first_eps
    WHERE decom >= collection_start() AND rne IS DISTINCT FROM 'S'
""")

# Youth justice legal statuses (J1-J3) apply from the age of criminal responsibility, 10.
R358 = Rule("358", "ssda903", {"Episodes": ("LS", "DECOM"), "Header": ("DOB",)}, """
    WITH bad AS (
        SELECT e.row_no, h.row_no AS header_row, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
        WHERE e.ls IN ('J1', 'J2', 'J3') AND h.dob + INTERVAL 10 YEAR >= e.decom
    )
    SELECT 'Episodes', row_no, child_id FROM bad
    UNION ALL
    SELECT 'Header', header_row, child_id FROM bad
""")

# Over 18 at 31 March and still looked after: only as section 20(5) (V2) in a community home (K2).
R359 = Rule("359", "ssda903", {"Episodes": ("LS", "PLACE", "DEC")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
    WHERE h.dob + INTERVAL 18 YEAR < collection_end() AND e.dec IS NULL
      AND NOT (e.ls IS NOT DISTINCT FROM 'V2' AND e.place IS NOT DISTINCT FROM 'K2')
""")

R385 = Rule("385", "ssda903", {"Episodes": ("DEC",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE dec > collection_end()
""")

R386 = Rule("386", "ssda903", {"Episodes": ("REC", "DEC")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
    WHERE e.rec IN ('E11', 'E12') AND h.dob + INTERVAL 18 YEAR <= e.dec
""")

R387 = Rule("387", "ssda903", {"Episodes": ("REC", "DEC")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
    WHERE e.rec IN ('E5', 'E6') AND e.dec < h.dob + INTERVAL 14 YEAR
""")

# X1 (new episode begins) needs an episode starting the day this one ends; any other reason on an
# episode followed by one starting that same day should be X1; the last episode cannot end X1.
R388 = Rule("388", "ssda903", {"Episodes": ("REC", "DEC")}, """
    WITH e AS (
        SELECT *, lead(decom) OVER w AS next_decom, lead(row_no) OVER w AS next_row
        FROM Episodes WINDOW w AS (PARTITION BY child_id ORDER BY decom NULLS FIRST, row_no)
    )
    SELECT 'Episodes', row_no, child_id FROM e
    WHERE dec IS NOT NULL AND (
          (next_row IS NOT NULL AND rec = 'X1' AND next_decom IS NOT NULL AND dec <> next_decom)
       OR (next_row IS NOT NULL AND rec <> 'X1' AND dec = next_decom)
       OR (next_row IS NULL AND rec = 'X1'))
""")

# Transferred to adult social care (E7) only from 16; a child whose age cannot be told is reported.
R389 = Rule("389", "ssda903", {"Episodes": ("REC", "DEC"), "Header": ("DOB",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e LEFT JOIN Header h ON h.child_id = e.child_id
    WHERE e.rec = 'E7' AND NOT coalesce(h.dob + INTERVAL 16 YEAR <= e.dec, false)
""")

RULES = [R302, R352, R353, R354, R355, R356, R357, R358, R359, R385, R386, R387, R388, R389]
