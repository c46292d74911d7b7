"""Score a run's output tables against hand-written gold annotations.

``python -m pipeline eval --gold GOLD --pred DIR [--json]`` calls :func:`main`.

Only documents present in the gold are scored (matched on ``doc_id``); a gold document absent
from the run counts as all misses and is listed under ``missing_docs``. All metrics are
micro-averaged: counts are summed over documents, then turned into ratios.

Conventions:

* P/R/F1: ``precision = tp / n_pred`` and ``recall = tp / n_gold``. An empty denominator gives
  1.0 when *both* sides are empty (nothing to find, nothing claimed) and 0.0 otherwise; F1 is
  0.0 when P + R == 0.
* Accuracies over matched pairs are ``None`` (JSON null, "n/a" in the table) when there is no
  pair to judge; each comes with its ``correct``/``total`` counts.
* Matching is one-to-one and greedy: candidate pairs are taken by largest character overlap
  first, then by the tighter pair (smaller union), then in document order.
* A gold document is "missing" when ``documents.parquet`` has no row for it (or, if the run
  has no ``documents.parquet``, when no table has a row for it).
* String comparisons of names (canonical, speaker, location, actors, cue, unit) are
  case-insensitive with whitespace collapsed; a null compares equal only to null.
* Floats in the result are rounded to 4 decimals.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
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

QUOTE_OVERLAP_THRESHOLD = 0.3
"""A pred quote matches a gold quote when overlap / gold length >= this (GenderGapTracker)."""

QUOTE_KINDS = ("direct", "indirect", "mixed")
DIGITS = 4

Row = Mapping[str, Any]

# Columns read from the run; only the ones marked required must exist, others default to null.
_TABLE_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "entities": (
        ("doc_id", "start_char", "end_char", "label"),
        ("text", "canonical", "value", "value_num", "unit", "timex_type"),
    ),
    "quotes": (
        ("doc_id", "start_char", "end_char"),
        ("text", "kind", "speaker", "speaker_canonical", "cue"),
    ),
    "events": (
        ("doc_id", "start_char", "end_char", "event_type"),
        ("trigger", "actors", "targets", "location", "date", "quantity", "reported_by", "negated"),
    ),
}


class EvalError(Exception):
    """A usage problem: gold or prediction paths missing or unreadable."""


# --------------------------------------------------------------------------------------------
# Counters and ratios


@dataclass
class PRF:
    """Counts for precision / recall / F1."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.n_pred + other.n_pred, self.n_gold + other.n_gold)

    def to_dict(self) -> dict[str, Any]:
        """Return rounded ``precision``/``recall``/``f1`` and ``tp``/``fp``/``fn`` counts."""
        return prf(self.tp, self.n_pred, self.n_gold)


