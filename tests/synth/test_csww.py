"""The synthetic workforce census is valid against the CSWW schema and agrees with the extract's staff."""

from pathlib import Path

from lxml import etree

from clearsight.config import REFERENCE_DIR
from clearsight.synth import run_synth


def test_synthetic_csww_is_valid_deterministic_and_counts_caseloads(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        run_synth(out, children=600, years=["2024-25"], seed=3)
    xml_a = (a / "2024-25" / "csww.xml").read_bytes()
    assert xml_a == (b / "2024-25" / "csww.xml").read_bytes()
    schema = etree.XMLSchema(etree.parse(str(REFERENCE_DIR / "csww" / "social_work_workforce_2022.xsd")))
    doc = etree.parse(str(a / "2024-25" / "csww.xml"))
    assert schema.validate(doc), schema.error_log
    assert doc.findtext("Header/CollectionDetails/ReferenceDate") == "2024-09-30"
    workers = doc.findall("CSWWWorker")
    leavers = [w for w in workers if w.find("RoleEndDate") is not None]
    assert leavers and len(leavers) < len(workers)
    cases = sum(int(w.findtext("Cases30") or 0) for w in workers)
    extract_staff = Path(a / "2024-25" / "cms" / "workers.csv").read_text().splitlines()[1:]
    assert cases > 0 and len(extract_staff) >= len(workers) - len(leavers)
