"""Collect the rules of a package from its modules, so adding a module is all it takes."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from clearsight.rules.definition import Rule


def rule_modules(package: str, path) -> list[ModuleType]:
    """Every module under ``package`` (its ``__path__`` is ``path``), by name; those without ``RULES`` add none."""
    return [importlib.import_module(f"{package}.{info.name}")
            for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name)]


def gather(package: str, path) -> list[Rule]:
    """Every ``RULES`` entry of every module under ``package``, sorted by code; codes must be unique."""
    rules: dict[str, Rule] = {}
    for module in rule_modules(package, path):
        for rule in getattr(module, "RULES", []):
            if rule.code in rules:
                raise ValueError(f"rule {rule.code} is defined twice (again in {module.__name__})")
            rules[rule.code] = rule
    return [rules[c] for c in sorted(rules, key=_code_key)]


def source_files(return_code: str) -> dict[str, str]:
    """Each rule code of a return with the file that defines it, relative to the repository.

    The file is the module whose ``RULES`` list holds the rule, e.g. ``src/clearsight/rules/ssda903/placements.py``
    (a rule made by a factory is defined where the factory is called).
    """
    package = importlib.import_module(f"clearsight.rules.{return_code}")
    return {rule.code: "src/" + module.__name__.replace(".", "/") + ".py"
            for module in rule_modules(package.__name__, package.__path__)
            for rule in getattr(module, "RULES", [])}


def _code_key(code: str) -> tuple:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (0 if digits else 1, int(digits) if digits else 0, code)
