"""Normalise numeric mentions found in news text.

Input is the text of a spaCy entity labelled CARDINAL, QUANTITY, MONEY, PERCENT or ORDINAL, or
a vague-count phrase ("dozens", "several hundred"). Output is a :class:`NumberValue` holding
the value, whether it is approximate, and a unit:

* percentages: the number with unit ``"%"`` ("12 per cent" -> 12 %); with label PERCENT a bare
  fraction word is read as a share ("a quarter" -> 25 %);
* money: the amount with an ISO 4217 code ("$2.4bn" -> 2400000000 USD);
* QUANTITY: a measurement unit written inside the mention, canonicalised ("3 km" -> kilometres);
* vague counts coded conservatively, ACLED-style ("dozens" -> 12, "tens of thousands" ->
  10000, "a few dozen" -> 36), always approximate;
* hedges ("about", "more than", "up to", "40-odd") keep the number and mark it approximate;
* ranges ("10 to 12", "10-12", "between 10 and 12") give the lower bound, approximate; a
  scale written only on the upper end is shared ("10 to 12 million" -> 10000000).

A counted noun inside the mention ("300 people") is ignored. All language knowledge lives in
``pipeline/resources/numbers.toml``; this module holds only the parsing logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from pipeline.resources import load_resource

__all__ = ["NumberValue", "format_decimal", "is_vague_count", "parse_number"]

Phrase = tuple[str, ...]
_Ahead = list[tuple[str, Fraction]]  # kinds and values of the tokens after the current one

_UNARY_MINUS = "\u2212"
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"})
_UNARY_MINUS_RE = re.compile(r"(?<![^\s(\[])-(?=\.?\d)")
_TOKEN_RE = re.compile(
    r"[^\W\d_]{1,3}\$"  # prefixed dollar signs: US$, A$, HK$
    r"|\d+/\d+"  # digit fractions: 3/4
    r"|\d{1,3}(?:[,\u00a0\u2009\u202f]\d{3})+(?:\.\d+)?"  # separators: 1,500.25, 10 000
    r"|\d+(?:\.\d+)?|\.\d+"  # plain integers and decimals
    r"|[^\W\d_]+"  # words
    r"|[^\s\w.,;:!?()\[\]{}\"'`]"  # any other single symbol: $ £ € % - + ~
)
_DIGITS_RE = re.compile(r"[\d,\u00a0\u2009\u202f]*\.?\d+")
_SEPARATOR_RE = re.compile(r"[,\u00a0\u2009\u202f]")
_DIGIT_FRACTION_RE = re.compile(r"\d+/\d+")


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


def format_decimal(value: float) -> str:
    """Format a number as a plain decimal string: no exponent, no trailing zeros.

    Values are rounded to 15 significant digits, which removes binary floating-point noise
    (``0.1 + 0.2`` -> ``"0.3"``).
    """
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"not a finite number: {value!r}")
    text = format(Decimal(f"{value:.15g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def is_vague_count(word: str) -> bool:
    """True for a vague count word or phrase: "dozens", "several", "a few", "tens of thousands".

    "a dozen" and "hundred" are exact numbers and give False.
    """
    lex = _lexicon()
    toks = [t for t in _tokenize(word) if t not in lex.articles and t != lex.partitive]
    kinds = [_kind(t, lex, None)[0] for t in toks]
    return (
        bool(kinds)
        and all(k in ("vague", "multiplier", "scale") for k in kinds)
        and "vague" in kinds
    )


def parse_number(text: str, label: str | None = None) -> NumberValue | None:
    """Normalise the text of a numeric mention; None when it holds no number.

    ``label`` is the spaCy entity label (CARDINAL, QUANTITY, MONEY, PERCENT, ORDINAL) when known;
    it settles ambiguities ("5m" is 5 metres in a QUANTITY, 5 million otherwise; "pounds" is a
    weight in a QUANTITY, GBP otherwise).
    """
    lex = _lexicon()
    label = label.upper() if label else None
    toks = _tokenize(text)
    group = _first_group(toks, lex, label)
    if group is None:
        return None
    consumed = set(range(group.start, group.end))
    value, approximate = group.value, group.approx

    negative = group.start > 0 and toks[group.start - 1] in lex.negatives
    if negative:
        value = -value
        consumed.add(group.start - 1)

    if not group.ordinal and label != "ORDINAL":
        partner = _range_partner(toks, group, lex, label)
        if partner is not None:
            value = min(value, partner.value) if negative else _range_lower(group, partner)
            approximate = True
            consumed.update(range(group.end, partner.end))

    masked: list[str | None] = [None if i in consumed else t for i, t in enumerate(toks)]
    if _find_phrase(masked[: group.start], lex.hedges_before) or _find_phrase(
        masked[group.end :], lex.hedges_after
    ):
        approximate = True

    unit, explicit_percent = _unit(masked, lex, label, group.ordinal)
    if unit == "%" and not explicit_percent and group.fraction:
        value *= 100
    return NumberValue(float(value), approximate, unit)


# ------------------------------------------------------------------------------------------------
# Resources
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    articles: frozenset[str]
    conjunction: str
    partitive: str
    ordinal_suffixes: frozenset[str]
    negatives: frozenset[str]
    connectors: frozenset[str]
    words: dict[str, tuple[str, Fraction]]  # token -> (kind, value)
    abbreviations: dict[str, Fraction]
    hedges_before: dict[Phrase, bool]
    hedges_after: dict[Phrase, bool]
    percent: dict[Phrase, str]
    currencies: dict[Phrase, str]
    measures: dict[Phrase, str]


_WORD_TABLES = {
    "units": "unit",
    "tens": "tens",
    "multipliers": "multiplier",
    "scales": "scale",
    "ordinals": "ordinal",
    "fractions": "fraction",
    "vague": "vague",
}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Load and index ``resources/numbers.toml`` (once)."""
    raw = load_resource("numbers.toml")
    grammar = raw["grammar"]

    words: dict[str, tuple[str, Fraction]] = {}
    for table, kind in _WORD_TABLES.items():
        for word, number in raw[table].items():
            words[word] = (kind, Fraction(number))
    for word, denominator in raw["plural_fractions"].items():
        words[word] = ("plural_fraction", Fraction(denominator))
    for word, ordinal in raw["ordinals"].items():
        if ordinal >= 3:  # "thirds", "fifths"; not "seconds"
            words.setdefault(f"{word}s", ("plural_fraction", Fraction(ordinal)))
    for symbol, fraction in raw["fraction_symbols"].items():
        words[symbol] = ("symbol_fraction", Fraction(fraction))

    return _Lexicon(
        articles=frozenset(grammar["articles"]),
        conjunction=grammar["conjunction"],
        partitive=grammar["partitive"],
        ordinal_suffixes=frozenset(grammar["ordinal_suffixes"]),
        negatives=frozenset([*grammar["negatives"], _UNARY_MINUS]),
        connectors=frozenset(grammar["range_connectors"]),
        words=words,
        abbreviations={k: Fraction(v) for k, v in raw["scale_abbreviations"].items()},
        hedges_before={_phrase(p): True for p in raw["hedges"]["before"]},
        hedges_after={_phrase(p): True for p in raw["hedges"]["after"]},
        percent={_phrase(k): v for k, v in raw["percent"].items()},
        currencies={_phrase(k): v for k, v in raw["currencies"].items()},
        measures={_phrase(k): v for k, v in raw["measures"].items()},
    )


