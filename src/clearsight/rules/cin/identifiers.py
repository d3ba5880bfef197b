"""CIN census rules on ChildIdentifiers and ChildCharacteristics: IDs, UPNs, sex, dates of birth and death."""

from clearsight.rules.cin.sql import sql_list
from clearsight.rules.definition import Rule
from clearsight.rules.families import after_collection_end, outside_collection_year


def _ranges(*spans) -> list[str]:
    codes = []
    for s in spans:
        lo, hi = (s, s) if isinstance(s, int) else s
        codes.extend(f"{n:03d}" for n in range(lo, hi + 1))
    return codes


# Post-April-1998 LA codes and the DfE's pseudo-LA codes allowed at characters 2-4 of a UPN.
UPN_LA_CODES = _ranges((1, 5), (201, 213), (301, 320), (330, 336), (340, 344), (350, 359), (370, 373),
                       (380, 384), (390, 394), 420, (660, 681), (701, 708), (800, 803), (805, 808), (810, 813),
                       815, 816, (820, 823), 825, 826, 830, 831, (835, 839), 840, 841, 845, 846, (850, 852),
                       (855, 857), 860, 861, (865, 896), 908, 909, 916, 919, 921, 925, 926, 928, 929, 931, 933,
                       (935, 938), 940, 941)
UPN_LA_CODES_2023 = ["942", "943"]  # North Yorkshire, Cumberland and Westmorland (from April 2023)
CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # index = remainder mod 23
ETHNICITY = ("WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN",
             "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT")
GENDER_CURRENT = ("1", "2", "0", "9")  # until 2023-24 (CIN_schema_2024 and before)
SEX = ("M", "F", "U")  # from 2024-25 (CIN_schema_2025): Sex replaces GenderCurrent
SEX_ERA = "year(collection_end()) >= 2025"

R1510 = Rule("1510", "cin", {"ChildIdentifiers": ("UPN",)}, f"""
    SELECT 'ChildIdentifiers', row_no, child_id FROM (
        SELECT row_no, child_id, upn, list_sum(list_transform(range(2, 14), lambda i:
                   i * CASE WHEN i = 13 AND NOT regexp_full_match(substr(upn, 13, 1), '[0-9]')
                            THEN strpos('{CHECK_LETTERS}', substr(upn, 13, 1)) - 1
                            ELSE TRY_CAST(substr(upn, i, 1) AS INTEGER) END)) % 23 AS remainder
        FROM ChildIdentifiers
        WHERE regexp_full_match(upn, '[A-Za-z][0-9]{{11}}[0-9{CHECK_LETTERS}]'))
    WHERE substr(upn, 1, 1) <> substr('{CHECK_LETTERS}', CAST(remainder AS INTEGER) + 1, 1)
""", notes="Only UPNs whose characters 2-13 are well formed are checked (rules 1540 and 1550 report the rest). "
           "A temporary UPN's final letter counts as its place in the check-letter table, as the DfE UPN guide "
           "says; the peer skips every UPN ending in a letter.")

R1520 = Rule("1520", "cin", {"ChildIdentifiers": ("UPN",)}, """
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE upn IS NOT NULL QUALIFY count(*) OVER (PARTITION BY upn) > 1
""")

R1530 = Rule("1530", "cin", {"ChildIdentifiers": ("UPN",)}, f"""
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE upn IS NOT NULL AND substr(upn, 2, 3) NOT IN {sql_list(UPN_LA_CODES)}
      AND NOT (year(collection_end()) >= 2024 AND substr(upn, 2, 3) IN {sql_list(UPN_LA_CODES_2023)})
""", notes="942 and 943 (the councils created in April 2023) are accepted from 2023-24, as the peer does. "
           "A UPN shorter than 13 characters is checked too (its characters 2-4 are what they are); the "
           "peer checks only 13-character UPNs.")

R1540 = Rule("1540", "cin", {"ChildIdentifiers": ("UPN",)}, """
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE upn IS NOT NULL AND NOT regexp_full_match(substr(upn, 5, 8), '[0-9]{8}')
""")

