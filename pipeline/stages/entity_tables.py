"""Names in results and standings tables: ``Chicago 4 Houston 3``, ``Lotte 46 6 54 .462 14``,
``A. Stewart b Mushtaq Ahmed 46``.

A table row is a line that is mostly numbers and names, with few ordinary words. The model reads
such rows badly: it glues scores to names (``Burnley 4 2 0 2``), misses short team names and
takes column heads for names. In a row, a name is a run of capitalised words between the
numbers, without the numbers; column heads and common words (``table_words``) are not names.
Its label comes from evidence: a place that is a country stays a place (national teams, as in
CoNLL and OntoNotes); another place next to a score is a team (ORG); initials or a known first
name make a person; otherwise the model's label, and a team (ORG) when the model saw nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipeline.stages.annotations import NAME_LABELS
from pipeline.stages.entity_mentions import Mention
from pipeline.stages.entity_rules import EntityRules
from pipeline.stages.people import is_first_name

NUMERIC = re.compile(r"[+-]?(?:\d[\d.,:/-]*|\.\d+)[a-z]?")
INITIAL = re.compile(r"(?:[A-Z]\.)+(?:[A-Z][a-z]+)?")


@dataclass(frozen=True)
class TableShape:
    """When a line is a table row (settings of the entity stage)."""

    min_numbers: int = 2
    min_number_share: float = 0.25
    max_word_share: float = 0.2
    """Lower-case words of four letters or more, as a share of the line's tokens."""


def table_rows(doc: Doc, shape: TableShape | None = None, text: str | None = None) -> list[Span]:
    """The lines of ``doc`` (whose text is ``text`` when given) that are rows of a results or
    standings table."""
    shape = shape or TableShape()
    rows = []
    offset = 0
    for line in (doc.text if text is None else text).split("\n"):
        start, offset = offset, offset + len(line) + 1
        if _is_row(line.split(), shape):
            span = doc.char_span(start, start + len(line), alignment_mode="expand")
            if span is not None and len(span):
                rows.append(span)
    return rows


def _is_row(words: list[str], shape: TableShape) -> bool:
    if len(words) < shape.min_numbers:
        return False
    # (a number starts with a sign, a point or a digit: other words need no regex)
    numbers = sum(1 for w in words if (w[0] in "+-." or w[0].isdecimal()) and NUMERIC.fullmatch(w))
    if numbers < shape.min_numbers or numbers < shape.min_number_share * len(words):
        return False
    common = sum(1 for w in words if w.isalpha() and w.islower() and len(w) >= 4)
    return common <= shape.max_word_share * len(words)


def table_names(
    rules: EntityRules, doc: Doc, mentions: list[Mention], text: str | None = None
) -> list[Mention]:
    """Mentions with the names of every table row read again as described above."""
    rows = table_rows(doc, text=text)
    if not rows:
        return mentions
    inside = set()
    found: list[Mention] = []
    labels = {i: m.label for m in mentions for i in range(m.start, m.end)}
    for row in rows:
        inside.update(range(row.start, row.end))
        for start, end in name_runs(rules, row):
            label = _row_label(rules, row, start, end, labels)
            if label is not None:
                found.append(Mention(start, end, label, "table"))
    kept = [
        m
        for m in mentions
        if m.label not in NAME_LABELS or not any(i in inside for i in range(m.start, m.end))
    ]
    taken = {i for m in found for i in range(m.start, m.end)}
    kept = [m for m in kept if not any(i in taken for i in range(m.start, m.end))]
    return sorted(kept + found, key=lambda m: m.start)


def name_runs(rules: EntityRules, row: Span) -> list[tuple[int, int]]:
    """Token ranges of the capitalised runs of a table row (connectors such as ``de`` or a
    glued hyphen may sit inside a run, never at its ends)."""
    runs, start = [], None
    tokens = list(row)
    for k, token in enumerate(tokens):
        if _capitalised(token) and not NUMERIC.fullmatch(token.text):
            start = token.i if start is None else start
            continue
        glued = token.text == "-" and not token.whitespace_ and k and not tokens[k - 1].whitespace_
        if start is not None and (token.lower_ in rules.name_connectors or glued):
            continue
        if start is not None:
            runs.append(_trimmed(rules, row.doc, start, token.i))
        start = None
    if start is not None:
        runs.append(_trimmed(rules, row.doc, start, row.end))
    return [r for r in runs if r[1] > r[0]]


def _capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and (
        token.is_alpha or INITIAL.fullmatch(text) is not None or "'" in text
    )


def _trimmed(rules: EntityRules, doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start and not _capitalised(doc[end - 1]):
        end -= 1
    return start, end


def _scores_only(row: Span) -> bool:
    """Whether a row holds only names, numbers and punctuation."""
    return not any(t.is_lower and t.is_alpha for t in row)


def _row_label(
    rules: EntityRules, row: Span, start: int, end: int, labels: dict[int, str]
) -> str | None:
    words = row.doc[start:end]
    if all(t.lower_ in rules.table_words or len(t) == 1 for t in words):
        return None
    text = words.text
    if text in rules.countries or text.title() in rules.countries:
        return "GPE"
    first = words[0].text
    if (INITIAL.fullmatch(first) and first not in rules.places) or (
        len(words) > 1 and is_first_name(first)
    ):
        return "PERSON"
    model = next((labels[i] for i in range(start, end) if labels.get(i) in NAME_LABELS), None)
    if model == "PERSON" and len(words) == 1 and _scores_only(row):
        return "ORG"  # "Wigan 3 Chester 2": a lone name between scores is a team
    if text in rules.places or text.title() in rules.places or model in ("GPE", "LOC"):
        return "ORG"
    if model in ("PERSON", "ORG", "NORP"):
        return model if model != "NORP" else "ORG"
    return "ORG"
