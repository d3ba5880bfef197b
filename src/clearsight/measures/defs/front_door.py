"""The front door: contacts received (case-management extract; no national collection)."""

from clearsight.measures.definition import Measure
from clearsight.measures.defs.sql import PEOPLE, count_in_period

FD01 = Measure(
    id="FD01", name="Contacts received",
    definition="The number of contacts about children received at the front door in the period.",
    unit="count", higher_is_better=None, population="Contacts received in the period",
    numerator="Contacts", denominator="",
    sql=count_in_period("hist_contacts", "c", "contact_date"),
    dimensions=PEOPLE, needs=("cms",))

MEASURES = [FD01]
