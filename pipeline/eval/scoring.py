"""Score a run's output tables against the hand-written gold annotations.

:func:`evaluate` reads the gold (:mod:`pipeline.eval.gold`) and the run's Parquet tables
(:mod:`pipeline.eval.predictions`), scores each gold document (:func:`score_document`: entities,
dates, numbers, quotes, events) and sums the counts. :mod:`pipeline.eval.report` renders the
result; ``python -m pipeline eval`` is the entry point. P/R/F1, accuracies, matching and name
comparison follow the conventions of :mod:`pipeline.eval.metrics`.

Conventions:

* Only documents present in the gold are scored (matched on ``doc_id``); a gold document absent
  from the run counts as all misses and is listed under ``missing_docs``.
* All metrics are micro-averaged: counts are summed over documents, then turned into ratios.
* A gold document is "missing" when ``documents.parquet`` has no row for it (or, if the run
  has no ``documents.parquet``, when no table has a row for it).
* Names (canonical, speaker, location, actors, cue, unit) are compared case-insensitively with
  whitespace collapsed; a null compares equal only to null.
* Floats in the result are rounded to 4 decimals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from pathlib import Path
from typing import Any

from pipeline.eval.gold import (
    DATE_LABELS,
    NAMED_LABELS,
    NUMBER_LABELS,
    GoldDoc,
    GoldError,
    load_gold,
    read_gold_text,
    validate_gold,
)
from pipeline.eval.metrics import (
    PRF,
    Acc,
    Row,
    finalize,
    greedy_match,
    name_sets_equal,
    names_equal,
    numbers_equal,
    overlap_key,
    overlap_score,
    sum_counts,
    to_float,
    values_equal,
)
from pipeline.eval.predictions import EvalError, RunTables, read_documents, read_tables
from pipeline.eval.provenance import gold_hash, run_hashes

QUOTE_OVERLAP_THRESHOLD = 0.3
"""A pred quote matches a gold quote when overlap / gold length >= this (GenderGapTracker)."""

QUOTE_KINDS = ("direct", "indirect", "mixed")


# --------------------------------------------------------------------------------------------
# Per-task scoring (pure: lists of row dicts in, nested counters out)


def _same_label(g: Row, p: Row) -> bool:
    return g.get("label") == p.get("label")


def score_entities(gold: Sequence[Row], pred: Sequence[Row]) -> dict[str, Any]:
    """Score named entities (labels in NAMED_LABELS; other rows are ignored).

    Returns counters: ``exact`` (same start, end, label), ``overlap`` (same label, overlapping),
    ``label_agnostic_overlap``, ``canonical_accuracy`` over overlap pairs (null canonical
    falls back to the mention text) and ``by_label`` (overlap P/R/F1 per gold/pred label).
    """
    gold = [e for e in gold if e.get("label") in NAMED_LABELS]
    pred = [e for e in pred if e.get("label") in NAMED_LABELS]

    def key(e: Row) -> tuple[Any, Any, Any]:
        return (e.get("start_char"), e.get("end_char"), e.get("label"))

    gold_keys, pred_keys = Counter(map(key, gold)), Counter(map(key, pred))
    exact_tp = sum(min(n, pred_keys[k]) for k, n in gold_keys.items())

    pairs = greedy_match(gold, pred, overlap_score(_same_label))
    agnostic = greedy_match(gold, pred, overlap_score())
    canonical = Acc()
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        canonical.add(
            names_equal(g.get("canonical") or g.get("text"), p.get("canonical") or p.get("text"))
        )

    by_label: dict[str, PRF] = {}
    labels = sorted({e.get("label") for e in gold} | {e.get("label") for e in pred})
    for label in labels:
        by_label[label] = PRF(
            tp=sum(1 for gi, _ in pairs if gold[gi].get("label") == label),
            n_pred=sum(1 for e in pred if e.get("label") == label),
            n_gold=sum(1 for e in gold if e.get("label") == label),
        )
    return {
        "exact": PRF(exact_tp, len(pred), len(gold)),
        "overlap": PRF(len(pairs), len(pred), len(gold)),
        "label_agnostic_overlap": PRF(len(agnostic), len(pred), len(gold)),
        "canonical_accuracy": canonical,
        "by_label": by_label,
    }


def _score_values(
    gold: Sequence[Row],
    pred: Sequence[Row],
    labels: frozenset[str],
    same_value: Callable[[Row, Row], bool],
) -> tuple[list[Row], list[Row], list[tuple[int, int]], dict[str, Any]]:
    gold = [e for e in gold if e.get("label") in labels]
    pred = [e for e in pred if e.get("label") in labels]
    pairs = greedy_match(gold, pred, overlap_score())
    value_acc = Acc()
    for gi, pi in pairs:
        value_acc.add(same_value(gold[gi], pred[pi]))
    counts = {
        "span": PRF(len(pairs), len(pred), len(gold)),
        "value_f1": PRF(value_acc.correct, len(pred), len(gold)),
        "value_accuracy": value_acc,
    }
    return gold, pred, pairs, counts


def score_dates(gold: Sequence[Row], pred: Sequence[Row]) -> dict[str, Any]:
    """Score DATE/TIME expressions.

    ``span`` (overlap, label-agnostic within DATE/TIME), ``value_accuracy`` over span pairs
    (exact TIMEX3 value), ``value_f1`` (a span pair is a TP only if the value is equal;
    TempEval-3 style) and ``type_accuracy`` (timex_type) over span pairs.
    """
    gold, pred, pairs, counts = _score_values(
        gold, pred, DATE_LABELS, lambda g, p: values_equal(g.get("value"), p.get("value"))
    )
    type_acc = Acc()
    for gi, pi in pairs:
        type_acc.add(values_equal(gold[gi].get("timex_type"), pred[pi].get("timex_type")))
    counts["type_accuracy"] = type_acc
    return counts


def _number_value(row: Row) -> Any:
    value = row.get("value")
    return row.get("value_num") if value is None else value


def score_numbers(gold: Sequence[Row], pred: Sequence[Row]) -> dict[str, Any]:
    """Score numeric expressions (CARDINAL, QUANTITY, MONEY, PERCENT, ORDINAL).

    ``span`` (overlap, label-agnostic within those labels), ``value_accuracy`` (numeric equality
    within 1e-9 relative; pred ``value`` falling back to ``value_num``), ``value_f1`` and
    ``unit_accuracy`` over span pairs whose gold unit is not null.
    """
    gold, pred, pairs, counts = _score_values(
        gold, pred, NUMBER_LABELS, lambda g, p: numbers_equal(_number_value(g), _number_value(p))
    )
    unit_acc = Acc()
    for gi, pi in pairs:
        if gold[gi].get("unit") is not None:
            unit_acc.add(names_equal(gold[gi].get("unit"), pred[pi].get("unit")))
    counts["unit_accuracy"] = unit_acc
    return counts


def _quote_score(g: Row, p: Row) -> tuple[int, int] | None:
    key = overlap_key(g, p)
    if key is None:
        return None
    gold_len = int(g["end_char"]) - int(g["start_char"])
    if gold_len <= 0 or key[0] < QUOTE_OVERLAP_THRESHOLD * gold_len - 1e-9:
        return None
    return key


def match_quotes(gold: Sequence[Row], pred: Sequence[Row]) -> list[tuple[int, int]]:
    """Match quotes: overlap / gold length >= 0.3, one-to-one, largest overlap first.

    The overlap is of the content spans ``[start_char, end_char)`` (GenderGapTracker style).
    """
    return greedy_match(gold, pred, _quote_score)


def speaker_correct(gold: Row, pred: Row) -> bool:
    """Whether a matched pred quote credits the gold speaker.

    Compares ``speaker_canonical`` (case/space-insensitive). When the gold canonical is null
    the gold mention text ``speaker`` is compared instead. A null pred canonical falls back to
    the pred mention text.
    """
    pred_name = pred.get("speaker_canonical") or pred.get("speaker")
    if gold.get("speaker_canonical") is not None:
        return names_equal(gold.get("speaker_canonical"), pred_name)
    return names_equal(gold.get("speaker"), pred.get("speaker"))


def score_quotes(gold: Sequence[Row], pred: Sequence[Row]) -> dict[str, Any]:
    """Score quotes.

    ``match`` P/R/F1 (see :func:`match_quotes`); over matched pairs ``speaker_accuracy``,
    ``kind_accuracy`` and ``cue_accuracy``; ``speaker_accuracy_end_to_end`` = pairs with the
    right speaker / number of gold quotes; ``direct``/``indirect``/``mixed`` P/R/F1 with both
    sides restricted to that kind and matched separately.
    """
    pairs = match_quotes(gold, pred)
    speaker, kind, cue = Acc(), Acc(), Acc()
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        speaker.add(speaker_correct(g, p))
        kind.add(g.get("kind") == p.get("kind"))
        cue.add(names_equal(g.get("cue"), p.get("cue")))
    counts: dict[str, Any] = {
        "match": PRF(len(pairs), len(pred), len(gold)),
        "speaker_accuracy": speaker,
        "speaker_accuracy_end_to_end": Acc(speaker.correct, len(gold)),
        "kind_accuracy": kind,
        "cue_accuracy": cue,
    }
    for name in QUOTE_KINDS:
        g_kind = [q for q in gold if q.get("kind") == name]
        p_kind = [q for q in pred if q.get("kind") == name]
        counts[name] = PRF(len(match_quotes(g_kind, p_kind)), len(p_kind), len(g_kind))
    return counts


def _same_type(g: Row, p: Row) -> bool:
    return g.get("event_type") == p.get("event_type")


def _strict_args(g: Row, p: Row) -> bool:
    return (
        numbers_equal(to_float(g.get("quantity")), to_float(p.get("quantity")))
        and values_equal(g.get("date"), p.get("date"))
        and names_equal(g.get("location"), p.get("location"))
    )


def score_events(gold: Sequence[Row], pred: Sequence[Row]) -> dict[str, Any]:
    """Score events.

    ``typed``: same ``event_type`` and overlapping trigger spans, one-to-one. ``untyped``: trigger
    overlap only (diagnostic). Over typed pairs: ``quantity_accuracy`` (numeric, both null is
    right), ``date_accuracy``, ``location_accuracy``, ``actors_accuracy`` and
    ``targets_accuracy`` (set equality), ``reported_by_accuracy``, ``negated_accuracy``.
    ``strict``: a typed match that also has equal quantity, date and location (matched on its
    own, so a strict pair is never hidden by a different typed pair). ``by_type``: typed P/R/F1
    per event type.
    """
    pairs = greedy_match(gold, pred, overlap_score(_same_type))
    untyped = greedy_match(gold, pred, overlap_score())
    strict = greedy_match(
        gold, pred, overlap_score(lambda g, p: _same_type(g, p) and _strict_args(g, p))
    )
    acc = {
        name: Acc()
        for name in ("quantity", "date", "location", "actors", "targets", "reported_by", "negated")
    }
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        acc["quantity"].add(numbers_equal(to_float(g.get("quantity")), to_float(p.get("quantity"))))
        acc["date"].add(values_equal(g.get("date"), p.get("date")))
        acc["location"].add(names_equal(g.get("location"), p.get("location")))
        acc["actors"].add(name_sets_equal(g.get("actors"), p.get("actors")))
        acc["targets"].add(name_sets_equal(g.get("targets"), p.get("targets")))
        acc["reported_by"].add(names_equal(g.get("reported_by"), p.get("reported_by")))
        acc["negated"].add(bool(g.get("negated")) == bool(p.get("negated")))
    types = sorted(
        {str(e.get("event_type")) for e in gold} | {str(e.get("event_type")) for e in pred}
    )
    by_type = {
        t: PRF(
            tp=sum(1 for gi, _ in pairs if str(gold[gi].get("event_type")) == t),
            n_pred=sum(1 for e in pred if str(e.get("event_type")) == t),
            n_gold=sum(1 for e in gold if str(e.get("event_type")) == t),
        )
        for t in types
    }
    counts: dict[str, Any] = {
        "typed": PRF(len(pairs), len(pred), len(gold)),
        "untyped": PRF(len(untyped), len(pred), len(gold)),
        "strict": PRF(len(strict), len(pred), len(gold)),
    }
    counts.update({f"{name}_accuracy": a for name, a in acc.items()})
    counts["by_type"] = by_type
    return counts


def score_document(gold: GoldDoc, pred: Mapping[str, Sequence[Row]]) -> dict[str, Any]:
    """Score one document; ``pred`` maps ``entities``/``quotes``/``events`` to row dicts.

    Returns nested PRF/Acc counters keyed by task (see :func:`evaluate` for the layout).
    """
    return {
        "entities": score_entities(gold.entities, pred.get("entities", [])),
        "dates": score_dates(gold.entities, pred.get("entities", [])),
        "numbers": score_numbers(gold.entities, pred.get("entities", [])),
        "quotes": score_quotes(gold.quotes, pred.get("quotes", [])),
        "events": score_events(gold.events, pred.get("events", [])),
    }


# --------------------------------------------------------------------------------------------
# Reading the gold and the run


@dataclass
class _Inputs:
    """What :func:`evaluate` scores: the gold documents and the run's rows for them."""

    docs: list[GoldDoc]
    tables: RunTables
    documents: dict[str, str | None] | None
    warnings: list[str]


