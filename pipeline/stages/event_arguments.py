"""An event's arguments, read off the dependency parse: who acts (the subject, or the ``by``
agent in the passive; never the subject of the verb that reports the event), who is acted on
(objects, ``on``/``against`` phrases, the other party of talks), the count of victims
(:mod:`~pipeline.stages.casualties`), when and where (:mod:`~pipeline.stages.event_setting`),
the speaker who reports it and its modality (:mod:`~pipeline.stages.modality`). Which words
play which part comes from ``event_arguments.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import Event, Quote
from pipeline.stages.casualties import victim_count
from pipeline.stages.event_facts import EventFacts, setting_words
from pipeline.stages.event_setting import event_city, event_date, event_location
from pipeline.stages.modality import ASSERTED, FUTURE, NEGATED, after_publication, modality
from pipeline.stages.quote_rules import load_rules as quote_rules

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TARGET_LABELS = ACTOR_LABELS | {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
"""What an event may be done to: also products, works, events and laws (``launched the
iPhone``)."""
SUBJECT_LABELS = ACTOR_LABELS | {"PRODUCT"}
"""What may act as the subject of an active verb: also a product or an index (``the Dow
fell``)."""
CASUALTY_TYPES = ("death", "injury")


@dataclass(frozen=True)
class ArgumentWords:
    """Word lists from ``event_arguments.toml``."""

    target_preps: frozenset[str]
    verb_target_preps: frozenset[str]
    party_preps: frozenset[str]
    name_preps: frozenset[str]
    of_prep: str
    negations: frozenset[str]
    incidents: frozenset[str]
    experiencer_verbs: frozenset[str]
    dying_verbs: frozenset[str]


@lru_cache(maxsize=1)
def argument_words() -> ArgumentWords:
    """The built-in argument word lists."""
    data = load_resource("event_arguments.toml")
    return ArgumentWords(
        target_preps=word_set(data["target_preps"]),
        verb_target_preps=word_set(data["verb_target_preps"]),
        party_preps=word_set(data["party_preps"]),
        name_preps=word_set(data["name_preps"]),
        of_prep=data["of_prep"],
        negations=word_set(data["negations"]),
        incidents=word_set(data["incident_types"]),
        experiencer_verbs=word_set(data["experiencer_verbs"]),
        dying_verbs=word_set(data["intransitive_dying_verbs"]),
    )


def fill_arguments(
    facts: EventFacts,
    event: Event,
    trigger: Span,
    counts: bool,
    light_verbs: frozenset[str],
    quotes: list[Quote],
) -> Token | None:
    """Set every argument of ``event`` from the parse around its trigger (``facts``: the
    document's, see :class:`~pipeline.stages.event_facts.EventFacts`); returns the victims'
    head noun of a casualty mention (None for other events)."""
    words = argument_words()
    head = trigger.root
    subject, passive = _subject(head, light_verbs)
    agent = _agent(head)
    victims = None
    if passive or (counts and head.pos_ != "VERB"):
        victims = subject
        event.actors = _names(facts, agent)
        event.targets = _names(facts, subject, labels=TARGET_LABELS)
    else:
        event.actors = _names(facts, subject, labels=SUBJECT_LABELS) + _names(facts, agent)
        event.actors += _names(facts, _possessor(head))
        obj = next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)
        victims = obj if counts else None
        if counts and obj is None and head.lemma_.lower() in words.dying_verbs:
            victims = subject  # "he died": who died
        event.targets = _names(facts, obj, skip_places_of=True, labels=TARGET_LABELS)
    for prep in _preps(head):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        word = prep.lower_
        if word in words.target_preps and head.pos_ != "VERB" or word in words.verb_target_preps:
            for obj in objects:
                if not _is_place_phrase(obj):
                    event.targets += _names(facts, obj, labels=TARGET_LABELS)
        if word in words.party_preps:
            for obj in objects:
                names = _names(facts, obj)
                (event.targets if event.actors else event.actors).extend(names)
    if counts and victims is None:
        victims = _sufferer(head)
    if counts:
        casualty = event.event_type in CASUALTY_TYPES
        event.quantity, event.quantity_unit = victim_count(victims, head, casualty)
    incident = event.event_type in words.incidents
    event.location = event_location(facts, head, event.actors)
    event.date, event.date_text, event.date_inferred = event_date(facts, head, incident)
    event.city = event_city(facts, head, event.location, incident)
    event.reported_by = _reporter(quotes, trigger)
    ids, sent = facts.tokens.lower_ids, facts.sentence(head)
    event.modality = modality(head, subject, casualty=counts, lower_ids=ids, sent=sent)
    if event.modality == ASSERTED and not event.date_inferred:
        if after_publication(event.date, facts.published):
            event.modality = FUTURE  # "the Nov. 8 election" in a September article
    event.negated = event.modality == NEGATED
    event.actors = _unique(event.actors)
    event.targets = [t for t in _unique(event.targets) if t not in event.actors]
    return victims if counts else None


def _sufferer(head: Token) -> Token | None:
    """Who has the wounds a casualty noun names: the subject of ``suffered``, ``sustained``,
    ``had`` (``He had suffered multiple gunshot wounds``)."""
    verb = head.head
    if head.pos_ != "NOUN" or head.dep_ != "dobj":
        return None
    if verb.lemma_.lower() not in argument_words().experiencer_verbs:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def other_kind(head: Token, not_with: frozenset[str]) -> bool:
    """Whether the trigger's subject, object or ``of`` phrase, or the noun it qualifies, marks
    another kind of happening (``an earthquake struck``, ``an outbreak of measles``, ``a dead
    heat``)."""
    if not not_with:
        return False
    words = []
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "compound"):
            words.append(child)
        if child.dep_ == "prep" and child.lower_ == argument_words().of_prep:
            words += [c for c in child.children if c.dep_ == "pobj"]
    if head.dep_ in ("amod", "compound"):
        words.append(head.head)  # "a dead heat", "a death spiral"
    if head.dep_ in ("nsubj", "dobj") and head.head.pos_ == "VERB":
        words += [c for c in head.head.children if c.dep_ in ("nsubj", "dobj") and c != head]
    return any(w.lemma_.lower() in not_with or w.lower_ in not_with for w in words)


def _subject(head: Token, light_verbs: frozenset[str]) -> tuple[Token | None, bool]:
    """The trigger's subject (inherited from the governing verb for ``tried to attack``,
    ``calling on them``), and whether the trigger is passive."""
    token = head
    for _ in range(3):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                shared = head.dep_ == "conj" and head.tag_ == "VBN"  # "was shot and killed"
                return child, child.dep_ == "nsubjpass" and (token == head or shared)
        if (
            token.dep_ in ("xcomp", "advcl", "conj", "acl")
            and token.pos_ == "VERB"
            and token.head != token
            and token.head.lemma_.lower() not in quote_rules().verbs
        ):
            token = token.head  # never into the verb that reports the event
            continue
        if token.dep_ in ("oprd", "acomp") and token.head != token:
            token = token.head  # "he was pronounced dead", "was found dead"
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj, True  # "medics pronounced him dead": who is dead
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


def _names(
    facts: EventFacts,
    token: Token | None,
    skip_places_of: bool = False,
    labels: frozenset[str] = ACTOR_LABELS,
) -> list[str]:
    """Canonical names of the entities with ``labels`` in a phrase (relative clauses
    excluded)."""
    if token is None:
        return []
    skip: set[int] = set()
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "advcl", "appos"):
            skip |= {t.i for t in child.subtree}
        if child.dep_ == "prep" and (
            child.lower_ not in argument_words().name_preps
            or (skip_places_of and child.lower_ in setting_words().place_preps)
        ):
            skip |= {t.i for t in child.subtree}
    inside = {t.i for t in token.subtree} - skip
    found = [e for e in facts.mentions.holding(inside) if e.label_ in labels]
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


def _reporter(quotes: list[Quote], trigger: Span) -> str | None:
    for quote in quotes:
        if quote.start <= trigger.start_char and trigger.end_char <= quote.end:
            speaker = quote.speaker
            return (speaker.canonical or speaker.text) if speaker is not None else None
    return None


def _unique(names: list[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen
