"""``conll``: named entities on CoNLL-2003 (Reuters news, 1996).

Predicted entity rows are mapped to CoNLL's four labels: PERSON -> PER; GPE, LOC, FAC -> LOC;
ORG -> ORG; NORP, EVENT, WORK_OF_ART, LAW, LANGUAGE, PRODUCT -> MISC; value labels (dates,
numbers) are dropped. Scored by exact span and label: P/R/F1 per label, overall, and overall
without MISC. Baseline: the bare model's NER, mapped the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.eval.baselines.bare_ner import bare_entities
from pipeline.eval.corpora import conll
from pipeline.eval.corpora.base import BenchDoc
from pipeline.eval.metrics import PRF, finalize
from pipeline.eval.suites import Predictions, Suite, context, rows_of

LABEL_MAP = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
LABELS = ("PER", "LOC", "ORG", "MISC")

Mention = tuple[int, int, str]


def predicted_mentions(rows: list[dict[str, Any]]) -> set[Mention]:
    """Exact ``(start, end, CoNLL label)`` of the predicted entity rows that map to one."""
    return {
        (int(r["start_char"]), int(r["end_char"]), LABEL_MAP[r["label"]])
        for r in rows
        if r["label"] in LABEL_MAP
    }


def gold_mentions(doc: BenchDoc) -> set[Mention]:
    """Exact ``(start, end, label)`` of the gold entities."""
    return {(e.start, e.end, e.label or "") for e in doc.entities}


def score(docs: Sequence[BenchDoc], predictions: Predictions) -> dict[str, Any]:
    """Exact-span P/R/F1 per label, overall and overall without MISC."""
    counts = {name: PRF() for name in (*LABELS, "overall", "overall_no_misc")}
    for doc in docs:
        gold = gold_mentions(doc)
        pred = predicted_mentions(rows_of(predictions, doc.doc_id, "entities"))
        for label in LABELS:
            g = {m for m in gold if m[2] == label}
            p = {m for m in pred if m[2] == label}
            counts[label] += PRF(len(g & p), len(p), len(g))
        counts["overall"] += PRF(len(gold & pred), len(pred), len(gold))
        g = {m for m in gold if m[2] != "MISC"}
        p = {m for m in pred if m[2] != "MISC"}
        counts["overall_no_misc"] += PRF(len(g & p), len(p), len(g))
    return {"documents": len(docs), **finalize(counts)}


def errors(docs: Sequence[BenchDoc], predictions: Predictions) -> list[dict[str, Any]]:
    """Missed gold entities and false positives, with the text around them; a mention found
    with the wrong label is one ``wrong_label`` record."""
    found = []
    for doc in docs:
        gold = gold_mentions(doc)
        pred = predicted_mentions(rows_of(predictions, doc.doc_id, "entities"))
        pred_spans = {(s, e): label for s, e, label in pred}
        gold_spans = {(s, e): label for s, e, label in gold}
        for s, e, label in sorted(gold - pred):
            kind = "wrong_label" if (s, e) in pred_spans else "miss"
            found.append(_record(doc, kind, s, e, label, pred_spans.get((s, e))))
        for s, e, label in sorted(pred - gold):
            if (s, e) not in gold_spans:
                found.append(_record(doc, "false_positive", s, e, None, label))
    return found


def _record(doc: BenchDoc, kind: str, start: int, end: int, gold: Any, pred: Any) -> dict:
    return {
        "doc_id": doc.doc_id,
        "kind": kind,
        "text": doc.text[start:end],
        "gold": gold,
        "pred": pred,
        "context": context(doc.text, start, end),
    }


SUITE = Suite(
    name="conll",
    folder="conll2003-dev",
    description="CoNLL-2003 NER, exact span and label",
    read=conll.read,
    score=score,
    baseline=bare_entities,
    baseline_name="bare en_core_web_sm NER",
    headline=(
        ("overall.f1", "NER F1"),
        ("overall_no_misc.f1", "NER F1 without MISC"),
        ("PER.f1", "PER F1"),
        ("LOC.f1", "LOC F1"),
        ("ORG.f1", "ORG F1"),
        ("MISC.f1", "MISC F1"),
    ),
    errors=errors,
)
