"""Years said as two numbers ("nineteen ninety-four" -> "1994"), rewritten to digits.

The first word names the century (``[spoken_years]`` of ``temporal.toml``); the words after
it must read, with the number grammar of :mod:`pipeline.text.numbers`, as 10 to 99 (``ninety
four``), as ``oh`` and a digit (``nineteen oh five``) or as ``hundred`` (``nineteen hundred``).
"twenty five" is 25, not a year: a year needs two words' worth of number after the century.
"""

from __future__ import annotations

from pipeline.text.numbers import read_number
from pipeline.text.timex.resources import res


def spoken_years(s: str) -> str:
    """The cleaned text with every spoken year written in digits."""
    conf = res().raw["spoken_years"]
    centuries: dict[str, int] = conf["centuries"]
    words = s.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        century = centuries.get(words[i])
        found = _year_in(words[i + 1 :], conf) if century is not None else None
        if found is None:
            out.append(words[i])
            i += 1
            continue
        year, used = found
        out.append(f"{century}{year:02d}")
        i += 1 + used
    return " ".join(out)


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
