"""Numbers that are names or references, not counts: a citation in brackets (``[538.]``), a
number word glued after a hyphen to a word (``country-first``, ``COVID-19``), a phone number or
a ZIP code (``numbers.toml`` ``[references]``). Such mentions are dropped before values are
read, so no table counts them; any mention inside a phone number or a ZIP code goes too (the
model reads ``OH 45402`` as a date or an organisation)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.resources import load_resource
from pipeline.stages.annotations import NUMBER_LABELS
from pipeline.stages.entity_mentions import DASHES, Mention


@dataclass(frozen=True)
class ReferenceRules:
    """What makes a number a reference (``numbers.toml`` ``[references]``)."""

    open_brackets: frozenset[str]
    close_brackets: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=4)
def load_reference_rules(resources: str = "") -> ReferenceRules:
    """The built-in rules, or those of the numbers resource file ``resources``."""
    data = load_resource("numbers.toml", resources)["references"]
    return ReferenceRules(
        frozenset(data["open_brackets"]),
        frozenset(data["close_brackets"]),
        tuple(re.compile(p) for p in data["patterns"]),
    )


def drop_references(doc: Doc, mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` less the numbers that are citations, parts of words or identifiers."""
    rules = load_reference_rules()
    spans = [m.span() for p in rules.patterns for m in p.finditer(text)]
    return [m for m in mentions if not _reference(rules, doc, m, spans)]


def _reference(rules: ReferenceRules, doc: Doc, m: Mention, spans: list[tuple[int, int]]) -> bool:
    start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
    if any(a <= start and end <= b for a, b in spans):
        return True  # inside a phone number or "IL 62701": no entity at all
    if m.label not in NUMBER_LABELS:
        return False
    before = doc[m.start - 1] if m.start else None
    after = doc[m.end : m.end + 2]
    if before is not None and before.text in rules.open_brackets:
        if any(t.text in rules.close_brackets for t in after):
            return True  # "[538.]"
    if before is not None and before.text in DASHES and not before.whitespace_ and m.start > 1:
        word = doc[m.start - 2]
        if word.is_alpha and not word.whitespace_:
            return True  # "country-first", "COVID-19"
    return False
