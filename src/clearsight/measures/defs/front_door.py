"""The front door and early help (case-management extract; no national collection)."""

from clearsight.measures.definition import Measure

PEOPLE = ("team", "worker", "age_band", "sex", "ethnicity", "disability")

FD01 = Measure(
    id="FD01", name="Contacts received",
    definition="The number of contacts about children received at the front door in the period.",
    unit="count", higher_is_better=None, population="Contacts received in the period",
    numerator="Contacts", denominator="",
    sql="""SELECT p.period, 1 AS num, NULL AS den, c.child_id, c.contact_date AS dim_day
           FROM periods p JOIN hist_contacts c ON c.contact_date BETWEEN p.start_day AND p.end_day""",
    dimensions=PEOPLE, england_note="no national collection (Annex A list 1)", needs=("cms",))

EH01 = Measure(
    id="EH01", name="Early help episodes started",
    definition="The number of early help episodes (or early help assessments) started in the period.",
    unit="count", higher_is_better=None, population="Early help episodes started in the period",
    numerator="Early help episodes started", denominator="",
    sql="""SELECT p.period, 1 AS num, NULL AS den, e.child_id, e.start_date AS dim_day
           FROM periods p JOIN hist_early_help e ON e.start_date BETWEEN p.start_day AND p.end_day""",
    dimensions=PEOPLE, england_note="no national collection (Annex A list 2)", needs=("cms",))

MEASURES = [FD01, EH01]
