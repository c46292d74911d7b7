"""``meantime``: entities, timexes and events on NewsReader MEANTIME (English Wikinews).

The text is rebuilt from the tokens (a sentence's tokens joined by single spaces, sentences
by newlines; see :mod:`pipeline.eval.corpora.meantime`). Only sentences 0-5 are annotated:
a predicted row whose ``start_char`` is at or after ``BenchDoc.scored_until`` is ignored.

* Entities: gold = named mentions (``syntactic_type`` ``NAM`` or ``PRE.NAM``) whose entity is
  PER, ORG or LOC (PRO, FIN, MIX and untyped mentions are not scored, so a product or a stock
  index labelled ORG is a false positive); predicted entity rows mapped by
  ``data/meantime.toml``: PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC, other labels (NORP
  included: demonyms are not named mentions in MEANTIME) dropped. A gold mention inside
  another gold mention of the same entity (``Martin Mann`` in ``Presiding Judge Martin
  Mann``) is not counted apart: a flat tagger can give only one. Overlap P/R/F1: one-to-one
  greedy matching on shared characters between a gold and a predicted mention of the same
  label; overall and per label.
* Entity clusters: B-cubed over the gold named mentions above (PER/ORG/LOC, sentences 0-5)
  that refer to an ENTITY; a mention's gold cluster is that ENTITY (its ``REFERS_TO``
  target). Each gold mention is matched one-to-one, greedily, to a predicted entity row (the
  rows the overlap score reads: in scope, label mapped) by shared characters, the labels
  need not agree; its predicted cluster is that row's ``cluster_id``, and a gold mention no
  row matches is a singleton of its own. Predicted rows matched to no gold mention are left
  out. For a gold mention m, with G(m) the gold mentions of its entity and P(m) the gold
  mentions in its predicted cluster (m itself in both), precision(m) = |G(m) & P(m)| /
  |P(m)| and recall(m) = |G(m) & P(m)| / |G(m)|; P and R are the means over every gold
  mention of every document, F1 = 2PR / (P + R). Errors: ``split`` (one entity's mentions
  in several predicted clusters) and ``joined`` (one predicted cluster over several
  entities), layer ``cluster``.
* Timexes: TempEval-3 scoring as in the ``timeml`` suite
  (:mod:`pipeline.eval.suites.timex_scoring`) against the anchored TIMEX3s; headline: value
  F1 (value accuracy x relaxed F1). The date line's creation-time TIMEX3 is anchored in
  MEANTIME, so it is a gold timex.
* Events: trigger P/R/F1: one-to-one greedy matching on shared characters between gold
  EVENT_MENTIONs (all of them, whatever their ``pos``; a discontinuous mention spans from
  its first to its last token) and predicted event rows, types ignored.
* Actor agreement, over the matched triggers: every Arg0 participant (HAS_PARTICIPANT to an
  entity mention) of a matched gold mention is judged once; it agrees when its mention text
  or its entity's name (``TAG_DESCRIPTOR``) contains, or is contained in, one of the predicted
  row's ``actors`` (case-insensitive, whitespace collapsed, empty strings ignored).
  Accuracy = agreeing participants / participants judged. Target agreement: the same with
  Arg1 participants and ``targets``.

Baseline: the bare model's NER (its DATE/TIME rows dropped) for entities (mentions with the
same text in one cluster), dateparser's
``search_dates`` per sentence for timexes, and every verb as an event trigger.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from pipeline.eval.baselines.bare_ner import bare_entities
from pipeline.eval.baselines.naive_dates import naive_dates
from pipeline.eval.baselines.verb_triggers import verb_events
from pipeline.eval.corpora import meantime
from pipeline.eval.corpora.base import BenchDoc, GoldArgument, GoldEvent
from pipeline.eval.metrics import (
    PRF,
    Acc,
    finalize,
    greedy_match,
    norm_text,
    overlap_score,
    span_overlap,
    sum_counts,
)
from pipeline.eval.suites import BaselineTools, Predictions, Rows, Suite, context, rows_of
from pipeline.eval.suites.cluster_scoring import cluster_counts, cluster_errors
from pipeline.eval.suites.timex_scoring import (
    TIMEX_LABELS,
    timex_counts,
    timex_errors,
    timex_metrics,
)

ROLES = {"Arg0": "actors", "Arg1": "targets"}
"""Gold participant role -> the predicted events column it is judged against (and the name
of its agreement figure)."""


@cache
def label_table() -> tuple[dict[str, str], tuple[str, ...]]:
    """Our entity label -> MEANTIME type, and the scored MEANTIME types."""
    data = tomllib.loads((files("pipeline.eval") / "data" / "meantime.toml").read_text("utf-8"))
    return dict(data["labels"]), tuple(data["scored"])


def in_scope(rows: Iterable[dict[str, Any]], doc: BenchDoc) -> Rows:
    """The rows that start before ``doc.scored_until`` (all of them when it is None)."""
    limit = doc.scored_until
    return [r for r in rows if limit is None or int(r["start_char"]) < limit]


def outermost(gold: Rows) -> Rows:
    """Gold mentions less those inside another gold mention of the same entity: MEANTIME
    annotates both ``Presiding Judge Martin Mann`` and the ``Martin Mann`` inside it, and a
    flat tagger can give only one of them."""
    return [
        g
        for g in gold
        if g["ref"] is None
        or not any(
            o is not g
            and o["ref"] == g["ref"]
            and o["start_char"] <= g["start_char"]
            and g["end_char"] <= o["end_char"]
            and (o["start_char"], o["end_char"]) != (g["start_char"], g["end_char"])
            for o in gold
        )
    ]


def entity_mentions(doc: BenchDoc, predictions: Predictions) -> tuple[Rows, Rows]:
    """Gold and predicted entity mentions as rows with a MEANTIME ``label``."""
    mapping, scored = label_table()
    gold = [
        {
            "start_char": e.start,
            "end_char": e.end,
            "label": e.label,
            "ref": e.ref,
            "canonical": e.canonical,
        }
        for e in doc.entities
        if e.label in scored
    ]
    pred = [
        {**r, "label": mapping[r["label"]]}
        for r in in_scope(rows_of(predictions, doc.doc_id, "entities"), doc)
        if r.get("label") in mapping
    ]
    return gold, pred


def _same_label(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return g["label"] == p["label"]


def entity_counts(gold: Rows, pred: Rows) -> dict[str, PRF]:
    """Overlap P/R/F1 counts, overall and per label."""
    pairs = greedy_match(gold, pred, overlap_score(_same_label))
    counts = {"overall": PRF(len(pairs), len(pred), len(gold))}
    for label in label_table()[1]:
        tp = sum(1 for gi, _ in pairs if gold[gi]["label"] == label)
        n_pred = sum(1 for p in pred if p["label"] == label)
        counts[label] = PRF(tp, n_pred, sum(1 for g in gold if g["label"] == label))
    return counts


def event_rows(doc: BenchDoc) -> Rows:
    """Gold event mentions as rows the matching functions read."""
    return [{"start_char": e.start, "end_char": e.end} for e in doc.events]


def participant_agrees(doc: BenchDoc, argument: GoldArgument, names: Iterable[Any]) -> bool:
    """Whether the participant's mention text or entity name contains, or is contained in,
    one of ``names`` (case-insensitive, whitespace collapsed, empty strings ignored)."""
    ours = [n for n in (norm_text(x) for x in names or ()) if n]
    theirs = [norm_text(doc.text[argument.start : argument.end]), norm_text(argument.canonical)]
    return any(t in o or o in t for t in theirs if t for o in ours)


def event_counts(doc: BenchDoc, pred: Rows) -> dict[str, Any]:
    """Trigger P/R/F1 counts and actor/target agreement counts for one document."""
    pairs = greedy_match(event_rows(doc), pred, overlap_score())
    counts: dict[str, Any] = {"triggers": PRF(len(pairs), len(pred), len(doc.events))}
    for column in ROLES.values():
        counts[column] = Acc()
    for gi, pi in pairs:
        for argument in doc.events[gi].arguments:
            if argument.role in ROLES:
                column = ROLES[argument.role]
                counts[column].add(participant_agrees(doc, argument, pred[pi].get(column) or ()))
    return counts


def doc_counts(doc: BenchDoc, predictions: Predictions) -> dict[str, Any]:
    """Every counter of one document."""
    entities = rows_of(predictions, doc.doc_id, "entities")
    events = in_scope(rows_of(predictions, doc.doc_id, "events"), doc)
    gold, pred = entity_mentions(doc, predictions)
    return {
        "entities": entity_counts(outermost(gold), pred),
        "clusters": {"bcubed": cluster_counts(gold, pred)},
        "timex": timex_counts(doc.timexes, in_scope(entities, doc)),
        "events": event_counts(doc, events),
    }


def score(docs: Sequence[BenchDoc], predictions: Predictions) -> dict[str, Any]:
    """Entity overlap P/R/F1, cluster B-cubed, TempEval-3 timex figures, event triggers and
    participants."""
    counts: dict[str, Any] = {}
    for doc in docs:
        counts = sum_counts(counts, doc_counts(doc, predictions))
    if not counts:
        return {"documents": 0}
    timex = counts.pop("timex")
    return {"documents": len(docs), **finalize(counts), "timex": timex_metrics(timex)}


def errors(docs: Sequence[BenchDoc], predictions: Predictions) -> list[dict[str, Any]]:
    """Entity, cluster, timex and event errors of every document (``layer`` says which)."""
    found: list[dict[str, Any]] = []
    for doc in docs:
        gold, pred = entity_mentions(doc, predictions)
        found += entity_errors(doc, outermost(gold), pred)
        found += cluster_errors(doc.doc_id, doc.text, gold, pred)
        entities = in_scope(rows_of(predictions, doc.doc_id, "entities"), doc)
        found += timex_errors(doc, entities)
        found += event_errors(doc, in_scope(rows_of(predictions, doc.doc_id, "events"), doc))
    return found


def entity_errors(doc: BenchDoc, gold: Rows, pred: Rows) -> list[dict[str, Any]]:
    """Missed and spurious mentions; a missed mention overlapped by an unmatched prediction
    of another label is one ``wrong_label`` record."""
    pairs = greedy_match(gold, pred, overlap_score(_same_label))
    loose_pred = set(range(len(pred))) - {pi for _, pi in pairs}
    found = []
    for gi in sorted(set(range(len(gold))) - {gi for gi, _ in pairs}):
        g = gold[gi]
        other = next((pi for pi in sorted(loose_pred) if _overlaps(g, pred[pi])), None)
        if other is None:
            found.append(_record(doc, "entity", "miss", g, g["label"], None))
        else:
            loose_pred.discard(other)
            found.append(_record(doc, "entity", "wrong_label", g, g["label"], pred[other]["label"]))
    for pi in sorted(loose_pred):
        found.append(_record(doc, "entity", "false_positive", pred[pi], None, pred[pi]["label"]))
    return found


def event_errors(doc: BenchDoc, pred: Rows) -> list[dict[str, Any]]:
    """Missed and spurious triggers, and participants our actors/targets do not agree with."""
    gold = event_rows(doc)
    pairs = greedy_match(gold, pred, overlap_score())
    found = []
    for gi in sorted(set(range(len(gold))) - {gi for gi, _ in pairs}):
        found.append(_record(doc, "event", "miss", gold[gi], None, None))
    for pi in sorted(set(range(len(pred))) - {pi for _, pi in pairs}):
        found.append(
            _record(doc, "event", "false_positive", pred[pi], None, pred[pi].get("trigger"))
        )
    for gi, pi in pairs:
        found += _participant_errors(doc, doc.events[gi], pred[pi])
    return found


def _participant_errors(doc: BenchDoc, event: GoldEvent, row: dict[str, Any]) -> list[dict]:
    found = []
    for argument in event.arguments:
        if argument.role not in ROLES:
            continue
        column = ROLES[argument.role]
        if not participant_agrees(doc, argument, row.get(column) or ()):
            span = {"start_char": argument.start, "end_char": argument.end}
            gold = [doc.text[argument.start : argument.end], argument.canonical]
            kind = f"wrong_{column[:-1]}"  # wrong_actor, wrong_target
            found.append(_record(doc, "event", kind, span, gold, row.get(column)))
    return found


def _overlaps(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return span_overlap(g["start_char"], g["end_char"], p["start_char"], p["end_char"]) > 0


def _record(doc: BenchDoc, layer: str, kind: str, row: dict, gold: Any, pred: Any) -> dict:
    start, end = int(row["start_char"]), int(row["end_char"])
    return {
        "doc_id": doc.doc_id,
        "layer": layer,
        "kind": kind,
        "text": doc.text[start:end],
        "gold": gold,
        "pred": list(pred) if isinstance(pred, tuple) else pred,
        "context": context(doc.text, start, end),
    }


def baseline(docs: Sequence[BenchDoc], tools: BaselineTools) -> Predictions:
    """The bare model's entities (no DATE/TIME), dateparser's dates, every verb an event."""
    entities, dates, events = (
        bare_entities(docs, tools),
        naive_dates(docs),
        verb_events(docs, tools),
    )
    merged: dict[str, dict[str, Rows]] = {}
    for doc in docs:
        named = [
            r for r in rows_of(entities, doc.doc_id, "entities") if r["label"] not in TIMEX_LABELS
        ]
        merged[doc.doc_id] = {
            "entities": named + rows_of(dates, doc.doc_id, "entities"),
            "events": rows_of(events, doc.doc_id, "events"),
        }
    return merged


SUITE = Suite(
    name="meantime",
    folder="meantime-dev",
    description="MEANTIME entities, timexes and events (sentences 0-5)",
    read=meantime.read,
    score=score,
    baseline=baseline,
    baseline_name="bare NER + dateparser + verbs as triggers",
    headline=(
        ("entities.overall.f1", "entity overlap F1"),
        ("clusters.bcubed.f1", "entity cluster B-cubed F1"),
        ("timex.value_f1", "timex value F1"),
        ("events.triggers.precision", "event trigger precision"),
        ("events.triggers.recall", "event trigger recall"),
        ("events.actors.accuracy", "actor agreement"),
        ("events.targets.accuracy", "target agreement"),
    ),
    errors=errors,
)
