"""SSDA903 rules on adoption: adoptions and adopters (AD1), decisions to place for adoption
(PlacedAdoption), and the episodes around them (placements for adoption A3-A6, placement and freeing
orders E1 and D1, adoption REC E11 and E12), this year and against last year's return.

A child was adopted in the year when an episode ceased in the year with REC E11 or E12.
"""

from clearsight.rules.definition import Rule
from clearsight.rules.families import dates_out_of_order
from clearsight.rules.ssda903.sql import (
    PREVIOUS,
    blank,
    invalid,
    not_in_codes,
    not_valid,
    overlaps_the_one_before,
    present,
)

# The adoption items of AD1.
_AD1_FIELDS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def _ad1_present(alias: str = "") -> list[str]:
    return [present("AD1", f, alias) for f in _AD1_FIELDS]


# Placed for adoption (PLACE A3-A6).
_ADOPTION_PLACEMENTS = "('A3', 'A4', 'A5', 'A6')"

# "Date should be placed for adoption is not a valid date." A blank date is not this rule's concern.
R112 = not_valid("112", "AD1", "DATE_INT")

R113 = not_valid("113", "AD1", "DATE_MATCH")

R114 = not_in_codes("114", "AD1", "FOSTER_CARE", blank_allowed=True)

# NB_ADOPTR is a number of adopters: 1 or 2.
R175 = Rule("175", "ssda903", {"AD1": ("NB_ADOPTR",)}, f"""
    SELECT 'AD1', row_no, child_id FROM AD1 WHERE nb_adoptr NOT IN (1, 2)
    UNION ALL
    SELECT 'AD1', row_no, child_id FROM ({invalid('AD1', 'NB_ADOPTR')})
""")

R176 = not_in_codes("176", "AD1", "SEX_ADOPTR", blank_allowed=True)

R177 = not_in_codes("177", "AD1", "LS_ADOPTR", blank_allowed=True)

# Every AD1 item filled in, or none.
R151 = Rule("151", "ssda903", {"AD1": _AD1_FIELDS}, f"""
    SELECT 'AD1', row_no, child_id FROM AD1
    WHERE ({' + '.join(f'CAST({p} AS INTEGER)' for p in _ad1_present())}) BETWEEN 1 AND {len(_AD1_FIELDS) - 1}
""")

