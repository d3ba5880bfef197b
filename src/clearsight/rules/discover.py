"""Collect the rules of a package from its modules, so adding a module is all it takes."""

from __future__ import annotations

import importlib
import pkgutil

from clearsight.rules.definition import Rule


def gather(package: str, path) -> list[Rule]:
    """Every ``RULES`` entry of every module under ``package``, sorted by code; codes must be unique."""
    rules: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        module = importlib.import_module(f"{package}.{info.name}")
        for rule in getattr(module, "RULES", []):
            if rule.code in rules:
                raise ValueError(f"rule {rule.code} is defined twice (again in {module.__name__})")
            rules[rule.code] = rule
    return [rules[c] for c in sorted(rules, key=_code_key)]


def _code_key(code: str) -> tuple:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (0 if digits else 1, int(digits) if digits else 0, code)
