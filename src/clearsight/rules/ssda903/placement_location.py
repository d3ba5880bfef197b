"""SSDA903 rules on where a child is placed: the home and placement postcodes, and the placement's
local authority, location and distance derived from them.

The DfE works out ``PL_LA``, ``PL_LOCATION`` and ``PL_DISTANCE`` from the postcodes; so do these rules,
through the ``postcodes`` lookup (see ``clearsight.rules.ssda903.sql.placement_fields``).
"""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.sql import placement_fields

# Unaccompanied asylum-seeking children (a row in this year's UASC table) have no home postcode.
NOT_UASC = "child_id NOT IN (SELECT child_id FROM UASC WHERE child_id IS NOT NULL)"

R392a = Rule("392a", "ssda903", {"Episodes": ("HOME_POST", "PL_POST")}, f"""
    WITH {placement_fields("Episodes", "located")}
    SELECT 'Episodes', row_no, child_id FROM located
    WHERE coalesce(ls NOT IN ('V3', 'V4'), true) AND pl_distance IS NULL AND {NOT_UASC}
""", needs=("postcodes",),
    notes="Children formerly UASC are recognised from this year's UASC table only (the peer also reads last "
          "year's when it is given).")

R392b = Rule("392b", "ssda903", {"Episodes": ("HOME_POST", "PL_POST")}, f"""
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE coalesce(ls NOT IN ('V3', 'V4'), true) AND (home_post IS NULL OR pl_post IS NULL) AND {NOT_UASC}
""", notes="Children formerly UASC are recognised from this year's UASC table only (the peer also reads last "
           "year's when it is given).")

R392c = Rule("392c", "ssda903", {"Episodes": ("HOME_POST", "PL_POST")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes e
    WHERE (e.home_post IS NOT NULL AND e.home_post_norm NOT IN (SELECT postcode FROM postcodes))
       OR (e.pl_post IS NOT NULL AND e.pl_post_norm NOT IN (SELECT postcode FROM postcodes))
""", needs=("postcodes",))

# Postcodes are compared without spaces or case: ME14 1XX and me141xx are the same postcode.
R392d = Rule("392d", "ssda903", {"Episodes": ("HOME_POST", "PLACE", "PL_POST")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE coalesce(place <> 'P1', true) AND home_post_norm = pl_post_norm
""", notes="The peer compares the postcodes as written, so 'ME14 1XX' and 'ME141XX' differ there.")

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

# "Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be blank."
# A child is or was UASC when recorded in the UASC table this year or last.
R406 = Rule("406", "ssda903", {"Episodes": ("PL_DISTANCE",)}, f"""
    WITH {placement_fields()}
    SELECT 'Episodes', row_no, child_id FROM placed
    WHERE pl_distance IS NOT NULL
      AND child_id IN (SELECT child_id FROM UASC UNION SELECT child_id FROM prev_UASC)
""", needs=("postcodes",),
    notes="The distance is the one the DfE derives from the home and placement postcodes, so this flags "
          "UASC children whose episodes give both postcodes. Last year's UASC table is used when given.")

# "Placement location code disagrees with LA of placement."
R411 = Rule("411", "ssda903", {"Episodes": ("PL_LOCATION",)}, f"""
    WITH {placement_fields()}
    SELECT 'Episodes', row_no, child_id FROM placed
    WHERE pl_location = 'IN' AND pl_la IS DISTINCT FROM la_code()
""", needs=("postcodes", "la"),
    notes="Both fields are derived from the placement postcode, so they agree unless the lookup does not.")

# "LA of placement completed but child is looked after under legal status V3 or V4."
R420 = Rule("420", "ssda903", {"Episodes": ("PL_LA",)}, f"""
    WITH {placement_fields()}
    SELECT 'Episodes', row_no, child_id FROM placed WHERE ls IN ('V3', 'V4') AND pl_la IS NOT NULL
""", needs=("postcodes",))

# "Placement distance from home is over 350 miles." (999.9 is the DfE's value for a distance not known.)
R454 = Rule("454", "ssda903", {"Episodes": ("PL_DISTANCE",)}, f"""
    WITH {placement_fields()}
    SELECT 'Episodes', row_no, child_id FROM placed WHERE pl_distance > 350 AND pl_distance <> 999.9
""", needs=("postcodes",))

# "Placement provider is own provision but child not placed in own LA."
R1015 = Rule("1015", "ssda903", {"Episodes": ("PLACE_PROVIDER", "PL_POST")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    JOIN postcodes pc ON pc.postcode = e.pl_post_norm
    WHERE e.place_provider = 'PR1'
      AND e.place IS NOT NULL AND e.ls IS NOT NULL
      AND e.place NOT IN ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'K3')
      AND e.ls NOT IN ('V3', 'V4')
      AND pc.la_code IS DISTINCT FROM la_code()
""", needs=("la", "postcodes"),
    notes="The placement's authority is the one its postcode (PL_POST) lies in, compared with the "
          "council's own code; adoption and connected-person placements (A3-A6, U1-U6, K3) and short "
          "breaks (V3, V4) are left out. A placement whose postcode is blank or unknown cannot be "
          "placed and is not flagged; the peer flags it as out of area.")

RULES = [R392a, R392b, R392c, R392d, R164, R169, R179, R406, R411, R420, R454, R1015]
