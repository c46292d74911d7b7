"""News information extraction: entities, quotes and events from news articles as tables.

From Python: :func:`extract` runs the pipeline over texts and returns the five tables as pandas
DataFrames; :func:`load` returns the spaCy ``Language`` with the news stages. From the command
line: ``python -m pipeline run | eval``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.5.0"
__all__ = ["Tables", "__version__", "extract", "load"]

if TYPE_CHECKING:
    from pipeline.api import Tables, extract, load


def __getattr__(name: str) -> Any:
    """Import the library interface on first use, so ``python -m pipeline`` starts fast."""
    if name in ("extract", "load", "Tables"):
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
