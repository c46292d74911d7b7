"""Names in capitals in blocks set in capitals (headlines, headings and rubrics, datelines) and
in results tables.

The statistical model reads capitals poorly: ``WASSERMAN SCHULTZ RESIGNS`` comes out as one
PERSON, ``NECESSARILY`` as NORP, ``CRICKET - SRI LANKA`` as one ORG. In such a block a name is
therefore read with case-insensitive evidence only, whatever the model proposed: a run of
words in capitals is a name when its title-cased form is a known place (``SRI LANKA`` ->
``Sri Lanka``, the gazetteer of :mod:`~pipeline.stages.entity_rules`), when the article names
it outside the capitals in normal case (``SHEARER`` after ``Alan Shearer``; a person also by
the surname), or when it is a known organisation (``NATO``). Everything else in capitals
(``RESIGNS``, ``NECESSARILY``) is no name. Dateline places and agencies keep the labels the
dateline gave them; numbers and dates are left alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Span, Token

from pipeline.stages.annotations import NAME_LABELS, Block
from pipeline.stages.doc_index import TokenTable, words_text
from pipeline.stages.entity_mentions import Mention
from pipeline.stages.entity_rules import EntityRules, is_place

# A block is in capitals when at least this share of its letters are capitals ...
CAPS_SHARE = 0.8
# ... and it is short: a longer paragraph in capitals is prose the model reads as it is.
MAX_CAPS_BLOCK_WORDS = 30
# The longest name looked up, in words.
MAX_NAME_WORDS = 4
# Punctuation that may stand inside a name in capitals (``ST. LOUIS``, ``AL-RAM``).
INNER = frozenset({".", "-", "'", "’", "&"})
SOURCE = "casing"
TABLE = "table"

Key = tuple[str, ...]


def read_capitals(
    rules: EntityRules,
    doc: Doc,
    mentions: list[Mention],
    text: str | None = None,
    table: TokenTable | None = None,
) -> list[Mention]:
    """Mentions with those in blocks in capitals replaced by names read on evidence
    (``text`` and ``table``: the document's, when the caller has them)."""
    spans = capital_blocks(doc, text)
    if not spans:
        return mentions
    inside = _tokens_inside(doc, spans)
    kept = [m for m in mentions if not _replaceable(doc, m, inside)]
    known = outside_names(rules, doc, kept, inside)
    taken = {i for m in kept for i in range(m.start, m.end)}
    table = TokenTable(doc, text) if table is None else table
    lower_words = {t for t, lower in zip(table.texts, table.is_lower, strict=True) if lower}
    found = _names_in_capitals(rules, doc, inside, taken, known, lower_words)
    return sorted(kept + found, key=lambda m: (m.start, m.end))


def capital_blocks(doc: Doc, text: str | None = None) -> list[Block]:
    """The layout blocks set in capitals (short ones: a paragraph of prose in capitals is
    left to the model), and the rows of results tables, where names in capitals stand among
    names in normal case (``NEW YORK 4 Chicago 2``)."""
    text = doc.text if text is None else text
    found = []
    for block in doc._.blocks or []:
        chunk = text[block.start : block.end]
        capitals = len(chunk.split()) <= MAX_CAPS_BLOCK_WORDS and _in_capitals(chunk)
        if capitals or block.kind == TABLE:
            found.append(block)
    return found


def _in_capitals(chunk: str) -> bool:
    """Whether at least :data:`CAPS_SHARE` of a text's letters (two or more) are capitals."""
    letters = [c for c in chunk if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= CAPS_SHARE * len(letters)


def _tokens_inside(doc: Doc, blocks: list[Block]) -> set[int]:
    inside: set[int] = set()
    for block in blocks:
        span = doc.char_span(block.start, block.end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def _replaceable(doc: Doc, m: Mention, inside: set[int]) -> bool:
    """A name the model proposed in capitals inside a block in capitals (not a dateline's
    place or agency)."""
    if m.label not in NAME_LABELS or m.source.startswith("dateline"):
        return False
    if not all(i in inside for i in range(m.start, m.end)):
        return False
    return not any(c.islower() for c in words_text(doc, m.start, m.end))


def outside_names(
    rules: EntityRules, doc: Doc, mentions: list[Mention], inside: set[int]
) -> dict[Key, str]:
    """Names the article gives outside the blocks in capitals, by their lower-cased words,
    with their most frequent label; a person also by the surname (``shearer``) and by its
    last words (``wasserman schultz``)."""
    votes: dict[Key, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.label not in NAME_LABELS or any(i in inside for i in range(m.start, m.end)):
            continue
        words = tuple(t.lower_ for t in doc[m.start : m.end] if not _possessive(rules, t.text))
        if not words:
            continue
        votes[words][m.label] += 1
        if m.label == "PERSON":
            for k in range(1, len(words)):
                votes[words[k:]][m.label] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in votes.items()}


def _possessive(rules: EntityRules, text: str) -> bool:
    return text in rules.possessives


def _names_in_capitals(
    rules: EntityRules,
    doc: Doc,
    inside: set[int],
    taken: set[int],
    known: dict[Key, str],
    lower_words: set[str],
) -> list[Mention]:
    """Names in the runs of words in capitals, longest first from left to right
    (``lower_words``: the document's words in lower case)."""
    found = []
    i = 0
    while i < len(doc):
        if i not in inside or i in taken or not _capital_word(doc[i]):
            i += 1
            continue
        match = _longest_name(rules, doc, i, inside, taken, known, lower_words)
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.end
    return found


def _longest_name(
    rules: EntityRules,
    doc: Doc,
    start: int,
    inside: set[int],
    taken: set[int],
    known: dict[Key, str],
    lower_words: set[str],
) -> Mention | None:
    """The longest name starting at token ``start``, with the label its evidence gives."""
    end = start
    while (
        end < len(doc)
        and end - start < MAX_NAME_WORDS * 2
        and end in inside
        and end not in taken
        and (_capital_word(doc[end]) or (end > start and _joins(doc, end)))
    ):
        end += 1
    for stop in range(end, start, -1):
        span = doc[start:stop]
        if (
            not _capital_word(span[-1])
            or span[0].text in rules.possessives
            or sum(t.is_alpha for t in span) > MAX_NAME_WORDS
        ):
            continue
        label = evidence(rules, span, known, lower_words)
        if label is not None:
            return Mention(start, stop, label, SOURCE)
    return None


def _capital_word(token: Token) -> bool:
    text = token.text
    return any(c.isalpha() for c in text) and not any(c.islower() for c in text)


def _joins(doc: Doc, i: int) -> bool:
    """Punctuation glued inside a name in capitals (``AL-RAM``, ``ST.``)."""
    return doc[i].text in INNER and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def evidence(
    rules: EntityRules, span: Span, known: dict[Key, str], lower_words: set[str]
) -> str | None:
    """The label a run of words in capitals has on case-insensitive evidence, or None: the
    label the article gives the name elsewhere, ORG for a known organisation, GPE (LOC for a
    region) for a known place. A single word the article also writes in lower case is a
    common word, unless it is a place or organisation."""
    text = span.text
    key = tuple(t.lower_ for t in span)
    common = len(span) == 1 and text.lower() in lower_words
    if key in known and not common:
        return known[key]
    if text in rules.organisations:
        return "ORG"
    for form in _title_forms(text):
        if form in rules.regions:
            return "LOC"
        if is_place(rules, form):
            return "GPE"
    return None


def _title_forms(text: str) -> list[str]:
    """``NEW YORK`` -> ``New York``; ``N'DJAMENA`` -> ``N'Djamena`` and ``N'djamena``."""
    simple = " ".join(w.capitalize() for w in text.split())
    return [simple, text.title()] if text.title() != simple else [simple]
