"""SSDA903 rules on care leavers (OC3): the information itself, and who should have it.

"Care leaver information completed" means an OC3 row with IN_TOUCH, ACTIV or ACCOM given. A young
person's age is in whole years at the 31 March reference date; ``dob + to_years(age)`` is the birthday
on which they reached it (17 or 18 here), which falls inside the collection year.
"""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.sql import PREVIOUS, not_in_codes, oc3_completed

R131 = not_in_codes("131", "OC3", "IN_TOUCH", blank_allowed=False)

R132 = not_in_codes("132", "OC3", "ACTIV", blank_allowed=False)

R133 = not_in_codes("133", "OC3", "ACCOM", blank_allowed=False,
                    notes="Uses the year's code list, which has S1 and X1; the peer validator's list leaves them "
                          "out and flags them.")

# The three items are filled in together or all left blank.
R153 = Rule("153", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, """
    SELECT 'OC3', row_no, child_id FROM OC3
    WHERE CAST(in_touch IS NOT NULL AS INTEGER) + CAST(activ IS NOT NULL AS INTEGER)
          + CAST(accom IS NOT NULL AS INTEGER) IN (1, 2)
""")

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
""", needs=PREVIOUS)

# Care leaver information is for young people who were 17 to 21 at some point in the year: not yet 17
# at 31 March, or already 22 on 1 April, is wrong.
R391 = Rule("391", "ssda903", {"OC3": ("DOB", "IN_TOUCH", "ACTIV", "ACCOM")}, """
    SELECT 'OC3', row_no, child_id FROM OC3
    WHERE (in_touch IS NOT NULL OR activ IS NOT NULL OR accom IS NOT NULL)
      AND (dob + INTERVAL 17 YEAR > collection_end() OR dob + INTERVAL 22 YEAR <= collection_start())
""", notes="Also reports young people who were 22 for the whole year, as the message says; the peer checks "
           "only those not yet 17.")

# "This child is recorded as having died in care and therefore should not have the care leaver
# information completed."
R1000 = Rule("1000", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, """
    SELECT 'OC3', o.row_no, o.child_id FROM OC3 o
    WHERE o.child_id IN (SELECT child_id FROM Episodes WHERE rec = 'E2')
       OR o.child_id IN (SELECT child_id FROM prev_Episodes WHERE rec = 'E2')
""", notes="Looks at this year's episodes and, when last year's return is given, last year's too "
           "(without it the prev_ views are empty). The rule runs without last year's return, so it "
           "does not declare needs=('previous',).")

# Last year's and this year's episodes as one history: an episode open at last year's end and in this
# year's return again (same CHILD and DECOM) counts once, with its ceased date if either year has one.
# The episodes of every earlier year's 903 loaded in the warehouse (its current loads) before last year's.
_EARLIER_EPISODES = """
    SELECT e.child_id, e.decom, e.dec, e.ls, e.rec FROM cla_episodes e JOIN current_loads l ON l.load_id = e.load_id
    WHERE l.return_code = 'ssda903' AND CAST(left(l.year, 4) AS INTEGER) < year(collection_end()) - 1
"""

_HISTORY = """
    both_years AS (
        SELECT child_id, decom, dec, ls, rec FROM Episodes WHERE decom IS NOT NULL
        UNION ALL
        SELECT child_id, decom, dec, ls, rec FROM prev_Episodes WHERE decom IS NOT NULL
        UNION ALL
        SELECT * FROM (""" + _EARLIER_EPISODES + """) WHERE decom IS NOT NULL
    ), history AS (
        SELECT * FROM both_years
        QUALIFY row_number() OVER (PARTITION BY child_id, decom ORDER BY dec NULLS LAST) = 1
    )
