"""The background worker: loads uploaded returns one at a time through the load pipeline.

DuckDB allows one writer, and web requests read the warehouse read-only, so a load never writes to the file
the pages read. The pipeline (``clearsight.pipeline``, the same one ``clearsight load`` uses) takes the
warehouse's writer lock, loads and checks the files in a staging copy, and judges the publish gate; the worker
keeps the findings on the upload, works out the dashboards' figures for the copy, and the pipeline publishes it:
the new load becomes visible in one step (current, or held for review), and a failure leaves the warehouse as
it was (see ``clearsight.warehouse.publish``).

Run it on its own with ``python -m clearsight.web.worker`` (server mode); ``clearsight serve`` runs one in
a thread beside the web server.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import duckdb

from clearsight import config
from clearsight.returns.problems import UnreadableFile
from clearsight.warehouse import catalog, publish

log = logging.getLogger("clearsight.web.worker")
BATCH = 2000


def uploads_dir() -> Path:
    return config.data_dir() / "uploads"


def upload_files_dir(upload_id: int) -> Path:
    return uploads_dir() / str(upload_id) / "files"


def findings_xlsx_path(upload_id: int) -> Path:
    return uploads_dir() / str(upload_id) / "findings.xlsx"


def input_path(return_code: str, folder: Path) -> Path:
    """What to load from an upload's files: the folder of CSVs, or its one XML file."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    xml = [p for p in files if p.suffix.lower() == ".xml"]
    csv = [p for p in files if p.suffix.lower() == ".csv"]
    from clearsight.returns import registry
    from clearsight.returns.problems import Problem

    if not registry.get(return_code).accepts_folder:
        if len(xml) != 1 or len(files) != 1:
            raise UnreadableFile(Problem(", ".join(p.name for p in files) or "(no files)",
                                         "this return is one XML file", expected="exactly one .xml file"))
        return xml[0]
    if xml and (csv or len(xml) > 1):
        raise UnreadableFile(Problem(", ".join(p.name for p in files), "mixes XML and CSV files, or several XML files",
                                     expected="either the return's CSV files or its one XML file"))
    if xml:
        return xml[0]
    if not csv:
        raise UnreadableFile(Problem(", ".join(p.name for p in files) or "(no files)", "holds no .csv or .xml file",
                                     expected=f"the {return_code} CSV files"))
    return folder


# Where each stage of a load sits in the whole, so one progress bar runs from start to end.
PHASES = {"preparing": (0.0, 0.02), "hashing": (0.02, 0.05), "reading": (0.05, 0.70),
          "checking against the DfE rules": (0.70, 0.90), "working out the measures": (0.90, 0.99)}


class UploadProgress:
    """Writes the upload's overall progress (percent) and stage to its row, at most a few times a second."""

    def __init__(self, job):
        self.job = job
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 0.3:
            return
        self.last = now
        start, end = PHASES.get(stage, PHASES["reading"])
        share = min(1.0, done / total) if total else 0.0
        self.job.stage, self.job.done, self.job.total = stage[:128], round(100 * (start + (end - start) * share)), 100
        self.job.save(update_fields=["stage", "done", "total"])


def run_job(job) -> None:
    """Load, check and publish (or hold) one upload through the pipeline (``clearsight.pipeline``), keeping its
    findings and the publish gate's decision on the upload."""
    from clearsight import pipeline
    from clearsight.web import data

    progress = UploadProgress(job)
    progress("preparing", 0, 0, force=True)
    path = input_path(job.return_code, upload_files_dir(job.id))
    who = job.uploaded_by.username if job.uploaded_by else "web"

    def keep_findings(con: duckdb.DuckDBPyConnection, outcome) -> None:
        job.load_id, job.new_load, job.rows = outcome.load.load_id, outcome.load.created, outcome.load.rows
        _keep(job, con, outcome)

    def work_out_figures(staging: Path) -> None:
        progress("working out the measures", 0, 0, force=True)
        ver = publish.version_of(staging)
        agg = data.cached("aggregates", data.compute_aggregates, ver, staging)
        if agg["years"]:
            data.team_breakdowns(agg["years"][-1], staging, ver)

    outcome = pipeline.load(path, job.return_code, job.year, loaded_by=who, progress=progress,
                            after_check=keep_findings, before_publish=work_out_figures)
    job.load_status = outcome.status
    job.held_reasons = list(outcome.reasons) if outcome.held else []
    job.preview = outcome.preview.as_dict() if outcome.held and outcome.preview else {}


