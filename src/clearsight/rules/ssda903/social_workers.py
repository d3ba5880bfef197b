"""SSDA903 rules on social worker episodes (SWEpisodes, from 2023-24).

The social worker reporting period is the collection year in 2023-24, the first year of the data,
and the two years to 31 March from 2024-25. "Order" of a child's episodes is by start date (blank
last), then end date, then their place in the file.
"""

from clearsight.rules.definition import Rule
from clearsight.rules.families import after_collection_end, dates_out_of_order, same_day
from clearsight.rules.ssda903.sql import LOOKED_AFTER_AT_31_MARCH, present

_SW_PERIOD_START = ("CAST(CASE WHEN year(collection_end()) <= 2024 THEN collection_start() "
                    "ELSE collection_start() - INTERVAL 1 YEAR END AS DATE)")
_SW_GIVEN = "EXISTS (SELECT 1 FROM SWEpisodes)"
_SW_GIVEN_NOTE = ("Not made when the load has no SWEpisodes rows at all (one missing file, not every "
                  "child), as the peer validator skips it without the file.")
_FIRST_DATA_DAY = "DATE '2023-04-01'"  # social worker data begin on 1 April 2023

# The previous episode in the child's order, for the hand-over rules.
_WITH_PREVIOUS = """
    WITH o AS (
        SELECT row_no, child_id, sw_decom, sw_reason,
               lag(sw_dec) OVER w AS prev_dec, lag(row_no) OVER w AS prev_row
        FROM SWEpisodes
        WINDOW w AS (PARTITION BY child_id ORDER BY sw_decom NULLS LAST, sw_dec NULLS LAST, row_no))
"""

# Rows that are not the last of their child in start-date order (blank start dates last).
_NOT_LAST = """
    SELECT row_no, child_id, sw_dec, sw_decom FROM (
        SELECT *, row_number() OVER (PARTITION BY child_id ORDER BY sw_decom DESC NULLS FIRST, row_no DESC) AS k
        FROM SWEpisodes)
    WHERE k > 1
"""


def _partial_date_allowed() -> str:
    """Before 2025-26 a date with unknown parts (ZZ/03/2023, ZZ/ZZ/ZZZZ) was accepted."""
    v = "upper(trim(value))"
    return (f"year(collection_end()) <= 2025 AND {v} LIKE '%Z%'"
            f" AND regexp_full_match({v}, '(ZZ|[0-9]{{2}})/(ZZ|[0-9]{{2}})/(ZZZZ|[0-9]{{4}})')"
            f" AND try_strptime(replace(replace({v}, 'ZZZZ', '2000'), 'ZZ', '01'), '%d/%m/%Y') IS NOT NULL")


# 2023-24: a child looked after on 31 March needs at least one social worker ID, start date and reason.
SW01 = Rule("SW01STG1", "ssda903", {"Episodes": ("DEC", "LS")}, f"""
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.child_id IN ({LOOKED_AFTER_AT_31_MARCH}) AND e.dec IS NULL AND coalesce(e.ls, '') NOT IN ('V3', 'V4')
      AND {_SW_GIVEN}
      AND NOT (EXISTS (SELECT 1 FROM SWEpisodes s WHERE s.child_id = e.child_id AND s.sw_id IS NOT NULL)
           AND EXISTS (SELECT 1 FROM SWEpisodes s WHERE s.child_id = e.child_id AND {present('SWEpisodes', 'SW_DECOM', 's')})
           AND EXISTS (SELECT 1 FROM SWEpisodes s WHERE s.child_id = e.child_id AND s.sw_reason IS NOT NULL))
""", notes="Flags the child's open episode (the child has no social worker row to point at). The peer "
           "validator reports the episode's row number as a SWEpisodes row (and stops with a KeyError "
           "when that number is beyond the SWEpisodes rows), and flags a child with any "
           "incomplete social worker row rather than one lacking each item altogether. " + _SW_GIVEN_NOTE)

# 2024-25: episodes before 1 April 2023 need an ID; later ones an ID and a reason; all a start date.
SW01a = Rule("SW01aSTG1", "ssda903", {"SWEpisodes": ("SW_DECOM", "SW_ID")}, f"""
    SELECT 'SWEpisodes', row_no, child_id FROM SWEpisodes
    WHERE sw_decom IS NULL OR (sw_decom < {_FIRST_DATA_DAY} AND sw_id IS NULL)
""")

SW01b = Rule("SW01bSTG1", "ssda903", {"SWEpisodes": ("SW_DECOM", "SW_ID", "SW_REASON")}, f"""
    SELECT 'SWEpisodes', row_no, child_id FROM SWEpisodes
    WHERE sw_decom IS NULL OR (sw_decom >= {_FIRST_DATA_DAY} AND (sw_id IS NULL OR sw_reason IS NULL))
""")

# From 2025-26 the ID must also be at least 4 characters long.
SW02 = Rule("SW02STG1", "ssda903", {"SWEpisodes": ("SW_ID",)}, """
    SELECT 'SWEpisodes', row_no, child_id FROM SWEpisodes
    WHERE sw_id IS NULL OR upper(left(sw_id, 2)) NOT IN ('SW', 'XX')
       OR (year(collection_end()) >= 2026 AND length(sw_id) < 4)
""")

