"""The number lexicon (``resources/numbers.toml``), the tokenizer and token classification."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from pipeline.resources import load_resource

Phrase = tuple[str, ...]
Kind = tuple[str, Fraction]  # (kind of token, its value); kind "" = not part of a number

UNARY_MINUS = "\u2212"
HYPHEN = "-"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"  # each read as a hyphen
# A hyphen at the start or after a space or an opening bracket, before a digit (the lookbehind
# follows the hyphen, so that the search can skip to the next hyphen)
_UNARY_MINUS_RE = re.compile(r"-(?<![^\s(\[]-)(?=\.?\d)")
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

# Kinds that only fractions and ordinals have; a cardinal reading treats them as non-numbers.
PART_KINDS = frozenset({"ordinal", "fraction", "plural_fraction", "symbol_fraction"})
NOT_A_NUMBER: Kind = ("", Fraction(0))


class PhraseTable(dict):
    """A phrase -> value table that knows the length of its longest phrase and the words its
    phrases start with (phrase lookups run on every token of a number mention; the table never
    changes once built)."""

    def __init__(self, items: dict | None = None) -> None:
        super().__init__(items or {})
        self.longest = max((len(p) for p in self), default=0)
        self.firsts = frozenset(p[0] for p in self if p)


def phrase_firsts(table: dict[Phrase, object]) -> frozenset[str]:
    """The words the phrases of ``table`` start with: a token not among them starts none (a
    quick test before the lookups of every phrase length)."""
    if isinstance(table, PhraseTable):
        return table.firsts
    return frozenset(p[0] for p in table if p)


def longest_phrase(table: dict[Phrase, object]) -> int:
    """The number of tokens of the longest phrase of ``table``."""
    if isinstance(table, PhraseTable):
        return table.longest
    return max((len(p) for p in table), default=0)


@dataclass(frozen=True)
class Lexicon:
    """``numbers.toml``, indexed for the parser."""

    articles: frozenset[str]
    conjunction: str
    partitive: str
    ordinal_suffixes: frozenset[str]
    negatives: frozenset[str]
    connectors: frozenset[str]
    words: dict[str, Kind]  # token -> (kind, value)
    abbreviations: dict[str, Fraction]
    hedges_before: dict[Phrase, bool]
    hedges_after: dict[Phrase, bool]
    percent: dict[Phrase, str]
    currencies: dict[Phrase, str]
    ambiguous: dict[Phrase, tuple[str, ...]]
    subunits: dict[Phrase, tuple[str, Fraction]]
    measures: dict[Phrase, str]
    denominators: frozenset[int]


# numbers.toml table -> kind of its words
_WORD_TABLES = {
    "units": "unit",
    "tens": "tens",
    "multipliers": "multiplier",
    "scales": "scale",
    "ordinals": "ordinal",
    "fractions": "fraction",
    "vague": "vague",
}


def _word_kinds(raw: dict) -> dict[str, Kind]:
    """Every number word of ``numbers.toml`` with its kind and value."""
    words: dict[str, Kind] = {}
    for table, kind in _WORD_TABLES.items():
        for word, number in raw[table].items():
            words[word] = (kind, Fraction(number))
    for word, denominator in raw["plural_fractions"].items():
        words[word] = ("plural_fraction", Fraction(denominator))
    plural = raw["grammar"]["plural_suffix"]
    for word, ordinal in raw["ordinals"].items():
        if ordinal >= 3:  # "thirds", "fifths"; not "seconds"
            words.setdefault(f"{word}{plural}", ("plural_fraction", Fraction(ordinal)))
    for symbol, fraction in raw["fraction_symbols"].items():
        words[symbol] = ("symbol_fraction", Fraction(fraction))
    return words


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and index ``resources/numbers.toml`` (once)."""
    raw = load_resource("numbers.toml")
    grammar = raw["grammar"]
    return Lexicon(
        articles=frozenset(grammar["articles"]),
        conjunction=grammar["conjunction"],
        partitive=grammar["partitive"],
        ordinal_suffixes=frozenset(grammar["ordinal_suffixes"]),
        negatives=frozenset([*grammar["negatives"], UNARY_MINUS]),
        connectors=frozenset(grammar["range_connectors"]),
        words=_word_kinds(raw),
        abbreviations={k: Fraction(v) for k, v in raw["scale_abbreviations"].items()},
        hedges_before=PhraseTable({phrase(p): True for p in raw["hedges"]["before"]}),
        hedges_after=PhraseTable({phrase(p): True for p in raw["hedges"]["after"]}),
        percent=PhraseTable({phrase(k): v for k, v in raw["percent"].items()}),
        currencies=PhraseTable({phrase(k): v for k, v in raw["currencies"].items()}),
        ambiguous=PhraseTable(
            {phrase(k): tuple(v) for k, v in raw["ambiguous_currencies"].items()}
        ),
        subunits=PhraseTable(
            {
                phrase(k): (v["currency"], Fraction(v["factor"]))
                for k, v in raw["currency_subunits"].items()
            }
        ),
        measures=PhraseTable({phrase(k): v for k, v in raw["measures"].items()}),
        denominators=frozenset(int(d) for d in raw["digit_fractions"]["denominators"]),
    )


