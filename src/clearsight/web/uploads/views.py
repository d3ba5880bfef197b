"""Upload returns, watch them load, browse what validation found, and publish or discard a load the publish
gate held for review."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from clearsight import pipeline
from clearsight.returns import registry
from clearsight.returns.years import CollectionYear
from clearsight.warehouse import catalog, publish
from clearsight.web import roles
from clearsight.web.accounts.access import child_level, log_access
from clearsight.web.uploads.models import Upload
from clearsight.web.worker import findings_xlsx_path, upload_files_dir

SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def year_choices() -> list[str]:
    """The collection year now under way and the five before it, newest first."""
    return [y.label for y in CollectionYear.containing(timezone.localdate()).back(6)]


def is_year(text: str) -> bool:
    """Whether ``text`` is a collection year written exactly as ``2025-26``."""
    try:
        return CollectionYear.parse(text).label == text
    except ValueError:
        return False


def _may_list(user) -> bool:
    return any(roles.can(user, p) for p in ("upload_returns", "validation_findings", "publish_loads"))


def _upload_or_404(request, upload_id: int) -> Upload:
    if not _may_list(request.user):
        raise PermissionDenied
    return get_object_or_404(Upload, pk=upload_id)


def upload_list(request):
    if not _may_list(request.user):
        raise PermissionDenied
    errors: dict[str, str] = {}
    values = {"return_code": "", "year": year_choices()[1]}
    if request.method == "POST":
        if not roles.can(request.user, "upload_returns"):
            raise PermissionDenied
        upload, errors, values = _create(request)
        if upload is not None:
            return redirect("uploads:detail", upload.id)
    return render(request, "uploads/list.html", {
        "uploads": Upload.objects.select_related("uploaded_by")[:50], "returns": registry.choices(), "years": year_choices(),
        "errors": errors, "values": values, "may_upload": roles.can(request.user, "upload_returns")},
        status=400 if errors else 200)


def _create(request):
    return_code = request.POST.get("return_code", "")
    year = request.POST.get("year", "")
    files = request.FILES.getlist("files")
    values = {"return_code": return_code, "year": year}
    errors = {}
    if return_code not in registry.codes():
        errors["return_code"] = "Choose which return the files are"
    if not is_year(year):
        errors["year"] = "Choose the collection year, for example 2025-26"
    if not files:
        errors["files"] = "Choose the return's files (for the SSDA903, all its CSV files; otherwise its XML file)"
    names = []
    for f in files:
        name = SAFE_NAME.sub("_", Path(f.name).name).strip() or "file"
        if name in names:
            errors["files"] = f"Two files are called {name}; each file of a return has its own name"
        if Path(name).suffix.lower() not in (".csv", ".xml"):
            errors["files"] = f"{name} is not a .csv or .xml file"
        names.append(name)
    if sum(f.size for f in files) > settings.CLEARSIGHT_MAX_UPLOAD_BYTES:
        errors["files"] = "The files are larger than this server accepts"
    if errors:
        return None, errors, values
    upload = Upload.objects.create(uploaded_by=request.user, return_code=return_code, year=year, file_names=names,
                                   status=Upload.QUEUED, stage="saving the files")
    folder = upload_files_dir(upload.id)
    folder.mkdir(parents=True, exist_ok=True)
    for f, name in zip(files, names, strict=True):
        with open(folder / name, "wb") as out:
            for chunk in f.chunks():
                out.write(chunk)
    Upload.objects.filter(pk=upload.id).update(stage="waiting to be loaded")
    return upload, {}, values


def _summary(upload: Upload) -> list[dict]:
    """One row per rule (and one for the file checks): findings, children, and the DfE message."""
    rows = (upload.findings.values("kind", "rule", "type")
            .annotate(n=Count("id"), children=Count("child", distinct=True), message=Max("message"))
            .order_by("kind", "type", "rule"))
    out = [{**r, "message": r["message"] if r["kind"] == "rule" else _file_message(upload, r["rule"])} for r in rows]
    out.sort(key=lambda r: ({"error": 0, "query": 1}.get(r["type"], 2), -r["n"], r["rule"]))
    return out


def _file_message(upload: Upload, rule: str) -> str:
    first = upload.findings.filter(kind="file", rule=rule).values_list("message", flat=True).first()
    return "Values that break the return's specification" + (f", for example: {first}" if first else "")


def _live_status(upload: Upload) -> None:
    """The load's status as the warehouse has it now (someone may have decided with ``clearsight publish``)."""
    if upload.status != Upload.DONE or not upload.load_id:
        return
    try:
        with publish.reading() as con:
            status = catalog.load_status(con, upload.load_id)
    except (publish.NoWarehouse, publish.WarehouseBusy):
        return
    if status and status != upload.load_status:
        Upload.objects.filter(load_id=upload.load_id, status=Upload.DONE).update(load_status=status)
        upload.load_status = status


