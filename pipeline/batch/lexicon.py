"""Words a run meets, kept in the vocab across spaCy memory zones, up to a bound.

Inside ``nlp.memory_zone()`` every word the model's vocab does not hold gets a transient
lexeme, which the zone frees at its end; the next zone makes the same lexemes again (each
one runs the language's lexical attribute functions in Python), for ``the`` as for a rare
name. Bare ``nlp.pipe`` makes each lexeme once per process. Between zones a run gives the
words it met a lexeme of its own, as bare ``nlp.pipe`` would, until the string store holds
``max_strings`` strings; from then on new words stay transient, so memory stays bounded on
any corpus. Lexemes carry the same attributes either way: the annotations do not change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.attrs import ORTH

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

MAX_STRINGS = 250_000
"""Keep words while the string store holds fewer strings (the English models ship about
85,000; a kept word adds up to six: its form, lower case, norm, shape, prefix and suffix)."""
MAX_WORD_CHARS = 30
_DIGIT = re.compile(r"\d")


def words_of(docs: Iterable[Doc]) -> set[str]:
    """The distinct token texts of ``docs`` worth keeping: no digits (numbers rarely
    repeat), at most ``MAX_WORD_CHARS`` characters. Read them while the docs' zone is open."""
    orths: set[int] = set()
    strings = None
    for doc in docs:
        orths.update(doc.count_by(ORTH))
        strings = doc.vocab.strings
    if strings is None:
        return set()
    words = (strings[orth] for orth in orths)
    return {w for w in words if len(w) <= MAX_WORD_CHARS and not _DIGIT.search(w)}


def keep_words(vocab: Vocab, words: Iterable[str], max_strings: int = MAX_STRINGS) -> int:
    """Give each of ``words`` that ``vocab`` holds no lexeme for a lasting one, in sorted
    order, while the string store holds fewer than ``max_strings`` strings; returns how
    many were added. Call it outside any memory zone (inside one they would not last)."""
    if vocab.in_memory_zone:
        raise RuntimeError("keep_words must be called outside a memory zone")
    added = 0
    for word in sorted(words):
        if len(vocab.strings) >= max_strings:
            break
        if word not in vocab:
            vocab[word]  # noqa: B018 - making the lexeme outside a zone keeps it
            added += 1
    return added