R1550 = Rule("1550", "cin", {"ChildIdentifiers": ("UPN",)}, f"""
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE upn IS NOT NULL AND NOT regexp_full_match(substr(upn, 13, 1), '[0-9{CHECK_LETTERS}]')
""", notes="Character 13 must be a digit or a capital letter other than I, O and S. A UPN too short to have a "
           "13th character is reported; the peer checks only 13-character UPNs.")

R1560Q = Rule("1560Q", "cin", {"ChildIdentifiers": ("FormerUPN",)}, """
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE former_upn IS NOT NULL AND NOT regexp_full_match(former_upn, '[A-Za-z][0-9]{11}[0-9A-Za-z]')
""", notes="The format is the UPN's (the census schema's upntype): a letter, 11 digits, then a digit or a "
           "letter. The peer also reports a former UPN that is a temporary UPN (final letter).")

R1570 = Rule("1570", "cin", {"ChildIdentifiers": ("LAchildID",)}, """
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers WHERE length(child_id) > 20
""")

R1580 = Rule("1580", "cin", {"ChildIdentifiers": ("LAchildID",)}, """
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE child_id IS NOT NULL AND NOT regexp_full_match(child_id, '[A-Za-z0-9]+')
""", notes="Alphanumeric means A-Z, a-z and 0-9; the peer's Python isalnum() also accepts accented letters.")

R2886Q = Rule("2886Q", "cin", {"ChildIdentifiers": ("Sex", "GenderCurrent", "ExpectedPersonBirthDate")}, f"""
    SELECT 'ChildIdentifiers', NULL, NULL FROM ChildIdentifiers
    HAVING count(*) > 0 AND count(*) FILTER (WHERE expected_dob IS NULL AND CASE WHEN {SEX_ERA}
               THEN sex IS NULL OR sex = 'U' ELSE gender_current IS NULL OR gender_current = '0' END)
           > 0.02 * count(*)
""", notes="A return-level query (no row): children with no sex recorded (missing, or U; GenderCurrent "
           "missing or 0 before 2024-25) and no expected date of birth, over all child records. The peer's "
           "check before 2024-25 compares the wrong thing (an operator-precedence slip) and rarely fires.")

R4180 = Rule("4180", "cin", {"ChildIdentifiers": ("Sex", "GenderCurrent")}, f"""
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE CASE WHEN {SEX_ERA} THEN sex IS NULL OR sex NOT IN {sql_list(SEX)}
               ELSE gender_current IS NULL OR gender_current NOT IN {sql_list(GENDER_CURRENT)} END
""", notes="Sex (M, F, U) from 2024-25; GenderCurrent (1, 2, 0, 9) in earlier years.")

R4220 = Rule("4220", "cin", {"ChildCharacteristics": ("Ethnicity",)}, f"""
    SELECT 'ChildCharacteristics', row_no, child_id FROM ChildCharacteristics
    WHERE ethnicity IS NULL OR ethnicity NOT IN {sql_list(ETHNICITY)}
""")

R8500 = Rule("8500", "cin", {"ChildIdentifiers": ("LAchildID",)}, """
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers WHERE child_id IS NULL
""")

R8510 = Rule("8510", "cin", {"ChildIdentifiers": ("LAchildID",)}, """
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE child_id IS NOT NULL QUALIFY count(*) OVER (PARTITION BY child_id) > 1
""")

R8520 = after_collection_end("cin", "8520", "ChildIdentifiers", "PersonBirthDate", "dob")

R8525Q = Rule("8525Q", "cin", {"ChildIdentifiers": ("PersonBirthDate", "ExpectedPersonBirthDate")}, """
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE (dob IS NULL) = (expected_dob IS NULL)
""")

R8530Q = Rule("8530Q", "cin", {"ChildIdentifiers": ("ExpectedPersonBirthDate",)}, """
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE expected_dob < collection_end() - INTERVAL 30 DAY
       OR expected_dob > collection_end() + INTERVAL 9 MONTH
""", notes="The range is inclusive: 1 March (the reference date minus 30 days) to 31 December (plus 9 months), "
           "'March to December' as the message says. The peer excludes both ends, so it also queries an "
           "expected date of 1 March or 31 December.")

