"""Uploading returns: several files at once, loaded and validated by the worker, findings browsable and exported."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clearsight.web import data
from clearsight.web.accounts.models import AccessLog
from clearsight.web.uploads.models import Upload
from clearsight.web.worker import run_pending


def _files(folder):
    return [SimpleUploadedFile(p.name, p.read_bytes(), content_type="text/csv") for p in sorted(folder.iterdir())]


def test_an_analyst_uploads_a_return_and_browses_its_findings(sign_in, council_files, writable_data):
    client = sign_in("analyst")
    version_before = data.version()
    folder = council_files / "2025-26" / "ssda903"
    response = client.post("/uploads/", {"return_code": "ssda903", "year": "2025-26", "files": _files(folder)})
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert upload.status == Upload.QUEUED and len(upload.file_names) == len(list(folder.iterdir()))
    waiting = client.get(f"/uploads/{upload.id}/progress/", HTTP_HX_REQUEST="true")
    assert b"hx-trigger" in waiting.content and "HX-Refresh" not in waiting

    assert run_pending() == 1
    upload.refresh_from_db()
    assert upload.status == Upload.DONE, upload.problems
    assert upload.new_load and upload.load_id and upload.rules_run > 100
    assert upload.findings_count > 0 and upload.children_count > 0
    assert data.version() != version_before  # the new load was published
    assert len(list(data.cache_dir(data.version()).iterdir())) >= 2  # its figures were worked out before publishing
    done = client.get(f"/uploads/{upload.id}/progress/", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"

    page = client.get(f"/uploads/{upload.id}/").content.decode()
    assert "Findings by rule" in page and "Download the findings as Excel" in page
    first = upload.findings.filter(kind="rule").exclude(child="").first()
    by_rule = client.get(f"/uploads/{upload.id}/findings/?rule={first.rule}&reason=data").content.decode()
    assert first.child in by_rule
    by_child = client.get(f"/uploads/{upload.id}/findings/?view=children").content.decode()
    assert first.child in by_child
    only_child = client.get(f"/uploads/{upload.id}/findings/?child={first.child}").content.decode()
    assert "finding" in only_child and first.rule in only_child
    export = client.get(f"/uploads/{upload.id}/findings.xlsx")
    assert export.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content)), read_only=True)
    assert book.sheetnames[0] == "Summary"
    actions = list(AccessLog.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["validation findings"] * 3 + ["validation findings export"]


def test_the_same_files_again_change_nothing(sign_in, council_files, writable_data):
    client = sign_in("analyst")
    xml = council_files / "2025-26" / "cin_census.xml"
    client.post("/uploads/", {"return_code": "cin", "year": "2025-26",
                              "files": [SimpleUploadedFile(xml.name, xml.read_bytes())]})
    before = data.version()
    run_pending()
    upload = Upload.objects.get()
    assert upload.status == Upload.DONE and not upload.new_load
    assert data.version() == before
    assert b"already loaded" in client.get(f"/uploads/{upload.id}/").content


def test_an_unreadable_file_fails_clearly_and_loads_nothing(sign_in, writable_data):
    client = sign_in("analyst")
    before = data.version()
    bad = SimpleUploadedFile("cin.xml", b"<Message><Header></Message>", content_type="text/xml")
    client.post("/uploads/", {"return_code": "cin", "year": "2025-26", "files": [bad]})
    run_pending()
    upload = Upload.objects.get()
    assert upload.status == Upload.FAILED
    assert upload.problems and "cin.xml" in upload.problems[0]
    assert data.version() == before
    page = client.get(f"/uploads/{upload.id}/").content.decode()
    assert "could not be loaded; nothing was changed" in page and "cin.xml" in page


@pytest.mark.parametrize("post,message", [
    ({"return_code": "", "year": "2025-26"}, "Choose which return"),
    ({"return_code": "cin", "year": "2025-27"}, "Choose the collection year"),
    ({"return_code": "cin", "year": "2025-26"}, "Choose the return&#x27;s files"),
])
def test_the_upload_form_says_what_is_missing(sign_in, post, message):
    response = sign_in("analyst").post("/uploads/", post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Upload.objects.exists()


def test_files_other_than_csv_or_xml_are_refused(sign_in):
    response = sign_in("analyst").post("/uploads/", {"return_code": "cms", "year": "2025-26",
                                                      "files": [SimpleUploadedFile("notes.docx", b"x")]})
    assert response.status_code == 400 and "notes.docx is not a .csv or .xml file" in response.content.decode()


def test_only_analysts_may_upload(sign_in):
    response = sign_in("qa_auditor").post("/uploads/", {"return_code": "cin", "year": "2025-26"})
    assert response.status_code == 403


def test_an_upload_left_running_by_a_stopped_worker_is_marked_failed(db, writable_data):
    from clearsight.web.worker import recover_interrupted

    stuck = Upload.objects.create(return_code="cin", year="2025-26", status=Upload.RUNNING)
    recover_interrupted()
    stuck.refresh_from_db()
    assert stuck.status == Upload.FAILED and "Upload the files again" in stuck.problems[0]


@pytest.mark.parametrize("names,message", [
    (["a.xml", "b.xml"], "this return is one XML file"),
    (["header.csv"], "this return is one XML file"),
])
def test_a_census_is_one_xml_file(tmp_path, names, message):
    from clearsight.returns.problems import UnreadableFile
    from clearsight.web.worker import input_path

    for n in names:
        (tmp_path / n).write_text("x")
    with pytest.raises(UnreadableFile, match=message):
        input_path("cin", tmp_path)


def test_a_903_is_its_csv_files_or_one_xml_file(tmp_path):
    from clearsight.returns.problems import UnreadableFile
    from clearsight.web.worker import input_path

    (tmp_path / "header.csv").write_text("x")
    assert input_path("ssda903", tmp_path) == tmp_path
    (tmp_path / "903.xml").write_text("x")
    with pytest.raises(UnreadableFile, match="mixes XML and CSV"):
        input_path("ssda903", tmp_path)


def test_one_progress_bar_runs_through_every_stage(db):
    from clearsight.web.worker import UploadProgress

    job = Upload.objects.create(return_code="cin", year="2025-26")
    progress = UploadProgress(job)
    seen = []
    for stage, done, total in (("preparing", 0, 0), ("hashing", 1, 1), ("reading", 50, 100), ("reading", 100, 100),
                               ("checking against the DfE rules", 0, 0), ("working out the measures", 0, 0)):
        progress(stage, done, total, force=True)
        job.refresh_from_db()
        seen.append(job.percent)
    assert seen == sorted(seen) and seen[0] == 0 and 30 < seen[2] < 50 and seen[-1] == 90
