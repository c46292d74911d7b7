"""Lookups over one document that stages build once instead of rereading the document.

``Doc.ents`` builds a new ``Span`` (and three ``Token`` objects) per mention on every access,
and ``Token.sent`` walks to the sentence's ends each time; a stage that asks which mention
holds a token, or which sentence a token is in, for every quote or trigger pays that again
and again. These indexes are built from one read and answer the same questions. They hold
for the document as it was when built: build them after the last change to its mentions.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from spacy.attrs import IS_LOWER, IS_TITLE, LOWER, ORTH
from spacy.tokens import Doc, Span


class MentionIndex:
    """A document's entity mentions, read once, with lookups by token."""

    def __init__(self, ents: Iterable[Span]) -> None:
        self.ents: tuple[Span, ...] = tuple(ents)
        self._starts = [e.start for e in self.ents]
        self._by_token: dict[int, Span] | None = None

    @classmethod
    def of(cls, doc: Doc) -> MentionIndex:
        """The index of ``doc.ents``."""
        return cls(doc.ents)

    def at(self, i: int) -> Span | None:
        """The mention holding token ``i``, if any (mentions never overlap)."""
        if self._by_token is None:
            self._by_token = {k: e for e in self.ents for k in range(e.start, e.end)}
        return self._by_token.get(i)

    def holding(self, indices: Iterable[int]) -> list[Span]:
        """The mentions holding any of the token ``indices``, in document order: what
        ``[e for e in ents if any(i in indices for i in range(e.start, e.end))]`` gives."""
        found = {}
        for i in indices:
            ent = self.at(i)
            if ent is not None:
                found[ent.start] = ent
        return [found[start] for start in sorted(found)]

    def starting_in(self, start: int, end: int) -> list[Span]:
        """The mentions whose first token lies in ``[start, end)``, in document order."""
        return list(self.ents[bisect_left(self._starts, start) : bisect_left(self._starts, end)])


class TokenTable:
    """Every token's text, lower-case form and case flags, read through ``Doc.to_array`` and
    the string store: what a loop over all tokens reads, without a ``Token`` per token."""

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER, IS_LOWER, IS_TITLE]).tolist() if len(doc) else []
        self.texts: list[str] = [strings[row[0]] for row in rows]
        """``token.text``"""
        self.lowers: list[str] = [strings[row[1]] for row in rows]
        """``token.lower_``"""
        self.is_lower: list[bool] = [bool(row[2]) for row in rows]
        """``token.is_lower``"""
        self.is_title: list[bool] = [bool(row[3]) for row in rows]
        """``token.is_title``"""


def sentence_index(doc: Doc) -> list[int]:
    """For every token, the number of its sentence (``doc.sents`` order)."""
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index
