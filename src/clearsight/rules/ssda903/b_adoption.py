"""SSDA903 rules on adoption: the AD1 decision dates against the episodes, adopters who were the
child's foster carers, and the placement before and at adoption."""

from clearsight.rules.definition import Rule

# The episode that ends in adoption (E11/E12) began with the placement for adoption: the child must
# have been matched with the adopters by then.
R331 = Rule("331", "ssda903", {"AD1": ("DATE_MATCH",), "Episodes": ("DECOM",)}, """
    WITH bad AS (
        SELECT e.row_no AS ep_row, a.row_no AS ad_row, e.child_id FROM Episodes e JOIN AD1 a ON a.child_id = e.child_id
        WHERE e.rec IN ('E11', 'E12') AND a.date_match > e.decom
    )
    SELECT 'Episodes', ep_row, child_id FROM bad
    UNION ALL
    SELECT 'AD1', ad_row, child_id FROM bad
""")

R333 = Rule("333", "ssda903", {"AD1": ("DATE_INT", "DATE_MATCH")}, """
    SELECT 'AD1', row_no, child_id FROM AD1
    WHERE date_match IS NOT NULL AND (date_int IS NULL OR date_int > date_match)
""")

# The latest period of care starts with the latest episode whose reason for new episode is S.
R334 = Rule("334", "ssda903", {"Episodes": ("DECOM",), "AD1": ("DATE_INT",)}, """
    WITH latest_start AS (
        SELECT row_no, child_id, decom FROM Episodes WHERE rne = 'S' AND decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom DESC, row_no) = 1
    ),
    bad AS (
        SELECT s.row_no AS ep_row, a.row_no AS ad_row, s.child_id FROM latest_start s
        JOIN AD1 a ON a.child_id = s.child_id WHERE a.date_int < s.decom
    )
    SELECT 'Episodes', ep_row, child_id FROM bad
    UNION ALL
    SELECT 'AD1', ad_row, child_id FROM bad
""")

# Adopted (E1, E11, E12) from a placement with current foster carers (A2, A3, A5) means FOSTER_CARE 1;
# from one with other adopters (A1, A4, A6) means FOSTER_CARE 0.
R335 = Rule("335", "ssda903", {"Episodes": ("PLACE",), "AD1": ("FOSTER_CARE",)}, """
    WITH bad AS (
        SELECT e.row_no AS ep_row, a.row_no AS ad_row, e.child_id FROM Episodes e JOIN AD1 a ON a.child_id = e.child_id
        WHERE e.rec IN ('E1', 'E11', 'E12')
          AND ((e.place IN ('A2', 'A3', 'A5') AND a.foster_care = '0')
               OR (e.place IN ('A1', 'A4', 'A6') AND a.foster_care = '1'))
    )
    SELECT 'Episodes', ep_row, child_id FROM bad
    UNION ALL
    SELECT 'AD1', ad_row, child_id FROM bad
""")

# Placed for adoption with the current foster carers (A3, A5): the episode before must be with them
# (foster care U1-U6) or already an adoption placement (A3-A6). A child's first episode is not checked.
R336 = Rule("336", "ssda903", {"Episodes": ("PLACE",)}, """
    WITH e AS (
        SELECT *, lag(place) OVER w AS prev_place, lag(row_no) OVER w AS prev_row
        FROM Episodes WINDOW w AS (PARTITION BY child_id ORDER BY decom, row_no)
    )
    SELECT 'Episodes', row_no, child_id FROM e
    WHERE place IN ('A3', 'A5') AND prev_row IS NOT NULL
      AND coalesce(prev_place NOT IN ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'), true)
""", notes="Checks A3 and A5, the placements with current foster carers, as the DfE rule says; the peer "
           "checks A3 and A4.")

R390 = Rule("390", "ssda903", {"Episodes": ("REC", "PLACE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE rec IN ('E11', 'E12') AND coalesce(place NOT IN ('A3', 'A4', 'A5', 'A6'), true)
""")

RULES = [R331, R333, R334, R335, R336, R390]
