"""Where an article's reference date comes from: metadata, dateline, inferred, text, filename,
config or none, in that order (texts written for these tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.cli import main

HEAD = "Council approves new budget for city parks\n\n"
BODY = "The city council approved the budget on Tuesday after a long debate about the parks.\n"
UNDATED = HEAD + "The council voted 7-2 for the plan, the mayor said in a statement.\n"


def reference(record: dict, **overrides: dict) -> tuple[dt.date | None, str]:
    """published and published_from of one article run through ``pipeline.extract``."""
    documents = pipeline.extract([record], **overrides).documents
    published = documents.published.iloc[0]
    return (None if pd.isna(published) else published), documents.published_from.iloc[0]


@pytest.mark.parametrize(
    "top",
    [
        "Published Feb. 8, 2016",
        "Updated 10:32 a.m. ET, Mon February 8, 2016",
        "Monday, Feb. 8, 2016",
        "Feb 8, 2016 3:04 PM EST",
        "By Maria Lopez | Feb 8, 2016",
        "Posted on: 8 February 2016",
    ],
)
def test_a_date_the_article_states_about_itself(top: str) -> None:
    text = HEAD + top + "\n\n" + BODY
    assert reference({"id": "story", "text": text}) == (dt.date(2016, 2, 8), "text")


def test_the_text_date_anchors_relative_dates() -> None:
    text = HEAD + "Monday, Feb. 8, 2016\n\n" + BODY
    tables = pipeline.extract([{"id": "story", "text": text}])
    values = tables.entities[tables.entities.label == "DATE"].value.tolist()
    assert "2016-02-02" in values  # "Tuesday": the one before the Monday it was published


def test_a_date_in_the_body_is_no_reference_date() -> None:
    text = HEAD + "The plan was first drafted on Feb. 8, 2016, officials said.\n"
    assert reference({"id": "story", "text": text}) == (None, "none")


@pytest.mark.parametrize(
    "name",
    ["2016-02-08_story", "20160208-story", "story_2016_02_08", "site/2016/02/08/story"],
)
def test_a_date_in_the_file_name(name: str) -> None:
    assert reference({"id": name, "text": UNDATED}) == (dt.date(2016, 2, 8), "filename")


def test_run_takes_the_date_from_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "paper_2019-11-03_council.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "in" / "council.txt").write_text(UNDATED, encoding="utf-8")
    code = main(["run", "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out")])
    assert code == 0
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert documents.loc["paper_2019-11-03_council", "published"] == dt.date(2019, 11, 3)
    assert documents.loc["paper_2019-11-03_council", "published_from"] == "filename"
    assert documents.loc["council", "published_from"] == "none"


def test_a_dated_dateline() -> None:
    text = HEAD + "DENVER, March 3, 2019 (Reuters) - " + BODY
    assert reference({"id": "story", "text": text}) == (dt.date(2019, 3, 3), "dateline")


def test_a_year_less_dateline_gets_its_year_from_stated_weekdays() -> None:
    text = (
        HEAD
        + "DENVER, July 22 (Reuters) - The council met on Tuesday, July 22, and will vote on "
        + "Thursday, July 24, on the budget, the largest since 2013, officials said.\n"
    )
    assert reference({"id": "story", "text": text}) == (dt.date(2014, 7, 22), "inferred")


def test_no_year_is_inferred_when_none_or_several_fit() -> None:
    none_fits = HEAD + "DENVER, July 22 (Reuters) - The council met on Sunday, July 22, in 2014.\n"
    assert reference({"id": "story", "text": none_fits}) == (None, "none")
    two_fit = (  # July 22 was a Tuesday in 2008 and in 2014
        HEAD + "DENVER, July 22 (Reuters) - The council, elected in 2008, met on Tuesday, "
        "July 22, as it did in 2014.\n"
    )
    assert reference({"id": "story", "text": two_fit}) == (None, "none")
    no_year_named = HEAD + "DENVER, July 22 (Reuters) - The council met on Tuesday, July 22.\n"
    assert reference({"id": "story", "text": no_year_named}) == (None, "none")


def test_a_year_less_dateline_takes_the_configured_year() -> None:
    text = HEAD + "DENVER, July 22 (Reuters) - " + BODY
    got = reference({"id": "story", "text": text}, dates={"published": "2020-01-15"})
    assert got == (dt.date(2020, 7, 22), "dateline")


def test_the_configured_default_comes_last() -> None:
    got = reference({"id": "story", "text": UNDATED}, dates={"published": "2020-01-15"})
    assert got == (dt.date(2020, 1, 15), "config")
    assert reference({"id": "story", "text": UNDATED}) == (None, "none")


def test_precedence() -> None:
    stated = HEAD + "Published Feb. 8, 2016\n\n" + BODY
    dated = HEAD + "Published Feb. 8, 2016\n\nDENVER, March 3, 2019 (Reuters) - " + BODY
    name = "2017-05-06_story"
    default = {"dates": {"published": "2020-01-15"}}
    meta = {"id": name, "text": dated, "published": "2015-01-01"}
    assert reference(meta, **default) == (dt.date(2015, 1, 1), "metadata")
    assert reference({"id": name, "text": dated}, **default) == (dt.date(2019, 3, 3), "dateline")
    assert reference({"id": name, "text": stated}, **default) == (dt.date(2016, 2, 8), "text")
    got = reference({"id": name, "text": UNDATED}, **default)
    assert got == (dt.date(2017, 5, 6), "filename")
