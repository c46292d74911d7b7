"""Casualties counted as ACLED and the Gun Violence Archive count them.

* ``X was shot`` (or stabbed) is one injured unless the text says X died: ``shot dead``,
  ``fatally shot``, ``shot to death``, ``shot and killed`` are deaths; a wounding verb with no
  victim (``shot at a car``) is no casualty.
* ``Five people were shot, two fatally`` is 2 killed and 3 injured.
* Wounds someone died of (``died of a gunshot wound``) are not injuries.
* Counts come from the victims' number, from the verb governing a casualty noun (``seven
  people were treated for wounds``), or from victims listed by name (``A and B were shot``).

Word lists come from ``event_arguments.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import Event

DEATH, INJURY = "death", "injury"
PERSON_COUNT_LABELS = ("CARDINAL", "QUANTITY")


@dataclass(frozen=True)
class CasualtyWords:
    """Word lists of ``event_arguments.toml`` for casualties."""

    wounding_verbs: frozenset[str]
    fatal_words: frozenset[str]
    dying_verbs: frozenset[str]
    other_words: frozenset[str]


@lru_cache(maxsize=1)
def casualty_words() -> CasualtyWords:
    """The built-in lists."""
    data = load_resource("event_arguments.toml")
    return CasualtyWords(
        wounding_verbs=word_set(data["wounding_verbs"]),
        fatal_words=word_set(data["fatal_words"]),
        dying_verbs=word_set(data["dying_verbs"]),
        other_words=word_set(data["other_words"]),
    )


def casualty_events(event: Event, head: Token, victims: Token | None) -> list[Event]:
    """The casualty events one death or injury mention stands for (none, one or two)."""
    words = casualty_words()
    if event.event_type == INJURY and _died_of(head, words):
        return []  # "died of a gunshot wound"
    if event.event_type == INJURY and head.lemma_.lower() in words.wounding_verbs:
        if head.pos_ != "VERB" and head.lower_.endswith("ing"):
            return []  # "the shooting": an attack, its casualties are counted where named
        if head.pos_ == "VERB" and victims is None:
            return []  # "shot at a car": an attack, not a casualty
        if _joined_to_dying(head, words):
            return []  # "shot and killed": the death is its own mention
        if _fatal(head, words):
            return [replace(event, event_type=DEATH)]
        fatal = _fatal_share(head, words)
        if fatal is not None and event.quantity is not None and fatal < event.quantity:
            died = replace(event, event_type=DEATH, quantity=fatal)
            return [replace(event, quantity=event.quantity - fatal), died]
    return [event]


def victim_count(victims: Token | None, head: Token) -> tuple[float | None, str | None]:
    """The number of people a casualty mention counts, and the counted noun."""
    candidates = [victims] if victims is not None else []
    candidates += [c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")]
    candidates += _governing_arguments(head)
    for noun in candidates:
        count = _number_of(noun)
        if count is not None:
            return count
    for noun in candidates:
        named = _named_victims(noun)
        if named > 1:
            return float(named), None
    return None, None


def _number_of(noun: Token) -> tuple[float, str | None] | None:
    for token in [noun, *noun.children]:
        if _is_age(token):
            continue  # "Bailey, 47, was shot"
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


def _named_victims(noun: Token) -> int:
    """Victims listed by name: ``Joseph Brittman and Mark Dunn were shot`` -> 2."""
    if noun.ent_type_ != "PERSON":
        return 0
    return 1 + sum(1 for t in noun.subtree if t.dep_ == "conj" and t.ent_type_ == "PERSON")


def _governing_arguments(head: Token) -> list[Token]:
    """The subject or object of the verb a casualty noun depends on (``seven people were
    treated for wounds``)."""
    if head.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return []  # "treated for wounds", "left two men dead"
    token = head
    for _ in range(3):
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        if token.head.i == token.i:
            break
    return []


def _value_entity(token: Token):  # noqa: ANN202 - a Span or None
    if token.ent_type_ not in PERSON_COUNT_LABELS:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


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
