"""Event stage: typed events with actors, targets, place, date, count and reporter.

Triggers come from the taxonomy file (``pipeline/resources/events.toml`` or a config's own), matched on lemmas. Arguments
are read off the dependency parse: the subject acts (or, in the passive, is acted on), objects
and ``on``/``against`` phrases are targets, ``with`` phrases are the other party of talks,
places come from ``in``/``at``/``on``/``along`` phrases, dates from the trigger's clause or the
clauses above it, counts from the number that modifies the victims (``twelve servicemen were
killed`` -> 12 ``servicemen``). An event inside a quote or reported speech is credited to its
speaker. A repeated mention of the same happening with nothing new (``the phone call`` after
``held talks``) is merged into the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline.stages import extensions
from pipeline.resources import load_resource
from pipeline.stages.quotes import load_rules as quote_rules

extensions.register()

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "along",
        "across",
        "inside",
        "outside",
        "on",
        "around",
        "throughout",
        "from",
    }
)
TARGET_PREPS = frozenset({"on", "against", "at"})
PARTY_PREPS = frozenset({"with", "between", "among"})
NAME_PREPS = frozenset({"of", "between", "among", "with", "by", "from", "and"})
LOCATIVE_NOUNS = frozenset(
    {
        "border",
        "frontline",
        "front",
        "outskirts",
        "street",
        "road",
        "coast",
        "island",
        "bank",
        "territory",
        "soil",
        "side",
    }
)
SPAN_PREPS = frozenset(
    {
        "since",
        "until",
        "till",
        "by",
        "before",
        "after",
        "for",
        "from",
        "through",
        "throughout",
        "during",
    }
)
NEGATIONS = frozenset({"no", "not", "never", "nobody", "none", "n't"})
TRIGGER_POS = ["VERB", "NOUN", "ADJ"]
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


@dataclass
class Event:
    """One event mention; offsets index the document text."""

    start: int
    end: int
    trigger: str
    event_type: str
    cameo: str | None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    date_text: str | None = None
    quantity: float | None = None
    quantity_unit: str | None = None
    reported_by: str | None = None
    negated: bool = False
    nominal: bool = False  # a noun trigger ("the attack"), which may refer back

    def has_arguments(self) -> bool:
        """Whether anything beyond the type is known."""
        return bool(
            self.actors or self.targets or self.location or self.date or self.quantity is not None
        )


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
            )
        )
    if not types:
        raise ValueError(f"event taxonomy {source} defines no [types.*]")
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


def trigger_patterns(phrase: str) -> list[list[dict]]:
    """Matcher patterns for a trigger phrase: all lemmas, or all lower-case forms."""
    words = [w for w in re.split(r"(\s+|-)", phrase.lower()) if w and not w.isspace()]
    by_lemma = [{"LEMMA": w} for w in words]
    by_form = [{"LOWER": w} for w in words]
    for pattern in (by_lemma, by_form):
        pattern[0] = {**pattern[0], "POS": {"IN": TRIGGER_POS}}
    return [by_lemma, by_form]


class NewsEvents:
    """Finds typed events and their arguments; results in ``doc._.events``."""

    def __init__(self, nlp: Language, taxonomy: str = "") -> None:
        self.types = {t.name: t for t in load_taxonomy(taxonomy)}
        self.light_verbs = load_light_verbs(taxonomy)
        self.matcher = Matcher(nlp.vocab)
        for event_type in self.types.values():
            patterns = [p for phrase in event_type.triggers for p in trigger_patterns(phrase)]
            self.matcher.add(event_type.name, patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        events: list[Event] = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            if not _in_roles(doc, span.start_char):
                continue
            event_type = self.types[doc.vocab.strings[span.label]]
            if _other_kind(span.root, event_type.not_with):
                continue
            event = self._event(doc, span)
            if not _repeats(event, events, doc):
                events.append(event)
        doc._.events = events
        return doc

    def _event(self, doc: Doc, trigger: Span) -> Event:
        event_type = self.types[doc.vocab.strings[trigger.label]]
        head = trigger.root
        event = Event(
            start=trigger.start_char,
            end=trigger.end_char,
            trigger=trigger.text,
            event_type=event_type.name,
            cameo=event_type.cameo,
            nominal=head.pos_ in ("NOUN", "PROPN"),
        )
        subject, passive = _subject(head, self.light_verbs)
        agent = _agent(head)
        victims = None
        if passive or (event_type.counts and head.pos_ != "VERB"):
            victims = subject
            event.actors = _names(agent)
            event.targets = _names(subject)
        else:
            event.actors = _names(subject) + _names(agent)
            event.actors += _names(_possessor(head))
            obj = next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)
            victims = obj if event_type.counts else None
            event.targets = _names(obj, skip_places_of=True)
        for prep in _preps(head):
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.lower_ in TARGET_PREPS and head.pos_ != "VERB" or prep.lower_ == "against":
                for obj in objects:
                    if not _is_place_phrase(obj):
                        event.targets += _names(obj)
            if prep.lower_ in PARTY_PREPS:
                for obj in objects:
                    names = _names(obj)
                    (event.targets if event.actors else event.actors).extend(names)
        if event_type.counts:
            event.quantity, event.quantity_unit = _count(victims, head)
        event.location = _location(head, event)
        event.date, event.date_text = _date(head)
        event.reported_by = _reporter(doc, trigger)
        event.negated = _negated(head, subject)
        event.actors = _unique(event.actors)
        event.targets = [t for t in _unique(event.targets) if t not in event.actors]
        return event


# -- arguments -------------------------------------------------------------------------------


def _other_kind(head: Token, not_with: frozenset[str]) -> bool:
    """Whether the trigger's subject, object or ``of`` phrase marks another kind of
    happening (``an earthquake struck``, ``an outbreak of measles``)."""
    if not not_with:
        return False
    words = []
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "compound"):
            words.append(child)
        if child.dep_ == "prep" and child.lower_ == "of":
            words += [c for c in child.children if c.dep_ == "pobj"]
    if head.dep_ in ("nsubj", "dobj") and head.head.pos_ == "VERB":
        words += [c for c in head.head.children if c.dep_ in ("nsubj", "dobj") and c != head]
    return any(w.lemma_.lower() in not_with or w.lower_ in not_with for w in words)


def _in_roles(doc: Doc, char: int) -> bool:
    blocks = doc._.blocks
    if not blocks:
        return True
    block = next((b for b in reversed(blocks) if b.start <= char), None)
    return block is None or block.role in EVENT_ROLES


def _subject(head: Token, light_verbs: frozenset[str]) -> tuple[Token | None, bool]:
    """The trigger's subject (inherited from the governing verb for ``tried to attack``,
    ``calling on them``), and whether the trigger is passive."""
    token = head
    for _ in range(3):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child, child.dep_ == "nsubjpass" and token == head
        if (
            token.dep_ in ("xcomp", "advcl", "conj", "acl")
            and token.pos_ == "VERB"
            and token.head != token
        ):
            token = token.head
            continue
        break
    if head.dep_ == "amod" and head.pos_ in ("ADJ", "VERB"):  # "wounded soldiers"
        return head.head, True
    if head.dep_ in ("dobj", "obj") and head.head.lemma_.lower() in light_verbs:
        subject, _ = _subject(head.head, light_verbs)  # "held talks", "launched an attack"
        return subject, False
    return None, False


def _agent(head: Token) -> Token | None:
    by = next((c for c in head.children if c.dep_ == "agent"), None)
    if by is None:
        return None
    return next((c for c in by.children if c.dep_ == "pobj"), None)


def _possessor(head: Token) -> Token | None:
    return next(
        (
            c
            for c in head.children
            if c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in ACTOR_LABELS
        ),
        None,
    )


def _preps(head: Token) -> list[Token]:
    return [c for c in head.children if c.dep_ == "prep"]


def _names(token: Token | None, skip_places_of: bool = False) -> list[str]:
    """Canonical names of the actor-like entities in a phrase (relative clauses excluded)."""
    if token is None:
        return []
    skip: set[int] = set()
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "advcl", "appos"):
            skip |= {t.i for t in child.subtree}
        if child.dep_ == "prep" and (
            child.lower_ not in NAME_PREPS or (skip_places_of and child.lower_ in PLACE_PREPS)
        ):
            skip |= {t.i for t in child.subtree}
    inside = {t.i for t in token.subtree} - skip
    found = [
        e for e in token.doc.ents if e.label_ in ACTOR_LABELS and any(t.i in inside for t in e)
    ]
    if any(e.label_ != "NORP" for e in found):
        found = [e for e in found if e.label_ != "NORP"]
    found = [e for e in found if not _modifies_other(e, found)]
    return [e._.canonical or e.text for e in found]


def _modifies_other(ent: Span, others: list[Span]) -> bool:
    """``UN`` in ``UN Secretary General Antonio Guterres`` only modifies the person."""
    token = ent.root
    for _ in range(6):
        if token.dep_ not in ("compound", "amod", "poss", "nmod") or token.head == token:
            return False
        token = token.head
        if any(o is not ent and o.start <= token.i < o.end for o in others):
            return True
    return False


def _is_place_phrase(token: Token) -> bool:
    return token.ent_type_ in PLACE_LABELS and token.ent_type_ != "GPE"


def _count(victims: Token | None, head: Token) -> tuple[float | None, str | None]:
    """The number of people counted by a death or injury mention."""
    candidates = [victims] if victims is not None else []
    candidates += [c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")]
    for noun in candidates:
        if noun is None:
            continue
        for token in [noun, *noun.children]:
            ent = _value_entity(token)
            if ent is not None and ent._.value_num is not None:
                unit = ent._.unit or (noun.lower_ if token is not noun else None)
                return ent._.value_num, unit
    return None, None


def _value_entity(token: Token) -> Span | None:
    if token.ent_type_ not in ("CARDINAL", "QUANTITY"):
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _location(head: Token, event: Event) -> str | None:
    """The place named in a locative phrase of the trigger or its clause; a place right
    after ``in``/``at``/``near`` wins over one after ``on``/``along``/``from``."""
    for token in _clause_chain(head):
        phrases = [p for p in _preps(token) if p.lower_ in PLACE_PREPS and _locative(p)]
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                phrases += [p for p in _preps(child) if p.lower_ in PLACE_PREPS]
        found = []
        for prep in phrases:
            for sub in prep.subtree:
                ent = _entity_at(sub, PLACE_LABELS)
                if ent is not None and (ent._.canonical or ent.text) not in event.actors:
                    found.append((_prep_rank(_governing_prep(sub)), sub.i, ent))
        if found:
            ent = min(found, key=lambda f: (f[0], f[1]))[2]
            return ent._.canonical or ent.text
        if token.pos_ == "VERB" and token.i != head.i:
            break
    return None


def _governing_prep(token: Token) -> Token:
    """The nearest preposition above a token (the token itself if there is none)."""
    current = token
    for _ in range(6):
        if current.pos_ == "ADP" or current.dep_ == "prep":
            return current
        if current.head.i == current.i:
            break
        current = current.head
    return token


def _prep_rank(prep: Token) -> int:
    """``in``/``at``/``near`` name the place before ``on``/``along``/``from`` do."""
    return 0 if prep.lower_ in ("in", "at", "near", "inside", "outside") else 1


def _locative(prep: Token) -> bool:
    """``on`` is locative only before a place (``on the border``), not a topic (``talks on``)."""
    if prep.lower_ != "on":
        return True
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return any(o.ent_type_ in PLACE_LABELS or o.lemma_.lower() in LOCATIVE_NOUNS for o in objects)


def _date(head: Token) -> tuple[str | None, str | None]:
    """The date of the trigger's clause, or of the clauses that govern it, or the only
    date of its sentence."""
    for token in _clause_chain(head):
        for sub in _date_tokens(token):
            ent = _entity_at(sub, frozenset({"DATE", "TIME"}))
            if (
                ent is not None
                and ent._.value
                and ent._.timex_type in ("DATE", "TIME")
                and ent.root.dep_ not in ("compound", "amod", "nmod", "poss")
                and _same_clause(ent.root, token)
            ):
                return ent._.value, ent.text
    sent = head.sent
    dates = [
        e
        for e in head.doc.ents
        if e.label_ in ("DATE", "TIME")
        and sent.start <= e.start < sent.end
        and e._.value
        and e._.timex_type in ("DATE", "TIME")
        and not _dates_a_report(e)
        and e.root.dep_ not in ("compound", "amod", "nmod", "poss")
        and _same_clause(e.root, head)
    ]
    if len(dates) == 1:
        return dates[0]._.value, dates[0].text
    return None, None


def _same_clause(token: Token, trigger: Token) -> bool:
    """Whether ``token`` is outside every subordinate clause that leaves out ``trigger``
    (``since the mission was deployed in 2013`` does not date the killings)."""
    current = token
    while current.head.i != current.i:
        if current.dep_ in ("advcl", "relcl", "acl", "ccomp", "csubj", "pcomp") and (
            trigger.i < current.left_edge.i or trigger.i > current.right_edge.i
        ):
            return False
        current = current.head
    return True


def _dates_a_report(ent: Span) -> bool:
    """``... informed on Wednesday``: the date of the report, not of the event; ``since
    2013``, ``until Friday``: a span, not the event's date."""
    head = ent.root.head
    if head.lower_ in SPAN_PREPS:
        return True
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    return head.lemma_.lower() in quote_rules().verbs