"""

# "The episodes recorded for this young person suggest they are not a relevant or a former relevant child
# and therefore should not have care leaver information completed."
R1001 = Rule("1001", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, f"""
    WITH {_HISTORY},
    spells AS (
        -- the child's latest episode, if open, runs to the reference date
        SELECT child_id, decom, ls,
               CASE WHEN dec IS NULL AND decom = max(decom) OVER (PARTITION BY child_id)
                    THEN collection_end() ELSE dec END AS dec
        FROM history
    ), checked AS (
        SELECT child_id, dob FROM Header
        WHERE dob IS NOT NULL AND CAST(dob + INTERVAL 20 YEAR AS DATE) > collection_end()
    ), care AS (
        SELECT s.child_id,
               sum(greatest(date_diff('day', greatest(s.decom, CAST(c.dob + INTERVAL 14 YEAR AS DATE)), s.dec), 0))
                   AS days_from_14,
               sum(greatest(date_diff('day', greatest(s.decom, CAST(c.dob + INTERVAL 16 YEAR AS DATE)), s.dec), 0))
                   AS days_from_16
        FROM spells s JOIN checked c ON c.child_id = s.child_id
        WHERE s.ls IS NULL OR s.ls NOT IN ('V3', 'V4')
        GROUP BY s.child_id
    ), adopted AS (
        SELECT child_id FROM history
        QUALIFY decom = max(decom) OVER (PARTITION BY child_id) AND rec IN ('E11', 'E12')
    )
    SELECT 'OC3', o.row_no, o.child_id FROM OC3 o
    JOIN checked c ON c.child_id = o.child_id
    LEFT JOIN care ON care.child_id = o.child_id
    WHERE o.child_id IN (SELECT child_id FROM adopted)
       OR coalesce(care.days_from_14, 0) < 91 OR coalesce(care.days_from_16, 0) < 1
""", needs=PREVIOUS,
    notes="A relevant or former relevant child was looked after for at least 13 weeks (91 days) since "
          "their 14th birthday, some of it after their 16th, not counting short breaks (V3, V4), and was "
          "not adopted (final REC E11, E12). The episodes are this year's, last year's and every earlier "
          "year's 903 loaded in the warehouse; young people aged 20 or more at 31 March, whose care may lie "
          "before the loaded years, are not checked; the peer sees only this year's and last year's returns, "
          "means to skip them too but in fact flags every one of them (and every young person with no "
          "date of birth).")

# "This child has no previous episodes of care, therefore should not have care leaver information
# recorded."
R1002 = Rule("1002", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, """
    SELECT 'OC3', o.row_no, o.child_id FROM OC3 o
    WHERE NOT EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = o.child_id)
      AND NOT EXISTS (SELECT 1 FROM prev_Episodes e WHERE e.child_id = o.child_id)
      AND NOT EXISTS (SELECT 1 FROM (""" + _EARLIER_EPISODES + """) e WHERE e.child_id = o.child_id)
""", needs=PREVIOUS, notes="Previous episodes are this year's, last year's and those of every earlier year's 903 "
                           "loaded in the warehouse (its current loads), so a care leaver who left care at 18 "
                           "three years ago is seen when those years are loaded. The peer sees only this year's "
                           "and last year's episodes and flags every care leaver whose care lies further back.")

# The young person's latest birthday at the reference date, and the age reached on it.
_BIRTHDAY = """
    aged AS (
        SELECT o.row_no, o.child_id, date_sub('year', o.dob, collection_end()) AS age, o.dob
        FROM OC3 o WHERE o.dob IS NOT NULL AND """ + oc3_completed("o") + """
    ), birthdays AS (
        SELECT row_no, child_id, age, CAST(dob + to_years(CAST(age AS INTEGER)) AS DATE) AS birthday
        FROM aged WHERE age IN (17, 18)
    )
"""

# "Care leaver information is not required for 17- or 18-year olds who are still looked after [on their
# 17th or 18th birthday.]"
R1007 = Rule("1007", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, f"""
    WITH {_BIRTHDAY}
    SELECT 'OC3', b.row_no, b.child_id FROM birthdays b
    WHERE EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = b.child_id
                  AND e.decom <= b.birthday AND (e.dec > b.birthday OR e.dec IS NULL))
""", notes="Looked after on the birthday: an episode began on or before it and ceased after it or is "
           "still open. The peer counts only ceased episodes, so it misses a young person still looked "
           "after (open episode) on their 17th or 18th birthday.")

# "This child has no episodes loaded for current year even though there was an open episode of care at
# the end of the previous year, and care leaver data has been entered."
R1010 = Rule("1010", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, """
    WITH last_prev AS (
        SELECT row_no, child_id, dec FROM prev_Episodes WHERE decom IS NOT NULL
        QUALIFY decom = max(decom) OVER (PARTITION BY child_id)
    )
    SELECT 'OC3', o.row_no, o.child_id FROM OC3 o
    WHERE NOT EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = o.child_id)
      AND o.child_id IN (
          SELECT child_id FROM last_prev
          WHERE dec IS NULL
            AND row_no NOT IN (SELECT row_no FROM prev_invalid_values WHERE table_name = 'Episodes' AND field = 'DEC'))
