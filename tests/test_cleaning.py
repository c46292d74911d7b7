"""Cleaning and sentence split: layout roles, datelines, reference dates; nothing deleted."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.stages.cleaning import analyse_layout, load_rules, resolve_published, split_paragraphs
from pipeline.stages.sentences import sentences_of

RULES = load_rules()

TASS = (
    "All news\n\nRussia and China sign grain deal\n\nThe agreement covers wheat exports\n\n"
    "MOSCOW, March 3. /TASS/. Russia and China signed a grain deal on Tuesday, the ministry said."
    "\n\nThe deal runs for three years."
)


def roles(text: str, title: str | None = None) -> list[tuple[str, str]]:
    layout = analyse_layout(text, RULES, title)
    return [(b.role, text[b.start : b.end]) for b in layout.blocks]


def test_tass_layout_roles() -> None:
    found = roles(TASS)
    assert found[:4] == [
        ("boilerplate", "All news"),
        ("headline", "Russia and China sign grain deal"),
        ("subheadline", "The agreement covers wheat exports"),
        ("dateline", "MOSCOW, March 3. /TASS/."),
    ]
    assert found[4][0] == "body" and found[4][1].startswith("Russia and China signed")
    assert found[5] == ("body", "The deal runs for three years.")


@pytest.mark.parametrize(
    ("paragraph", "place", "date", "agency"),
    [
        (
            "LONDON, March 3 (Reuters) - Shares fell sharply on Monday.",
            "LONDON",
            "March 3",
            "Reuters",
        ),
        (
            "WASHINGTON (AP) — The Senate voted on the bill late on Friday.",
            "WASHINGTON",
            None,
            "AP",
        ),
        (
            "KYIV, May 5. /TASS/. Air raid sirens sounded across the city overnight.",
            "KYIV",
            "May 5",
            "TASS",
        ),
    ],
)
def test_dateline_shapes(paragraph: str, place: str, date: str | None, agency: str) -> None:
    layout = analyse_layout("Headline of the story here\n\n" + paragraph, RULES)
    assert layout.dateline is not None
    assert (layout.dateline.place, layout.dateline.date, layout.dateline.agency) == (
        place,
        date,
        agency,
    )


def test_no_dateline_no_headline_for_plain_prose() -> None:
    text = "The council met on Monday. It approved the budget.\n\nThe mayor welcomed the vote."
    layout = analyse_layout(text, RULES)
    assert layout.dateline is None
    assert {b.role for b in layout.blocks} == {"body"}


def test_blocks_cover_text_without_deleting() -> None:
    layout = analyse_layout(TASS, RULES)
    for block in layout.blocks:
        assert TASS[block.start : block.end].strip() == TASS[block.start : block.end]
    covered = "".join(TASS[b.start : b.end] for b in layout.blocks)
    assert covered.replace(" ", "") == TASS.replace("\n", "").replace(" ", "")


def test_single_newline_paragraphs() -> None:
    assert split_paragraphs("One line.\nTwo line.\n") == [(0, 9), (10, 19)]


def test_reference_date_from_dateline_and_config() -> None:
    default = dt.date(2021, 1, 10)
    assert resolve_published("March 3, 2020", None) == (dt.date(2020, 3, 3), "dateline")
    assert resolve_published("March 3", default) == (dt.date(2021, 3, 3), "dateline")
    assert resolve_published("March 3", None) == (None, "none")
    assert resolve_published(None, default) == (default, "config")


def test_sentences_follow_layout(annotate) -> None:
    doc = annotate(TASS, published=None)
    sentences = sentences_of(doc)
    by_role = [(s.role, doc.text[s.start : s.end]) for s in sentences]
    assert ("dateline", "MOSCOW, March 3. /TASS/.") in by_role
    assert ("headline", "Russia and China sign grain deal") in by_role
    assert by_role[0] == ("boilerplate", "All news")
    assert doc._.agency == "TASS" and doc._.dateline == "MOSCOW"
    assert doc._.published is None  # the dateline has no year and no default is configured


def test_title_case_first_line_is_a_headline_even_with_a_full_stop() -> None:
    text = (
        "Senators Reject Harbour Plan As A ‘Costly Mistake.’\n\n"
        "The state senate voted down the harbour plan on Tuesday.\n\n"
        "The vote was 21 to 18."
    )
    roles = [b.role for b in analyse_layout(text, RULES).blocks]
    assert roles == ["headline", "body", "body"]
    sentence = "Two people were killed in a crash on Monday.\n\nPolice said the road was wet."
    assert [b.role for b in analyse_layout(sentence, RULES).blocks] == ["body", "body"]


def test_links_to_other_stories_are_boilerplate() -> None:
    text = (
        "A man was shot on Main Street on Tuesday, police said.\n\n"
        "The victim was taken to a hospital.\n\nREAD MORE:\n\n"
        "Man killed in crash on the interstate is identified\n\n"
        "Balloon crashes in desert outside the city, catches fire\n\n"
        "More: Reward offered for information on a death\n\n"
        "Police asked anyone with information to call."
    )
    found = roles(text)
    assert [r for r, _ in found] == [
        "body", "body", "boilerplate", "boilerplate", "boilerplate", "boilerplate", "body",
    ]  # fmt: skip