def _keep(job, con: duckdb.DuckDBPyConnection, outcome) -> None:
    """The load's findings (the file checks', then the DfE rules', as the pipeline kept them in the warehouse) as
    the upload's findings, and the rules' Excel export."""
    from clearsight.reports.validation import findings_xlsx
    from clearsight.returns import registry
    from clearsight.rules.definition import catalogue
    from clearsight.web.uploads.models import Finding

    job.findings.all().delete()
    found = catalog.load_findings(con, job.load_id)
    types = {code: e.type for code, e in catalogue(job.return_code).items()} if registry.get(job.return_code).rules else {}
    batch = []
    for f in found:
        if f.origin == "rule":
            batch.append(Finding(upload=job, kind="rule", rule=f.rule, type=types.get(f.rule, "error"),
                                 child=f.child_id or "", table=f.table_name or "", row=f.row_no,
                                 fields=(f.field or "")[:255], message=f.message or ""))
        else:
            batch.append(Finding(upload=job, kind="file", rule=f.rule, type="error", file=f.file or "", line=f.line,
                                 table=f.table_name or "", row=f.row_no, child=f.child_id or "", fields=f.field or "",
                                 value=(f.value or "")[:255], message=f.message or ""))
    result = outcome.validation
    if result is not None:
        job.rules_run, job.rules_not_run = len(result.rules_run), result.rules_not_run
        findings_xlsx(result, con, registry.get(job.return_code).tables(job.year), findings_xlsx_path(job.id),
                      file_findings=catalog.load_findings_detail(con, job.load_id, catalog.FILE_ORIGINS))
    for i in range(0, len(batch), BATCH):
        Finding.objects.bulk_create(batch[i:i + BATCH])
    job.findings_count = len(batch)
    job.children_count = len({f.child_id for f in found if f.child_id})


def claim_next():
    """Take the oldest waiting upload, marking it running (safe with several workers)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from clearsight.web.uploads.models import Upload

    with transaction.atomic():
        qs = Upload.objects.filter(status=Upload.QUEUED).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        job = qs.first()
        if job is None:
            return None
        job.status, job.started_at, job.stage = Upload.RUNNING, timezone.now(), "waiting for the warehouse"
        job.save(update_fields=["status", "started_at", "stage"])
    return job


def process(job) -> None:
    """Run one claimed upload to its end, recording success or the clear reasons it failed."""
    from django.utils import timezone

    from clearsight.web.uploads.models import Upload

    try:
        run_job(job)  # the pipeline takes the writer lock
        job.status, job.stage = Upload.DONE, "held for review" if job.load_status == "held" else "done"
    except UnreadableFile as exc:
        job.status, job.stage = Upload.FAILED, "could not be read"
        job.problems = [p.describe() for p in exc.problems]
    except (ValueError, KeyError) as exc:
        job.status, job.stage = Upload.FAILED, "could not be loaded"
        job.problems = [str(exc)]
    except Exception:  # noqa: BLE001 - a person gets a clear message; the traceback goes to the log
        log.exception("upload %s failed", job.id)
        job.status, job.stage = Upload.FAILED, "failed"
        job.problems = [f"Clearsight could not load these files because of an internal error (upload {job.id}). "
                        "Nothing was loaded. Your administrator can find the details in the server log."]
    job.finished_at = timezone.now()
    job.save()


def run_pending() -> int:
    """Process every waiting upload now, in this thread; returns how many (tests and one-off runs)."""
    n = 0
    while (job := claim_next()) is not None:
        process(job)
        n += 1
    return n


def recover_interrupted() -> None:
    """Uploads left running by a worker that stopped are marked failed (their staging copy was never published)."""
    from django.utils import timezone

    from clearsight.web.uploads.models import Upload

    with publish.writer_lock(blocking=False) as got:
        if not got:
            return  # another worker is running; its jobs are not stale
        Upload.objects.filter(status=Upload.RUNNING).update(
            status=Upload.FAILED, stage="interrupted", finished_at=timezone.now(),
            problems=["The worker stopped while loading this upload; nothing was loaded. Upload the files again."])


def run_worker(stop: threading.Event | None = None, poll: float = 1.0) -> None:
    """Loop: take the next upload, load it, repeat; sleeps ``poll`` seconds when there is nothing to do."""
    from django.db import close_old_connections

    stop = stop or threading.Event()
    recover_interrupted()
    log.info("worker started; data directory %s", config.data_dir())
    while not stop.is_set():
        close_old_connections()
        try:
            job = claim_next()
        except Exception:  # noqa: BLE001 - e.g. the database restarting: wait and try again
            log.exception("could not read the upload queue")
            job = None
        if job is None:
            stop.wait(poll)
            continue
        process(job)


def start_thread() -> threading.Event:
    """A worker in a daemon thread of this process (for ``clearsight serve``); set the event to stop it."""
    stop = threading.Event()
    threading.Thread(target=run_worker, args=(stop,), name="clearsight-worker", daemon=True).start()
    return stop


if __name__ == "__main__":  # pragma: no cover
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearsight.web.settings")
    django.setup()
    logging.basicConfig(level=logging.INFO)
    run_worker()
