"""Quantities of time units ("three years", "a year and a half") and ordinal words.

Number words are read by :func:`pipeline.text.numbers.read_number`; this module adds what is
particular to temporal expressions ([quantities] in temporal.toml): vague phrases that leave
the number unknown ("the last few"), whole phrases read first ("a couple of"), "half a",
"and a half" after a unit, and that a four-digit number is a year, not a count.
"""

from __future__ import annotations

import re

from pipeline.text.numbers import read_number
from pipeline.text.timex.resources import res

_YEAR_LIKE = re.compile(r"1\d{3}|2[01]\d{2}")  # a year, not a number of units
_LETTER_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")

Quantity = tuple[float | None, int]  # (number or None when vague, words used)


def _starts_with(text: str, phrase: str) -> bool:
    return text == phrase or text.startswith(phrase + " ")


def quantity(words: list[str]) -> Quantity | None:
    """(number, words used) at the start of words; number None when vague ("a few")."""
    if not words:
        return None
    r = res()
    text = " ".join(words)
    for phrase, n in r.exact:
        if _starts_with(text, phrase):
            return n, len(phrase.split())
    for phrase in r.vague:
        if _starts_with(text, phrase):
            return None, len(phrase.split())
    share = r.raw["quantities"]["shares"].get(words[0])
    if share is not None and len(words) > 1 and words[1] in r.articles:
        return share, 2
    if _YEAR_LIKE.fullmatch(words[0]):
        return None
    number = read_number(words, cardinal=True)
    if number is None:
        return None
    value, used = number.value, number.used
    if not words[0][0].isdigit():
        value, used = _adjacent_numbers(words, value, used)
    return _with_tail(words, value, used)


def _adjacent_numbers(words: list[str], value: float, used: int) -> tuple[float, int]:
    """Add the numbers in words that follow the first one, kept for output compatibility:
    the reader that ``read_number`` replaced added up consecutive number words. An article
    read as one is not a count before another number ("a two day" = 2 days, not 3). Digits
    and articles after the first number are not added.
    """
    articles = res().articles
    while used < len(words) and words[used][0].isalpha() and words[used] not in articles:
        number = read_number(words[used:], cardinal=True)
        if number is None:
            break
        article = used == 1 and words[0] in articles
        value = number.value if article else value + number.value
        used += number.used
    return value, used


def _with_tail(words: list[str], value: float, used: int) -> Quantity:
    """Add a tail after the number: "three and a half" = 3.5."""
    for tail, extra in res().raw["quantities"]["tails"].items():
        size = len(tail.split())
        if words[used : used + size] == tail.split():
            return value + extra, used + size
    return value, used


def unit(word: str) -> str | None:
    """Canonical unit of a unit word ("yrs" -> "year"), else None."""
    return res().raw["units"].get(word)


def is_plural(word: str) -> bool:
    """True for a word in the plural ("years", "millennia")."""
    plurals = res().raw["plurals"]
    return word.endswith(plurals["suffix"]) or word in plurals["irregular"]


def singular(word: str) -> str | None:
    """A regular plural without its ending ("mondays" -> "monday"), else None."""
    suffix = res().raw["plurals"]["suffix"]
    return word[: -len(suffix)] if word.endswith(suffix) else None


def duration(q: float | None, unit_name: str) -> str:
    """ISO duration for q units (q None = vague). A fraction is written with the next smaller
    unit, as TimeBank does: 5.5 years -> ``P5Y6M``, 1.5 hours -> ``PT1H30M``."""
    raw = res().raw
    letter, mult, is_time, vague = raw["unit_durations"][unit_name]
    if q is None:
        return f"P{'T' if is_time else ''}X{vague}"
    n = q * mult
    if n == int(n):
        return f"P{'T' if is_time else ''}{int(n)}{letter}"
    smaller = raw["half_units"].get(unit_name)
    if smaller is not None:
        whole = int(q)
        rest = (q - whole) * smaller[1]
        if rest == int(rest):
            return _iso_duration([(whole, unit_name), (int(rest), smaller[0])])
    number = f"{n:g}"
    return f"P{'T' if is_time else ''}{number}{letter}"


def _iso_duration(parts: list[tuple[int, str]]) -> str:
    """``P..`` from (count, unit) parts, date units before ``T`` and time units after it;
    parts that count zero are left out (``P0D`` when all do)."""
    table = res().raw["unit_durations"]
    date, time = "", ""
    for count, unit_name in parts:
        letter, mult, is_time, _ = table[unit_name]
        if count == 0:
            continue
        if is_time:
            time += f"{count * mult}{letter}"
        else:
            date += f"{count * mult}{letter}"
    if not date and not time:
        letter, _, is_time, _ = table[parts[0][1]]
        return f"P{'T' if is_time else ''}0{letter}"
    return f"P{date}" + (f"T{time}" if time else "")


def quantity_unit(words: list[str]) -> tuple[float | None, str] | None:
    """(number, unit) for words that are exactly "<quantity> <unit>" ("a year and a half")."""
    for tail, extra in res().raw["quantities"]["tails"].items():
        size = len(tail.split())
        if len(words) >= size + 1 and words[-size:] == tail.split():
            got = quantity_unit(words[:-size])
            if got and got[0] is not None:
                return got[0] + extra, got[1]
            return None
    if len(words) < 2 or not unit(words[-1]):
        return None
    q = quantity(words[:-1])
    if q is None or q[1] != len(words) - 1:
        return None
    return q[0], unit(words[-1])  # type: ignore[return-value]


def ordinal(phrase: str) -> int | None:
    """Value of an ordinal in words ("third", "twenty first"); [ordinals] ("last" = -1) first."""
    own = res().raw["ordinals"].get(phrase)
    if own is not None:
        return own
    if not _LETTER_WORDS.fullmatch(phrase):  # "2nd" is left to the digit patterns
        return None
    words = phrase.split()
    number = read_number(words)
    if number is None or not number.ordinal or number.used != len(words):
        return None
    return int(number.value)
