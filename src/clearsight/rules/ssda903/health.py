"""SSDA903 rules on OC2: health and outcomes of children looked after continuously for 12 months at 31 March.

"Looked after continuously" is the DfE's derived item (``CONTINUOUSLY_LOOKED_AFTER`` in
``clearsight.rules.ssda903.sql``). Ages follow the DfE's wording: "aged 4 or over at the start of the
year" is a fourth birthday on or before 1 April; "under 17 at the end of the year" is a seventeenth
birthday after 31 March.
"""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.sql import CONTINUOUSLY_LOOKED_AFTER as CLA
from clearsight.rules.ssda903.sql import invalid, not_in_codes, present

# The items for children looked after for 12 months (all but the SDQ).
_TWELVE_MONTH = ("CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
                 "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")

# The four core items every child looked after for 12 months has.
_CORE = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")

_ANY_TWELVE_MONTH = "(" + " OR ".join(f"{f.lower()} IS NOT NULL" for f in _TWELVE_MONTH) + ")"

_SCORE = present("OC2", "SDQ_SCORE")

_EPISODES_GIVEN = "EXISTS (SELECT 1 FROM Episodes)"

_GATE_NOTE = ("With no Episodes rows at all the rule is not applied (nobody's time in care is known), "
              "as the peer validator does when the episodes file is missing.")

# SDQ1 means "aged under 4 or over 17 at the latest assessment": wrong for a child aged 4 or over
# on 1 April and 16 or under on 31 March.
R157 = Rule("157", "ssda903", {"OC2": ("SDQ_REASON", "DOB")}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE sdq_reason = 'SDQ1' AND NOT {_SCORE}
      AND dob + INTERVAL 4 YEAR <= collection_start() AND dob + INTERVAL 17 YEAR > collection_end()
      AND child_id IN ({CLA})
""", notes="'16 years or under at the end of the year' is a 17th birthday after 31 March. The peer "
           "validator requires a 16th birthday on or after 31 March, so it misses children aged 16.")

R158 = Rule("158", "ssda903", {"OC2": ("INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")}, """
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE intervention_received = '1' AND intervention_offered IS NOT NULL
""")

R159 = Rule("159", "ssda903", {"OC2": ("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")}, """
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE substance_misuse = '1' AND intervention_received = '0' AND intervention_offered IS NULL
""")

# An SDQ score is a whole number from 0 to 40.
R180 = Rule("180", "ssda903", {"OC2": ("SDQ_SCORE",)}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2 WHERE sdq_score NOT BETWEEN 0 AND 40
    UNION ALL
    SELECT 'OC2', row_no, child_id FROM ({invalid('OC2', 'SDQ_SCORE')})
""")

R181 = Rule("181", "ssda903", {"OC2": _TWELVE_MONTH}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE {' OR '.join(f"{f.lower()} NOT IN ('0', '1')" for f in _TWELVE_MONTH)}
""")

# If any 12-month item is filled in, immunisations, teeth check, health assessment and substance
# misuse must all be.
R182 = Rule("182", "ssda903", {"OC2": _TWELVE_MONTH}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE {_ANY_TWELVE_MONTH} AND ({' OR '.join(f'{f.lower()} IS NULL' for f in _CORE)})
""", notes="A row with some of the four core items filled in and others blank is flagged; the peer "
           "validator only flags it when one of CONVICTED, HEALTH_CHECK or the intervention items is given.")

R185 = Rule("185", "ssda903", {"OC2": ("SDQ_SCORE",)}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE {_SCORE} AND child_id NOT IN ({CLA}) AND {_EPISODES_GIVEN}
""", notes=_GATE_NOTE)

R186 = Rule("186", "ssda903", {"OC2": ("SDQ_SCORE", "SDQ_REASON", "DOB")}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE NOT {_SCORE} AND sdq_reason IS NULL
      AND dob + INTERVAL 4 YEAR <= collection_start() AND dob + INTERVAL 17 YEAR > collection_end()
      AND child_id IN ({CLA})
""")

# A child looked after for 12 months at 31 March is neither a care leaver (OC3) nor adopted (AD1).
R187 = Rule("187", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM"),
                               "AD1": ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
                                       "LS_ADOPTR")}, f"""
    SELECT 'OC3', row_no, child_id FROM OC3
    WHERE (in_touch IS NOT NULL OR activ IS NOT NULL OR accom IS NOT NULL) AND child_id IN ({CLA})
    UNION ALL
    SELECT 'AD1', row_no, child_id FROM AD1
    WHERE ({' OR '.join(present('AD1', f) for f in ('DATE_INT', 'DATE_MATCH', 'NB_ADOPTR'))}
           OR foster_care IS NOT NULL OR sex_adoptr IS NOT NULL OR ls_adoptr IS NOT NULL)
      AND child_id IN ({CLA})
""")

R188 = Rule("188", "ssda903", {"OC2": ("SDQ_SCORE", "SDQ_REASON", "DOB")}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE ({_SCORE} OR sdq_reason IS NOT NULL) AND dob + INTERVAL 4 YEAR > collection_end()
""")

# "Aged 17 or over at the beginning of the year": born more than 17 years before 1 April.
R189 = Rule("189", "ssda903", {"OC2": ("SDQ_SCORE", "SDQ_REASON", "DOB")}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE ({_SCORE} OR sdq_reason IS NOT NULL) AND dob + INTERVAL 17 YEAR < collection_start()
""")

