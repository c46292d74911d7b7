"""Properties of the number normaliser (hypothesis): numbers written with digits, with scale
words or in English words read back to their value; ``format_decimal`` round-trips; the parser
never raises and never gives a value that is not finite.

Deterministic (``derandomize``) and quick (200 examples each, no deadline).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.numbers import format_decimal, parse_number, read_number

PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None)
LABELS = [None, "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL", "DATE", "cardinal"]
PLAIN_DECIMAL = re.compile(r"-?\d+(?:\.\d*[1-9])?")

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _under_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return ONES[n]
    tens, unit = divmod(n, 10)
    return TENS[tens] + ("" if unit == 0 else ("-" if hyphen else " ") + ONES[unit])


def _under_thousand(n: int, hyphen: bool, conjunction: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        if hundreds and conjunction:
            parts.append("and")
        parts.append(_under_hundred(rest, hyphen))
    return " ".join(parts)


def in_words(n: int, hyphen: bool = True, conjunction: bool = False) -> str:
    """English words for 0 <= n < 1,000,000 ("four hundred and twelve thousand ...")."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = [f"{_under_thousand(thousands, hyphen, conjunction)} thousand"] if thousands else []
    if rest:
        if thousands and conjunction and rest < 100:
            parts.append("and")
        parts.append(_under_thousand(rest, hyphen, conjunction))
    return " ".join(parts)


def test_the_word_generator() -> None:
    assert in_words(0) == "zero"
    assert in_words(21) == "twenty-one"
    assert in_words(105, conjunction=True) == "one hundred and five"
    assert in_words(999_999, hyphen=False) == (
        "nine hundred ninety nine thousand nine hundred ninety nine"
    )
    assert in_words(12_005, conjunction=True) == "twelve thousand and five"


def _value(text: str, label: str | None = "CARDINAL") -> float:
    result = parse_number(text, label)
    assert result is not None, text
    return result.value


@PROPERTY
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_in_digits(n: int) -> None:
    assert _value(str(n)) == n


@PROPERTY
@given(st.integers(min_value=1000, max_value=10**15))
def test_integers_with_thousands_commas(n: int) -> None:
    assert _value(f"{n:,}") == n


@PROPERTY
@given(
    st.decimals(
        min_value=Decimal(-(10**9)),
        max_value=Decimal(10**9),
        allow_nan=False,
        allow_infinity=False,
        places=4,
    ),
    st.booleans(),
)
def test_decimals_in_digits(number: Decimal, commas: bool) -> None:
    text = f"{number:,f}" if commas else f"{number:f}"
    assert _value(text) == float(Fraction(number))


@PROPERTY
@given(
    st.decimals(min_value=Decimal(0), max_value=Decimal(999), places=2),
    st.sampled_from(sorted(SCALES)),
    st.sampled_from([" ", "-"]),
)
def test_scale_words(number: Decimal, scale: str, joint: str) -> None:
    text = f"{number:f}{joint}{scale}"
    assert _value(text) == float(Fraction(number) * SCALES[scale])


@PROPERTY
@given(st.integers(min_value=0, max_value=999_999), st.booleans(), st.booleans())
def test_numbers_in_words(n: int, hyphen: bool, conjunction: bool) -> None:
    words = in_words(n, hyphen, conjunction)
    assert _value(words) == n
    assert _value(words.title()) == n


@PROPERTY
@given(st.integers(min_value=0, max_value=999_999), st.booleans())
def test_read_number_uses_every_word_of_a_number_in_words(n: int, hyphen: bool) -> None:
    words = in_words(n, hyphen).split()
    read = read_number([*words, "people"], cardinal=True)
    assert read is not None
    assert (read.value, read.used) == (n, len(words))


@PROPERTY
@given(
    st.decimals(
        min_value=Decimal("-1e12"),
        max_value=Decimal("1e12"),
        allow_nan=False,
        allow_infinity=False,
        places=3,
    )
)
def test_format_decimal_round_trips_a_decimal(number: Decimal) -> None:
    text = format_decimal(float(number))
    assert PLAIN_DECIMAL.fullmatch(text), text
    assert Decimal(text) == number


@PROPERTY
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_format_decimal_round_trips_through_float(value: float) -> None:
    text = format_decimal(value)
    assert PLAIN_DECIMAL.fullmatch(text), text
    back = float(text)
    assert math.isclose(back, value, rel_tol=1e-14, abs_tol=0.0) or back == value
    assert format_decimal(back) == text


WORDS = [
    *ONES,
    *TENS[2:],
    *SCALES,
    "hundred",
    "dozen",
    "dozens",
    "a",
    "an",
    "and",
    "of",
    "half",
    "quarter",
    "thirds",
    "first",
    "tens",
    "thousands",
    "several",
    "few",
    "to",
    "or",
    "between",
    "about",
    "more than",
    "minus",
    "-",
    "$",
    "€",
    "%",
    "percent",
    "bn",
    "m",
    "k",
    "cents",
    "1/0",
    "0/0",
    "½",
    "9" * 40,
    "1e308",
    ".5",
    "1,000",
    "3rd",
]


@PROPERTY
@given(st.text(), st.sampled_from(LABELS))
def test_parse_number_never_raises_on_any_text(text: str, label: str | None) -> None:
    result = parse_number(text, label)
    assert result is None or math.isfinite(result.value)


@PROPERTY
@given(
    st.lists(st.sampled_from(WORDS), max_size=12),
    st.sampled_from([" ", "", "-"]),
    st.sampled_from(LABELS),
)
def test_parse_number_never_raises_on_number_words(
    words: list[str], joint: str, label: str | None
) -> None:
    text = joint.join(words)
    result = parse_number(text, label)
    assert result is None or math.isfinite(result.value)
    read = read_number(text.split())
    assert read is None or (math.isfinite(read.value) and 1 <= read.used <= len(text.split()))


def test_values_too_large_for_a_float_are_no_value() -> None:
    assert parse_number("9" * 400) is None
    assert parse_number(" ".join(["million"] * 60)) is None
    assert read_number(["9" * 400]) is None
