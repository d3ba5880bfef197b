"""SSDA903 rules on reviews (participation and age) and on the UPN."""

from clearsight.rules.definition import Rule

# "Participation method indicates child was under 4 years old at the time of the review, but date of birth
# and review date indicates the child was 4 years old or over."
R440 = Rule("440", "ssda903", {"Reviews": ("DOB", "REVIEW", "REVIEW_CODE")}, """
    SELECT 'Reviews', row_no, child_id FROM Reviews
    WHERE review_code = 'PN0' AND review >= dob + INTERVAL 4 YEAR
""", notes="A review on the 4th birthday is flagged (the child is 4); the Data to Insight validator lets "
           "that day pass.")

# "Participation method indicates child was 4 years old or over at the time of the review, but the date of
# birth and review date indicates the child was under 4 years old."
R441 = Rule("441", "ssda903", {"Reviews": ("DOB", "REVIEW", "REVIEW_CODE")}, """
    SELECT 'Reviews', row_no, child_id FROM Reviews
    WHERE review_code IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7') AND review < dob + INTERVAL 4 YEAR
""")

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

RULES = [R440, R441, R442, R444]
