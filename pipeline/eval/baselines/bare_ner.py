"""Baseline: the bare spaCy model's named entities, no news stages; mentions with the same
text share a ``cluster_id``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.eval.corpora.base import BenchDoc
from pipeline.eval.suites import BaselineTools, Predictions


def bare_entities(docs: Sequence[BenchDoc], tools: BaselineTools) -> Predictions:
    """Entity rows from the bare model's NER (``cluster_id``: one per distinct text)."""
    nlp = tools.bare_nlp
    texts = (d.text for d in docs)
    predictions: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for bench_doc, doc in zip(docs, nlp.pipe(texts, batch_size=32), strict=True):
        clusters: dict[str, int] = {}
        predictions[bench_doc.doc_id] = {
            "entities": [
                {
                    "start_char": e.start_char,
                    "end_char": e.end_char,
                    "text": e.text,
                    "label": e.label_,
                    "cluster_id": clusters.setdefault(e.text, len(clusters)),
                }
                for e in doc.ents
            ]
        }
    return predictions
