"""Baseline: dateparser's ``search_dates`` over each sentence, values at day granularity.

Sentences are cut naively (at line breaks, and after ``.``, ``!`` or ``?`` followed by
whitespace) so each ``search_dates`` call stays short. Every hit is found in its sentence
(left to right) and becomes an entity row labelled DATE, ``timex_type`` DATE and ``value``
the date part ``YYYY-MM-DD`` of the parsed datetime; relative expressions are resolved
against the article's published date (the DCT) as ``RELATIVE_BASE``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Any

from pipeline.eval.corpora.base import BenchDoc
from pipeline.eval.suites import BaselineTools, Predictions

SENTENCE_BREAK = re.compile(r"\n+|(?<=[.!?])\s+")
LANGUAGES = ["en"]


def naive_dates(docs: Sequence[BenchDoc], tools: BaselineTools | None = None) -> Predictions:
    """Entity rows (DATE) for every date dateparser finds; ``tools`` is not needed."""
    return {doc.doc_id: {"entities": date_rows(doc.text, doc.article.published)} for doc in docs}


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, sentence)`` for the non-blank naive sentences of ``text``."""
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        if text[start : match.start()].strip():
            yield start, text[start : match.start()]
        start = match.end()
    if text[start:].strip():
        yield start, text[start:]


def date_rows(text: str, published: dt.date | None) -> list[dict[str, Any]]:
    """DATE rows for the dates ``search_dates`` finds in ``text``, sentence by sentence."""
    from dateparser.search import search_dates

    settings: dict[str, Any] = {}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    rows = []
    for offset, sentence in sentences(text):
        cursor = 0
        for found, when in search_dates(sentence, languages=LANGUAGES, settings=settings) or ():
            at = sentence.find(found, cursor)
            if at < 0:
                continue
            cursor = at + len(found)
            rows.append(_row(offset + at, found, when))
    return rows


def _row(start: int, found: str, when: dt.datetime) -> dict[str, Any]:
    return {
        "start_char": start,
        "end_char": start + len(found),
        "text": found,
        "label": "DATE",
        "value": when.date().isoformat(),
        "timex_type": "DATE",
    }
