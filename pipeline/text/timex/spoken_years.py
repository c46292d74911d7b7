"""Years said as two numbers ("nineteen ninety-four" -> "1994"), rewritten to digits.

The first word names the century (``[spoken_years]`` of ``temporal.toml``); the words after
it must read, with the number grammar of :mod:`pipeline.text.numbers`, as 10 to 99 (``ninety
four``), as ``oh`` and a digit (``nineteen oh five``) or as ``hundred`` (``nineteen hundred``).
"twenty five" is 25, not a year: a year needs two words' worth of number after the century.
"nineteen eighties" is the decade ("1980s"); "two thousand (and) eight" is 2008 and "two
thousand" alone 2000, but not when a unit follows ("two thousand years").
"""

from __future__ import annotations

from pipeline.text.numbers import read_number
from pipeline.text.timex.resources import res


def spoken_years(s: str) -> str:
    """The cleaned text with every spoken year written in digits."""
    conf = res().raw["spoken_years"]
    words = s.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        found = _spoken_at(words, i, conf)
        if found is None:
            out.append(words[i])
            i += 1
            continue
        text, used = found
        out.append(text)
        i += used
    return " ".join(out)


def _spoken_at(words: list[str], i: int, conf: dict) -> tuple[str, int] | None:
    """(digits, words used) of a spoken year or decade starting at word ``i``."""
    century = conf["centuries"].get(words[i])
    if century is not None and i + 1 < len(words):
        digit = res().raw["decade_words"].get(words[i + 1])
        if digit is not None:  # "nineteen eighties"
            return f"{century}{digit}0s", 2
        found = _year_in(words[i + 1 :], conf)
        return (f"{century}{found[0]:02d}", 1 + found[1]) if found else None
    millennium = conf["millennium"]
    if words[i : i + len(millennium)] != millennium:
        return None
    rest = words[i + len(millennium) :]
    joiner = 1 if rest[:1] == [conf["millennium_joiner"]] else 0
    if not rest[joiner:]:
        return ("2000", len(millennium)) if not joiner else None
    number = read_number(rest[joiner : joiner + 2], cardinal=True)
    if number is None or not number.value.is_integer() or not 1 <= number.value <= 99:
        return None
    return f"20{int(number.value):02d}", len(millennium) + joiner + number.used


def _year_in(words: list[str], conf: dict) -> tuple[int, int] | None:
    """(year within the century, words used) at the start of ``words``."""
    if not words:
        return None
    if words[0] == conf["hundred"]:
        return 0, 1
    if words[0] in conf["zero"] and len(words) > 1:
        digit = read_number(words[1:2], cardinal=True)
        if digit is not None and 1 <= digit.value <= 9 and digit.value.is_integer():
            return int(digit.value), 2
        return None
    number = read_number(words[:2], cardinal=True)
    if number is None or not number.value.is_integer() or not 10 <= number.value <= 99:
        return None
    return int(number.value), number.used
