"""SSDA903 rules on a child's episodes in order: does each episode follow on from the one before?

Each child's episodes are read in order of start date (then file order); ``prev_*`` columns hold the
previous episode of the same child.
"""

from clearsight.rules.definition import Rule

# Every episode but a child's last (by start date, then file order) must have ended, with a reason.
R142 = Rule("142", "ssda903", {"Episodes": ("DEC", "REC")}, """
    SELECT 'Episodes', row_no, child_id FROM (
        SELECT *, row_number() OVER (PARTITION BY child_id ORDER BY decom DESC, row_no DESC) AS from_last
        FROM Episodes WHERE decom IS NOT NULL AND child_id IS NOT NULL)
    WHERE from_last > 1 AND (dec IS NULL OR rec IS NULL)
""")

# X1 (new episode begins) needs an episode starting the day this one ends; any other reason on an
# episode followed by one starting that same day should be X1; the last episode cannot end X1.
R388 = Rule("388", "ssda903", {"Episodes": ("REC", "DEC")}, """
    WITH e AS (
        SELECT *, lead(decom) OVER w AS next_decom, lead(row_no) OVER w AS next_row
        FROM Episodes WINDOW w AS (PARTITION BY child_id ORDER BY decom NULLS FIRST, row_no)
    )
    SELECT 'Episodes', row_no, child_id FROM e
    WHERE dec IS NOT NULL AND (
          (next_row IS NOT NULL AND rec = 'X1' AND next_decom IS NOT NULL AND dec <> next_decom)
       OR (next_row IS NOT NULL AND rec <> 'X1' AND dec = next_decom)
       OR (next_row IS NULL AND rec = 'X1'))
""")

# "Reason episode ceased is child has died or is aged 18 or over but there are further episodes."
R437 = Rule("437", "ssda903", {"Episodes": ("REC",)}, """
    SELECT 'Episodes', row_no, child_id FROM (
        SELECT *, lead(row_no) OVER (PARTITION BY child_id ORDER BY decom NULLS LAST, row_no) AS next_row
        FROM Episodes)
    WHERE rec IN ('E2', 'E15') AND decom IS NOT NULL AND next_row IS NOT NULL
""")

_WITH_PREVIOUS = """WITH chain AS (
        SELECT *,
               lag(row_no) OVER w AS prev_row, lag(dec) OVER w AS prev_dec, lag(rec) OVER w AS prev_rec,
               lag(ls) OVER w AS prev_ls, lag(cin) OVER w AS prev_cin, lag(place) OVER w AS prev_place,
               lag(place_provider) OVER w AS prev_place_provider,
               lag(pl_post_norm) OVER w AS prev_pl_post, lag(upper(urn)) OVER w AS prev_urn
        FROM Episodes
        WINDOW w AS (PARTITION BY child_id ORDER BY decom NULLS LAST, dec NULLS LAST, row_no)
    )"""

# The placement is the same when its type, postcode, URN and provider all are (blanks match blanks).
_SAME_PLACEMENT = """(place IS NOT DISTINCT FROM prev_place
        AND pl_post_norm IS NOT DISTINCT FROM prev_pl_post
        AND upper(urn) IS NOT DISTINCT FROM prev_urn
        AND place_provider IS NOT DISTINCT FROM prev_place_provider)"""

# "The reason for new episode is started to be looked after, but the previous episode ended on the same day."
R431 = Rule("431", "ssda903", {"Episodes": ("DECOM", "RNE")}, _WITH_PREVIOUS + """
    SELECT 'Episodes', row_no, child_id FROM chain
    WHERE rne = 'S' AND prev_row IS NOT NULL AND decom <= prev_dec
""")

# "The child ceased to be looked after at the end of the previous episode but the reason for the new
# episode is not started to be looked after." (Any valid reason ceased but X1 ends the period of care.)
R432 = Rule("432", "ssda903", {"Episodes": ("RNE",)}, _WITH_PREVIOUS + """
    SELECT 'Episodes', row_no, child_id FROM chain
    WHERE prev_rec IN {codes:Episodes.REC} AND prev_rec <> 'X1' AND rne IS DISTINCT FROM 'S'
""")

# "The reason for new episode suggests that this is a continuation episode, but the episode does not start
# on the same day as the last episode finished."
R433 = Rule("433", "ssda903", {"Episodes": ("DECOM", "RNE")}, _WITH_PREVIOUS + """
    SELECT 'Episodes', row_no, child_id FROM chain
    WHERE rne IN ('P', 'L', 'T', 'U', 'B') AND prev_row IS NOT NULL
      AND (decom IS NULL OR prev_dec IS NULL OR decom <> prev_dec)
""")

# "Reason for new episode is that child's legal status has changed but not the placement, but this is not
# reflected in the episode data."
R434 = Rule("434", "ssda903", {"Episodes": ("LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "RNE", "URN")},
            _WITH_PREVIOUS + f"""
    SELECT 'Episodes', row_no, child_id FROM chain
    WHERE rne = 'L' AND prev_row IS NOT NULL AND (ls = prev_ls OR NOT {_SAME_PLACEMENT})
""", notes="Postcodes are compared without spaces.")

# "Reason for new episode is that child's placement has changed but not the legal status, but this is not
# reflected in the episode data recorded."
R435 = Rule("435", "ssda903", {"Episodes": ("LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "URN")},
            _WITH_PREVIOUS + f"""
    SELECT 'Episodes', row_no, child_id FROM chain
    WHERE rne IN ('P', 'T') AND prev_row IS NOT NULL AND (ls IS DISTINCT FROM prev_ls OR {_SAME_PLACEMENT})
""", notes="A blank URN, postcode or provider matches a blank in the previous episode, as in rules 434 and "
           "436; the Data to Insight validator treats two blanks as different here, so it misses unchanged "
           "placements without a URN.")

# "Reason for new episode is that both child's placement and legal status have changed, but this is not
# reflected in the episode data."
R436 = Rule("436", "ssda903", {"Episodes": ("LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "RNE", "URN")},
            _WITH_PREVIOUS + f"""
    SELECT 'Episodes', row_no, child_id FROM chain
    WHERE rne IN ('U', 'B') AND prev_row IS NOT NULL AND (ls IS NOT DISTINCT FROM prev_ls OR {_SAME_PLACEMENT})
""", notes="Postcodes are compared without spaces.")

# "A new episode has started before the end date of the previous episode."
R501 = Rule("501", "ssda903", {"Episodes": ("DEC", "DECOM")}, _WITH_PREVIOUS + """
    SELECT 'Episodes', row_no, child_id FROM chain WHERE decom < prev_dec
""")

# "The category of need code differs from that reported at start of current period of being looked after"
R504 = Rule("504", "ssda903", {"Episodes": ("CIN",)}, _WITH_PREVIOUS + """
    SELECT 'Episodes', row_no, child_id FROM chain
    WHERE prev_rec = 'X1' AND prev_dec = decom AND cin IS DISTINCT FROM prev_cin
""")

RULES = [R142, R388, R437, R431, R432, R433, R434, R435, R436, R501, R504]
