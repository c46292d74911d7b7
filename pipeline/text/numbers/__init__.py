"""Normalise numeric mentions found in news text.

Input is the text of a spaCy entity labelled CARDINAL, QUANTITY, MONEY, PERCENT or ORDINAL, or
a vague-count phrase ("dozens", "several hundred"). Output is a :class:`NumberValue` holding
the value, whether it is approximate, and a unit:

* percentages: the number with unit ``"%"`` ("12 per cent" -> 12 %); with label PERCENT a bare
  fraction word is read as a share ("a quarter" -> 25 %);
* money: the amount with an ISO 4217 code ("$2.4bn" -> 2400000000 USD); hundredths are read
  as amounts of the currency ("30 cents" -> 0.3 USD); a sign or word several currencies share
  ("¥", "rupees") takes the one the document names (:func:`currency_codes`);
* QUANTITY: a measurement unit written inside the mention, canonicalised ("3 km" -> kilometres);
* vague counts coded conservatively, ACLED-style ("dozens" -> 12, "tens of thousands" ->
  10000, "a few dozen" -> 36), always approximate;
* hedges ("about", "more than", "up to", "40-odd") keep the number and mark it approximate;
* ranges ("10 to 12", "10-12", "between 10 and 12", "6 feet to 7 feet") give the lower bound,
  approximate; a scale written only on the upper end is shared ("10 to 12 million" ->
  10000000). A pair
  that does not rise ("3-1", "52 to 48") is no range: the first number is read, as written.

A lone article before a unit is one in a QUANTITY or MONEY ("less than a mile" -> 1 miles).
A counted noun inside the mention ("300 people") is ignored. :func:`read_number` reads a number
at the start of a word list with the same grammar (used by :mod:`pipeline.text.timex`).
All language knowledge lives in ``pipeline/resources/numbers.toml``; the grammar is in
:mod:`.grammar`, the lexicon and tokenizer in :mod:`.lexicon`.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from pipeline.text.numbers.grammar import (
    article_unit,
    first_group,
    is_range,
    range_lower,
    range_partner,
    read_group,
    unit_length,
)
from pipeline.text.numbers.lexicon import (
    Lexicon,
    PhraseTable,
    all_phrases,
    cardinal_kind,
    find_phrase,
    kind,
    lexicon,
    normalise_text,
    tokenize,
)

_LARGEST = Decimal(sys.float_info.max)

__all__ = [
    "LeadingNumber",
    "NumberValue",
    "currency_codes",
    "format_decimal",
    "is_vague_count",
    "parse_number",
    "read_number",
    "reads_shared_currency",
    "may_give_unit",
]


@dataclass(frozen=True)
class NumberValue:
    """A normalised numeric mention."""

    value: float
    approximate: bool
    unit: str | None
    """``"%"``, ``"percentage points"``, an ISO currency code, a measurement unit written inside
    the mention (canonical name, e.g. ``"kilometres"``), or None."""

    def decimal(self) -> str:
        """The value as a plain decimal string ("12", "0.25", "1500000")."""
        return format_decimal(self.value)


class LeadingNumber(NamedTuple):
    """A number read at the start of a word list by :func:`read_number`."""

    value: float
    used: int
    """How many words the number used."""
    approximate: bool
    """A vague count word was read ("couple", "dozens", "a few")."""
    ordinal: bool


def format_decimal(value: float) -> str:
    """Format a number as a plain decimal string: no exponent, no trailing zeros.

    Values are rounded to 15 significant digits, which removes binary floating-point noise
    (``0.1 + 0.2`` -> ``"0.3"``), unless the rounded value would exceed the largest float.
    """
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    rounded = Decimal(f"{value:.15g}")
    if abs(rounded) > _LARGEST:
        rounded = Decimal(repr(value))
    text = format(rounded, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@lru_cache(maxsize=8192)
def is_vague_count(word: str) -> bool:
    """True for a vague count word or phrase: "dozens", "several", "a few", "tens of thousands".

    "a dozen" and "hundred" are exact numbers and give False.
    """
    lex = lexicon()
    toks = [t for t in tokenize(word) if t not in lex.articles and t != lex.partitive]
    kinds = [kind(t, lex, None)[0] for t in toks]
    return (
        bool(kinds)
        and all(k in ("vague", "multiplier", "scale") for k in kinds)
        and "vague" in kinds
    )


@lru_cache(maxsize=8192)
def parse_number(
    text: str, label: str | None = None, currencies: frozenset[str] = frozenset()
) -> NumberValue | None:
    """Normalise the text of a numeric mention; None when it holds no number (or one too large
    for a float).

    ``label`` is the spaCy entity label (CARDINAL, QUANTITY, MONEY, PERCENT, ORDINAL) when known;
    it settles ambiguities ("5m" is 5 metres in a QUANTITY, 5 million otherwise; "pounds" is a
    weight in a QUANTITY, GBP otherwise). ``currencies`` are the codes the document names
    unambiguously (:func:`currency_codes`): a sign or word several currencies share ("¥",
    "rupees") takes the one of them the document names, if it names exactly one.
    """
    lex = lexicon()
    label = label.upper() if label else None
    toks = tokenize(text)
    group = first_group(toks, lex, label)
    if group is None and label in ("QUANTITY", "MONEY"):
        group = article_unit(toks, lex)  # "less than a mile", "a dollar"
    if group is None:
        return None
    consumed = set(range(group.start, group.end))
    value, approximate = group.value, group.approx

    negative = group.start > 0 and toks[group.start - 1] in lex.negatives
    if negative:
        value = -value
        consumed.add(group.start - 1)

    if not group.ordinal and label != "ORDINAL":
        partner = range_partner(toks, group, lex, label)
        if partner is not None and (negative or is_range(group, partner)):
            value = min(value, partner.value) if negative else range_lower(group, partner)
            approximate = True
            unit_end = group.end + unit_length(toks, group.end, lex)  # "6 feet to 7 feet"
            consumed.update(range(unit_end, partner.end))

    masked: list[str | None] = [None if i in consumed else t for i, t in enumerate(toks)]
    if find_phrase(masked[: group.start], lex.hedges_before) or find_phrase(
        masked[group.end :], lex.hedges_after
    ):
        approximate = True

    unit, explicit_percent = _unit(masked, lex, label, group.ordinal)
    if currencies and unit is not None and unit.isupper():
        unit = _in_context(masked, lex, unit, currencies)
    if unit == "%" and not explicit_percent and group.fraction:
        value *= 100
    subunit = find_phrase(masked, lex.subunits) if unit is None and label != "QUANTITY" else None
    if isinstance(subunit, tuple):  # "30 cents"
        unit, factor = subunit
        value *= factor
    number = _finite(value)
    return None if number is None else NumberValue(number, approximate, unit)


def currency_codes(text: str) -> frozenset[str]:
    """ISO codes of the currencies a text names unambiguously ("yuan", "C$", "Pakistani
    rupees"; not "¥" or "rupees", which several currencies use)."""
    return frozenset(str(code) for code in all_phrases(tokenize(text), _unambiguous_currencies()))


@lru_cache(maxsize=8192)
def reads_shared_currency(text: str) -> bool:
    """Whether ``text`` holds a sign or word several currencies share (``¥``, ``rupees``):
    only then does :func:`parse_number` read the ``currencies`` it is given (a caller may
    leave :func:`currency_codes` of a long document unread until a mention needs them)."""
    return find_phrase(tokenize(text), lexicon().ambiguous) is not None


def may_give_unit(text: str, units: frozenset[str]) -> bool:
    """False when :func:`parse_number` of ``text`` without a label (and without
    ``currencies``) cannot give a unit of ``units``: no word of ``text`` starts a percent,
    currency, measure or subunit phrase with such a unit (a quick test before a reading)."""
    return not _unit_starts(units).isdisjoint(tokenize(text))


@lru_cache(maxsize=16)
def _unit_starts(units: frozenset[str]) -> frozenset[str]:
    """The first words of the unit phrases whose unit is one of ``units``."""
    lex = lexicon()
    phrases = [p for p, unit in lex.percent.items() if str(unit or "%") in units]  # as _unit
    tables = (lex.currencies, lex.measures)
    phrases += [p for table in tables for p, unit in table.items() if str(unit) in units]
    phrases += [p for p, (code, _) in lex.subunits.items() if str(code) in units]
    return frozenset(p[0] for p in phrases if p)


@lru_cache(maxsize=1)
def _unambiguous_currencies() -> PhraseTable:
    """The currency phrases that name one currency only (built once)."""
    lex = lexicon()
    return PhraseTable({p: c for p, c in lex.currencies.items() if p not in lex.ambiguous})


def _in_context(
    masked: list[str | None], lex: Lexicon, unit: str, currencies: frozenset[str]
) -> str:
    """The currency a shared sign or word stands for in a document naming ``currencies``."""
    candidates = find_phrase(masked, lex.ambiguous)
    if not isinstance(candidates, tuple) or unit != candidates[0] or unit in currencies:
        return unit
    named = [c for c in candidates[1:] if c in currencies]
    return named[0] if len(named) == 1 else unit


def read_number(words: Sequence[str], *, cardinal: bool = False) -> LeadingNumber | None:
    """The number written at the start of ``words``, and how many words it used.

    The grammar and lexicon are those of :func:`parse_number`, read from the first word on
    ("two hundred years" -> 200, 2 words; "twenty-five" as one word -> 25, 1 word). Only whole
    words count: None when the number ends inside a word or a used word holds other characters
    ("5." or "10-12"). A lone article is one ("a year", "an hour" -> 1, 1 word).

    With ``cardinal``, fraction and ordinal words end the number ("two and a half" -> 2,
    "a third" -> 1) and ordinals ("21st") are not read.
    """
    lex = lexicon()
    toks: list[str] = []
    ends: list[int] = []  # number of tokens up to the end of each word
    for word in words:
        toks += tokenize(word)
        ends.append(len(toks))
    group = read_group(toks, 0, lex, None, cardinal_kind if cardinal else kind)
    if group is None:
        return _lone_article(words, lex)
    if group.end not in ends or (cardinal and group.ordinal):
        return None
    used = ends.index(group.end) + 1
    if not all(_is_tokens(word) for word in words[:used]):
        return None
    number = _finite(group.value)
    if number is None:
        return None
    return LeadingNumber(number, used, group.approx, group.ordinal)


def _finite(value: Fraction) -> float | None:
    """``value`` as a float; None when it is too large for one ("million million ...")."""
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _lone_article(words: Sequence[str], lex: Lexicon) -> LeadingNumber | None:
    """One, for an article that is not part of a number ("a year")."""
    if words and normalise_text(words[0]) in lex.articles:
        return LeadingNumber(1.0, 1, False, False)
    return None


def _is_tokens(word: str) -> bool:
    """True when every character of ``word`` belongs to one of its tokens."""
    toks = tokenize(word)
    return bool(toks) and "".join(toks) == normalise_text(word)


def _unit(
    masked: list[str | None], lex: Lexicon, label: str | None, ordinal: bool
) -> tuple[str | None, bool]:
    """The unit of a mention and whether a percent sign/word was written explicitly."""
    if ordinal or label == "ORDINAL":
        return None, False
    percent = find_phrase(masked, lex.percent)
    if percent is not None or label == "PERCENT":
        return str(percent or "%"), percent is not None
    currency = find_phrase(masked, lex.currencies)
    measure = find_phrase(masked, lex.measures) if label != "MONEY" else None
    if label == "QUANTITY":
        return str(measure or currency) if measure or currency else None, False
    found = currency or measure
    return (str(found) if found else None), False
