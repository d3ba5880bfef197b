"""Spec tests for the CIN Assessments rules."""

from clearsight.rules.cin.assessments import (
    R1103,
    R8608,
    R8614,
    R8670Q,
    R8696,
    R8736,
    R8863Q,
    R8869,
    R8873Q,
    R8896,
    R8897Q,
    R8898,
    R8945Q,
    R8950Q,
)
from clearsight.rules.cin.testing import census, child, referral
from clearsight.rules.testing import flagged

Y = "2024-25"


def assess(*rows, **referral_fields):
    """One child, one episode, these assessments."""
    return census(child("A", referrals=[referral(**referral_fields, assessments=list(rows))]))


def rows_of(result, table="Assessments"):
    return {row for t, row, _c in result if t == table}


def test_1103_assessment_not_before_referral():
    tables = assess({"AssessmentActualStartDate": "2024-05-01"}, {"AssessmentActualStartDate": "2024-04-30"}, {},
                    CINreferralDate="2024-05-01")
    assert flagged(R1103, Y, tables) == {("Assessments", 1, "A"), ("CINdetails", 0, "A")}


def test_8608_start_not_after_authorisation():
    rows = [{"AssessmentActualStartDate": "2024-05-01", "AssessmentAuthorisationDate": "2024-05-01"},
            {"AssessmentActualStartDate": "2024-05-02", "AssessmentAuthorisationDate": "2024-05-01"},
            {"AssessmentActualStartDate": "2024-05-02"}]
    assert rows_of(flagged(R8608, Y, assess(*rows))) == {1}


def test_8614_factors_only_on_completed_assessments():
    rows = [{"AssessmentAuthorisationDate": "2024-05-01", "AssessmentFactors": ["1A"]},
            {"AssessmentFactors": ["1A"]}, {}]
    assert rows_of(flagged(R8614, Y, assess(*rows))) == {1}


def test_8670Q_open_assessment_older_than_45_working_days():
    # 45 working days before Monday 31 March 2025 is Monday 27 January 2025.
    rows = [{"AssessmentActualStartDate": "2025-01-27"}, {"AssessmentActualStartDate": "2025-01-24"},
            {"AssessmentActualStartDate": "2024-06-01", "AssessmentAuthorisationDate": "2024-07-01"}]
    assert rows_of(flagged(R8670Q, Y, assess(*rows))) == {1}
    # 2023-24 ends on Sunday 31 March 2024; Good Friday 29 March is not a working day: 45 working days back is
    # Friday 26 January 2024.
    rows = [{"AssessmentActualStartDate": "2024-01-26"}, {"AssessmentActualStartDate": "2024-01-25"}]
    assert rows_of(flagged(R8670Q, "2023-24", assess(*rows))) == {1}


def test_8696_authorisation_within_the_census_year():
    dates = ["2024-04-01", "2025-03-31", "2024-03-31", "2025-04-01"]
    assert rows_of(flagged(R8696, Y, assess(*[{"AssessmentAuthorisationDate": d} for d in dates], {}))) == {2, 3}


def test_8736_open_assessment_started_within_the_census_year():
    rows = [{"AssessmentActualStartDate": "2024-04-01"}, {"AssessmentActualStartDate": "2024-03-31"},
            {"AssessmentActualStartDate": "2024-03-31", "AssessmentAuthorisationDate": "2024-04-10"}, {}]
    assert rows_of(flagged(R8736, Y, assess(*rows))) == {1, 3}


def test_8863Q_assessments_in_an_episode_do_not_overlap():
    rows = [{"AssessmentActualStartDate": "2024-05-01", "AssessmentAuthorisationDate": "2024-06-01"},
            {"AssessmentActualStartDate": "2024-06-01", "AssessmentAuthorisationDate": "2024-07-01"},  # on the end day
            {"AssessmentActualStartDate": "2024-08-01"}]
    assert rows_of(flagged(R8863Q, Y, assess(*rows))) == {0, 1}
    # Different episodes may overlap.
    tables = census(child("A", referrals=[referral(assessments=[{"AssessmentActualStartDate": "2024-05-01"}]),
                                          referral(assessments=[{"AssessmentActualStartDate": "2024-06-01"}])]))
    assert flagged(R8863Q, Y, tables) == set()


def test_8869_factor_21_stands_alone():
    rows = [{"AssessmentFactors": ["21"]}, {"AssessmentFactors": ["21", "1A"]}, {"AssessmentFactors": ["1A", "2B"]}]
    assert rows_of(flagged(R8869, Y, assess(*rows))) == {1}


def test_8873Q_only_assessment_found_nothing_so_closed_after_assessment():
    done = {"AssessmentAuthorisationDate": "2024-05-01", "AssessmentFactors": ["21"]}
    tables = census(child("A", referrals=[
        referral(ReasonForClosure="RC1", assessments=[done]),
        referral(ReasonForClosure="RC8", assessments=[done]),
        referral(ReasonForClosure="RC1", assessments=[done, {"AssessmentFactors": ["1A"]}]),   # two assessments
        referral(assessments=[done]),                                                          # still open
    ]))
    assert flagged(R8873Q, Y, tables) == {("Assessments", 0, "A"), ("CINdetails", 0, "A"),
                                          ("Assessments", 4, "A"), ("CINdetails", 3, "A")}


def test_8896_one_open_assessment_per_episode():
    rows = [{}, {}, {"AssessmentAuthorisationDate": "2024-05-01"}]
    assert rows_of(flagged(R8896, Y, assess(*rows))) == {0, 1}
    assert flagged(R8896, Y, assess(*rows[1:])) == set()


def test_8897Q_completed_assessment_needs_valid_factors():
    done = {"AssessmentAuthorisationDate": "2024-05-01"}
    rows = [{**done, "AssessmentFactors": ["1A", "21"]}, done, {**done, "AssessmentFactors": ["99Z"]},
            {"AssessmentAuthorisationDate": "2024-03-31"}, {}]
    assert rows_of(flagged(R8897Q, Y, assess(*rows))) == {1, 2}


def test_8898_factor_not_repeated():
    rows = [{"AssessmentFactors": ["1A", "2B"]}, {"AssessmentFactors": ["1A", "2B", "1A"]}]
    assert rows_of(flagged(R8898, Y, assess(*rows))) == {1}


def test_8945Q_and_8950Q_retired_factor_codes():
    rows = [{"AssessmentFactors": ["18A"]}, {"AssessmentFactors": ["18B", "19A"]}, {"AssessmentFactors": ["19C"]}]
    assert rows_of(flagged(R8945Q, Y, assess(*rows))) == {0}
    assert rows_of(flagged(R8950Q, Y, assess(*rows))) == {1}
