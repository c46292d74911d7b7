"""Finding event triggers: taxonomy phrases matched on lemmas or on lower-case forms.

A trigger phrase matches where its words are the tokens' lemmas, or their lower-case forms,
and its first token is a verb, noun or adjective. :func:`trigger_patterns` states that as
token :class:`~spacy.matcher.Matcher` patterns; :class:`TriggerMatcher` finds the same
matches with two :class:`~spacy.matcher.PhraseMatcher` (one on ``LEMMA``, one on ``LOWER``),
which look each token up in a table instead of trying every pattern at every token (with
some 900 phrases the token matcher cost more than the parser).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.errors import Errors
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

TRIGGER_POS = ("VERB", "NOUN", "ADJ")
"""Parts of speech a trigger's first token may have."""


def trigger_words(phrase: str) -> list[str]:
    """A trigger phrase as the lower-case words it is matched as (hyphens are words)."""
    return [w for w in re.split(r"(\s+|-)", phrase.lower()) if w and not w.isspace()]


def trigger_patterns(phrase: str) -> list[list[dict]]:
    """Token ``Matcher`` patterns for a trigger phrase: all lemmas, or all lower-case forms
    (the matches :class:`TriggerMatcher` finds)."""
    words = trigger_words(phrase)
    by_lemma = [{"LEMMA": w} for w in words]
    by_form = [{"LOWER": w} for w in words]
    for pattern in (by_lemma, by_form):
        pattern[0] = {**pattern[0], "POS": {"IN": list(TRIGGER_POS)}}
    return [by_lemma, by_form]


class TriggerMatcher:
    """Trigger spans of a document, labelled with their phrase's key (the event type).

    Returns what a token ``Matcher`` holding :func:`trigger_patterns` of every phrase, keys
    added in the order given, returns, in the order that matters: a span found by several
    keys comes first with the key added first (``filter_spans`` keeps the first of equal
    spans)."""

    def __init__(self, vocab: Vocab, phrases: Sequence[tuple[str, Sequence[str]]]) -> None:
        self.by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        self.by_form = PhraseMatcher(vocab, attr="LOWER")
        self.rank: dict[int, int] = {}
        self.pos = frozenset(vocab.strings.add(p) for p in TRIGGER_POS)
        for rank, (key, key_phrases) in enumerate(phrases):
            self.rank[vocab.strings.add(key)] = rank
            words = [trigger_words(p) for p in key_phrases]
            for w in words:
                if any(word.lower() != word for word in w):  # LOWER of the pattern must be w
                    raise ValueError(f"trigger {' '.join(w)!r} changes when lower-cased again")
            self.by_lemma.add(key, [Doc(vocab, words=w, lemmas=w) for w in words])
            self.by_form.add(key, [Doc(vocab, words=w) for w in words])

    def __call__(self, doc: Doc) -> list[Span]:
        _require_annotation(doc)
        found = set(self.by_lemma(doc)) | set(self.by_form(doc))
        keep = [(key, s, e) for key, s, e in found if doc[s].pos in self.pos]
        keep.sort(key=lambda m: (m[1], m[2], self.rank[m[0]]))
        return [Span(doc, s, e, label=key) for key, s, e in keep]


def _require_annotation(doc: Doc) -> None:
    """What the token ``Matcher`` requires of a document with part-of-speech and lemma
    patterns (the same error, so a document without them fails as it did)."""
    for attr, pipe in (("POS", "morphologizer or tagger+attribute_ruler"), ("LEMMA", "lemmatizer")):
        if not doc.has_annotation(attr):
            raise ValueError(Errors.E155.format(pipe=pipe, attr=attr))
