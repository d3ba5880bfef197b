"""The web app's downloads are safe to open in a spreadsheet: a formula someone typed into an uploaded return is
text in the findings workbook, and the measure CSV is written through the same rule (its ordinary values as
they were)."""

from __future__ import annotations

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from clearsight.reports.output import spreadsheet_safe
from clearsight.web.uploads.models import Upload
from clearsight.web.worker import run_pending

CALC = "=cmd|' /C calc'!A0"  # OWASP's example of CSV injection


def _rows(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _with_a_formula_child(folder) -> list[SimpleUploadedFile]:
    """The 903 files of the folder, the first child's id replaced by a formula in every table."""
    header = _rows(folder / "header.csv")
    child = header[1][[h.upper() for h in header[0]].index("CHILD")]
    files = []
    for path in sorted(folder.iterdir()):
        rows = _rows(path)
        at = [h.upper() for h in rows[0]].index("CHILD")
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(
            [rows[0], *([*r[:at], CALC, *r[at + 1:]] if r[at] == child else r for r in rows[1:])])
        files.append(SimpleUploadedFile(path.name, buf.getvalue().encode(), content_type="text/csv"))
    return files


def test_a_formula_in_an_uploaded_return_is_text_in_the_findings_workbook(sign_in, council_files, writable_data):
    client = sign_in("analyst")
    files = _with_a_formula_child(council_files / "2025-26" / "ssda903")
    response = client.post("/uploads/", {"return_code": "ssda903", "year": "2025-26", "files": files})
    assert response.status_code == 302
    assert run_pending() == 1
    upload = Upload.objects.get()
    assert upload.status == Upload.DONE, upload.problems
    export = client.get(f"/uploads/{upload.id}/findings.xlsx?reason=quality")
    assert export.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    cells = [c for ws in book for row in ws.iter_rows() for c in row]
    assert cells and all(c.data_type != "f" for c in cells)
    header = [[c.value for c in row] for row in book["Header"].iter_rows()]
    assert ["'" + CALC] == [r[1] for r in header if r[1] == "'" + CALC]  # the child's row, its id readable


def test_the_measure_csv_keeps_its_ordinary_values(sign_in):
    text = sign_in("analyst").get("/measures/CIN02/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:4] == ["measure", "name", "period", "group"] and len(rows) > 2
    assert all(spreadsheet_safe(cell) == cell for row in rows for cell in row)  # nothing needed quoting
    assert not any(cell.startswith("'") for row in rows for cell in row)
