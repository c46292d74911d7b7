"""Every shortcut a stage takes to skip work gives what the full computation gives.

The stages filter before they look closely (:func:`cue_candidates` before :func:`cue_at`,
:func:`may_give_unit` before a reading of a longer number), build one mention where
``doc.ents`` builds all (:func:`entity_of`), read sentences from one index
(:class:`SentenceBounds`) and keep the mentions they set (:func:`set_mentions`). These tests
hold each shortcut to the slow way on the project's own test articles and number phrases, so
a rule added to the data files that a shortcut does not know about fails here instead of
being skipped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from pipeline.stages.cues import cue_at, cue_candidates
from pipeline.stages.doc_index import SentenceBounds, entity_of
from pipeline.stages.quote_rules import load_rules
from pipeline.stages.timex_mentions import set_mentions
from pipeline.text.numbers import may_give_unit, parse_number
from tests.test_number_phrases import PHRASES

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))


@pytest.fixture(scope="module")
def docs(annotate: Callable[..., Doc]) -> list[Doc]:
    return [annotate(path.read_text(encoding="utf-8")) for path in ARTICLES]


def test_cue_candidates_hold_every_token_a_cue_is_found_at(docs: list[Doc]) -> None:
    rules = load_rules()
    decided: dict[tuple[int, int, int], bool] = {}  # shared across documents, as the stage does
    found = 0
    for doc in docs:
        candidates = set(cue_candidates(doc, rules, decided))
        cues = {t.i for t in doc if cue_at(t, rules) is not None}
        assert cues <= candidates, [doc[i].text for i in cues - candidates]
        found += len(cues)
    assert found > 20  # the articles report speech: the check is not vacuous


def test_entity_of_is_the_mention_of_doc_ents_holding_the_token(docs: list[Doc]) -> None:
    for doc in docs:
        for token in doc:
            slow = next((e for e in doc.ents if e.start <= token.i < e.end), None)
            fast = entity_of(token)
            if slow is None:
                assert fast is None, token.text
            else:
                assert fast is not None, token.text
                assert (fast.start, fast.end, fast.label_) == (slow.start, slow.end, slow.label_)


@pytest.mark.parametrize("phrase", [p.phrase for p in PHRASES])
def test_may_give_unit_never_refuses_a_reading_that_gives_the_unit(phrase: str) -> None:
    number = parse_number(phrase)
    if number is not None and number.unit is not None:
        assert may_give_unit(phrase, frozenset({number.unit}))


def test_sentence_bounds_give_token_sent(docs: list[Doc]) -> None:
    for doc in docs:
        bounds = SentenceBounds(doc)
        for token in doc:
            slow, fast = token.sent, bounds.of(token)
            assert (fast.start, fast.end) == (slow.start, slow.end), token.text


def test_set_mentions_returns_what_doc_ents_reads_back(docs: list[Doc]) -> None:
    for doc in docs:
        ents = list(reversed(doc.ents))  # handed over in any order
        kept = set_mentions(doc, ents)
        again = doc.ents
        assert [(e.start, e.end, e.label, e.kb_id, e.id) for e in kept] == [
            (e.start, e.end, e.label, e.kb_id, e.id) for e in again
        ]
