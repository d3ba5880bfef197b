"""Sign in and out, the users list, and the access-log search."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from clearsight.web.accounts import throttle
from clearsight.web.accounts.access import client_ip, require
from clearsight.web.accounts.forms import AccessLogSearchForm, NewUserForm, SignInForm
from clearsight.web.accounts.middleware import SIGNED_IN_AT
from clearsight.web.accounts.models import AccessLog, User


def sign_in(request):
    form = SignInForm(request.POST or None)
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip()
        ip = client_ip(request)
        if throttle.locked_out(username, ip):
            error = "Too many failed attempts to sign in. Wait 15 minutes, then try again."
            status = 429
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                throttle.record_failure(username, ip)
                error = "The user name or password is not right"
                status = 401
            else:
                throttle.clear(username, ip)
                login(request, user)
                request.session[SIGNED_IN_AT] = time.time()
                target = request.POST.get("next") or request.GET.get("next") or "/"
                if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                    target = "/"
                return redirect(target)
    elif request.method == "POST":
        error = "Enter your user name and password"
        status = 400
    return render(request, "accounts/sign_in.html", {
        "form": form, "error": error, "next": request.GET.get("next", ""),
        "expired": "expired" in request.GET}, status=status)


@require_POST
def sign_out(request):
    logout(request)
    return redirect("accounts:login")


@require("manage_users")
def users(request):
    form = NewUserForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        created = User.objects.create_user(d["username"], password=d["password"], role=d["role"], teams=d["teams"])
        form = NewUserForm()
    return render(request, "accounts/users.html", {
        "users": User.objects.order_by("username"), "form": form, "created": created})


@require("manage_users")
@require_POST
def user_active(request, user_id: int):
    """Switch a user's access off (a leaver) or back on; nobody can switch off their own."""
    user = get_object_or_404(User, pk=user_id)
    if user.pk == request.user.pk:
        messages.error(request, "You cannot switch off your own access")
    else:
        user.is_active = request.POST.get("active") == "1"
        user.save(update_fields=["is_active"])
        if not user.is_active:
            _end_sessions(user)
        messages.success(request, f"{user.username} can {'now' if user.is_active else 'no longer'} sign in")
    return redirect("accounts:users")


def _end_sessions(user) -> None:
    from django.contrib.sessions.models import Session

    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


@require("access_log")
def access_log(request):
    form = AccessLogSearchForm(request.GET or None)
    rows = AccessLog.objects.all()
    if form.is_valid():
        d = form.cleaned_data
        if d["username"]:
            rows = rows.filter(username__icontains=d["username"].strip())
        if d["child_id"]:
            rows = rows.filter(child_id=d["child_id"].strip())
        if d["action"]:
            rows = rows.filter(action__icontains=d["action"].strip())
        if d["since"]:
            rows = rows.filter(at__date__gte=d["since"])
        if d["until"]:
            rows = rows.filter(at__date__lte=d["until"])
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/access_log.html", {"form": form, "page": page, "query": query.urlencode()})
