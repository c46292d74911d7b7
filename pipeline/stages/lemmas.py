"""The model's rule lemmatizer, memoised: the same lemmas, one dictionary lookup per token.

spaCy's rule ``Lemmatizer`` works token by token in Python, and its cache leaves out base
forms (every singular noun, positive adjective and infinitive), which it tests again each
time. A rule lemma depends on the token's text, part of speech and morphology only, so
:class:`MemoisedLemmatizer` keeps each lemma under those three hashes and writes a
document's lemmas at once (``Doc.from_array``). A combination not seen before is lemmatised
by a copy of the model's lemmatizer whose word lists (``lemma_index``, where the rules only
ask whether a candidate form is a known word) are sets instead of lists: the same answers,
without scanning a list of thousands of words for each candidate. The lemmas are the
model's, several times faster.
"""

from __future__ import annotations

import copy
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

MAX_ENTRIES = 50_000


@Language.factory(
    "memoised_lemmatizer",
    default_config={"source": "lemmatizer", "max_entries": MAX_ENTRIES},
    assigns=["token.lemma"],
)
def make_memoised_lemmatizer(
    nlp: Language, name: str, source: str, max_entries: int
) -> MemoisedLemmatizer:
    """Factory for :class:`MemoisedLemmatizer` over the pipeline's component ``source``."""
    return MemoisedLemmatizer(nlp.get_pipe(source), max_entries)


def memoisable(component: Any) -> bool:
    """Whether ``component`` is a lemmatizer whose lemmas depend on text, part of speech and
    morphology only (spaCy's rule mode), so that :class:`MemoisedLemmatizer` can stand in."""
    return isinstance(component, Lemmatizer) and component.mode == "rule"


class MemoisedLemmatizer:
    """Sets lemmas as ``lemmatizer`` (kept as ``source``) does, remembering at most
    ``max_entries`` of them (then it starts again, and empties the cache of its copy of the
    lemmatizer, so that memory stays bounded)."""

    def __init__(self, lemmatizer: Lemmatizer, max_entries: int = MAX_ENTRIES) -> None:
        if not memoisable(lemmatizer):
            raise ValueError("memoised_lemmatizer needs a spaCy Lemmatizer in rule mode")
        self.source = lemmatizer
        self.lemmatizer = with_word_sets(lemmatizer)
        self.max_entries = max_entries
        self.memo: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        if len(self.memo) > self.max_entries:
            self.memo.clear()
            self.lemmatizer.cache.clear()
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        add = doc.vocab.strings.add
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            text = self.memo.get(key)
            if text is None:
                text = self.memo[key] = self.lemmatizer.lemmatize(doc[i])[0]
            lemmas[i] = add(text)
        doc.from_array([LEMMA], lemmas)
        return doc


def with_word_sets(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A copy of ``lemmatizer`` (its own cache) whose ``lemma_index`` word lists are sets;
    the rules test only membership in them, so its lemmas are the same."""
    faster = copy.copy(lemmatizer)
    faster.cache = {}
    faster.lemmatize = getattr(faster, f"{faster.mode}_lemmatize")  # bound to the copy
    faster.lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            table = Table(name, {key: frozenset(words) for key, words in table.items()})
        faster.lookups.set_table(name, table)
    return faster
