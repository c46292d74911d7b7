"""The ``Doc._`` and ``Span._`` attributes through which stages hand results to each other.

Everything is stored in ``doc.user_data`` as plain values (strings, numbers, lists, dicts), so
``Doc.to_bytes()`` and ``DocBin(store_user_data=True)`` keep it:

* document attributes (``title``, ``dateline``, ...) are ordinary extensions;
* ``published`` is stored as an ISO string and read back as a ``datetime.date``;
* ``blocks``, ``quotes`` and ``events`` are stored as lists of dicts and read back as the
  dataclasses of :mod:`pipeline.stages.annotations`; setting ``quotes`` or ``events`` also
  fills the span groups ``doc.spans["quotes"]`` (content, labelled by kind) and
  ``doc.spans["events"]`` (trigger, labelled by event type) for spaCy tools such as displaCy;
* entity attributes (``cluster_id``, ``canonical``, ``value``, ...) are span extensions, which
  spaCy keys by character offsets, so they survive re-creating ``doc.ents``.

Registered once, idempotently, when any stage module is imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

from spacy.tokens import Doc, Span
from spacy.tokens.underscore import Underscore

from pipeline.stages.annotations import Block, Event, Quote, to_data
from pipeline.stages.doc_index import blank_test

DOC_ATTRS = {
    "published_from": "none",  # metadata | dateline | inferred | text | filename | config | none
    "source_name": None,  # the document id (file path without extension), searched for a date
    "title": None,
    "dateline": None,  # the dateline's first place, e.g. "UNITED NATIONS"
    "dateline_place": None,  # the whole place part, e.g. "GOMA, Democratic Republic of Congo"
    "agency": None,
    "dateline_date": None,  # the dateline's date words, e.g. "July 22"
}

SPAN_ATTRS = {
    "cluster_id": None,  # int: mentions of one real-world entity share it
    "canonical": None,  # str: the cluster's fullest name
    "value": None,  # str: TIMEX3 value or decimal string
    "value_num": None,  # float
    "unit": None,  # str
    "timex_type": None,  # DATE, TIME, DURATION, SET
    "approximate": False,
    "source": None,  # which component produced or last changed the mention
}

SPAN_GROUPS = {"quotes": "kind", "events": "event_type"}
"""Span groups kept in step with ``doc._.quotes`` / ``doc._.events``, and their label field."""


IMMUTABLE = frozenset({"blocks"})
"""Stored values read back in an immutable form (a tuple of frozen ``Block``). Each read
decodes anew (a stage reads them once per document and hands them on)."""


def _key(name: str) -> str:
    return f"news.{name}"


def _stored(
    name: str, encode: Callable[[Any], Any], decode: Callable[[Any], Any]
) -> tuple[Callable[[Doc], Any], Callable[[Doc, Any], None]]:
    """Getter and setter that keep ``name`` in ``doc.user_data`` in its encoded form."""

    def getter(doc: Doc) -> Any:
        raw = doc.user_data.get(_key(name))
        if raw is None:
            return None
        if name in IMMUTABLE:
            return tuple(decode(raw))
        return decode(raw)

    def setter(doc: Doc, value: Any) -> None:
        doc.user_data[_key(name)] = None if value is None else encode(value)
        if name in SPAN_GROUPS:
            _set_span_group(doc, name, value or [])

    return getter, setter


def _set_span_group(doc: Doc, name: str, items: list[Quote] | list[Event]) -> None:
    label_field = SPAN_GROUPS[name]
    spans = []
    blank = blank_test(doc)
    for item in items:
        if item.end <= item.start or blank(item.start, item.end):
            continue  # nothing to mark: an empty or blank span has no tokens
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is not None:
            spans.append(Span(doc, span.start, span.end, label=getattr(item, label_field)))
    doc.spans[name] = spans


def _encode_date(value: dt.date) -> str:
    return value.isoformat()


STORED = {
    "published": (_encode_date, dt.date.fromisoformat),  # the reference date for dates
    "blocks": (  # list[Block] from the cleaning stage
        lambda blocks: [[b.start, b.end, b.role, b.paragraph, b.kind] for b in blocks],
        lambda raw: [Block(*item) for item in raw],
    ),
    "quotes": (  # list[Quote] from the quote stage
        lambda quotes: [to_data(q) for q in quotes],
        lambda raw: [Quote.from_data(dict(item)) for item in raw],
    ),
    "events": (  # list[Event] from the event stage
        lambda events: [to_data(e) for e in events],
        lambda raw: [Event.from_data(dict(item)) for item in raw],
    ),
}


def span_reader(names: Sequence[str]) -> Callable[[Span], tuple[Any, ...]]:
    """A reader of the span attributes ``names`` for many spans: what
    ``tuple(getattr(span._, name) for name in names)`` gives, read straight from
    ``doc.user_data``, where spaCy keeps a span attribute with a default under the span's
    character offsets (``span._.name`` builds an accessor and looks the extension up on each
    read); through ``span._`` when an attribute has a getter or a mutable default."""
    specs = [(name, *Span.get_extension(name)[:3]) for name in names]
    plain = all(
        method is None and getter is None and not isinstance(default, Underscore.mutable_types)
        for _, default, method, getter in specs
    )
    probe = SimpleNamespace(_start=1, _end=2)
    if not plain or Underscore._get_key(probe, "name") != ("._.", "name", 1, 2):  # type: ignore[arg-type]
        return lambda span: tuple(getattr(span._, name) for name in names)
    defaults = [(name, default) for name, default, _, _ in specs]

    def read(span: Span) -> tuple[Any, ...]:
        data, start, end = span.doc.user_data, span.start_char, span.end_char
        return tuple(data.get(("._.", name, start, end), default) for name, default in defaults)

    return read


def span_writer(name: str) -> Callable[[Span, Any], None]:
    """A setter of the span attribute ``name`` for many spans: what ``setattr(span._, name,
    value)`` does, written straight into ``doc.user_data`` under the span's character offsets
    (``span._`` builds an accessor on each use); through ``span._`` when the attribute has a
    getter, setter or method, or is not registered."""
    spec = Span.get_extension(name)
    probe = SimpleNamespace(_start=1, _end=2)
    if (
        spec is None
        or any(part is not None for part in spec[1:])
        or Underscore._get_key(probe, name) != ("._.", name, 1, 2)  # type: ignore[arg-type]
    ):
        return lambda span, value: setattr(span._, name, value)

    def write(span: Span, value: Any) -> None:
        span.doc.user_data[("._.", name, span.start_char, span.end_char)] = value

    return write


def register() -> None:
    """Register every attribute (safe to call repeatedly)."""
    for name, default in DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, (encode, decode) in STORED.items():
        if not Doc.has_extension(name):
            getter, setter = _stored(name, encode, decode)
            Doc.set_extension(name, getter=getter, setter=setter)
    for name, default in SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register()
