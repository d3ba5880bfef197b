"""SSDA903 rules on the child's Header record: sex, date of birth, ethnicity and the UPN."""

from clearsight.rules.definition import Rule
from clearsight.rules.families import after_collection_end
from clearsight.rules.ssda903.sql import not_in_codes

R101 = not_in_codes("101", "Header", "SEX", blank_allowed=False)

R102 = Rule("102", "ssda903", {"Header": ("DOB",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE dob IS NULL
""")

R103 = not_in_codes("103", "Header", "ETHNIC", blank_allowed=False)

R232 = Rule("232", "ssda903", {"Header": ("SEX",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE sex = 'U'
""")

R301 = after_collection_end("ssda903", "301", "Header", "DOB")

R351 = Rule("351", "ssda903", {"Header": ("DOB",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE dob + INTERVAL 25 YEAR < collection_start()
""")

# A UPN is a check letter and 12 characters (the last a letter for a temporary UPN); the check
# letter is the DfE's: characters 2-13 weighted 2-13 (a letter counting as its place in the
# 23-letter alphabet), summed, modulo 23. UN1-UN5 say why it is unknown; a blank UPN is rule 442's.
_LETTERS = "'ABCDEFGHJKLMNPQRTUVWXYZ'"

R168 = Rule("168", "ssda903", {"Header": ("UPN",)}, f"""
    SELECT 'Header', row_no, child_id FROM Header
    WHERE upn IS NOT NULL AND NOT (
        upn IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5')
        OR (regexp_full_match(upn, '[A-HJ-NP-RT-Z][0-9]{{11}}[0-9A-HJ-NP-RT-Z]')
            AND substr(upn, 1, 1) = substr({_LETTERS}, 1 + CAST(list_sum([
                (CASE WHEN i = 13 AND NOT regexp_full_match(substr(upn, 13, 1), '[0-9]')
                      THEN strpos({_LETTERS}, substr(upn, 13, 1)) - 1
                      ELSE TRY_CAST(substr(upn, i, 1) AS INTEGER) END) * i
                FOR i IN range(2, 14)]) AS BIGINT) % 23, 1)))
""", notes="Checks the check letter as well as the format; the peer validator checks only the format.")

# School age: four by 31 August of the year before the collection year starts (31/08/2023 for 2024-25).
R209 = Rule("209", "ssda903", {"Header": ("UPN", "DOB")}, """
    SELECT 'Header', row_no, child_id FROM Header
    WHERE upper(upn) = 'UN1'
      AND dob + INTERVAL 4 YEAR <= make_date(year(collection_start()) - 1, 8, 31)
""")

# UN4 is for a child newly looked after, whose UPN is not yet known: a child looked after at 31 March
# whose period of care began more than a week before (before 24 March) should have a UPN by then.
R210 = Rule("210", "ssda903", {"Header": ("UPN",), "Episodes": ("DECOM",)}, """
    WITH open_eps AS (
        SELECT e.row_no, e.child_id, e.decom,
               coalesce((SELECT max(s.decom) FROM Episodes s WHERE s.child_id = e.child_id AND s.rne = 'S'
                         AND s.decom <= e.decom),
                        (SELECT min(a.decom) FROM Episodes a WHERE a.child_id = e.child_id)) AS period_start
        FROM Episodes e WHERE e.dec IS NULL AND e.decom IS NOT NULL
    ),
    bad AS (
        SELECT o.row_no, o.child_id FROM open_eps o JOIN Header h ON h.child_id = o.child_id
        WHERE upper(h.upn) = 'UN4' AND o.period_start < collection_end() - INTERVAL 7 DAY
    )
    SELECT 'Episodes', row_no, child_id FROM bad
    UNION ALL
    SELECT 'Header', h.row_no, h.child_id FROM Header h WHERE h.child_id IN (SELECT child_id FROM bad)
""", notes="Implements the message: UN4 is wrong for a child looked after more than a week at 31 March. "
           "The peer flags UN4 children with an episode starting on or after 24 March, that is, the newly "
           "looked-after children for whom UN4 is the right code.")

# "Unique Pupil Number (UPN) field is not completed." Needed for every child with an episode that is not
# short-term respite (V3, V4).
R442 = Rule("442", "ssda903", {"Header": ("UPN",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.upn IS NULL
      AND EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = h.child_id
                  AND (e.ls IS NULL OR e.ls NOT IN ('V3', 'V4')))
""")

# "Duplicate UPN has been reported". The codes UN1-UN5 (UPN not known, for a reason) may repeat.
R444 = Rule("444", "ssda903", {"Header": ("UPN",)}, """
    SELECT 'Header', row_no, child_id FROM Header
    WHERE upper(upn) NOT IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5')
      AND upper(upn) IN (SELECT upper(upn) FROM Header GROUP BY upper(upn) HAVING count(*) > 1)
""")

RULES = [R101, R102, R103, R232, R301, R351, R168, R209, R210, R442, R444]
