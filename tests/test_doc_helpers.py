"""Helpers that read a document's text and layout without rebuilding them: same answers as
the plain reads."""

from __future__ import annotations

import random

import spacy

from pipeline.stages.annotations import Block, block_at, block_finder
from pipeline.stages.extensions import text_slicer


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
