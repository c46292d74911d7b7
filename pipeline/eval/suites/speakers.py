"""``speakers``: who is quoted, as a canonical name, on speakers-dev (PolNeAR attributions).

Scoring follows the speakers-dev README (section Scoring):

* **Alignment.** Each gold row takes the predicted ``quotes`` row with the largest number of
  character positions shared with the union of its ``content_spans`` (ties: the row that
  comes first by ``start_char``, then ``end_char``, then table order); it is matched when that
  number / the summed length of the fragments is >= 0.3. Rows are aligned independently (one
  predicted quote may serve several gold rows), as the README words it.
* **Predicted name**: ``speaker_canonical``, else ``speaker`` (the mention text).
* **Normalisation** of both names: lower case; a possessive ``'s`` / ``’s`` at the end of any
  word stripped; titles and honorifics (``data/speaker_titles.toml``) dropped wherever they
  occur; one-letter middle initials (a one-letter word, with or without a period, neither
  first nor last) and Jr / Sr dropped; a leading "the" dropped; periods and commas removed;
  white space collapsed. Hyphens, slashes and ``@`` stay.
* **Named gold**: correct if the name equals the canonical or an alternate, or is one word
  equal to the canonical's last word while no other canonical name of the article's gold
  rows ends in that word. An empty prediction is wrong.
* **Null gold**: correct if the prediction is empty, equals an alternate, or names no person
  or organisation found in the article: its normalised form equals the normalised ``text``
  or ``canonical`` of none of the document's predicted ``entities`` rows labelled PERSON or
  ORG (so the pipeline is judged by its own entities, and the baseline by the bare model's).

``matched`` holds accuracy over matched rows, overall and per ``kind`` of source (named,
pronoun, description, unnamed, missing); ``all_gold`` the correct rows over all gold rows
(an unmatched row counts as wrong); ``aligned`` the share of gold rows matched;
``by_confidence`` the accuracy of matched rows by the quote's ``confidence`` band (is a
confidence of 0.9 right nine times in ten?).

Baseline: ``quote_regex`` quotes and the bare model's PERSON/ORG entities.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from pipeline.eval.baselines.quote_regex import regex_quotes_and_entities
from pipeline.eval.corpora import speakers
from pipeline.eval.corpora.base import Attribution, BenchDoc
from pipeline.eval.metrics import Acc, finalize, to_float
from pipeline.eval.suites import Predictions, Rows, Suite, context, rows_of

ALIGNMENT = 0.3
"""A gold row is matched when the best quote covers this share of its content."""

ENTITY_LABELS = frozenset({"PERSON", "ORG"})
"""Entity labels that name a person or organisation (for null gold)."""

_POSSESSIVE = re.compile(r"['’]s\b")
_INITIAL = re.compile(r"[a-z]\.?")


@cache
def _name_words() -> tuple[frozenset[str], frozenset[str]]:
    """Titles and generational suffixes of ``data/speaker_titles.toml``."""
    path = files("pipeline.eval") / "data" / "speaker_titles.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    return frozenset(data["titles"]), frozenset(data["suffixes"])


def normalise(name: str | None) -> str:
    """A speaker name in comparable form (see the module docstring); "" for none."""
    titles, suffixes = _name_words()
    words = _POSSESSIVE.sub("", (name or "").lower()).split()
    words = [w for w in words if w.replace(".", "").replace(",", "") not in titles]
    last = len(words) - 1
    words = [
        w
        for i, w in enumerate(words)
        if w.replace(".", "").replace(",", "") not in suffixes
        and not (0 < i < last and _INITIAL.fullmatch(w.rstrip(",")))
    ]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(" ".join(words).replace(".", "").replace(",", "").split())


def predicted_name(row: dict[str, Any] | None) -> str | None:
    """The name a quote row credits: ``speaker_canonical``, else ``speaker``."""
    if row is None:
        return None
    for key in ("speaker_canonical", "speaker"):
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def entity_names(rows: Rows) -> frozenset[str]:
    """Normalised text and canonical names of the PERSON and ORG entity rows."""
    names = {
        normalise(row[key])
        for row in rows
        if row.get("label") in ENTITY_LABELS
        for key in ("text", "canonical")
        if isinstance(row.get(key), str)
    }
    return frozenset(names - {""})


def speaker_correct(
    name: str | None, gold: Attribution, other_speakers: Sequence[str], entities: frozenset[str]
) -> bool:
    """Whether a predicted name is right for a gold row.

    ``other_speakers`` are the normalised canonical names of the article's other gold
    speakers; ``entities`` the normalised PERSON/ORG names predicted in the article.
    """
    predicted = normalise(name)
    alternates = {normalise(a) for a in gold.alternates} - {""}
    if gold.canonical is None:
        return predicted == "" or predicted in alternates or predicted not in entities
    if predicted == "":
        return False
    canonical = normalise(gold.canonical)
    if predicted == canonical or predicted in alternates:
        return True
    last = canonical.split()[-1] if canonical else ""
    clash = any(other.split()[-1:] == [last] for other in other_speakers)
    return " " not in predicted and predicted == last and not clash


def align(gold: Attribution, rows: Rows) -> dict[str, Any] | None:
    """The quote row the gold row is matched to, or None (see the module docstring)."""
    length = sum(e - s for s, e in gold.content)
    best, best_shared = None, 0
    for row in sorted(rows, key=_order):
        shared = sum(_shared(s, e, row) for s, e in _union(gold.content))
        if shared > best_shared:
            best, best_shared = row, shared
    if best is None or length == 0 or best_shared / length < ALIGNMENT:
        return None
    return best


def _order(row: dict[str, Any]) -> tuple[int, int]:
    return (int(row["start_char"]), int(row["end_char"]))


def _shared(start: int, end: int, row: dict[str, Any]) -> int:
    return max(0, min(end, int(row["end_char"])) - max(start, int(row["start_char"])))


def _union(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans merged where they overlap, so no position counts twice."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def judged(doc: BenchDoc, predictions: Predictions) -> list[tuple[Attribution, Any, bool]]:
    """Each gold row of a document with its aligned quote row (or None) and whether the
    speaker is right (an unaligned row is wrong)."""
    quotes = [
        r
        for r in rows_of(predictions, doc.doc_id, "quotes")
        if to_float(r.get("start_char")) is not None and to_float(r.get("end_char")) is not None
    ]
    entities = entity_names(rows_of(predictions, doc.doc_id, "entities"))
    canonicals = {normalise(a.canonical) for a in doc.attributions if a.canonical} - {""}
    out = []
    for gold in doc.attributions:
        row = align(gold, quotes)
        others = sorted(canonicals - {normalise(gold.canonical)})
        ok = row is not None and speaker_correct(predicted_name(row), gold, others, entities)
        out.append((gold, row, ok))
    return out


CONFIDENCE_BANDS = (("at_least_90", 0.9), ("70_to_90", 0.7), ("below_70", 0.0))
"""Bands of the quotes' ``confidence`` for the calibration figures (lower bound each)."""


