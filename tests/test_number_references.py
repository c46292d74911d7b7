"""Numbers that are names or references are not numbers (each text below makes the bare model
tag such a number)."""

from __future__ import annotations

import pytest

NUMBERS = {"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


def numbers(doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ in NUMBERS]


@pytest.mark.parametrize(
    ("text", "not_a_number"),
    [
        ("Polls compiled by [538.] show a tight race.", "538"),
        ("He ran a country-first campaign all year.", "first"),
        ("The outbreak of COVID-19 spread across the region.", "19"),
        ("Call 555-123-4567 for tickets.", "555"),
        ("Send letters to 100 Main St., Dayton, OH 45402.", "45402"),
    ],
)
def test_references_are_not_numbers(annotate, text: str, not_a_number: str) -> None:
    assert not any(not_a_number in n for n in numbers(annotate(text)))


def test_no_entity_inside_a_zip_code(annotate) -> None:
    doc = annotate("Send letters to 100 Main St., Dayton, OH 45402 or to Springfield, IL 62701.")
    assert not any(any(c.isdigit() for c in e.text) for e in doc.ents)  # "100 Main St." too


def test_counts_stay_counts(annotate) -> None:
    doc = annotate("Police said 3 people were hurt and twelve servicemen were killed [in Tovuz].")
    assert {"3", "twelve"} <= set(numbers(doc))
