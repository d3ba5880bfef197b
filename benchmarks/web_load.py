"""Load test of the web app: signed-in users browsing dashboards and measure pages, against gunicorn on PostgreSQL.

Usage: .venv/bin/python benchmarks/web_load.py [--users 20] [--seconds 60] [--think 1.0] [--children 20000]
       [--database-url postgresql://postgres@127.0.0.1:5432/clearsight_bench] [--workers 4] [--threads 4]

A county (three collection years) is synthesised once under benchmarks/out/ and loaded into a fresh data
directory; the app database is the PostgreSQL database named (made if missing, its tables reset). Gunicorn
serves the app on a free loopback port. After one warm-up pass over every page, each user signs in and
browses (home, measures, measure pages, charts, teams) with a random pause of mean ``--think`` seconds
between pages, until the time is up. Prints p50/p95/p99 response times and errors. Target: p95 < 250 ms.
Only 127.0.0.1 is ever contacted, and the run stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from common import OUT, synthesise

YEARS = "2023-24..2025-26"
TARGET_P95_MS = 250.0
PASSWORD = "benchmark-passphrase-2024"
ROLES = ["analyst", "leader", "team_manager", "qa_auditor", "leader"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_data(children: int) -> Path:
    """A data directory holding a loaded county (the loaded warehouse is kept for later runs)."""
    from clearsight.warehouse import catalog
    from clearsight.warehouse.load import connect, load_return

    council = synthesise(children, 1, YEARS)
    kept = OUT / f"web-warehouse-{children}.duckdb"
    if not kept.exists():
        print(f"loading the county into {kept} ...", flush=True)
        tmp = kept.with_suffix(".loading")
        tmp.unlink(missing_ok=True)
        for year in sorted(p.name for p in council.iterdir() if p.is_dir()):
            for path, ret in (("ssda903", "ssda903"), ("cin_census.xml", "cin"), ("cms", "cms"), ("csww.xml", "csww")):
                if (council / year / path).exists():
                    load_return(council / year / path, ret, year, db_path=tmp, loaded_by="benchmark")
        con = connect(tmp)
        catalog.set_council_settings(con, {"population_0_17": 300000, "la_code": "E10000016",
                                           "la_name": "Synthetic county"})
        con.close()
        tmp.rename(kept)
    data = Path(tempfile.mkdtemp(prefix="cs-web-bench-"))
    shutil.copyfile(kept, data / "warehouse.duckdb")
    return data


def prepare_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as con:
        if con.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            con.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("DROP SCHEMA public CASCADE")
        con.execute("CREATE SCHEMA public")


def setup_app(env: dict, users: int) -> dict:
    """Migrate, make the users, and return what the browsing needs (measures, teams, years)."""
    script = f"""
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from clearsight.web.accounts.models import User
from clearsight.web import data
teams = sorted(data.teams())
roles = {ROLES!r}
for i in range({users}):
    role = roles[i % len(roles)]
    User.objects.create_user(f"bench{{i}}", password={PASSWORD!r}, role=role,
                             teams=teams[:2] if role == "team_manager" else [])
