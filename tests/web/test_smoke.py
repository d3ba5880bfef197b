"""Pages before anything is loaded, the first upload into an empty data directory, and unknown pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clearsight.web import data
from clearsight.web.uploads.models import Upload
from clearsight.web.worker import run_pending


def test_home_shows_the_headline_measures(sign_in):
    page = sign_in("analyst").get("/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Re-referrals within 12 months" in text and "England" in text


def test_before_anything_is_loaded_the_pages_say_so(sign_in, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", str(tmp_path / "empty"))
    client = sign_in("analyst")
    for url in ("/", "/measures/", "/measures/CIN02/", "/teams/"):
        page = client.get(url)
        assert page.status_code == 200 and b"Nothing is loaded yet" in page.content, url
        assert b"Upload a return" in page.content


def test_the_first_upload_makes_the_warehouse(sign_in, council_files, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", str(tmp_path / "fresh"))
    client = sign_in("analyst")
    xml = council_files / "2025-26" / "cin_census.xml"
    client.post("/uploads/", {"return_code": "cin", "year": "2025-26",
                              "files": [SimpleUploadedFile(xml.name, xml.read_bytes())]})
    run_pending()
    assert Upload.objects.get().status == Upload.DONE
    assert data.version() is not None
    assert b"Re-referrals within 12 months" in client.get("/").content


def test_an_unknown_measure_is_not_found(sign_in):
    page = sign_in("analyst").get("/measures/NOPE99/")
    assert page.status_code == 404 and b"Page not found" in page.content


@pytest.mark.slow
def test_every_measure_page_and_chart_renders(sign_in):
    client = sign_in("analyst")
    for mid, m in data.measures().items():
        page = client.get(f"/measures/{mid}/")
        assert page.status_code == 200, mid
        for by in [d for d in m.dimensions if d not in ("team", "worker")][:1]:
            assert client.get(f"/measures/{mid}/?by={by}").status_code == 200, (mid, by)
        for chart in ("trend", "sparkline", "funnel"):
            assert client.get(f"/measures/{mid}/{chart}.svg").status_code in (200, 404), (mid, chart)
    for team in list(data.teams())[:2]:
        assert client.get(f"/teams/{team}/").status_code == 200


def test_a_warehouse_another_program_is_writing_gives_a_clear_503(sign_in, writable_data):
    import duckdb

    client = sign_in("analyst")
    writer = duckdb.connect(str(writable_data / "warehouse.duckdb"))  # what `clearsight load` holds
    try:
        import subprocess
        import sys

        # DuckDB's lock is per process: read from another process, as a second server process would.
        code = ("import os, django; os.environ['DJANGO_SETTINGS_MODULE']='clearsight.web.settings'; django.setup();"
                "from clearsight.web import data\n"
                "try:\n    data.aggregates()\nexcept data.WarehouseBusy as e:\n    print('busy:', e)")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert "busy: another program is writing to the warehouse" in out.stdout, out.stderr[-2000:]
    finally:
        writer.close()
    assert client.get("/").status_code == 200


def test_each_warehouse_version_is_read_through_its_own_path(writable_data):
    ver, path = data.current()
    assert path != writable_data / "warehouse.duckdb" and data.version_of(path) == ver
    assert data.current() == (ver, path)