@dataclass
class Acc:
    """Counts for an accuracy: ``correct`` out of ``total``."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Acc) -> Acc:
        return Acc(self.correct + other.correct, self.total + other.total)

    def add(self, ok: bool) -> None:
        """Count one judged pair."""
        self.total += 1
        self.correct += int(ok)

    def to_dict(self) -> dict[str, Any]:
        """Return ``accuracy`` (None when ``total`` is 0), ``correct`` and ``total``."""
        return {
            "accuracy": ratio(self.correct, self.total),
            "correct": self.correct,
            "total": self.total,
        }


def ratio(num: int, den: int) -> float | None:
    """Return ``num / den`` rounded to 4 decimals, or None when ``den`` is 0."""
    return None if den == 0 else round(num / den, DIGITS)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    """Precision, recall and F1 from counts (see the module docstring for empty denominators).

    >>> prf(1, 2, 4)["f1"]
    0.3333
    """
    if n_pred:
        precision = tp / n_pred
    else:
        precision = 1.0 if n_gold == 0 else 0.0
    if n_gold:
        recall = tp / n_gold
    else:
        recall = 1.0 if n_pred == 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, DIGITS),
        "recall": round(recall, DIGITS),
        "f1": round(f1, DIGITS),
        "tp": tp,
        "fp": n_pred - tp,
        "fn": n_gold - tp,
    }


def _sum_counts(a: Any, b: Any) -> Any:
    """Add two nested structures of PRF/Acc counters (dict keys may differ)."""
    if isinstance(a, dict):
        out = dict(a)
        for key, value in b.items():
            out[key] = _sum_counts(out[key], value) if key in out else value
        return out
    return a + b


def _finalize(counts: Any) -> Any:
    """Turn a nested structure of counters into plain dicts of rounded ratios."""
    if isinstance(counts, dict):
        return {key: _finalize(value) for key, value in counts.items()}
    return counts.to_dict()


# --------------------------------------------------------------------------------------------
# Small comparison helpers


def span_overlap(a_start: Any, a_end: Any, b_start: Any, b_end: Any) -> int:
    """Number of characters shared by ``[a_start, a_end)`` and ``[b_start, b_end)`` (0 on None)."""
    if a_start is None or a_end is None or b_start is None or b_end is None:
        return 0
    return max(0, min(int(a_end), int(b_end)) - max(int(a_start), int(b_start)))


def norm_text(value: Any) -> str | None:
    """Case-fold and collapse whitespace; None stays None."""
    if value is None:
        return None
    return " ".join(str(value).split()).casefold()


def names_equal(a: Any, b: Any) -> bool:
    """Case- and whitespace-insensitive equality of two optional strings."""
    return norm_text(a) == norm_text(b)


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def numbers_equal(a: Any, b: Any) -> bool:
    """Numeric equality within 1e-9 relative; both null is equal; unparseable compares as text."""
    if a is None or b is None:
        return a is None and b is None
    fa, fb = _float(a), _float(b)
    if fa is None or fb is None:
        return names_equal(a, b)
    return math.isclose(fa, fb, rel_tol=1e-9, abs_tol=0.0)


def values_equal(a: Any, b: Any) -> bool:
    """Exact equality of two optional TIMEX3 value strings (surrounding whitespace ignored)."""
    if a is None or b is None:
        return a is None and b is None
    return str(a).strip() == str(b).strip()


def name_sets_equal(a: Iterable[Any] | None, b: Iterable[Any] | None) -> bool:
    """Set equality of two lists of names, case- and whitespace-insensitive (null = empty)."""
    return {norm_text(x) for x in a or ()} == {norm_text(x) for x in b or ()}


def greedy_match(
    gold: Sequence[Row],
    pred: Sequence[Row],
    score: Callable[[Row, Row], Any],
) -> list[tuple[int, int]]:
    """One-to-one greedy matching; returns ``(gold_index, pred_index)`` pairs, sorted.

    ``score(g, p)`` gives a pair's strength (any comparable value, higher is taken first) or
    None when the pair may not match. Ties go to the earlier gold item, then the earlier pred.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            value = score(g, p)
            if value is not None:
                candidates.append((value, gi, pi))
    candidates.sort(key=lambda c: c[0], reverse=True)  # stable: index order kept on ties
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def overlap_key(g: Row, p: Row) -> tuple[int, int] | None:
    """Match strength of two spans: (overlap, -union length), or None if they do not overlap.

    Larger overlap first; among equal overlaps the tighter pair (smaller union) wins.
    """
    gs, ge, ps, pe = g.get("start_char"), g.get("end_char"), p.get("start_char"), p.get("end_char")
    ov = span_overlap(gs, ge, ps, pe)
    if ov <= 0:
        return None
    union = max(int(ge), int(pe)) - min(int(gs), int(ps))
    return (ov, -union)


def _overlap_score(same: Callable[[Row, Row], bool] | None = None) -> Callable[[Row, Row], Any]:
    """Score = :func:`overlap_key` of the two rows' spans, for pairs satisfying ``same``."""

    def score(g: Row, p: Row) -> tuple[int, int] | None:
        if same is not None and not same(g, p):
            return None
        return overlap_key(g, p)

    return score


def _same_label(g: Row, p: Row) -> bool:
    return g.get("label") == p.get("label")