def _phrase(text: str) -> Phrase:
    return tuple(_tokenize(text))


# ------------------------------------------------------------------------------------------------
# Tokens
# ------------------------------------------------------------------------------------------------


def _tokenize(text: str) -> list[str]:
    """Lower-case tokens: numbers, words, single symbols; a unary minus becomes U+2212."""
    text = _UNARY_MINUS_RE.sub(_UNARY_MINUS, text.translate(_DASHES).lower())
    return _TOKEN_RE.findall(text)


def _kind(tok: str, lex: _Lexicon, label: str | None) -> tuple[str, Fraction]:
    """Classify a token; kind "" means it is not part of a number."""
    if _DIGITS_RE.fullmatch(tok):
        return "num", Fraction(_SEPARATOR_RE.sub("", tok))
    if _DIGIT_FRACTION_RE.fullmatch(tok):
        numerator, denominator = tok.split("/")
        if int(denominator):
            return "symbol_fraction", Fraction(int(numerator), int(denominator))
    if tok in lex.words:
        return lex.words[tok]
    if tok in lex.abbreviations and not (label == "QUANTITY" and (tok,) in lex.measures):
        return "abbreviation", lex.abbreviations[tok]
    if tok in lex.articles:
        return "article", Fraction(1)
    if tok == lex.conjunction:
        return "and", Fraction(0)
    if tok == lex.partitive:
        return "of", Fraction(0)
    if tok == "-":
        return "hyphen", Fraction(0)
    return "", Fraction(0)


def _find_phrase(tokens: list[str | None], table: dict[Phrase, object]) -> object | None:
    """Leftmost-longest phrase of ``table`` found in ``tokens`` (None entries never match)."""
    longest = max((len(p) for p in table), default=0)
    for i in range(len(tokens)):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            found = table.get(tuple(tokens[i : i + size]))  # type: ignore[arg-type]
            if found is not None:
                return found
    return None


