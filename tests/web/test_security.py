"""Sign-in, throttling, CSRF, sessions, passwords and headers."""

from __future__ import annotations

import re
import time

from django.test import Client

from clearsight.web.accounts.middleware import SIGNED_IN_AT
from clearsight.web.accounts.models import SignInFailure, User


def test_pages_need_signing_in(db):
    response = Client().get("/measures/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/?next=/measures/")


def test_passwords_are_hashed_with_argon2(make_user):
    user = make_user("analyst")
    assert User.objects.get(pk=user.pk).password.startswith("argon2$")


def test_sign_in_is_throttled_after_repeated_failures(make_user, client, settings, password):
    user = make_user("analyst")
    for _ in range(settings.CLEARSIGHT_LOGIN_MAX_FAILURES):
        assert client.post("/sign-in/", {"username": user.username, "password": "wrong"}).status_code == 401
    locked = client.post("/sign-in/", {"username": user.username, "password": password})
    assert locked.status_code == 429 and b"Too many failed attempts" in locked.content
    SignInFailure.objects.all().delete()
    assert client.post("/sign-in/", {"username": user.username, "password": password}).status_code == 302


def test_posts_without_the_csrf_token_are_refused(make_user, password):
    user = make_user("analyst")
    client = Client(enforce_csrf_checks=True)
    assert client.post("/sign-in/", {"username": user.username, "password": password}).status_code == 403
    page = client.get("/sign-in/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1).decode()
    ok = client.post("/sign-in/", {"username": user.username, "password": password, "csrfmiddlewaretoken": token})
    assert ok.status_code == 302


def test_sign_out_ends_the_session(sign_in):
    client = sign_in("analyst")
    assert client.get("/sign-out/").status_code == 405
    assert client.post("/sign-out/").status_code == 302
    assert client.get("/").status_code == 302


def test_sessions_end_after_the_hard_limit(sign_in, settings):
    client = sign_in("analyst")
    session = client.session
    session[SIGNED_IN_AT] = time.time() - settings.CLEARSIGHT_SESSION_MAX_SECONDS - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "expired=1" in response["Location"]
    assert client.get("/measures/").status_code == 302


def test_sessions_expire_when_idle_and_with_the_browser(settings):
    assert settings.SESSION_COOKIE_AGE <= 3600 and settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_HTTPONLY


def test_secure_headers_and_a_strict_content_security_policy(sign_in):
    client = sign_in("analyst")
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    svg = client.get("/measures/CIN02/trend.svg")
    assert svg["Content-Type"].startswith("image/svg+xml") and "script-src" not in svg["Content-Security-Policy"]


def test_pages_have_no_inline_scripts_or_styles(sign_in, main_pages):
    client = sign_in("analyst")
    for url in main_pages:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, (url, tag)
        assert re.search(r"<script\b[^>]*>(?!\s*</script>)", html) is None, url
        assert " style=" not in html and "<style" not in html, url
        assert re.search(r"\son[a-z]+=", html) is None, url  # no inline event handlers
        # Nothing loaded from elsewhere: every script, style, image or frame is the app's own. A link a reader may
        # follow (England's figure cites the DfE table it comes from) loads nothing by itself.
        loaded = re.findall(r"<(?:script|link|img|iframe|source|embed|object)\b[^>]*>", html)
        assert not [t for t in loaded if "https://" in t or "http://" in t], url
        assert "https://" not in re.sub(r'<a\b[^>]*href="https://[^"]*"', "", html).replace("https://vega.github.io", ""), url


def test_only_administrators_add_users(sign_in):
    admin = sign_in("administrator")
    response = admin.post("/users/", {"username": "newtm", "role": "team_manager", "teams": "T01, T02",
                                      "password": "another-long-passphrase-7"})
    assert response.status_code == 200 and b"Added newtm" in response.content
    user = User.objects.get(username="newtm")
    assert user.role == "team_manager" and user.teams == ["T01", "T02"] and user.password.startswith("argon2$")
    weak = admin.post("/users/", {"username": "weak", "role": "analyst", "password": "password"})
    assert b"too short" in weak.content or b"too common" in weak.content
    assert not User.objects.filter(username="weak").exists()


def test_the_access_log_is_searchable(sign_in, fixture_facts, make_user):
    analyst = sign_in("analyst")
    analyst.get(f"/children/{fixture_facts['child']}/?reason=casework")
    analyst.post("/sign-out/")
    admin = sign_in("administrator")
    found = admin.get(f"/access-log/?child_id={fixture_facts['child']}").content.decode()
    assert "user-analyst" in found and "Case work" in found and "1 entry" in found
    none = admin.get("/access-log/?username=nobody").content.decode()
    assert "0 entries" in none


def test_an_administrator_switches_a_leaver_off(sign_in, make_user, password, client):
    from django.test import Client

    leaver = make_user("analyst", username="leaver")
    theirs = Client()
    assert theirs.post("/sign-in/", {"username": "leaver", "password": password}).status_code == 302
    assert sign_in("leader").post(f"/users/{leaver.pk}/active/", {"active": "0"}).status_code == 403
    client.post("/sign-out/")
    admin = sign_in("administrator")
    page = admin.post(f"/users/{leaver.pk}/active/", {"active": "0"}, follow=True)
    assert b"leaver can no longer sign in" in page.content
    assert theirs.get("/").status_code == 302  # their session ended
    assert Client().post("/sign-in/", {"username": "leaver", "password": password}).status_code == 401
    me = User.objects.get(username="user-administrator")
    assert b"cannot switch off your own" in admin.post(f"/users/{me.pk}/active/", {"active": "0"}, follow=True).content
    admin.post(f"/users/{leaver.pk}/active/", {"active": "1"})
    assert Client().post("/sign-in/", {"username": "leaver", "password": password}).status_code == 302