# A child with care-leaver (OC3) information must not also have adoption (AD1) information.
R134 = Rule("134", "ssda903", {"AD1": _AD1_FIELDS, "OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, f"""
    SELECT 'AD1', a.row_no, a.child_id FROM AD1 a
    WHERE ({' OR '.join(_ad1_present('a'))})
      AND a.child_id IN (SELECT child_id FROM OC3
                         WHERE in_touch IS NOT NULL OR activ IS NOT NULL OR accom IS NOT NULL)
""")

R333 = Rule("333", "ssda903", {"AD1": ("DATE_INT", "DATE_MATCH")}, """
    SELECT 'AD1', row_no, child_id FROM AD1
    WHERE date_match IS NOT NULL AND (date_int IS NULL OR date_int > date_match)
""")

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

# Some AD1 item left blank; every AD1 item left blank (a value that is not a date or number is not blank).
_ANY_BLANK = " OR ".join(blank("AD1", f, "a") for f in _AD1_FIELDS)

_ALL_BLANK = " AND ".join(blank("AD1", f, "a") for f in _AD1_FIELDS)

# Episodes ending in adoption (REC E11, E12) during the year.
_ADOPTED = """
    SELECT row_no, child_id FROM Episodes
    WHERE rec IN ('E11', 'E12') AND dec BETWEEN collection_start() AND collection_end()
"""

# "The additional fields relating to adoption have not been completed although the episode data shows
# that the child was adopted during the year."
R601 = Rule("601", "ssda903", {
    "Episodes": ("REC",),
    "AD1": _AD1_FIELDS,
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

# "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the
# date reported for being matched with adopters."
R582 = Rule("582", "ssda903", {"Episodes": ("DEC",), "AD1": ("DATE_MATCH",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN AD1 a ON a.child_id = e.child_id
    WHERE e.rec IN ('E11', 'E12') AND e.dec = a.date_match
""")

R115 = not_valid("115", "PlacedAdoption", "DATE_PLACED")

R116 = not_valid("116", "PlacedAdoption", "DATE_PLACED_CEASED")

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

R120 = not_in_codes("120", "PlacedAdoption", "REASON_PLACED_CEASED", blank_allowed=True)

# The decision to place for adoption cannot come before the child's birth. The date of birth is the
# one on the PlacedAdoption row (in the DfE's XML the two are one item; INT12 checks they agree).
R184 = Rule("184", "ssda903", {"PlacedAdoption": ("DATE_PLACED", "DOB")}, """
    SELECT 'PlacedAdoption', row_no, child_id FROM PlacedAdoption WHERE date_placed < dob
""", notes="Only a decision date before a known date of birth is flagged; the peer validator also flags a "
           "valid DATE_PLACED whose row has a blank or invalid DOB.")

# "Date of decision that the child should be placed for adoption must be on or before the date that a child
# should no longer be placed for adoption."
R522 = dates_out_of_order("ssda903", "522", "PlacedAdoption", ("DATE_PLACED", "DATE_PLACED_CEASED"),
                          earlier="date_placed", later="date_placed_ceased")

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
                               "AD1": _AD1_FIELDS}, """
    WITH bad AS (
        SELECT p.row_no AS p_row, a.row_no AS a_row, p.child_id FROM PlacedAdoption p
        JOIN AD1 a ON a.child_id = p.child_id
        WHERE p.date_placed_ceased IS NOT NULL
          AND (a.date_int IS NOT NULL OR a.date_match IS NOT NULL OR a.foster_care IS NOT NULL
               OR a.nb_adoptr IS NOT NULL OR a.sex_adoptr IS NOT NULL OR a.ls_adoptr IS NOT NULL)
    )
    SELECT 'PlacedAdoption', p_row, child_id FROM bad UNION ALL SELECT 'AD1', a_row, child_id FROM bad
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
R579 = overlaps_the_one_before("579", "PlacedAdoption", ("DATE_PLACED", "DATE_PLACED_CEASED"), "date_placed",
                               "date_placed_ceased", "date_placed NULLS LAST")

# "More than one date the child should be placed for adoption has been reported, but an earlier decision has
# not been revoked." Every decision but the latest needs a ceased date.
R583 = Rule("583", "ssda903", {"PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED")}, """
    SELECT 'PlacedAdoption', row_no, child_id FROM (
        SELECT *, row_number() OVER (PARTITION BY child_id ORDER BY date_placed DESC NULLS LAST, row_no) AS nth
        FROM PlacedAdoption)
    WHERE nth > 1 AND date_placed_ceased IS NULL
""", notes="Decisions are ordered by date; the Data to Insight validator orders the dates as text "
           "(day first), so it can take an earlier decision for the latest.")

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


def _order_without_decision(code: str, ls: str) -> Rule:
    """An order (legal status ``ls``) with no decision to place for adoption, or, while the order's episode
    is open, a decision that has ceased."""
    return Rule(code, "ssda903", {"Episodes": ("LS",),
                                  "PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")}, f"""
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.ls = '{ls}' AND NOT EXISTS (SELECT 1 FROM PlacedAdoption p WHERE p.child_id = e.child_id)
    UNION ALL
    SELECT 'PlacedAdoption', p.row_no, p.child_id FROM PlacedAdoption p
    WHERE (p.date_placed_ceased IS NOT NULL OR p.reason_placed_ceased IS NOT NULL)
      AND EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = p.child_id AND e.ls = '{ls}' AND e.dec IS NULL)
