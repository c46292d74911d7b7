"""How long the words a run meets may keep their lexemes: while the string store has room.

Inside ``nlp.memory_zone()`` every word the model's vocab does not hold gets a transient
lexeme, which the zone frees at its end, and spaCy's tokenizer caches nothing; the next zone
makes the same lexemes again (each one runs the language's lexical attribute functions in
Python), for ``the`` as for a rare name. Bare ``nlp.pipe`` makes each lexeme once per process
and caches how each chunk of text splits. A run tokenises a group of articles before its zone
opens, so their lexemes and the tokenizer's cache last, while the string store holds fewer
than ``max_strings`` strings; from then on it tokenises inside the zone, so memory stays
bounded on any corpus. Lexemes carry the same attributes either way: the annotations do not
change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.vocab import Vocab

MAX_STRINGS = 200_000
"""Tokenise outside the zone while the string store holds fewer strings. The English models
ship about 85,000; a new word adds up to six (its form, lower case, norm, shape, prefix and
suffix); 300 news articles add about 5,000. About 40 MB at most."""


def has_room(vocab: Vocab, max_strings: int = MAX_STRINGS) -> bool:
    """Whether new words may still get lasting lexemes: the string store of ``vocab`` holds
    fewer than ``max_strings`` strings and no memory zone is open."""
    return not vocab.in_memory_zone and len(vocab.strings) < max_strings
