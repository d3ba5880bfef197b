"""SSDA903 rules on episodes: placement provider and children adopted before."""

from clearsight.rules.definition import Rule

# PLACE_PROVIDER, if given, is valid and not given for placements that have no provider. The list
# of such placements changed in 2025-26 (T4 and Z1 left it; Z11-Z14 joined).
R178 = Rule("178", "ssda903", {"Episodes": ("PLACE_PROVIDER", "PLACE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place_provider IS NOT NULL
      AND (place_provider NOT IN {codes:Episodes.PLACE_PROVIDER}
           OR place IN ('T0', 'T1', 'T2', 'T3')
           OR (year(collection_end()) < 2026 AND place IN ('T4', 'Z1'))
           OR (year(collection_end()) >= 2026 AND place IN ('Z11', 'Z12', 'Z13', 'Z14')))
""")

# An episode that starts after one ending in adoption (REC E11/E12), in this return or last year's.
# Last year's return is used when it is loaded; without it the check is within this year only.
R199 = Rule("199", "ssda903", {"Episodes": ("CHILD", "DECOM", "REC")}, """
    WITH adopted AS (
        SELECT child_id, decom FROM Episodes WHERE rec IN ('E11', 'E12') AND decom IS NOT NULL
        UNION ALL
        SELECT child_id, decom FROM prev_Episodes WHERE rec IN ('E11', 'E12') AND decom IS NOT NULL)
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE EXISTS (SELECT 1 FROM adopted a WHERE a.child_id = e.child_id AND a.decom < e.decom)
""", notes="Reads prev_Episodes without declaring needs=('previous',): the engine's validation runs "
           "always create the prev_ views (empty without last year's return), and the rule is worth "
           "running on one year alone, as the peer validator does.")

RULES = [R178, R199]
