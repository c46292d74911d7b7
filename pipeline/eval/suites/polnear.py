"""``polnear``: attribution (quote) relations on PolNeAR (US political news, 2016).

Every predicted ``quotes`` row is a relation: content ``start_char``/``end_char``, speaker span
``speaker_start_char``/``speaker_end_char``, cue span ``cue_start_char``/``cue_end_char``.
Gold relations come from the first annotator file of each article.

* **Content overlap** of a gold and a predicted content: the character positions holding a
  letter or digit (``str.isalnum``) in both position sets, over those in either (a Jaccard
  over letters and digits, so quotation marks, which gold keeps and ours drop, do not count).
  A discontinuous gold content is the union of its fragments (``Content`` and ``Content2``).
* **Matching**: one-to-one and greedy, best overlap first (ties: earlier gold, then earlier
  predicted row); pairs with overlap 0 never match. ``content_at_30`` / ``content_at_80``:
  P/R/F1 counting the pairs of that one matching with overlap >= 0.3 / >= 0.8 (greedy
  best-first, so this equals matching only the pairs above the threshold).
* **Speaker accuracy** (``speaker_at_30``, ``speaker_at_80``): over the pairs matched at that
  threshold whose gold has a Source, the predicted speaker span shares at least one character
  position with the Source fragments (a null span is wrong).
* **Cue accuracy** (``cue_at_30``, ``cue_at_80``): the same with the gold Cue and the
  predicted cue span, over matched pairs whose gold has a Cue.
* **Recall on quoted contents** (``quoted_recall_at_30``/``_at_80``): over gold contents whose
  text contains a double quotation mark (``"`` ``“`` ``”`` ``„`` ``‟`` ``«`` ``»``), the share
  matched at that threshold in the matching above (not a separate matching).
* ``all`` holds these over every relation; ``speech_verb`` the same computed afresh (its own
  matching) over the gold relations whose Cue is a speech verb and the predicted rows whose
  cue is one (the cue span's text, else the ``cue`` column). A cue is a speech verb when one of
  its words is in ``pipeline/eval/data/speech_verbs.toml`` by the lemma-like rule written
  there (so "has said", "adding" and "told" are; "according to" and "found" are not).
  ``speech_verb_gold_only`` is the other reading of "the same over relations whose cue is a
  speech verb": the gold side filtered, every predicted row kept (lower precision).

Baseline: ``quote_regex`` (text between double quotation marks, speaker next to ``said``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from pipeline.eval.baselines.quote_regex import regex_quotes
from pipeline.eval.corpora import polnear
from pipeline.eval.corpora.base import Attribution, BenchDoc, Span
from pipeline.eval.metrics import PRF, Acc, finalize, greedy_match, ratio, sum_counts, to_float
from pipeline.eval.suites import Predictions, Suite, context, rows_of

THRESHOLDS = {"at_30": 0.3, "at_80": 0.8}
"""Content-overlap thresholds, by the suffix of their metric names."""

DOUBLE_QUOTES = frozenset('"“”„‟«»')
"""Characters that make a gold content 'quoted' (direct or mixed)."""


@dataclass
class Recall:
    """Counts for a recall over a subset of the gold: ``found`` out of ``total``."""

    found: int = 0
    total: int = 0

    def __add__(self, other: Recall) -> Recall:
        return Recall(self.found + other.found, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        """Return ``recall`` (None when ``total`` is 0), ``found`` and ``total``."""
        return {"recall": ratio(self.found, self.total), "found": self.found, "total": self.total}


@dataclass(frozen=True)
class Relation:
    """A gold or predicted relation as scoring sees it: the letter-and-digit positions of
    its content, every position of its source and cue (None when absent)."""

    content: frozenset[int]
    source: frozenset[int] | None
    cue: frozenset[int] | None
    quoted: bool
    speech_verb: bool
    span: Span


# --------------------------------------------------------------------------------------------
# Speech verbs


@cache
def speech_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """The speech-verb lemmas and irregular forms of ``data/speech_verbs.toml``."""
    data = tomllib.loads((files("pipeline.eval") / "data" / "speech_verbs.toml").read_text("utf-8"))
    forms = {form for values in data["irregular"].values() for form in values}
    return frozenset(data["lemmas"]), frozenset(forms)


def lemma_candidates(word: str) -> set[str]:
    """``word`` and what one regular inflection rule reduces it to."""
    candidates = {word}
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            candidates.add(stem)
            if suffix == "ing":
                candidates.add(stem + "e")
            if suffix in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.add(stem[:-1])
    if word.endswith(("ies", "ied")) and len(word) > 4:
        candidates.add(word[:-3] + "y")
    return candidates


def is_speech_verb(cue: str | None) -> bool:
    """Whether any word of a cue's text is a speech verb (see the module docstring)."""
    lemmas, irregular = speech_verbs()
    words = "".join(ch if "a" <= ch <= "z" else " " for ch in (cue or "").lower()).split()
    return any(w in irregular or lemma_candidates(w) & lemmas for w in words)