# --------------------------------------------------------------------------------------------
# Per-task scoring (pure: lists of row dicts in, nested counters out)


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

    pairs = greedy_match(gold, pred, _overlap_score(_same_label))
    agnostic = greedy_match(gold, pred, _overlap_score())
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
    pairs = greedy_match(gold, pred, _overlap_score())
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
        numbers_equal(_float(g.get("quantity")), _float(p.get("quantity")))
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
    pairs = greedy_match(gold, pred, _overlap_score(_same_type))
    untyped = greedy_match(gold, pred, _overlap_score())
    strict = greedy_match(
        gold, pred, _overlap_score(lambda g, p: _same_type(g, p) and _strict_args(g, p))
    )
    acc = {
        name: Acc()
        for name in ("quantity", "date", "location", "actors", "targets", "reported_by", "negated")
    }
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        acc["quantity"].add(numbers_equal(_float(g.get("quantity")), _float(p.get("quantity"))))
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
# Reading the run


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _read_table(
    pred_dir: Path, name: str, doc_ids: set[str], warnings: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Rows of ``pred_dir/name.parquet`` for the given documents, grouped by doc_id."""
    import pyarrow.parquet as pq

    path = pred_dir / f"{name}.parquet"
    if not path.is_file():
        raise EvalError(f"prediction table not found: {path}")
    try:
        table = pq.read_table(path)
    except Exception as exc:  # any pyarrow failure means "unreadable"
        raise EvalError(f"cannot read {path}: {str(exc).splitlines()[0]}") from exc
    required, optional = _TABLE_COLUMNS[name]
    missing = [c for c in required if c not in table.column_names]
    if missing:
        raise EvalError(f"{path} lacks required columns: {', '.join(missing)}")
    absent = [c for c in optional if c not in table.column_names]
    if absent:
        warnings.append(f"{name}.parquet has no column(s) {', '.join(absent)}; treated as null")
    ids = table.column("doc_id").to_pylist()
    keep = [i for i, d in enumerate(ids) if d in doc_ids]
    columns = [c for c in required + optional if c in table.column_names]
    rows = table.select(columns).take(keep).to_pylist() if keep else []
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        clean = {c: _clean(row.get(c)) for c in required + optional}
        grouped.setdefault(row["doc_id"], []).append(clean)
    for doc_rows in grouped.values():
        doc_rows.sort(key=lambda r: (r.get("start_char") or 0, r.get("end_char") or 0))
    return grouped


def _read_documents(pred_dir: Path, doc_ids: set[str]) -> dict[str, str | None] | None:
    """doc_id -> text (None if no text column) from documents.parquet, or None if absent."""
    import pyarrow.parquet as pq

    path = pred_dir / "documents.parquet"
    if not path.is_file():
        return None
    try:
        columns = pq.read_schema(path).names
        wanted = [c for c in ("doc_id", "text") if c in columns]
        if "doc_id" not in wanted:
            raise EvalError(f"{path} lacks required column doc_id")
        rows = pq.read_table(path, columns=wanted).to_pylist()
    except EvalError:
        raise
    except Exception as exc:
        raise EvalError(f"cannot read {path}: {str(exc).splitlines()[0]}") from exc
    return {r["doc_id"]: r.get("text") for r in rows if r["doc_id"] in doc_ids}


# --------------------------------------------------------------------------------------------
# Top level


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


def evaluate(gold_path: Path, pred_dir: Path) -> dict[str, Any]:
    """Score the run in ``pred_dir`` against the gold file or directory ``gold_path``.

    Returns a JSON-ready dict::

        {"gold": str, "pred": str, "n_docs": int, "docs": [doc_id, ...],
         "missing_docs": [doc_id, ...], "warnings": [str, ...],
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
    if not gold_path.exists():
        raise EvalError(f"gold path not found: {gold_path}")
    if not pred_dir.is_dir():
        raise EvalError(f"prediction directory not found: {pred_dir}")
    docs = _load_gold_docs(gold_path)
    doc_ids = {d.doc_id for d in docs}
    warnings: list[str] = []

    tables = {name: _read_table(pred_dir, name, doc_ids, warnings) for name in _TABLE_COLUMNS}
    documents = _read_documents(pred_dir, doc_ids)

    per_doc: dict[str, Any] = {}
    total: dict[str, Any] | None = None
    missing_docs: list[str] = []
    for doc in docs:
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
        if documents is not None:
            missing = doc.doc_id not in documents
            pred_text = documents.get(doc.doc_id)
            if not missing and gold_text is not None and pred_text not in (None, gold_text):
                warnings.append(
                    f"{doc.doc_id}: documents.text differs from the gold article; offsets may "
                    "not align"
                )
        else:
            missing = not any(doc.doc_id in rows for rows in tables.values())
        if missing:
            missing_docs.append(doc.doc_id)
        pred = {name: rows.get(doc.doc_id, []) for name, rows in tables.items()}
        counts = score_document(doc, pred)
        total = counts if total is None else _sum_counts(total, counts)
        per_doc[doc.doc_id] = {"missing": missing, "metrics": _finalize(counts)}

    return {
        "gold": str(gold_path),
        "pred": str(pred_dir),
        "n_docs": len(docs),
        "docs": [d.doc_id for d in docs],
        "missing_docs": missing_docs,
        "warnings": warnings,
        "metrics": _finalize(total),
        "per_doc": per_doc,
    }


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


_PRF_ROWS = (
    ("entities", "exact"),
    ("entities", "overlap"),
    ("entities", "label_agnostic_overlap"),
    ("dates", "span"),
    ("dates", "value_f1"),
    ("numbers", "span"),
    ("numbers", "value_f1"),
    ("quotes", "match"),
    ("quotes", "direct"),
    ("quotes", "indirect"),
    ("quotes", "mixed"),
    ("events", "untyped"),
    ("events", "typed"),
    ("events", "strict"),
)
_ACC_ROWS = (
    ("entities", "canonical_accuracy"),
    ("dates", "value_accuracy"),
    ("dates", "type_accuracy"),
    ("numbers", "value_accuracy"),
    ("numbers", "unit_accuracy"),
    ("quotes", "speaker_accuracy"),
    ("quotes", "speaker_accuracy_end_to_end"),
    ("quotes", "kind_accuracy"),
    ("quotes", "cue_accuracy"),
    ("events", "quantity_accuracy"),
    ("events", "date_accuracy"),
    ("events", "location_accuracy"),
    ("events", "actors_accuracy"),
    ("events", "targets_accuracy"),
    ("events", "reported_by_accuracy"),
    ("events", "negated_accuracy"),
)
_DOC_F1 = (
    ("entities", "overlap"),
    ("dates", "span"),
    ("numbers", "span"),
    ("quotes", "match"),
    ("events", "typed"),
)


def format_report(result: Mapping[str, Any]) -> str:
    """Render an :func:`evaluate` result as a plain-text report (P/R/F1, accuracies, per doc)."""
    metrics = result["metrics"]
    lines = [
        f"Gold: {result['gold']} ({result['n_docs']} documents)",
        f"Pred: {result['pred']}",
    ]
    if result["missing_docs"]:
        lines.append(
            f"Missing from pred ({len(result['missing_docs'])}): "
            + ", ".join(result["missing_docs"])
        )
    for warning in result["warnings"]:
        lines.append(f"warning: {warning}")
    lines += [
        "",
        f"{'task':<10} {'metric':<24} {'P':>7} {'R':>7} {'F1':>7} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]
    lines.append("-" * len(lines[-1]))
    for task, name in _PRF_ROWS:
        m = metrics[task][name]
        lines.append(
            f"{task:<10} {name:<24} {_fmt(m['precision']):>7} {_fmt(m['recall']):>7} "
            f"{_fmt(m['f1']):>7} {m['tp']:>5} {m['fp']:>5} {m['fn']:>5}"
        )
    lines += ["", f"{'task':<10} {'accuracy':<28} {'value':>7} {'correct/total':>14}"]
    lines.append("-" * len(lines[-1]))
    for task, name in _ACC_ROWS:
        m = metrics[task][name]
        lines.append(
            f"{task:<10} {name:<28} {_fmt(m['accuracy']):>7} "
            f"{str(m['correct']) + '/' + str(m['total']):>14}"
        )
    for task, key, title in (("entities", "by_label", "label"), ("events", "by_type", "type")):
        groups = metrics[task][key]
        if groups:
            lines += [
                "",
                f"{task + ' by ' + title:<28} {'P':>7} {'R':>7} {'F1':>7} {'gold':>5} {'pred':>5}",
            ]
            lines.append("-" * len(lines[-1]))
            for group, m in groups.items():
                lines.append(
                    f"{group:<28} {_fmt(m['precision']):>7} {_fmt(m['recall']):>7} "
                    f"{_fmt(m['f1']):>7} {m['tp'] + m['fn']:>5} {m['tp'] + m['fp']:>5}"
                )
    width = max([len("document")] + [len(d) for d in result["per_doc"]])
    header = f"{'document':<{width}} " + " ".join(f"{t[:8] + ' F1':>11}" for t, _ in _DOC_F1)
    lines += ["", header, "-" * len(header)]
    for doc_id, doc in result["per_doc"].items():
        cells = " ".join(f"{_fmt(doc['metrics'][t][n]['f1']):>11}" for t, n in _DOC_F1)
        lines.append(f"{doc_id:<{width}} {cells}" + ("  (missing)" if doc["missing"] else ""))
    return "\n".join(lines)


def main(gold: str, pred: str, as_json: bool = False) -> int:
    """Run ``pipeline eval``: print the report (or one JSON object) and return the exit code.

    Returns 0 on success; 2 with a one-line ``error: ...`` on stderr when a path is missing or
    unreadable.
    """
    try:
        result = evaluate(Path(gold), Path(pred))
    except EvalError as exc:
        print(f"error: {exc}".replace("\n", " "), file=sys.stderr)
        return 2
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        print(format_report(result))
    return 0
