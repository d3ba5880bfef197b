"""SSDA903 rules 105, 142, 164, 169 and 179: UASC status in the XML header, unended episodes, and the
placement's derived local authority, location and distance."""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.c_shared import placement_fields

# Only the XML form carries the header's UASC field; a CSV return is reported as "not run".
R105 = Rule("105", "ssda903", {"Header": ("UASC",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE coalesce(uasc, '') NOT IN ('0', '1')
""", needs=("xml",))

# Every episode but a child's last (by start date, then file order) must have ended, with a reason.
R142 = Rule("142", "ssda903", {"Episodes": ("DEC", "REC")}, """
    SELECT 'Episodes', row_no, child_id FROM (
        SELECT *, row_number() OVER (PARTITION BY child_id ORDER BY decom DESC, row_no DESC) AS from_last
        FROM Episodes WHERE decom IS NOT NULL AND child_id IS NOT NULL)
    WHERE from_last > 1 AND (dec IS NULL OR rec IS NULL)
""")

# Children who are or were UASC (this year's or last year's UASC table) are left out: their home
# postcode is often not known, which the DfE note on the rule allows for.
R164 = Rule("164", "ssda903", {"Episodes": ("HOME_POST", "PL_POST")}, f"""
    WITH {placement_fields()}
    SELECT 'Episodes', p.row_no, p.child_id FROM placed p
    WHERE p.pl_distance IS NOT NULL AND (p.pl_distance < 0 OR p.pl_distance > 999.9)
      AND p.child_id NOT IN (SELECT child_id FROM UASC WHERE child_id IS NOT NULL
                             UNION SELECT child_id FROM prev_UASC WHERE child_id IS NOT NULL)
""", needs=("postcodes",), notes="The distance cannot be negative and the UK is under 1,000 miles across, "
                                 "so like the peer this fires only on corrupted grid positions.")

R169 = Rule("169", "ssda903", {"Episodes": ("PL_POST",)}, f"""
    WITH {placement_fields()}
    SELECT 'Episodes', row_no, child_id FROM placed
    WHERE coalesce(ls, '') NOT IN ('V3', 'V4') AND pl_la IS NULL
""", needs=("postcodes", "la"))

R179 = Rule("179", "ssda903", {"Episodes": ("PL_POST",)}, f"""
    WITH {placement_fields()}
    SELECT 'Episodes', row_no, child_id FROM placed
    WHERE coalesce(ls, '') NOT IN ('V3', 'V4') AND pl_location IS NULL
""", needs=("postcodes", "la"))

RULES = [R105, R142, R164, R169, R179]
