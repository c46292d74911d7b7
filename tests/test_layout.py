"""The package's shape: imports flow one way, and no module or function outgrows a reader.

Layers, bottom up: ``resources`` and ``text`` (no spaCy), ``stages`` (the spaCy components),
``config``, ``models`` (model names) and ``nlp``, ``batch``, then ``api``, ``eval`` and ``cli``
on top. A module may import its own layer and the ones below, never above. ``analysis``
(tables across articles, built from a run's Parquet files) imports nothing of the package, so
a batch run may call it; ``report`` reads a run's output and sits beside ``eval``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

ALLOWED = {
    "resources": set(),
    "text": {"resources"},
    "stages": {"resources", "text"},
    "config": set(),
    "models": {"config", "resources"},
    "nlp": {"config", "models", "stages"},
    "analysis": set(),
    "batch": {"resources", "text", "stages", "config", "models", "nlp", "analysis", "__init__"},
    "api": {"batch", "config", "nlp", "stages"},
    "eval": {"resources", "text", "stages", "config", "models", "nlp", "batch", "__init__"},
    "report": {"analysis"},
    "cli": {"config", "nlp", "batch", "eval", "stages", "report"},
    "__main__": {"cli"},
    "__init__": {"api"},
}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imported_layers(path: Path) -> set[str]:
    """Top-level package parts this module imports (``pipeline.stages.x`` -> ``stages``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = (
                [node.module]
                if node.module != "pipeline"
                else [f"pipeline.{a.name}" for a in node.names]
            )
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "pipeline" and len(parts) > 1:
                found.add(parts[1] if parts[1] != "__version__" else "__init__")
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_one_way(path: Path) -> None:
    own = layer(path)
    wrong = imported_layers(path) - ALLOWED[own] - {own}
    assert not wrong, f"{own} must not import {sorted(wrong)}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_stay_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= MAX_MODULE_LINES, f"{path.name} has over {MAX_MODULE_LINES} lines"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES or isinstance(node, ast.ClassDef), (
                f"{node.name} in {path.name} has {length} lines"
            )
