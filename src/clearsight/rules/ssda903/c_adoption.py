"""SSDA903 rules on adoption: adopters (AD1), decisions to place for adoption, and the episodes around them."""

from clearsight.rules.definition import Rule

_ADOPTION_PLACEMENTS = "('A3', 'A4', 'A5', 'A6')"

# "If reporting that the number of person(s) adopting the looked after child is two adopters then the code
# should only be MM, FF or MF." (A code that is not valid at all is left to the code-list check.)
R511 = Rule("511", "ssda903", {"AD1": ("NB_ADOPTR", "SEX_ADOPTR")}, """
    SELECT 'AD1', row_no, child_id FROM AD1 WHERE nb_adoptr = 2 AND sex_adoptr IN ('M1', 'F1')
""")

# "Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of
# adopters shows it as a couple."
R514 = Rule("514", "ssda903", {"AD1": ("LS_ADOPTR", "SEX_ADOPTR")}, """
    SELECT 'AD1', row_no, child_id FROM AD1
    WHERE ls_adoptr = 'L0' AND (sex_adoptr IS NULL OR sex_adoptr NOT IN ('M1', 'F1'))
""")

# "If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF."
R517 = Rule("517", "ssda903", {"AD1": ("LS_ADOPTR", "SEX_ADOPTR")}, """
    SELECT 'AD1', row_no, child_id FROM AD1 WHERE ls_adoptr = 'L3' AND sex_adoptr IS DISTINCT FROM 'MF'
""")

# "If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF."
R518 = Rule("518", "ssda903", {"AD1": ("LS_ADOPTR", "SEX_ADOPTR")}, """
    SELECT 'AD1', row_no, child_id FROM AD1
    WHERE ls_adoptr = 'L4' AND (sex_adoptr IS NULL OR sex_adoptr NOT IN ('MM', 'FF'))
""")

# "Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders
# of adopters does not show it as a couple."
R519 = Rule("519", "ssda903", {"AD1": ("LS_ADOPTR", "SEX_ADOPTR")}, """
    SELECT 'AD1', row_no, child_id FROM AD1
    WHERE ls_adoptr = 'L2' AND (sex_adoptr IS NULL OR sex_adoptr NOT IN ('MM', 'FF', 'MF'))
""")

# "Data entry on the legal status of adopters shows different gender married couple but data entry on
# genders of adopters shows it as a same gender couple."
R520 = Rule("520", "ssda903", {"AD1": ("LS_ADOPTR", "SEX_ADOPTR")}, """
    SELECT 'AD1', row_no, child_id FROM AD1 WHERE ls_adoptr = 'L11' AND sex_adoptr IS DISTINCT FROM 'MF'
""")

# "If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF."
R524 = Rule("524", "ssda903", {"AD1": ("LS_ADOPTR", "SEX_ADOPTR")}, """
    SELECT 'AD1', row_no, child_id FROM AD1
    WHERE ls_adoptr = 'L12' AND (sex_adoptr IS NULL OR sex_adoptr NOT IN ('MM', 'FF'))
""")

# "Date of local authority's decision (LA) that adoption is in the best interests of the child (date should
# be placed) must be on or prior to the date the child is placed for adoption."
R521 = Rule("521", "ssda903", {"Episodes": ("DECOM", "PLACE"), "AD1": ("DATE_INT",)}, f"""
    WITH bad AS (
        SELECT e.row_no AS e_row, a.row_no AS a_row, e.child_id FROM Episodes e
        JOIN AD1 a ON a.child_id = e.child_id
        WHERE e.place IN {_ADOPTION_PLACEMENTS} AND a.date_int > e.decom
    )
    SELECT 'Episodes', e_row, child_id FROM bad UNION ALL SELECT 'AD1', a_row, child_id FROM bad
""")

# "Date of decision that the child should be placed for adoption must be on or before the date that a child
# should no longer be placed for adoption."
R522 = Rule("522", "ssda903", {"PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED")}, """
    SELECT 'PlacedAdoption', row_no, child_id FROM PlacedAdoption WHERE date_placed_ceased < date_placed
""")

# "Date of decision that the child should be placed for adoption should be the same date as the decision that
# adoption is in the best interest (date should be placed)."
R523 = Rule("523", "ssda903", {"PlacedAdoption": ("DATE_PLACED",), "AD1": ("DATE_INT",)}, """
    WITH bad AS (
        SELECT p.row_no AS p_row, a.row_no AS a_row, p.child_id FROM PlacedAdoption p
        JOIN AD1 a ON a.child_id = p.child_id
        WHERE p.date_placed <> a.date_int
    )
    SELECT 'PlacedAdoption', p_row, child_id FROM bad UNION ALL SELECT 'AD1', a_row, child_id FROM bad
""")

