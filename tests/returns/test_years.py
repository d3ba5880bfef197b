"""CollectionYear: the one place a collection year is parsed, labelled and shifted."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clearsight.returns.years import CollectionYear


def test_parse_and_label():
    y = CollectionYear.parse("2024-25")
    assert y.ending == 2025 and y.label == "2024-25" and str(y) == "2024-25"
    assert y.first_day == date(2024, 4, 1) and y.last_day == date(2025, 3, 31)
    assert y.reference_date == date(2025, 3, 31) and y.start_year == 2024


def test_century_boundary():
    y = CollectionYear.parse("2099-00")
    assert y.ending == 2100 and y.label == "2099-00" and y.previous.label == "2098-99"


@pytest.mark.parametrize("bad", ["2024-26", "2024/25", "24-25", "2024-2025", "", "abcd-ef", "2024-5"])
def test_bad_forms_name_the_form(bad):
    with pytest.raises(ValueError, match="should look like 2024-25"):
        CollectionYear.parse(bad)


def test_shifts_and_spans():
    y = CollectionYear.parse("2024-25")
    assert y.previous.label == "2023-24" and y.next.label == "2025-26" and y.shift(-3).label == "2021-22"
    assert [str(x) for x in CollectionYear.span("2023-24", "2025-26")] == ["2023-24", "2024-25", "2025-26"]
    assert CollectionYear.span("2025-26", "2023-24") == []
    assert [str(x) for x in y.back(2)] == ["2024-25", "2023-24"]


def test_containing():
    assert CollectionYear.containing(date(2024, 4, 1)).label == "2024-25"
    assert CollectionYear.containing(date(2024, 3, 31)).label == "2023-24"
    assert date(2025, 3, 31) in CollectionYear.parse("2024-25")
    assert date(2025, 4, 1) not in CollectionYear.parse("2024-25")


@given(st.integers(min_value=1901, max_value=9999))
def test_label_round_trips(ending):
    y = CollectionYear(ending)
    assert CollectionYear.parse(y.label) == y
    assert CollectionYear.containing(y.first_day) == y == CollectionYear.containing(y.last_day)
