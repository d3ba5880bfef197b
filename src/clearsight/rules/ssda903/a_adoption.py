"""SSDA903 rules on adoption: AD1 (adoptions) and PlacedAdoption (decisions to place for adoption)."""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.a_sql import invalid, present

_AD1_FIELDS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def _ad1_present(alias: str = "") -> list[str]:
    return [present("AD1", f, alias) for f in _AD1_FIELDS]


# "Date should be placed for adoption is not a valid date." A blank date is not this rule's concern.
R112 = Rule("112", "ssda903", {"AD1": ("DATE_INT",)}, f"""
    SELECT 'AD1', row_no, child_id FROM ({invalid('AD1', 'DATE_INT')})
""")

R113 = Rule("113", "ssda903", {"AD1": ("DATE_MATCH",)}, f"""
    SELECT 'AD1', row_no, child_id FROM ({invalid('AD1', 'DATE_MATCH')})
""")

R114 = Rule("114", "ssda903", {"AD1": ("FOSTER_CARE",)}, """
    SELECT 'AD1', row_no, child_id FROM AD1 WHERE foster_care NOT IN {codes:AD1.FOSTER_CARE}
""")

R115 = Rule("115", "ssda903", {"PlacedAdoption": ("DATE_PLACED",)}, f"""
    SELECT 'PlacedAdoption', row_no, child_id FROM ({invalid('PlacedAdoption', 'DATE_PLACED')})
""")

R116 = Rule("116", "ssda903", {"PlacedAdoption": ("DATE_PLACED_CEASED",)}, f"""
    SELECT 'PlacedAdoption', row_no, child_id FROM ({invalid('PlacedAdoption', 'DATE_PLACED_CEASED')})
""")

# Neither decision date may be after 31 March, nor after the end of the child's latest episode
# whose REC is not X1 (the latest by DECOM; an open latest episode sets no limit).
R117 = Rule("117", "ssda903", {"PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED"), "Episodes": ("DEC", "REC")}, """
    WITH latest AS (
        SELECT row_no, child_id, dec FROM (
            SELECT row_no, child_id, dec,
                   row_number() OVER (PARTITION BY child_id ORDER BY decom DESC, row_no) AS k
            FROM Episodes WHERE decom IS NOT NULL AND rec IS DISTINCT FROM 'X1')
        WHERE k = 1),
    bad AS (
        SELECT p.row_no AS pa_row, p.child_id, l.row_no AS ep_row
        FROM PlacedAdoption p LEFT JOIN latest l ON l.child_id = p.child_id
        WHERE p.date_placed > collection_end() OR p.date_placed_ceased > collection_end()
           OR p.date_placed > l.dec OR p.date_placed_ceased > l.dec)
    SELECT 'PlacedAdoption', pa_row, child_id FROM bad
    UNION ALL
    SELECT 'Episodes', ep_row, child_id FROM bad WHERE ep_row IS NOT NULL
""", notes="A decision dated after 31 March is flagged even for a child with no episodes; the peer "
           "validator only looks at children who have episodes.")

# The decision to stop may not be before 1 April, nor before the start of the child's first
# episode that is not a short break (LS V3/V4).
R118 = Rule("118", "ssda903", {"PlacedAdoption": ("DATE_PLACED_CEASED",), "Episodes": ("DECOM", "LS")}, """
    WITH earliest AS (
        SELECT row_no, child_id, decom FROM (
            SELECT row_no, child_id, decom,
                   row_number() OVER (PARTITION BY child_id ORDER BY decom, row_no) AS k
            FROM Episodes WHERE decom IS NOT NULL AND coalesce(ls, '') NOT IN ('V3', 'V4'))
        WHERE k = 1),
    bad AS (
        SELECT p.row_no AS pa_row, p.child_id, e.row_no AS ep_row
        FROM PlacedAdoption p LEFT JOIN earliest e ON e.child_id = p.child_id
        WHERE p.date_placed_ceased < collection_start() OR p.date_placed_ceased < e.decom)
    SELECT 'PlacedAdoption', pa_row, child_id FROM bad
    UNION ALL
    SELECT 'Episodes', ep_row, child_id FROM bad WHERE ep_row IS NOT NULL
""", notes="A decision to stop dated before 1 April is flagged even for a child with no episodes (or "
           "only short breaks); the peer validator only looks at children with an episode that is not a "
           "short break, and fails outright when a child's episodes have no valid DECOM.")

