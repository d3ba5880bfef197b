from pathlib import Path

from clearsight.rules.docs import catalogue_doc, differences_doc

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"


def test_rule_docs_are_generated_from_the_definitions():
    for rc in ("ssda903", "cin"):
        assert (DOCS / f"{rc}.md").read_text() == catalogue_doc(rc), "run: python -m clearsight.rules.docs"
        assert (DOCS / f"{rc}-differences.md").read_text() == differences_doc(rc), "run: python -m clearsight.rules.docs"


def test_every_rule_has_a_spec_test_naming_it():
    from clearsight.rules.validate import rules_for

    tests = "".join(p.read_text() for p in (DOCS.parents[1] / "tests" / "rules").rglob("test_*.py")).lower()

    def named(code: str) -> bool:
        base = code.lower().removesuffix("stg1").removesuffix("stg2")
        return any(f"{prefix}{base}" in tests for prefix in ("r", '"', "_", " "))

    missing = [r.code for rc in ("ssda903", "cin") for r in rules_for(rc) if not named(r.code)]
    assert not missing, f"rules without a spec test: {missing}"


def test_cross_doc_names_the_file_of_every_check():
    import re

    from clearsight.rules.discover import source_files

    text = (DOCS / "cross.md").read_text()
    missing = [code for code, path in source_files("cross").items()
               if not re.search(rf"^\| {code} \|.*{re.escape(path)}", text, re.M)]
    assert not missing, f"docs/rules/cross.md does not name the file of: {missing}"
