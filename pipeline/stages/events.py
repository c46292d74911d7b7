"""Event stage: typed events with actors, targets, place, date, count and reporter.

Triggers come from the taxonomy (the built-in ``pipeline/resources/events.toml`` or a config's
own), matched on lemmas in the article's body. Each trigger's arguments are read off the parse
(:mod:`~pipeline.stages.event_arguments`). A repeated mention of the same happening with
nothing new (``the phone call`` after ``held talks``) is merged into the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline.resources import load_resource
from pipeline.stages import extensions
from pipeline.stages.annotations import Event
from pipeline.stages.casualties import casualty_events
from pipeline.stages.event_arguments import fill_arguments, other_kind
from pipeline.stages.event_facts import EventFacts
from pipeline.stages.event_sense import (
    aims_at_people,
    harms_a_body,
    is_physical,
    is_verbal,
    names_a_title,
    tells_a_figure,
    used_as_noun,
)
from pipeline.stages.event_setting import cities
from pipeline.stages.event_triggers import TriggerMatcher
from pipeline.stages.incidents import reconcile
from pipeline.stages.modality import is_mention_of_another_thing, qualifies_another_noun

extensions.register()

# Headlines and subheadlines restate the body: events are read from the body only.
EVENT_ROLES = frozenset({"body"})


@dataclass(frozen=True)
class EventType:
    """One entry of the taxonomy."""

    name: str
    cameo: str | None
    counts: bool
    triggers: tuple[str, ...]
    not_with: frozenset[str] = frozenset()
    verbal_sense: str | None = None
    verbal_triggers: frozenset[str] = frozenset()
    nouns_only: frozenset[str] = frozenset()
    verbs_only: frozenset[str] = frozenset()
    needs_figure: bool = False
    figurative: frozenset[str] = frozenset()
    not_with_labels: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def load_taxonomy(path: str = "") -> tuple[EventType, ...]:
    """Event types from a taxonomy TOML file (the built-in ``events.toml`` by default)."""
    data = _taxonomy_data(path)
    source = path or "the built-in events.toml"
    types = []
    for name, spec in data.get("types", {}).items():
        types.append(
            EventType(
                name=name,
                cameo=spec.get("cameo") or None,
                counts=bool(spec.get("counts", False)),
                triggers=tuple(spec["triggers"]),
                not_with=frozenset(w.lower() for w in spec.get("not_with", [])),
                verbal_sense=spec.get("verbal_sense") or None,
                verbal_triggers=frozenset(w.lower() for w in spec.get("verbal_triggers", [])),
                nouns_only=frozenset(w.lower() for w in spec.get("nouns_only", [])),
                verbs_only=frozenset(w.lower() for w in spec.get("verbs_only", [])),
                needs_figure=bool(spec.get("needs_figure", False)),
                figurative=frozenset(w.lower() for w in spec.get("figurative", [])),
                not_with_labels=frozenset(spec.get("not_with_labels", [])),
            )
        )
    if not types:
        raise ValueError(f"event taxonomy {source} defines no [types.*]")
    names = {t.name for t in types}
    for t in types:
        if t.verbal_triggers and t.verbal_sense not in names:
            raise ValueError(f"{source}: {t.name}'s verbal_sense {t.verbal_sense!r} is no type")
    return tuple(types)


@lru_cache(maxsize=8)
def load_light_verbs(path: str = "") -> frozenset[str]:
    """Verbs whose subject acts in their event-noun object (``light_verbs`` in the taxonomy)."""
    return frozenset(w.lower() for w in _taxonomy_data(path).get("light_verbs", []))


def _taxonomy_data(path: str) -> dict:
    try:
        return load_resource("events.toml", path)
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"event taxonomy not found: {path}") from exc


class NewsEvents:
    """Finds typed events and their arguments; results in ``doc._.events``."""

    def __init__(self, nlp: Language, taxonomy: str = "") -> None:
        self.types = {t.name: t for t in load_taxonomy(taxonomy)}
        self.light_verbs = load_light_verbs(taxonomy)
        cities()  # the gazetteer of cities, loaded with the component, not by the first event
        self.matcher = TriggerMatcher(
            nlp.vocab, [(t.name, t.triggers) for t in self.types.values()]
        )

    def __call__(self, doc: Doc) -> Doc:
        spans = self.matcher(doc)
        quotes = doc._.quotes or []
        facts = EventFacts(doc)  # what every trigger reads of the document, read once
        events: list[Event] = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            if not _in_roles(facts, span.start_char):
                continue
            event_type = self.types[doc.vocab.strings[span.label]]
            verbal = span.root.lemma_.lower() in event_type.verbal_triggers
            vetoed = other_kind(span.root, event_type.not_with)
            if vetoed and not (verbal and aims_at_people(span)):
                continue  # "attacked his rival" is still words, kept as such below
            if event_type.counts and is_mention_of_another_thing(span.root):
                continue  # "attempted murder", "murder charges": no one died
            if qualifies_another_noun(span.root, event_type.counts):
                continue  # "assault weapons", "attack ads": a kind of thing
            if not _in_sense(span, event_type):
                continue
            event = Event(
                start=span.start_char,
                end=span.end_char,
                trigger=span.text,
                event_type=event_type.name,
                cameo=event_type.cameo,
                nominal=span.root.pos_ in ("NOUN", "PROPN"),
            )
            victims = fill_arguments(
                facts, event, span, event_type.counts, self.light_verbs, quotes
            )
            if verbal and (vetoed or is_verbal(event, span)):
                event_type = self.types[event_type.verbal_sense]
                _retype(event, event_type)
            found = casualty_events(event, span.root, victims) if event_type.counts else [event]
            for one in found:
                earlier = _repeats(one, events, doc)
                if earlier is None:
                    one.mentions = [[one.start, one.end]]
                    events.append(one)
                elif [one.start, one.end] not in earlier.mentions:
                    earlier.mentions.append([one.start, one.end])
        doc._.events = reconcile(doc, events)
        return doc


def _in_sense(span: Span, event_type: EventType) -> bool:
    """Whether the trigger is used in the sense its type means, from its parse and sentence:
    ``the debate`` (not ``scholars have debated``), a figure that rises, a physical fight."""
    lemma = span.root.lemma_.lower()
    if names_a_title(span) or lemma in event_type.nouns_only and not used_as_noun(span):
        return False
    if lemma in event_type.verbs_only and span.root.pos_ != "VERB":
        return False  # "urged voters", not "an urge to smoke"
    if event_type.not_with_labels and not harms_a_body(span, event_type.not_with_labels):
        return False
    if event_type.needs_figure and not tells_a_figure(span):
        return False
    return not (lemma in event_type.figurative and not is_physical(span))


def _retype(event: Event, other: EventType) -> None:
    """Give ``event`` another type of the taxonomy (an attack in words is criticism)."""
    event.event_type, event.cameo = other.name, other.cameo
    if not other.counts:
        event.quantity = event.quantity_unit = None


def _in_roles(facts: EventFacts, char: int) -> bool:
    block = facts.block_of(char) if facts.blocks else None
    return block is None or block.role in EVENT_ROLES


def _repeats(event: Event, earlier: list[Event], doc: Doc) -> Event | None:
    """The earlier event this mention repeats: same type, and either the same parties, the
    same count on two joined triggers (``two soldiers were shot dead``), or nothing new."""
    for other in reversed(earlier):
        if other.event_type != event.event_type:
            continue
        if _same_count_joined(event, other, doc):
            return other
        same_parties = set(event.actors + event.targets) & set(other.actors + other.targets)
        if (
            same_parties
            and event.quantity is None
            and other.quantity is None
            and (event.date is None or event.date_inferred or event.date == other.date)
        ):
            return other
        if event.nominal and not event.has_arguments():
            return other  # "the attack" again, with nothing new: the same happening
    return None


def _same_count_joined(event: Event, other: Event, doc: Doc) -> bool:
    """Two triggers of one count, one governing the other (``two soldiers were shot dead``):
    one happening told twice."""
    if event.quantity is None or event.quantity != other.quantity:
        return False
    one, two = _root(doc, event), _root(doc, other)
    if one is None or two is None:
        return False
    child = one if one.head == two else two if two.head == one else None
    return child is not None and child.dep_ != "conj"  # "killed in X and died in Y": two


def _root(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.start, event.end, alignment_mode="expand")
    return span.root if span is not None else None


@Language.factory(
    "news_events",
    default_config={"taxonomy": ""},
    requires=["doc.ents", "token.dep", "doc._.quotes"],
    assigns=["doc._.events"],
)
def make_news_events(nlp: Language, name: str, taxonomy: str) -> NewsEvents:
    """Factory for :class:`NewsEvents`."""
    return NewsEvents(nlp, taxonomy)
