"""What the event stage reads of one document again and again, read once per document.

``Doc.ents`` builds a ``Span`` for every mention on each access and ``Doc.text`` joins every
token; the event stage asks for them, for the article's lead paragraphs and for the days it
names once per trigger. :class:`EventFacts` keeps them for the document being processed (the
event stage changes no entity), with the place and date word lists of
``event_arguments.toml`` and the tests of what a date mention is (a day that may date an
incident, a time of day with no day beside it, the date of a report).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
from spacy.attrs import ENT_TYPE
from spacy.tokens import Doc, Span, Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import Block, block_finder
from pipeline.stages.doc_index import MentionIndex, SentenceBounds, TokenTable, text_slicer
from pipeline.stages.quote_rules import load_rules as quote_rules
from pipeline.stages.values import clock_day, is_bare_clock

DATE_LABELS = frozenset({"DATE", "TIME"})
# Paragraphs of the article that tell its incident (the lead and the two after it).
LEAD_PARAGRAPHS = 3
# A date names a day when its value starts like this (``2014-01-25``, ``2014-01-25TNI``).
FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SettingWords:
    """Word lists of ``event_arguments.toml`` for places and dates."""

    place_preps: frozenset[str]
    first_place_preps: frozenset[str]
    topic_prep: str
    locative_nouns: frozenset[str]
    span_preps: frozenset[str]
    span_words: frozenset[str]
    arrival_verbs: frozenset[str]


@lru_cache(maxsize=1)
def setting_words() -> SettingWords:
    """The built-in lists."""
    data = load_resource("event_arguments.toml")
    return SettingWords(
        place_preps=word_set(data["place_preps"]),
        first_place_preps=word_set(data["first_place_preps"]),
        topic_prep=data["topic_prep"],
        locative_nouns=word_set(data["locative_nouns"]),
        span_preps=word_set(data["span_preps"]),
        span_words=word_set(data["span_words"]),
        arrival_verbs=word_set(data["arrival_verbs"]),
    )


class EventFacts:
    """One document's entity mentions, layout and day mentions, each computed once.

    Valid while the document's entities and their values do not change: build one per
    document in the event stage, after every stage that sets them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mentions = MentionIndex.of(doc)
        self.ents = self.mentions.ents
        self.blocks: Sequence[Block] = doc._.blocks or []
        self._unplaced: dict[int, bool] = {}
        self._once: dict[str, Any] = {}

    def once(self, name: str, compute: Callable[[], Any]) -> Any:
        """A value of this document that an event module computes on first use (``name``
        keys it), the same for every trigger."""
        if name not in self._once:
            self._once[name] = compute()
        return self._once[name]

    @cached_property
    def published(self) -> dt.date | None:
        """The document's publication date (``doc._.published`` decodes it on each read)."""
        return self.doc._.published

    @cached_property
    def tokens(self) -> TokenTable:
        """Every token's text and case, without ``Token`` objects."""
        return TokenTable(self.doc)

    @cached_property
    def _sentences(self) -> SentenceBounds:
        return SentenceBounds(self.doc)

    def sentence(self, token: Token) -> Span:
        """``token.sent``, from the document's sentence starts read once."""
        return self._sentences.of(token)

    @cached_property
    def chars(self) -> Callable[[int, int], str]:
        """``doc.text[start:end]``, without building the whole text."""
        return text_slicer(self.doc)

    def entity_at(self, token: Token, labels: frozenset[str]) -> Span | None:
        """The mention holding ``token`` when its label is one of ``labels``."""
        if token.ent_type_ not in labels:
            return None
        return self.mentions.at(token.i)

    @cached_property
    def _date_counts(self) -> list[int]:
        return _tagged_counts(self.doc, DATE_LABELS)

    def dated_within(self, start: int, end: int) -> bool:
        """Whether a token in ``[start, end)`` belongs to a date or time mention."""
        counts = self._date_counts
        return counts[end] > counts[start]

    def starting_in(self, start: int, end: int) -> list[Span]:
        """Mentions whose first token lies in ``[start, end)``, in document order."""
        return self.mentions.starting_in(start, end)

    @cached_property
    def block_of(self) -> Callable[[int], Block | None]:
        """The block holding a character offset (:func:`block_at`, its starts read once)."""
        return block_finder(self.blocks)

    def paragraph(self, char: int) -> int:
        """The paragraph number of a character offset (0 outside every block)."""
        block = self.block_of(char)
        return block.paragraph if block is not None else 0

    @cached_property
    def dateline_place(self) -> str | None:
        """The dateline's first place when the entity stage took it for a place, not a body
        (``UNITED NATIONS``)."""
        for ent in self.ents:
            if ent.label_ == "GPE" and ent._.source == "dateline":
                return ent._.canonical or ent.text
        return None

    @cached_property
    def body(self) -> list[Block]:
        """The body blocks, in order."""
        return [b for b in self.blocks if b.role == "body"]

    @cached_property
    def _body_paragraphs(self) -> list[int]:
        return sorted({b.paragraph for b in self.body})

    def in_lead(self, token: Token, paragraphs: int = LEAD_PARAGRAPHS) -> bool:
        """Whether a token lies in the article's first ``paragraphs`` body paragraphs, where
        a news story tells its incident (everywhere when there is no body)."""
        if not self.body:
            return True
        return self.paragraph(token.idx) in self._body_paragraphs[:paragraphs]

    def unplaced_clock(self, ent: Span) -> bool:
        """A time of day with no day beside it (``about 2:20 p.m.``): its day is only the
        report's guess."""
        if ent.start not in self._unplaced:
            self._unplaced[ent.start] = (
                ent.label_ in DATE_LABELS
                and bool(ent._.value)
                and is_bare_clock(ent.text)
                and clock_day(ent, self.ents) is None
            )
        return self._unplaced[ent.start]

    @cached_property
    def days(self) -> list[Span]:
        """The mentions that name a day an event may have happened on, in document order:
        a full day, not the date of a report, not the dateline's, not a bare time of day."""
        return [e for e in self.ents if self._is_day(e)]

    def _is_day(self, ent: Span) -> bool:
        if ent.label_ not in DATE_LABELS:
            return False
        value = ent._.value or ""
        return (
            ent._.timex_type in ("DATE", "TIME")
            and FULL_DAY.match(value) is not None
            and not dates_a_report(ent)
            and not self._in_dateline(ent)
            and not self.unplaced_clock(ent)
        )

    def _in_dateline(self, ent: Span) -> bool:
        """The dateline's date is the report's (``UNITED NATIONS, July 22. /TASS/.``)."""
        block = self.block_of(ent.start_char)
        return block is not None and block.role == "dateline"


