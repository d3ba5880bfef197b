"""The architecture of docs/architecture.md, enforced: import contracts, public names, absolute imports."""

from __future__ import annotations

import ast
import os
from pathlib import Path

from importlinter.cli import lint_imports

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "clearsight"


def test_import_contracts_hold():
    """pyproject.toml's [tool.importlinter] contracts: the flow of data, and who may import whom."""
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        assert lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True, no_logo=True) == 0, \
            "an import contract is broken; the report above names the import (see docs/architecture.md)"
    finally:
        os.chdir(cwd)


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom):
            yield node


def test_no_module_imports_a_private_name_from_another():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        for node in _imports(path):
            if node.module and node.module.split(".")[0] == "clearsight":
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        offenders.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.module}.{alias.name}")
    assert not offenders, "make the shared name public instead:\n" + "\n".join(offenders)


def test_imports_are_absolute():
    offenders = [f"{path.relative_to(REPO)}:{node.lineno}" for path in sorted(SRC.rglob("*.py"))
                 for node in _imports(path) if node.level]
    assert not offenders, "use `from clearsight.x import y`:\n" + "\n".join(offenders)
