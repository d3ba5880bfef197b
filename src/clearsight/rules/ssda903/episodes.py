"""SSDA903 rules on one episode of care: its codes, its dates, and the child's age when it starts or ends."""

from clearsight.rules.definition import Rule
from clearsight.rules.families import after_collection_end, dates_out_of_order, same_day
from clearsight.rules.ssda903.sql import not_in_codes, not_valid

R141 = Rule("141", "ssda903", {"Episodes": ("DECOM",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE decom IS NULL
""")

R143 = not_in_codes("143", "Episodes", "RNE", blank_allowed=False)

R144 = not_in_codes("144", "Episodes", "LS", blank_allowed=False)

R145 = not_in_codes("145", "Episodes", "CIN", blank_allowed=False)

R146 = not_in_codes("146", "Episodes", "PLACE", blank_allowed=False)

# A blank DEC is allowed (the episode is open); only a value that is not a date breaks 147.
R147 = not_valid("147", "Episodes", "DEC")

# A DEC that is present but not a date still counts as "coded" here; rule 147 reports it.
R148 = Rule("148", "ssda903", {"Episodes": ("DEC", "REC")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    LEFT JOIN (SELECT row_no FROM invalid_values WHERE table_name = 'Episodes' AND field = 'DEC') bad
           ON bad.row_no = e.row_no
    WHERE (e.dec IS NOT NULL OR bad.row_no IS NOT NULL) <> (e.rec IS NOT NULL)
""")

R149 = not_in_codes("149", "Episodes", "REC", blank_allowed=True)

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

R354 = after_collection_end("ssda903", "354", "Episodes", "DECOM")

R355 = same_day("ssda903", "355", "Episodes", ("DECOM", "DEC"), "dec", "decom")

R356 = dates_out_of_order("ssda903", "356", "Episodes", ("DECOM", "DEC"), earlier="decom", later="dec")

# Only a first episode starting in this collection year is checked: an earlier one may continue a
# period of care from before the return's data.
R357 = Rule("357", "ssda903", {"Episodes": ("RNE",)}, f"""
    WITH {FIRST}
    SELECT 'Episodes', row_no, child_id FROM first_eps
    WHERE decom >= collection_start() AND rne IS DISTINCT FROM 'S'
""")

# Over 18 at 31 March and still looked after: only as section 20(5) (V2) in a community home (K2).
R359 = Rule("359", "ssda903", {"Episodes": ("LS", "PLACE", "DEC")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
    WHERE h.dob + INTERVAL 18 YEAR < collection_end() AND e.dec IS NULL
      AND NOT (e.ls IS NOT DISTINCT FROM 'V2' AND e.place IS NOT DISTINCT FROM 'K2')
""")

R385 = after_collection_end("ssda903", "385", "Episodes", "DEC")

R386 = Rule("386", "ssda903", {"Episodes": ("REC", "DEC")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
    WHERE e.rec IN ('E11', 'E12') AND h.dob + INTERVAL 18 YEAR <= e.dec
""")

R387 = Rule("387", "ssda903", {"Episodes": ("REC", "DEC")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
    WHERE e.rec IN ('E5', 'E6') AND e.dec < h.dob + INTERVAL 14 YEAR
""")

# Transferred to adult social care (E7) only from 16; a child whose age cannot be told is reported.
R389 = Rule("389", "ssda903", {"Episodes": ("REC", "DEC"), "Header": ("DOB",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e LEFT JOIN Header h ON h.child_id = e.child_id
    WHERE e.rec = 'E7' AND NOT coalesce(h.dob + INTERVAL 16 YEAR <= e.dec, false)
""")

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

RULES = [R141, R143, R144, R145, R146, R147, R148, R149, R302, R352, R353, R354, R355, R356, R357, R359, R385,
         R386, R387, R389, R407, R460, R516]
