"""SSDA903 rules on statutory reviews: the review date, and the participation code against the child's age."""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.sql import present

R166 = Rule("166", "ssda903", {"Reviews": ("REVIEW",)}, """
    SELECT 'Reviews', row_no, child_id FROM Reviews WHERE review IS NULL
""")

# A review has a valid participation code; a row without a review date has none.
R167 = Rule("167", "ssda903", {"Reviews": ("REVIEW", "REVIEW_CODE")}, f"""
    SELECT 'Reviews', row_no, child_id FROM Reviews
    WHERE CASE WHEN {present('Reviews', 'REVIEW')}
               THEN review_code IS NULL OR review_code NOT IN {{codes:Reviews.REVIEW_CODE}}
               ELSE review_code IS NOT NULL END
""")

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

RULES = [R166, R167, R440, R441]
