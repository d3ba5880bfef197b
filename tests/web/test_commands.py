"""`clearsight serve`, `clearsight createuser` and the demo's one-time sign-in."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.contrib.auth import authenticate

from clearsight.web.commands import DEMO_USERNAME, createuser, demo_login


def test_createuser_makes_a_user_with_a_role(db):
    password = createuser("tm1", "team_manager", "a-long-enough-passphrase", teams=["T01"])
    user = authenticate(username="tm1", password=password)
    assert user is not None and user.role == "team_manager" and user.teams == ["T01"]
    assert user.password.startswith("argon2$")


def test_createuser_makes_up_a_password_and_refuses_unknown_roles(db):
    password = createuser("lead1", "leader")
    assert len(password) >= 12 and authenticate(username="lead1", password=password) is not None
    with pytest.raises(ValueError, match="role must be one of"):
        createuser("x", "superuser", "a-long-enough-passphrase")


def test_demo_login_resets_the_demo_analyst(db):
    name, first = demo_login()
    again_name, second = demo_login()
    assert name == again_name == DEMO_USERNAME and first != second
    assert authenticate(username=name, password=first) is None
    user = authenticate(username=name, password=second)
    assert user is not None and user.role == "analyst"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_serve_starts_the_app_on_the_embedded_default(writable_data):
    port = _free_port()
    env = {**os.environ, "CLEARSIGHT_DATA_DIR": str(writable_data)}
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([sys.executable, "-c", f"from clearsight.web.commands import serve; serve('127.0.0.1', {port})"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.read() == b"ok"
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise AssertionError(proc.stdout.read() if proc.poll() is not None else "serve did not start") from None
                time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=5) as r:
            assert b"Sign in to Clearsight" in r.read()
        assert (writable_data / "app.sqlite3").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
