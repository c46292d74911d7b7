"""The model's attribute ruler, its one-token patterns memoised: the same annotations.

spaCy's ``AttributeRuler`` runs each of its patterns at every token through a ``Matcher``.
In the English models almost all of them (171 of 179 in ``en_core_web_sm``) look at one token
and at attributes of that token only (``TAG``, ``LOWER``, ``DEP``), so which of them match
depends on those values alone. :class:`MemoisedAttributeRuler` finds them once per distinct
set of values (the ruler's own patterns, matched on that token), matches the other patterns
over the document as the ruler does, and hands the matches, in the ruler's order, to the
ruler's own ``set_annotations``.

Where the one-token patterns test an attribute whose value is a string's id (``TAG``,
``LOWER``...) only against listed strings (equal to, ``IN`` or ``NOT_IN``), every value that no
pattern lists behaves alike, so all such values share one memo entry: the memo holds a few
hundred entries rather than one per word. Other attributes (``MORPH``, whose lists the
``Matcher`` normalises, flags, ``ENT_IOB``) keep their values in the key.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

MAX_ENTRIES = 50_000
Match = tuple[int, int, int, int]  # pattern number, match id, start, end: the ruler's order
LISTS = frozenset({"IN", "NOT_IN"})
STRING_IDS = frozenset(
    {"ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX"}
    | {"ENT_TYPE", "ENT_ID", "ENT_KB_ID"}
)
"""Token attributes whose value is the id of a string, compared by the ``Matcher`` with the
id of a listed string as the string store gives it: their unlisted values can share a key."""


@Language.factory(
    "memoised_attribute_ruler",
    default_config={"source": "attribute_ruler", "max_entries": MAX_ENTRIES},
    assigns=[],
)
def make_memoised_attribute_ruler(
    nlp: Language, name: str, source: str, max_entries: int
) -> MemoisedAttributeRuler:
    """Factory for :class:`MemoisedAttributeRuler` over the pipeline's component ``source``."""
    return MemoisedAttributeRuler(nlp.get_pipe(source), max_entries)


def memoisable(component: Any) -> bool:
    """Whether ``component`` is an ``AttributeRuler`` (:class:`MemoisedAttributeRuler` can
    stand in for any; one with no one-token pattern gains nothing)."""
    return isinstance(component, AttributeRuler)


def one_token(pattern: list[dict[str, Any]]) -> bool:
    """Whether a pattern looks at one token only, testing token attributes (``TEXT`` read as
    ``ORTH``) against listed strings (:func:`listed_strings`) or a flag's ``True``/``False``;
    other tests (a regular expression, a number, an operator, an extension) are matched over
    the document."""
    if len(pattern) != 1:
        return False
    return all(
        _column(key) in IDS
        and _column(key) != "OP"
        and (isinstance(value, bool) or listed_strings(value) is not None)
        for key, value in pattern[0].items()
    )


def listed_strings(value: Any) -> list[str] | None:
    """The strings a pattern value tests against when it is a string or an ``IN`` or
    ``NOT_IN`` list of strings; None for any other test (a regular expression, a number)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and value and set(value) <= LISTS:
        items = [item for listed in value.values() for item in listed]
        return items if all(isinstance(item, str) for item in items) else None
    return None


def _column(key: str) -> str:
    return "ORTH" if key.upper() == "TEXT" else key.upper()


class MemoisedAttributeRuler:
    """Sets attributes as ``ruler`` does, remembering the one-token matches of at most
    ``max_entries`` distinct tokens (then it starts again)."""

    def __init__(self, ruler: AttributeRuler, max_entries: int = MAX_ENTRIES) -> None:
        if not memoisable(ruler):
            raise ValueError("memoised_attribute_ruler needs a spaCy AttributeRuler")
        self.ruler = ruler
        self.max_entries = max_entries
        self.memo: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        self.one_token = Matcher(ruler.vocab)
        self.others = Matcher(ruler.vocab)
        self.number: dict[int, int] = {}
        tokens: list[dict[str, Any]] = []
        for number, entry in enumerate(ruler.patterns):
            match_id = ruler.vocab.strings.add(str(number))
            self.number[match_id] = number
            alone = all(one_token(pattern) for pattern in entry["patterns"])
            (self.one_token if alone else self.others).add(match_id, entry["patterns"])
            tokens += [pattern[0] for pattern in entry["patterns"]] if alone else []
        self.columns = sorted({_column(key) for token in tokens for key in token})
        self.listed = [self._listed(column, tokens) for column in self.columns]
        self.unlisted = [None if listed is None else _unlisted(listed) for listed in self.listed]

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Match]:
        """The ruler's matches on ``doc``, sorted as ``AttributeRuler.match`` sorts them."""
        found = self.others(doc, allow_missing=True, as_spans=False) if len(self.others) else []
        matches = [(self.number[m], m, start, end) for m, start, end in found]
        if self.columns and len(doc):
            if len(self.memo) > self.max_entries:
                self.memo.clear()
            for i, row in enumerate(self._keys(doc)):
                key = tuple(row)
                hits = self.memo.get(key)
                if hits is None:
                    hits = self.memo[key] = self._one_token_matches(doc, i)
                matches.extend((number, m, i, i + 1) for number, m in hits)
        matches.sort()
        return matches

    def _listed(self, column: str, tokens: list[dict[str, Any]]) -> np.ndarray | None:
        """The ids of every string the one-token patterns list for ``column``, or None when
        its values are kept as they are (not in :data:`STRING_IDS`, or tested as a flag)."""
        if column not in STRING_IDS:
            return None
        listed: list[str] = []
        for token in tokens:
            for key, value in token.items():
                if _column(key) != column:
                    continue
                if isinstance(value, bool):
                    return None
                listed += listed_strings(value) or []
        return np.array(sorted({self.ruler.vocab.strings.add(s) for s in listed}), "uint64")

    def _keys(self, doc: Doc) -> list[list[int]]:
        """Each token's memo key: its values of the columns, a value that no pattern lists
        replaced by one that none lists either (the same for all of them)."""
        table = doc.to_array(self.columns)
        for j, (listed, unlisted) in enumerate(zip(self.listed, self.unlisted, strict=True)):
            if listed is not None:
                table[:, j] = np.where(np.isin(table[:, j], listed), table[:, j], unlisted)
        return table.tolist()

    def _one_token_matches(self, doc: Doc, i: int) -> list[tuple[int, int]]:
        """(pattern number, match id) of each one-token pattern that matches token ``i``."""
        found = self.one_token(doc[i : i + 1], allow_missing=True, as_spans=False)
        return [(self.number[m], m) for m, _, _ in found]


def _unlisted(listed: np.ndarray) -> int:
    """The smallest number that is not in ``listed``."""
    value = 0
    while value in listed:
        value += 1
    return value
