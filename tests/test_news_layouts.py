"""News layouts: title lines, headings and rubrics, bylines, photo credits, related links,
datelines in every common agency form and results tables are marked as blocks; nothing is
deleted and every block's offsets index the text."""

from __future__ import annotations

import pytest

from pipeline.stages.cleaning import analyse_layout, load_rules

RULES = load_rules()

LEAD = (
    "The harbour board voted on Tuesday to cancel the ferry contract after months of late "
    "sailings, the chairman said."
)


def layouts(text: str) -> list[tuple[str, str, str]]:
    """(role, kind, text) of every block."""
    return [(b.role, b.kind, text[b.start : b.end]) for b in analyse_layout(text, RULES).blocks]


def test_plain_title_line_is_the_headline() -> None:
    text = f"Harbour board scraps ferry contract.\n\n{LEAD}\n\nA new tender opens in May."
    layout = analyse_layout(text, RULES)
    assert layout.title == "Harbour board scraps ferry contract."
    assert [b.role for b in layout.blocks] == ["headline", "body", "body"]


@pytest.mark.parametrize(
    "first",
    [
        "Two people were killed in a crash on Monday.",  # a weekday: a lead
        "A man was arrested after a fight outside a bar.",  # article and auxiliary
        "Three ferries were cancelled, the operator said.",  # attribution
    ],
)
def test_a_short_lead_is_not_a_title(first: str) -> None:
    text = f"{first}\n\nPolice said the road was wet.\n\nThe driver was taken to hospital."
    assert analyse_layout(text, RULES).title is None


def test_title_of_two_lines_is_headline_over_subheadline() -> None:
    text = (
        "Port strike spreads to the north;\nUnions say talks with owners have failed.\n\n"
        f"{LEAD}\n\nThe owners did not comment."
    )
    found = layouts(text)
    assert found[:2] == [
        ("headline", "", "Port strike spreads to the north;"),
        ("subheadline", "", "Unions say talks with owners have failed."),
    ]
    assert analyse_layout(text, RULES).title == "Port strike spreads to the north;"


def test_title_in_capitals_and_wire_dateline_line() -> None:
    text = (
        "RUGBY - HARBOUR CITY BEAT RIVERSIDE IN CUP FINAL .\nVALENCIA 1996-08-30\n"
        "Harbour City beat Riverside 24-10 in the cup final on Friday .\n"
    )
    layout = analyse_layout(text, RULES)
    assert layout.title == "RUGBY - HARBOUR CITY BEAT RIVERSIDE IN CUP FINAL ."
    assert layout.dateline is not None
    assert (layout.dateline.place, layout.dateline.date) == ("VALENCIA", "1996-08-30")
    assert [b.role for b in layout.blocks] == ["headline", "dateline", "body"]


def test_headings_and_rubrics_inside_the_body() -> None:
    text = (
        f"Ferry contract scrapped\n\n{LEAD}\n\nWHAT COMES NEXT\n\nA new tender opens in May.\n\n"
        "The Road Ahead\n\nOwners expect bids from three companies.\n\nLETTERS.\n\n"
        "I have used the ferry for twenty years."
    )
    found = layouts(text)
    headings = [t for role, kind, t in found if kind == "heading"]
    assert headings == ["WHAT COMES NEXT", "The Road Ahead", "LETTERS."]
    assert all(role == "subheadline" for role, kind, _ in found if kind == "heading")
    assert ("body", "", "A new tender opens in May.") in found


@pytest.mark.parametrize(
    "line", ["By JANE DOE", "By Jane Doe and John Roe, Reuters", "BY Jane Doe | Staff Writer"]
)
def test_bylines(line: str) -> None:
    text = f"Ferry contract scrapped\n\n{line}\n\n{LEAD}\n\nA new tender opens in May."
    assert ("boilerplate", "byline", line) in layouts(text)


def test_a_sentence_opening_with_by_is_no_byline() -> None:
    text = f"Ferry contract scrapped\n\n{LEAD}\n\nBy Tuesday, the last ferry had left the port."
    assert layouts(text)[-1][:2] == ("body", "")


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Jane Doe",
        "(AP Photo/Sam Smith)",
        "Jane Doe/Getty Images",
        "REUTERS / Jane Doe",
        "Photo by Jane Doe/Harbour Herald",
    ],
)
def test_photo_credits(line: str) -> None:
    text = f"Ferry contract scrapped\n\n{LEAD}\n\n{line}\n\nA new tender opens in May."
    assert ("boilerplate", "credit", line) in layouts(text)


