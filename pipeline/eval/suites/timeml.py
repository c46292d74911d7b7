"""``timeml``: TIMEX3 recognition and normalisation on TimeBank 1.2 + AQUAINT (TempEval-3).

Each article is the text of ``<TEXT>`` with its tags removed, published on the date of its
DCT (see :mod:`pipeline.eval.corpora.timeml`). Predicted timexes are the entity rows
labelled DATE or TIME, scored as in TempEval-3 (:mod:`pipeline.eval.suites.timex_scoring`):

* strict span P/R/F1 (exact span, one-to-one) and relaxed span P/R/F1 (one-to-one greedy
  matching on shared characters);
* type accuracy and value accuracy over the relaxed matches (``timex_type`` and ``value``
  against the gold ``type`` and ``value``; ``mod`` is read but not scored);
* value F1 = value accuracy x relaxed F1.

Choices: every inline TIMEX3 of TEXT is gold, whatever its type (DURATION and SET too) or
``functionInDocument``; a gold timex with an empty value would count as a null value, equal
only to a prediction without one (the dev split has none); counts are summed over the corpus.

Baseline: dateparser's ``search_dates`` over each sentence, relative to the DCT, every hit
a DATE valued at day granularity (:mod:`pipeline.eval.baselines.naive_dates`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.eval.baselines.naive_dates import naive_dates
from pipeline.eval.corpora import timeml
from pipeline.eval.corpora.base import BenchDoc
from pipeline.eval.metrics import sum_counts
from pipeline.eval.suites import Predictions, Suite, rows_of
from pipeline.eval.suites.timex_scoring import timex_counts, timex_errors, timex_metrics


def score(docs: Sequence[BenchDoc], predictions: Predictions) -> dict[str, Any]:
    """Strict and relaxed span P/R/F1, type and value accuracy, value F1 (micro)."""
    counts: dict[str, Any] = timex_counts([], [])
    for doc in docs:
        counts = sum_counts(counts, timex_counts(doc.timexes, entity_rows(predictions, doc)))
    return {"documents": len(docs), **timex_metrics(counts)}


def errors(docs: Sequence[BenchDoc], predictions: Predictions) -> list[dict[str, Any]]:
    """Missed and spurious timexes, partial spans, wrong types and wrong values."""
    found = []
    for doc in docs:
        found += timex_errors(doc, entity_rows(predictions, doc))
    return found


def entity_rows(predictions: Predictions, doc: BenchDoc) -> list[dict[str, Any]]:
    """The predicted entity rows of ``doc``."""
    return rows_of(predictions, doc.doc_id, "entities")


SUITE = Suite(
    name="timeml",
    folder="timebank-aquaint",
    description="TimeBank + AQUAINT TIMEX3, TempEval-3 scoring",
    read=timeml.read,
    score=score,
    baseline=naive_dates,
    baseline_name="dateparser search_dates, day granularity",
    headline=(
        ("strict.f1", "timex strict span F1"),
        ("relaxed.f1", "timex relaxed span F1"),
        ("type.accuracy", "timex type accuracy"),
        ("value.accuracy", "timex value accuracy"),
        ("value_f1", "timex value F1"),
    ),
    errors=errors,
)
