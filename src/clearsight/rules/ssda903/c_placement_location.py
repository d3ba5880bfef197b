"""SSDA903 rules on where a child is placed: the placement's local authority, location and distance.

The DfE works these out from the home and placement postcodes (``PL_LA``, ``PL_LOCATION`` and
``PL_DISTANCE``); so do these rules, through the ``postcodes`` lookup (see ``c_shared.placement_fields``).
"""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.c_shared import placement_fields

# This year's episodes and last year's, with the derived fields; each child's first episode this year and
# last year's last episode (by start date, then file order).
_FIRST_AND_LAST = f"""{placement_fields("Episodes", "placed")},
    {placement_fields("prev_Episodes", "prev_placed")},
    first_ep AS (
        SELECT * FROM placed WHERE decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom, row_no) = 1
    ),
    last_ep AS (
        SELECT * FROM prev_placed WHERE decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom DESC, row_no) = 1
    )"""

# Distances (in miles, to one decimal place) differ when they are 0.2 miles or more apart, or one is blank.
_DISTANCE_DIFFERS = """(abs(CAST(f.pl_distance AS DECIMAL(9, 1)) - CAST(l.pl_distance AS DECIMAL(9, 1))) >= 0.2
           OR ((f.pl_distance IS NULL) <> (l.pl_distance IS NULL)))"""

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

# "Contradiction between local authority of placement code in the last episode of the previous year and in
# the first episode of the current year." (When last year's episode was open and carries on.)
R452 = Rule("452", "ssda903", {"Episodes": ("PL_LA",)}, f"""
    WITH {_FIRST_AND_LAST}
    SELECT 'Episodes', f.row_no, f.child_id FROM first_ep f JOIN last_ep l ON l.child_id = f.child_id
    WHERE l.dec IS NULL AND f.rne = l.rne AND f.pl_la IS DISTINCT FROM l.pl_la
""", needs=("previous", "postcodes"))

# "Contradiction between placement distance in the last episode of the previous year and in the first episode
# of the current year."
R453 = Rule("453", "ssda903", {"Episodes": ("PL_DISTANCE",)}, f"""
    WITH {_FIRST_AND_LAST}
    SELECT 'Episodes', f.row_no, f.child_id FROM first_ep f JOIN last_ep l ON l.child_id = f.child_id
    WHERE l.dec IS NULL AND f.rne = l.rne AND {_DISTANCE_DIFFERS}
""", needs=("previous", "postcodes"),
    notes="A distance given last year and blank this year is a contradiction too; the Data to Insight "
          "validator only catches the reverse. Distances are compared to one decimal place exactly.")

# "Placement distance from home is over 350 miles." (999.9 is the DfE's value for a distance not known.)
R454 = Rule("454", "ssda903", {"Episodes": ("PL_DISTANCE",)}, f"""
    WITH {placement_fields()}
    SELECT 'Episodes', row_no, child_id FROM placed WHERE pl_distance > 350 AND pl_distance <> 999.9
""", needs=("postcodes",))

# "The distance in first episode does not match open episode at end of last year."
R503G = Rule("503G", "ssda903", {"Episodes": ("PL_DISTANCE",)}, f"""
    WITH {_FIRST_AND_LAST}
    SELECT 'Episodes', f.row_no, f.child_id FROM first_ep f JOIN last_ep l ON l.child_id = f.child_id
    WHERE l.dec IS NULL AND {_DISTANCE_DIFFERS}
""", needs=("previous", "postcodes"),
    notes="As rule 453: a distance that became blank is a difference, and distances are compared exactly "
          "to one decimal place.")

# "The placement LA in first episode does not match open episode at end of last year."
R503H = Rule("503H", "ssda903", {"Episodes": ("PL_LA",)}, f"""
    WITH {_FIRST_AND_LAST}
    SELECT 'Episodes', f.row_no, f.child_id FROM first_ep f JOIN last_ep l ON l.child_id = f.child_id
    WHERE l.dec IS NULL AND f.pl_la IS DISTINCT FROM l.pl_la
""", needs=("previous", "postcodes"))

# "The placement location in first episode does not match open episode at end of last year."
R503J = Rule("503J", "ssda903", {"Episodes": ("PL_LOCATION",)}, f"""
    WITH {_FIRST_AND_LAST}
    SELECT 'Episodes', f.row_no, f.child_id FROM first_ep f JOIN last_ep l ON l.child_id = f.child_id
    WHERE l.dec IS NULL AND f.pl_location IS DISTINCT FROM l.pl_location
""", needs=("previous", "postcodes", "la"))

RULES = [R406, R411, R420, R452, R453, R454, R503G, R503H, R503J]
