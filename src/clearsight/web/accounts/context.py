"""The navigation a person sees depends on their role."""

from __future__ import annotations

from django.urls import reverse

from clearsight.web import roles


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [("Home", reverse("dashboards:home"))]
    if roles.can(user, "aggregates"):
        items.append(("Measures", reverse("dashboards:measures")))
    if roles.can(user, "team_breakdowns"):
        items.append(("Teams", reverse("dashboards:teams")))
    if roles.can(user, "upload_returns") or roles.can(user, "validation_findings"):
        items.append(("Returns", reverse("uploads:list")))
    if roles.can(user, "manage_users"):
        items.append(("Users", reverse("accounts:users")))
    if roles.can(user, "access_log"):
        items.append(("Access log", reverse("accounts:access_log")))
    path = request.path
    nav = []
    for label, url in items:
        active = path == url if url == "/" else path.startswith(url)
        nav.append({"label": label, "url": url, "active": active})
    return {"nav_items": nav, "can": {p: roles.can(user, p) for p in roles.PERMISSIONS}}