""")


# "Placement order has been granted but there is no date of decision that the child should be placed for
# adoption." Also: while the placement order episode is open, the decision cannot have ceased.
R553 = _order_without_decision("553", "E1")

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
R555 = _order_without_decision("555", "D1")

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

# "Child is placed for adoption with a placement order, but no placement order has been recorded."
R408 = Rule("408", "ssda903", {"Episodes": ("PLACE", "LS")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place IN ('A5', 'A6') AND ls IS DISTINCT FROM 'E1'
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

# An episode that starts after one ending in adoption (REC E11/E12), in this return or last year's.
# Last year's return is used when it is loaded; without it the check is within this year only.
R199 = Rule("199", "ssda903", {"Episodes": ("CHILD", "DECOM", "REC")}, """
    WITH adopted AS (
        SELECT child_id, decom FROM Episodes WHERE rec IN ('E11', 'E12') AND decom IS NOT NULL
        UNION ALL
        SELECT child_id, decom FROM prev_Episodes WHERE rec IN ('E11', 'E12') AND decom IS NOT NULL)
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE EXISTS (SELECT 1 FROM adopted a WHERE a.child_id = e.child_id AND a.decom < e.decom)
""", notes="Reads prev_Episodes without declaring needs=('previous',): the engine's validation runs "
           "always create the prev_ views (empty without last year's return), and the rule is worth "
           "running on one year alone, as the peer validator does.")

# "Date of decision that a child should be placed for adoption was not in the current year but the date of
# the decision that the child should be placed for adoption was not completed in a previous return."
R559 = Rule("559", "ssda903", {"PlacedAdoption": ("DATE_PLACED",)}, """
    SELECT 'PlacedAdoption', p.row_no, p.child_id FROM PlacedAdoption p
    WHERE p.date_placed < collection_start()
      AND NOT EXISTS (SELECT 1 FROM prev_PlacedAdoption l WHERE l.child_id = p.child_id AND l.date_placed IS NOT NULL)
""", needs=PREVIOUS)

# "Date of decision that the child should be placed for adoption this year is different from that recorded
# last year but the decision to place the child for adoption did not change." Last year's open decision must
# be in this year's return with the same date.
R560 = Rule("560", "ssda903", {"PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED")}, """
    SELECT 'PlacedAdoption', p.row_no, p.child_id FROM PlacedAdoption p
    JOIN prev_PlacedAdoption l ON l.child_id = p.child_id
    WHERE l.date_placed IS NOT NULL AND l.date_placed_ceased IS NULL
      AND NOT EXISTS (SELECT 1 FROM PlacedAdoption q WHERE q.child_id = l.child_id AND q.date_placed = l.date_placed)
""", needs=PREVIOUS,
    notes="A child whose open decision from last year ended this year and who has a new decision is not "
          "flagged, since the old decision is there; the Data to Insight validator flags the new decision.")

# "Date of the decision that the child should be placed for adoption this year is the same as that recorded
# last year but records show that the decision changed, and the child should no longer be placed for adoption
# last year."
R561 = Rule("561", "ssda903", {"PlacedAdoption": ("DATE_PLACED",)}, """
    SELECT 'PlacedAdoption', p.row_no, p.child_id FROM PlacedAdoption p
    JOIN prev_PlacedAdoption l ON l.child_id = p.child_id
    WHERE p.date_placed = l.date_placed
      AND (l.date_placed_ceased IS NOT NULL OR l.reason_placed_ceased IS NOT NULL)
""", needs=PREVIOUS)

# "Date of decision that the child should be placed for adoption this year is different from that recorded
# last year, but the decision to placed the child for adoption changed and the child should no longer be
# placed for adoption." After a decision that ceased last year, a decision this year must be a later one.
R584 = Rule("584", "ssda903", {"PlacedAdoption": ("DATE_PLACED",)}, """
    SELECT 'PlacedAdoption', p.row_no, p.child_id FROM PlacedAdoption p
    JOIN prev_PlacedAdoption l ON l.child_id = p.child_id
    WHERE (l.date_placed_ceased IS NOT NULL OR l.reason_placed_ceased IS NOT NULL)
      AND (p.date_placed IS NULL OR p.date_placed <= l.date_placed)
""", needs=PREVIOUS,
    notes="Dates are compared as dates and the offending row of this year is reported; the Data to Insight "
          "validator compares them as text (day first) and can point at the wrong row.")

RULES = [R112, R113, R114, R175, R176, R177, R151, R134, R333, R511, R514, R517, R518, R519, R520, R524, R601,
         R602, R331, R334, R335, R521, R582, R115, R116, R117, R118, R119, R120, R184, R522, R523, R525, R563,
         R579, R583, R1003, R551, R552, R553, R554, R555, R556, R557, R558, R408, R336, R390, R199, R559,
         R560, R561, R584]
