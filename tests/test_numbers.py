"""Tests for pipeline.numbers: normalisation of numeric mentions."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.text.numbers import (
    LeadingNumber,
    NumberValue,
    currency_codes,
    format_decimal,
    is_vague_count,
    parse_number,
    read_number,
)

# (text, label, decimal value, approximate, unit)
CASES = [
    # digits
    ("12", "CARDINAL", "12", False, None),
    ("1,500", "CARDINAL", "1500", False, None),
    ("10,000", None, "10000", False, None),
    ("1,500.75", None, "1500.75", False, None),
    ("10\u202f000", None, "10000", False, None),
    ("2.5", None, "2.5", False, None),
    ("3.0", None, "3", False, None),
    ("-5", None, "-5", False, None),
    ("minus 3.5", "QUANTITY", "-3.5", False, None),
    ("300 people", "CARDINAL", "300", False, None),
    # number words
    ("twelve", "CARDINAL", "12", False, None),
    ("twenty-five", "CARDINAL", "25", False, None),
    ("one hundred and twenty", "CARDINAL", "120", False, None),
    ("a hundred", "CARDINAL", "100", False, None),
    ("a thousand", "CARDINAL", "1000", False, None),
    ("twelve hundred", None, "1200", False, None),
    ("two million three hundred thousand", None, "2300000", False, None),
    ("zero", None, "0", False, None),
    # scales
    ("1.5 million", "CARDINAL", "1500000", False, None),
    ("1.5-million", None, "1500000", False, None),
    ("two billion", "CARDINAL", "2000000000", False, None),
    ("3bn", None, "3000000000", False, None),
    ("5m", "CARDINAL", "5000000", False, None),
    ("10k", None, "10000", False, None),
    ("five thousand million", None, "5000000000", False, None),
    ("5 lakh", None, "500000", False, None),
    # fractions
    ("a quarter", "CARDINAL", "0.25", False, None),
    ("half", "CARDINAL", "0.5", False, None),
    ("a half", None, "0.5", False, None),
    ("a third", "CARDINAL", "0.333333333333333", False, None),
    ("three quarters", "CARDINAL", "0.75", False, None),
    ("two-thirds", "CARDINAL", "0.666666666666667", False, None),
    ("two and a half", None, "2.5", False, None),
    ("half a million", "CARDINAL", "500000", False, None),
    ("a quarter of a million", None, "250000", False, None),
    ("one and a half million", None, "1500000", False, None),
    ("3/4", None, "0.75", False, None),
    ("2½", None, "2.5", False, None),
    # percentages
    ("12 percent", "PERCENT", "12", False, "%"),
    ("12%", "PERCENT", "12", False, "%"),
    ("12 per cent", "PERCENT", "12", False, "%"),
    ("twelve percent", "PERCENT", "12", False, "%"),
    ("12%", None, "12", False, "%"),
    ("-5%", "PERCENT", "-5", False, "%"),
    ("a quarter of", "PERCENT", "25", False, "%"),
    ("half", "PERCENT", "50", False, "%"),
    ("about 40 percent", "PERCENT", "40", True, "%"),
    ("0.5 percentage points", "PERCENT", "0.5", False, "percentage points"),
    # money
    ("$2.4 billion", "MONEY", "2400000000", False, "USD"),
    ("$2.4bn", "MONEY", "2400000000", False, "USD"),
    ("50 million euros", "MONEY", "50000000", False, "EUR"),
    ("£300", "MONEY", "300", False, "GBP"),
    ("€5m", "MONEY", "5000000", False, "EUR"),
    ("1,000 rubles", "MONEY", "1000", False, "RUB"),
    ("US$10", "MONEY", "10", False, "USD"),
    ("10 dollars", "MONEY", "10", False, "USD"),
    ("A$5 million", "MONEY", "5000000", False, "AUD"),
    ("2,500 hryvnias", "MONEY", "2500", False, "UAH"),
    ("1 million yuan", "MONEY", "1000000", False, "CNY"),
    ("₹500 crore", "MONEY", "5000000000", False, "INR"),
    ("200 pounds", "MONEY", "200", False, "GBP"),
    ("more than $1bn", "MONEY", "1000000000", True, "USD"),
    ("$10 to $12 million", "MONEY", "10000000", True, "USD"),
    ("5", "MONEY", "5", False, None),
    # quantities
    ("5 kilometres", "QUANTITY", "5", False, "kilometres"),
    ("20 tonnes", "QUANTITY", "20", False, "tonnes"),
    ("3 km", "QUANTITY", "3", False, "kilometres"),
    ("5m", "QUANTITY", "5", False, "metres"),
    ("200 pounds", "QUANTITY", "200", False, "pounds"),
    ("10 million tonnes", "QUANTITY", "10000000", False, "tonnes"),
    ("100,000 barrels per day", "QUANTITY", "100000", False, "barrels per day"),
    ("five square kilometres", "QUANTITY", "5", False, "square kilometres"),
    ("30°C", "QUANTITY", "30", False, "degrees Celsius"),
    # ordinals
    ("first", "ORDINAL", "1", False, None),
    ("second", "ORDINAL", "2", False, None),
    ("3rd", "ORDINAL", "3", False, None),
    ("21st", "ORDINAL", "21", False, None),
    ("twentieth", "ORDINAL", "20", False, None),
    ("twenty-first", "ORDINAL", "21", False, None),
    ("twenty-third", "ORDINAL", "23", False, None),
    ("one hundred and first", "ORDINAL", "101", False, None),
    # vague counts
    ("dozens", None, "12", True, None),
    ("dozens of", "CARDINAL", "12", True, None),
    ("dozens of people", None, "12", True, None),
    ("tens", None, "10", True, None),
    ("hundreds", "CARDINAL", "100", True, None),
    ("thousands", "CARDINAL", "1000", True, None),
    ("millions", "CARDINAL", "1000000", True, None),
    ("scores", None, "20", True, None),
    ("several", None, "3", True, None),
    ("a few", None, "3", True, None),
    ("a couple", None, "2", True, None),
    ("tens of thousands", "CARDINAL", "10000", True, None),
    ("hundreds of thousands", "CARDINAL", "100000", True, None),
    ("tens of millions", None, "10000000", True, None),
    ("several hundred", "CARDINAL", "300", True, None),
    ("several thousand", None, "3000", True, None),
    ("a few dozen", "CARDINAL", "36", True, None),
    ("a couple of hundred", None, "200", True, None),
    ("a dozen", "CARDINAL", "12", False, None),
    ("a score of", None, "20", False, None),
    # hedges
    ("about 40", "CARDINAL", "40", True, None),
    ("nearly 300", "CARDINAL", "300", True, None),
    ("more than 1,000", "CARDINAL", "1000", True, None),
    ("up to 50", "CARDINAL", "50", True, None),
    ("at least 12", "CARDINAL", "12", True, None),
    ("some 200", "CARDINAL", "200", True, None),
    ("around 5", None, "5", True, None),
    ("roughly 7", None, "7", True, None),
    ("almost 9", None, "9", True, None),
    ("over 100", None, "100", True, None),
    ("an estimated 2,000", None, "2000", True, None),
    ("40-odd", None, "40", True, None),
    ("100+", None, "100", True, None),
    ("50 or so", None, "50", True, None),
    ("nearly half", None, "0.5", True, None),
    # ranges: conservative lower bound
    ("10 to 12", "CARDINAL", "10", True, None),
    ("10-12", "CARDINAL", "10", True, None),
    ("10–12", "CARDINAL", "10", True, None),
    ("between 10 and 12", "CARDINAL", "10", True, None),
    ("10 or 12", None, "10", True, None),
    ("10 to 12 million", "CARDINAL", "10000000", True, None),
    ("two to three hundred", None, "200", True, None),
    ("500 to 2 million", None, "500", True, None),
    ("$2-3 billion", "MONEY", "2000000000", True, "USD"),
    ("-5 to -3", None, "-5", True, None),
]

NONE_CASES = [
    "",
    "   ",
    "many people",
    "some",
    "a",
    "$",
    "percent",
    "numerous",
    "a lot",
    "thirds",
    "the victims",
]


@pytest.mark.parametrize(("text", "label", "decimal", "approximate", "unit"), CASES)
def test_parse_number(
    text: str, label: str | None, decimal: str, approximate: bool, unit: str | None
) -> None:
    result = parse_number(text, label)
    assert result is not None
    assert (result.decimal(), result.approximate, result.unit) == (decimal, approximate, unit)


@pytest.mark.parametrize("text", NONE_CASES)
def test_parse_number_without_a_number(text: str) -> None:
    assert parse_number(text) is None
    assert parse_number(text, "CARDINAL") is None


def test_value_is_float_and_result_is_frozen() -> None:
    result = parse_number("$2.4bn", "MONEY")
    assert result == NumberValue(2_400_000_000.0, False, "USD")
    assert isinstance(result.value, float)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.value = 1.0  # type: ignore[misc]


def test_label_is_case_insensitive() -> None:
    assert parse_number("5m", "quantity") == parse_number("5m", "QUANTITY")


def test_hyphenated_word_is_not_a_minus_sign() -> None:
    result = parse_number("COVID-19")
    assert result is not None and result.value == 19.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12, "12"),
        (12.0, "12"),
        (0.25, "0.25"),
        (1.5e6, "1500000"),
        (2.4e9, "2400000000"),
        (1e20, "100000000000000000000"),
        (-3.5, "-3.5"),
        (-0.0, "0"),
        (0.1 + 0.2, "0.3"),
        (1e-7, "0.0000001"),
    ],
)
def test_format_decimal(value: float, expected: str) -> None:
    assert format_decimal(value) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_format_decimal_rejects_non_finite(value: float) -> None:
    with pytest.raises(ValueError):
        format_decimal(value)


@pytest.mark.parametrize(
    "word",
    [
        "dozens",
        "Dozens of",
        "several",
        "a few",
        "a couple",
        "hundreds",
        "thousands",
        "tens of thousands",
        "several hundred",
        "scores",
    ],
)
def test_is_vague_count(word: str) -> None:
    assert is_vague_count(word)


@pytest.mark.parametrize("word", ["a dozen", "hundred", "twelve", "12", "people", "", "many"])
def test_is_not_vague_count(word: str) -> None:
    assert not is_vague_count(word)


# (text, cardinal, value, words used, approximate, ordinal)
LEADING = [
    ("two hundred years", False, 200.0, 2, False, False),
    ("twenty four hours", False, 24.0, 2, False, False),
    ("twenty-five years", False, 25.0, 1, False, False),
    ("one hundred and twenty days", False, 120.0, 4, False, False),
    ("1,000 days", False, 1000.0, 1, False, False),
    ("2.5 hours", False, 2.5, 1, False, False),
    ("a dozen eggs", False, 12.0, 2, False, False),
    ("a year", False, 1.0, 1, False, False),
    ("an hour", False, 1.0, 1, False, False),
    ("couple days", False, 2.0, 1, True, False),
    ("several hundred years", False, 300.0, 2, True, False),
    ("seven and a half years", False, 7.5, 4, False, False),
    ("seven and a half years", True, 7.0, 1, False, False),
    ("a half century", False, 0.5, 2, False, False),
    ("a half century", True, 1.0, 1, False, False),
    ("twenty first century", False, 21.0, 2, False, True),
    ("twenty first century", True, 20.0, 1, False, False),
]


@pytest.mark.parametrize(("text", "cardinal", "value", "used", "approx", "ordinal"), LEADING)
def test_read_number(
    text: str, cardinal: bool, value: float, used: int, approx: bool, ordinal: bool
) -> None:
    expected = LeadingNumber(value, used, approx, ordinal)
    assert read_number(text.split(), cardinal=cardinal) == expected


@pytest.mark.parametrize(
    ("text", "cardinal"),
    [
        ("", False),
        ("years", False),
        ("half", True),
        ("21st century", True),
        ("5. years", False),
        ("10-12 years", False),
        ("'90s", False),
        ("people 300", False),
    ],
)
def test_read_number_without_a_leading_number(text: str, cardinal: bool) -> None:
    assert read_number(text.split(), cardinal=cardinal) is None


@pytest.mark.parametrize(
    ("document", "mention", "unit"),
    [
        ("Beijing will spend 500 billion yuan.", "¥20bn", "CNY"),
        ("Tokyo will spend 500 billion yen.", "¥20bn", "JPY"),
        ("Tokyo and Beijing spent 5bn yen and 3bn yuan.", "¥20bn", "JPY"),
        ("The budget is 9 trillion Pakistani rupees.", "Rs 500 million", "PKR"),
        ("The budget is 9 trillion Pakistani rupees.", "30 rupees", "PKR"),
        ("Debt is 1.2 trillion Egyptian pounds.", "500 billion pounds", "EGP"),
        ("Debt is 1.2 trillion Egyptian pounds and £5bn.", "500 billion pounds", "GBP"),
        ("Ottawa pledged C$3 billion.", "$40 million", "USD"),
        ("The bill was 500 Canadian dollars.", "20 dollars", "CAD"),
        ("No currency is named here.", "30 rupees", "INR"),
    ],
)
def test_shared_currency_in_context(document: str, mention: str, unit: str) -> None:
    result = parse_number(mention, "MONEY", currency_codes(document))
    assert result is not None and result.unit == unit