def _tagged_counts(doc: Doc, labels: frozenset[str]) -> list[int]:
    """For every token offset ``i`` (and ``len(doc)``), how many tokens before it belong to
    a mention with one of ``labels``."""
    if not len(doc):
        return [0]
    types = doc.to_array(ENT_TYPE)
    tagged = np.zeros(len(types), dtype=bool)
    for label in labels:
        tagged |= types == types.dtype.type(doc.vocab.strings[label])
    return [0, *np.cumsum(tagged).tolist()]


def dates_a_report(ent: Span) -> bool:
    """``... informed on Wednesday``: the date of the report, not of the event; ``since
    2013``, ``until Friday``: a span, not the event's date."""
    root = ent.root
    if root.dep_ == "appos":  # "said Monday, May 11"
        root = root.head
    head = root.head
    if head.lower_ in setting_words().span_preps:
        return True
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    return head.lemma_.lower() in quote_rules().verbs and _reports(head)


def _reports(verb: Token) -> bool:
    """Whether a verb of saying reports here: not when it takes a thing as its object and no
    clause (``threatened shoppers Wednesday night``), nor ``respond to`` a scene (``police
    responded Wednesday to shots fired``), nor when what is said is an ``of`` phrase that
    the date goes with (``accused of shooting his son on Jan. 22``)."""
    deps = {c.dep_ for c in verb.children}
    if deps & {"ccomp", "xcomp", "parataxis", "dative"}:
        return True
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in verb.children):
        return False
    if verb.lemma_.lower() in setting_words().arrival_verbs and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in verb.children
    ):
        return False
    return "dobj" not in deps
