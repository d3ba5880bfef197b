"""SSDA903 rules on how long legal statuses, short breaks and temporary placements may last."""

from clearsight.rules.definition import Rule


def _run_longer_than(ls: str, days: int) -> str:
    """Episodes under legal status ``ls`` in a continuous run (each starting the day, or before, the one
    before it ends) lasting more than ``days`` days; an open episode runs to 31 March."""
    return f"""
    WITH e AS (
        SELECT row_no, child_id, decom, coalesce(dec, collection_end()) AS dec_f FROM Episodes
        WHERE ls = '{ls}' AND decom IS NOT NULL
    ),
    starts AS (
        SELECT *, CASE WHEN decom <= lag(dec_f) OVER w THEN 0 ELSE 1 END AS new_run
        FROM e WINDOW w AS (PARTITION BY child_id ORDER BY decom, row_no)
    ),
    runs AS (
        SELECT *, sum(new_run) OVER (PARTITION BY child_id ORDER BY decom, row_no) AS run FROM starts
    )
    SELECT 'Episodes', row_no, child_id FROM runs
    QUALIFY max(dec_f) OVER (PARTITION BY child_id, run) - min(decom) OVER (PARTITION BY child_id, run) > {days}
    """


# Police protection (L1): at most 72 hours.
R361 = Rule("361", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, _run_longer_than("L1", 3))
# Emergency protection order (L2): at most 21 days.
R362 = Rule("362", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, _run_longer_than("L2", 21))
# Child assessment order (L3): at most 7 days.
R363 = Rule("363", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, _run_longer_than("L3", 7))
# Remanded to local authority accommodation under PACE (J2): at most 21 days.
R364 = Rule("364", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, _run_longer_than("J2", 21))

# A single short break (V3) lasts at most 17 days; an open one runs to 31 March.
R365 = Rule("365", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE ls = 'V3' AND coalesce(dec, collection_end()) > decom + INTERVAL 17 DAY
""")

# Each short break is an episode of its own, starting a period of care.
R366 = Rule("366", "ssda903", {"Episodes": ("LS", "RNE")}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE ls = 'V3' AND rne IS DISTINCT FROM 'S'
""")

# Short breaks (V3) add up to at most 75 days within the collection year.
R367 = Rule("367", "ssda903", {"Episodes": ("LS", "DECOM", "DEC")}, """
    WITH e AS (
        SELECT row_no, child_id,
               least(coalesce(dec, collection_end()), collection_end()) - greatest(decom, collection_start()) AS days
        FROM Episodes WHERE ls = 'V3' AND decom IS NOT NULL
    )
    SELECT 'Episodes', row_no, child_id FROM e WHERE days > 0
    QUALIFY sum(days) OVER (PARTITION BY child_id) > 75
""")


def _temporary_longer_than(place: str, days: int) -> str:
    return f"""
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE place = '{place}' AND dec > decom + INTERVAL {days} DAY
    """


# Temporary placements that have ceased: hospital (T1) at most six weeks, a foster carer's holiday (T3)
# three weeks, any other reason (T4) seven days.
R375 = Rule("375", "ssda903", {"Episodes": ("PLACE", "DECOM", "DEC")}, _temporary_longer_than("T1", 42))
R376 = Rule("376", "ssda903", {"Episodes": ("PLACE", "DECOM", "DEC")}, _temporary_longer_than("T3", 21))
R379 = Rule("379", "ssda903", {"Episodes": ("PLACE", "DECOM", "DEC")}, _temporary_longer_than("T4", 7))

# At most two temporary placements for a foster carer's holiday (T3) in the return's year.
R377 = Rule("377", "ssda903", {"Episodes": ("PLACE",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes WHERE place = 'T3'
    QUALIFY count(*) OVER (PARTITION BY child_id) > 2
""")

RULES = [R361, R362, R363, R364, R365, R366, R367, R375, R376, R377, R379]
