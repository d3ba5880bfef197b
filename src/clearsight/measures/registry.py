"""Every measure definition, gathered from the modules of ``clearsight.measures.defs``."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from clearsight.measures import defs
from clearsight.measures.definition import Measure


@cache
def _discovered() -> dict[str, tuple[Measure, str]]:
    """Each measure id → the measure and the name of the module defining it, in the order of ``_order``."""
    found: dict[str, tuple[Measure, str]] = {}
    for info in sorted(pkgutil.iter_modules(defs.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{defs.__name__}.{info.name}")
        for m in getattr(module, "MEASURES", []):
            if m.id in found:
                raise ValueError(f"measure {m.id} is defined twice")
            found[m.id] = (m, module.__name__)
    return dict(sorted(found.items(), key=lambda kv: _order(kv[0])))


@cache
def all_measures() -> dict[str, Measure]:
    return {mid: m for mid, (m, _module) in _discovered().items()}


@cache
def measure_files() -> dict[str, str]:
    """Each measure id → the file defining it, relative to the repository (``src/clearsight/measures/defs/cla.py``)."""
    return {mid: "src/" + module.replace(".", "/") + ".py" for mid, (_m, module) in _discovered().items()}


def _order(mid: str) -> tuple:
    order = ["FD", "EH", "CIN", "CP", "CLA", "CL", "AD", "WF", "OF"]
    rank = next((i for i, p in enumerate(order) if mid.startswith(p) and not mid[len(p):len(p) + 1].isalpha()), 99)
    return (rank, mid)


HEADLINE_DEFAULT = ("CIN02", "CIN05", "CP02", "CP05", "CP06", "CLA03", "CLA05", "CLA07", "CL02", "CL03", "WF03", "WF05")