def _band(row: dict[str, Any]) -> str:
    confidence = to_float(row.get("confidence")) or 0.0
    return next(name for name, low in CONFIDENCE_BANDS if confidence >= low - 1e-6)


def score(docs: Sequence[BenchDoc], predictions: Predictions) -> dict[str, Any]:
    """Speaker accuracy over matched rows and over all gold rows, overall and per kind."""
    names = ("overall", *speakers.KINDS)
    total: dict[str, Any] = {
        "aligned": Acc(),
        "matched": {name: Acc() for name in names},
        "all_gold": {name: Acc() for name in names},
        "by_confidence": {name: Acc() for name, _ in CONFIDENCE_BANDS},
    }
    for doc in docs:
        for gold, row, ok in judged(doc, predictions):
            total["aligned"].add(row is not None)
            for name in ("overall", gold.kind or "missing"):
                total["all_gold"][name].add(ok)
                if row is not None:
                    total["matched"][name].add(ok)
            if row is not None:
                total["by_confidence"][_band(row)].add(ok)
    return {"documents": len(docs), "rows": total["aligned"].total, **finalize(total)}


def errors(docs: Sequence[BenchDoc], predictions: Predictions) -> list[dict[str, Any]]:
    """Gold rows no quote covers (``miss``) and matched rows credited to the wrong speaker."""
    found = []
    for doc in docs:
        for gold, row, ok in judged(doc, predictions):
            if ok:
                continue
            start, end = gold.content[0][0], max(e for _, e in gold.content)
            found.append(
                {
                    "doc_id": doc.doc_id,
                    "kind": "miss" if row is None else "wrong_speaker",
                    "source_kind": gold.kind,
                    "text": doc.text[start:end][:200],
                    "gold": gold.canonical,
                    "alternates": list(gold.alternates),
                    "pred": predicted_name(row),
                    "context": context(doc.text, start, min(end, start + 200)),
                }
            )
    return found


SUITE = Suite(
    name="speakers",
    folder="speakers-dev",
    description="canonical speakers of PolNeAR attributions (speakers-dev)",
    read=speakers.read,
    score=score,
    baseline=regex_quotes_and_entities,
    baseline_name="quote_regex + bare en_core_web_sm entities",
    headline=(
        ("matched.overall.accuracy", "speaker accuracy (matched)"),
        ("matched.pronoun.accuracy", "pronoun sources (matched)"),
        ("matched.description.accuracy", "description sources (matched)"),
        ("by_confidence.at_least_90.accuracy", "speaker accuracy, confidence >= 0.9"),
        ("matched.named.accuracy", "named sources (matched)"),
        ("all_gold.overall.accuracy", "correct over all gold"),
    ),
    errors=errors,
)