# "A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the
# year." (A decision with a ceased date, and adoption details in AD1.)
R525 = Rule("525", "ssda903", {"PlacedAdoption": ("DATE_PLACED_CEASED",),
                               "AD1": ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
                                       "LS_ADOPTR")}, """
    WITH bad AS (
        SELECT p.row_no AS p_row, a.row_no AS a_row, p.child_id FROM PlacedAdoption p
        JOIN AD1 a ON a.child_id = p.child_id
        WHERE p.date_placed_ceased IS NOT NULL
          AND (a.date_int IS NOT NULL OR a.date_match IS NOT NULL OR a.foster_care IS NOT NULL
               OR a.nb_adoptr IS NOT NULL OR a.sex_adoptr IS NOT NULL OR a.ls_adoptr IS NOT NULL)
    )
    SELECT 'PlacedAdoption', p_row, child_id FROM bad UNION ALL SELECT 'AD1', a_row, child_id FROM bad
""")

# "Child has been placed for adoption but there is no date of the decision that the child should be placed
# for adoption."
R551 = Rule("551", "ssda903", {"Episodes": ("PLACE",), "PlacedAdoption": ("DATE_PLACED",)}, f"""
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.place IN {_ADOPTION_PLACEMENTS}
      AND (NOT EXISTS (SELECT 1 FROM PlacedAdoption p WHERE p.child_id = e.child_id)
           OR EXISTS (SELECT 1 FROM PlacedAdoption p WHERE p.child_id = e.child_id AND p.date_placed IS NULL))
""")

# "Date of Decision to place a child for adoption should be on or prior to the date that the child was placed
# for adoption." The child's first adoption placement against the latest decision.
R552 = Rule("552", "ssda903", {"Episodes": ("DECOM",), "PlacedAdoption": ("DATE_PLACED",)}, f"""
    WITH first_placed AS (
        SELECT child_id, row_no, decom FROM Episodes
        WHERE place IN {_ADOPTION_PLACEMENTS} AND decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom, row_no) = 1
    ),
    latest_decision AS (
        SELECT child_id, row_no, date_placed FROM PlacedAdoption WHERE date_placed IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY date_placed DESC, row_no) = 1
    ),
    bad AS (
        SELECT f.row_no AS e_row, d.row_no AS p_row, f.child_id FROM first_placed f
        JOIN latest_decision d ON d.child_id = f.child_id
        WHERE f.decom < d.date_placed
    )
    SELECT 'Episodes', e_row, child_id FROM bad UNION ALL SELECT 'PlacedAdoption', p_row, child_id FROM bad
""")

# "Placement order has been granted but there is no date of decision that the child should be placed for
# adoption." Also: while the placement order episode is open, the decision cannot have ceased.
R553 = Rule("553", "ssda903", {"Episodes": ("LS",),
                               "PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.ls = 'E1' AND NOT EXISTS (SELECT 1 FROM PlacedAdoption p WHERE p.child_id = e.child_id)
    UNION ALL
    SELECT 'PlacedAdoption', p.row_no, p.child_id FROM PlacedAdoption p
    WHERE (p.date_placed_ceased IS NOT NULL OR p.reason_placed_ceased IS NOT NULL)
      AND EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = p.child_id AND e.ls = 'E1' AND e.dec IS NULL)
""")

# "Date of decision that the child should be placed for adoption should be on or prior to the date that the
# placement order was granted." The child's first placement order episode against each decision.
R554 = Rule("554", "ssda903", {"Episodes": ("DECOM", "LS"), "PlacedAdoption": ("DATE_PLACED",)}, """
    WITH first_order AS (
        SELECT child_id, row_no, decom FROM Episodes
        WHERE ls = 'E1' AND decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom, row_no) = 1
    ),
    bad AS (
        SELECT f.row_no AS e_row, p.row_no AS p_row, f.child_id FROM first_order f
        JOIN PlacedAdoption p ON p.child_id = f.child_id
        WHERE p.date_placed > f.decom
    )
    SELECT 'Episodes', e_row, child_id FROM bad UNION ALL SELECT 'PlacedAdoption', p_row, child_id FROM bad
""")

# "Freeing order has been granted but there is no date of decision that the child should be placed for
# adoption." Also: while the freeing order episode is open, the decision cannot have ceased.
R555 = Rule("555", "ssda903", {"Episodes": ("LS",),
                               "PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.ls = 'D1' AND NOT EXISTS (SELECT 1 FROM PlacedAdoption p WHERE p.child_id = e.child_id)
    UNION ALL
    SELECT 'PlacedAdoption', p.row_no, p.child_id FROM PlacedAdoption p
    WHERE (p.date_placed_ceased IS NOT NULL OR p.reason_placed_ceased IS NOT NULL)
      AND EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = p.child_id AND e.ls = 'D1' AND e.dec IS NULL)
""")

