"""Pages that belong to no app."""

from django.http import HttpResponse


def healthz(request):
    """For a load balancer or monitor: the app answers (no sign-in needed, nothing disclosed)."""
    return HttpResponse("ok", content_type="text/plain")
