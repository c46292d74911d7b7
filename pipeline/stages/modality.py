"""Whether an event is asserted: ``asserted``, ``negated`` (``refrained from attacking``, ``no
injuries were reported``, ``a non-injury shooting``), ``hypothetical`` (threats, plans, orders,
attempts, conditionals, possibility, alternatives: ``injury or death``), ``future`` (``will
meet``) or ``generic`` (a tally of many happenings over a period or in several places: ``52
people have been killed so far this year``, ``two men were wounded in separate shootings``).

Word lists come from ``event_arguments.toml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.strings import get_string_id, hash_string
from spacy.tokens import Span, Token

from pipeline.resources import load_resource, word_set

ASSERTED, NEGATED, HYPOTHETICAL, FUTURE, GENERIC = (
    "asserted",
    "negated",
    "hypothetical",
    "future",
    "generic",
)
# How far up the parse a governing verb can make the event hypothetical or negated.
GOVERNING_LEVELS = 3
# Clauses that state their own fact, whatever the clause above them says.
INDEPENDENT_CLAUSES = ("advcl", "relcl", "parataxis")
# TIMEX3 values precise to a year, a month or a day ("2016", "2016-11", "2016-11-08").
CALENDAR_VALUE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


@dataclass(frozen=True)
class ModalityWords:
    """Word lists of ``event_arguments.toml`` that decide modality."""

    negations: frozenset[str]
    negating_verbs: frozenset[str]
    negating_prefixes: frozenset[str]
    hypothetical_verbs: frozenset[str]
    attempt_verbs: frozenset[str]
    not_the_event: frozenset[str]
    event_heads: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_aux: frozenset[str]
    conditional_marks: frozenset[str]
    disjunctions: frozenset[str]
    aggregate_words: tuple[tuple[str, ...], ...]
    expectation_verbs: frozenset[str]

    @cached_property
    def aggregate_by_first(self) -> dict[int, tuple[tuple[str, ...], ...]]:
        """The aggregate phrases by the string-store id of their first word."""
        found: dict[int, list[tuple[str, ...]]] = {}
        for phrase in self.aggregate_words:
            if phrase:
                found.setdefault(hash_string(phrase[0]), []).append(phrase)
        return {first: tuple(phrases) for first, phrases in found.items()}

    @cached_property
    def aggregate_ids_by_first(self) -> dict[int, tuple[tuple[int, ...], ...]]:
        """:attr:`aggregate_by_first` with each phrase as the string-store ids of its words
        (what ``Token.lower`` is for a token whose ``lower_`` is the word)."""
        return {
            first: tuple(tuple(get_string_id(word) for word in phrase) for phrase in phrases)
            for first, phrases in self.aggregate_by_first.items()
        }


@lru_cache(maxsize=1)
def modality_words() -> ModalityWords:
    """The built-in lists."""
    data = load_resource("event_arguments.toml")
    return ModalityWords(
        negations=word_set(data["negations"]),
        negating_verbs=word_set(data["negating_verbs"]),
        negating_prefixes=word_set(data["negating_prefixes"]),
        hypothetical_verbs=word_set(data["hypothetical_verbs"]),
        attempt_verbs=word_set(data["attempt_verbs"]),
        not_the_event=word_set(data["not_the_event"]),
        event_heads=word_set(data["event_heads"]),
        hypothetical_aux=word_set(data["hypothetical_aux"]),
        future_aux=word_set(data["future_aux"]),
        conditional_marks=word_set(data["conditional_marks"]),
        disjunctions=word_set(data["disjunctions"]),
        aggregate_words=tuple(tuple(w.split()) for w in data["aggregate_words"]),
        expectation_verbs=word_set(data["expectation_verbs"]),
    )


def modality(
    head: Token,
    subject: Token | None,
    casualty: bool = False,
    lower_ids: Sequence[int] | None = None,
    sent: Span | None = None,
) -> str:
    """The modality of the event whose trigger is ``head`` (``casualty``: a death or injury,
    which an attempt does not make happen; ``lower_ids``: every token's ``lower``, and
    ``sent``: the trigger's sentence, when the caller has them)."""
    words = modality_words()
    if _negated(head, subject, words):
        return NEGATED
    if _expected(head, words):
        return FUTURE
    chain = _governors(head)
    # the governing verb's tense counts unless the trigger is its subject ("the attack will
    # not weaken our resolve": the attack happened)
    own = chain[:1] if head.dep_ in ("nsubj", "nsubjpass") else chain[:2]
    if any(_has_aux(t, words.future_aux) for t in own):
        return FUTURE
    if any(_has_aux(t, words.hypothetical_aux) for t in own) or _conditional(own, words):
        return HYPOTHETICAL
    if casualty and _disjunct(head, words):
        return HYPOTHETICAL  # "shootings that result in injury or death": neither is told
    governing = words.hypothetical_verbs | (words.attempt_verbs if casualty else frozenset())
    if any(_irrealis(chain[k - 1], chain[k], governing, k == 1) for k in range(1, len(chain))):
        return HYPOTHETICAL
    if _aggregate(head, words, lower_ids, sent):
        return GENERIC
    return ASSERTED


def after_publication(value: str | None, published: dt.date | None) -> bool:
    """Whether an event dated ``value`` (a TIMEX3 value) lies after the article's
    publication: ``the Nov. 8 election`` in a September article has not happened yet."""
    if not value or published is None or not CALENDAR_VALUE.match(value):
        return False
    return value > published.isoformat()[: len(value)]


def is_mention_of_another_thing(head: Token) -> bool:
    """``attempted murder``, ``murder charges``, ``a murder suspect``: a crime named as an
    attempt, a charge or a title, not the crime happening."""
    words = modality_words()
    if any(c.lemma_.lower() in words.not_the_event for c in head.children if c.dep_ == "amod"):
        return True
    if (
        head.dep_ in ("compound", "amod", "nmod")
        and head.head.lemma_.lower() in words.not_the_event
    ):
        return True
    if head.dep_ == "pobj" and head.head.head.lemma_.lower() in words.not_the_event:
        return True  # "intent to murder", "charged with murder", "convicted of murder"
    if head.dep_ == "pcomp" and head.head.head.lemma_.lower() in words.not_the_event:
        return True  # "accused of killing four men"
    return head.dep_ in ("pobj", "xcomp", "acl") and head.head.lemma_.lower() in words.not_the_event


def qualifies_another_noun(head: Token, counts: bool = False) -> bool:
    """``assault weapons``, ``attack ads``, ``the debate stage``, ``rising seas``: a trigger
    that only qualifies another noun names a kind of thing, not a happening; ``the shooting
    victims`` still tells of the shooting, and so do past participles (``the ousted
    government``). Adjectives of events that count people (``the
    wounded man``, ``two dead soldiers``) are their happening and are kept."""
    if head.dep_ not in ("compound", "amod", "nmod") or head.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if head.dep_ == "amod" and (counts or head.tag_ == "VBN"):
        return False  # "the ousted government", "a negotiated deal": it did happen
    return head.head.lemma_.lower() not in modality_words().event_heads


def _expected(head: Token, words: ModalityWords) -> bool:
    """``the trial is set to begin``, ``the veto is expected to come``: the trigger is the
    subject of a verb of expectation with a to-clause."""
    verb = head.head
    return (
        head.dep_ in ("nsubj", "nsubjpass")
        and verb.lemma_.lower() in words.expectation_verbs
        and any(c.dep_ == "xcomp" for c in verb.children)
    )


def _governors(head: Token) -> list[Token]:
    """The trigger and the words above it, up to the first clause that states its own fact
    (``is expected to survive after she was shot``: the shooting is no expectation)."""
    chain = [head]
    token = head
    for _ in range(GOVERNING_LEVELS):
        if token.head.i == token.i or token.dep_ in INDEPENDENT_CLAUSES:
            break
        token = token.head
        chain.append(token)
    return chain


def _irrealis(below: Token, verb: Token, verbs: frozenset[str], trigger: bool) -> bool:
    """Whether ``verb`` puts what ``below`` heads out of fact: a to-clause or an object of a
    verb of planning, threatening, ordering (``threatened to attack``, ``planned an attack``);
    an object only when it is the trigger itself (``told deputies that X had been shot``: the
    deputies are told, the shooting is no order)."""
    if verb.lemma_.lower() not in verbs:
        return False
    if below.dep_ == "xcomp" or (below.dep_ == "dobj" and trigger):
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children)
    return below.dep_ in ("ccomp", "advcl") and infinitive