def _load_gold_docs(gold_path: Path) -> list[GoldDoc]:
    try:
        docs = load_gold(gold_path)
    except GoldError as exc:
        raise EvalError(str(exc)) from exc
    if not docs:
        raise EvalError(f"no *.gold.json files under {gold_path}")
    seen: dict[str, GoldDoc] = {}
    for doc in docs:
        if doc.doc_id in seen:
            raise EvalError(
                f"duplicate gold doc_id {doc.doc_id!r} in {seen[doc.doc_id].path} and {doc.path}"
            )
        seen[doc.doc_id] = doc
    return docs


def _read_inputs(gold_path: Path, pred_dir: Path) -> _Inputs:
    """Check the paths, then load the gold and read the run's tables for its documents."""
    if not gold_path.exists():
        raise EvalError(f"gold path not found: {gold_path}")
    if not pred_dir.is_dir():
        raise EvalError(f"prediction directory not found: {pred_dir}")
    docs = _load_gold_docs(gold_path)
    doc_ids = {d.doc_id for d in docs}
    warnings: list[str] = []
    tables = read_tables(pred_dir, doc_ids, warnings)
    documents = read_documents(pred_dir, doc_ids)
    return _Inputs(docs, tables, documents, warnings)


# --------------------------------------------------------------------------------------------
# Top level


