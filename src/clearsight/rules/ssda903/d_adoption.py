"""SSDA903 rules tying adoption data to the episodes: 601, 602, 1003.

A child was adopted in the year when an episode ceased in the year with REC E11 or E12.
"""

from clearsight.rules.definition import Rule


def _ad1_blank(field: str, column: str) -> str:
    """An AD1 field left blank (a value that is not a date or number still counts as completed)."""
    return (f"(a.{column} IS NULL AND a.row_no NOT IN (SELECT row_no FROM invalid_values "
            f"WHERE table_name = 'AD1' AND field = '{field}'))")


_AD1_FIELDS = [("DATE_INT", "date_int"), ("DATE_MATCH", "date_match"), ("FOSTER_CARE", "foster_care"),
               ("NB_ADOPTR", "nb_adoptr"), ("SEX_ADOPTR", "sex_adoptr"), ("LS_ADOPTR", "ls_adoptr")]
_ANY_BLANK = " OR ".join(_ad1_blank(f, c) for f, c in _AD1_FIELDS)
_ALL_BLANK = " AND ".join(_ad1_blank(f, c) for f, c in _AD1_FIELDS)

_ADOPTED = """
    SELECT row_no, child_id FROM Episodes
    WHERE rec IN ('E11', 'E12') AND dec BETWEEN collection_start() AND collection_end()
"""

# "The additional fields relating to adoption have not been completed although the episode data shows
# that the child was adopted during the year."
R601 = Rule("601", "ssda903", {
    "Episodes": ("REC",),
    "AD1": ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
}, f"""
    WITH adopted AS ({_ADOPTED}),
    gaps AS (SELECT a.row_no, a.child_id FROM AD1 a WHERE {_ANY_BLANK})
    SELECT 'Episodes', e.row_no, e.child_id FROM adopted e
    WHERE NOT EXISTS (SELECT 1 FROM AD1 a WHERE a.child_id = e.child_id) OR e.child_id IN (SELECT child_id FROM gaps)
    UNION ALL
    SELECT 'AD1', g.row_no, g.child_id FROM gaps g WHERE g.child_id IN (SELECT child_id FROM adopted)
""", notes="A child adopted in the year with no AD1 row at all has not completed the fields either, so "
           "the adoption episode is flagged; the peer looks only at children who have an AD1 row.")

# "The episode data submitted for this child does not show that he/she was adopted during the year."
R602 = Rule("602", "ssda903", {"AD1": ("CHILD",)}, f"""
    SELECT 'AD1', a.row_no, a.child_id FROM AD1 a
    WHERE NOT EXISTS (SELECT 1 FROM ({_ADOPTED}) e WHERE e.child_id = a.child_id)
      AND NOT ({_ALL_BLANK})
""", notes="An AD1 row with every adoption field blank is not adoption data and is not flagged.")

# "Date of LA's decision that a child should be placed for adoption is before the child started to be
# looked after."
R1003 = Rule("1003", "ssda903", {"Episodes": ("DECOM", "RNE"), "PlacedAdoption": ("DATE_PLACED",)}, """
    WITH first_s AS (
        SELECT row_no, child_id, decom FROM Episodes WHERE rne = 'S' AND decom IS NOT NULL
        QUALIFY decom = min(decom) OVER (PARTITION BY child_id)
    ), hits AS (
        SELECT f.row_no AS e_row, p.row_no AS p_row, f.child_id
        FROM first_s f JOIN PlacedAdoption p ON p.child_id = f.child_id
        WHERE p.date_placed < f.decom
    )
    SELECT 'Episodes', e_row, child_id FROM hits
    UNION ALL
    SELECT 'PlacedAdoption', p_row, child_id FROM hits
""", notes="Compared with the child's first episode starting a period of care (RNE S) in the return.")

RULES = [R601, R602, R1003]
