"""``clearsight serve``, ``clearsight createuser`` and the demo's sign-in, for the command line to call."""

from __future__ import annotations

import os
import secrets
import sys

DEMO_USERNAME = "demo-analyst"


def setup() -> None:
    """Configure Django for Clearsight and bring the app database's tables up to date."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearsight.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app on the embedded default (SQLite and the DuckDB warehouse in the data directory), with a
    background worker for uploads, until interrupted. Server mode uses gunicorn instead (docs/deploy.md)."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    setup()
    from django.core.wsgi import get_wsgi_application

    from clearsight import config
    from clearsight.web.worker import start_thread

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True
        allow_reuse_address = True

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            sys.stderr.write(f"{self.log_date_time_string()} {format % args}\n")

    stop = start_thread()
    httpd = make_server(host, port, get_wsgi_application(), server_class=Server, handler_class=QuietHandler)
    shown_host = f"[{host}]" if ":" in host else host
    print(f"Clearsight is at http://{shown_host}:{port}/  (data: {config.data_dir()}; Ctrl+C stops it)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        httpd.server_close()


def createuser(username: str, role: str, password: str | None = None, teams: list[str] | None = None) -> str:
    """Create (or update) a user with a role; returns the password (a new random one when none is given)."""
    setup()
    from django.contrib.auth import password_validation

    from clearsight.web import roles
    from clearsight.web.accounts.models import User

    try:
        roles.Role(role)
    except ValueError:
        raise ValueError(f"role must be one of {', '.join(r.value for r in roles.Role)}, not {role!r}") from None
    if password is None:
        password = secrets.token_urlsafe(12)
    user = User.objects.filter(username=username).first() or User(username=username)
    password_validation.validate_password(password, user)
    user.role = role
    if teams is not None:
        user.teams = teams
    user.is_active = True
    user.set_password(password)
    user.save()
    return password


def demo_login() -> tuple[str, str]:
    """Create or reset the demo analyst account with a new one-time password; returns (username, password)."""
    password = secrets.token_urlsafe(12)
    createuser(DEMO_USERNAME, "analyst", password)
    return DEMO_USERNAME, password


def serve_demo(host: str = "127.0.0.1", port: int = 8000) -> None:
    """The end of ``clearsight demo``: reset the demo analyst, print the one-time sign-in, and serve."""
    username, password = demo_login()
    shown_host = f"[{host}]" if ":" in host else host
    print(f"Sign in at http://{shown_host}:{port}/ as {username} with the one-time password {password}", flush=True)
    serve(host, port)