agg = data.aggregates()
print(json.dumps({{"measures": list(data.measures()), "teams": teams, "years": agg["years"]}}))
"""
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"setting up the app failed:\n{out.stderr[-3000:]}")
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


class Browser:
    """One user's keep-alive connection with its cookies."""

    def __init__(self, port: int):
        self.port = port
        self.con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for attempt in range(2):
            try:
                self.con.request(method, path, body=body, headers=headers)
                response = self.con.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.con.close()
                self.con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def sign_in(self, username: str) -> None:
        _status, page = self.request("GET", "/sign-in/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        status, _ = self.request("POST", "/sign-in/", urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}))
        if status != 302:
            raise RuntimeError(f"sign-in of {username} failed: {status}")


def pages(facts: dict, rng: random.Random) -> tuple[str, str]:
    """A page a person might open next: (kind, path)."""
    m = rng.choice(facts["measures"])
    year = rng.choice(facts["years"])
    team = rng.choice(facts["teams"]) if facts["teams"] else None
    choices = [("home", "/", 4), ("measures", f"/measures/?period={year}", 2), ("measure", f"/measures/{m}/", 4),
               ("measure", f"/measures/{m}/?period={year}", 2), ("chart", f"/measures/{m}/trend.svg", 2),
               ("chart", f"/measures/{m}/sparkline.svg", 2), ("chart", "/measures/CIN02/funnel.svg", 1),
               ("teams", "/teams/", 1)]
    if team:
        choices.append(("team", f"/teams/{team}/", 1))
    kinds = [(k, p) for k, p, w in choices for _ in range(w)]
    return rng.choice(kinds)


def browse(port: int, username: str, facts: dict, deadline: float, think: float, seed: int, results: list) -> None:
    rng = random.Random(seed)
    b = Browser(port)
    b.sign_in(username)
    while time.monotonic() < deadline:
        kind, path = pages(facts, rng)
        started = time.perf_counter()
        try:
            status, _ = b.request("GET", path)
        except Exception as exc:  # noqa: BLE001 - counted as an error
            status = f"{type(exc).__name__}"
        ms = (time.perf_counter() - started) * 1000
        # 403 is right for a page a role may not see (e.g. a team manager on another team); 404 for a chart
        # of a measure with no values. Neither is an error of the server.
        results.append((kind, path, status, ms))
        if think:
            time.sleep(min(rng.expovariate(1 / think), think * 5, max(0.0, deadline - time.monotonic())))


def warm_up(port: int, facts: dict) -> None:
    """Visit every page once as an analyst, so the figures and charts are worked out before timing."""
    b = Browser(port)
    b.sign_in("bench0")
    paths = ["/", "/measures/", "/teams/"] + [f"/teams/{t}/" for t in facts["teams"]]
    for year in facts["years"]:
        paths += [f"/?period={year}", f"/measures/?period={year}"]
    for m in facts["measures"]:
        paths += [f"/measures/{m}/", f"/measures/{m}/trend.svg", f"/measures/{m}/sparkline.svg"]
        paths += [f"/measures/{m}/?period={y}" for y in facts["years"]]
    paths += ["/measures/CIN02/funnel.svg"]
    started = time.perf_counter()
    for p in paths:
        b.request("GET", p)
    print(f"warm-up: {len(paths)} pages in {time.perf_counter() - started:.1f} s", flush=True)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 10) - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--think", type=float, default=1.0, help="mean pause between pages, seconds (0: none)")
    ap.add_argument("--children", type=int, default=20000)
    ap.add_argument("--database-url", default=os.environ.get(
        "CLEARSIGHT_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/clearsight_bench"))
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--threads", type=int, default=4)
    args = ap.parse_args()

    data = prepare_data(args.children)
    prepare_database(args.database_url)
    env = {**os.environ, "CLEARSIGHT_DATA_DIR": str(data), "DATABASE_URL": args.database_url,
           "DJANGO_SETTINGS_MODULE": "clearsight.web.settings", "CLEARSIGHT_SECRET_KEY": "benchmark-" + "x" * 40}
    facts = setup_app(env, args.users)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "clearsight.web.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--threads", str(args.threads), "--worker-class", "gthread",
         "--timeout", "120", "--log-level", "warning"], env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("gunicorn did not start")
                time.sleep(0.2)
        warm_up(port, facts)
        results: list = []
        end = time.monotonic() + args.seconds
        threads = [threading.Thread(target=browse, args=(port, f"bench{i}", facts, end, args.think, i, results))
                   for i in range(args.users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 120)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data, ignore_errors=True)

    ok = [r for r in results if r[2] in (200, 403, 404)]
    errors = [r for r in results if r not in ok]
    times = [r[3] for r in ok]
    print()
    print(f"{args.users} users, {args.seconds:.0f} s, think {args.think:g} s, gunicorn {args.workers}×{args.threads} "
          f"on PostgreSQL, county of {args.children:,} children")
    print(f"{'pages':<10}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for kind in sorted({r[0] for r in ok}) + ["all"]:
        ts = [r[3] for r in ok if kind in ("all", r[0])]
        print(f"{kind:<10}{len(ts):>9}{percentile(ts, 50):>9.0f}{percentile(ts, 95):>9.0f}{percentile(ts, 99):>9.0f}"
              f"{max(ts):>9.0f}")
    print(f"throughput {len(results) / args.seconds:.1f} requests/s; errors {len(errors)}")
    for _kind, path, status, _ms in errors[:10]:
        print(f"  error: {status} {path}")
    p95 = percentile(times, 95)
    print(f"p95 {p95:.0f} ms: target < {TARGET_P95_MS:.0f} ms {'met' if p95 < TARGET_P95_MS and not errors else 'MISSED'}")


if __name__ == "__main__":
    main()