SW03 = Rule("SW03STG1", "ssda903", {"SWEpisodes": ("SW_ID", "SW_DECOM", "SW_REASON")}, f"""
    SELECT 'SWEpisodes', row_no, child_id FROM SWEpisodes
    WHERE sw_id IS NULL OR NOT {present('SWEpisodes', 'SW_DECOM')} OR sw_reason IS NULL
""")

SW04 = Rule("SW04STG1", "ssda903", {"SWEpisodes": ("SW_DECOM",)}, f"""
    SELECT 'SWEpisodes', row_no, child_id FROM invalid_values
    WHERE table_name = 'SWEpisodes' AND field = 'SW_DECOM' AND NOT ({_partial_date_allowed()})
""")

SW05 = Rule("SW05STG1", "ssda903", {"SWEpisodes": ("SW_DEC",)}, f"""
    SELECT 'SWEpisodes', row_no, child_id FROM invalid_values
    WHERE table_name = 'SWEpisodes' AND field = 'SW_DEC' AND NOT ({_partial_date_allowed()})
""")

SW06 = after_collection_end("ssda903", "SW06STG2", "SWEpisodes", "SW_DECOM")

SW07 = Rule("SW07STG2", "ssda903", {"SWEpisodes": ("SW_DEC",)}, f"""
    SELECT 'SWEpisodes', row_no, child_id FROM SWEpisodes
    WHERE sw_dec < {_SW_PERIOD_START} OR sw_dec > collection_end()
""", notes="From 2024-25 the period starts on 1 April a year before the collection year. The peer "
           "validator subtracts 365.2425 days, so in 2024-25 (a leap year) it also flags 1 April 2023.")

# Only a child's last episode may be open.
SW08 = Rule("SW08STG2", "ssda903", {"SWEpisodes": ("SW_DEC",)}, f"""
    SELECT 'SWEpisodes', row_no, child_id FROM ({_NOT_LAST}) WHERE sw_dec IS NULL AND sw_decom IS NOT NULL
""")

# With dates only, an episode lasting under 24 hours is one that ends on the day it starts.
SW09 = same_day("ssda903", "SW09STG2", "SWEpisodes", ("SW_DECOM", "SW_DEC"), "sw_dec", "sw_decom",
                notes="From 2025-26 the peer validator flags any episode ending less than 3 days after it starts "
                      "(and any ending before it starts, which is SW18STG2); the DfE message is 'less than 24 "
                      "hours'.")

# Each episode after a child's first starts within 7 days of the previous one's end (a previous
# episode still open fails). From 2024-25 an episode started for a first contact (FCONTA) is exempt.
SW10 = Rule("SW10STG2", "ssda903", {"SWEpisodes": ("SW_DECOM",)}, _WITH_PREVIOUS + """
    SELECT 'SWEpisodes', row_no, child_id FROM o
    WHERE prev_row IS NOT NULL
      AND (year(collection_end()) <= 2024 OR sw_reason IS DISTINCT FROM 'FCONTA')
      AND NOT coalesce(sw_decom BETWEEN prev_dec - INTERVAL 7 DAY AND prev_dec + INTERVAL 7 DAY, false)
""")

SW10a = Rule("SW10aSTG2", "ssda903", {"SWEpisodes": ("SW_DECOM",)}, _WITH_PREVIOUS + """
    SELECT 'SWEpisodes', row_no, child_id FROM o
    WHERE prev_row IS NOT NULL AND sw_reason IS DISTINCT FROM 'FCONTA'
      AND NOT coalesce(sw_decom BETWEEN prev_dec - INTERVAL 7 DAY AND prev_dec + INTERVAL 7 DAY, false)
""")

SW10b = Rule("SW10bSTG2", "ssda903", {"SWEpisodes": ("SW_DECOM", "SW_REASON")}, _WITH_PREVIOUS + """
    SELECT 'SWEpisodes', row_no, child_id FROM o WHERE sw_reason = 'FCONTA' AND sw_decom <= prev_dec
""")

# 2023-24: an episode ending more than 5 days before 31 March needs another starting within 5 days
# of its end.
SW11a = Rule("SW11aSTG2", "ssda903", {"SWEpisodes": ("SW_DEC",)}, """
    SELECT 'SWEpisodes', r.row_no, r.child_id FROM SWEpisodes r
    WHERE r.sw_dec <= collection_end() - INTERVAL 5 DAY
      AND NOT EXISTS (SELECT 1 FROM SWEpisodes n
                      WHERE n.child_id = r.child_id AND n.row_no <> r.row_no
                        AND n.sw_decom BETWEEN r.sw_dec - INTERVAL 5 DAY AND r.sw_dec + INTERVAL 5 DAY)
""", notes="Flags the episode that ended (the one the message describes), including a child's last "
           "episode. The peer validator flags the next episode instead, and never a last episode.")

