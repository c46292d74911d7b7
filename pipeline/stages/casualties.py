"""Casualties counted as ACLED and the Gun Violence Archive count them.

* ``X was shot`` (or stabbed) is one injured unless the text says X died: ``shot dead``,
  ``fatally shot``, ``shot to death``, ``shot and killed`` are deaths; a wounding verb with no
  victim (``shot at a car``) is no casualty.
* ``Five people were shot, two fatally`` is 2 killed and 3 injured.
* Wounds someone died of (``died of a gunshot wound``) are not injuries.
* Counts come from the victims' number (``both``: two), from the verb governing a casualty
  noun (``seven people were treated for wounds``), or from victims listed one by one (``A and
  B were shot``); never from the shooters (``two men shot a man``) nor from wounds (``he
  suffered two gunshot wounds``).
* A victim told of before (``he``, ``the victim``, a name seen earlier) is marked, so that the
  incident's reckoning (:mod:`~pipeline.stages.incidents`) does not count them twice.

Word lists come from ``event_arguments.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import Event
from pipeline.stages.doc_index import entity_of
from pipeline.stages.timex_mentions import is_age

DEATH, INJURY = "death", "injury"
PERSON_COUNT_LABELS = ("CARDINAL", "QUANTITY")
# How "both" counts: as the victims ("both were treated") or their determiner.
PAIR_DEPS = ("det", "predet", "preconj", "nsubj", "nsubjpass", "dobj")


@dataclass(frozen=True)
class CasualtyWords:
    """Word lists of ``event_arguments.toml`` for casualties."""

    wounding_verbs: frozenset[str]
    fatal_words: frozenset[str]
    dying_verbs: frozenset[str]
    other_words: frozenset[str]
    personal_pronouns: frozenset[str]
    definite_determiners: frozenset[str]
    indefinite_determiners: frozenset[str]
    victim_nouns: frozenset[str]
    not_victims: frozenset[str]
    person_nouns: frozenset[str]
    relative_pronouns: frozenset[str]
    pair_words: frozenset[str]
    cause_preps: frozenset[str]


@lru_cache(maxsize=1)
def casualty_words() -> CasualtyWords:
    """The built-in lists."""
    data = load_resource("event_arguments.toml")
    return CasualtyWords(
        wounding_verbs=word_set(data["wounding_verbs"]),
        fatal_words=word_set(data["fatal_words"]),
        dying_verbs=word_set(data["dying_verbs"]),
        other_words=word_set(data["other_words"]),
        personal_pronouns=word_set(data["personal_pronouns"]),
        definite_determiners=word_set(data["definite_determiners"]),
        indefinite_determiners=word_set(data["indefinite_determiners"]),
        victim_nouns=word_set(data["victim_nouns"]),
        not_victims=word_set(data["not_victims"]),
        person_nouns=word_set(data["person_nouns"]),
        relative_pronouns=word_set(data["relative_pronouns"]),
        pair_words=word_set(data["pair_words"]),
        cause_preps=word_set(data["cause_preps"]),
    )


def casualty_events(event: Event, head: Token, victims: Token | None) -> list[Event]:
    """The casualty events one death or injury mention stands for (none, one or two)."""
    words = casualty_words()
    if event.event_type == INJURY and _died_of(head, words):
        return []  # "died of a gunshot wound"
    if victims is not None and victims.lemma_.lower() not in words.not_victims:
        event.victim_ref, event.victim_at = victim_reference(victims), victims.idx
    if event.event_type == INJURY and head.lemma_.lower() in words.wounding_verbs:
        if head.pos_ != "VERB" and head.lower_.endswith("ing"):
            return []  # "the shooting": an attack, its casualties are counted where named
        if head.pos_ == "VERB" and (victims is None or _shot_at(head)):
            return []  # "shot at a car", "the ambulance was shot at": an attack
        if _joined_to_dying(head, words):
            return []  # "shot and killed": the death is its own mention
        if _fatal(head, words):
            return [replace(event, event_type=DEATH)]
        fatal = _fatal_share(head, words)
        if fatal is not None and event.quantity is not None and fatal < event.quantity:
            died = replace(event, event_type=DEATH, quantity=fatal)
            return [replace(event, quantity=event.quantity - fatal), died]
    return [event]


def victim_reference(victims: Token) -> str | None:
    """How the victims' noun refers to someone the article already told of: ``pronoun``
    (``he died``), ``name`` (``shot Wills twice`` after ``killing Steven Lamar Wills``),
    ``victim`` (``the victim``), ``definite`` (``the wounded man``); ``new_name`` for a name
    not seen before (often who ``a man`` was); None for a new victim (``a 20-year-old man``,
    ``two people``)."""
    words = casualty_words()
    if victims.lower_ in words.relative_pronouns and victims.head.dep_ == "relcl":
        victims = victims.head.head  # "the man who was shot": the man
    if victims.pos_ == "PRON":
        return "pronoun" if victims.lower_ in words.personal_pronouns else None
    # an earlier token with the same text (its orth), read off the array of the document
    earlier = victims.doc.to_array(ORTH)[: victims.left_edge.i]
    seen = bool((earlier == np.uint64(victims.orth)).any())
    if victims.ent_type_ == "PERSON" or victims.pos_ == "PROPN":
        return "name" if seen else "new_name"
    if victims.is_title and seen and victims.lower_ not in words.person_nouns:
        return "name"  # a surname the tagger took for a noun ("Haynes died at the scene")
    if _number_of(victims) is not None:
        return None
    if any(c.dep_ == "det" and c.lower_ in words.definite_determiners for c in victims.children):
        return "victim" if victims.lemma_.lower() in words.victim_nouns else "definite"
    return None


def _shot_at(head: Token) -> bool:
    """``the ambulance was shot at``: fired at, hit or not (a stranded ``at``)."""
    return any(
        c.dep_ in ("prep", "prt") and c.lower_ == "at" and not list(c.children)
        for c in head.children
    )


def victim_count(
    victims: Token | None, head: Token, casualty: bool = True
) -> tuple[float | None, str | None]:
    """The number of people a casualty mention counts, and the counted noun. Not the
    shooter's (``two men shot a man``: one victim), nor wounds (``he had suffered two gunshot
    wounds``: one victim)."""
    candidates = [victims] if victims is not None else []
    transitive = head.pos_ == "VERB" and any(c.dep_ == "dobj" for c in head.children)
    deps = ("dobj", "nsubjpass", "attr") if transitive else ("dobj", "nsubj", "nsubjpass", "attr")
    candidates += [c for c in head.children if c.dep_ in deps]
    candidates += _governing_arguments(head, casualty)
    for noun in candidates:
        count = _number_of(noun)
        if count is not None:
            return count
    for noun in candidates:
        listed = _listed_victims(noun)
        if listed > 1:
            return float(listed), None
    return None, None


def _number_of(noun: Token) -> tuple[float, str | None] | None:
    words = casualty_words()
    for token in [noun, *noun.children]:
        if _is_age(token):
            continue  # "Bailey, 47, was shot"
        if token.lower_ in words.pair_words and (token is noun or token.dep_ in PAIR_DEPS):
            return 2.0, None  # "both victims", "both were treated"
        ent = _value_entity(token)
        if ent is not None and ent._.value_num is not None:
            unit = ent._.unit or (noun.lower_ if token is not noun else None)
            return ent._.value_num, unit
    return None


def _is_age(token: Token) -> bool:
    """A number set off by commas after a name or a person (``Ernest Torrence, 49,``)."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    commas = before is not None and before.text == "," and (after is None or after.is_punct)
    return token.dep_ == "appos" or commas


