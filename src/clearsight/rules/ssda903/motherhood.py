"""SSDA903 rules on motherhood (Header MOTHER and MC_DOB).

A female child is SEX ``F`` from 2024-25 and ``2`` before. MC_DOB is a date: a value that is not a date
is NULL in ``mc_dob`` and listed in ``invalid_values``, so "completed" means either.
"""

from clearsight.rules.definition import Rule
from clearsight.rules.families import dates_out_of_order
from clearsight.rules.ssda903.sql import PREVIOUS, blank, not_valid, present

# The sex codes changed in 2024-25 (1/2 became M/F); rules read the year's code.
_MALE_CODE = "(CASE WHEN year(collection_end()) >= 2025 THEN 'M' ELSE '1' END)"
_FEMALE_CODE = "(CASE WHEN year(collection_end()) >= 2025 THEN 'F' ELSE '2' END)"

# A girl (Header aliased h): the female code 'F' (2024-25 on) or '2' (before), whichever is in that year's list.
_GIRL = "h.sex IN ('F', '2') AND h.sex IN {codes:Header.SEX}"

# MOTHER, if given, is 0 or 1 and only for a girl. A girl with an episode in the year, or who is
# not a care leaver with OC3 details, must have it. The child's OC3 row is flagged with the Header.
R165 = Rule("165", "ssda903", {"Header": ("MOTHER", "SEX"), "OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, f"""
    WITH in_year AS (
        SELECT DISTINCT child_id FROM Episodes
        WHERE coalesce(ls, '') NOT IN ('V3', 'V4') AND decom <= collection_end()
          AND (dec IS NULL OR dec >= collection_start())),
    leaver AS (
        SELECT DISTINCT child_id FROM OC3
        WHERE child_id IS NOT NULL AND (in_touch IS NOT NULL OR activ IS NOT NULL OR accom IS NOT NULL)),
    bad AS (
        SELECT row_no, child_id FROM Header
        WHERE (mother IS NOT NULL AND (mother NOT IN ('0', '1') OR sex = {_MALE_CODE}))
           OR (mother IS NULL AND sex = {_FEMALE_CODE}
               AND (child_id IN (SELECT child_id FROM in_year) OR child_id NOT IN (SELECT child_id FROM leaver))))
    SELECT 'Header', row_no, child_id FROM bad
    UNION ALL
    SELECT 'OC3', o.row_no, o.child_id FROM OC3 o JOIN bad b ON b.child_id = o.child_id
""", notes="Every Header row is checked. The peer validator only checks children with episodes, still "
           "tests SEX against the 1/2 codes from 2024-25 (so it never flags a boy or a girl since), and "
           "flags a care leaver who has MOTHER filled in instead of one who has it blank.")

R171 = not_valid("171", "Header", "MC_DOB")

R174 = Rule("174", "ssda903", {"Header": ("SEX", "MC_DOB")}, f"""
    SELECT 'Header', row_no, child_id FROM Header WHERE sex = {_MALE_CODE} AND {present('Header', 'MC_DOB')}
""")

# Girls looked after (any episode under a legal status other than short breaks V3/V4) must have MOTHER.
R393 = Rule("393", "ssda903", {"Header": ("MOTHER",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.sex IN ('F', '2') AND h.mother IS NULL
      AND h.child_id IN (SELECT child_id FROM Episodes WHERE ls IS NULL OR ls NOT IN ('V3', 'V4'))
""")

# Once recorded as a mother (1), a child who is still looked after this year stays one.
R207 = Rule("207", "ssda903", {"Header": ("MOTHER",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.child_id IN (SELECT child_id FROM Episodes)
      AND EXISTS (SELECT 1 FROM prev_Header p WHERE p.child_id = h.child_id AND p.mother = '1'
                  AND h.mother IS DISTINCT FROM '1')
""", needs=PREVIOUS)

# "Child ceased to be looked after in the year, but mother field has not been completed."
R607 = Rule("607", "ssda903", {"Episodes": ("DEC", "REC", "LS"), "Header": ("MOTHER", "SEX")}, f"""
    WITH hits AS (
        SELECT e.row_no AS e_row, h.row_no AS h_row, e.child_id
        FROM Episodes e JOIN Header h ON h.child_id = e.child_id
        WHERE e.dec BETWEEN collection_start() AND collection_end()
          AND e.rec IS NOT NULL AND e.rec <> 'X1'
          AND (e.ls IS NULL OR e.ls NOT IN ('V3', 'V4'))
          AND {_GIRL}
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
    WHERE h.mother = '1' AND {blank('Header', 'MC_DOB', 'h')}
""", notes="A MC_DOB that is not a date is not blank (the load's value check reports it).")

# "Date of birth field has been completed but mother field indicates child is not a mother."
R612 = Rule("612", "ssda903", {"Header": ("SEX", "MOTHER", "MC_DOB")}, f"""
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE (h.mother = '0' OR h.mother IS NULL) AND {_GIRL} AND {present('Header', 'MC_DOB', 'h')}
""")

# "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age."
R620 = Rule("620", "ssda903", {"Header": ("DOB", "MOTHER")}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.mother = '1' AND h.dob + INTERVAL 11 YEAR > collection_start()
""", notes="Age is taken at the start of the collection year (1 April).")

# "Mother's field has been completed but date of birth shows that the mother is younger than her child."
R621 = dates_out_of_order(
    "ssda903", "621", "Header", ("DOB", "MC_DOB"), earlier="dob", later="mc_dob", same_day_too=True,
    notes="A child born on the mother's own birth date is flagged. The peer also flags every mother "
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

RULES = [R165, R171, R174, R393, R207, R607, R611, R612, R620, R621, R624, R625, R626, R628]