def _disjunct(head: Token, words: ModalityWords) -> bool:
    """``injury or death``, ``shot or killed``: one of two, neither asserted."""
    first = head.head if head.dep_ == "conj" else head
    return any(c.dep_ == "cc" and c.lower_ in words.disjunctions for c in first.children)


def _has_aux(token: Token, auxiliaries: frozenset[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in auxiliaries for c in token.children)


def _conditional(chain: list[Token], words: ModalityWords) -> bool:
    return any(
        c.dep_ == "mark" and c.lower_ in words.conditional_marks for t in chain for c in t.children
    )


def _negated(head: Token, subject: Token | None, words: ModalityWords) -> bool:
    if any(c.dep_ == "neg" for c in head.children):
        return True
    governor = head.head
    if (
        head.pos_ != "VERB"
        and head.dep_ in ("dobj", "attr", "oprd")
        and governor.pos_
        in (
            "VERB",
            "AUX",
        )
    ):
        if any(c.dep_ == "neg" for c in governor.children):
            return True  # "did not report any injuries" (not "the attack will not weaken")
    if any(c.dep_ == "det" and c.lower_ in words.negations for c in head.children):
        return True  # "no injuries"
    doc = head.doc
    if (
        head.i >= 2
        and doc[head.i - 1].text == "-"
        and doc[head.i - 2].lower_ in words.negating_prefixes
    ):
        return True  # "non-injury"
    if subject is not None and (
        subject.lower_ in words.negations
        or any(
            c.lower_ in words.negations and c.dep_ in ("det", "preconj", "neg")
            for c in subject.children
        )
    ):
        return True  # "no one", "neither Clinton nor her allies", "not one of its companies"
    return any(t.lemma_.lower() in words.negating_verbs for t in _governors(head)[1:])


def _aggregate(
    head: Token,
    words: ModalityWords,
    lower_ids: Sequence[int] | None = None,
    sent: Span | None = None,
) -> bool:
    """Whether the trigger's sentence (``sent``, when the caller has it) holds an aggregate
    phrase (``so far``, ``each year``): looked up by each token's lower-case id, then
    compared id by id."""
    sent = head.sent if sent is None else sent
    if any(not phrase for phrase in words.aggregate_words):
        return True  # an empty phrase is in every sentence
    if lower_ids is None:
        ids = [t.lower for t in sent]
    else:
        ids = list(lower_ids[sent.start : sent.end])
    if words.aggregate_by_first.keys().isdisjoint(ids):
        return False  # no phrase starts in the sentence (most sentences)
    for i, first in enumerate(ids):
        for phrase in words.aggregate_ids_by_first.get(first, ()):
            if tuple(ids[i : i + len(phrase)]) == phrase:
                return True
    return False
