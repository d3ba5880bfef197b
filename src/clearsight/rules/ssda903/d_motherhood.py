"""SSDA903 rules on motherhood (Header MOTHER and MC_DOB): 607, 611, 612, 620, 621, 624, 625, 626, 628.

A female child is SEX ``F`` from 2024-25 and ``2`` before; ``{codes:Header.SEX}`` keeps each year to its
own coding. MC_DOB is a date: a value that is not a date is NULL in ``mc_dob`` and listed in
``invalid_values``, so "completed" means either.
"""

from clearsight.rules.definition import Rule

# The female code of the year: 'F' (2024-25 on) or '2' (before), whichever is in that year's list.
_FEMALE = "h.sex IN ('F', '2') AND h.sex IN {codes:Header.SEX}"


def _mc_dob_given(alias: str = "h") -> str:
    """MC_DOB was completed: a date, or a value that is not one."""
    return (f"({alias}.mc_dob IS NOT NULL OR {alias}.row_no IN "
            "(SELECT row_no FROM invalid_values WHERE table_name = 'Header' AND field = 'MC_DOB'))")


# "Child ceased to be looked after in the year, but mother field has not been completed."
R607 = Rule("607", "ssda903", {"Episodes": ("DEC", "REC", "LS"), "Header": ("MOTHER", "SEX")}, f"""
    WITH hits AS (
        SELECT e.row_no AS e_row, h.row_no AS h_row, e.child_id
        FROM Episodes e JOIN Header h ON h.child_id = e.child_id
        WHERE e.dec BETWEEN collection_start() AND collection_end()
          AND e.rec IS NOT NULL AND e.rec <> 'X1'
          AND (e.ls IS NULL OR e.ls NOT IN ('V3', 'V4'))
          AND {_FEMALE}
          AND h.mother IS NULL
    )
    SELECT 'Episodes', e_row, child_id FROM hits
    UNION ALL
    SELECT 'Header', h_row, child_id FROM hits
""", notes="Only ceased episodes (REC other than X1) with DEC in the year count; short-break legal "
           "statuses V3/V4 are left out.")

# "Date of birth field is blank, but child is a mother."
R611 = Rule("611", "ssda903", {"Header": ("MOTHER", "MC_DOB")}, f"""
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.mother = '1' AND NOT {_mc_dob_given()}
""", notes="A MC_DOB that is not a date is not blank (the load's value check reports it).")

# "Date of birth field has been completed but mother field indicates child is not a mother."
R612 = Rule("612", "ssda903", {"Header": ("SEX", "MOTHER", "MC_DOB")}, f"""
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE (h.mother = '0' OR h.mother IS NULL) AND {_FEMALE} AND {_mc_dob_given()}
""")

# "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age."
R620 = Rule("620", "ssda903", {"Header": ("DOB", "MOTHER")}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.mother = '1' AND h.dob + INTERVAL 11 YEAR > collection_start()
""", notes="Age is taken at the start of the collection year (1 April).")

# "Mother's field has been completed but date of birth shows that the mother is younger than her child."
R621 = Rule("621", "ssda903", {"Header": ("DOB", "MC_DOB")}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h WHERE h.mc_dob <= h.dob
""", notes="A child born on the mother's own birth date is flagged. The peer also flags every mother "
           "whose own DOB is blank or not a date; the DfE text needs a date of birth to compare, and "
           "rule 102 reports the missing one, so Clearsight does not.")

# "Date of birth of the first child contradicts the date of birth of the first child previously recorded."
R624 = Rule("624", "ssda903", {"Header": ("MC_DOB",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    JOIN prev_Header p ON p.child_id = h.child_id
    WHERE p.mc_dob IS NOT NULL AND h.mc_dob IS DISTINCT FROM p.mc_dob
""", needs=("previous",), notes="Dates are compared as dates, so 01/02/2020 and 2020-02-01 agree; a blank "
                                "MC_DOB this year contradicts one given last year.")

# "Date of birth of the first child is beyond the end of this reporting year or the date the child ceased
# to be looked after."
R625 = Rule("625", "ssda903", {"Header": ("MC_DOB",), "Episodes": ("DEC",)}, """
    WITH latest AS (
        SELECT row_no, child_id, dec FROM Episodes WHERE decom IS NOT NULL
        QUALIFY decom = max(decom) OVER (PARTITION BY child_id)
    ), bad AS (
        SELECT h.row_no, h.child_id FROM Header h
        WHERE h.mc_dob > collection_end()
           OR EXISTS (SELECT 1 FROM latest l WHERE l.child_id = h.child_id AND h.mc_dob > l.dec)
    )
    SELECT 'Header', row_no, child_id FROM bad
    UNION ALL
    SELECT 'Episodes', l.row_no, l.child_id FROM latest l JOIN bad b ON b.child_id = l.child_id
""", notes="The child's latest episode (by DECOM) gives the date care ceased; an open latest episode "
           "means care has not ceased. The peer compares only with the latest DEC of a closed episode, "
           "so it misses a first child born after 31 March when every episode is open or the child has "
           "none, and flags a birth between an earlier ceased period and a later open one; Clearsight "
           "follows the DfE text in both.")

# "Child was reported as a mother but the date of birth of the first child is before the current year
# which contradicts with the mother status recorded last year."
R626 = Rule("626", "ssda903", {"Header": ("MOTHER", "MC_DOB")}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    JOIN prev_Header p ON p.child_id = h.child_id
    WHERE h.mother = '1' AND p.mother = '0' AND h.mc_dob < collection_start()
""", needs=("previous",))

# "Motherhood details are not required for care leavers who have not been looked after during the year."
R628 = Rule("628", "ssda903", {"Header": ("MOTHER",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.mother IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = h.child_id)
      AND EXISTS (SELECT 1 FROM OC3 o WHERE o.child_id = h.child_id
                  AND (o.in_touch IS NOT NULL OR o.activ IS NOT NULL OR o.accom IS NOT NULL))
""")

RULES = [R607, R611, R612, R620, R621, R624, R625, R626, R628]