# --------------------------------------------------------------------------------------------
# Relations and overlap


def positions(spans: Sequence[Span]) -> frozenset[int]:
    """Every character position of some spans."""
    return frozenset(i for start, end in spans for i in range(start, end))


def alnum_positions(text: str, spans: Sequence[Span]) -> frozenset[int]:
    """The positions of some spans that hold a letter or digit."""
    return frozenset(i for i in positions(spans) if text[i].isalnum())


def content_overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Shared positions over the union (0.0 when the union is empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def gold_relation(text: str, gold: Attribution) -> Relation:
    """A gold attribution in scoring form."""
    covered = " ".join(text[s:e] for s, e in gold.content)
    return Relation(
        content=alnum_positions(text, gold.content),
        source=positions(gold.source) if gold.source else None,
        cue=positions(gold.cue) if gold.cue else None,
        quoted=any(ch in DOUBLE_QUOTES for ch in covered),
        speech_verb=bool(gold.cue) and is_speech_verb(" ".join(text[s:e] for s, e in gold.cue)),
        span=(gold.content[0][0], max(e for _, e in gold.content)),
    )


def predicted_relation(text: str, row: dict[str, Any]) -> Relation | None:
    """A predicted quote row in scoring form (None without a content span)."""
    span = _span(row, "start_char", "end_char")
    if span is None:
        return None
    speaker = _span(row, "speaker_start_char", "speaker_end_char")
    cue = _span(row, "cue_start_char", "cue_end_char")
    cue_text = text[cue[0] : cue[1]] if cue else _text(row.get("cue"))
    return Relation(
        content=alnum_positions(text, [span]),
        source=positions([speaker]) if speaker else None,
        cue=positions([cue]) if cue else None,
        quoted=False,
        speech_verb=is_speech_verb(cue_text),
        span=span,
    )


def _span(row: dict[str, Any], start: str, end: str) -> Span | None:
    """A row's ``[start, end)`` columns as a span; None when either is null or NaN."""
    s, e = to_float(row.get(start)), to_float(row.get(end))
    return None if s is None or e is None else (int(s), int(e))


def _text(value: Any) -> str | None:
    """A string column's value, None for null or NaN."""
    return value if isinstance(value, str) else None


def relations(doc: BenchDoc, predictions: Predictions) -> tuple[list[Relation], list[Relation]]:
    """Gold and predicted relations of one document."""
    gold = [gold_relation(doc.text, a) for a in doc.attributions]
    found = (predicted_relation(doc.text, r) for r in rows_of(predictions, doc.doc_id, "quotes"))
    return gold, [p for p in found if p is not None]


def match(gold: Sequence[Relation], pred: Sequence[Relation]) -> list[tuple[int, int, float]]:
    """One-to-one greedy matching by content overlap: ``(gold index, pred index, overlap)``."""

    def score(g: Any, p: Any) -> float | None:
        if g.span[1] <= p.span[0] or p.span[1] <= g.span[0]:
            return None
        overlap = content_overlap(g.content, p.content)
        return overlap if overlap > 0 else None

    pairs = greedy_match(gold, pred, score)  # type: ignore[arg-type]
    return [(gi, pi, content_overlap(gold[gi].content, pred[pi].content)) for gi, pi in pairs]


# --------------------------------------------------------------------------------------------
# Scoring


def shares(a: frozenset[int] | None, b: frozenset[int] | None) -> bool:
    """Whether two optional position sets share a position."""
    return a is not None and b is not None and not a.isdisjoint(b)


def counts(gold: Sequence[Relation], pred: Sequence[Relation]) -> dict[str, Any]:
    """Counters of one document (or one subset of it)."""
    pairs = match(gold, pred)
    out: dict[str, Any] = {}
    for suffix, threshold in THRESHOLDS.items():
        kept = [(gold[gi], pred[pi]) for gi, pi, overlap in pairs if overlap >= threshold]
        out[f"content_{suffix}"] = PRF(len(kept), len(pred), len(gold))
        out[f"speaker_{suffix}"] = _accuracy(kept, "source")
        out[f"cue_{suffix}"] = _accuracy(kept, "cue")
        found = sum(g.quoted for g, _ in kept)
        out[f"quoted_recall_{suffix}"] = Recall(found, sum(g.quoted for g in gold))
    return out


def _accuracy(pairs: list[tuple[Relation, Relation]], part: str) -> Acc:
    """Over the pairs whose gold has ``part``: the prediction's ``part`` shares a position."""
    acc = Acc()
    for g, p in pairs:
        if getattr(g, part) is not None:
            acc.add(shares(getattr(g, part), getattr(p, part)))
    return acc


def score(docs: Sequence[BenchDoc], predictions: Predictions) -> dict[str, Any]:
    """Content P/R/F1, speaker, cue and quoted-content figures, over all relations and over
    speech-verb relations."""
    total: dict[str, Any] = {}
    for doc in docs:
        gold, pred = relations(doc, predictions)
        speech_gold = [g for g in gold if g.speech_verb]
        speech = counts(speech_gold, [p for p in pred if p.speech_verb])
        total = sum_counts(
            total,
            {
                "all": counts(gold, pred),
                "speech_verb": speech,
                "speech_verb_gold_only": counts(speech_gold, pred),
            },
        )
    if not total:
        empty = counts([], [])
        total = {"all": empty, "speech_verb": empty, "speech_verb_gold_only": empty}
    return {"documents": len(docs), **finalize(total)}


def errors(docs: Sequence[BenchDoc], predictions: Predictions) -> list[dict[str, Any]]:
    """At overlap 0.3: missed gold contents, predicted contents matching none, and matched
    pairs with the wrong speaker or cue span."""
    found: list[dict[str, Any]] = []
    for doc in docs:
        gold, pred = relations(doc, predictions)
        kept = [(gi, pi) for gi, pi, ov in match(gold, pred) if ov >= THRESHOLDS["at_30"]]
        matched_gold, matched_pred = {gi for gi, _ in kept}, {pi for _, pi in kept}
        for gi, g in enumerate(gold):
            if gi not in matched_gold:
                found.append(_record(doc, "miss", g, None))
        for pi, p in enumerate(pred):
            if pi not in matched_pred:
                found.append(_record(doc, "false_positive", None, p))
        for gi, pi in kept:
            g, p = gold[gi], pred[pi]
            if g.source is not None and not shares(g.source, p.source):
                found.append(_record(doc, "wrong_speaker", g, p, "source"))
            if g.cue is not None and not shares(g.cue, p.cue):
                found.append(_record(doc, "wrong_cue", g, p, "cue"))
    return found


def _record(
    doc: BenchDoc, kind: str, g: Relation | None, p: Relation | None, part: str | None = None
) -> dict[str, Any]:
    """One error: the content's text, the gold and predicted contents (or, with ``part``,
    their sources or cues) and the text around the content."""
    start, end = (g or p).span  # type: ignore[union-attr]
    if part is None:
        gold = doc.text[g.span[0] : g.span[1]] if g else None
        pred = doc.text[p.span[0] : p.span[1]] if p else None
    else:
        gold, pred = _text_of(doc.text, getattr(g, part)), _text_of(doc.text, getattr(p, part))
    return {
        "doc_id": doc.doc_id,
        "kind": kind,
        "text": doc.text[start:end],
        "gold": gold,
        "pred": pred,
        "context": context(doc.text, start, end),
    }


def _text_of(text: str, where: frozenset[int] | None) -> str | None:
    """The text from the first to the last of some positions (None when there are none)."""
    return None if not where else text[min(where) : max(where) + 1]


SUITE = Suite(
    name="polnear",
    folder="polnear-dev",
    description="PolNeAR attribution relations: content overlap, speaker and cue spans",
    read=polnear.read,
    score=score,
    baseline=regex_quotes,
    baseline_name="quote_regex (quotation marks, speaker next to said/says)",
    headline=(
        ("all.content_at_30.f1", "content F1 at 0.3"),
        ("all.content_at_80.f1", "content F1 at 0.8"),
        ("all.speaker_at_30.accuracy", "speaker accuracy"),
        ("all.cue_at_30.accuracy", "cue accuracy"),
        ("all.quoted_recall_at_30.recall", "recall on quoted contents"),
        ("speech_verb.content_at_30.f1", "content F1 at 0.3, speech verbs"),
    ),
    errors=errors,
)
