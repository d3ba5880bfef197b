"""SSDA903 rules on legal status: which codes apply when and at what age, how long the short-lived
statuses may last, and short breaks (V3, V4).
"""

from clearsight.rules.definition import Rule

# Youth justice legal statuses (J1-J3) apply from the age of criminal responsibility, 10.
R358 = Rule("358", "ssda903", {"Episodes": ("LS", "DECOM"), "Header": ("DOB",)}, """
    WITH bad AS (
        SELECT e.row_no, h.row_no AS header_row, e.child_id FROM Episodes e JOIN Header h ON h.child_id = e.child_id
        WHERE e.ls IN ('J1', 'J2', 'J3') AND h.dob + INTERVAL 10 YEAR >= e.decom
    )
    SELECT 'Episodes', row_no, child_id FROM bad
    UNION ALL
    SELECT 'Header', header_row, child_id FROM bad
""")

# "D1 is not a valid code for episodes starting after December 2005."
R445 = Rule("445", "ssda903", {"Episodes": ("DECOM", "LS")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls = 'D1' AND decom > DATE '2005-12-31'
""")

# "E1 is not a valid code for episodes starting before December 2005."
R446 = Rule("446", "ssda903", {"Episodes": ("DECOM", "LS")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls = 'E1' AND decom < DATE '2005-12-01'
""")

# "Child is still freed for adoption, but freeing orders could not be applied for since 30 December 2005."
R451 = Rule("451", "ssda903", {"Episodes": ("DEC", "LS", "REC")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls = 'D1' AND dec IS NULL AND rec IS NULL
""")

R378 = Rule("378", "ssda903", {"Episodes": ("PLACE", "LS")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE place = 'P1' AND ls = 'V2'
""")


def _run_longer_than(ls: str, days: int) -> str:
    """Episodes under legal status ``ls`` in a continuous run (each starting the day, or before, the one
    before it ends) lasting more than ``days`` days; an open episode runs to 31 March."""
    return f"""
    WITH e AS (
        SELECT row_no, child_id, decom, coalesce(dec, collection_end()) AS dec_f FROM Episodes
        WHERE ls = '{ls}' AND decom IS NOT NULL
    ),
    starts AS (
        SELECT *, CASE WHEN decom <= lag(dec_f) OVER w THEN 0 ELSE 1 END AS new_run
        FROM e WINDOW w AS (PARTITION BY child_id ORDER BY decom, row_no)
    ),
    runs AS (
        SELECT *, sum(new_run) OVER (PARTITION BY child_id ORDER BY decom, row_no) AS run FROM starts
    )
    SELECT 'Episodes', row_no, child_id FROM runs
    QUALIFY max(dec_f) OVER (PARTITION BY child_id, run) - min(decom) OVER (PARTITION BY child_id, run) > {days}
    """


# Police protection (L1): at most 72 hours.
R361 = Rule("361", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, _run_longer_than("L1", 3))

# Emergency protection order (L2): at most 21 days.
R362 = Rule("362", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, _run_longer_than("L2", 21))

# Child assessment order (L3): at most 7 days.
R363 = Rule("363", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, _run_longer_than("L3", 7))

# Remanded to local authority accommodation under PACE (J2): at most 21 days.
R364 = Rule("364", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, _run_longer_than("J2", 21))

# A single short break (V3) lasts at most 17 days; an open one runs to 31 March.
R365 = Rule("365", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE ls = 'V3' AND coalesce(dec, collection_end()) > decom + INTERVAL 17 DAY
""")

# Each short break is an episode of its own, starting a period of care.
R366 = Rule("366", "ssda903", {"Episodes": ("LS", "RNE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls = 'V3' AND rne IS DISTINCT FROM 'S'
""")

# Short breaks (V3) add up to at most 75 days within the collection year.
R367 = Rule("367", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, """
    WITH e AS (
        SELECT row_no, child_id,
               least(coalesce(dec, collection_end()), collection_end()) - greatest(decom, collection_start()) AS days
        FROM Episodes WHERE ls = 'V3' AND decom IS NOT NULL
    )
    SELECT 'Episodes', row_no, child_id FROM e WHERE days > 0
    QUALIFY sum(days) OVER (PARTITION BY child_id) > 75
""")

# "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year."
R426 = Rule("426", "ssda903", {"Episodes": ("LS",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE ls IN ('V3', 'V4') AND child_id IN (
        SELECT child_id FROM Episodes GROUP BY child_id
        HAVING bool_or(ls = 'V3') AND bool_or(ls = 'V4'))
""")

# Short breaks (V3/V4) record no placement postcode or URN.
R214 = Rule("214", "ssda903", {"Episodes": ("PL_POST", "URN")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE ls IN ('V3', 'V4') AND (pl_post IS NOT NULL OR urn IS NOT NULL)
""")

R398 = Rule("398", "ssda903", {"Episodes": ("HOME_POST", "PL_POST")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE ls IN ('V3', 'V4') AND (home_post IS NOT NULL OR pl_post IS NOT NULL)
""")

R382 = Rule("382", "ssda903", {"Episodes": ("LS", "PLACE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE ls IN ('V3', 'V4') AND place IN ('T0', 'T1', 'T2', 'T3', 'T4')
""")

R384 = Rule("384", "ssda903", {"Episodes": ("LS", "PLACE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls IN ('V3', 'V4') AND place IN ('U1', 'U4')
""")

# A child whose every episode is a short break (V3/V4) has no mother field, reviews or participation.
R399 = Rule("399", "ssda903", {"Episodes": ("LS",), "Header": ("MOTHER",), "Reviews": ("REVIEW", "REVIEW_CODE")}, """
    WITH breaks_only AS (
        SELECT child_id FROM Episodes GROUP BY child_id HAVING bool_and(coalesce(ls IN ('V3', 'V4'), false))
    ),
    bad AS (
        SELECT b.child_id FROM breaks_only b
        WHERE EXISTS (SELECT 1 FROM Header h WHERE h.child_id = b.child_id AND h.mother IS NOT NULL)
           OR EXISTS (SELECT 1 FROM Reviews r WHERE r.child_id = b.child_id
                      AND (r.review IS NOT NULL OR r.review_code IS NOT NULL))
    )
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE child_id IN (SELECT child_id FROM bad)
    UNION ALL
    SELECT 'Header', row_no, child_id FROM Header WHERE child_id IN (SELECT child_id FROM bad)
    UNION ALL
    SELECT 'Reviews', row_no, child_id FROM Reviews WHERE child_id IN (SELECT child_id FROM bad)
""")

RULES = [R358, R445, R446, R451, R378, R361, R362, R363, R364, R365, R366, R367, R426, R214, R398, R382, R384,
         R399]
