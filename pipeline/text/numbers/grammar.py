"""The number grammar: reading a run of tokens into one number, and ranges of two numbers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from pipeline.text.numbers.lexicon import (
    NOT_A_NUMBER,
    Kind,
    Lexicon,
    find_phrase,
    kind,
    longest_phrase,
    phrase_firsts,
)

_Ahead = list[Kind]  # kinds and values of the tokens after the current one
KindOf = Callable[[str, Lexicon, "str | None"], Kind]

# ------------------------------------------------------------------------------------------------
# Number groups
# ------------------------------------------------------------------------------------------------


@dataclass
class Group:
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


def first_group(toks: list[str], lex: Lexicon, label: str | None) -> Group | None:
    """The first number of a token list, wherever it starts."""
    for start in range(len(toks)):
        group = read_group(toks, start, lex, label)
        if group is not None:
            return group
    return None


def read_group(
    toks: list[str], start: int, lex: Lexicon, label: str | None, kind_of: KindOf = kind
) -> Group | None:
    """The number starting at token ``start``; None when no number starts there.

    ``kind_of`` classifies tokens (the default reads every kind of number).
    """
    group = Group(start)
    i = start
    while i < len(toks) and group.last != "ordinal":
        kinds = [kind_of(t, lex, label) for t in toks[i : i + 3]]
        kinds += [NOT_A_NUMBER] * (3 - len(kinds))
        used = _step(group, kinds, toks[i + 1] if i + 1 < len(toks) else "", lex)
        if not used:
            break
        i += used
    if group.last in ("", "article"):
        return None
    group.end = i
    return group


def _step(group: Group, kinds: _Ahead, nxt: str, lex: Lexicon) -> int:
    """Read the token described by ``kinds[0]`` into ``group``; return tokens used (0 = stop).

    ``kinds[1:]`` describe the following tokens, ``nxt`` is the next token's text.
    """
    kind, value = kinds[0]
    handler = _HANDLERS.get(kind)
    if handler is None:
        return 0
    return handler(group, value, kinds[1:], nxt, lex)


def _on_num(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    if g.current is not None:
        return 0
    g.current, g.last = value, "num"
    if nxt in lex.ordinal_suffixes:  # "21st", "3rd"
        g.ordinal, g.last = True, "ordinal"
        return 2
    return 1


def _on_symbol_fraction(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    if g.current is None:
        g.current = value
    elif g.last in ("num", "unit", "tens") and value < 1:  # "2½"
        g.current += value
    else:
        return 0
    g.fraction, g.last = True, "symbol_fraction"
    return 1


def _on_unit(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    if g.current is None:
        g.current = value
    elif (g.last == "tens" and value < 10) or g.last in ("multiplier", "and"):
        g.current += value
    else:
        return 0
    g.last = "unit"
    return 1


def _on_tens(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    if g.current is None:
        g.current = value
    elif g.last in ("multiplier", "and"):
        g.current += value
    else:
        return 0
    g.last = "tens"
    return 1


def _is_denominator_use(g: Group, value: Fraction) -> bool:
    """An ordinal read as a fraction: "a third", "one fifth" (but "twenty-third" is ordinal)."""
    return value >= 3 and (g.last == "article" or (g.last == "unit" and g.current == 1))


def _on_ordinal(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
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


def _on_fraction(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
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


def _on_plural_fraction(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    if g.current is None or g.last not in ("unit", "num", "tens"):
        return 0
    g.current /= value  # "three quarters", "two thirds"
    g.fraction, g.last = True, "fraction"
    return 1


def _on_multiplier(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    base = g.current if g.current is not None else Fraction(1)
    if g.lead is None:
        g.lead = base
    g.current, g.last = base * value, "multiplier"
    return 1


def _on_scale(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    if g.current is None and g.total:
        g.total *= value  # "five thousand million"
    else:
        base = g.current if g.current is not None else Fraction(1)
        if g.lead is None:
            g.lead = base
        g.total += base * value
    g.current, g.last = None, "scale"
    return 1


def _on_abbreviation(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    if g.last != "num":  # only right after digits: "3bn", "5m"
        return 0
    return _on_scale(g, value, ahead, nxt, lex)


def _on_vague(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    g.approx = True
    if g.last == "":
        g.current, g.last = value, "vague"  # "dozens", "hundreds"
        return 1
    if value >= 1000:
        return _on_scale(g, value, ahead, nxt, lex)  # "tens of thousands"
    return _on_multiplier(g, value, ahead, nxt, lex)  # "a few", "several hundreds"


def _on_article(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    if g.last != "":
        return 0
    kind, following = ahead[0]
    if kind in ("multiplier", "scale", "fraction", "vague") or (
        kind == "ordinal" and following >= 3
    ):
        g.current, g.last = Fraction(1), "article"
        return 1
    return 0


def _on_and(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
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


def _on_of(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
    if g.last not in ("vague", "multiplier", "scale", "fraction"):
        return 0
    (kind1, value1), (kind2, _) = ahead[0], ahead[1]
    if kind1 in ("scale", "multiplier") or (kind1 == "vague" and value1 >= 10):
        return 1  # "tens of thousands", "a couple of hundred"
    if kind1 == "article" and kind2 in ("scale", "multiplier"):
        return 2  # "a quarter of a million"
    return 0


def _on_hyphen(g: Group, value: Fraction, ahead: _Ahead, nxt: str, lex: Lexicon) -> int:
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
    if g.last == "fraction" and kind1 in ("multiplier", "scale"):
        return 1  # "a half-dozen", "a quarter-million"
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


def range_partner(toks: list[str], group: Group, lex: Lexicon, label: str | None) -> Group | None:
    """The upper end of a range starting at ``group`` ("10 to 12", "10-12"), if any."""
    i = group.end + unit_length(toks, group.end, lex)  # "6 feet to 7 feet"
    if i >= len(toks) or toks[i] not in lex.connectors:
        return None
    i += 1
    if i < len(toks) and (toks[i] in lex.negatives or find_phrase([toks[i]], lex.currencies)):
        i += 1  # "$10 to $12 million", "-5 to -3"
    if i >= len(toks):
        return None
    partner = read_group(toks, i, lex, label)
    if partner is None or partner.ordinal:
        return None
    return partner


def unit_length(toks: list[str], i: int, lex: Lexicon) -> int:
    """How many tokens from ``i`` form a unit phrase (percent, measure or currency word)."""
    found = 0
    for table in (lex.percent, lex.measures, lex.currencies):
        if i >= len(toks) or toks[i] not in phrase_firsts(table):
            continue  # no phrase of the table starts here
        longest = longest_phrase(table)
        for size in range(min(longest, len(toks) - i), found, -1):
            if tuple(toks[i : i + size]) in table:
                found = size
                break
    return found


def article_unit(toks: list[str], lex: Lexicon) -> Group | None:
    """One, for an article right before a unit ("a mile", "a dollar"); None if there is none."""
    for i, tok in enumerate(toks):
        if tok in lex.articles and unit_length(toks, i + 1, lex):
            group = Group(i, i + 1, current=Fraction(1), last="unit")
            return group
    return None


def range_lower(first: Group, second: Group) -> Fraction:
    """Lower bound of a range, sharing a scale written only on the upper end."""
    return min(range_first(first, second), second.value)


def range_first(first: Group, second: Group) -> Fraction:
    """The first number of a pair, with a scale written only on the second shared
    ("10 to 12 million" -> 10000000)."""
    factor = second.scale_factor
    if (
        factor is not None
        and first.scale_factor is None
        and first.lead is None
        and second.lead is not None
        and first.value <= second.lead
    ):
        return first.value * factor
    return first.value


def is_range(first: Group, second: Group) -> bool:
    """Whether a pair is a range: it rises ("10 to 12"). A pair that does not ("3-1",
    "52 to 48") is a score, a vote or a change, never a range."""
    return range_first(first, second) < second.value
