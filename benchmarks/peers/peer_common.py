"""Pieces both peer runners use (run with the peers' own interpreter, beside run_903.py and run_cin.py)."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from typing import Any


class RunnerError(Exception):
    """Bad arguments or input: reported as the run's JSON ``error``."""


def collection_year_ending(year: str) -> str:
    """``2024-25`` (or ``2025``) → ``"2025"``, the year of the closing 31 March that the peers want."""
    year = year.strip()
    if len(year) == 4 and year.isdigit():
        return year
    start, _, end = year.partition("-")
    if not (len(start) == 4 and start.isdigit() and len(end) == 2 and end.isdigit()):
        raise RunnerError(f"--year must look like 2024-25, not {year!r}")
    if (int(start) + 1) % 100 != int(end):
        raise RunnerError(f"--year {year!r}: the second year must follow the first")
    return str(int(start) + 1)


def timed_registry(registry: dict[str, Any], seconds: dict[str, float],
                   failures: dict[str, str]) -> dict[str, Any]:
    """The same rules, each wrapped to record its run time and the error it raised (re-raised)."""

    def wrap(code: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                failures[code] = f"{type(exc).__name__}: {exc}"
                raise
            finally:
                seconds[code] = time.perf_counter() - start

        return run

    return {code: dataclasses.replace(rule, func=wrap(str(code), rule.func))
            for code, rule in registry.items()}


def fail_json(out: Any, tool: str, year: str, message: str) -> int:
    """Print the error as the run's one JSON object, so a caller always has JSON to read."""
    json.dump({"tool": tool, "year": year, "error": message}, out)
    out.write("\n")
    return 1