def _check_gold_text(doc: GoldDoc, warnings: list[str]) -> str | None:
    """The gold article text (None if unreadable or absent), validated against the gold."""
    gold_text = None
    try:
        gold_text = read_gold_text(doc)
    except (OSError, UnicodeDecodeError) as exc:
        warnings.append(f"{doc.doc_id}: cannot read gold article text: {exc}")
    if gold_text is None:
        warnings.append(f"{doc.doc_id}: no article text beside the gold file; not validated")
    else:
        problems = validate_gold(doc, gold_text)
        if problems:
            warnings.append(
                f"{doc.doc_id}: gold has {len(problems)} problem(s), first: {problems[0]}"
            )
    return gold_text


def _is_missing(doc: GoldDoc, gold_text: str | None, inputs: _Inputs) -> bool:
    """Whether the run lacks ``doc``; warns when its text differs from the gold article."""
    if inputs.documents is None:
        return not any(doc.doc_id in rows for rows in inputs.tables.values())
    missing = doc.doc_id not in inputs.documents
    pred_text = inputs.documents.get(doc.doc_id)
    if not missing and gold_text is not None and pred_text not in (None, gold_text):
        inputs.warnings.append(
            f"{doc.doc_id}: documents.text differs from the gold article; offsets may not align"
        )
    return missing


