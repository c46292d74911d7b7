"""Lookups over one document that stages build once instead of rereading the document.

``Doc.ents`` builds a new ``Span`` (and three ``Token`` objects) per mention on every access,
and ``Token.sent`` walks to the sentence's ends each time; a stage that asks which mention
holds a token, or which sentence a token is in, for every quote or trigger pays that again
and again. These indexes are built from one read and answer the same questions. They hold
for the document as it was when built: build them after the last change to its mentions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from functools import cached_property

import numpy as np
from spacy.attrs import IDX, IS_LOWER, IS_TITLE, LENGTH, LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

# Token.ent_iob: 0 no annotation, 1 inside, 2 outside, 3 beginning of a mention.
IOB_INSIDE, IOB_OUTSIDE, IOB_BEGIN = 1, 2, 3


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


def entity_of(token: Token) -> Span | None:
    """The mention of ``doc.ents`` holding ``token``, if any, built from that mention's tokens
    only (``Doc.ents`` makes a ``Span`` for every mention of the document): what
    ``next((e for e in doc.ents if e.start <= token.i < e.end), None)`` gives."""
    doc = token.doc
    if token.ent_iob not in (IOB_BEGIN, IOB_INSIDE):
        return None if token.ent_iob == IOB_OUTSIDE else _scanned(token)
    start = token.i
    while start > 0 and doc[start].ent_iob == IOB_INSIDE:
        start -= 1
    first = doc[start]
    if first.ent_iob != IOB_BEGIN or first.ent_type == 0:
        return _scanned(token)  # not as a tagger leaves it: as Doc.ents reads it
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob == IOB_INSIDE:
        end += 1
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def _scanned(token: Token) -> Span | None:
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


class TokenTable:
    """Every token's text, lower-case form and case flags, from ``Doc.to_array`` and the
    document's text: what a loop over all tokens reads, without a ``Token`` per token. Each
    column is read on first use."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        self._text = text

    def _column(self, attr: int) -> list[int]:
        return self.doc.to_array(attr).tolist() if len(self.doc) else []

    @cached_property
    def text(self) -> str:
        """``doc.text``."""
        return self.doc.text if self._text is None else self._text

    @cached_property
    def starts(self) -> list[int]:
        """``token.idx`` of every token: where its characters start in the text."""
        return self._column(IDX)

    @cached_property
    def lengths(self) -> list[int]:
        """``len(token.text)`` of every token."""
        return self._column(LENGTH)

    @cached_property
    def texts(self) -> list[str]:
        """``token.text`` of every token: its characters of the text."""
        text = self.text
        return [text[a : a + n] for a, n in zip(self.starts, self.lengths, strict=True)]

    def words(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (``0 <= start``, ``end <= len(doc)``): the characters from
        the first token's start to the last token's end."""
        if end <= start:
            return ""
        return self.text[self.starts[start] : self.starts[end - 1] + self.lengths[end - 1]]

    @cached_property
    def lower_ids(self) -> list[int]:
        """``token.lower`` (the string store's id of ``token.lower_``) of every token."""
        return self._column(LOWER)

    @cached_property
    def is_lower(self) -> list[bool]:
        """``token.is_lower`` of every token."""
        return [bool(v) for v in self._column(IS_LOWER)]

    @cached_property
    def is_title(self) -> list[bool]:
        """``token.is_title`` of every token."""
        return [bool(v) for v in self._column(IS_TITLE)]


def words_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` (``start`` not negative) from the tokens themselves, without
    making the ``Span`` (a stage reading the text of every mention pays that for each)."""
    end = min(end, len(doc))
    if end <= start:
        return ""
    if end - start == 1:
        return doc[start].text
    last = doc[end - 1]
    return "".join([doc[i].text_with_ws for i in range(start, end - 1)]) + last.text


def text_slicer(doc: Doc) -> Callable[[int, int], str]:
    """``doc.text[start:end]`` for non-negative offsets, from the tokens holding those
    characters only (``Doc.text`` joins every token of the document on each access)."""
    starts = doc.to_array(IDX).tolist() if len(doc) else []

    def chars(start: int, end: int) -> str:
        if not starts or end <= start:
            return ""
        first = max(bisect_right(starts, start) - 1, 0)
        last = max(bisect_left(starts, end) - 1, first)
        joined = "".join(doc[i].text_with_ws for i in range(first, last + 1))
        return joined[start - starts[first] : end - starts[first]]

    return chars


def blank_test(doc: Doc) -> Callable[[int, int], bool]:
    """Whether ``doc.text[start:end]`` is empty or only white space (for non-negative
    offsets), reading the tokens holding those characters up to the first that is not."""
    starts = doc.to_array(IDX).tolist() if len(doc) else []

    def blank(start: int, end: int) -> bool:
        if not starts or end <= start:
            return True
        first = max(bisect_right(starts, start) - 1, 0)
        last = max(bisect_left(starts, end) - 1, first)
        for i in range(first, last + 1):
            offset = starts[i]
            if doc[i].text_with_ws[max(start - offset, 0) : end - offset].strip():
                return False
        return True

    return blank


def sentence_index(doc: Doc) -> list[int]:
    """For every token, the number of its sentence (``doc.sents`` order)."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        index = [0] * len(doc)
        for number, sent in enumerate(doc.sents):  # (raises as doc.sents does)
            for i in range(sent.start, sent.end):
                index[i] = number
        return index
    # doc.sents starts a sentence at every token after the first whose sent_start is 1
    if not len(doc):
        return []
    starts = doc.to_array(SENT_START) == 1
    starts[0] = False
    return np.cumsum(starts).tolist()


class SentenceBounds:
    """Each token's sentence as ``token.sent`` gives it, from one read of the document's
    sentence starts (``token.sent`` makes two spans and walks to both ends on each access).
    Sentences set by hooks, or a document without sentence starts, are read through
    ``token.sent`` itself."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._starts: list[int] | None = None
        self._spans: dict[int, Span] = {}
        hooked = "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks
        if len(doc) and not hooked and "sents" not in doc.user_hooks:
            if doc.has_annotation("SENT_START"):
                # token.sent runs from the nearest token at or before it whose sent_start is
                # 1 (else the first token) to the next one after it (else the end)
                starts = doc.to_array(SENT_START) == 1
                starts[0] = True
                self._starts = np.flatnonzero(starts).tolist()

    def of(self, token: Token) -> Span:
        """``token.sent`` (``token`` of this document)."""
        if self._starts is None:
            return token.sent
        k = bisect_right(self._starts, token.i) - 1
        start = self._starts[k]
        if start not in self._spans:
            end = self._starts[k + 1] if k + 1 < len(self._starts) else len(self.doc)
            self._spans[start] = self.doc[start:end]
        return self._spans[start]
