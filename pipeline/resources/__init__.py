"""Loading the language knowledge that stages use: TOML files under ``pipeline/resources/``
(built in) or any path a config names."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any


@lru_cache(maxsize=64)
def load_resource(name: str, override: str = "") -> dict[str, Any]:
    """The built-in resource ``name`` (e.g. ``"cleaning.toml"``), or the file at ``override``."""
    if override:
        path = Path(override)
        if not path.exists():
            raise FileNotFoundError(f"resource file not found: {override}")
        return tomllib.loads(path.read_text(encoding="utf-8"))
    return tomllib.loads((files(__name__) / name).read_text(encoding="utf-8"))


def word_set(words: list[str]) -> frozenset[str]:
    """Lower-cased words of a resource list, for membership tests."""
    return frozenset(w.lower() for w in words)
