"""``clearsight demo``: synthesise, load, summarise and serve a county (the demo itself is clearsight.demo)."""

from __future__ import annotations

from typing import Annotated

import typer

from clearsight.cli.common import console, progress
from clearsight.cli.web import serve_or_stop


def demo(
    children: Annotated[int, typer.Option(help="Children known to social care in a year")] = 20000,
    seed: Annotated[int, typer.Option()] = 1,
    serve_site: Annotated[bool, typer.Option("--serve/--no-serve", help="End by serving the demo council")] = True,
    host: Annotated[str, typer.Option(help="Address to serve on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on")] = 8000,
) -> None:
    """Synthesise a county for three years, load it, summarise it, and serve it with a one-time demo login."""
    from clearsight.demo import run_demo

    run_demo(children=children, seed=seed, console=console, progress=progress)
    if serve_site:
        from clearsight.web.commands import demo_login

        username, password = demo_login()
        console.print(f"\nSign in as [bold]{username}[/] with the one-time password [bold]{password}[/] "
                      "(synthetic data only; `clearsight createuser` makes real accounts).", highlight=False)
        serve_or_stop(host, port)