def _score_gold_doc(doc: GoldDoc, inputs: _Inputs) -> tuple[bool, dict[str, Any]]:
    """Check one gold document and score the run's rows for it: ``(missing, counters)``."""
    gold_text = _check_gold_text(doc, inputs.warnings)
    missing = _is_missing(doc, gold_text, inputs)
    pred = {name: rows.get(doc.doc_id, []) for name, rows in inputs.tables.items()}
    return missing, score_document(doc, pred)


def evaluate(gold_path: Path, pred_dir: Path, skip_missing: bool = False) -> dict[str, Any]:
    """Score the run in ``pred_dir`` against the gold file or directory ``gold_path``. A gold
    document missing from the run counts as all misses, or, with ``skip_missing``, is left out
    of ``metrics`` (unless every document is missing).

    Returns a JSON-ready dict::

        {"gold": str, "pred": str, "n_docs": int, "docs": [doc_id, ...],
         "missing_docs": [doc_id, ...], "warnings": [str, ...],
         "gold_hash": str, "run": {"config_hash", "run_hash", ...: from the run's manifest},
         "metrics": {                     # micro-averaged over all gold docs
            "entities": {"exact": PRF, "overlap": PRF, "label_agnostic_overlap": PRF,
                         "canonical_accuracy": ACC, "by_label": {LABEL: PRF}},
            "dates":    {"span": PRF, "value_f1": PRF, "value_accuracy": ACC,
                         "type_accuracy": ACC},
            "numbers":  {"span": PRF, "value_f1": PRF, "value_accuracy": ACC,
                         "unit_accuracy": ACC},
            "quotes":   {"match": PRF, "speaker_accuracy": ACC,
                         "speaker_accuracy_end_to_end": ACC, "kind_accuracy": ACC,
                         "cue_accuracy": ACC, "direct": PRF, "indirect": PRF, "mixed": PRF},
            "events":   {"typed": PRF, "untyped": PRF, "strict": PRF,
                         "quantity_accuracy": ACC, "date_accuracy": ACC,
                         "location_accuracy": ACC, "actors_accuracy": ACC,
                         "targets_accuracy": ACC, "reported_by_accuracy": ACC,
                         "negated_accuracy": ACC, "by_type": {TYPE: PRF}}},
         "per_doc": {doc_id: {"missing": bool, "metrics": <same layout as "metrics">}}}

    where ``PRF = {"precision", "recall", "f1", "tp", "fp", "fn"}`` and
    ``ACC = {"accuracy" (float or null), "correct", "total"}``.

    Raises:
        EvalError: if a path is missing or a file cannot be read.
    """
    gold_path, pred_dir = Path(gold_path), Path(pred_dir)
    inputs = _read_inputs(gold_path, pred_dir)
    per_doc: dict[str, Any] = {}
    doc_counts: list[dict[str, Any]] = []
    present: list[dict[str, Any]] = []
    for doc in inputs.docs:
        missing, counts = _score_gold_doc(doc, inputs)
        doc_counts.append(counts)
        present += [] if missing else [counts]
        per_doc[doc.doc_id] = {"missing": missing, "metrics": finalize(counts)}
    scored = present if skip_missing and present else doc_counts
    return {
        "gold": str(gold_path),
        "pred": str(pred_dir),
        "n_docs": len(inputs.docs),
        "docs": [d.doc_id for d in inputs.docs],
        "missing_docs": [doc_id for doc_id, doc in per_doc.items() if doc["missing"]],
        "warnings": inputs.warnings,
        "gold_hash": gold_hash(inputs.docs),
        "run": run_hashes(pred_dir),
        "metrics": finalize(reduce(sum_counts, scored)),
        "per_doc": per_doc,
    }