def _unit(
    masked: list[str | None], lex: _Lexicon, label: str | None, ordinal: bool
) -> tuple[str | None, bool]:
    """The unit of a mention and whether a percent sign/word was written explicitly."""
    if ordinal or label == "ORDINAL":
        return None, False
    percent = _find_phrase(masked, lex.percent)
    if percent is not None or label == "PERCENT":
        return str(percent or "%"), percent is not None
    currency = _find_phrase(masked, lex.currencies)
    measure = _find_phrase(masked, lex.measures) if label != "MONEY" else None
    if label == "QUANTITY":
        return str(measure or currency) if measure or currency else None, False
    found = currency or measure
    return (str(found) if found else None), False


# ------------------------------------------------------------------------------------------------
# Number groups
# ------------------------------------------------------------------------------------------------


@dataclass
class _Group:
    """A run of tokens forming one number, and what was learnt while reading it."""

    start: int
    end: int = 0
    total: Fraction = Fraction(0)
    current: Fraction | None = None
    last: str = ""  # kind of the last token read
    approx: bool = False
    fraction: bool = False  # a fraction word or symbol was used
    ordinal: bool = False
    lead: Fraction | None = None  # the number before the first scale word

    @property
    def value(self) -> Fraction:
        return self.total + (self.current or 0)

    @property
    def scale_factor(self) -> Fraction | None:
        """Factor applied by trailing scale words ("12 million" -> 10**6), else None."""
        if self.last in ("multiplier", "scale") and self.lead:
            return self.value / self.lead
        return None


def _first_group(toks: list[str], lex: _Lexicon, label: str | None) -> _Group | None:
    for start in range(len(toks)):
        group = _read_group(toks, start, lex, label)
        if group is not None:
            return group
    return None


def _read_group(toks: list[str], start: int, lex: _Lexicon, label: str | None) -> _Group | None:
    group = _Group(start)
    i = start
    while i < len(toks) and group.last != "ordinal":
        kinds = [_kind(t, lex, label) for t in toks[i : i + 3]]
        kinds += [("", Fraction(0))] * (3 - len(kinds))
        used = _step(group, kinds, toks[i + 1] if i + 1 < len(toks) else "", lex)
        if not used:
            break
        i += used
    if group.last in ("", "article"):
        return None
    group.end = i
    return group


def _step(group: _Group, kinds: _Ahead, nxt: str, lex: _Lexicon) -> int:
    """Read the token described by ``kinds[0]`` into ``group``; return tokens used (0 = stop).

    ``kinds[1:]`` describe the following tokens, ``nxt`` is the next token's text.
    """
    kind, value = kinds[0]
    handler = _HANDLERS.get(kind)
    if handler is None:
        return 0
    return handler(group, value, kinds[1:], nxt, lex)


