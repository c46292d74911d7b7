"""Every phrase of ``tests/data/number_phrases.tsv`` reads as written there, and every number
of ``tests/data/not_numbers.tsv`` is no number (or is relabelled) in the processed sentence.

``number_phrases.tsv``: phrase, spaCy label, value (plain decimal), unit (``-`` for none),
approximate, note. A unit the parser cannot know, the counted noun (``servicemen``), is read by
running the pipeline over the phrase as a short sentence.

``not_numbers.tsv``: sentence, the number in it, what it must be (``-``: no numeric mention
over it; ``none``: no mention at all; ``TIME``/``DATE``: one mention with that label), note.
The bare model gets every row wrong (a test checks it), so each row can fail.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

import pytest

from pipeline.stages.annotations import NUMBER_LABELS
from pipeline.text.numbers import parse_number

DATA = Path(__file__).resolve().parent / "data"


class Phrase(NamedTuple):
    phrase: str
    label: str
    value: str
    unit: str | None
    approximate: bool
    note: str


class NotNumber(NamedTuple):
    sentence: str
    number: str
    expected: str
    note: str


def _rows(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return [r for r in rows[1:] if r and not r[0].startswith("#")]


def _phrases() -> list[Phrase]:
    phrases = []
    for phrase, label, value, unit, approximate, note in _rows("number_phrases.tsv"):
        assert approximate in ("true", "false"), phrase
        phrases.append(
            Phrase(phrase, label, value, None if unit == "-" else unit, approximate == "true", note)
        )
    return phrases


PHRASES = _phrases()
NOT_NUMBERS = [NotNumber(*row) for row in _rows("not_numbers.tsv")]


def test_the_tables_are_large_and_distinct() -> None:
    assert len(PHRASES) >= 120
    assert len({(p.phrase, p.label) for p in PHRASES}) == len(PHRASES)
    assert len(NOT_NUMBERS) >= 20


@pytest.mark.parametrize("row", PHRASES, ids=[f"{p.phrase}|{p.label}" for p in PHRASES])
def test_phrase(row: Phrase, annotate) -> None:
    result = parse_number(row.phrase, row.label)
    assert result is not None, row
    assert (result.decimal(), result.approximate) == (row.value, row.approximate), row
    if result.unit is None and row.unit is not None:
        ent = next(e for e in annotate(row.phrase).ents if e.label_ in NUMBER_LABELS)
        assert (ent._.value, ent._.unit, ent._.approximate) == (
            row.value,
            row.unit,
            row.approximate,
        ), row
    else:
        assert result.unit == row.unit, row


def _over(doc, row: NotNumber) -> list[str]:
    """Labels of the mentions of ``doc`` over the row's number."""
    start = row.sentence.index(row.number)
    end = start + len(row.number)
    return [e.label_ for e in doc.ents if e.start_char < end and start < e.end_char]


def _right(labels: list[str], expected: str) -> bool:
    if expected == "-":
        return not set(labels) & NUMBER_LABELS
    if expected == "none":
        return not labels
    return labels == [expected]


@pytest.mark.parametrize("row", NOT_NUMBERS, ids=[r.sentence for r in NOT_NUMBERS])
def test_not_a_number(row: NotNumber, annotate) -> None:
    labels = _over(annotate(row.sentence), row)
    assert _right(labels, row.expected), (row, labels)


def test_the_bare_model_gets_every_not_number_wrong(nlp) -> None:
    news = [name for name in nlp.pipe_names if name.startswith("news_")]
    with nlp.select_pipes(disable=news):
        wrong = [_over(nlp(row.sentence), row) for row in NOT_NUMBERS]
    assert [r.sentence for r, labels in zip(NOT_NUMBERS, wrong, strict=True) if not labels] == []
    assert not [
        r.sentence
        for r, labels in zip(NOT_NUMBERS, wrong, strict=True)
        if _right(labels, r.expected)
    ]
