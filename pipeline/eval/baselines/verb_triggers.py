"""Baseline: every verb (by the bare model's tagger) is an event trigger, with no type and no
arguments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.eval.corpora.base import BenchDoc
from pipeline.eval.suites import BaselineTools, Predictions


def verb_events(docs: Sequence[BenchDoc], tools: BaselineTools) -> Predictions:
    """Event rows, one per verb token, untyped."""
    nlp = tools.bare_nlp
    predictions: dict[str, dict[str, list[dict[str, Any]]]] = {}
    with nlp.select_pipes(enable=["tok2vec", "tagger", "attribute_ruler"]):
        parsed = nlp.pipe((d.text for d in docs), batch_size=32)
        for bench_doc, doc in zip(docs, parsed, strict=True):
            predictions[bench_doc.doc_id] = {
                "events": [
                    {
                        "start_char": t.idx,
                        "end_char": t.idx + len(t.text),
                        "trigger": t.text,
                        "event_type": None,
                        "actors": [],
                        "targets": [],
                        "location": None,
                        "date": None,
                        "quantity": None,
                        "negated": False,
                    }
                    for t in doc
                    if t.pos_ == "VERB"
                ]
            }
    return predictions