# "Date of decision that the child should be placed for adoption should be on or prior to the date that the
# freeing order was granted."
R556 = Rule("556", "ssda903", {"Episodes": ("DECOM",), "PlacedAdoption": ("DATE_PLACED",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.ls = 'D1'
      AND EXISTS (SELECT 1 FROM PlacedAdoption p WHERE p.child_id = e.child_id AND p.date_placed > e.decom)
""")

# "Child for whom the decision was made that they should be placed for adoption has left care but was not
# adopted and information on the decision that they should no longer be placed for adoption items has not
# been completed." (Placed for adoption, or under a placement order - until 2023-24 also a freeing order.)
R557 = Rule("557", "ssda903", {"Episodes": ("LS", "PLACE", "REC"),
                               "PlacedAdoption": ("DATE_PLACED_CEASED", "REASON_PLACED_CEASED")}, f"""
    WITH left_not_adopted AS (
        SELECT child_id, row_no FROM Episodes
        WHERE (place IN {_ADOPTION_PLACEMENTS} OR ls = 'E1' OR (ls = 'D1' AND year(collection_end()) <= 2024))
          AND rec IS NOT NULL AND rec NOT IN ('E11', 'E12', 'X1')
    ),
    bad AS (
        SELECT e.row_no AS e_row, p.row_no AS p_row, e.child_id FROM left_not_adopted e
        LEFT JOIN PlacedAdoption p ON p.child_id = e.child_id
        WHERE p.row_no IS NULL OR p.date_placed_ceased IS NULL OR p.reason_placed_ceased IS NULL
    )
    SELECT 'Episodes', e_row, child_id FROM bad
    UNION ALL SELECT 'PlacedAdoption', p_row, child_id FROM bad WHERE p_row IS NOT NULL
""")

# "If a child has been adopted, then the decision to place them for adoption has not been disrupted and the
# date of the decision that a child should no longer be placed for adoption should be left blank."
# DfE: if there is more than one decision, the latest must have no ceased date.
R558 = Rule("558", "ssda903", {"Episodes": ("REC",), "PlacedAdoption": ("DATE_PLACED_CEASED",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.rec IN ('E11', 'E12')
      AND e.child_id IN (SELECT child_id FROM PlacedAdoption GROUP BY child_id
                         HAVING count(date_placed_ceased) > 1 AND count(date_placed_ceased) = count(*))
""")

# "The child should no longer be placed for adoption but the date of the decision that the child should be
# placed for adoption is blank"
R563 = Rule("563", "ssda903", {"PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")},
            """
    SELECT 'PlacedAdoption', row_no, child_id FROM PlacedAdoption
    WHERE reason_placed_ceased IS NOT NULL AND date_placed_ceased IS NOT NULL AND date_placed IS NULL
""")

# "A new decision that the child should be placed for adoption this year cannot start when the previous
# decision is still open. Decisions to place the child for adoption should also not overlap."
R579 = Rule("579", "ssda903", {"PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED")}, """
    SELECT 'PlacedAdoption', row_no, child_id FROM (
        SELECT *, lag(row_no) OVER w AS prev_row, lag(date_placed_ceased) OVER w AS prev_ceased
        FROM PlacedAdoption
        WINDOW w AS (PARTITION BY child_id ORDER BY date_placed NULLS LAST, row_no))
    WHERE prev_row IS NOT NULL AND (prev_ceased IS NULL OR date_placed < prev_ceased)
""")

# "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the
# date reported for being matched with adopters."
R582 = Rule("582", "ssda903", {"Episodes": ("DEC",), "AD1": ("DATE_MATCH",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN AD1 a ON a.child_id = e.child_id
    WHERE e.rec IN ('E11', 'E12') AND e.dec = a.date_match
""")

# "More than one date the child should be placed for adoption has been reported, but an earlier decision has
# not been revoked." Every decision but the latest needs a ceased date.
R583 = Rule("583", "ssda903", {"PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED")}, """
    SELECT 'PlacedAdoption', row_no, child_id FROM (
        SELECT *, row_number() OVER (PARTITION BY child_id ORDER BY date_placed DESC NULLS LAST, row_no) AS nth
        FROM PlacedAdoption)
    WHERE nth > 1 AND date_placed_ceased IS NULL
""", notes="Decisions are ordered by date; the Data to Insight validator orders the dates as text "
           "(day first), so it can take an earlier decision for the latest.")

RULES = [R511, R514, R517, R518, R519, R520, R521, R522, R523, R524, R525, R551, R552, R553, R554, R555, R556,
         R557, R558, R563, R579, R582, R583]
