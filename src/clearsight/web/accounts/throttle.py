"""Sign-in throttling: too many failures for one user name, or from one address, locks sign-in for a while.

Failures are kept in the app database, so every server process sees the same count.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from clearsight.web.accounts.models import SignInFailure


def _window_start():
    return timezone.now() - timedelta(seconds=settings.CLEARSIGHT_LOGIN_WINDOW_SECONDS)


def locked_out(username: str, ip: str | None) -> bool:
    since = _window_start()
    limit = settings.CLEARSIGHT_LOGIN_MAX_FAILURES
    by_name = SignInFailure.objects.filter(at__gte=since, username__iexact=username).count()
    by_ip = SignInFailure.objects.filter(at__gte=since, ip=ip).count() if ip else 0
    # An address may try a few more user names than one name may be tried (people mistype names).
    return by_name >= limit or by_ip >= limit * 4


def record_failure(username: str, ip: str | None) -> None:
    SignInFailure.objects.create(username=username[:150], ip=ip)
    SignInFailure.objects.filter(at__lt=_window_start() - timedelta(days=1)).delete()


def clear(username: str, ip: str | None) -> None:
    SignInFailure.objects.filter(Q(username__iexact=username)).delete()
