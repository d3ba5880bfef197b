"""What every command group shares: the consoles, the progress bar, the years option and bad input as exit code 2."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from clearsight.returns.problems import UnreadableFile
from clearsight.returns.years import CollectionYear

console = Console()  # what a command says (standard output)
err = Console(stderr=True)  # what went wrong, and progress (standard error)

DEFAULT_YEARS = "2023-24..2025-26"  # the --years of synth


def progress() -> Progress:
    """A progress bar on standard error, shown only on a terminal and cleared when done."""
    return Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def parse_years(spec: str) -> list[str]:
    """``2023-24..2025-26`` or ``2023-24,2024-25`` → the list of collection years."""
    if ".." in spec:
        first, last = spec.split("..", 1)
        a, b = CollectionYear.parse(first.strip()), CollectionYear.parse(last.strip())
        if b < a:
            raise typer.BadParameter(f"{spec}: the last year comes before the first")
        return [y.label for y in CollectionYear.span(a, b)]
    return [CollectionYear.parse(s.strip()).label for s in spec.split(",") if s.strip()]


def stop(message: str) -> NoReturn:
    """Bad input: say so in red on standard error and exit with code 2."""
    err.print(f"[red]{message}[/]")
    raise typer.Exit(2)


def fail_unreadable(exc: UnreadableFile) -> NoReturn:
    """An input that could not be read: list its problems and exit with code 2."""
    err.print("[bold red]Could not read the input; nothing was loaded.[/]")
    for p in exc.problems:
        err.print(f"  [red]✗[/] {p.describe()}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


@contextmanager
def bad_input(*errors: type[Exception], unreadable: bool = False) -> Iterator[None]:
    """Turn the given exceptions into exit code 2 with their message (and, if ``unreadable``, an
    :class:`UnreadableFile` into the list of its problems)."""
    try:
        yield
    except UnreadableFile as exc:
        if not unreadable:
            raise
        fail_unreadable(exc)
    except errors as exc:
        stop(str(exc))
