"""Word sense of a trigger once its arguments are known: whether an ``attack`` is an attack
or words (``Trump attacked Machado in early-morning tweets`` is criticism), and whether a
trigger that names an event only as a noun (``the debate``) is used as one.

The types that have a verbal sense say so in the taxonomy (``verbal_sense``); the words that
make a happening physical (weapons, wounds, the police) are ``violence_words`` in
``event_arguments.toml``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import Event

# Entities an attack in words is aimed at: people, parties and groups, organisations.
VERBAL_TARGET_LABELS = frozenset({"PERSON", "NORP", "ORG"})
# Deps of the words an attack is aimed at: its object, or the object of "on"/"against".
TARGET_DEPS = ("dobj", "obj", "pobj")


@lru_cache(maxsize=1)
def violence_words() -> frozenset[str]:
    """Lemmas that make an attack physical when its sentence holds one."""
    return word_set(load_resource("event_arguments.toml")["violence_words"])


@lru_cache(maxsize=1)
def people_nouns() -> frozenset[str]:
    """Nouns of people an attack in words can be aimed at (``her husband``)."""
    return word_set(load_resource("event_arguments.toml")["people_nouns"])


def is_verbal(event: Event, trigger: Span) -> bool:
    """Whether an attack on someone is made of words: it is aimed at a person, a party or an
    organisation (or a personal pronoun other than ``it``), has no place, and its sentence
    names no weapon, wound or police."""
    if event.location is not None:
        return False
    head = trigger.root
    if not any(_aimed_at_people(t) for t in _objects(head)):
        return False
    violent = violence_words()
    return not any(t.lemma_.lower() in violent for t in head.sent)


def used_as_noun(trigger: Span) -> bool:
    """Whether the trigger's head is a noun (``the debate``, not ``scholars debated``)."""
    return trigger.root.pos_ in ("NOUN", "PROPN")


def _objects(head: Token) -> list[Token]:
    found = [c for c in head.children if c.dep_ in ("dobj", "obj")]
    for prep in head.children:
        if prep.dep_ == "prep":
            found += [c for c in prep.children if c.dep_ == "pobj"]
    return found


def _aimed_at_people(token: Token) -> bool:
    if token.ent_type_ in VERBAL_TARGET_LABELS or token.lemma_.lower() in people_nouns():
        return True
    # a personal pronoun other than "it" ("attacked him", "attack me")
    return (
        token.pos_ == "PRON"
        and "Prs" in token.morph.get("PronType")
        and ("Neut" not in token.morph.get("Gender"))
    )
