"""What names are compared by when mentions are clustered: comparison keys, initials, the
company forms of an organisation's name, and the union-find the linking rules fill."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Span

from pipeline.stages.annotations import Block, block_at
from pipeline.stages.entity_rules import EntityRules

# Entries per memoised function below: a bound this size keeps a long batch run's memory flat
# (5 x 65,536 entries kept growing with the corpus), and a miss costs about 10 microseconds (300
# news articles made 60,000 hits and 16,000 misses in all, against 166 s of processing).
NAME_CACHE = 4096
NOT_WORDS = re.compile(r"[\W_]+")
SPACES_AND_HYPHENS = re.compile(r"[\s\-]+")


@lru_cache(maxsize=NAME_CACHE)
def name_key(text: str, rules: EntityRules) -> str:
    """Comparison key of a name: case-folded, possessive, leading article and punctuation
    removed."""
    text = rules.trailing_possessive.sub("", text.strip())
    text = rules.leading_article.sub("", text)
    return NOT_WORDS.sub(" ", text).strip().casefold()


@lru_cache(maxsize=NAME_CACHE)
def initials(text: str, rules: EntityRules) -> str:
    """Initials of the content words: ``United Nations`` -> ``UN``."""
    words = [
        w for w in SPACES_AND_HYPHENS.split(text) if w and w.lower() not in rules.acronym_stop_words
    ]
    return "".join(w[0] for w in words).upper()


@lru_cache(maxsize=NAME_CACHE)
def org_base(text: str, rules: EntityRules) -> tuple[str, ...]:
    """An organisation's key words without trailing company forms: ``The Bank of America
    Corporation`` -> ``bank of america``, ``Hartmann Group AG`` -> ``hartmann``."""
    words = name_key(text, rules).split()
    while len(words) > 1 and words[-1] in rules.org_suffixes:
        words.pop()
    return tuple(words)


@lru_cache(maxsize=NAME_CACHE)
def org_core(text: str, rules: EntityRules) -> tuple[str, ...]:
    """:func:`org_base` without trailing words of what the company does: ``Apple Computer
    Inc.`` -> ``apple``, ``Ford Motor Company`` -> ``ford``."""
    words = list(org_base(text, rules))
    while len(words) > 1 and words[-1] in rules.org_descriptors:
        words.pop()
    return tuple(words)


@lru_cache(maxsize=NAME_CACHE)
def acronym_forms(text: str, rules: EntityRules) -> frozenset[str]:
    """The acronyms a multi-word name may go by: the initials of the whole name and of the
    name without its company forms (``European Aeronautic Defence and Space Company`` ->
    ``EADSC`` and ``EADS``). None for a one-word name."""
    words = text.split()
    if len(words) < 2:
        return frozenset()
    kept = len(words)
    while kept > 1 and name_key(words[kept - 1], rules) in rules.org_suffixes:
        kept -= 1
    return frozenset({initials(text, rules), initials(" ".join(words[:kept]), rules)})


def alias_key(text: str, rules: EntityRules) -> str:
    """The place a name is an alias of (``Britain`` -> ``united kingdom``), else its key."""
    key = name_key(text, rules)
    return rules.place_aliases.get(key, key)


def paragraph(span: Span, blocks: Sequence[Block] | None = None) -> int:
    """The number of the paragraph a mention is in (0 when the document has no blocks);
    ``blocks``: the document's, when the caller has them (``doc._.blocks`` decodes them on
    each read)."""
    block = block_at(span.doc._.blocks or [] if blocks is None else blocks, span.start_char)
    return block.paragraph if block is not None else 0


class Groups:
    """Union-find over mention indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        """The representative of ``i``'s group."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Put ``i`` and ``j`` in one group."""
        self.parent[self.find(i)] = self.find(j)

    def same(self, i: int, j: int) -> bool:
        """Whether ``i`` and ``j`` are in one group."""
        return self.find(i) == self.find(j)