def _date_tokens(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "npadvmod", "tmod", "pobj") or child.ent_type_ in (
            "DATE",
            "TIME",
        ):
            if child.dep_ in ("relcl", "ccomp", "advcl"):
                continue
            found += list(child.subtree)
    return found


def _clause_chain(head: Token) -> list[Token]:
    """The trigger, then the verbs that govern it (at most three levels)."""
    chain = [head]
    token = head
    for _ in range(3):
        if token.head == token:
            break
        token = token.head
        chain.append(token)
    return chain


def _entity_at(token: Token, labels: frozenset[str]) -> Span | None:
    if token.ent_type_ not in labels:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _reporter(doc: Doc, trigger: Span) -> str | None:
    for quote in doc._.quotes or []:
        if quote.start <= trigger.start_char and trigger.end_char <= quote.end:
            return quote.speaker_canonical or quote.speaker
    return None


def _negated(head: Token, subject: Token | None) -> bool:
    if any(c.dep_ == "neg" for c in head.children):
        return True
    if (
        head.pos_ != "VERB"
        and head.head.pos_ == "VERB"
        and any(c.dep_ == "neg" for c in head.head.children)
    ):
        return True
    if subject is not None and (
        subject.lower_ in NEGATIONS
        or any(c.lower_ in NEGATIONS and c.dep_ == "det" for c in subject.children)
    ):
        return True
    return False


def _unique(names: list[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen


def _repeats(event: Event, earlier: list[Event], doc: Doc) -> bool:
    """A later mention of an earlier event: same type, and either the same parties or
    nothing new at all."""
    for other in reversed(earlier):
        if other.event_type != event.event_type:
            continue
        same_parties = set(event.actors + event.targets) & set(other.actors + other.targets)
        if (
            same_parties
            and event.quantity is None
            and other.quantity is None
            and (event.date is None or event.date == other.date)
        ):
            return True
        if event.nominal and not event.has_arguments():
            return True  # "the attack" again, with nothing new: the same happening
    return False


@Language.factory(
    "news_events",
    default_config={"taxonomy": ""},
    requires=["doc.ents", "token.dep", "doc._.quotes"],
    assigns=["doc._.events"],
)
def make_news_events(nlp: Language, name: str, taxonomy: str) -> NewsEvents:
    """Factory for :class:`NewsEvents`."""
    return NewsEvents(nlp, taxonomy)
