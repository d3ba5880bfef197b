"""SSDA903 rules on the OC2 outcomes: conviction and health promotion information by age at 31 March."""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.c_shared import CONTINUOUSLY_LOOKED_AFTER

# "A child aged under 10 at 31 March should not have conviction information completed."
R542 = Rule("542", "ssda903", {"OC2": ("CONVICTED",)}, """
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE convicted IS NOT NULL AND dob + INTERVAL 10 YEAR > collection_end()
""")

# "Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction
# information has not been completed."
R543 = Rule("543", "ssda903", {"OC2": ("CONVICTED", "DOB")}, f"""
    WITH {CONTINUOUSLY_LOOKED_AFTER}
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE convicted IS NULL AND dob + INTERVAL 10 YEAR <= collection_end()
      AND child_id IN (SELECT child_id FROM cla12)
""", notes="A child whose 10th birthday is 31 March is aged 10 and flagged; the Data to Insight validator "
           "lets that day pass.")

# "Any child who has conviction information completed must also have immunisation, teeth check, health
# assessment and substance misuse problem identified fields completed."
R544 = Rule("544", "ssda903", {"OC2": ("CONVICTED", "HEALTH_ASSESSMENT", "IMMUNISATIONS", "SUBSTANCE_MISUSE",
                                       "TEETH_CHECK")}, """
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE convicted IS NOT NULL
      AND (immunisations IS NULL OR teeth_check IS NULL OR health_assessment IS NULL OR substance_misuse IS NULL)
""", notes="Conviction information is completed when CONVICTED is 0 or 1; the Data to Insight validator "
           "checks only children with CONVICTED = 1.")

# "Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health
# promotion information has not been completed."
R545 = Rule("545", "ssda903", {"OC2": ("DOB", "HEALTH_CHECK")}, f"""
    WITH {CONTINUOUSLY_LOOKED_AFTER}
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE health_check IS NULL AND dob + INTERVAL 5 YEAR > collection_end()
      AND child_id IN (SELECT child_id FROM cla12)
""")

# "Children aged 5 or over at 31 March should not have health promotion information completed."
# (For children looked after continuously for 12 months, who are the ones with OC2 information.)
R546 = Rule("546", "ssda903", {"OC2": ("DOB", "HEALTH_CHECK")}, f"""
    WITH {CONTINUOUSLY_LOOKED_AFTER}
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE health_check IS NOT NULL AND dob + INTERVAL 5 YEAR <= collection_end()
      AND child_id IN (SELECT child_id FROM cla12)
""")

# "Any child who has health promotion information completed must also have immunisation, teeth check, health
# assessment and substance misuse problem identified fields completed."
R547 = Rule("547", "ssda903", {"OC2": ("HEALTH_ASSESSMENT", "HEALTH_CHECK", "IMMUNISATIONS", "SUBSTANCE_MISUSE",
                                       "TEETH_CHECK")}, """
    SELECT 'OC2', row_no, child_id FROM OC2
    WHERE health_check IS NOT NULL
      AND (immunisations IS NULL OR teeth_check IS NULL OR health_assessment IS NULL OR substance_misuse IS NULL)
""", notes="Health promotion information is completed when HEALTH_CHECK is 0 or 1; the Data to Insight "
           "validator checks only children with HEALTH_CHECK = 1.")

RULES = [R542, R543, R544, R545, R546, R547]
