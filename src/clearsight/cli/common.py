"""What every command group shares: the consoles, the progress bar, the years option and bad input as exit code 2."""

from __future__ import annotations

import sys
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


def progress() -> Progress | PlainProgress:
    """Progress on standard error: a bar on a terminal (cleared when done), else plain lines as the work goes
    (``loading ssda903 2024-25 (3 of 12)``), so a run logged to a file shows what it is doing."""
    if err.is_terminal:
        return Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                        console=err, transient=True)
    return PlainProgress()


UNSET = object()  # an argument not given


class PlainProgress:
    """What :func:`progress` gives when standard error is not a terminal: the calls of Rich's ``Progress`` that
    the commands use (``add_task``, ``update``, ``advance``), each new step printed as one line with its count
    (``loading cin 2024-25 (5 of 12)``) and elapsed seconds; a step that runs long is said again at most every
    ``every`` seconds."""

    def __init__(self, stream=None, every: float = 10.0, clock=None) -> None:
        import time

        self.stream = stream
        self.every = every
        self.clock = clock or time.monotonic
        self.started = self.clock()
        self.tasks: dict[int, dict] = {}

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def add_task(self, description: str, total: float | None = None, completed: float = 0, **_) -> int:
        task_id = len(self.tasks)
        self.tasks[task_id] = {"description": description, "total": total, "completed": completed,
                               "said": None, "said_at": None}
        self.say(task_id)
        return task_id

    def update(self, task_id: int, *, description: str | None = None, total: float | None | object = UNSET,
               completed: float | None = None, advance: float | None = None, **_) -> None:
        task = self.tasks[task_id]
        if description is not None:
            task["description"] = description
        if total is not UNSET and (total is not None or description is not None):
            task["total"] = total  # a new step given with ``total=None`` has no known total
        if completed is not None:
            task["completed"] = completed
        if advance:
            task["completed"] += advance
        # a new step named without a count is the next one being started ("loading cin 2024-25 (2 of 12)");
        # a step given its count ("Simulating children", 2,000 done) is said with that count
        self.say(task_id, starting=description is not None and completed is None and not advance)

    def advance(self, task_id: int, advance: float = 1) -> None:
        self.update(task_id, advance=advance)

    def say(self, task_id: int, starting: bool = False) -> None:
        task = self.tasks[task_id]
        now = self.clock()
        new_step = task["description"] != task["said"]
        if not new_step and (task["said_at"] is None or now - task["said_at"] < self.every):
            return
        text = task["description"]
        total = task["total"]
        if total:
            step = min(int(task["completed"]) + (1 if starting and task["completed"] < total else 0), int(total))
            text += f" ({step:,} of {int(total):,})"
        line = f"{text}  [{now - self.started:.0f} s]"
        stream = self.stream or sys.stderr
        print(line, file=stream, flush=True)
        task["said"], task["said_at"] = task["description"], now


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