def test_credit_closing_a_caption_is_split_off() -> None:
    text = f"Ferry contract scrapped\n\n{LEAD}\n\nThe ferry at the quay. (AP Photo/Sam Smith)"
    found = layouts(text)
    assert found[-2:] == [
        ("body", "", "The ferry at the quay."),
        ("boilerplate", "credit", "(AP Photo/Sam Smith)"),
    ]


def test_related_lines() -> None:
    text = f"Ferry contract scrapped\n\n{LEAD}\n\nRelated: Ferry fares to rise in spring\n\nMore."
    assert ("boilerplate", "related", "Related: Ferry fares to rise in spring") in layouts(text)


BODY = (
    " The two companies signed the agreement on the future of the harbour after talks that "
    "lasted most of the night, officials said."
)


@pytest.mark.parametrize(
    ("opening", "place", "date", "agency"),
    [
        ("GENEVA, March 3 /AFP/ -", "GENEVA", "March 3", "AFP"),
        ("WASHINGTON (Reuters) -", "WASHINGTON", None, "Reuters"),
        ("LONDON —", "LONDON", None, None),
        ("NEW YORK, Oct 2 (Reuters) -", "NEW YORK", "Oct 2", "Reuters"),
        ("DALLAS -", "DALLAS", None, None),
        ("BEIJING, March 3, 2021 —", "BEIJING", "March 3, 2021", None),
        ("Paris (AFP) -", "Paris", None, "AFP"),
        ("TAMPERE , Finland —", "TAMPERE , Finland", None, None),
    ],
)
def test_dateline_forms(opening: str, place: str, date: str | None, agency: str | None) -> None:
    text = f"Harbour deal signed\n\n{opening}{BODY}\n\nThe deal runs for ten years."
    layout = analyse_layout(text, RULES)
    assert layout.dateline is not None
    found = layout.dateline
    assert (found.place, found.date, found.agency) == (place, date, agency)
    assert text[found.start : found.end] == opening
    assert [b.role for b in layout.blocks] == ["headline", "dateline", "body", "body"]


def test_dateline_opening_the_article() -> None:
    text = f"DALLAS -{BODY}\n\nThe deal runs for ten years."
    layout = analyse_layout(text, RULES)
    assert layout.dateline is not None and layout.dateline.place == "DALLAS"
    assert layout.title is None


@pytest.mark.parametrize(
    "opening",
    [
        "UPDATE: Police have named the driver.",  # a label, not a place
        "SMITH: Well, I think the harbour needs a new ferry and we will pay for it, yes.",
        "CRICKET - HARBOUR CITY BEAT RIVERSIDE BY FOUR WICKETS IN THE FINAL AT THE OVAL .",
    ],
)
def test_labels_transcripts_and_rubrics_are_no_datelines(opening: str) -> None:
    text = f"{opening}\n\n{LEAD}\n\nThe deal runs for ten years."
    assert analyse_layout(text, RULES).dateline is None


def test_results_table() -> None:
    text = (
        "BASEBALL - RESULTS .\nNEW YORK 1996-08-30\nResults of games played on Thursday :\n"
        "NEW YORK 4 Chicago 2\nBOSTON 3 Denver 1 ( 10 innings )\nSTANDINGS\n"
        "W L PCT\nNEW YORK 74 59 .556\nBOSTON 69 65 .515\n"
        "The two teams meet again on Saturday .\n"
    )
    found = layouts(text)
    table = [t for _, kind, t in found if kind == "table"]
    assert table == [
        "NEW YORK 4 Chicago 2",
        "BOSTON 3 Denver 1 ( 10 innings )",
        "STANDINGS",
        "W L PCT",
        "NEW YORK 74 59 .556",
        "BOSTON 69 65 .515",
    ]
    assert found[-1] == ("body", "", "The two teams meet again on Saturday .")
    assert all(role == "body" for role, kind, _ in found if kind == "table")


def test_blocks_index_the_text_in_order_without_deleting() -> None:
    text = (
        "TRUCKERS END STRIKE\n\nBy JANE DOE\n\nDALLAS -" + BODY + "\n\nWHAT COMES NEXT\n\n"
        "Drivers at the depot. (AP Photo/Sam Smith)\n\nRelated: Fuel prices rise\n\n"
        "Photo: Jane Doe/Getty Images"
    )
    blocks = analyse_layout(text, RULES).blocks
    assert [b.start for b in blocks] == sorted(b.start for b in blocks)
    for block, after in zip(blocks, blocks[1:], strict=False):
        assert block.end <= after.start
        chunk = text[block.start : block.end]
        assert chunk == chunk.strip() and chunk
    kept = "".join(text[b.start : b.end] for b in blocks)
    assert kept.replace(" ", "") == text.replace("\n", "").replace(" ", "")
