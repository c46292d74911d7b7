"""Numbers that are names or references, not counts. Each class below is **dropped**: the
mention goes before values are read, so no table counts it and no event takes it as a number
(the words around it, ``Boeing`` or ``Pennsylvania Avenue``, keep their own mentions).

* citations in brackets: ``[538.]``; list numbers at the start of a line (``1. Jan. 2 - ...``);
  digits around a slash that are no fraction (``the 9/11 attacks``, ``24/7``);
* a number glued by a hyphen after a word (``country-first``, ``COVID-19``, ``F-16``,
  ``I-95``) or before a word that is not a noun (``one-sided``, ``one-on-one``,
  ``first-of-its-kind``; ``five-alarm`` and ``second-largest`` stay numbers);
* a number word written with a capital inside a sentence, before another capitalised word
  (``the Five Town Plaza shopping center``);
* codes that join letters and digits: ``A380``, ``G20``, ``MH370`` (a currency prefix such
  as ``Rs500`` is not a code);
* identifiers found in the text (``numbers.toml`` ``[references] patterns``): phone numbers
  and ZIP codes after a state abbreviation; any mention inside one goes, whatever its label
  (the model reads ``OH 45402`` as a date or an organisation);
* a postal code right after a place name: ``Dayton, Ohio 45402``;
* a number after a designator (``[references.designators]``): models and products
  (``Boeing 737``, ``Windows 95``, ``an iPhone 4``), broadcasters (``KING 5``), lists
  (``Fortune 500``), routes, flights
  and rooms (``Route 9``, ``Flight 370``), laws, bills and sections (``H.R. 3590``,
  ``Section 8``), reference and shirt numbers (``No. 23``) (a designator and its number
  taken for a date, ``H.R. 3590``, go too); after a designator written in
  lower case a number that counts a plural noun stays a count (``a bus 20 minutes late``,
  ``won the title 3 times``; but ``stage 4 cancer``);
  a digit number before a shirt word is a shirt number (``the 23 jersey``);
* a model number named after a maker elsewhere in the document, seen again on its own
  (``Boeing 737`` ... ``the 737 jets``);
* a telephone number after a verb of dialling (``call 911 for help``);
* scores and votes: two numbers joined by a dash, the first not smaller (``won 3-1``,
  ``52-48``), or by ``to`` before a result noun (``a 3 to 1 margin``);
* number words in fixed phrases that name a role or are idioms (``first lady``,
  ``first and foremost``, ``no one``).

Street numbers in addresses (``1600 Pennsylvania Avenue``) are dropped by
:func:`pipeline.stages.entity_labels.drop_address_numbers` (the address words are entity
knowledge). Clock times and years the model took for numbers are **relabelled** TIME and
DATE, not dropped, by :mod:`pipeline.stages.number_mentions`: they are values, only of another
kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

from spacy.tokens import Doc, Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import NUMBER_LABELS
from pipeline.stages.doc_index import TokenTable, words_text
from pipeline.stages.entity_mentions import DASHES, Mention
from pipeline.text.numbers import parse_number
from pipeline.text.numbers.lexicon import lexicon

_CODE = re.compile(r"([^\W\d_]+)\d")
_SLASHED = re.compile(r"\d+/\d+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_LONG_NUMBER = re.compile(r"\d(?<!\w\d)\d{2,}\b")
"""Numbers of three digits or more (``\\b\\d{3,}\\b``), the pattern starting with a digit so
that the search skips to digits."""
_NOUNS = frozenset({"NOUN", "PROPN"})
_PLURAL_NOUNS = frozenset({"NNS", "NNPS"})


@dataclass(frozen=True)
class ReferenceRules:
    """What makes a number a reference (``numbers.toml`` ``[references]``)."""

    open_brackets: frozenset[str]
    close_brackets: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    enumerator_marks: frozenset[str]
    postal_code: re.Pattern[str]
    postal_places: frozenset[str]
    names: re.Pattern[str]
    """A name designator at the end of a text (``Boeing``)."""
    words: re.Pattern[str]
    """A common-word designator at the end of a text (``Route``, ``section``)."""
    after: frozenset[str]
    dialling: frozenset[str]
    scores: re.Pattern[str]
    score_nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    glued_pos: frozenset[str]
    glued_keep_tags: frozenset[str]


def _alternation(words: list[str], case_variants: bool) -> str:
    """A regex alternation of phrases, longest first; spaces match any whitespace."""
    forms = set(words) | ({w.upper() for w in words} if case_variants else set())
    escaped = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(forms, key=len, reverse=True)]
    return "|".join(escaped)


@lru_cache(maxsize=4)
def load_reference_rules(resources: str = "") -> ReferenceRules:
    """The built-in rules, or those of the numbers resource file ``resources``."""
    data = load_resource("numbers.toml", resources)["references"]
    designators = data["designators"]
    tail = r")\s*#?\s*$"
    connectors = _alternation(data["scores"]["connectors"], False)
    return ReferenceRules(
        open_brackets=frozenset(data["open_brackets"]),
        close_brackets=frozenset(data["close_brackets"]),
        patterns=tuple(re.compile(p) for p in data["patterns"]),
        enumerator_marks=frozenset(data["enumerator_marks"]),
        postal_code=re.compile(data["postal_code"]),
        postal_places=frozenset(data["postal_places"]),
        names=re.compile(
            r"(?:^|[^\w&])("
            + "|".join([_alternation(designators["names"], True), *designators["name_patterns"]])
            + tail
        ),
        words=re.compile(
            r"(?:^|[^\w.])(" + _alternation(designators["words"], False) + tail, re.IGNORECASE
        ),
        after=word_set(designators["after"]),
        dialling=word_set(data["dialling"]["verbs"]),
        scores=re.compile(  # (a first digit not after a word character, point or comma;
            # the pattern starts with the digit so that the search skips to digits)
            rf"(\d(?<![\w.,]\d)\d*(?:\.\d+)?)\s*({connectors})\s*(\d+(?:\.\d+)?)"
            r"(?![\w.,]*\d)(?:[\s-]+([^\W\d_]+))?",
            re.IGNORECASE,
        ),
        score_nouns=word_set(data["scores"]["nouns"]),
        phrases=tuple(tuple(p.lower().split()) for p in data["phrases"]["fixed"]),
        glued_pos=frozenset(data["phrases"]["glued_pos"]),
        glued_keep_tags=frozenset(data["phrases"]["glued_keep_tags"]),
    )


@dataclass(frozen=True)
class _Context:
    """What the checks of one document share."""

    doc: Doc
    text: str
    rules: ReferenceRules
    identifiers: list[tuple[int, int]]
    scores: list[tuple[int, int]]
    designated: frozenset[str]
    place_ends: frozenset[int]
    words: Callable[[int, int], str]
    """``doc[start:end].text``."""


def drop_references(
    doc: Doc, mentions: list[Mention], text: str, table: TokenTable | None = None
) -> list[Mention]:
    """``mentions`` less the numbers that are names, codes, identifiers or references
    (``table``: the document's, when the caller has it)."""
    rules = load_reference_rules()
    ctx = _Context(
        doc,
        text,
        rules,
        [m.span() for p in rules.patterns for m in p.finditer(text)],
        score_spans(rules, text),
        designated_numbers(rules, text),
        frozenset(m.end for m in mentions if m.label in rules.postal_places),
        partial(words_text, doc) if table is None else table.words,
    )
    return [m for m in mentions if not _reference(ctx, m)]


def score_spans(rules: ReferenceRules, text: str) -> list[tuple[int, int]]:
    """Character spans of scores and votes: ``3-1``, ``52-48``, ``3 to 1`` before ``margin``."""
    spans = []
    for match in rules.scores.finditer(text):
        first, connector, second, noun = match.groups()
        dash = connector in DASHES
        if dash and " " in match.group(0)[: match.start(3) - match.start()]:
            continue  # "10 - 12": spaced dashes are left to the range reader
        result_noun = noun is not None and noun.lower() in rules.score_nouns
        if result_noun or (dash and float(first) >= float(second)):
            spans.append((match.start(1), match.end(3)))
    return spans


def designated_numbers(rules: ReferenceRules, text: str) -> frozenset[str]:
    """Numbers of three or more digits that follow a maker's or product's name in ``text``
    (``Boeing 737`` -> ``737``)."""
    found = set()
    for match in _LONG_NUMBER.finditer(text):
        if rules.names.search(text[max(0, match.start() - 40) : match.start()]):
            found.add(match.group(0))
    return frozenset(found)


def _reference(ctx: _Context, m: Mention) -> bool:
    doc = ctx.doc
    if ctx.identifiers and _inside(doc, m, ctx.identifiers):
        return True  # inside a phone number or "IL 62701": no entity at all
    if m.label == "DATE":
        return _designated_date(ctx, m)
    if m.label not in NUMBER_LABELS:
        return False
    number = _number_token(doc, m)
    return any(check(ctx, m, number) for check in _CHECKS)


def _inside(doc: Doc, m: Mention, spans: list[tuple[int, int]]) -> bool:
    """Whether the mention's characters lie inside one of ``spans``."""
    start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
    return any(a <= start and end <= b for a, b in spans)


def _designated_date(ctx: _Context, m: Mention) -> bool:
    """``H.R. 3590``, ``Flight 17`` taken for a date: a designator and a number, nothing else."""
    last = ctx.doc[m.end - 1]
    if m.end - m.start < 2 or not last.text.isdigit():
        return False
    before = ctx.text[ctx.doc[m.start].idx : last.idx]
    return bool(ctx.rules.words.fullmatch(before) or ctx.rules.names.fullmatch(before))


def _number_token(doc: Doc, m: Mention) -> Token:
    """The first token of a mention that is or holds a number (``an iPhone 4`` -> ``4``)."""
    for k in range(m.start, m.end):  # (no Span for the search)
        token = doc[k]
        if token.like_num or any(c.isdigit() for c in token.text):
            return token
    return doc[m.start]


def _citation(ctx: _Context, m: Mention, number: Token) -> bool:
    """``[538.]``, ``[12]``."""
    doc, rules = ctx.doc, ctx.rules
    if m.start == 0 or doc[m.start - 1].text not in rules.open_brackets:
        return False
    return any(t.text in rules.close_brackets for t in doc[m.end : m.end + 2])


def _enumerator(ctx: _Context, m: Mention, number: Token) -> bool:
    """``1. Jan. 2 - ...``: digits alone at the start of a line, before a list mark."""
    text = ctx.text
    start = number.idx
    end = start + len(number.text)
    if m.end - m.start != 1 or not number.text.isdigit() or end + 1 >= len(text):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return (
        not text[line_start:start].strip()
        and text[end] in ctx.rules.enumerator_marks
        and text[end + 1].isspace()
    )


def _no_fraction(ctx: _Context, m: Mention, number: Token) -> bool:
    """``the 9/11 attacks``, ``24/7``: digits around a slash that are no fraction are a date or
    a name."""
    text = ctx.words(m.start, m.end)
    return bool(_SLASHED.fullmatch(text)) and parse_number(text) is None


def _glued_after_word(ctx: _Context, m: Mention, number: Token) -> bool:
    """``country-first``, ``COVID-19``, ``F-16``."""
    doc = ctx.doc
    if m.start < 2:
        return False
    dash, word = doc[m.start - 1], doc[m.start - 2]
    return dash.text in DASHES and not dash.whitespace_ and word.is_alpha and not word.whitespace_


def _glued_before_word(ctx: _Context, m: Mention, number: Token) -> bool:
    """``one-sided``, ``one-on-one``, ``first-of-its-kind``, ``two-pronged``."""
    doc, rules = ctx.doc, ctx.rules
    last = doc[m.end - 1]
    if m.end + 1 >= len(doc) or last.whitespace_ or not last.is_alpha:
        return False  # digits keep their number: "$12-an-hour"
    dash, word = doc[m.end], doc[m.end + 1]
    if dash.text not in DASHES or dash.whitespace_ or not word.is_alpha:
        return False
    if word.pos_ not in rules.glued_pos or word.tag_ in rules.glued_keep_tags:
        return False
    hedge = (word.lower_,) in lexicon().hedges_after  # "40-odd"
    return not hedge and parse_number(word.text) is None  # "two-thirds" is a number


def _capitalised_name(ctx: _Context, m: Mention, number: Token) -> bool:
    """``the Five Town Plaza shopping center``, ``a Sixteen Acres restaurant``: a number word
    written with a capital inside a sentence, before another capitalised word, is part of a
    name (not at a sentence's start, nor in a headline written in title case)."""
    doc = ctx.doc
    if not (number.is_alpha and number.is_title) or number.is_sent_start or number.i == 0:
        return False
    before = doc[number.i - 1]
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    if (before.is_punct and before.text != ",") or after is None or not after.is_title:
        return False
    prose = [t for t in number.sent if t.is_alpha and t.is_lower and len(t) > 3]
    return len(prose) >= 2  # a headline in title case capitalises every word


def _code(ctx: _Context, m: Mention, number: Token) -> bool:
    """``A380``, ``G20``, ``MH370``: letters run into digits (``Rs500`` is money)."""
    currencies = lexicon().currencies
    for token in ctx.doc[m.start : m.end]:
        found = _CODE.match(token.text)
        if found and (found.group(1).lower(),) not in currencies:
            return True
    return False


def _designator(ctx: _Context, m: Mention, number: Token) -> bool:
    """``Boeing 737``, ``an iPhone 4``, ``Route 9``, ``Section 8``, ``No. 23``."""
    rules, text = ctx.rules, ctx.text
    if not (number.like_num or any(c.isdigit() for c in number.text)):
        return False
    before = text[max(0, number.idx - 40) : number.idx]
    if rules.names.search(before):
        return True
    word = rules.words.search(before)
    if word is None:
        return False
    if not word.group(1).islower() or number.head.i < number.i:
        return True  # "Route 9", "a category 4 hurricane" (the number hangs on the word)
    following = ctx.doc[number.i + 1] if number.i + 1 < len(ctx.doc) else None
    return following is None or following.tag_ not in _PLURAL_NOUNS  # "a bus 20 minutes late"


def _designator_after(ctx: _Context, m: Mention, number: Token) -> bool:
    """``the 23 jersey``: digits before a singular shirt word."""
    doc = ctx.doc
    return (
        number.text.isdigit()
        and number.i + 1 < len(doc)
        and doc[number.i + 1].lower_ in ctx.rules.after
    )


def _echoed_designation(ctx: _Context, m: Mention, number: Token) -> bool:
    """``the 737 jets`` where the document names the ``Boeing 737``."""
    words = ctx.words(m.start, m.end).split()
    return len(words) == 1 and words[0].removesuffix("s") in ctx.designated


def _postal_code(ctx: _Context, m: Mention, number: Token) -> bool:
    """``Dayton, Ohio 45402``: five digits right after a place name."""
    doc = ctx.doc
    if m.end - m.start != 1 or not ctx.rules.postal_code.fullmatch(number.text):
        return False
    before = m.start - 1 if m.start and doc[m.start - 1].text == "," else m.start
    return before in ctx.place_ends


def _dialled(ctx: _Context, m: Mention, number: Token) -> bool:
    """``call 911 for help``: a number of three or more digits dialled, counting nothing."""
    doc = ctx.doc
    if m.start == 0 or doc[m.start - 1].lower_ not in ctx.rules.dialling:
        return False
    if not (number.text.isdigit() and len(number.text) >= 3):
        return False
    return number.i + 1 >= len(doc) or doc[number.i + 1].pos_ not in _NOUNS


def _in_score(ctx: _Context, m: Mention, number: Token) -> bool:
    """``won 3-1``, ``a 52-48 vote``, ``a 3 to 1 margin``."""
    if not ctx.scores:
        return False
    start, end = ctx.doc[m.start].idx, ctx.doc[m.end - 1].idx + len(ctx.doc[m.end - 1])
    return any(start < b and a < end for a, b in ctx.scores)


def _fixed_phrase(ctx: _Context, m: Mention, number: Token) -> bool:
    """``first lady``, ``first and foremost``, ``no one``: a phrase covering the mention."""
    doc = ctx.doc
    by_size = _phrases_by_size(ctx.rules.phrases)
    if not by_size or doc[m.start].lower_ not in _phrase_words(ctx.rules.phrases):
        return False  # (a phrase covering the mention holds its first word)
    base = max(0, m.end - by_size[-1][0])
    lowers = [t.lower_ for t in doc[base : m.start + by_size[-1][0]]]
    for size, phrases in by_size:
        for start in range(max(0, m.end - size), min(m.start, len(doc) - size) + 1):
            if tuple(lowers[start - base : start - base + size]) in phrases:
                return True
    return False


@lru_cache(maxsize=4)
def _phrase_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """Every word of the fixed phrases."""
    return frozenset(word for phrase in phrases for word in phrase)


@lru_cache(maxsize=4)
def _phrases_by_size(
    phrases: tuple[tuple[str, ...], ...],
) -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...]:
    """The fixed phrases grouped by their number of words, shortest first."""
    sizes = sorted({len(p) for p in phrases})
    return tuple((n, frozenset(p for p in phrases if len(p) == n)) for n in sizes)


_CHECKS = (
    _citation,
    _enumerator,
    _no_fraction,
    _glued_after_word,
    _glued_before_word,
    _capitalised_name,
    _code,
    _designator,
    _designator_after,
    _echoed_designation,
    _postal_code,
    _dialled,
    _in_score,
    _fixed_phrase,
)
