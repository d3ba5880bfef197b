"""SSDA903 rules on the child's Header details (UPN, motherhood) and the UASC table."""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.a_sql import invalid, present

# The sex codes changed in 2024-25 (1/2 became M/F); rules read the year's code.
_MALE = "(CASE WHEN year(collection_end()) >= 2025 THEN 'M' ELSE '1' END)"
_FEMALE = "(CASE WHEN year(collection_end()) >= 2025 THEN 'F' ELSE '2' END)"

# "Date for UASC status ceased is not a valid date": not a date, or before the year began.
R104 = Rule("104", "ssda903", {"UASC": ("DUC",)}, f"""
    SELECT 'UASC', row_no, child_id FROM ({invalid('UASC', 'DUC')})
    UNION ALL
    SELECT 'UASC', row_no, child_id FROM UASC WHERE duc < collection_start()
""")

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
        WHERE (mother IS NOT NULL AND (mother NOT IN ('0', '1') OR sex = {_MALE}))
           OR (mother IS NULL AND sex = {_FEMALE}
               AND (child_id IN (SELECT child_id FROM in_year) OR child_id NOT IN (SELECT child_id FROM leaver))))
    SELECT 'Header', row_no, child_id FROM bad
    UNION ALL
    SELECT 'OC3', o.row_no, o.child_id FROM OC3 o JOIN bad b ON b.child_id = o.child_id
""", notes="Every Header row is checked. The peer validator only checks children with episodes, still "
           "tests SEX against the 1/2 codes from 2024-25 (so it never flags a boy or a girl since), and "
           "flags a care leaver who has MOTHER filled in instead of one who has it blank.")

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

R171 = Rule("171", "ssda903", {"Header": ("MC_DOB",)}, f"""
    SELECT 'Header', row_no, child_id FROM ({invalid('Header', 'MC_DOB')})
""")

R174 = Rule("174", "ssda903", {"Header": ("SEX", "MC_DOB")}, f"""
    SELECT 'Header', row_no, child_id FROM Header WHERE sex = {_MALE} AND {present('Header', 'MC_DOB')}
""")

RULES = [R104, R165, R168, R171, R174]
