"""Helpers that read a document's text and layout without rebuilding them: same answers as
the plain reads."""

from __future__ import annotations

import random

import spacy

from pipeline.stages.annotations import Block, block_at, block_finder
from pipeline.stages.doc_index import text_slicer


def test_text_slicer_equals_slicing_the_text() -> None:
    nlp = spacy.blank("en")
    rng = random.Random(7)
    texts = ["", " ", "  lead\n\nUN chief: “Stop.”  ", "a\n\n b  c\t\td", "x"]
    for text in texts:
        doc = nlp(text)
        chars = text_slicer(doc)
        for _ in range(200):
            start, end = rng.randint(0, len(text) + 2), rng.randint(0, len(text) + 2)
            assert chars(start, end) == (doc.text[start:end] if end > start else "")


def test_block_finder_equals_block_at() -> None:
    blocks = [Block(0, 10, "headline", 0), Block(12, 30, "body", 1), Block(12, 40, "body", 2)]
    find = block_finder(blocks)
    for char in range(-1, 45):
        assert find(char) == block_at(blocks, char)
    assert block_finder([])(3) is None


def test_to_data_equals_asdict() -> None:
    from dataclasses import asdict

    from pipeline.stages.annotations import Event, Quote, Speaker, to_data

    speaker = Speaker("he", 0, 2, "Antonio Guterres", 3, "PERSON", "pronoun")
    items = [
        Quote(1, 5, "direct", speaker, "say", 6, 9, 0.7),
        Quote(0, 1, "indirect"),
        Event(1, 2, "attack", "attack", "190", ["A"], ["B"], mentions=[[1, 2]], quantity=3.0),
        Block(0, 3, "body", 1, "table"),
    ]
    for item in items:
        data, expected = to_data(item), asdict(item)
        assert data == expected
        assert [type(v) for v in data.values()] == [type(v) for v in expected.values()]


def test_nested_equals_scanning_the_contents() -> None:
    from pipeline.stages.doc_index import MentionIndex
    from pipeline.stages.speaker_pronouns import Context

    rng = random.Random(3)
    for _ in range(200):
        contents = [(a, a + rng.randint(0, 30)) for a in rng.sample(range(100), rng.randint(0, 6))]
        ctx = Context(None, None, None, {}, contents, [], MentionIndex([]))  # type: ignore[arg-type]
        for char in range(-2, 135):
            assert ctx.nested(char) == any(start <= char < end for start, end in contents)
