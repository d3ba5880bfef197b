"""SSDA903 rules on statutory reviews."""

from clearsight.rules.definition import Rule
from clearsight.rules.ssda903.a_sql import present

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

RULES = [R166, R167]