""", needs=PREVIOUS, notes="Open at last year's end: the child's latest episode last year (by "
                                "DECOM) had no DEC.")

# "This child is recorded as having his/her care transferred to another local authority for the final
# episode and therefore should not have the care leaver information completed."
R1011 = Rule("1011", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, f"""
    WITH final AS (
        SELECT child_id, rec FROM Episodes WHERE decom IS NOT NULL
        QUALIFY decom = max(decom) OVER (PARTITION BY child_id)
    )
    SELECT 'OC3', o.row_no, o.child_id FROM OC3 o
    WHERE {oc3_completed('o')} AND o.child_id IN (SELECT child_id FROM final WHERE rec = 'E3')
""")

# "No other data should be returned for OC3 children who had no episodes in the current year"
R1012 = Rule("1012", "ssda903", {t: ("CHILD",) for t in
                                 ("PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2")}, """
    WITH others AS (
        SELECT 'PlacedAdoption' AS t, row_no, child_id FROM PlacedAdoption
        UNION ALL SELECT 'Missing', row_no, child_id FROM Missing
        UNION ALL SELECT 'Reviews', row_no, child_id FROM Reviews
        UNION ALL SELECT 'AD1', row_no, child_id FROM AD1
        UNION ALL SELECT 'PrevPerm', row_no, child_id FROM PrevPerm
        UNION ALL SELECT 'OC2', row_no, child_id FROM OC2
    )
    SELECT t, row_no, child_id FROM others
    WHERE child_id NOT IN (SELECT child_id FROM Episodes WHERE child_id IS NOT NULL)
""", notes="Rows of the episode-related tables for a child with no episode this year; UASC is rule "
           "1014's and Header's motherhood fields rule 628's.")

# "UASC information is not required for care leavers"
R1014 = Rule("1014", "ssda903", {"UASC": ("DUC",), "OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, f"""
    WITH leavers AS (
        SELECT o.row_no, o.child_id FROM OC3 o
        WHERE {oc3_completed('o')}
          AND NOT EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = o.child_id
                          AND e.decom <= collection_end() AND (e.dec >= collection_start() OR e.dec IS NULL))
    )
    SELECT 'UASC', u.row_no, u.child_id FROM UASC u WHERE u.child_id IN (SELECT child_id FROM leavers)
    UNION ALL
    SELECT 'OC3', l.row_no, l.child_id FROM leavers l WHERE l.child_id IN (SELECT child_id FROM UASC)
""", notes="A care leaver here has care leaver information and no episode open during the year. The "
           "peer only considers children with at least one episode in the return, so it misses the "
           "usual case, a care leaver with no episodes at all.")

# "Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after
# their birthday."
R1016 = Rule("1016", "ssda903", {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM")}, f"""
    WITH {_BIRTHDAY}
    SELECT 'OC3', b.row_no, b.child_id FROM birthdays b
    WHERE EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = b.child_id AND e.dec > b.birthday)
""", notes="Ceasing on the birthday itself is not after it (and rule 1007 treats that young person as "
           "no longer looked after on the birthday). The peer flags DEC on the birthday too, and takes "
           "ages from a 365.2425-day year, which can put a birthday on 30 or 31 March a day out.")

# "Where care leavers information is being returned for a young person around their 17th birthday, the
# accommodation cannot be with their former foster carer(s)."
R3001 = Rule("3001", "ssda903", {"OC3": ("ACCOM",)}, """
    SELECT 'OC3', o.row_no, o.child_id FROM OC3 o
    WHERE o.accom IN ('Z1', 'Z2')
      AND o.child_id IN (
          SELECT child_id FROM Header
          WHERE CAST(dob + INTERVAL 17 YEAR AS DATE) BETWEEN collection_start() AND collection_end())
""", notes="Z1 and Z2 are 'with former foster carers'; the 17th birthday, from Header's DOB, falls in "
           "the collection year.")

RULES = [R131, R132, R133, R153, R215, R344, R345, R347, R348, R391, R1000, R1001, R1002, R1007, R1010, R1011,
         R1012, R1014, R1016, R3001]