R190 = Rule("190", "ssda903", {"OC2": _TWELVE_MONTH}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE {_ANY_TWELVE_MONTH} AND child_id NOT IN ({CLA}) AND {_EPISODES_GIVEN}
""", notes=_GATE_NOTE)

# A child looked after for 12 months needs the four core items: on their OC2 row, or (with no OC2
# row) their first episode is flagged.
R191 = Rule("191", "ssda903", {"OC2": _CORE, "Episodes": ("CHILD",)}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE ({' OR '.join(f'{f.lower()} IS NULL' for f in _CORE)}) AND child_id IN ({CLA})
    UNION ALL
    SELECT 'Episodes', row_no, child_id FROM (
        SELECT row_no, child_id,
               row_number() OVER (PARTITION BY child_id ORDER BY decom NULLS LAST, row_no) AS k
        FROM Episodes)
    WHERE k = 1 AND child_id IN ({CLA}) AND child_id NOT IN (SELECT child_id FROM OC2 WHERE child_id IS NOT NULL)
      AND EXISTS (SELECT 1 FROM OC2)
""", notes="Children missing from OC2 are only reported when the load has OC2 rows at all (a return "
           "without the OC2 file would otherwise flag every child), as the peer validator does.")

R192 = Rule("192", "ssda903", {"OC2": ("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED")}, """
    SELECT 'OC2', row_no, child_id FROM OC2 WHERE substance_misuse = '1' AND intervention_received IS NULL
""")

R193 = Rule("193", "ssda903", {"OC2": ("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")}, """
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE (substance_misuse IS NULL OR substance_misuse = '0')
      AND (intervention_received IS NOT NULL OR intervention_offered IS NOT NULL)
""")

R196 = not_in_codes("196", "OC2", "SDQ_REASON", blank_allowed=True)

# A child who turns 4 or 17 during the year, looked after for 12 months, needs a score or a reason.
R197B = Rule("197B", "ssda903", {"OC2": ("SDQ_SCORE", "SDQ_REASON", "DOB")}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE NOT {_SCORE} AND sdq_reason IS NULL
      AND (dob + INTERVAL 4 YEAR BETWEEN collection_start() AND collection_end()
           OR dob + INTERVAL 17 YEAR BETWEEN collection_start() AND collection_end())
      AND child_id IN ({CLA})
""")

R197a = Rule("197a", "ssda903", {"OC2": ("SDQ_SCORE", "SDQ_REASON")}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2 WHERE {_SCORE} AND sdq_reason IS NOT NULL
""")

R198 = Rule("198", "ssda903", {"OC2": ("SDQ_REASON",)}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE sdq_reason IS NOT NULL AND child_id NOT IN ({CLA}) AND {_EPISODES_GIVEN}
""", notes=_GATE_NOTE)

# "A child aged under 10 at 31 March should not have conviction information completed."
R542 = Rule("542", "ssda903", {"OC2": ("CONVICTED",)}, """
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE convicted IS NOT NULL AND dob + INTERVAL 10 YEAR > collection_end()
""")

# "Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction
# information has not been completed."
R543 = Rule("543", "ssda903", {"OC2": ("CONVICTED", "DOB")}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE convicted IS NULL AND dob + INTERVAL 10 YEAR <= collection_end()
      AND child_id IN ({CLA})
""", notes="A child whose 10th birthday is 31 March is aged 10 and flagged; the Data to Insight validator "
           "lets that day pass.")


def _completed_needs_core(code: str, field: str, notes: str) -> Rule:
    """An OC2 item completed (0 or 1) without all four core items."""
    return Rule(code, "ssda903", {"OC2": tuple(sorted((field, *_CORE)))}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE {field.lower()} IS NOT NULL AND ({' OR '.join(f'{f.lower()} IS NULL' for f in _CORE)})
""", notes=notes)


# "Any child who has conviction information completed must also have immunisation, teeth check, health
# assessment and substance misuse problem identified fields completed."
R544 = _completed_needs_core("544", "CONVICTED",
                             notes="Conviction information is completed when CONVICTED is 0 or 1; the Data to "
                                   "Insight validator checks only children with CONVICTED = 1.")

# "Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health
# promotion information has not been completed."
R545 = Rule("545", "ssda903", {"OC2": ("DOB", "HEALTH_CHECK")}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE health_check IS NULL AND dob + INTERVAL 5 YEAR > collection_end()
      AND child_id IN ({CLA})
""")

# "Children aged 5 or over at 31 March should not have health promotion information completed."
# (For children looked after continuously for 12 months, who are the ones with OC2 information.)
R546 = Rule("546", "ssda903", {"OC2": ("DOB", "HEALTH_CHECK")}, f"""
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE health_check IS NOT NULL AND dob + INTERVAL 5 YEAR <= collection_end()
      AND child_id IN ({CLA})
""")

# "Any child who has health promotion information completed must also have immunisation, teeth check, health
# assessment and substance misuse problem identified fields completed."
R547 = _completed_needs_core("547", "HEALTH_CHECK",
                             notes="Health promotion information is completed when HEALTH_CHECK is 0 or 1; the "
                                   "Data to Insight validator checks only children with HEALTH_CHECK = 1.")

RULES = [R157, R158, R159, R180, R181, R182, R185, R186, R187, R188, R189, R190, R191, R192, R193, R196,
         R197B, R197a, R198, R542, R543, R544, R545, R546, R547]
