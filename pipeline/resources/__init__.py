"""The language knowledge that stages use, and the one loader that reads it.

Every file here is data: TOML files (word lists, patterns, the event taxonomy) and TSV tables
(``first_names.tsv``). A config may name its own file in place of a built-in one.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any


@lru_cache(maxsize=64)
def load_resource(name: str, override: str = "") -> Any:
    """The built-in resource ``name`` (e.g. ``"cleaning.toml"``), or the file at ``override``.

    A ``.toml`` file gives its parsed dict; a ``.tsv`` file a tuple of rows (tuples of strings),
    lines starting with ``#`` left out.
    """
    if override:
        path = Path(override)
        if not path.exists():
            raise FileNotFoundError(f"resource file not found: {override}")
        text = path.read_text(encoding="utf-8")
    else:
        text = (files(__name__) / name).read_text(encoding="utf-8")
    if name.endswith(".tsv"):
        return tuple(
            tuple(line.split("\t")) for line in text.splitlines() if line and line[0] != "#"
        )
    return tomllib.loads(text)


def word_set(words: list[str]) -> frozenset[str]:
    """Lower-cased words of a resource list, for membership tests."""
    return frozenset(w.lower() for w in words)