# The date and the reason for no longer placing for adoption go together (a date that is not a
# date still counts as given: rule 116 reports it).
R119 = Rule("119", "ssda903", {"PlacedAdoption": ("DATE_PLACED_CEASED", "REASON_PLACED_CEASED")}, f"""
    SELECT 'PlacedAdoption', row_no, child_id FROM PlacedAdoption
    WHERE {present('PlacedAdoption', 'DATE_PLACED_CEASED')} <> (reason_placed_ceased IS NOT NULL)
""")

R120 = Rule("120", "ssda903", {"PlacedAdoption": ("REASON_PLACED_CEASED",)}, """
    SELECT 'PlacedAdoption', row_no, child_id FROM PlacedAdoption
    WHERE reason_placed_ceased NOT IN {codes:PlacedAdoption.REASON_PLACED_CEASED}
""")

# A child with care-leaver (OC3) information must not also have adoption (AD1) information.
R134 = Rule("134", "ssda903", {"AD1": _AD1_FIELDS, "OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, f"""
    SELECT 'AD1', a.row_no, a.child_id FROM AD1 a
    WHERE ({' OR '.join(_ad1_present('a'))})
      AND a.child_id IN (SELECT child_id FROM OC3
                         WHERE in_touch IS NOT NULL OR activ IS NOT NULL OR accom IS NOT NULL)
""")

# Every AD1 item filled in, or none.
R151 = Rule("151", "ssda903", {"AD1": _AD1_FIELDS}, f"""
    SELECT 'AD1', row_no, child_id FROM AD1
    WHERE ({' + '.join(f'CAST({p} AS INTEGER)' for p in _ad1_present())}) BETWEEN 1 AND {len(_AD1_FIELDS) - 1}
""")

# NB_ADOPTR is a number of adopters: 1 or 2.
R175 = Rule("175", "ssda903", {"AD1": ("NB_ADOPTR",)}, f"""
    SELECT 'AD1', row_no, child_id FROM AD1 WHERE nb_adoptr NOT IN (1, 2)
    UNION ALL
    SELECT 'AD1', row_no, child_id FROM ({invalid('AD1', 'NB_ADOPTR')})
""")

R176 = Rule("176", "ssda903", {"AD1": ("SEX_ADOPTR",)}, """
    SELECT 'AD1', row_no, child_id FROM AD1 WHERE sex_adoptr NOT IN {codes:AD1.SEX_ADOPTR}
""")

R177 = Rule("177", "ssda903", {"AD1": ("LS_ADOPTR",)}, """
    SELECT 'AD1', row_no, child_id FROM AD1 WHERE ls_adoptr NOT IN {codes:AD1.LS_ADOPTR}
""")

# The decision to place for adoption cannot come before the child's birth. The date of birth is the
# one on the PlacedAdoption row (in the DfE's XML the two are one item; INT12 checks they agree).
R184 = Rule("184", "ssda903", {"PlacedAdoption": ("DATE_PLACED", "DOB")}, """
    SELECT 'PlacedAdoption', row_no, child_id FROM PlacedAdoption WHERE date_placed < dob
""", notes="Only a decision date before a known date of birth is flagged; the peer validator also flags a "
           "valid DATE_PLACED whose row has a blank or invalid DOB.")

RULES = [R112, R113, R114, R115, R116, R117, R118, R119, R120, R134, R151, R175, R176, R177, R184]
