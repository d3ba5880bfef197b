"""``clearsight serve`` and ``clearsight createuser``: the web app and its accounts."""

from __future__ import annotations

from typing import Annotated

import typer

from clearsight.cli.common import bad_input, console, stop


def serve_cmd(
    host: Annotated[str, typer.Option(help="Address to serve on (keep 127.0.0.1 unless behind a proxy)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Serve the web app on the embedded default (SQLite and the DuckDB warehouse in the data directory)."""
    serve_or_stop(host, port)


def serve_or_stop(host: str, port: int) -> None:
    """Serve the web app until stopped; a port that cannot be used is exit code 2 with a hint."""
    from clearsight.web.commands import serve

    try:
        serve(host, port)
    except OSError as exc:
        stop(f"Cannot serve on {host}:{port}: {exc.strerror or exc}. Is something else using the port? Try --port.")


def createuser_cmd(
    username: Annotated[str, typer.Argument(help="The new user's sign-in name")],
    role: Annotated[str, typer.Option(help="administrator, analyst, leader, team_manager, qa_auditor, "
                                           "personal_adviser, health_partner or care_leaver")],
    teams: Annotated[str | None, typer.Option(help="Team ids for a team manager, comma-separated")] = None,
) -> None:
    """Create (or reset) a user; prints a new random password once."""
    from clearsight.web.commands import createuser

    with bad_input(ValueError):
        password = createuser(username, role, None, [t.strip() for t in teams.split(",")] if teams else None)
    console.print(f"User {username} ({role}) created. Password, shown once: [bold]{password}[/]", highlight=False)
