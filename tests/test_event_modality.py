"""Modality of events: what is yet to come, denied by its subject, or habitual."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2016, 9, 25)


def modality_of(annotate, text: str, trigger: str) -> str:
    doc = annotate(text, published=PUBLISHED)
    return next(e.modality for e in doc._.events if e.trigger == trigger)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a date after publication, or a verb of expectation, puts the event ahead
        ("Voters will decide the race in the Nov. 8 election.", "election", "future"),
        ("The trial is set to begin on Wednesday in London.", "trial", "future"),
        ("The veto is expected to come before midnight.", "veto", "future"),
        ("The two leaders met on Friday in Beijing.", "met", "asserted"),
        # a subject that denies the event
        ("Neither Clinton nor her allies have been charged with any crime.", "charged with",
         "negated"),
        ("Not one of its companies increased its share price.", "increased", "negated"),
        ("Cruz refused to endorse Trump during his speech.", "endorse", "negated"),
        # habits are no single happening
        ("Turnout typically drops in off-year elections.", "drops", "generic"),
    ],
)  # fmt: skip
def test_modality_classes(annotate, text: str, trigger: str, expected: str) -> None:
    assert modality_of(annotate, text, trigger) == expected


def test_the_day_of_saying_does_not_date_what_is_said(annotate) -> None:
    doc = annotate("The veto will be overridden, McConnell said Tuesday.", published=PUBLISHED)
    assert next(e.date for e in doc._.events if e.trigger == "veto") is None
    rally = annotate(
        "Clinton told supporters at a rally in Des Moines on Tuesday that he would win.",
        published=PUBLISHED,
    )
    assert next(e.date for e in rally._.events if e.trigger == "rally") == "2016-09-20"
