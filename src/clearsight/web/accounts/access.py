"""Child-level access: the role check, the stated reason, and the access-log row."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from clearsight.web import roles
from clearsight.web.accounts.models import AccessLog

REASONS = [
    ("casework", "Case work for the child or children"),
    ("quality", "Quality assurance or case audit"),
    ("data", "Checking or correcting data"),
    ("inspection", "Preparing for inspection"),
    ("performance", "Performance management"),
    ("other", "Other (say what)"),
]
REASON_LABELS = dict(REASONS)
SESSION_KEY = "access_reason"


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def stated_reason(request) -> str | None:
    """The reason given with this request (then remembered for the session) or earlier in the session."""
    code = request.GET.get("reason") or request.POST.get("reason")
    if code in REASON_LABELS:
        detail = (request.GET.get("reason_detail") or request.POST.get("reason_detail") or "").strip()[:400]
        if code == "other" and not detail:
            return None
        text = REASON_LABELS[code] + (f": {detail}" if detail else "")
        request.session[SESSION_KEY] = text
        return text
    return request.session.get(SESSION_KEY)


def log_access(request, action: str, subject: str = "", *, child_id: str = "", rows: int | None = None,
               outcome: str = "shown", reason: str | None = None) -> AccessLog:
    user = request.user
    return AccessLog.objects.create(
        user=user if user.is_authenticated else None, username=getattr(user, "username", ""),
        role=getattr(user, "role", ""), action=action, subject=subject[:255], child_id=child_id[:64],
        path=request.get_full_path()[:512], reason=(reason if reason is not None else stated_reason(request) or "")[:512],
        outcome=outcome, rows=rows, ip=client_ip(request))


def log_unavailable(request, why: str) -> None:
    """Log a child-level page refused for a reason other than the person's role (``why``, e.g. the warehouse
    was busy) as a refusal, like any other access to it; other pages are not logged."""
    match = getattr(request, "resolver_match", None)
    view = getattr(match, "func", None)
    if not getattr(view, "child_level", False):
        return
    log_access(request, view.child_level_action, why, child_id=str(match.kwargs.get("child_id", "")),
               outcome="refused", reason=getattr(request, "access_reason", ""))


def refuse(request, action: str, subject: str = "", child_id: str = "") -> None:
    """Log a refused child-level request, then raise 403."""
    log_access(request, action, subject, child_id=child_id, outcome="refused", reason="")
    raise PermissionDenied


def child_level(action: str, permission: str = "child_level"):
    """A view that shows children: needs ``permission``, then a stated reason; the view logs what it showed."""
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not roles.can(request.user, permission):
                refuse(request, action, child_id=str(kwargs.get("child_id", "")))
            reason = stated_reason(request)
            if reason is None:
                return render(request, "accounts/reason.html", {
                    "reasons": REASONS, "action": action, "params": [
                        (k, v) for k, v in request.GET.items() if k not in ("reason", "reason_detail")],
                    "error": "Say why you need to see this" if "reason" in request.GET else ""})
            request.access_reason = reason
            return view(request, *args, **kwargs)
        wrapper.child_level = True
        wrapper.child_level_action = action
        return wrapper
    return decorate


def require(permission: str):
    """A view for roles with ``permission``; anyone else gets 403 and no data."""
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not roles.can(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return wrapper
    return decorate
