"""Spec tests for the CIN Header rule."""

from clearsight.rules.cin.header import R100
from clearsight.rules.testing import flagged


def test_100_reference_date_is_31_march_of_the_collection_year():
    ok = {"Header": [{"Collection": "CIN", "Year": "2025", "ReferenceDate": "2025-03-31"}]}
    assert flagged(R100, "2024-25", ok) == set()
    # Right for the file's own Year, wrong for the collection being validated.
    assert flagged(R100, "2025-26", ok) == {("Header", 0, None)}
    for bad in ("2025-03-30", "", "2025-02-30"):
        assert flagged(R100, "2024-25", {"Header": [{"Year": "2025", "ReferenceDate": bad}]}) == {("Header", 0, None)}
