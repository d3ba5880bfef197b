"""95% intervals on hand-worked numbers, and the comparison with England they decide (CP02's case included)."""

import math

from clearsight.measures.defs.cin import CIN02, CIN06
from clearsight.measures.defs.cp import CP01, CP02
from clearsight.measures.intervals import bootstrap, compare
from clearsight.measures.testing import values

Y = "2024-25"
Z = 1.959963984540054  # the 97.5th centile of the normal distribution


def wilson_by_hand(k: int, n: int) -> tuple[float, float]:
    """The Wilson score interval, written out (Wilson 1927) to check the library's."""
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return centre - half, centre + half


def s47(child, start, icpc):
    return {"LAchildID": child, "S47ActualStartDate": start, "DateOfInitialCPC": icpc, "referral_row": 0}


def test_cp02_8139_percent_against_englands_814_is_similar_not_worse():
    # 35 of 43 conferences on time (81.395%): England's 81.4% is a hair above, but well inside the interval.
    rows = [s47(f"A{i}", "2024-05-01", "2024-05-10") for i in range(35)]
    rows += [s47(f"B{i}", "2024-05-01", "2024-07-01") for i in range(8)]
    (v,) = values(CP02, [("cin", Y, {"Section47": rows})], [Y])
    assert (v.numerator, v.denominator) == (35, 43) and round(v.value, 4) == 0.8140 and v.value < 0.814
    lo, hi = wilson_by_hand(35, 43)
    assert math.isclose(v.lower, lo, abs_tol=1e-9) and math.isclose(v.upper, hi, abs_tol=1e-9)
    assert round(lo, 4) == 0.6738 and round(hi, 4) == 0.9026
    assert v.england == 0.814 and v.history == "complete"
    assert v.comparison == "similar"


def test_a_proportion_clear_of_england_is_better_or_worse_by_the_measures_direction():
    # 60 of 100 conferences on time: Wilson 50.2% to 69.1%, below England's 81.4%; higher is better: worse.
    rows = [s47(f"A{i}", "2024-05-01", "2024-05-10") for i in range(60)]
    rows += [s47(f"B{i}", "2024-05-01", "2024-07-01") for i in range(40)]
    (v,) = values(CP02, [("cin", Y, {"Section47": rows})], [Y])
    assert (round(v.lower, 4), round(v.upper, 4)) == tuple(round(x, 4) for x in wilson_by_hand(60, 100))
    assert (round(v.lower, 3), round(v.upper, 3)) == (0.502, 0.691)
    assert v.comparison == "worse"
    # The same interval for a measure where lower is better, England above it: better.
    assert compare(False, 0.814, v.value, v.lower, v.upper, "complete") == "better"
    # No direction, no England figure, or history not complete: not compared.
    assert compare(None, 0.814, v.value, v.lower, v.upper, "complete") is None
    assert compare(True, None, v.value, v.lower, v.upper, "complete") is None
    assert compare(True, 0.814, v.value, v.lower, v.upper, "incomplete") is None


def test_the_interval_edges_count_as_inside():
    assert compare(True, 0.5, 0.6, 0.5, 0.7, "complete") == "similar"
    assert compare(True, 0.7, 0.6, 0.5, 0.7, "complete") == "similar"
    assert compare(True, 0.7000001, 0.6, 0.5, 0.7, "complete") == "worse"


def test_rates_per_10000_have_exact_poisson_intervals():
    # 5 enquiries in a population of 10,000: 5 per 10,000. The exact (Garwood) interval for a count of 5 is
    # chi2(0.025; 10)/2 = 1.6235 to chi2(0.975; 12)/2 = 11.6683 (published tables).
    rows = [s47(f"A{i}", "2024-05-01", "") for i in range(5)]
    (v,) = values(CP01, [("cin", Y, {"Section47": rows})], [Y], population=10000)
    assert v.value == 5.0
    assert (round(v.lower, 4), round(v.upper, 4)) == (1.6235, 11.6683)
    # For 20,000 children the same count is half the rate, and so is its interval.
    (w,) = values(CP01, [("cin", Y, {"Section47": rows})], [Y], population=20000)
    assert (round(w.lower, 4), round(w.upper, 4)) == (0.8117, 5.8342)


def test_a_count_of_zero_has_an_interval_from_zero():
    refs = [{"LAchildID": "A", "CINreferralDate": "2024-06-01"}]
    (v,) = values(CIN02, [("cin", Y, {"CINdetails": refs})], [Y])
    assert (v.numerator, v.denominator, v.value) == (0, 1, 0.0)
    assert v.lower == 0.0 and round(v.upper, 4) == round(wilson_by_hand(0, 1)[1], 4) == 0.7935


def test_medians_have_a_reproducible_bootstrap_interval_around_them():
    days = [3, 5, 8, 10, 12, 15, 20, 22, 30, 41, 44, 60]
    lo, hi = bootstrap(days, "median")
    assert (lo, hi) == bootstrap(days, "median")  # a fixed seed: the same data, the same interval
    assert (lo, hi) == bootstrap(days[::-1], "median")  # in whatever order the database gathers them
    assert bootstrap(days, "mean") == bootstrap(days[5:] + days[:5], "mean")
    assert lo <= 17.5 <= hi and min(days) <= lo and hi <= max(days)
    assert lo < hi
    assert bootstrap([7], "median") == (None, None)  # one value: no interval
    assert bootstrap([7, 7, 7], "median") == (7.0, 7.0)


def test_the_engine_gives_a_median_measure_its_bootstrap_interval():
    # Assessments authorised 3 to 30 working days after the referral.
    refs, assessments = [], []
    for i, day in enumerate(("2024-05-06", "2024-05-13", "2024-05-20", "2024-06-03", "2024-06-17")):
        refs.append({"LAchildID": f"A{i}", "CINreferralDate": "2024-05-01"})
        assessments.append({"LAchildID": f"A{i}", "AssessmentActualStartDate": "2024-05-02",
                            "AssessmentAuthorisationDate": day, "referral_row": i})
    (v,) = values(CIN06, [("cin", Y, {"CINdetails": refs, "Assessments": assessments})], [Y])
    assert v.value is not None and v.denominator == 5
    assert v.lower <= v.value <= v.upper and v.lower < v.upper
