"""SSDA903 rules on deprivation of liberty orders (DoLo, from 2026-27): 700 to 710.

The DoLo table has one row a order: ``dolo_start`` and, once the order has ended, ``dolo_end``. The
rules mirror those on missing periods (564 to 586): dates valid and within the year, orders one after
another, last year's open order carried on, an open order only while the child is looked after; 709 and
710 check the placement the child is in while the order lasts.
"""

from clearsight.rules.definition import Rule
from clearsight.rules.families import after_collection_end, dates_out_of_order, outside_collection_year
from clearsight.rules.ssda903.sql import not_valid, overlaps_the_one_before, periods_of_care

# "The start date of the DoLO is not a valid date."
R700 = Rule("700", "ssda903", {"DoLo": ("DOLO_START",)}, """
    SELECT 'DoLo', row_no, child_id FROM DoLo WHERE dolo_start IS NULL
""", notes="A blank start date is not a valid date either.")

# "The end date of the DoLO is not a valid date."
R701 = not_valid("701", "DoLo", "DOLO_END", notes="A blank end date is allowed: the order is still in force.")

# "The date that the DoLO ended is before the date that it started."
R702 = dates_out_of_order("ssda903", "702", "DoLo", ("DOLO_START", "DOLO_END"), earlier="dolo_start",
                          later="dolo_end",
                          notes="An order that ends the day it starts is not flagged (the text says before); the "
                                "Data to Insight validator flags it too.")

# "The date that the DoLO started is after the end of the collection year."
R703 = after_collection_end("ssda903", "703", "DoLo", "DOLO_START")

# "The date that the DoLO ended is before the start or after the end of the collection year."
R704 = outside_collection_year("ssda903", "704", "DoLo", "DOLO_END")

# "A DoLO cannot start when the previous DoLO is still open." Orders are read in order of end date (an open
# order at its start date), then start date; an order is flagged when the one before it has no end date or
# ends after it starts.
R705 = overlaps_the_one_before(
    "705", "DoLo", ("DOLO_START", "DOLO_END"), "dolo_start", "dolo_end",
    "coalesce(dolo_end, dolo_start) NULLS LAST, dolo_start NULLS LAST", open_if_end_not_a_date=False,
    notes="An order whose end date is there but is not a date is not taken as still open (rule 701 reports "
          "it); the Data to Insight validator flags the order after it as well.")

# "There is an open DoLO in last year's return and there is no corresponding DoLO recorded at the start of this
# year." The child's first order this year must start when last year's open order did.
R706 = Rule("706", "ssda903", {"DoLo": ("DOLO_START",)}, """
    WITH open_last_year AS (
        SELECT DISTINCT child_id, dolo_start FROM prev_DoLo WHERE dolo_start IS NOT NULL AND dolo_end IS NULL
    ),
    first_this_year AS (
        SELECT child_id, row_no, dolo_start FROM DoLo
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY dolo_start NULLS LAST, row_no) = 1
    )
    SELECT 'DoLo', f.row_no, o.child_id FROM open_last_year o
    JOIN first_this_year f ON f.child_id = o.child_id
    WHERE f.dolo_start IS DISTINCT FROM o.dolo_start
    UNION ALL
    SELECT 'DoLo', NULL, o.child_id FROM open_last_year o
    WHERE NOT EXISTS (SELECT 1 FROM DoLo d WHERE d.child_id = o.child_id)
      AND EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = o.child_id)
""", needs=("previous",),
    notes="This year's first order is flagged when it does not start on the open order's date; a child with "
          "episodes this year but no order at all is reported without a row (there is none to point at). The "
          "Data to Insight validator reports the row number of last year's order as if it were this year's.")

# "Child ceased to be looked after but there is a DoLO without an end date." An open order must sit in an
# open period of care that had started by the order's start.
R707 = Rule("707", "ssda903", {"DoLo": ("DOLO_END",)}, f"""
    WITH {periods_of_care()}
    SELECT 'DoLo', d.row_no, d.child_id FROM DoLo d
    WHERE d.dolo_start IS NOT NULL AND d.dolo_end IS NULL
      AND NOT EXISTS (SELECT 1 FROM invalid_values v
                      WHERE v.table_name = 'DoLo' AND v.field = 'DOLO_END' AND v.row_no = d.row_no)
      AND EXISTS (SELECT 1 FROM poc WHERE poc.child_id = d.child_id)
      AND NOT EXISTS (SELECT 1 FROM poc WHERE poc.child_id = d.child_id
                      AND poc.poc_dec IS NULL AND d.dolo_start >= poc.poc_decom)
""", notes="Only orders without an end date are checked, as the text says (as for missing periods, rule 577); "
           "the Data to Insight validator also flags ended orders that end outside every period of care, and "
           "takes an end date that is not a date as blank.")

# "Dates of DoLOs are before child's date of birth." The DfE's check: the start must be after the birth date.
R708 = dates_out_of_order("ssda903", "708", "DoLo", ("DOLO_START",), earlier="dob", later="dolo_start", same_day_too=True)


def _placed_during_order(placements: str) -> str:
    """Each (order, episode) pair whose dates overlap, where the episode's placement is ``placements``.

    Following the DfE's check, only orders with both dates are read. The change-over day does not count:
    an episode that ends the day the order starts, or starts the day it ends, did not overlap it.
    """
    return f"""
    WITH bad AS (
        SELECT d.row_no AS dolo_row, e.row_no AS ep_row, d.child_id FROM DoLo d
        JOIN Episodes e ON e.child_id = d.child_id
        WHERE d.dolo_start IS NOT NULL AND d.dolo_end IS NOT NULL AND e.decom IS NOT NULL
          AND (e.dec IS NULL OR d.dolo_start < e.dec) AND d.dolo_end > e.decom
          AND {placements}
    )
    SELECT 'DoLo', dolo_row, child_id FROM bad
    UNION ALL SELECT 'Episodes', ep_row, child_id FROM bad
"""


_OVERLAP_NOTE = ("Only orders with both a start and an end date are checked, as the DfE text says. An episode "
                 "that ends the day the order starts, or starts the day it ends (the change-over day), is not "
                 "counted as overlapping; the Data to Insight validator counts it.")

# "Child with a DoLO is in an unexpected placement type." The placements the DfE's check expects are K2
# (children's home), Z12 and Z13.
R709 = Rule("709", "ssda903", {"DoLo": ("DOLO_START", "DOLO_END"), "Episodes": ("PLACE",)},
            _placed_during_order("e.place NOT IN ('K2', 'Z12', 'Z13')"), notes=_OVERLAP_NOTE)

# "Child with a DoLO can not be placed in secure children's homes, with parents, young offender institutions,
# or supported accommodation." K1, P1, R5 and K3.
R710 = Rule("710", "ssda903", {"DoLo": ("DOLO_START", "DOLO_END"), "Episodes": ("PLACE",)},
            _placed_during_order("e.place IN ('K1', 'P1', 'R5', 'K3')"), notes=_OVERLAP_NOTE)

RULES = [R700, R701, R702, R703, R704, R705, R706, R707, R708, R709, R710]
