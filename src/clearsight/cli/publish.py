"""``clearsight publish`` and ``clearsight discard``: deciding on a load the publish gate held for review."""

from __future__ import annotations

from typing import Annotated

import typer

from clearsight.cli.common import bad_input, console
from clearsight.cli.load import WAIT_HELP, line, preview_screen, say_waiting, waiting
from clearsight.reports.output import Report, write

REASON_HELP = "Why (kept in the log of decisions with who and when)"


def publish(
    load_id: Annotated[int, typer.Argument(help="The held load (clearsight loads lists them)")],
    reason: Annotated[str, typer.Option("--reason", help=REASON_HELP)],
    wait: Annotated[float, typer.Option("--wait", help=WAIT_HELP)] = 600,
) -> None:
    """Publish a load held for review: it becomes the current data for its return and year."""
    from clearsight import config, pipeline
    from clearsight.warehouse.publish import NoWarehouse, WarehouseBusy

    try:
        before = pipeline.preview(load_id, config.warehouse_path())  # what it changes, as judged when held
    except (NoWarehouse, WarehouseBusy):
        before = None  # the decision below says what is wrong
    with bad_input(LookupError, ValueError), waiting(wait, "nothing was published"):
        decided = pipeline.publish_load(load_id, reason, wait=wait, on_wait=say_waiting)
    screen = [line(f"published load {decided.load_id} ({decided.return_code} {decided.year}); "
                   f"it was {decided.was}")]
    if decided.current == decided.load_id:
        screen.append(line(f"it is now the current {decided.return_code} load for {decided.year}"))
        screen += preview_screen(before)
    elif decided.current is not None:
        screen.append(line(f"load {decided.current}, newer, stays the current {decided.return_code} load "
                           f"for {decided.year}"))
    write(Report(screen=screen), "table", console=console)


def discard(
    load_id: Annotated[int, typer.Argument(help="The held load (clearsight loads lists them)")],
    reason: Annotated[str, typer.Option("--reason", help=REASON_HELP)],
    wait: Annotated[float, typer.Option("--wait", help=WAIT_HELP)] = 600,
) -> None:
    """Discard a load held for review: it is never published (the same files loaded again load anew)."""
    from clearsight import pipeline

    with bad_input(LookupError, ValueError), waiting(wait, "nothing was discarded"):
        decided = pipeline.discard_load(load_id, reason, wait=wait, on_wait=say_waiting)
    current = (f"load {decided.current} stays" if decided.current is not None else "there is no")
    write(Report(screen=[line(f"discarded load {decided.load_id} ({decided.return_code} {decided.year}); "
                              f"{current} current {decided.return_code} load for {decided.year}")]),
          "table", console=console)
