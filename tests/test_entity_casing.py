"""Names in capitals (headlines, headings, datelines, results tables) are read with
case-insensitive evidence: known places, names the article gives in normal case, known
organisations; common words in capitals are never names; canonical names are in title case
and acronyms stay as they are."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

LEAD = (
    "The council met on Monday to discuss the budget, officials said, and the mayor answered "
    "questions from residents.\n\nThe meeting lasted two hours."
)


def names(doc: Doc, end_char: int | None = None) -> list[tuple[str, str, str]]:
    """(text, label, canonical) of the named entities, those before ``end_char`` if given."""
    return [
        (e.text, e.label_, e._.canonical)
        for e in doc.ents
        if e._.canonical is not None and (end_char is None or e.start_char < end_char)
    ]


def test_surname_in_a_headline_in_capitals_is_the_person_of_the_body(
    annotate: Callable[..., Doc],
) -> None:
    doc = annotate(
        "MARGARET OKAFOR RESIGNS AS PARTY CHAIR\n\nBy JOHN ROE\n\nLAGOS (Reuters) - Margaret "
        "Okafor resigned as chair of the ruling party on Sunday, two weeks after a dispute over "
        "the primary elections.\n\nOkafor said she would stay in the Senate."
    )
    assert names(doc, 38) == [("MARGARET OKAFOR", "PERSON", "Margaret Okafor")]
    assert ("LAGOS", "GPE", "Lagos") in names(doc)


@pytest.mark.parametrize(
    "headline", ["WHY THE VOTE WAS NOT NECESSARILY FAIR", "COUNCIL APPROVES BUDGET, REJECTS TAX"]
)
def test_common_words_in_capitals_are_no_names(annotate: Callable[..., Doc], headline: str) -> None:
    doc = annotate(f"{headline}\n\n{LEAD}")
    assert names(doc, len(headline)) == []


def test_places_in_capitals_are_places_with_title_case_names(
    annotate: Callable[..., Doc],
) -> None:
    doc = annotate(
        "FLOODS IN TOKYO\n\nHeavy rain flooded parts of the city on Monday, officials said, "
        "and trains were halted for several hours.\n\nNATO ALLIES OFFER HELP\n\n"
        "The alliance said it was ready to send engineers."
    )
    found = names(doc)
    assert ("TOKYO", "GPE", "Tokyo") in found
    assert ("NATO", "ORG", "NATO") in found  # an acronym keeps its capitals
    assert not any("FLOODS" in text or "ALLIES" in text for text, _, _ in found)


def test_wire_dateline_and_table_rows_in_capitals(annotate: Callable[..., Doc]) -> None:
    doc = annotate(
        "BASEBALL - RESULTS .\nVALENCIA 1996-08-30\nResults of games played on Thursday :\n"
        "NEW YORK 4 Chicago 2\nBOSTON 3 Denver 1\nW L PCT\n",
        published=None,
    )
    found = names(doc)
    assert ("VALENCIA", "GPE", "Valencia") in found
    # in a results row a city stands for its team (entity_tables), named in title case
    assert ("NEW YORK", "ORG", "New York") in found
    assert ("BOSTON", "ORG", "Boston") in found
    assert not any(text.startswith("W L") for text, _, _ in found)
    assert {b.kind for b in doc._.blocks if "BOSTON" in doc.text[b.start : b.end]} == {"table"}
    assert doc._.published is not None and doc._.published.isoformat() == "1996-08-30"


def test_names_in_capitals_inside_normal_text_are_left_to_the_model(
    annotate: Callable[..., Doc],
) -> None:
    doc = annotate(
        "Alliance offers help after floods\n\nNATO said on Monday it was ready to send "
        "engineers to the region, officials in BRUSSELS said."
    )
    assert ("NATO", "ORG", "NATO") in names(doc)
