"""Every page needs a signed-in person, except sign-in itself and static files; sessions have a hard limit."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

OPEN_PREFIXES = ("/static/", "/sign-in/", "/healthz")
SIGNED_IN_AT = "signed_in_at"


class SignInRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OPEN_PREFIXES):
            if not request.user.is_authenticated:
                return redirect(f"{reverse('accounts:login')}?next={request.path}")
            started = request.session.get(SIGNED_IN_AT)
            if started is None or time.time() - started > settings.CLEARSIGHT_SESSION_MAX_SECONDS:
                logout(request)
                return redirect(f"{reverse('accounts:login')}?expired=1")
        return self.get_response(request)
