"""Contradictions between the CIN census and the SSDA903 for the same child and year."""

from clearsight.rules.definition import Rule

_SEX = "CASE WHEN {x} IN ('1', 'M') THEN 'M' WHEN {x} IN ('2', 'F') THEN 'F' END"

# Each looked-after child's time in care during the year must be covered, at least in part, by a CIN episode.
X01 = Rule("X01", "cross", {"Episodes": ("CHILD", "DECOM", "DEC")}, """
    WITH care AS (
        SELECT child_id, min(row_no) AS row_no, min(decom) AS start_day,
               max(coalesce(dec, collection_end())) AS end_day
        FROM lac_Episodes
        WHERE decom <= collection_end() AND (dec IS NULL OR dec >= collection_start())
        GROUP BY child_id)
    SELECT 'Episodes', c.row_no, c.child_id FROM care c
    WHERE NOT EXISTS (
        SELECT 1 FROM cin_CINdetails r
        WHERE r.child_id = c.child_id AND r.referral_date <= c.end_day
          AND (r.closure_date IS NULL OR r.closure_date >= greatest(c.start_day, collection_start())))
""")

X02 = Rule("X02", "cross", {"Header": ("DOB",), "ChildIdentifiers": ("PersonBirthDate",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM lac_Header h JOIN cin_ChildIdentifiers c USING (child_id)
    WHERE h.dob IS NOT NULL AND c.dob IS NOT NULL AND h.dob <> c.dob
    UNION ALL
    SELECT 'ChildIdentifiers', c.row_no, c.child_id FROM lac_Header h JOIN cin_ChildIdentifiers c USING (child_id)
    WHERE h.dob IS NOT NULL AND c.dob IS NOT NULL AND h.dob <> c.dob
""")

_SEX_MISMATCH = f"""
    FROM lac_Header h JOIN cin_ChildIdentifiers c USING (child_id)
    WHERE {_SEX.format(x='h.sex')} IS NOT NULL
      AND {_SEX.format(x='coalesce(c.sex, c.gender_current)')} IS NOT NULL
      AND {_SEX.format(x='h.sex')} <> {_SEX.format(x='coalesce(c.sex, c.gender_current)')}
"""
X03 = Rule("X03", "cross", {"Header": ("SEX",), "ChildIdentifiers": ("Sex", "GenderCurrent")}, f"""
    SELECT 'Header', h.row_no, h.child_id {_SEX_MISMATCH}
    UNION ALL
    SELECT 'ChildIdentifiers', c.row_no, c.child_id {_SEX_MISMATCH}
""")

# REC E11 and E12: ceased care on adoption.
X04 = Rule("X04", "cross", {"ChildProtectionPlans": ("CPPendDate",), "Episodes": ("DEC", "REC")}, """
    SELECT 'ChildProtectionPlans', p.row_no, p.child_id
    FROM cin_ChildProtectionPlans p JOIN lac_Episodes e USING (child_id)
    WHERE e.rec IN ('E11', 'E12') AND e.dec IS NOT NULL AND p.start_date <= e.dec
      AND (p.end_date IS NULL OR p.end_date > e.dec)
""")

X05 = Rule("X05", "cross", {"OC3": ("CHILD",), "CINdetails": ("CINreferralDate", "CINclosureDate")}, """
    SELECT 'OC3', o.row_no, o.child_id FROM lac_OC3 o
    WHERE EXISTS (SELECT 1 FROM cin_CINdetails r WHERE r.child_id = o.child_id AND r.closure_date IS NULL)
      AND NOT EXISTS (SELECT 1 FROM lac_all_Episodes e WHERE e.child_id = o.child_id)
""")

X06 = Rule("X06", "cross", {"Header": ("UPN",), "ChildIdentifiers": ("UPN",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM lac_Header h JOIN cin_ChildIdentifiers c USING (child_id)
    WHERE h.upn IS NOT NULL AND c.upn IS NOT NULL AND upper(h.upn) <> upper(c.upn)
      AND upper(h.upn) NOT LIKE 'UN%'
""")

X07 = Rule("X07", "cross", {"Header": ("ETHNIC",), "ChildCharacteristics": ("Ethnicity",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM lac_Header h JOIN cin_ChildIdentifiers c USING (child_id)
    WHERE h.ethnic IS NOT NULL AND c.ethnicity IS NOT NULL AND upper(h.ethnic) <> upper(c.ethnicity)
""")

X08 = Rule("X08", "cross", {"Episodes": ("DECOM", "DEC"), "ChildIdentifiers": ("PersonDeathDate",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM lac_Episodes e JOIN cin_ChildIdentifiers c USING (child_id)
    WHERE c.death_date IS NOT NULL AND coalesce(e.dec, collection_end()) > c.death_date
""")

X09 = Rule("X09", "cross", {"Episodes": ("DECOM",), "ChildProtectionPlans": ("CPPstartDate", "CPPendDate")}, """
    SELECT 'ChildProtectionPlans', p.row_no, p.child_id
    FROM cin_ChildProtectionPlans p
    JOIN (SELECT child_id, decom FROM lac_Episodes WHERE rne = 'S'
          AND decom BETWEEN collection_start() AND collection_end()) e USING (child_id)
    WHERE p.start_date <= e.decom AND e.decom + INTERVAL 30 DAY <= collection_end()
      AND (p.end_date IS NULL OR p.end_date > e.decom + INTERVAL 30 DAY)
""")

RULES = [X01, X02, X03, X04, X05, X06, X07, X08, X09]
