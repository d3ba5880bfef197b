"""SSDA903 rules on care leavers (OC3) and unaccompanied asylum-seeking children (UASC)."""

from clearsight.rules.definition import Rule

# Care leaver information and the 12-months-looked-after outcomes are not both completed for a child.
R215 = Rule("215", "ssda903", {
    "OC3": ("IN_TOUCH", "ACTIV", "ACCOM"),
    "OC2": ("CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
}, """
    WITH bad AS (
        SELECT o3.row_no AS oc3_row, o2.row_no AS oc2_row, o3.child_id FROM OC3 o3 JOIN OC2 o2 ON o2.child_id = o3.child_id
        WHERE (o3.in_touch IS NOT NULL OR o3.activ IS NOT NULL OR o3.accom IS NOT NULL)
          AND (o2.convicted IS NOT NULL OR o2.health_check IS NOT NULL OR o2.immunisations IS NOT NULL
               OR o2.teeth_check IS NOT NULL OR o2.health_assessment IS NOT NULL OR o2.substance_misuse IS NOT NULL
               OR o2.intervention_received IS NOT NULL OR o2.intervention_offered IS NOT NULL)
    )
    SELECT 'OC3', oc3_row, child_id FROM bad
    UNION ALL
    SELECT 'OC2', oc2_row, child_id FROM bad
""")

# Died or returned home: activity and accommodation are 0 (not applicable), not a real code.
R344 = Rule("344", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, """
    SELECT 'OC3', row_no, child_id FROM OC3
    WHERE in_touch IN ('DIED', 'RHOM')
      AND ((activ IS NOT NULL AND activ <> '0') OR (accom IS NOT NULL AND accom <> '0'))
""", notes="Only a completed activity or accommodation other than 0 is reported; the peer also reports "
           "blanks, which are not 'completed'.")

R345 = Rule("345", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, """
    SELECT 'OC3', row_no, child_id FROM OC3 WHERE in_touch = 'YES' AND (activ = '0' OR accom = '0')
""")

# Foyers are accommodation codes T1 and T2 (suitable / not suitable); the age is taken on 1 April.
R347 = Rule("347", "ssda903", {"OC3": ("ACCOM", "DOB")}, """
    SELECT 'OC3', row_no, child_id FROM OC3
    WHERE accom IN ('T1', 'T2') AND dob + INTERVAL 18 YEAR > collection_start()
""", notes="The peer compares ACCOM with 'T', which no accommodation code equals, and never reports.")

R348 = Rule("348", "ssda903", {"OC3": ("IN_TOUCH",)}, """
    SELECT 'OC3', o.row_no, o.child_id FROM OC3 o
    WHERE EXISTS (SELECT 1 FROM prev_OC3 p WHERE p.child_id = o.child_id AND p.in_touch = 'DIED')
      AND o.in_touch IS DISTINCT FROM 'DIED'
""", needs=("previous",))

# Care leaver information is for young people who were 17 to 21 at some point in the year: not yet 17
# at 31 March, or already 22 on 1 April, is wrong.
R391 = Rule("391", "ssda903", {"OC3": ("DOB", "IN_TOUCH", "ACTIV", "ACCOM")}, """
    SELECT 'OC3', row_no, child_id FROM OC3
    WHERE (in_touch IS NOT NULL OR activ IS NOT NULL OR accom IS NOT NULL)
      AND (dob + INTERVAL 17 YEAR > collection_end() OR dob + INTERVAL 22 YEAR <= collection_start())
""", notes="Also reports young people who were 22 for the whole year, as the message says; the peer checks "
           "only those not yet 17.")

# In the CSV layout a child's UASC status is their row in the UASC table, so a DUC there always has
# status 1 unless the child has no Header record at all.
R303 = Rule("303", "ssda903", {"UASC": ("DUC",)}, """
    SELECT 'UASC', u.row_no, u.child_id FROM UASC u
    WHERE u.duc IS NOT NULL AND NOT EXISTS (SELECT 1 FROM Header h WHERE h.child_id = u.child_id)
""")

R304 = Rule("304", "ssda903", {"UASC": ("DUC", "DOB")}, """
    SELECT 'UASC', row_no, child_id FROM UASC WHERE duc > dob + INTERVAL 18 YEAR
""")

RULES = [R215, R344, R345, R347, R348, R391, R303, R304]
