"""CIN census rules on disabilities (the Disabilities list of ChildCharacteristics).

The DfE catalogue names the table of 2887Q, 2888Q, 8790 and 8794 "Disabilities"; here a child's
disabilities are one list on its ChildCharacteristics row, so findings point at that row (the peer
validator has one row a Disability code instead).
"""

from clearsight.rules.definition import Rule

DISABILITIES = ("NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA")
_CODES = "[" + ", ".join(f"'{c}'" for c in DISABILITIES) + "]"

R2887Q = Rule("2887Q", "cin", {"ChildCharacteristics": ("Disability",)}, f"""
    SELECT 'ChildCharacteristics', NULL, NULL
    WHERE (SELECT count(DISTINCT code) FROM (SELECT unnest(disabilities) AS code FROM ChildCharacteristics)
           WHERE code <> 'NONE' AND list_contains({_CODES}, code)) <= 7
""", notes="A return-level query (no row): fewer than 8 different disability codes, NONE excluded. The peer "
           "counts the children coded NONE instead of the different codes used.")

R2888Q = Rule("2888Q", "cin", {"ChildCharacteristics": ("Disability",)}, """
    SELECT 'ChildCharacteristics', NULL, NULL
    WHERE (SELECT max(n) FROM (
               SELECT len(list_distinct(list_filter(disabilities, lambda d: d <> 'NONE' AND d <> ''))) AS n
               FROM ChildCharacteristics) WHERE n > 0) = 1
""", notes="A return-level query (no row): every child with a disability has exactly one code. Not raised when "
           "no child has a disability.")

R8540 = Rule("8540", "cin", {"ChildCharacteristics": ("Disability",), "CINdetails": ("ReferralNFA",)}, f"""
    WITH kids AS (
        SELECT c.row_no, c.child_id FROM ChildCharacteristics c
        WHERE c.dob IS NOT NULL
          AND (len(coalesce(c.disabilities, [])) = 0
               OR len(list_filter(c.disabilities, lambda d: NOT list_contains({_CODES}, d))) > 0)
          AND EXISTS (SELECT 1 FROM CINdetails r WHERE r.child_row = c.row_no AND r.referral_nfa = false))
    SELECT 'ChildCharacteristics', row_no, child_id FROM kids
    UNION ALL
    SELECT 'CINdetails', r.row_no, r.child_id FROM CINdetails r JOIN kids k ON r.child_row = k.row_no
    WHERE r.referral_nfa = false
""", notes="Applies to a born child with at least one referral going on to further action; reports the child "
           "and those referrals, as the peer does.")

R8790 = Rule("8790", "cin", {"ChildCharacteristics": ("Disability",)}, """
    SELECT 'ChildCharacteristics', row_no, child_id FROM ChildCharacteristics
    WHERE list_contains(disabilities, 'NONE') AND len(list_filter(disabilities, lambda d: d <> 'NONE')) > 0
""")

R8794 = Rule("8794", "cin", {"ChildCharacteristics": ("Disability",)}, """
    SELECT 'ChildCharacteristics', row_no, child_id FROM ChildCharacteristics
    WHERE len(list_distinct(disabilities)) < len(disabilities)
""")

RULES = [R2887Q, R2888Q, R8540, R8790, R8794]
