"""SSDA903 rules on the Header table: sex, date of birth, ethnicity."""

from clearsight.rules.definition import Rule

R101 = Rule("101", "ssda903", {"Header": ("SEX",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE sex IS NULL OR sex NOT IN {codes:Header.SEX}
""")

R102 = Rule("102", "ssda903", {"Header": ("DOB",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE dob IS NULL
""")

R103 = Rule("103", "ssda903", {"Header": ("ETHNIC",)}, """
    SELECT 'Header', row_no, child_id FROM Header WHERE ethnic IS NULL OR ethnic NOT IN {codes:Header.ETHNIC}
""")

RULES = [R101, R102, R103]
