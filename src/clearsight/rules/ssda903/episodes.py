"""SSDA903 rules on the Episodes table: dates and codes of each episode of care."""

from clearsight.rules.definition import Rule

R141 = Rule("141", "ssda903", {"Episodes": ("DECOM",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE decom IS NULL
""")

R143 = Rule("143", "ssda903", {"Episodes": ("RNE",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE rne IS NULL OR rne NOT IN {codes:Episodes.RNE}
""")

R144 = Rule("144", "ssda903", {"Episodes": ("LS",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls IS NULL OR ls NOT IN {codes:Episodes.LS}
""")

R145 = Rule("145", "ssda903", {"Episodes": ("CIN",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE cin IS NULL OR cin NOT IN {codes:Episodes.CIN}
""")

R146 = Rule("146", "ssda903", {"Episodes": ("PLACE",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE place IS NULL OR place NOT IN {codes:Episodes.PLACE}
""")

# A blank DEC is allowed (the episode is open); only a value that is not a date breaks 147.
R147 = Rule("147", "ssda903", {"Episodes": ("DEC",)}, """
    SELECT 'Episodes', row_no, child_id FROM invalid_values WHERE table_name = 'Episodes' AND field = 'DEC'
""")

# A DEC that is present but not a date still counts as "coded" here; rule 147 reports it.
R148 = Rule("148", "ssda903", {"Episodes": ("DEC", "REC")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    LEFT JOIN (SELECT row_no FROM invalid_values WHERE table_name = 'Episodes' AND field = 'DEC') bad
           ON bad.row_no = e.row_no
    WHERE (e.dec IS NOT NULL OR bad.row_no IS NOT NULL) <> (e.rec IS NOT NULL)
""")

R149 = Rule("149", "ssda903", {"Episodes": ("REC",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE rec IS NOT NULL AND rec NOT IN {codes:Episodes.REC}
""")

RULES = [R141, R143, R144, R145, R146, R147, R148, R149]
