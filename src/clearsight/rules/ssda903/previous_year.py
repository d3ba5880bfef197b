"""SSDA903 rules comparing a child's record with last year's return: the child's details agree, and
the episode open at last year's end carries on as this year's first episode (503A to 503J).

Other rules that read last year's return live with their topic (UASC 205A-D, motherhood 207, 624,
626, adoption 559-561 and 584, missing 576, care leavers 348, 1010, deprivation of liberty 706).
"""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.sql import PREVIOUS, first_and_last_episodes, placement_fields

# Sex was coded 1/2 until 2023-24 and M/F/U from 2024-25; a child coded 1 last year and M this year agrees.
R202 = Rule("202", "ssda903", {"Header": ("SEX",)}, """
    WITH norm AS (SELECT * REPLACE (CASE sex WHEN '1' THEN 'M' WHEN '2' THEN 'F' ELSE sex END AS sex) FROM Header),
         prev AS (SELECT * REPLACE (CASE sex WHEN '1' THEN 'M' WHEN '2' THEN 'F' ELSE sex END AS sex) FROM prev_Header)
    SELECT 'Header', h.row_no, h.child_id FROM norm h
    WHERE EXISTS (SELECT 1 FROM prev p WHERE p.child_id = h.child_id AND p.sex IS DISTINCT FROM h.sex)
""", needs=PREVIOUS, notes="Last year's 1/2 sex codes are read as M/F, so the 2024-25 change of coding is not a "
                       "disagreement; the peer compares the raw codes and flags every child in the first M/F year.")

R203 = Rule("203", "ssda903", {"Header": ("DOB",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE EXISTS (SELECT 1 FROM prev_Header p WHERE p.child_id = h.child_id AND p.dob IS DISTINCT FROM h.dob)
""", needs=PREVIOUS)

R204 = Rule("204", "ssda903", {"Header": ("ETHNIC",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE EXISTS (SELECT 1 FROM prev_Header p WHERE p.child_id = h.child_id AND p.ethnic IS DISTINCT FROM h.ethnic)
""", needs=PREVIOUS)

# A UPN may change only from unknown to known, or from UN1 (or blank) to another reason it is unknown.
R208 = Rule("208", "ssda903", {"Header": ("UPN",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h JOIN prev_Header p ON p.child_id = h.child_id
    WHERE upper(h.upn) IS DISTINCT FROM upper(p.upn)
      AND NOT ((p.upn IS NULL OR upper(p.upn) = 'UN1') AND upper(h.upn) IN ('UN2', 'UN3', 'UN4', 'UN5'))
      AND NOT ((p.upn IS NULL OR upper(p.upn) IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5'))
               AND h.upn IS NOT NULL AND upper(h.upn) NOT IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5'))
""", needs=PREVIOUS)

# Each child's first episode this year, and last year's last episode (by start date, then file order).
FIRST_AND_LAST = first_and_last_episodes()

# The same, with the placement's derived local authority, location and distance (needs postcodes).
FIRST_AND_LAST_PLACED = f"""{placement_fields("Episodes", "placed")},
    {placement_fields("prev_Episodes", "prev_placed")},
    {first_and_last_episodes("placed", "prev_placed")}"""


def _carried_on(code: str, field: str, value: str = "{}.{col}", extra: str = "", notes: str = "",
                needs: tuple[str, ...] = PREVIOUS, differs: str = "") -> Rule:
    """Rule 503x: the first episode's ``field`` equals that of the episode open at the end of last year.

    ``differs`` replaces the comparison (``IS DISTINCT FROM``); a rule that needs ``postcodes`` compares
    the derived placement fields (``pl_la``, ``pl_location``, ``pl_distance``).
    """
    this, last = (value.format(t, col=field.lower()) for t in ("f", "l"))
    first_and_last = FIRST_AND_LAST_PLACED if "postcodes" in needs else FIRST_AND_LAST
    sql = f"""
    WITH {first_and_last}
    SELECT 'Episodes', f.row_no, f.child_id FROM first_ep f JOIN last_ep l ON l.child_id = f.child_id
    WHERE l.dec IS NULL AND {differs or f"{this} IS DISTINCT FROM {last}"} {extra}
"""
    return Rule(code, "ssda903", {"Episodes": (field,)}, sql, needs=needs, notes=notes)


# "Last year's record ended with an open episode. The date on which that episode started does not match the
# start date of the first episode on this year's record."
R502 = Rule("502", "ssda903", {"Episodes": ("DECOM",)}, f"""
    WITH {FIRST_AND_LAST}
    SELECT 'Episodes', f.row_no, f.child_id FROM first_ep f JOIN prev_Episodes l ON l.child_id = f.child_id
    WHERE l.dec IS NULL AND f.decom IS DISTINCT FROM l.decom
""", needs=PREVIOUS)

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

# Distances (in miles, to one decimal place) differ when they are 0.2 miles or more apart, or one is blank.
_DISTANCE_DIFFERS = """(abs(CAST(f.pl_distance AS DECIMAL(9, 1)) - CAST(l.pl_distance AS DECIMAL(9, 1))) >= 0.2
           OR ((f.pl_distance IS NULL) <> (l.pl_distance IS NULL)))"""

# "The distance in first episode does not match open episode at end of last year."
R503G = _carried_on("503G", "PL_DISTANCE", differs=_DISTANCE_DIFFERS, needs=("previous", "postcodes"),
                    notes="As rule 453: a distance that became blank is a difference, and distances are compared "
                          "exactly to one decimal place.")

# "The placement LA in first episode does not match open episode at end of last year."
R503H = _carried_on("503H", "PL_LA", needs=("previous", "postcodes"))

# "The placement location in first episode does not match open episode at end of last year."
R503J = _carried_on("503J", "PL_LOCATION", needs=("previous", "postcodes", "la"))

# "Contradiction between local authority of placement code in the last episode of the previous year and in
# the first episode of the current year." (When last year's episode was open and carries on.)
R452 = _carried_on("452", "PL_LA", extra="AND f.rne = l.rne", needs=("previous", "postcodes"))

# "Contradiction between placement distance in the last episode of the previous year and in the first episode
# of the current year."
R453 = _carried_on("453", "PL_DISTANCE", differs=_DISTANCE_DIFFERS, extra="AND f.rne = l.rne",
                   needs=("previous", "postcodes"),
                   notes="A distance given last year and blank this year is a contradiction too; the Data to "
                         "Insight validator only catches the reverse. Distances are compared to one decimal "
                         "place exactly.")

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
""", needs=PREVIOUS)

RULES = [R202, R203, R204, R208, R502, R503A, R503B, R503C, R503D, R503E, R503F, R503G, R503H, R503J, R452,
         R453, R562]
