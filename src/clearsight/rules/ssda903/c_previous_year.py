"""SSDA903 rules comparing this year's return with last year's: the episode open at 31 March carries on,
and decisions to place for adoption agree."""

from clearsight.rules.definition import Rule

# Each child's first episode this year, and last year's last episode (by start date, then file order).
FIRST_AND_LAST = """first_ep AS (
        SELECT * FROM Episodes WHERE decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom, row_no) = 1
    ),
    last_ep AS (
        SELECT * FROM prev_Episodes WHERE decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom DESC, row_no) = 1
    )"""


def _carried_on(code: str, field: str, value: str = "{}.{col}", extra: str = "", notes: str = "") -> Rule:
    """Rule 503x: the first episode's ``field`` equals that of the episode open at the end of last year."""
    this, last = (value.format(t, col=field.lower()) for t in ("f", "l"))
    sql = f"""
    WITH {FIRST_AND_LAST}
    SELECT 'Episodes', f.row_no, f.child_id FROM first_ep f JOIN last_ep l ON l.child_id = f.child_id
    WHERE l.dec IS NULL AND {this} IS DISTINCT FROM {last} {extra}
"""
    return Rule(code, "ssda903", {"Episodes": (field,)}, sql, needs=("previous",), notes=notes)


# "Last year's record ended with an open episode. The date on which that episode started does not match the
# start date of the first episode on this year's record."
R502 = Rule("502", "ssda903", {"Episodes": ("DECOM",)}, f"""
    WITH {FIRST_AND_LAST}
    SELECT 'Episodes', f.row_no, f.child_id FROM first_ep f JOIN prev_Episodes l ON l.child_id = f.child_id
    WHERE l.dec IS NULL AND f.decom IS DISTINCT FROM l.decom
""", needs=("previous",))

# "The reason for new episode in the first episode does not match open episode at end of last year."
R503A = _carried_on("503A", "RNE")
# "The legal status in the first episode does not match open episode at end of last year."
R503B = _carried_on("503B", "LS")
# "The category of need in the first episode does not match open episode at end of last year."
R503C = _carried_on("503C", "CIN")
# "The placement type in the first episode does not match open episode at end of last year"
# Placement codes renamed between years: H5 became K3 in 2024-25, Z1 became Z11-Z14 in 2025-26.
R503D = _carried_on("503D", "PLACE", extra="""
      AND NOT (year(collection_end()) IN (2024, 2025) AND f.place = 'K3' AND l.place = 'H5')
      AND NOT (year(collection_end()) = 2026 AND f.place IN ('Z11', 'Z12', 'Z13', 'Z14') AND l.place = 'Z1')""",
                    notes="A placement recorded last year under a code since replaced (H5 by K3 in 2024-25, "
                          "Z1 by Z11-Z14 in 2025-26) matches its new code.")
# "The placement provider in the first episode does not match open episode at end of last year."
R503E = _carried_on("503E", "PLACE_PROVIDER")
# "The Ofsted URN in the first episode does not match open episode at end of last year."
R503F = _carried_on("503F", "URN", "upper({}.urn)")

# "Episode commenced before the start of the current collection year but there is a missing continuous
# episode in the previous year." The earliest such episode must be last year's last episode.
R562 = Rule("562", "ssda903", {"Episodes": ("DECOM",)}, """
    WITH before_year AS (
        SELECT * FROM Episodes WHERE decom < collection_start()
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom, row_no) = 1
    ),
    last_ep AS (
        SELECT * FROM prev_Episodes WHERE decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom DESC, row_no) = 1
    )
    SELECT 'Episodes', b.row_no, b.child_id FROM before_year b
    WHERE NOT EXISTS (SELECT 1 FROM last_ep l WHERE l.child_id = b.child_id AND l.decom = b.decom)
""", needs=("previous",))

# "Date of decision that a child should be placed for adoption was not in the current year but the date of
# the decision that the child should be placed for adoption was not completed in a previous return."
R559 = Rule("559", "ssda903", {"PlacedAdoption": ("DATE_PLACED",)}, """
    SELECT 'PlacedAdoption', p.row_no, p.child_id FROM PlacedAdoption p
    WHERE p.date_placed < collection_start()
      AND NOT EXISTS (SELECT 1 FROM prev_PlacedAdoption l WHERE l.child_id = p.child_id AND l.date_placed IS NOT NULL)
""", needs=("previous",))

# "Date of decision that the child should be placed for adoption this year is different from that recorded
# last year but the decision to place the child for adoption did not change." Last year's open decision must
# be in this year's return with the same date.
R560 = Rule("560", "ssda903", {"PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED")}, """
    SELECT 'PlacedAdoption', p.row_no, p.child_id FROM PlacedAdoption p
    JOIN prev_PlacedAdoption l ON l.child_id = p.child_id
    WHERE l.date_placed IS NOT NULL AND l.date_placed_ceased IS NULL
      AND NOT EXISTS (SELECT 1 FROM PlacedAdoption q WHERE q.child_id = l.child_id AND q.date_placed = l.date_placed)
""", needs=("previous",),
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
""", needs=("previous",))

# "Date of decision that the child should be placed for adoption this year is different from that recorded
# last year, but the decision to placed the child for adoption changed and the child should no longer be
# placed for adoption." After a decision that ceased last year, a decision this year must be a later one.
R584 = Rule("584", "ssda903", {"PlacedAdoption": ("DATE_PLACED",)}, """
    SELECT 'PlacedAdoption', p.row_no, p.child_id FROM PlacedAdoption p
    JOIN prev_PlacedAdoption l ON l.child_id = p.child_id
    WHERE (l.date_placed_ceased IS NOT NULL OR l.reason_placed_ceased IS NOT NULL)
      AND (p.date_placed IS NULL OR p.date_placed <= l.date_placed)
""", needs=("previous",),
    notes="Dates are compared as dates and the offending row of this year is reported; the Data to Insight "
          "validator compares them as text (day first) and can point at the wrong row.")

RULES = [R502, R503A, R503B, R503C, R503D, R503E, R503F, R562, R559, R560, R561, R584]
