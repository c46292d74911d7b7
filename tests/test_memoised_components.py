"""The memoised stand-ins for the model's attribute ruler and lemmatizer set exactly the
annotations of the components they replace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.stages.attributes import MemoisedAttributeRuler, listed_strings, one_token
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


@pytest.mark.parametrize("max_entries", [50_000, 3])
def test_attribute_ruler_sets_what_the_models_ruler_sets(nlp: Language, max_entries) -> None:
    stand_in = nlp.get_pipe("attribute_ruler")
    memoised = MemoisedAttributeRuler(stand_in.ruler, max_entries)
    prepare = _before(nlp, "attribute_ruler")
    for text in _texts():
        doc = prepare(text)
        expected = stand_in.ruler(doc.copy())
        assert memoised.match(doc) == stand_in.ruler.match(doc)
        assert _annotations(memoised(doc)) == _annotations(expected)
    assert len(memoised.memo) <= max(max_entries, 1) + len(max(_texts(), key=len))


def test_unlisted_words_share_one_memo_entry(nlp: Language) -> None:
    stand_in = MemoisedAttributeRuler(nlp.get_pipe("attribute_ruler").ruler)
    prepare = _before(nlp, "attribute_ruler")
    stand_in(prepare(_texts()[1]))
    words = {t.lower for t in prepare(_texts()[1])}
    assert 0 < len(stand_in.memo) < len(words) / 2


@pytest.mark.parametrize("max_entries", [50_000, 3])
def test_lemmatizer_sets_what_the_models_lemmatizer_sets(nlp: Language, max_entries) -> None:
    stand_in = nlp.get_pipe("lemmatizer")
    memoised = MemoisedLemmatizer(stand_in.source, max_entries)
    prepare = _before(nlp, "lemmatizer")
    for text in _texts():
        doc = prepare(text)
        expected = stand_in.source(doc.copy())
        assert _annotations(memoised(doc)) == _annotations(expected)
    assert len(memoised.memo) <= max_entries + len(max(_texts(), key=len))


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
