from pathlib import Path

from clearsight.warehouse.docs import render


def test_data_model_doc_is_generated_from_the_specs():
    doc = Path(__file__).resolve().parents[2] / "docs" / "data-model.md"
    assert doc.read_text() == render(), "run: python -m clearsight.warehouse.docs > docs/data-model.md"
