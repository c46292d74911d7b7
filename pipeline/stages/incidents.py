"""Casualties reconciled across the mentions of one incident, as an analyst counts them:

* a victim wounded and said to have died in the same or the next sentence (``was shot in the
  neck and pronounced dead``, ``was shot ... He died at the hospital``) is a death, not also
  an injury;
* single victims wounded one after another in one paragraph (``the boy was shot in the
  stomach; a 20-year-old man was shot in the leg``) are one injury event with their count,
  unless the text says the shootings were separate.

Works on the events of one document, after each mention has been read.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import Event, block_at

DEATH, INJURY = "death", "injury"
# Sentences after a wounding in which a death of the victim is looked for.
DEATH_WINDOW = 1


def reconcile(doc: Doc, events: list[Event]) -> list[Event]:
    """The document's events with died-later injuries dropped and single victims tallied."""
    sentence = _sentence_of(doc)
    deaths = [e for e in events if _asserted(e, DEATH)]
    kept = [
        e
        for e in events
        if not (
            _single(e, INJURY)
            and any(abs(sentence(d.start) - sentence(e.start)) <= DEATH_WINDOW for d in deaths)
        )
    ]
    return _tally(doc, kept, INJURY)  # deaths: one victim is often named dying several times


def _tally(doc: Doc, events: list[Event], kind: str) -> list[Event]:
    """Single victims of ``kind`` in one paragraph, not said to be apart, as one event."""
    separate = word_set(load_resource("event_arguments.toml")["separate_words"])
    result: list[Event] = []
    tally: Event | None = None  # the event single victims are added to
    for event in events:
        if not _single(event, kind):
            result.append(event)
            continue
        if (
            tally is not None
            and _paragraph(doc, event.start) == _paragraph(doc, tally.start)
            and not _mentions_any(doc, tally.start, event.end, separate)
        ):
            tally.quantity = (tally.quantity or 1) + 1
            tally.mentions.append([event.start, event.end])
            continue
        result.append(event)
        tally = event
    return result


def _asserted(event: Event, kind: str) -> bool:
    return event.event_type == kind and event.modality == "asserted"


def _single(event: Event, kind: str) -> bool:
    return _asserted(event, kind) and event.quantity in (None, 1.0)


def _mentions_any(doc: Doc, start: int, end: int, words: frozenset[str]) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.lower_ in words for t in span)


def _paragraph(doc: Doc, char: int) -> int:
    block = block_at(doc._.blocks or [], char)
    return block.paragraph if block is not None else 0


def _sentence_of(doc: Doc):  # noqa: ANN202 - char -> sentence number
    starts = [s.start_char for s in doc.sents]

    def sentence(char: int) -> int:
        return sum(1 for s in starts if s <= char) - 1

    return sentence
