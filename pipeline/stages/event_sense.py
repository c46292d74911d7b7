"""Word sense of a trigger from its parse, its arguments and its sentence: an attack made of
words is criticism (``Trump attacked Machado in early-morning tweets``); a rise or fall must
be of a figure; a fight or an execution must be physical; a country "hurt" is no injury;
words of titles and names are no events; some triggers count only as nouns (``the debate``).

Which types need which test is said in the taxonomy (``verbal_sense``, ``needs_figure``,
``figurative``, ``not_with_labels``, ``nouns_only``); the word lists (``violence_words``,
``people_nouns``, ``figure_nouns``) are in ``event_arguments.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import Event

# Entities an attack in words is aimed at: people, parties and groups, organisations.
VERBAL_TARGET_LABELS = frozenset({"PERSON", "NORP", "ORG"})
# Entities that make a rise or fall one of a figure: numbers, money, companies and indices.
FIGURE_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORG", "PRODUCT"})
# The trigger's words that can name the figure: subject, object, amount.
FIGURE_DEPS = ("nsubj", "nsubjpass", "dobj", "obj", "npadvmod", "attr", "poss", "compound")
# Entities whose words are a title or a name, not a happening.
TITLE_LABELS = frozenset({"WORK_OF_ART", "LAW", "ORG", "FAC", "PRODUCT"})
# Entities that place a fight on the ground.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class SenseWords:
    """Word lists of ``event_arguments.toml`` that decide a trigger's sense."""

    violence: frozenset[str]  # make an attack or a fight physical ("gun", "wound", "police")
    people: frozenset[str]  # people an attack in words is aimed at ("her husband", "rival")
    figures: frozenset[str]  # figures that rise and fall ("price", "index", "unemployment")


@lru_cache(maxsize=1)
def sense_words() -> SenseWords:
    """The built-in lists."""
    data = load_resource("event_arguments.toml")
    return SenseWords(
        violence=word_set(data["violence_words"]),
        people=word_set(data["people_nouns"]),
        figures=word_set(data["figure_nouns"]),
    )


def is_verbal(event: Event, trigger: Span) -> bool:
    """Whether an attack on someone is made of words: it is aimed at a person, a party or an
    organisation (or a personal pronoun other than ``it``), has no place, and its sentence
    names no weapon, wound or police."""
    return event.location is None and aims_at_people(trigger) and not _violent(trigger)


def aims_at_people(trigger: Span) -> bool:
    """Whether the trigger's object is a person, a party or an organisation (``attacked his
    rival``, ``attacked Clinton``)."""
    return any(_aimed_at_people(t) for t in _objects(trigger.root))


def tells_a_figure(trigger: Span) -> bool:
    """Whether a rise or fall is of a figure: the trigger's clause holds a number, an
    organisation (a company, an index) or a figure noun (``prices fell``, ``the Nikkei
    gained 2%``); ``increase military coordination``, ``talks fell apart`` do not."""
    head = trigger.root
    words = [head.head] if head.dep_ in ("amod", "compound", "nmod") else []
    if head.dep_ in ("dobj", "attr"):  # "shares suffered their biggest fall"
        words += [t for c in head.head.children if c.dep_ == "nsubj" for t in c.subtree]
    for child in head.children:
        if child.dep_ in FIGURE_DEPS:
            words += list(child.subtree)
        elif child.dep_ == "prep":
            words += [t for c in child.children if c.dep_ == "pobj" for t in c.subtree]
    figures = sense_words().figures
    return any(
        t.ent_type_ in FIGURE_LABELS
        or (t.like_num and t.ent_type_ not in ("DATE", "TIME"))  # not "in 2009"
        or t.lemma_.lower() in figures
        for t in words
    )


def is_physical(trigger: Span) -> bool:
    """Whether a fight or an execution is a physical happening: its sentence names a place
    or holds a violence word (``fighting in Aleppo``, ``troops battled``), unlike ``fought the
    battle for the nomination`` or ``a flawless execution``."""
    if any(e.label_ in PLACE_LABELS for e in trigger.root.sent.ents):
        return True
    return _violent(trigger)


def _violent(trigger: Span) -> bool:
    """Whether the trigger's sentence holds a violence word."""
    violence = sense_words().violence
    return any(t.lemma_.lower() in violence for t in trigger.root.sent)


def names_a_title(trigger: Span) -> bool:
    """Whether the trigger is a word of a title or a name (``the Death in Custody Reporting
    Act``, ``the Federal Election Commission``)."""
    return trigger.root.ent_type_ in TITLE_LABELS


def harms_a_body(trigger: Span, not_labels: frozenset[str]) -> bool:
    """Whether what the trigger hurts can bleed: not a country, a party or an organisation
    (``a trade war would hurt the United States``, ``Mexico was hurt by Nafta``)."""
    head = trigger.root
    sufferers = [c for c in head.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    return not any(t.ent_type_ in not_labels for t in sufferers)


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
    if token.ent_type_ in VERBAL_TARGET_LABELS or token.lemma_.lower() in sense_words().people:
        return True
    # a personal pronoun other than "it" ("attacked him", "attack me")
    return (
        token.pos_ == "PRON"
        and "Prs" in token.morph.get("PronType")
        and ("Neut" not in token.morph.get("Gender"))
    )
