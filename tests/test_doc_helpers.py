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


def test_token_table_words_equal_span_text() -> None:
    from pipeline.stages.doc_index import TokenTable

    nlp = spacy.blank("en")
    for text in ["", "x", "  lead\n\nUN chief: “Stop.”  ", "a\n\n b  c\t\td", "Mrs. O'Neil's 3.5%"]:
        doc = nlp(text)
        table = TokenTable(doc, text)
        for start in range(len(doc) + 1):
            for end in range(start, len(doc) + 1):
                assert table.words(start, end) == doc[start:end].text


def test_capital_words_equal_the_token_scan() -> None:
    from pipeline.stages.cluster_names import capital_words
    from pipeline.stages.entity_rules import load_rules

    def scanned(doc: spacy.tokens.Doc) -> set[str]:
        found = set()
        for token in doc:
            if not token.is_upper or len(token.text) < 2 or token.is_sent_start:
                continue
            beside = [doc[k] for k in (token.i - 1, token.i + 1) if 0 <= k < len(doc)]
            if not any(n.is_upper and n.is_alpha and len(n.text) > 1 for n in beside):
                found.add(token.text)
        return found

    rules = load_rules("", 500000)
    known = {name for name in rules.organisations if name.isupper()}
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for text in ["", "UN", "The UN said. NATO agreed", "A B CC DD e FF", "US-UK: 3M, the BBC"]:
        doc = nlp(text)
        assert capital_words(rules, doc) == frozenset(known | scanned(doc))


def test_span_writer_equals_setting_the_attribute() -> None:
    from pipeline.stages.extensions import span_writer

    nlp = spacy.blank("en")
    doc, other = nlp("the United Nations said"), nlp("the United Nations said")
    for name, value in [("cluster_id", 3), ("canonical", "United Nations"), ("source", "ner")]:
        span_writer(name)(doc[1:3], value)
        setattr(other[1:3]._, name, value)
        assert getattr(doc[1:3]._, name) == value
    assert doc.user_data == other.user_data


def test_digit_first_regexes_equal_the_plain_ones() -> None:
    import re

    from pipeline.stages.number_references import _LONG_NUMBER, load_reference_rules

    rules = load_reference_rules()
    rng = random.Random(5)
    alphabet = "0123456789 .,-–to a\n3x_é٣"
    texts = ["won 3-1 and 52-48, a 3 to 1 margin; 1,234 x 12 a12 1.5-0.5 ٣٣٣"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    plain = re.compile(r"\b\d{3,}\b")
    connectors = rules.scores.pattern.split(r"\s*(", 1)[1].split(r")\s*", 1)[0]
    scores = re.compile(
        rf"(?<![\w.,])(\d+(?:\.\d+)?)\s*({connectors})\s*(\d+(?:\.\d+)?)"
        r"(?![\w.,]*\d)(?:[\s-]+([^\W\d_]+))?",
        re.IGNORECASE,
    )
    for text in texts:
        assert [m.span() for m in _LONG_NUMBER.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
        assert [(m.span(), m.groups()) for m in rules.scores.finditer(text)] == [
            (m.span(), m.groups()) for m in scores.finditer(text)
        ]
