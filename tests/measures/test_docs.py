from pathlib import Path

from clearsight.measures.docs import render
from clearsight.measures.registry import all_measures, measure_files


def test_measures_doc_is_generated_from_the_definitions():
    doc = Path(__file__).resolve().parents[2] / "docs" / "measures.md"
    assert doc.read_text() == render(), "run: python -m clearsight.measures.docs > docs/measures.md"


def test_every_measure_has_a_spec_test():
    tests = "".join(p.read_text() for p in Path(__file__).parent.glob("test_*.py"))
    missing = [mid for mid in all_measures() if mid not in tests]
    assert not missing, f"measures without a spec test: {missing}"


def test_every_measure_names_the_file_defining_it():
    root = Path(__file__).resolve().parents[2]
    for mid, path in measure_files().items():
        assert f'"{mid}"' in (root / path).read_text(), f"{mid} is not defined in {path}"
