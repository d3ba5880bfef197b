"""SSDA903 rules on the child's Header record: UPN unknown codes, age, sex, UASC age and motherhood."""

from clearsight.rules.definition import Rule

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

# A child with a row in this year's UASC table is an unaccompanied asylum-seeking child.
R231 = Rule("231", "ssda903", {"Header": ("DOB",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.child_id IN (SELECT child_id FROM UASC)
      AND h.dob > collection_end() - INTERVAL 11 YEAR
""", notes="The peer's rule looks for a UASC_STATUS column that CSV loads do not have and never reports.")

R232 = Rule("232", "ssda903", {"Header": ("SEX",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE sex = 'U'
""")

R301 = Rule("301", "ssda903", {"Header": ("DOB",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE dob > collection_end()
""")

R351 = Rule("351", "ssda903", {"Header": ("DOB",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE dob + INTERVAL 25 YEAR < collection_start()
""")

# Girls looked after (any episode under a legal status other than short breaks V3/V4) must have MOTHER.
R393 = Rule("393", "ssda903", {"Header": ("MOTHER",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE h.sex IN ('F', '2') AND h.mother IS NULL
      AND h.child_id IN (SELECT child_id FROM Episodes WHERE ls IS NULL OR ls NOT IN ('V3', 'V4'))
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

RULES = [R209, R210, R231, R232, R301, R351, R393, R399]
