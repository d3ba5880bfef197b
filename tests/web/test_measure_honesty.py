"""The pages show each value's 95% interval, the history behind it (greyed with the reason when incomplete, in
words as well as style) and its comparison with England; small numbers hide their intervals too."""

import csv
import io

from clearsight.measures.defs.cp import CP02
from clearsight.measures.engine import MeasureValue
from clearsight.web.dashboards.present import shown

# The fixture council loads 2024-25 and 2025-26 (tests/web/conftest.py).


def test_an_incomplete_year_is_greyed_with_its_reason_and_not_compared(sign_in):
    text = sign_in("analyst").get("/measures/CIN02/?period=2024-25").content.decode()
    assert "govuk-tag govuk-tag--grey cs-history" in text and ">Incomplete<" in text
    assert "Re-referrals look back 12 months before each referral; loaded CIN census history begins 1 April 2024" in text
    assert "Not compared: incomplete" in text
    assert "Full history from 2025-04" in text  # the monthly series: where the look-back is covered


def test_a_complete_year_shows_its_interval_and_comparison(sign_in):
    client = sign_in("analyst")
    text = client.get("/measures/CIN05/?period=2025-26").content.decode()
    assert "95% interval " in text and "Wilson score interval" in text
    assert any(f">{word}<" in text for word in ("Better", "Worse", "Similar"))
    home = client.get("/?period=2025-26").content.decode()
    assert home.count("95% interval ") >= 6


def test_the_measure_csv_carries_interval_history_and_comparison(sign_in):
    body = sign_in("analyst").get("/measures/CIN02/export.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {"lower", "upper", "history", "history_note", "comparison", "england"} <= set(rows[0])
    by_period = {r["period"]: r for r in rows if r["group"] == "council"}
    assert by_period["2024-25"]["history"] == "incomplete" and by_period["2024-25"]["comparison"] == ""
    assert by_period["2025-26"]["history"] == "complete" and by_period["2025-26"]["comparison"] in (
        "better", "worse", "similar")
    assert float(by_period["2025-26"]["lower"]) <= float(by_period["2025-26"]["value"]) <= float(
        by_period["2025-26"]["upper"])


def test_suppression_hides_an_interval_that_would_reveal_a_small_count():
    v = MeasureValue("CP02", "2025-26", {"team": "T1"}, 3.0, 12.0, 0.25, "proportion", 0.814, 0.089, 0.532,
                     "complete", "", "worse").as_json()
    hidden = shown(CP02, v, suppress=True)
    assert (hidden["numerator"], hidden["value"], hidden["lower"], hidden["upper"]) == ("<5", None, None, None)
    assert hidden["interval_shown"] == "" and hidden["verdict"] == ""
    seen = shown(CP02, v, suppress=False)
    assert seen["interval_shown"] == "8.9% to 53.2%" and seen["verdict"] == "worse"
