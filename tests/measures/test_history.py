"""Honest periods: a year never loaded has no data (never 0); a look-back the loaded history does not cover is
incomplete and not compared with England; monthly series say where full history begins."""

from clearsight.measures.charts import trend_spec
from clearsight.measures.defs.cin import CIN02
from clearsight.measures.defs.cla import CLA05
from clearsight.measures.engine import compute, prepare
from clearsight.measures.history import full_history_from, loaded_years
from clearsight.measures.periods import months_between, parse_period
from clearsight.measures.testing import build, values


def ref(child, day):
    return {"LAchildID": child, "CINreferralDate": day, "ReferralNFA": "0"}


# Two censuses: 2023-24 and 2024-25. A referral of 2019 is still open in them (it is in their files), as the
# 17 referrals of 2019-20 seen in later returns were in the issue.
CENSUSES = [("cin", "2023-24", {"CINdetails": [ref("A", "2019-06-01"), ref("A", "2023-06-01"),
                                                 ref("B", "2023-09-01")]}),
            ("cin", "2024-25", {"CINdetails": [ref("A", "2024-05-01"), ref("C", "2024-06-01"),
                                                 ref("C", "2024-08-01")]})]


def test_a_never_loaded_year_has_no_data_not_zero():
    (v,) = values(CIN02, CENSUSES, ["2019-20"])
    assert (v.history, v.numerator, v.denominator, v.value) == ("no data", None, None, None)
    assert (v.lower, v.upper, v.comparison) == (None, None, None)
    assert "CIN census" in v.history_note and "2019-20" in v.history_note
    # By team too: one row saying so, not a row per team of zeros.
    assert [x.history for x in values(CIN02, CENSUSES, ["2019-20"], by="team")] == ["no data"]


def test_an_incomplete_look_back_is_shown_but_not_compared():
    got = {v.period: v for v in values(CIN02, CENSUSES, ["2023-24", "2024-25"])}
    first, second = got["2023-24"], got["2024-25"]
    # 2023-24: referrals of April 2023 look back to April 2022, before the first census loaded.
    assert first.history == "incomplete"
    assert first.history_note == ("re-referrals look back 12 months before each referral; "
                                  "loaded CIN census history begins 1 April 2023")
    assert first.value is not None and first.comparison is None
    # 2024-25 looks back to 1 April 2023 exactly: covered. A (2023-06-01 then 2024-05-01) and C (2024-06-01 then
    # 2024-08-01) are re-referrals: 2 of 3, compared with England (22.6%, lower is better).
    assert second.history == "complete"
    assert (second.numerator, second.denominator) == (2, 3)
    assert second.comparison == "similar"  # 2 of 3 is a wide interval: 20.8% to 93.9% holds 22.6%


def test_a_gap_in_the_loaded_years_makes_the_look_back_incomplete():
    loads = [CENSUSES[0], ("cin", "2025-26", {"CINdetails": [ref("D", "2025-06-01")]})]
    (v,) = values(CIN02, loads, ["2025-26"])
    assert v.history == "incomplete" and "gap" in v.history_note


def test_a_period_running_past_the_loaded_years_is_incomplete():
    (v,) = values(CIN02, CENSUSES, ["12m-to-2025-06-30"])
    assert v.history == "incomplete" and "only part of" in v.history_note


def ep(child, decom, rne, dec="", ls="C2", place="U1"):
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place,
            "PLACE_PROVIDER": "PR1", "DEC": dec, "REC": "X1" if dec else "", "REASON_PLACE_CHANGE": "",
            "HOME_POST": "", "PL_POST": "", "URN": ""}


def test_monthly_series_say_where_full_history_begins():
    header = [{"CHILD": "K", "SEX": "1", "DOB": "01/01/2015", "ETHNIC": "WBRI", "UPN": "", "MOTHER": "",
               "MB_DOB": ""}]
    loads = [("ssda903", y, {"Header": header, "Episodes": [ep("K", "01/01/2022", "S")]})
             for y in ("2023-24", "2024-25", "2025-26")]
    months = months_between(parse_period("2023-24").start, parse_period("2025-26").end)
    con = build(loads)
    prepare(con, months, [CLA05])
    got = {v.period: v for v in compute(con, CLA05)}
    # CLA05 asks what was open 30 months before each month's last day. 30 September 2025 looks at 30 March 2023,
    # before the first 903 loaded (1 April 2023); 31 October 2025 looks at 30 April 2023: full history from 2025-10.
    assert full_history_from(CLA05, months, loaded_years(con)) == "2025-10"
    assert got["2025-09"].history == "incomplete" and got["2025-10"].history == "complete"
    assert "history begins 1 April 2023" in got["2025-09"].history_note
    # The child (in the same placement since 2022) counts in every month, complete or not; only complete ones
    # are compared with England.
    assert got["2025-09"].value == 1.0 and got["2025-09"].comparison is None
    assert got["2025-10"].comparison == "similar"  # 1 of 1: Wilson 20.7% to 100% holds England's 69%
    # The trend chart marks it too.
    spec = trend_spec(CLA05, list(got.values()))
    assert spec["title"].endswith("; full history from 2025-10")