R8535Q = Rule("8535Q", "cin", {"ChildIdentifiers": ("PersonDeathDate", "PersonBirthDate")}, """
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers WHERE death_date < dob
""", notes="Needs both dates. The peer also queries a death date with no date of birth, which the DfE "
           "text (death date on or after date of birth) does not ask.")

R8545Q = outside_collection_year("cin", "8545Q", "ChildIdentifiers", "PersonDeathDate", "death_date")

R8750 = Rule("8750", "cin", {"ChildIdentifiers": ("Sex", "GenderCurrent", "PersonBirthDate",
                                                  "ExpectedPersonBirthDate")}, f"""
    SELECT 'ChildIdentifiers', row_no, child_id FROM ChildIdentifiers
    WHERE dob IS NULL AND expected_dob IS NOT NULL
      AND CASE WHEN {SEX_ERA} THEN sex IS DISTINCT FROM 'U' ELSE gender_current IS DISTINCT FROM '0' END
""", notes="Unborn: an expected date of birth and no date of birth. Sex must be U from 2024-25; "
           "GenderCurrent must be 0 before.")

R8770Q = Rule("8770Q", "cin", {"ChildIdentifiers": ("UPN", "UPNunknown", "PersonBirthDate")}, f"""
    SELECT 'ChildIdentifiers', c.row_no, c.child_id FROM ChildIdentifiers c
    WHERE c.upn IS NULL
      AND (c.upn_unknown IS NULL OR upper(c.upn_unknown) NOT IN ('UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7'))
      AND c.dob <= CASE WHEN {SEX_ERA} THEN make_date(year(collection_end()) - 6, 8, 31)
                        ELSE CAST(collection_end() - INTERVAL 6 YEAR AS DATE) END
      AND EXISTS (SELECT 1 FROM CINdetails r WHERE r.child_row = c.row_no AND r.referral_nfa = false)
""", notes="School age: born on or before the reference date minus 6 years until 2023-24; from 2024-25 born "
           "on or before 31 August six years before the census year ends (of compulsory school age by the "
           "start of the school year), as the peer has it. UN1 ('not of school age') is no reason here.")

R8772 = Rule("8772", "cin", {"ChildIdentifiers": ("UPNunknown",), "CINdetails": ("ReferralNFA",)}, """
    WITH bad AS (
        SELECT c.row_no AS child_row, c.child_id, r.row_no AS ref_row
        FROM ChildIdentifiers c JOIN CINdetails r ON r.child_row = c.row_no
        WHERE upper(c.upn_unknown) = 'UN7' AND r.referral_nfa IS DISTINCT FROM true)
    SELECT 'ChildIdentifiers', child_row, child_id FROM bad
    UNION ALL SELECT 'CINdetails', ref_row, child_id FROM bad
""", notes="Reports the child and each of its CINdetails that is not a referral with no further action "
           "(false or missing). A child with no CINdetails at all is left to rule 8590; the peer reports it.")

R8775Q = Rule("8775Q", "cin", {"ChildIdentifiers": ("PersonBirthDate",), "CINdetails": ("CINclosureDate",)}, """
    WITH bad AS (
        SELECT c.row_no AS child_row, c.child_id, r.row_no AS ref_row
        FROM ChildIdentifiers c JOIN CINdetails r ON r.child_row = c.row_no
        WHERE c.dob < collection_end() - INTERVAL 25 YEAR
          AND (r.closure_date IS NULL OR r.closure_date > c.dob + INTERVAL 25 YEAR))
    SELECT 'ChildIdentifiers', child_row, child_id FROM bad
    UNION ALL SELECT 'CINdetails', ref_row, child_id FROM bad
""")

R8590 = Rule("8590", "cin", {"ChildIdentifiers": ("LAchildID",)}, """
    SELECT 'ChildIdentifiers', c.row_no, c.child_id FROM ChildIdentifiers c
    WHERE NOT EXISTS (SELECT 1 FROM CINdetails r WHERE r.child_row = c.row_no)
""")

RULES = [R1510, R1520, R1530, R1540, R1550, R1560Q, R1570, R1580, R2886Q, R4180, R4220, R8500, R8510, R8520,
         R8525Q, R8530Q, R8535Q, R8545Q, R8750, R8770Q, R8772, R8775Q, R8590]