def phrase(text: str) -> Phrase:
    """A resource phrase as a token tuple."""
    return tuple(tokenize(text))


def normalise_text(text: str) -> str:
    """Lower-case text with every dash a hyphen and a unary minus U+2212, as tokenized."""
    for dash in _DASHES:  # str.replace per dash: far quicker than str.translate on long texts
        if dash in text:
            text = text.replace(dash, HYPHEN)
    return _UNARY_MINUS_RE.sub(UNARY_MINUS, text.lower())


def tokenize(text: str) -> list[str]:
    """Lower-case tokens: numbers, words, single symbols; a unary minus becomes U+2212."""
    return _TOKEN_RE.findall(normalise_text(text))


def kind(tok: str, lex: Lexicon, label: str | None) -> Kind:
    """Classify a token; kind "" means it is not part of a number (memoised for the built-in
    lexicon: the parser classifies each token of a mention several times)."""
    if lex is lexicon():
        return _builtin_kind(tok, label)
    return _classify(tok, lex, label)


@lru_cache(maxsize=8192)
def _builtin_kind(tok: str, label: str | None) -> Kind:
    return _classify(tok, lexicon(), label)


def _classify(tok: str, lex: Lexicon, label: str | None) -> Kind:
    if _DIGITS_RE.fullmatch(tok):
        return "num", Fraction(_SEPARATOR_RE.sub("", tok))
    if _DIGIT_FRACTION_RE.fullmatch(tok):
        numerator, denominator = (int(part) for part in tok.split("/"))
        if denominator in lex.denominators and numerator < denominator:
            return "symbol_fraction", Fraction(numerator, denominator)
        return NOT_A_NUMBER  # "9/11", "24/7"
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
    if tok == HYPHEN:
        return "hyphen", Fraction(0)
    return NOT_A_NUMBER


def cardinal_kind(tok: str, lex: Lexicon, label: str | None) -> Kind:
    """Like :func:`kind`, but fraction and ordinal tokens are not part of a number."""
    found = kind(tok, lex, label)
    return NOT_A_NUMBER if found[0] in PART_KINDS else found


def all_phrases(tokens: list[str], table: dict[Phrase, object]) -> list[object]:
    """Values of every leftmost-longest phrase of ``table`` in ``tokens``, in order."""
    firsts = phrase_firsts(table)
    if firsts.isdisjoint(tokens):
        return []  # no phrase starts at any token
    longest = longest_phrase(table)
    found, i = [], 0
    while i < len(tokens):
        if tokens[i] not in firsts:
            i += 1
            continue
        for size in range(min(longest, len(tokens) - i), 0, -1):
            value = table.get(tuple(tokens[i : i + size]))
            if value is not None:
                found.append(value)
                i += size
                break
        else:
            i += 1
    return found


def find_phrase(tokens: list[str | None], table: dict[Phrase, object]) -> object | None:
    """Leftmost-longest phrase of ``table`` found in ``tokens`` (None entries never match)."""
    firsts = phrase_firsts(table)
    if firsts.isdisjoint(tokens):
        return None  # no phrase starts at any token
    longest = longest_phrase(table)
    for i in range(len(tokens)):
        if tokens[i] not in firsts:
            continue
        for size in range(min(longest, len(tokens) - i), 0, -1):
            found = table.get(tuple(tokens[i : i + size]))  # type: ignore[arg-type]
            if found is not None:
                return found
    return None
