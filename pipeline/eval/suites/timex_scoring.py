"""TempEval-3 scoring of TIMEX3 expressions, shared by the ``timeml`` and ``meantime`` suites.

Predicted timexes are the ``entities`` rows labelled DATE or TIME, with their ``value`` and
``timex_type`` columns; gold timexes are :attr:`BenchDoc.timexes` (``label`` = type). A worded
range, one interval in the tables (``between 1992 and 1994`` = ``1992/1994``), is scored as
its two ends, each with its value, as TimeML marks it (:func:`range_ends`).

* Strict span P/R/F1: a predicted span equal to a gold span (same start and end), one-to-one
  (two identical predicted spans match at most as many gold spans as share that span).
* Relaxed span P/R/F1: one-to-one greedy matching on shared characters
  (:func:`~pipeline.eval.metrics.greedy_match`: largest overlap first, then the tighter pair,
  then document order); any overlap of at least one character may match.
* Type accuracy and value accuracy over the relaxed matches: the gold type equals the
  predicted ``timex_type``, the gold value the predicted ``value`` (exact strings, surrounding
  whitespace ignored; an empty or missing value is null and equals only a null value). The
  one spelling difference forgiven is ISO 8601's two-digit week: some gold files write
  ``2000-W7`` for ``2000-W07`` (:func:`same_value`).
* Value F1 = value accuracy x relaxed F1, computed from the counts
  (``2 * value_correct / (n_pred + n_gold)``, the same number unrounded; 1.0 when there is
  neither gold nor prediction, like every F1 here). Counts are summed over the whole corpus
  (micro average).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from pipeline.eval.corpora.base import BenchDoc, GoldSpan
from pipeline.eval.metrics import DIGITS, PRF, Acc, finalize, greedy_match, overlap_score
from pipeline.eval.suites import Rows, context
from pipeline.text.timex.intervals import interval_ends

_ONE_DIGIT_WEEK = re.compile(r"^(\d{4}-W)(\d)(?=$|-)")

TIMEX_LABELS = frozenset({"DATE", "TIME"})
"""Entity labels whose rows are predicted timexes."""

Counts = dict[str, Any]


def predicted_timexes(rows: Iterable[dict[str, Any]]) -> Rows:
    """The entity rows labelled DATE or TIME, a worded range as its two ends."""
    return [end for r in rows if r.get("label") in TIMEX_LABELS for end in range_ends(r)]


def range_ends(row: dict[str, Any]) -> Rows:
    """A DATE row valued as an interval whose ends a word joins (``between 1992 and 1994``,
    ``1992/1994``) as two rows, one per end with its value, as TimeML marks a range; any
    other row as itself. The tables keep one interval, the contract's convention."""
    value, text = str(row.get("value") or ""), str(row.get("text") or "")
    ends = value.split("/") if value.count("/") == 1 and not value.startswith("P") else None
    offsets = interval_ends(text) if ends and all(ends) else None
    if offsets is None:
        return [row]
    start = int(row["start_char"])
    return [
        {**row, "start_char": start + a, "end_char": start + b, "text": text[a:b], "value": end}
        for (a, b), end in zip(offsets, ends, strict=True)
    ]


def gold_rows(timexes: Sequence[GoldSpan]) -> Rows:
    """Gold timexes as rows the matching functions read."""
    return [
        {"start_char": t.start, "end_char": t.end, "timex_type": t.label, "value": t.value}
        for t in timexes
    ]


def _null(value: Any) -> str | None:
    """A value or type as a stripped string; empty and missing are None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _week_padded(value: str | None) -> str | None:
    """``2000-W7`` (and ``2000-W7-WE``) with ISO 8601's two-digit week number."""
    return None if value is None else _ONE_DIGIT_WEEK.sub(r"\g<1>0\g<2>", value)


def same_value(gold: Any, pred: Any) -> bool:
    """Whether two TIMEX3 values are equal, as stripped strings (empty = null), a one-digit
    week number read as its two-digit ISO form."""
    return _week_padded(_null(gold)) == _week_padded(_null(pred))


def relaxed_pairs(gold: Rows, pred: Rows) -> list[tuple[int, int]]:
    """One-to-one greedy matching of gold and predicted timexes on shared characters."""
    return greedy_match(gold, pred, overlap_score())


def strict_matches(gold: Rows, pred: Rows) -> int:
    """Number of one-to-one exact span matches."""
    spans = Counter((int(r["start_char"]), int(r["end_char"])) for r in gold)
    found = Counter((int(r["start_char"]), int(r["end_char"])) for r in pred)
    return sum((spans & found).values())


def timex_counts(timexes: Sequence[GoldSpan], rows: Iterable[dict[str, Any]]) -> Counts:
    """Strict/relaxed span counts and type/value accuracy counts for one document."""
    gold, pred = gold_rows(timexes), predicted_timexes(rows)
    pairs = relaxed_pairs(gold, pred)
    type_acc, value_acc = Acc(), Acc()
    for gi, pi in pairs:
        type_acc.add(_null(gold[gi]["timex_type"]) == _null(pred[pi].get("timex_type")))
        value_acc.add(same_value(gold[gi]["value"], pred[pi].get("value")))
    return {
        "strict": PRF(strict_matches(gold, pred), len(pred), len(gold)),
        "relaxed": PRF(len(pairs), len(pred), len(gold)),
        "type": type_acc,
        "value": value_acc,
    }


def timex_metrics(counts: Counts) -> dict[str, Any]:
    """Summed counts as figures, with ``value_f1`` = value accuracy x relaxed F1."""
    metrics = finalize(counts)
    relaxed: PRF = counts["relaxed"]
    both = relaxed.n_pred + relaxed.n_gold
    value_f1 = 2 * counts["value"].correct / both if both else 1.0
    metrics["value_f1"] = round(value_f1, DIGITS)
    return metrics


def timex_errors(doc: BenchDoc, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Misses, false positives, and relaxed matches with a partial span, wrong type or
    wrong value (one record per problem)."""
    gold, pred = gold_rows(doc.timexes), predicted_timexes(rows)
    pairs = relaxed_pairs(gold, pred)
    found = []
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            found.append(_record(doc, "miss", g, g["value"], None))
    for pi, p in enumerate(pred):
        if pi not in matched_pred:
            found.append(_record(doc, "false_positive", p, None, p.get("value")))
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        if (g["start_char"], g["end_char"]) != (int(p["start_char"]), int(p["end_char"])):
            found.append(_record(doc, "partial_span", g, None, None, p))
        if _null(g["timex_type"]) != _null(p.get("timex_type")):
            found.append(_record(doc, "wrong_type", g, g["timex_type"], p.get("timex_type"), p))
        if not same_value(g["value"], p.get("value")):
            found.append(_record(doc, "wrong_value", g, g["value"], p.get("value"), p))
    return found


def _record(
    doc: BenchDoc, kind: str, row: dict, gold: Any, pred: Any, other: dict | None = None
) -> dict[str, Any]:
    start, end = int(row["start_char"]), int(row["end_char"])
    record = {
        "doc_id": doc.doc_id,
        "layer": "timex",
        "kind": kind,
        "text": doc.text[start:end],
        "gold": gold,
        "pred": pred,
        "context": context(doc.text, start, end),
    }
    if other is not None:
        record["pred_text"] = doc.text[int(other["start_char"]) : int(other["end_char"])]
    return record