def _preview(upload: Upload) -> dict | None:
    """The held load's preview, ready to show: findings, rows, stage counts and headline measures."""
    if not upload.preview:
        return None
    p = pipeline.Preview.from_dict(upload.preview)
    return {"p": p, "findings": p.findings_total, "what": "children" if p.by_child else "records",
            "measures": [{"m": m, "before": pipeline.shown(m.before, m.unit), "after": pipeline.shown(m.after, m.unit),
                          "interval": (f"{pipeline.shown(m.lower, m.unit)} to {pipeline.shown(m.upper, m.unit)}"
                                       if m.lower is not None else "")} for m in p.measures]}


def upload_detail(request, upload_id: int, *, error: str = "", reason: str = "", status: int = 200):
    upload = _upload_or_404(request, upload_id)
    _live_status(upload)
    return render(request, "uploads/detail.html", {
        "upload": upload, "summary": _summary(upload) if upload.status == Upload.DONE else [],
        "not_run": sorted(upload.rules_not_run.items()),
        "may_see_findings": roles.can(request.user, "validation_findings"),
        "may_decide": roles.can(request.user, "publish_loads") and upload.held,
        "preview": _preview(upload) if upload.held else None, "error": error, "reason": reason}, status=status)


def _decide(request, upload_id: int, decision: str):
    """Publish or discard a held upload's load, with the reason given (logged with who and when)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not roles.can(request.user, "publish_loads"):
        raise PermissionDenied
    upload = get_object_or_404(Upload, pk=upload_id)
    if upload.status != Upload.DONE or not upload.load_id:
        raise Http404("this upload made no load")
    reason = request.POST.get("reason", "").strip()[:1000]
    if not reason:
        return upload_detail(request, upload_id, error="Say why (it is kept with your name in the log of decisions)",
                             status=400)
    decide = pipeline.publish_load if decision == "publish" else pipeline.discard_load
    try:
        decided = decide(upload.load_id, reason, by=request.user.username, wait=30)
    except publish.LockTimeout as exc:
        return upload_detail(request, upload_id, reason=reason, status=409, error=(
            f"The warehouse is busy with {publish.describe_holder(exc.holder)}; try again when it has finished"))
    except (LookupError, ValueError) as exc:
        return upload_detail(request, upload_id, reason=reason, error=str(exc), status=400)
    Upload.objects.filter(load_id=upload.load_id, status=Upload.DONE).update(load_status=decided.status)
    return redirect("uploads:detail", upload.id)


def publish_upload(request, upload_id: int):
    return _decide(request, upload_id, "publish")


def discard_upload(request, upload_id: int):
    return _decide(request, upload_id, "discard")


def upload_progress(request, upload_id: int):
    upload = _upload_or_404(request, upload_id)
    response = render(request, "uploads/progress.html", {"upload": upload})
    if upload.finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@child_level("validation findings", permission="validation_findings")
def findings(request, upload_id: int):
    upload = get_object_or_404(Upload, pk=upload_id)
    view = request.GET.get("view", "findings")
    qs = upload.findings.all()
    rule, child, kind = request.GET.get("rule", ""), request.GET.get("child", "").strip(), request.GET.get("type", "")
    if rule:
        qs = qs.filter(rule=rule)
    if child:
        qs = qs.filter(child=child)
    if kind in ("error", "query", "internal"):
        qs = qs.filter(type=kind)
    if view == "children":
        grouped = (qs.exclude(child="").values("child").annotate(n=Count("id")).order_by("-n", "child"))
        page = Paginator(grouped, 100).get_page(request.GET.get("page"))
        rules_by_child: dict[str, Counter] = {}
        for c, r in qs.filter(child__in=[g["child"] for g in page]).values_list("child", "rule"):
            rules_by_child.setdefault(c, Counter())[r] += 1
        rows = [{"child": g["child"], "n": g["n"], "rules": ", ".join(sorted(rules_by_child.get(g["child"], {})))}
                for g in page]
        shown = len(rows)
    else:
        page = Paginator(qs, 100).get_page(request.GET.get("page"))
        rows = list(page)
        shown = len({f.child for f in rows if f.child})
    subject = f"upload {upload.id} ({upload.return_code} {upload.year})" + (f", rule {rule}" if rule else "")
    log_access(request, "validation findings", subject, child_id=child, rows=shown, reason=request.access_reason)
    query = request.GET.copy()
    query.pop("page", None)
    rules = list(upload.findings.values_list("rule", flat=True).distinct().order_by("rule"))
    return render(request, "uploads/findings.html", {
        "upload": upload, "page": page, "rows": rows, "view": view, "rules": rules, "rule": rule, "child": child,
        "type": kind, "query": query.urlencode()})


@child_level("validation findings export", permission="validation_findings")
def findings_export(request, upload_id: int):
    upload = get_object_or_404(Upload, pk=upload_id)
    path = findings_xlsx_path(upload.id)
    if not path.exists():
        raise Http404("This upload has no Excel export (only the SSDA903 and CIN census are checked against rules)")
    log_access(request, "validation findings export", f"upload {upload.id} ({upload.return_code} {upload.year})",
               rows=upload.children_count, reason=request.access_reason)
    name = f"validation-{upload.return_code}-{upload.year}-upload-{upload.id}.xlsx"
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