def _on_num(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.current is not None:
        return 0
    g.current, g.last = value, "num"
    if nxt in lex.ordinal_suffixes:  # "21st", "3rd"
        g.ordinal, g.last = True, "ordinal"
        return 2
    return 1


def _on_symbol_fraction(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.current is None:
        g.current = value
    elif g.last in ("num", "unit", "tens") and value < 1:  # "2½"
        g.current += value
    else:
        return 0
    g.fraction, g.last = True, "symbol_fraction"
    return 1


def _on_unit(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.current is None:
        g.current = value
    elif (g.last == "tens" and value < 10) or g.last in ("multiplier", "and"):
        g.current += value
    else:
        return 0
    g.last = "unit"
    return 1


def _on_tens(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.current is None:
        g.current = value
    elif g.last in ("multiplier", "and"):
        g.current += value
    else:
        return 0
    g.last = "tens"
    return 1


def _is_denominator_use(g: _Group, value: Fraction) -> bool:
    """An ordinal read as a fraction: "a third", "one fifth" (but "twenty-third" is ordinal)."""
    return value >= 3 and (g.last == "article" or (g.last == "unit" and g.current == 1))


def _on_ordinal(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.current is not None and _is_denominator_use(g, value):
        g.current /= value
        g.fraction, g.last = True, "fraction"
        return 1
    if g.current is None:
        g.current = value
    elif (g.last == "tens" and value < 10) or g.last in ("multiplier", "and"):
        g.current += value  # "twenty-first", "one hundred and first"
    elif value >= 100 and g.last in ("num", "unit", "tens"):
        g.current *= value  # "two hundredth"
    else:
        return 0
    g.ordinal, g.last = True, "ordinal"
    return 1


def _on_fraction(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.current is None:
        g.current = 1 / value  # "half", "quarter"
    elif g.last in ("article", "unit", "num", "tens"):
        g.current /= value  # "a quarter", "three quarter"
    else:
        return 0
    g.fraction, g.last = True, "fraction"
    if ahead[0][0] == "article" and ahead[1][0] in ("scale", "multiplier"):
        return 2  # "half a million"
    return 1


def _on_plural_fraction(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.current is None or g.last not in ("unit", "num", "tens"):
        return 0
    g.current /= value  # "three quarters", "two thirds"
    g.fraction, g.last = True, "fraction"
    return 1


def _on_multiplier(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    base = g.current if g.current is not None else Fraction(1)
    if g.lead is None:
        g.lead = base
    g.current, g.last = base * value, "multiplier"
    return 1


def _on_scale(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.current is None and g.total:
        g.total *= value  # "five thousand million"
    else:
        base = g.current if g.current is not None else Fraction(1)
        if g.lead is None:
            g.lead = base
        g.total += base * value
    g.current, g.last = None, "scale"
    return 1


def _on_abbreviation(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.last != "num":  # only right after digits: "3bn", "5m"
        return 0
    return _on_scale(g, value, ahead, nxt, lex)


def _on_vague(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    g.approx = True
    if g.last == "":
        g.current, g.last = value, "vague"  # "dozens", "hundreds"
        return 1
    if value >= 1000:
        return _on_scale(g, value, ahead, nxt, lex)  # "tens of thousands"
    return _on_multiplier(g, value, ahead, nxt, lex)  # "a few", "several hundreds"


def _on_article(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.last != "":
        return 0
    kind, following = ahead[0]
    if kind in ("multiplier", "scale", "fraction", "vague") or (
        kind == "ordinal" and following >= 3
    ):
        g.current, g.last = Fraction(1), "article"
        return 1
    return 0


def _on_and(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    (kind1, value1), (kind2, value2) = ahead[0], ahead[1]
    if g.last in ("multiplier", "scale") and kind1 in ("unit", "tens", "ordinal"):
        g.last = "and"  # "one hundred and twenty", "one hundred and first"
        return 1
    numerator = kind1 == "article" or (kind1 in ("unit", "num") and 0 < value1 < 10)
    denominator = kind2 in ("fraction", "plural_fraction") or (kind2 == "ordinal" and value2 >= 3)
    if g.last in ("num", "unit", "tens", "scale") and numerator and denominator:
        g.current = (g.current or 0) + value1 / value2  # "two and a half"
        g.fraction, g.last = True, "fraction"
        return 3
    return 0


def _on_of(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    if g.last not in ("vague", "multiplier", "scale", "fraction"):
        return 0
    (kind1, value1), (kind2, _) = ahead[0], ahead[1]
    if kind1 in ("scale", "multiplier") or (kind1 == "vague" and value1 >= 10):
        return 1  # "tens of thousands", "a couple of hundred"
    if kind1 == "article" and kind2 in ("scale", "multiplier"):
        return 2  # "a quarter of a million"
    return 0


def _on_hyphen(g: _Group, value: Fraction, ahead: _Ahead, nxt: str, lex: _Lexicon) -> int:
    kind1, value1 = ahead[0]
    if g.last == "tens" and kind1 in ("unit", "ordinal") and value1 < 10:
        return 1  # "twenty-five", "twenty-first"
    if g.last in ("num", "unit", "tens") and kind1 in (
        "multiplier",
        "scale",
        "plural_fraction",
        "fraction",
    ):
        return 1  # "1.5-million", "two-thirds"
    if kind1 == "ordinal" and _is_denominator_use(g, value1):
        return 1  # "one-third"
    return 0


_HANDLERS = {
    "num": _on_num,
    "symbol_fraction": _on_symbol_fraction,
    "unit": _on_unit,
    "tens": _on_tens,
    "ordinal": _on_ordinal,
    "fraction": _on_fraction,
    "plural_fraction": _on_plural_fraction,
    "multiplier": _on_multiplier,
    "scale": _on_scale,
    "abbreviation": _on_abbreviation,
    "vague": _on_vague,
    "article": _on_article,
    "and": _on_and,
    "of": _on_of,
    "hyphen": _on_hyphen,
}


# ------------------------------------------------------------------------------------------------
# Ranges
# ------------------------------------------------------------------------------------------------


def _range_partner(
    toks: list[str], group: _Group, lex: _Lexicon, label: str | None
) -> _Group | None:
    """The upper end of a range starting at ``group`` ("10 to 12", "10-12"), if any."""
    i = group.end
    if i >= len(toks) or toks[i] not in lex.connectors:
        return None
    i += 1
    if i < len(toks) and (toks[i] in lex.negatives or _find_phrase([toks[i]], lex.currencies)):
        i += 1  # "$10 to $12 million", "-5 to -3"
    if i >= len(toks):
        return None
    partner = _read_group(toks, i, lex, label)
    if partner is None or partner.ordinal:
        return None
    return partner


def _range_lower(first: _Group, second: _Group) -> Fraction:
    """Lower bound of a range, sharing a scale written only on the upper end."""
    factor = second.scale_factor
    if (
        factor is not None
        and first.scale_factor is None
        and first.lead is None
        and second.lead is not None
        and first.value <= second.lead
    ):
        return min(first.value * factor, second.value)
    return min(first.value, second.value)
