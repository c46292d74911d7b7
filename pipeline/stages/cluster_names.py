"""The canonical name of a cluster: its fullest proper name, in title case when the article
writes it only in capitals.

Which mention names a cluster, best first: for people, a name that starts with a known first
name (``Hillary Clinton`` over ``Crooked Hillary Clinton``, ``Alicia Machado`` over ``Universe
Alicia Machado``), from the body or confirmed by it (a headline name whose last word the body
uses: ``Hillary Clinton`` in the headline, ``Clinton`` in the body); then a mention in the body
(headlines in title case glue verbs to names: ``Obama Says``); then more words, then not all in
capitals, then longer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from spacy.attrs import IS_UPPER
from spacy.tokens import Doc, Span

from pipeline.stages.annotations import Block, block_at, block_finder
from pipeline.stages.entity_rules import EntityRules
from pipeline.stages.people import is_first_name

SHORT_ACRONYM = 4
"""A one-word name in capitals of at most this many letters is taken for an acronym
(``NATO``); longer ones are title-cased (``APPLE``) unless the article writes them in capitals
in ordinary text."""


def canonical_name(
    rules: EntityRules,
    members: list[Span],
    capitals: Callable[[], frozenset[str]] | None = None,
    blocks: Sequence[Block] | None = None,
) -> str:
    """The canonical name of a cluster of mentions (see the module docstring); ``capitals``
    gives :func:`capital_words` of the document, computed once for all its clusters, and
    ``blocks`` its layout, when the caller has them."""
    if len(members) == 1:
        best, text = members[0], members[0].text  # one mention: nothing to rank
    else:
        if blocks is None:
            blocks = (members[0].doc._.blocks or []) if members else []
        best, text = _best_mention(members, blocks)
    if not text.isupper():
        return text
    if best.label_ == "PERSON":  # a person's name is never an acronym: "WALLACE:"
        return text.title()
    words = capitals() if capitals is not None else capital_words(rules, best.doc)
    return display_name(text, words, rules.acronym_stop_words, rules.places)


def display_name(
    text: str,
    capitals: frozenset[str] = frozenset(),
    small: frozenset[str] = frozenset(),
    places: frozenset[str] = frozenset(),
) -> str:
    """A name written all in capitals in title case (``UNITED NATIONS`` -> ``United
    Nations``, ``O'Reilly``), keeping acronyms as written: words with a dot, ``&`` or a
    digit, words of two letters, and ``capitals``; ``small`` words (``of``) in lower case.
    One word stays as written when it is short (``NATO``) or in ``capitals``, unless it is
    one of ``places`` in title case (``ROME``)."""
    if not text.isupper():
        return text
    words = text.split()
    if len(words) == 1:
        keep = len(text) <= SHORT_ACRONYM or text in capitals
        return text if keep and text.title() not in places else text.title()
    return " ".join(_display_word(w, i, capitals, small) for i, w in enumerate(words))


def _display_word(word: str, index: int, capitals: frozenset[str], small: frozenset[str]) -> str:
    if index > 0 and word.casefold() in small:
        return word.casefold()
    letters = [c for c in word if c.isalpha()]
    if word in capitals or len(letters) <= 2 or any(c in ".&" or c.isdigit() for c in word):
        return word
    return word.title()


def capital_words(rules: EntityRules, doc: Doc) -> frozenset[str]:
    """Words the article writes in capitals in ordinary text (``the UN said``: neither the
    first word of a sentence nor next to another word in capitals), and the known
    organisations written so (``UNICEF``)."""
    found = {name for name in rules.organisations if name.isupper()}
    if not len(doc):
        return frozenset(found)
    capitals = np.flatnonzero(doc.to_array(IS_UPPER)).tolist()  # few: read their tokens only
    tokens = {i: doc[i] for i in capitals}
    shouting = {i for i, t in tokens.items() if t.is_alpha and len(t.text) > 1}
    for i, token in tokens.items():
        if len(token.text) < 2 or token.is_sent_start:
            continue
        if i - 1 not in shouting and i + 1 not in shouting:  # no neighbour in capitals
            found.add(token.text)
    return frozenset(found)


def in_headline(span: Span, blocks: Sequence[Block] | None = None) -> bool:
    """Whether the mention is in the article's headline (``blocks``: the document's layout,
    when the caller has it)."""
    return _is_headline(
        block_at(span.doc._.blocks or [] if blocks is None else blocks, span.start_char)
    )


def _best_mention(members: list[Span], blocks: Sequence[Block]) -> tuple[Span, str]:
    """The first of the best-ranked mentions of a cluster, and its text (each mention's
    text and place read once)."""
    texts = [m.text for m in members]  # built from the tokens on each access: read once
    find = block_finder(blocks)
    in_body = [not _is_headline(find(m.start_char)) for m in members]
    body_last = {t.split()[-1].casefold() for t, body in zip(texts, in_body, strict=True) if body}
    best = max(
        range(len(members)),
        key=lambda k: _rank(members[k].label_, texts[k], in_body[k], body_last),
    )
    return members[best], texts[best]


def _is_headline(block: Block | None) -> bool:
    return block is not None and block.role == "headline"


def _rank(
    label: str, text: str, in_body: bool, body_last: set[str]
) -> tuple[bool, bool, int, bool, int]:
    words = text.split()
    proper = (
        label == "PERSON"
        and len(words) > 1
        and is_first_name(words[0])
        and (in_body or words[-1].casefold() in body_last)
    )
    return (proper, in_body, len(words), not text.isupper(), len(text))
