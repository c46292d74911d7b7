"""Speaker labels: a paragraph that opens with ``NAME:`` credits what follows to NAME.

Transcripts (``PENCE: Well, look, ...``, ``"WALLACE: Let's start ...``) and headlines in the
``Pence: Gennifer Flowers won't be at debate`` style. A label is one to four words before a
colon at the very start of a paragraph (after an optional opening quotation mark): written in
capitals (a transcript speaker), or holding a name the entity stage found, or one of the
source nouns of ``quotes.toml`` (``Poll:``). Labels such as ``Note:`` or ``Update:`` are not
speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.stages.annotations import Block
from pipeline.stages.quote_rules import QuoteRules

# At most this many words in a label, and this many characters.
MAX_LABEL_WORDS = 4
MAX_LABEL_CHARS = 40
LABEL = re.compile(r"(?P<label>[^\W\d_][\w.'’\-]*(?: [^\W\d_][\w.'’\-]*){0,3}):[ \t]+(?=\S)")
SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(frozen=True)
class Turn:
    """A labelled paragraph: the label ``[label_start, label_end)``, the colon at ``colon``,
    and the content ``[start, end)`` up to the paragraph's end."""

    label_start: int
    label_end: int
    colon: int
    start: int
    end: int


def find_turns(
    doc: Doc,
    blocks: list[Block],
    rules: QuoteRules,
    roles: frozenset[str],
    text: str | None = None,
) -> list[Turn]:
    """Every labelled paragraph among the blocks with one of ``roles`` (``text``: the
    document's, when the caller has it)."""
    turns = []
    text = doc.text if text is None else text  # Doc.text joins every token: read it once
    for block in blocks:
        if block.role not in roles:
            continue
        turn = _turn(doc, text, block, rules)
        if turn is not None:
            turns.append(turn)
    return turns


def _turn(doc: Doc, text: str, block: Block, rules: QuoteRules) -> Turn | None:
    at = block.start
    while at < block.end and text[at] in rules.marks:
        at += 1
    match = LABEL.match(text, at, block.end)
    if match is None or len(match.group("label")) > MAX_LABEL_CHARS:
        return None
    label = match.group("label")
    if label.lower() in rules.not_labels or not _is_speaker_label(doc, label, at, rules):
        return None
    end = block.end
    while end > match.end() and (text[end - 1].isspace() or text[end - 1] in rules.closing_marks):
        end -= 1
    if end - match.end() < 2:
        return None
    return Turn(at, at + len(label), at + len(label), match.end(), end)


def _is_speaker_label(doc: Doc, label: str, start: int, rules: QuoteRules) -> bool:
    end = start + len(label)
    words = label.split()
    if len(words) > MAX_LABEL_WORDS:
        return False
    if all(w.isupper() and sum(c.isalpha() for c in w) >= 2 for w in words):
        return True
    if label.lower() in rules.label_sources:
        return True
    return any(
        e.label_ in SPEAKER_LABELS and e.start_char >= start and e.end_char <= end for e in doc.ents
    )
