"""Adoption scorecard measures A1 to A3 (SSDA903), for children adopted in the period.

The journey is read from the 903 episodes: *entering care* is the start of the period of care that ended in
adoption (the latest episode starting one, RNE S); *moving in with the adoptive family* is the last time the
child's carers changed before the adoption (the latest episode starting with new carers: RNE S, P or B), so a
child adopted by its foster carers moved in when it was placed with them, as the published A1 is adjusted.
A child whose entry into care is not in the 903s loaded is left out of A1 and A3: they need the returns back
to each adopted child's entry into care (often four years or more); with fewer loaded, long journeys drop out
and the averages look shorter than they are.
"""

from clearsight.measures.definition import Lookback, Measure
from clearsight.measures.defs.sql import ADOPTED, PEOPLE, care_start, in_period, last_episode_start, share

# Reasons for a new episode that bring the child to new carers: a new period of care, a change of placement and
# legal status, a change of placement only.
_NEW_CARERS = "('S', 'P', 'B')"

# One row per child adopted in a period, with the day care began and the day the child moved in.
_ADOPTED = f"""
    WITH adopted AS (
        SELECT p.period, e.child_id, e.dec AS adopted_on
        FROM {in_period("hist_cla_episodes", "e", "dec")} AND e.rec IN {ADOPTED}
        QUALIFY row_number() OVER (PARTITION BY p.period, e.child_id ORDER BY e.dec DESC) = 1)
    SELECT a.*,
           {care_start("a.child_id", "a.adopted_on")} AS care_start,
           {last_episode_start("a.child_id", "a.adopted_on", f"IN {_NEW_CARERS}")} AS moved_in
    FROM adopted a
"""

# A1 and A3 count only the children whose entry into care is loaded (and who moved in after it).
_ENTRY_LOADED = "care_start IS NOT NULL AND moved_in >= care_start"

AD01 = Measure(
    id="AD01", name="A1: days from entering care to moving in with the adoptive family",
    lookback=Lookback("5 YEAR", "adoption journeys are read back to the child entering care, up to 5 years before"),
    definition="For the children adopted in the period, the average number of days between entering care and "
               "moving in with the family who adopted them (for a foster carer adoption, the day the child was "
               "placed with those carers). The scorecard reports a three-year average: ask for a three-year period "
               "to compare.",
    unit="days", higher_is_better=False, population="Children adopted in the period whose entry into care is loaded",
    numerator="Days from entering care to moving in", denominator="Children adopted",
    sql=f"""SELECT period, date_diff('day', care_start, moved_in) AS num, 1 AS den, child_id, adopted_on AS dim_day
            FROM ({_ADOPTED}) x WHERE {_ENTRY_LOADED}""",
    dimensions=PEOPLE, needs=("ssda903",), aggregate="mean")

# The day the placement order was made: the start of the episode in which the legal status became E1 (an
# episode recording a change of legal status, or one after an episode under another legal status).
_ORDER_STARTS = """
    SELECT child_id, decom FROM (
        SELECT child_id, decom, ls, rne, lag(ls) OVER (PARTITION BY child_id ORDER BY decom) AS prev_ls
        FROM hist_cla_episodes WHERE decom IS NOT NULL)
    WHERE ls = 'E1' AND (rne IN ('S', 'L', 'B', 'U') OR prev_ls <> 'E1')
"""

AD02 = Measure(
    id="AD02", name="A2: days from placement order to match with adopters",
    lookback=Lookback("5 YEAR", "adoption journeys are read back to the placement order, up to 5 years before"),
    definition="For the children adopted in the period who had a placement order, the average number of days "
               "between the court's placement order (legal status E1) and the decision to match the child with the "
               "adopters (AD1 date of match), counting 0 when the match came first. Three-year averages as for A1.",
    unit="days", higher_is_better=False,
    population="Children adopted in the period with a placement order and a match date",
    numerator="Days from placement order to match", denominator="Children adopted with a placement order",
    sql=f"""
        WITH orders AS ({_ORDER_STARTS})
        SELECT x.period, greatest(0, date_diff('day', o.order_day, d.date_match)) AS num, 1 AS den, x.child_id,
               x.adopted_on AS dim_day
        FROM ({_ADOPTED}) x
        JOIN LATERAL (SELECT max(o.decom) AS order_day FROM orders o
                      WHERE o.child_id = x.child_id AND o.decom <= x.adopted_on
                        AND (x.care_start IS NULL OR o.decom >= x.care_start)) o ON o.order_day IS NOT NULL
        JOIN hist_cla_ad1 d ON d.child_id = x.child_id AND d.date_match IS NOT NULL""",
    dimensions=PEOPLE, needs=("ssda903",), aggregate="mean")

AD03 = Measure(
    id="AD03", name="A3: children adopted who waited less than 14 months to move in",
    lookback=Lookback("5 YEAR", "adoption journeys are read back to the child entering care, up to 5 years before"),
    definition="Of the children adopted in the period, the share who moved in with their adoptive family less "
               "than 14 months after entering care (moving in as for A1).",
    unit="proportion", higher_is_better=True, population="Children adopted in the period whose entry into care is loaded",
    numerator="Moved in less than 14 months after entering care", denominator="Children adopted",
    sql=share("moved_in < care_start + INTERVAL 14 MONTH", _ADOPTED, _ENTRY_LOADED,
              dims="child_id, adopted_on AS dim_day"),
    dimensions=PEOPLE, needs=("ssda903",))

MEASURES = [AD01, AD02, AD03]
