"""Linking the mentions of each person, so that different people with one surname stay apart.

One full name is one person, with or without middle names (``Donald J. Trump`` is ``Donald
Trump`` when no other Donald Trump is named with other middle names). A shorter name
(``Clinton``, ``Hillary``) joins the only person it fits; when several fit, of those whose
gender agrees with a title before it (``Mrs. Clinton``), the one the same paragraph named last
(``Clinton`` after ``Bill Clinton said``), else the one of the gender of the first personal
pronoun after it in its sentence when it is the only person named there (``Clinton said she``),
else the one the article named in full first (``Donald Trump``, then ``his daughter Ivanka
Trump``, then ``Trump says``) unless another of them was already called by that short name;
otherwise it stays apart. Two different full names are never joined.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from pipeline.stages.annotations import Block
from pipeline.stages.cluster_keys import Groups, name_key, paragraph
from pipeline.stages.entity_rules import EntityRules
from pipeline.stages.people import (
    first_name_gender,
    load_gender_rules,
    pronoun_gender,
    word_gender,
)

Words = tuple[str, ...]


def link_people(rules: EntityRules, named: list[Span], groups: Groups) -> None:
    """Link the PERSON mentions of ``named`` in ``groups`` (see the module docstring)."""
    persons = [i for i, s in enumerate(named) if s.label_ == "PERSON"]
    words = {i: tuple(name_key(named[i].text, rules).split()) for i in persons}
    full = _full_names(persons, words, groups)
    _join_middle_names(full, groups)
    blocks = (named[0].doc._.blocks or []) if named else []  # decoded on each read: read once
    loose: dict[Words, int] = {}
    ending, starting = _full_name_index(full)
    for i in persons:
        key = words[i]
        if not key:
            continue
        fits = {full[k] for k in ending.get(key, ())}  # the full names that end with it
        if not fits and len(key) == 1:
            fits = {full[k] for k in starting.get(key[0], ())}  # a first name alone
        if not fits and len(key) > 1:
            continue  # a full name of its own
        target = _choose(named, i, fits, groups, blocks) if fits else None
        if target is not None:
            groups.union(i, target)
        elif key in loose:
            groups.union(i, loose[key])
        else:
            loose[key] = i


def _full_name_index(
    full: dict[Words, int],
) -> tuple[dict[Words, list[Words]], dict[str, list[Words]]]:
    """The full names (in the order of ``full``) by each shorter name they end with, and by
    their first word."""
    ending: dict[Words, list[Words]] = {}
    starting: dict[str, list[Words]] = {}
    for k in full:
        for size in range(1, len(k)):
            ending.setdefault(k[-size:], []).append(k)
        starting.setdefault(k[0], []).append(k)
    return ending, starting


def _full_names(persons: list[int], words: dict[int, Words], groups: Groups) -> dict[Words, int]:
    """Every full name (two words or more) -> its first mention; mentions of one full name
    joined."""
    full: dict[Words, int] = {}
    for i in persons:
        if len(words[i]) > 1:
            if words[i] in full:
                groups.union(i, full[words[i]])
            else:
                full[words[i]] = i
    return full


def _join_middle_names(full: dict[Words, int], groups: Groups) -> None:
    """``Donald Trump`` joins ``Donald J. Trump`` (same first and last word, middle names
    added) when only one person named with middle names fits it (not both ``George H. W.
    Bush`` and ``George W. Bush``)."""
    longer: dict[Words, set[int]] = {}
    for key, i in full.items():
        if len(key) > 2 and (key[0], key[-1]) in full:
            longer.setdefault((key[0], key[-1]), set()).add(i)
    for short, mentions in longer.items():
        people = {groups.find(i) for i in mentions}
        if len(people) == 1:
            groups.union(full[short], next(iter(people)))


def _choose(
    named: list[Span], i: int, fits: set[int], groups: Groups, blocks: Sequence[Block]
) -> int | None:
    """Which of several people a short name is (see the module docstring), or None
    (``blocks``: the document's)."""
    people = {groups.find(f) for f in fits}
    wanted = _title_gender(named[i])
    if wanted is not None:
        people = {p for p in people if _gender_of(named, p, groups) in (wanted, None)}
    if len(people) <= 1:
        return next(iter(people), None)
    recent = _named_last_inparagraph(named, i, people, groups, blocks)
    if recent is not None:
        return recent
    gender = _pronoun_after(named, i)
    if gender is not None:
        agreeing = {p for p in people if _gender_of(named, p, groups) == gender}
        if len(agreeing) == 1:
            return next(iter(agreeing))
    return _named_in_full_first(named, i, fits, people, groups)


def _named_last_inparagraph(
    named: list[Span], i: int, people: set[int], groups: Groups, blocks: Sequence[Block]
) -> int | None:
    """The person of ``people`` named last before mention ``i``, when in its paragraph."""
    here = paragraph(named[i], blocks)
    for j in range(i - 1, -1, -1):
        if named[j].label_ == "PERSON" and groups.find(j) in people:
            return groups.find(j) if paragraph(named[j], blocks) == here else None
    return None


def _named_in_full_first(
    named: list[Span], i: int, fits: set[int], people: set[int], groups: Groups
) -> int | None:
    """The person the article named in full first: who it is about (``Donald Trump``, then
    his daughter ``Ivanka Trump``, then ``Trump says``), unless the article already called
    another of them by this short name (``Mrs. Clinton``): then None."""
    order = [groups.find(f) for f in sorted(fits) if groups.find(f) in people]
    short = named[i].text.casefold()
    if not order or any(
        named[j].text.casefold() == short and groups.find(j) in set(order[1:])
        for j in range(i)
        if named[j].label_ == "PERSON"
    ):
        return None
    return order[0]


def _pronoun_after(named: list[Span], i: int) -> str | None:
    """The gender of the first personal pronoun after mention ``i`` in its sentence, when no
    other person is named in that sentence."""
    span = named[i]
    sentence = span.sent
    if any(
        j != i
        and s.label_ == "PERSON"
        and sentence.start <= s.start < sentence.end  # (quick: else in another sentence)
        and s.sent.start == sentence.start
        for j, s in enumerate(named)
    ):
        return None
    rules = load_gender_rules()
    for token in span.doc[span.end : sentence.end]:
        gender = pronoun_gender(token.text, rules)
        if gender is not None:
            return gender
    return None


def _title_gender(span: Span) -> str | None:
    if span.start == 0:
        return None
    return word_gender(span.doc[span.start - 1].text, load_gender_rules())


def _gender_of(named: list[Span], root: int, groups: Groups) -> str | None:
    rules = load_gender_rules()
    names = [s for k, s in enumerate(named) if groups.find(k) == root and len(s) > 1]
    first = names[0].text.split()[0] if names else ""
    return first_name_gender(first, rules) if first else None
