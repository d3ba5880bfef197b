"""Early help: episodes started (case-management extract; no national collection)."""

from clearsight.measures.definition import Measure
from clearsight.measures.defs.sql import PEOPLE, count_in_period

EH01 = Measure(
    id="EH01", name="Early help episodes started",
    definition="The number of early help episodes (or early help assessments) started in the period.",
    unit="count", higher_is_better=None, population="Early help episodes started in the period",
    numerator="Early help episodes started", denominator="",
    sql=count_in_period("hist_early_help", "e", "start_date"),
    dimensions=PEOPLE, needs=("cms",))

MEASURES = [EH01]
