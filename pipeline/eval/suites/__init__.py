"""Benchmark suites: what is scored on each public corpus, and against which baseline.

A suite reads its corpus into :class:`~pipeline.eval.corpora.base.BenchDoc` values, scores
predicted table rows against their gold, and makes baseline predictions in the same table
form, so pipeline and baseline go through the same scoring code. One module per suite, each
exposing ``SUITE``; :func:`get_suite` imports it on demand.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from spacy.language import Language

from pipeline.eval.corpora.base import BenchDoc, CorpusError

Rows = list[dict[str, Any]]
Predictions = Mapping[str, Mapping[str, Rows]]
"""Predicted rows by ``doc_id``, then by table name (``entities``, ``quotes``, ``events``)."""

SUITE_FOLDERS = {
    "conll": "conll2003-dev",
    "polnear": "polnear-dev",
    "timeml": "timebank-aquaint",
    "meantime": "meantime-dev",
    "rams": "rams-dev",
    "gva": "gva-dev",
    "speakers": "speakers-dev",
}
"""Every suite and the folder of its corpus under a benchmarks root, in the order ``bench
all`` runs them."""
SUITE_NAMES = tuple(SUITE_FOLDERS)


class BaselineTools:
    """What baselines need, loaded once: the bare spaCy model (no news stages)."""

    def __init__(self, model: str) -> None:
        self.model = model

    @cached_property
    def bare_nlp(self) -> Language:
        """The configured model exactly as shipped."""
        from pipeline.nlp import load_model

        return load_model(self.model)


@dataclass(frozen=True)
class Suite:
    """One benchmark: its corpus reader, scorer, baseline and headline figures.

    ``headline`` lists ``(path, label)``: a dotted path into the metrics ``score`` returns
    (``"overall.f1"``) and how the figure is named in reports.
    """

    name: str
    folder: str
    description: str
    read: Callable[[Path, int | None], list[BenchDoc]]
    score: Callable[[Sequence[BenchDoc], Predictions], dict[str, Any]]
    baseline: Callable[[Sequence[BenchDoc], BaselineTools], Predictions]
    baseline_name: str
    headline: tuple[tuple[str, str], ...]
    errors: Callable[[Sequence[BenchDoc], Predictions], list[dict[str, Any]]]


def get_suite(name: str) -> Suite:
    """The suite called ``name``; ``CorpusError`` for an unknown name."""
    if name not in SUITE_NAMES:
        raise CorpusError(f"unknown suite {name!r} (known: {', '.join(SUITE_NAMES)}, all)")
    module = importlib.import_module(f"{__name__}.{name}")
    return module.SUITE


def rows_of(predictions: Predictions, doc_id: str, table: str) -> Rows:
    """The predicted rows of one table for one document (empty when there are none)."""
    return list(predictions.get(doc_id, {}).get(table, []))


def context(text: str, start: int, end: int, width: int = 80) -> str:
    """The text around ``[start, end)`` with the span in ``[[...]]``, on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())
