"""Properties every measure keeps: proportions in [0, 1]; breakdowns add up to the council total."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearsight.measures.defs.cin import CIN02, CIN03
from clearsight.measures.engine import compute, prepare
from clearsight.measures.periods import parse_period
from clearsight.measures.testing import build

DAY0 = dt.date(2023, 4, 1)

referral = st.tuples(st.integers(0, 30), st.integers(0, 700), st.booleans(), st.integers(0, 3))


def _loads(refs):
    rows = [{"LAchildID": f"C{c}", "CINreferralDate": (DAY0 + dt.timedelta(days=d)).isoformat(),
             "ReferralNFA": "1" if nfa else "0"} for c, d, nfa, _t in refs]
    allocations = [{"child_id": f"C{c}", "worker_id": f"W{t}", "team_id": f"T{t}", "allocation_type": "SW",
                    "start_date": "2020-01-01", "end_date": ""} for c, _d, _n, t in {r[0]: r for r in refs}.values()]
    return [("cin", "2024-25", {"CINdetails": rows}), ("cms", "2024-25", {"allocations": allocations})]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(referral, min_size=1, max_size=40))
def test_proportions_stay_between_0_and_1_and_teams_add_up(refs):
    con = build(_loads(refs))
    prepare(con, [parse_period("2023-24"), parse_period("2024-25")])
    for measure in (CIN02, CIN03):
        council = compute(con, measure)
        by_team = compute(con, measure, "team")
        for v in council + by_team:
            assert v.value is None or 0 <= v.value <= 1
            assert v.value is None or v.lower <= v.value <= v.upper  # the interval holds the value
        # Only the 2024-25 census is loaded: 2023-24 has no data (no value, never 0), whatever it would count.
        (before,) = [v for v in council if v.period == "2023-24"]
        assert (before.history, before.numerator, before.value) == ("no data", None, None)
        for period in ("2024-25",):
            (whole,) = [v for v in council if v.period == period]
            parts = [v for v in by_team if v.period == period]
            assert sum(v.numerator for v in parts) == whole.numerator
            assert sum(v.denominator for v in parts) == whole.denominator