def _listed_victims(noun: Token) -> int:
    """Victims listed one by one: ``Joseph Brittman and Mark Dunn were shot`` -> 2, ``a
    17-year-old boy and a 25-year-old delivery driver were shot`` -> 2."""
    if not _person(noun):
        return 0
    return 1 + sum(1 for t in noun.subtree if t.dep_ == "conj" and _person(t))


def _person(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or (
        token.pos_ == "NOUN" and token.lemma_.lower() in casualty_words().person_nouns
    )


def _governing_arguments(head: Token, casualty: bool = True) -> list[Token]:
    """The subject or object of the verb a casualty noun depends on as its subject, its
    object or through ``for``/``with``/``from`` (``seven people were treated for wounds``,
    ``left two men dead``), not through another phrase (``arrested four men in the shooting
    death``: the men are no victims). The noun itself only as a subject (``four deaths were
    reported``), not as an object (``he had suffered two gunshot wounds``)."""
    if head.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return []  # "treated for wounds", "left two men dead"
    placed = head
    while placed.dep_ == "conj" and placed.head.i != placed.i:
        placed = placed.head  # "treated for tear gas inhalation and minor injuries"
    if (
        casualty
        and head.pos_ != "ADJ"
        and not (
            placed.dep_ in ("nsubj", "nsubjpass", "dobj")
            or (placed.dep_ == "pobj" and placed.head.lower_ in casualty_words().cause_preps)
        )
    ):
        return []
    token = head
    for _ in range(3):
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            found = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
            return [c for c in found if c.i != head.i or head.dep_ != "dobj"]
        if token.head.i == token.i:
            break
    return []


def _value_entity(token: Token):  # noqa: ANN202 - a Span or None
    if token.ent_type_ not in PERSON_COUNT_LABELS:
        return None
    ent = entity_of(token)
    return None if ent is None or is_age(ent) else ent  # "a 17-year-old boy" counts one


def _died_of(head: Token, words: CasualtyWords) -> bool:
    """``died of a gunshot wound``, ``died from their injuries``: a casualty noun that is what
    someone died of."""
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ != "pobj":
        return False
    verb = head.head.head
    return verb.lemma_.lower() in words.dying_verbs


def _joined_to_dying(head: Token, words: CasualtyWords) -> bool:
    """``was shot and killed``: a wounding verb joined to a verb of dying with one victim
    between them (``killed two and wounded four`` has two sets of victims)."""
    if head.dep_ == "conj":
        others = [head.head]
    else:
        others = [c for c in head.children if c.dep_ == "conj"]
    for other in others:
        if other.lemma_.lower() in words.dying_verbs and not (
            _own_victims(head) and _own_victims(other)
        ):
            return True
    return False


def _own_victims(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children)


def _fatal(head: Token, words: CasualtyWords) -> bool:
    """``fatally shot``, ``shot dead``, ``shot to death`` (the whole count died)."""
    for child in head.children:
        if child.dep_ in ("advmod", "acomp", "oprd", "xcomp") and child.lower_ in words.fatal_words:
            if not any(c.ent_type_ in PERSON_COUNT_LABELS for c in child.children):
                return True
        if child.dep_ == "prep":
            if any(o.lower_ in words.fatal_words for o in child.children if o.dep_ == "pobj"):
                return True
    return False


def _fatal_share(head: Token, words: CasualtyWords) -> float | None:
    """``shot, two fatally``: how many of the victims died."""
    sent = head.sent
    for token in sent:
        if token.lower_ not in words.fatal_words or token.i <= head.i:
            continue
        before = token.doc[token.i - 1] if token.i > 0 else None
        if before is not None:
            ent = _value_entity(before)
            if ent is not None and ent._.value_num is not None:
                return ent._.value_num
    return None
