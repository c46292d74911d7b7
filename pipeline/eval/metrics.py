"""Table-agnostic evaluation metrics: counters, ratios, span matching and value comparison.

Shared by every evaluation in :mod:`pipeline.eval` (the hand-written gold and the benchmark
corpora); rows are plain mappings, nothing here reads files or knows a table's columns beyond
``start_char``/``end_char``.

Conventions:

* P/R/F1: ``precision = tp / n_pred`` and ``recall = tp / n_gold``. An empty denominator gives
  1.0 when *both* sides are empty (nothing to find, nothing claimed) and 0.0 otherwise; F1 is
  0.0 when P + R == 0.
* B-cubed (clusters): over a set of mentions, each with a gold and a predicted cluster,
  a mention's precision is the share of the mentions in its predicted cluster that are in
  its gold cluster, its recall the share of the mentions in its gold cluster that are in its
  predicted cluster (the mention itself counted in both); P and R are the means over all
  mentions (of every document: mention-weighted), F1 their harmonic mean; None without
  mentions.
* Accuracies over matched pairs are ``None`` (JSON null) when there is no pair to judge; each
  comes with its ``correct``/``total`` counts.
* Matching is one-to-one and greedy: candidate pairs are taken by largest character overlap
  first, then by the tighter pair (smaller union), then in document order.
* Name comparisons are case-insensitive with whitespace collapsed; a null compares equal only
  to null.
* Floats in the result are rounded to 4 decimals.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DIGITS",
    "Acc",
    "BCubed",
    "PRF",
    "Row",
    "bcubed",
    "finalize",
    "greedy_match",
    "name_sets_equal",
    "names_equal",
    "norm_text",
    "numbers_equal",
    "overlap_key",
    "overlap_score",
    "prf",
    "ratio",
    "span_overlap",
    "sum_counts",
    "to_float",
    "values_equal",
]

DIGITS = 4
"""Decimals kept in every ratio."""

Row = Mapping[str, Any]
"""One annotation or prediction: a mapping of column name to value."""


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


@dataclass
class BCubed:
    """Sums for B-cubed precision / recall: per-mention precisions and recalls, and the
    number of mentions they were summed over."""

    precision_sum: float = 0.0
    recall_sum: float = 0.0
    mentions: int = 0

    def __add__(self, other: BCubed) -> BCubed:
        return BCubed(
            self.precision_sum + other.precision_sum,
            self.recall_sum + other.recall_sum,
            self.mentions + other.mentions,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return rounded ``precision``/``recall``/``f1`` (None without mentions) and
        ``mentions``."""
        if not self.mentions:
            return {"precision": None, "recall": None, "f1": None, "mentions": 0}
        precision = self.precision_sum / self.mentions
        recall = self.recall_sum / self.mentions
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, DIGITS),
            "recall": round(recall, DIGITS),
            "f1": round(f1, DIGITS),
            "mentions": self.mentions,
        }


def bcubed(gold: Sequence[Any], pred: Sequence[Any]) -> BCubed:
    """B-cubed sums over mentions ``0..n-1``: ``gold[i]`` and ``pred[i]`` are mention i's gold
    and predicted cluster keys (any hashable values; give a mention no other shares to make
    it a singleton).

    >>> bcubed(["a", "a", "b"], [1, 1, 1]).to_dict()["precision"]
    0.5556
    """
    if len(gold) != len(pred):
        raise ValueError("bcubed needs one gold and one predicted cluster per mention")
    total = BCubed(mentions=len(gold))
    for i in range(len(gold)):
        same_gold = {j for j, g in enumerate(gold) if g == gold[i]}
        same_pred = {j for j, p in enumerate(pred) if p == pred[i]}
        both = len(same_gold & same_pred)
        total.precision_sum += both / len(same_pred)
        total.recall_sum += both / len(same_gold)
    return total


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


def sum_counts(a: Any, b: Any) -> Any:
    """Add two nested structures of PRF/Acc counters (dict keys may differ).

    Neither argument is modified; counters are combined with ``+``, which makes new ones.
    """
    if isinstance(a, dict):
        out = dict(a)
        for key, value in b.items():
            out[key] = sum_counts(out[key], value) if key in out else value
        return out
    return a + b


def finalize(counts: Any) -> Any:
    """Turn a nested structure of counters into plain dicts of rounded ratios."""
    if isinstance(counts, dict):
        return {key: finalize(value) for key, value in counts.items()}
    return counts.to_dict()


# --------------------------------------------------------------------------------------------
# Spans and matching


def span_overlap(a_start: Any, a_end: Any, b_start: Any, b_end: Any) -> int:
    """Number of characters shared by ``[a_start, a_end)`` and ``[b_start, b_end)`` (0 on None)."""
    if a_start is None or a_end is None or b_start is None or b_end is None:
        return 0
    return max(0, min(int(a_end), int(b_end)) - max(int(a_start), int(b_start)))


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


def overlap_score(
    same: Callable[[Row, Row], bool] | None = None,
) -> Callable[[Row, Row], tuple[int, int] | None]:
    """A :func:`greedy_match` score: :func:`overlap_key` of the pairs satisfying ``same``.

    With ``same`` None every overlapping pair may match.
    """

    def score(g: Row, p: Row) -> tuple[int, int] | None:
        if same is not None and not same(g, p):
            return None
        return overlap_key(g, p)

    return score


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


# --------------------------------------------------------------------------------------------
# Comparing names, numbers and values


def norm_text(value: Any) -> str | None:
    """Case-fold and collapse whitespace; None stays None."""
    if value is None:
        return None
    return " ".join(str(value).split()).casefold()


def names_equal(a: Any, b: Any) -> bool:
    """Case- and whitespace-insensitive equality of two optional strings."""
    return norm_text(a) == norm_text(b)


def name_sets_equal(a: Iterable[Any] | None, b: Iterable[Any] | None) -> bool:
    """Set equality of two lists of names, case- and whitespace-insensitive (null = empty)."""
    return {norm_text(x) for x in a or ()} == {norm_text(x) for x in b or ()}


def to_float(value: Any) -> float | None:
    """``value`` as a float, or None when it is null, a bool, NaN or not a number."""
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
    fa, fb = to_float(a), to_float(b)
    if fa is None or fb is None:
        return names_equal(a, b)
    return math.isclose(fa, fb, rel_tol=1e-9, abs_tol=0.0)


def values_equal(a: Any, b: Any) -> bool:
    """Exact equality of two optional TIMEX3 value strings (surrounding whitespace ignored)."""
    if a is None or b is None:
        return a is None and b is None
    return str(a).strip() == str(b).strip()
