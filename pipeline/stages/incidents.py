"""Casualties reconciled across the mentions of one incident, as an analyst counts them:

* a victim wounded and said to have died in the same or the next sentence (``was shot in the
  neck and pronounced dead``, ``was shot ... He died at the hospital``, ``X and Y were both
  shot ... pronounced the three adults dead``) is a death, not also an injury, unless each
  names a new victim of its own (``a man was killed and a woman was wounded``);
* a victim already told of (``he``, ``the victim``, a name seen before) wounded or dying
  again is the last casualty told of, not one more;
* single victims wounded one after another in one paragraph (``the boy was shot in the
  stomach; a 20-year-old man was shot in the leg``) are one injury event with their count,
  unless the text says the shootings were separate.

Works on the events of one document, after each mention has been read.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Doc, Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import Event, block_at
from pipeline.stages.casualties import casualty_words
from pipeline.stages.quote_rules import load_rules as quote_rules

DEATH, INJURY = "death", "injury"
# Sentences after a wounding in which a death of the victim is looked for.
DEATH_WINDOW = 1
# How a victim who died must be told of to be the one last said to be hurt.
DYING_REFERENCES = ("pronoun", "name", "victim")
# How a victim told of before is referred to (``Event.victim_ref``).
KNOWN_REFERENCES = ("pronoun", "name", "victim", "definite")


def reconcile(doc: Doc, events: list[Event]) -> list[Event]:
    """The document's events with died-later injuries dropped and single victims tallied."""
    sentence = _sentence_of(doc)
    deaths = [e for e in events if _asserted(e, DEATH)]
    kept = [e for e in events if not _died_later(doc, e, deaths, sentence)]
    kept = _known_victims(doc, kept, sentence)
    return _tally(doc, kept, INJURY)  # deaths: one victim is often named dying several times


def _died_later(
    doc: Doc, injury: Event, deaths: list[Event], sentence: Callable[[int], int]
) -> bool:
    """Whether a wounding's victim is said to have died in the same or the next sentence:
    a death there that may be of the same victim, unless the only deaths there that name
    their victim name another one."""
    if not _asserted(injury, INJURY):
        return False
    if not (_single(injury, INJURY) or injury.victim_ref in KNOWN_REFERENCES):
        return False
    near = [
        d
        for d in deaths
        if abs(sentence(d.start) - sentence(injury.start)) <= DEATH_WINDOW
        and (d.quantity or 1) >= (injury.quantity or 1)
    ]
    if any(d.victim_at is not None and _same_victim(doc, injury, d) for d in near):
        return True
    named = [d for d in near if d.victim_at is not None]
    return bool(near) and not named


def _same_victim(doc: Doc, injury: Event, death: Event) -> bool:
    """Whether a death near a wounding may be of its victim: not when the wounding names a
    new victim and the death does not name that one again (``a man was killed and a woman
    was wounded``, ``one man was shot to death and a second was wounded``, ``rushed a
    20-year-old man to the hospital, where he was treated after he was shot``)."""
    new_injured = (injury.victim_ref in (None, "new_name") and injury.victim_at is not None) or (
        injury.victim_ref in KNOWN_REFERENCES
        and _someone_new(doc, death.end if death.start < injury.start else 0, injury)
    )
    return (
        not new_injured
        or death.victim_at == injury.victim_at
        or death.victim_ref in KNOWN_REFERENCES
    )


def _known_victims(doc: Doc, events: list[Event], sentence: Callable[[int], int]) -> list[Event]:
    """A victim wounded who was already told of (``He had suffered multiple gunshot wounds``,
    ``the male victim was shot``, ``shot Wills twice``) is the last casualty told of: no
    injury more when that one died, the same injury when they were hurt. A victim told of
    by a pronoun, a name or as ``the victim`` who died (``the victim died at the hospital``)
    was no longer only hurt. Not when the sentence brings in someone new before the victim
    (``Police rushed a 20-year-old man to ..., where he was ...``): that is who it is."""
    kept: list[Event] = []
    last: Event | None = None  # the last casualty told of
    for event in events:
        if not (_asserted(event, INJURY) or _asserted(event, DEATH)):
            kept.append(event)
            continue
        same = (
            last is not None and event.victim_at is not None and event.victim_at == last.victim_at
        )
        known = same or (  # "was shot in the stomach and critically injured": one victim
            event.victim_ref in KNOWN_REFERENCES
            and last is not None
            and (
                event.victim_ref == "name"
                or not _someone_new(doc, max(m[1] for m in last.mentions), event)
            )
        )
        if known and _single(event, INJURY):
            if last.event_type == INJURY:
                last.mentions.append([event.start, event.end])
            continue
        if known and _single(event, DEATH) and last.event_type == INJURY and last in kept:
            if (last.quantity or 1) == 1:
                if event.victim_ref in DYING_REFERENCES or same:
                    kept.remove(last)
            elif sentence(event.start) - sentence(last.mentions[-1][0]) <= DEATH_WINDOW:
                last.quantity = (last.quantity or 1) - 1  # "two were shot ... one died"
        kept.append(event)
        last = event
    return kept


def _someone_new(doc: Doc, after: int, event: Event) -> bool:
    """Whether the victim's sentence, before the victim and after the last casualty (which
    ends at ``after``), brings in a person the text had not named: ``Police rushed a
    20-year-old man to Temple, where he was ...``, ``two women``, a name not seen before."""
    at = event.victim_at if event.victim_at is not None else event.start
    sentence = doc.char_span(at, at + 1, alignment_mode="expand")
    if sentence is None:
        return False
    start = max(after, sentence.sent.start_char)
    span = doc.char_span(start, at, alignment_mode="contract")
    if span is None or not len(span):
        return False
    words = casualty_words()
    if event.victim_ref in ("definite", "victim") and _introduced(doc, after, at):
        return True
    for token in span:
        if token.dep_ in ("nsubj", "agent") and token.head.i == _trigger_token(doc, event):
            continue  # "two suspects shot the man": the shooters
        if token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in words.person_nouns:
            if any(
                c.dep_ in ("det", "nummod") and c.lower_ not in words.definite_determiners
                for c in token.children
            ):
                return True
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B" and not _source(token):
            if not any(t.text == token.text for t in doc[: token.i]):
                return True
    return False


def _introduced(doc: Doc, after: int, at: int) -> bool:
    """Whether the noun of a definite victim (``the woman``) was brought in as someone new
    (``a woman``) after the last casualty: it is that person."""
    victim = doc.char_span(at, at + 1, alignment_mode="expand")
    span = doc.char_span(after, at, alignment_mode="contract")
    if victim is None or span is None:
        return False
    lemma = victim.root.lemma_.lower()
    return any(
        t.lemma_.lower() == lemma
        and any(
            c.dep_ == "det" and c.lower_ in casualty_words().indefinite_determiners
            for c in t.children
        )
        for t in span
    )


def _trigger_token(doc: Doc, event: Event) -> int | None:
    span = doc.char_span(event.start, event.end, alignment_mode="expand")
    return span.root.i if span is not None else None


def _source(token: Token) -> bool:
    """A name that reports (``police spokesman Brandon Maynard said``, ``according to
    Maynard``), not someone the story is about."""
    head = token
    while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "nsubj" and head.head.lemma_.lower() in quote_rules().verbs:
        return True
    return head.dep_ == "pobj" and head.head.head.lower_ == "according"


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
            if event.victim_ref != "new_name":  # a name is most often who "a man" was
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
    starts = [s.start_char for s in doc.sents]  # ascending

    def sentence(char: int) -> int:
        return bisect_right(starts, char) - 1  # the sentences starting at or before it

    return sentence