# An episode ending in the last 5 days of the year with no later episode.
SW11b = Rule("SW11bSTG2", "ssda903", {"SWEpisodes": ("SW_DEC",)}, """
    SELECT 'SWEpisodes', r.row_no, r.child_id FROM SWEpisodes r
    WHERE r.sw_dec BETWEEN collection_end() - INTERVAL 5 DAY AND collection_end()
      AND NOT EXISTS (SELECT 1 FROM SWEpisodes n
                      WHERE n.child_id = r.child_id AND n.row_no <> r.row_no
                        AND n.sw_decom >= r.sw_dec - INTERVAL 5 DAY)
""", notes="The peer validator flags every episode ending in those 5 days that has an earlier episode, "
           "whether or not a later one follows; here only an episode with no later one is flagged.")

# A child looked after on 31 March has the social worker episodes of the whole year reported, even
# from before they were looked after: the earliest starts on or before 1 April, unless it began with
# a first contact or re-referral (FCONTA) during the year. The earliest episode is flagged, or the
# open care episode of a child with none.
SW12 = Rule("SW12STG2", "ssda903", {"SWEpisodes": ("SW_DECOM", "SW_REASON"), "Episodes": ("DEC", "LS")}, f"""
    WITH cla AS ({LOOKED_AFTER_AT_31_MARCH}),
    earliest AS (
        SELECT row_no, child_id, sw_decom, sw_reason FROM (
            SELECT row_no, child_id, sw_decom, sw_reason,
                   row_number() OVER (PARTITION BY child_id ORDER BY sw_decom NULLS LAST, row_no) AS k
            FROM SWEpisodes)
        WHERE k = 1)
    SELECT 'SWEpisodes', row_no, child_id FROM earliest
    WHERE child_id IN (SELECT child_id FROM cla)
      AND sw_decom > collection_start() AND sw_reason IS DISTINCT FROM 'FCONTA'
    UNION ALL
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.dec IS NULL AND coalesce(e.ls, '') NOT IN ('V3', 'V4') AND e.child_id IN (SELECT child_id FROM cla)
      AND e.child_id NOT IN (SELECT child_id FROM SWEpisodes WHERE child_id IS NOT NULL) AND {_SW_GIVEN}
""", notes="The peer validator instead pairs every care episode that starts or ends care with every "
           "social worker episode of the child and flags the care episode if any pair fails, which "
           "flags most children with a social worker from before care; its result also depends on "
           "which rules ran before it (166 findings alone, 2 in a full run on one synthetic county). "
           + _SW_GIVEN_NOTE)

# The reason must be valid; from 2024-25 it may be blank for an episode that began before the data
# did (1 April 2023).
SW13 = Rule("SW13STG1", "ssda903", {"SWEpisodes": ("SW_REASON",)}, f"""
    SELECT 'SWEpisodes', row_no, child_id FROM SWEpisodes
    WHERE sw_reason NOT IN {{codes:SWEpisodes.SW_REASON}}
       OR (sw_reason IS NULL AND (year(collection_end()) <= 2024 OR sw_decom >= {_FIRST_DATA_DAY}))
""", notes="From 2024-25 the peer validator raises (and reports nothing) when any SW_DECOM is not a date.")

# 2023-24: only a child's last episode may have no end date.
SW14 = Rule("SW14STG2", "ssda903", {"SWEpisodes": ("SW_DEC",)}, f"""
    SELECT 'SWEpisodes', row_no, child_id FROM ({_NOT_LAST}) WHERE sw_dec IS NULL
""")

# The child's latest episode (by start date) is still open on 31 March.
SW17 = Rule("SW17STG2", "ssda903", {"SWEpisodes": ("SW_DEC", "SW_DECOM")}, f"""
    SELECT 'SWEpisodes', row_no, child_id FROM (
        SELECT *, row_number() OVER (PARTITION BY child_id ORDER BY sw_decom DESC NULLS LAST, row_no) AS k
        FROM SWEpisodes)
    WHERE k = 1 AND {present('SWEpisodes', 'SW_DEC')}
""")

SW18 = dates_out_of_order("ssda903", "SW18STG2", "SWEpisodes", ("SW_DEC", "SW_DECOM"), earlier="sw_decom",
                          later="sw_dec", same_day_too=True,
                          notes="An episode ending on the day it starts is flagged, as the peer validator does "
                                "(the DfE condition is that the end date is after the start date).")

# Two episodes of a child starting on the same date: the second and later rows are flagged.
SW19 = Rule("SW19STG2", "ssda903", {"SWEpisodes": ("SW_DECOM",)}, """
    SELECT 'SWEpisodes', row_no, child_id FROM (
        SELECT row_no, child_id, sw_decom,
               row_number() OVER (PARTITION BY child_id, sw_decom ORDER BY row_no) AS k
        FROM SWEpisodes)
    WHERE k > 1 AND sw_decom IS NOT NULL
""", notes="Rows with no start date are not compared; the peer validator counts two blank start "
           "dates as the same date.")

RULES = [SW01, SW01a, SW01b, SW02, SW03, SW04, SW05, SW06, SW07, SW08, SW09, SW10, SW10a, SW10b, SW11a, SW11b,
         SW12, SW13, SW14, SW17, SW18, SW19]
