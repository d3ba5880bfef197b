"""Children in need: referrals, re-referrals, assessments and children in need (CIN census)."""

from clearsight.measures.definition import Lookback, Measure
from clearsight.measures.defs.sql import PEOPLE, children_open_at_end, in_period, share

# One row per referral received in a period.
_REFERRALS = f"""
    SELECT p.period, r.child_id, r.referral_date AS dim_day, r.*
    FROM {in_period("hist_cin_referrals", "r", "referral_date")}
"""

CIN01 = Measure(
    id="CIN01", name="Referrals to children's social care",
    definition="The number of referrals received in the period (a referral is a request for social care "
               "services for a child not already in need).",
    unit="count", higher_is_better=None, population="Referrals received in the period",
    numerator="Referrals received", denominator="",
    sql=f"SELECT period, 1 AS num, NULL AS den, child_id, dim_day FROM ({_REFERRALS})",
    dimensions=PEOPLE, needs=("cin",))

CIN02 = Measure(
    id="CIN02", name="Re-referrals within 12 months",
    lookback=Lookback("12 MONTH", "re-referrals look back 12 months before each referral"),
    definition="Of the referrals received in the period, the share made within 12 months of a previous "
               "referral of the same child.",
    unit="proportion", higher_is_better=False, population="Referrals received in the period",
    numerator="Referrals with a previous referral of the child in the 12 months before",
    denominator="All referrals received in the period",
    sql=f"""
        SELECT x.period, CASE WHEN EXISTS (
                   SELECT 1 FROM hist_cin_referrals prior WHERE prior.child_id = x.child_id
                   AND prior.referral_date < x.referral_date
                   AND prior.referral_date >= x.referral_date - INTERVAL 12 MONTH) THEN 1 ELSE 0 END AS num,
               1 AS den, x.child_id, x.dim_day
        FROM ({_REFERRALS}) x""",
    dimensions=PEOPLE, needs=("cin",))

CIN03 = Measure(
    id="CIN03", name="Referrals resulting in no further action",
    definition="Of the referrals received in the period, the share marked no further action.",
    unit="proportion", higher_is_better=None, population="Referrals received in the period",
    numerator="Referrals with ReferralNFA true", denominator="All referrals received in the period",
    sql=share("referral_nfa", _REFERRALS),
    dimensions=PEOPLE, needs=("cin",))

CIN04 = Measure(
    id="CIN04", name="Referrals where the child was assessed as not in need",
    definition="Of the referrals received in the period, the share closed after an assessment found the child "
               "not to be in need (reason for closure RC8).",
    unit="proportion", higher_is_better=None, population="Referrals received in the period",
    numerator="Referrals closed with RC8", denominator="All referrals received in the period",
    sql=share("reason_for_closure = 'RC8'", _REFERRALS),
    dimensions=PEOPLE, needs=("cin",))

# An assessment is completed when it is authorised; its duration runs from the referral date.
_ASSESSMENTS_COMPLETED = f"""
    SELECT p.period, a.child_id, a.authorisation_date AS dim_day,
           working_days(r.referral_date, a.authorisation_date) AS wd
    FROM {in_period("hist_cin_assessments", "a", "authorisation_date")}
    JOIN current_cin_referrals r ON r.load_id = a.load_id AND r.row_no = a.referral_row
"""

CIN05 = Measure(
    id="CIN05", name="Assessments completed within 45 working days",
    definition="Of the assessments completed (authorised) in the period, the share completed within 45 working "
               "days of the referral.",
    unit="proportion", higher_is_better=True, population="Assessments completed in the period",
    numerator="Assessments authorised within 45 working days of the referral date",
    denominator="Assessments authorised in the period",
    sql=share("wd <= 45", _ASSESSMENTS_COMPLETED),
    dimensions=PEOPLE, needs=("cin",))

CIN06 = Measure(
    id="CIN06", name="Median assessment duration",
    definition="The middle value of the working days from referral to the assessment being authorised, "
               "over assessments completed in the period.",
    unit="days", higher_is_better=False, population="Assessments completed in the period",
    numerator="Working days from referral to authorisation", denominator="",
    sql=f"SELECT period, wd AS num, 1 AS den, child_id, dim_day FROM ({_ASSESSMENTS_COMPLETED}) WHERE wd IS NOT NULL",
    dimensions=PEOPLE, needs=("cin",), aggregate="median")

CIN07 = Measure(
    id="CIN07", name="Children in need at the end of the period",
    definition="The number of children with a CIN episode open on the last day of the period, per 10,000 "
               "children aged 0-17.",
    unit="rate_per_10000", higher_is_better=None, population="Children aged 0-17",
    numerator="Children with an open CIN episode on the last day", denominator="0-17 population",
    sql=children_open_at_end("hist_cin_referrals", "r", "referral_date", "closure_date"),
    dimensions=PEOPLE, needs=("cin",))

MEASURES = [CIN01, CIN02, CIN03, CIN04, CIN05, CIN06, CIN07]
