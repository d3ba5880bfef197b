"""SSDA903 rules on where a child is placed: minimum ages for placement types, and the home and
placement postcodes from which the DfE derives the placement's distance and local authority."""

from clearsight.rules.definition import Rule


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

# Placement distance, as the DfE derives it: the straight line between the grid positions of the home
# and placement postcodes, in miles to one decimal place. NULL when either cannot be placed.
DISTANCE = """
    located AS (
        SELECT e.*, round(sqrt((hp.easting - pp.easting) ^ 2 + (hp.northing - pp.northing) ^ 2) / 1000 / 1.6093, 1)
                    AS pl_distance
        FROM Episodes e
        LEFT JOIN postcodes hp ON hp.postcode = e.home_post_norm
        LEFT JOIN postcodes pp ON pp.postcode = e.pl_post_norm
    )"""

# Unaccompanied asylum-seeking children (a row in this year's UASC table) have no home postcode.
NOT_UASC = "child_id NOT IN (SELECT child_id FROM UASC WHERE child_id IS NOT NULL)"

R392a = Rule("392a", "ssda903", {"Episodes": ("HOME_POST", "PL_POST")}, f"""
    WITH {DISTANCE}
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

R398 = Rule("398", "ssda903", {"Episodes": ("HOME_POST", "PL_POST")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE ls IN ('V3', 'V4') AND (home_post IS NOT NULL OR pl_post IS NOT NULL)
""")

RULES = [R370, R371, R372, R373, R374, R392a, R392b, R392c, R392d, R398]
