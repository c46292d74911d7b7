"""An event's arguments, read off the dependency parse: who acts (the subject, or the ``by``
agent in the passive), who is acted on (objects, ``on``/``against`` phrases, the other party of
talks), the place (``in``/``at`` phrases), the date (of the trigger's clause or the clauses above
it), the count of victims (``twelve servicemen were killed`` -> 12), the speaker who reports it,
and negation. Which words play which part comes from ``event_arguments.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import Event, Quote
from pipeline.stages.casualties import victim_count
from pipeline.stages.modality import NEGATED, modality
from pipeline.stages.quote_rules import load_rules as quote_rules

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DATE_LABELS = frozenset({"DATE", "TIME"})
# Dependencies of a date or place that only modifies a noun ("the July 12 clashes' report").
MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")
# Levels of governing verbs searched for a trigger's place and date.
CLAUSE_LEVELS = 3


@dataclass(frozen=True)
class ArgumentWords:
    """Word lists from ``event_arguments.toml``."""

    place_preps: frozenset[str]
    first_place_preps: frozenset[str]
    topic_prep: str
    locative_nouns: frozenset[str]
    target_preps: frozenset[str]
    verb_target_preps: frozenset[str]
    party_preps: frozenset[str]
    name_preps: frozenset[str]
    of_prep: str
    span_preps: frozenset[str]
    negations: frozenset[str]


@lru_cache(maxsize=1)
def argument_words() -> ArgumentWords:
    """The built-in argument word lists."""
    data = load_resource("event_arguments.toml")
    return ArgumentWords(
        place_preps=word_set(data["place_preps"]),
        first_place_preps=word_set(data["first_place_preps"]),
        topic_prep=data["topic_prep"],
        locative_nouns=word_set(data["locative_nouns"]),
        target_preps=word_set(data["target_preps"]),
        verb_target_preps=word_set(data["verb_target_preps"]),
        party_preps=word_set(data["party_preps"]),
        name_preps=word_set(data["name_preps"]),
        of_prep=data["of_prep"],
        span_preps=word_set(data["span_preps"]),
        negations=word_set(data["negations"]),
    )


def fill_arguments(
    event: Event, trigger: Span, counts: bool, light_verbs: frozenset[str], quotes: list[Quote]
) -> Token | None:
    """Set every argument of ``event`` from the parse around its trigger; returns the
    victims' head noun of a casualty mention (None for other events)."""
    words = argument_words()
    head = trigger.root
    subject, passive = _subject(head, light_verbs)
    agent = _agent(head)
    victims = None
    if passive or (counts and head.pos_ != "VERB"):
        victims = subject
        event.actors = _names(agent)
        event.targets = _names(subject)
    else:
        event.actors = _names(subject) + _names(agent)
        event.actors += _names(_possessor(head))
        obj = next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)
        victims = obj if counts else None
        event.targets = _names(obj, skip_places_of=True)
    for prep in _preps(head):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        word = prep.lower_
        if word in words.target_preps and head.pos_ != "VERB" or word in words.verb_target_preps:
            for obj in objects:
                if not _is_place_phrase(obj):
                    event.targets += _names(obj)
        if word in words.party_preps:
            for obj in objects:
                names = _names(obj)
                (event.targets if event.actors else event.actors).extend(names)
    if counts:
        event.quantity, event.quantity_unit = victim_count(victims, head)
    event.location = _location(head, event)
    event.date, event.date_text = _date(head)
    event.reported_by = _reporter(quotes, trigger)
    event.modality = modality(head, subject, casualty=counts)
    event.negated = event.modality == NEGATED
    event.actors = _unique(event.actors)
    event.targets = [t for t in _unique(event.targets) if t not in event.actors]
    return victims if counts else None


def other_kind(head: Token, not_with: frozenset[str]) -> bool:
    """Whether the trigger's subject, object or ``of`` phrase marks another kind of
    happening (``an earthquake struck``, ``an outbreak of measles``)."""
    if not not_with:
        return False
    words = []
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "compound"):
            words.append(child)
        if child.dep_ == "prep" and child.lower_ == argument_words().of_prep:
            words += [c for c in child.children if c.dep_ == "pobj"]
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
            child.lower_ not in argument_words().name_preps
            or (skip_places_of and child.lower_ in argument_words().place_preps)
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


def _location(head: Token, event: Event) -> str | None:
    """The place named in a locative phrase of the trigger or its clause; a place right
    after ``in``/``at``/``near`` wins over one after ``on``/``along``/``from``."""
    for token in _clause_chain(head):
        place_preps = argument_words().place_preps
        phrases = [p for p in _preps(token) if p.lower_ in place_preps and _locative(p)]
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                phrases += [p for p in _preps(child) if p.lower_ in place_preps]
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
    return 0 if prep.lower_ in argument_words().first_place_preps else 1


def _locative(prep: Token) -> bool:
    """``on`` is locative only before a place (``on the border``), not a topic (``talks on``)."""
    words = argument_words()
    if prep.lower_ != words.topic_prep:
        return True
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return any(
        o.ent_type_ in PLACE_LABELS or o.lemma_.lower() in words.locative_nouns for o in objects
    )


def _date(head: Token) -> tuple[str | None, str | None]:
    """The date of the trigger's clause, or of the clauses that govern it, or the only
    date of its sentence."""
    for token in _clause_chain(head):
        for sub in _date_tokens(token):
            ent = _entity_at(sub, DATE_LABELS)
            if (
                ent is not None
                and ent._.value
                and ent._.timex_type in ("DATE", "TIME")
                and ent.root.dep_ not in MODIFIER_DEPS
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
        and e.root.dep_ not in MODIFIER_DEPS
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
    if head.lower_ in argument_words().span_preps:
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
    for _ in range(CLAUSE_LEVELS):
        if token.head == token:
            break
        token = token.head
        chain.append(token)
    return chain


def _entity_at(token: Token, labels: frozenset[str]) -> Span | None:
    if token.ent_type_ not in labels:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


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
