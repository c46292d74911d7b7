"""The data the stages hand to each other and to the tables: layout blocks, sentences,
speakers, quotes and events, plus the entity label sets.

Every value here is plain data with character offsets into ``doc.text``. Each converts to and
from a dict of msgpack-friendly values (:func:`to_data`, ``from_data``), which is how
:mod:`pipeline.stages.extensions` stores them in ``doc.user_data`` so that ``Doc.to_bytes()``
and ``DocBin`` keep them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import lru_cache
from typing import Any

# Entity labels (OntoNotes, as spaCy uses them), by kind.
NAME_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    }
)
DATE_LABELS = frozenset({"DATE", "TIME"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
ALL_LABELS = NAME_LABELS | DATE_LABELS | NUMBER_LABELS

# Layout roles whose text is the article's own reporting (quotes and events are read there).
CONTENT_ROLES = frozenset({"body", "subheadline"})


@dataclass(frozen=True)
class Block:
    """A stretch of text with one layout role (``boilerplate``, ``headline``,
    ``subheadline``, ``dateline``, ``body``); ``paragraph`` numbers the source paragraph.

    ``kind`` names a finer layout where the role has one: a ``heading`` (a section heading or
    newsletter rubric, role ``subheadline``), a ``byline``, a photo ``credit`` and a
    ``related`` link (role ``boilerplate``), a results ``table`` (role ``body``)."""

    start: int
    end: int
    role: str
    paragraph: int
    kind: str = ""

    @property
    def layout(self) -> str:
        """The finest layout name: ``kind`` when set, else ``role``."""
        return self.kind or self.role


def block_at(blocks: Sequence[Block], char: int) -> Block | None:
    """The block holding character offset ``char``: the last one starting at or before it."""
    index = bisect_right([b.start for b in blocks], char) - 1
    return blocks[index] if index >= 0 else None


def block_finder(blocks: Sequence[Block]) -> Callable[[int], Block | None]:
    """:func:`block_at` over ``blocks`` for many offsets, the block starts listed once."""
    starts = [b.start for b in blocks]

    def find(char: int) -> Block | None:
        index = bisect_right(starts, char) - 1
        return blocks[index] if index >= 0 else None

    return find


@dataclass(frozen=True)
class Sentence:
    """A sentence with its layout role; offsets index the document text (no outer spaces)."""

    sent_id: int
    start: int
    end: int
    role: str
    paragraph: int


@dataclass(frozen=True)
class Speaker:
    """Who a quote is credited to: the mention in the text (``the spokesman``), what kind of
    mention it is (``named``, ``pronoun``, ``description``, ``unnamed``) and, when known, who
    that is (``Stephane Dujarric``, its entity cluster and label)."""

    text: str
    start: int
    end: int
    canonical: str | None = None
    cluster_id: int | None = None
    label: str | None = None
    kind: str | None = None


@dataclass
class Quote:
    """One attributed quote; ``start``/``end`` bound the content without quotation marks."""

    start: int
    end: int
    kind: str  # direct, indirect, mixed
    speaker: Speaker | None = None
    cue: str | None = None  # lemma of the reporting verb or phrase
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.5

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Quote:
        """The quote stored by :func:`to_data`."""
        speaker = data.get("speaker")
        return cls(**{**data, "speaker": Speaker(**speaker) if speaker else None})


@dataclass
class Event:
    """One event mention; ``start``/``end`` bound the trigger."""

    start: int
    end: int
    trigger: str
    event_type: str
    cameo: str | None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    city: str | None = None
    date: str | None = None
    date_text: str | None = None
    date_inferred: bool = False  # the date came from the paragraph or lead, not the clause
    quantity: float | None = None
    quantity_unit: str | None = None
    reported_by: str | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted, negated, hypothetical, future, generic
    mentions: list[list[int]] = field(default_factory=list)  # every trigger span merged in
    nominal: bool = False  # a noun trigger ("the attack"), which may refer back
    # how a casualty's victim refers to someone already told of: "pronoun" ("he"), "name"
    # (a name seen before), "victim" ("the victim"), "definite" ("the wounded man"); None
    # for a new one ("a 20-year-old man"); victim_at is where the victim is named
    victim_ref: str | None = None
    victim_at: int | None = None

    def has_arguments(self) -> bool:
        """Whether anything beyond the type is known."""
        return bool(
            self.actors
            or self.targets
            or self.location
            or (self.date and not self.date_inferred)
            or self.quantity is not None
        )

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Event:
        """The event stored by :func:`to_data` (msgpack may hand lists back as tuples)."""
        return cls(
            **{
                **data,
                "actors": list(data["actors"]),
                "targets": list(data["targets"]),
                "mentions": [list(m) for m in data.get("mentions", [])],
            }
        )


def to_data(value: Block | Quote | Event) -> dict[str, Any]:
    """A dict of plain values (nested for a quote's speaker), msgpack-friendly: what
    ``dataclasses.asdict`` gives, without deep-copying strings and numbers one by one."""
    return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}


@lru_cache(maxsize=64)
def _field_names(cls: type) -> tuple[str, ...]:
    """The field names of a dataclass (``dataclasses.fields`` builds them on each call)."""
    return tuple(f.name for f in fields(cls))


def _plain(value: Any) -> Any:
    if value is None or type(value) in (str, int, float, bool):
        return value  # immutable: asdict's deep copy is the value itself
    if type(value) in (list, tuple):
        return type(value)(_plain(v) for v in value)
    if type(value) is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return to_data(value)
    return asdict(_Wrapped(value))["value"]  # anything else as asdict copies it


@dataclass
class _Wrapped:
    value: Any
