"""The memoised stand-ins for the model's attribute ruler and lemmatizer set exactly the
annotations of the components they replace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.stages.attributes import (
    MAX_ENTRIES,
    MemoisedAttributeRuler,
    listed_strings,
    one_token,
)
from pipeline.stages.lemmas import MemoisedLemmatizer

ARTICLES = Path(__file__).resolve().parent / "articles"
ODD_TEXT = (
    "I ain't gonna say nothin' 'bout it, let's go. Y'all gotta see: she didn't!\n\n"
    "  Twelve    servicemen were killed ; the U.S. Army's 3rd Brigade wasn't there.\t"
    "Better, best, worse -- running ran runs. Mice, geese and criteria. 10,000 km/h!!"
)


def _texts() -> list[str]:
    return [ODD_TEXT] + [path.read_text() for path in sorted(ARTICLES.glob("*.txt"))]


def _before(nlp: Language, name: str) -> Callable[[str], Doc]:
    """A document run through the pipeline's components up to ``name`` (excluded)."""
    components = nlp.pipeline[: nlp.pipe_names.index(name)]

    def run(text: str) -> Doc:
        doc = nlp.make_doc(text)
        for _, component in components:
            doc = component(doc)
        return doc

    return run


def _annotations(doc: Doc) -> list[tuple]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start)
        for t in doc
    ]


def test_the_pipeline_uses_the_stand_ins(nlp: Language) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler"), MemoisedAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), MemoisedLemmatizer)
    names = nlp.pipe_names
    assert names.index("parser") < names.index("attribute_ruler") < names.index("lemmatizer")


STAND_INS = {
    "attribute_ruler": (MemoisedAttributeRuler, "ruler"),
    "lemmatizer": (MemoisedLemmatizer, "source"),
}


def _fresh_stand_in(nlp: Language, name: str, max_entries: int) -> Any:
    """A new stand-in for the pipeline's component ``name``, over the model's component."""
    kind, model_component = STAND_INS[name]
    return kind(getattr(nlp.get_pipe(name), model_component), max_entries)


@pytest.mark.parametrize("name", sorted(STAND_INS))
@pytest.mark.parametrize("max_entries", [50_000, 3])
def test_stand_in_sets_what_the_models_component_sets(nlp: Language, name, max_entries) -> None:
    stand_in = _fresh_stand_in(nlp, name, max_entries)
    model_component = getattr(stand_in, STAND_INS[name][1])
    prepare = _before(nlp, name)
    for text in _texts():
        doc = prepare(text)
        expected = model_component(doc.copy())
        assert _annotations(stand_in(doc)) == _annotations(expected)


@pytest.mark.parametrize("name", sorted(STAND_INS))
def test_memo_starts_again_past_its_bound(nlp: Language, name) -> None:
    stand_in = _fresh_stand_in(nlp, name, max_entries=3)
    prepare = _before(nlp, name)
    stand_in(prepare(ODD_TEXT))
    assert len(stand_in.memo) > 3
    stand_in(prepare("Hi."))
    assert 0 < len(stand_in.memo) <= 2


def test_unlisted_words_share_one_memo_entry(nlp: Language) -> None:
    stand_in = _fresh_stand_in(nlp, "attribute_ruler", MAX_ENTRIES)
    doc = _before(nlp, "attribute_ruler")(_texts()[1])
    stand_in(doc)
    assert 0 < len(stand_in.memo) < len({t.lower for t in doc}) / 2


def test_any_attribute_ruler_gets_the_same_annotations() -> None:
    """Patterns on values the Matcher reads otherwise than as a string's id: a morphology
    list (normalised: the listed order is not spaCy's) and parts of speech; no pattern of
    more than one token."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"MORPH": {"IN": ["Person=3|Number=Sing"]}}]], {"LEMMA": "third"})
    ruler.add([[{"POS": "NOUN"}]], {"TAG": "NN"})
    ruler.add([[{"POS": {"NOT_IN": ["VERB"]}, "LOWER": "runs"}]], {"LEMMA": "run"})

    def doc() -> Doc:
        words = ["dogs", "cats", "He", "runs", "runs"]
        morphs = ["Number=Plur", "Number=Sing|Person=3", "Number=Sing|Person=3", "", ""]
        pos = ["NOUN", "NOUN", "PRON", "VERB", "NOUN"]
        return Doc(nlp.vocab, words=words, morphs=morphs, pos=pos)

    expected = [("", "NN"), ("third", "NN"), ("third", ""), ("", ""), ("run", "NN")]
    assert [(t.lemma_, t.tag_) for t in ruler(doc())] == expected
    memoised = MemoisedAttributeRuler(ruler)
    assert [(t.lemma_, t.tag_) for t in memoised(doc())] == expected


def test_lemmatizer_keeps_lemmas_set_before_it(nlp: Language) -> None:
    doc = _before(nlp, "lemmatizer")("She ain't here.")
    doc[1].lemma_ = "custom"
    assert nlp.get_pipe("lemmatizer")(doc)[1].lemma_ == "custom"


def test_empty_document(nlp: Language) -> None:
    doc = nlp.make_doc("")
    assert len(nlp.get_pipe("lemmatizer")(nlp.get_pipe("attribute_ruler")(doc))) == 0


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ([{"TAG": "NN"}], True),
        ([{"LOWER": {"IN": ["a", "b"]}, "TAG": {"NOT_IN": ["NN"]}}], True),
        ([{"IS_SPACE": True}], True),
        ([{"TEXT": "x"}], True),
        ([{"LOWER": {"REGEX": "^a"}}], False),
        ([{"LENGTH": {">": 3}}], False),
        ([{"LOWER": "a", "OP": "?"}], False),
        ([{"_": {"flag": True}}], False),
        ([{"LOWER": "a"}, {"LOWER": "b"}], False),
    ],
)
def test_which_patterns_are_memoised(pattern, expected) -> None:
    assert one_token(pattern) is expected


def test_listed_strings() -> None:
    assert listed_strings("a") == ["a"]
    assert listed_strings({"IN": ["a", "b"]}) == ["a", "b"]
    assert listed_strings({"IN": [1]}) is None
    assert listed_strings({"REGEX": "a"}) is None
