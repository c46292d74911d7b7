"""Metadata of sidecars and JSON-lines records: dates in any common form, key aliases, and a
warning for everything not understood (``pipeline.batch.metadata`` through the readers)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.batch.metadata import DateError, parse_date, read_metadata
from pipeline.batch.reading import read_articles

BODY = "LONDON, March 3 (Reuters) - The minister said talks would resume.\n"
DAY = dt.date(2024, 10, 30)


def read_sidecar(tmp_path: Path, meta: dict | str):
    (tmp_path / "story.txt").write_text(BODY, encoding="utf-8")
    sidecar = meta if isinstance(meta, str) else json.dumps(meta)
    (tmp_path / "story.meta.json").write_text(sidecar, encoding="utf-8")
    [article] = list(read_articles(tmp_path))
    return article


def read_record(tmp_path: Path, record: dict):
    line = json.dumps({"id": "r1", "text": BODY, **record})
    (tmp_path / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
    [article] = list(read_articles(tmp_path))
    return article


@pytest.mark.parametrize(
    "value",
    [
        "2024-10-30",
        "2024-10-30T14:03:00",
        "2024-10-30T23:30:00-05:00",  # the date as written, never shifted to UTC
        "2024-10-30T00:30:00+09:00",
        "2024-10-30T23:59:59Z",
        "2024-10-30 08:00",
        "2024/10/30",
        "2024.10.30",
        "20241030",
        "October 30, 2024",
        "Oct 30, 2024",
        "Oct. 30, 2024",
        "30 Oct 2024",
        "30 October 2024",
        "Wednesday, October 30, 2024",
        "Wed, 30 Oct 2024 14:03:00 -0400",  # RFC 2822
        "Wed, 30 Oct 2024 23:30:00 -0500",
        "Wed, 30 Oct 2024 01:00:00 GMT",
        "30 Oct 2024 14:03 +0000",
        "10/30/2024",  # day and month cannot be swapped
        "30/10/2024",
        "30.10.2024",
        "  October   30,  2024 ",
        "October 30, 2024 2:03 PM EDT",
        "30 octobre 2024",
        "30 октября 2024",
        "2024-W44-3",  # ISO week date with its weekday
    ],
)
def test_date_forms(value: str) -> None:
    assert parse_date(value) == DAY


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("yesterday", "not a full date"),
        ("3 days ago", "not a full date"),
        ("next tuesday", "not a full date"),
        ("October 2024", "not a full date"),  # no day: never filled from today
        ("October 30", "not a full date"),  # no year
        ("2024", "not a full date"),
        ("30", "not a full date"),
        ("soon", "not a full date"),
        ("2024-13-45", "not a full date"),
        ("2024-10", "not a full date"),
        ("2024-W44", "not a full date"),  # a week, not its Monday
        ("Q4 2024", "not a full date"),
        ("1730300000", "not a full date"),  # a Unix time as text: not guessed
        ("2024-10-30 garbage", "not a full date"),
        ("03/04/2024", "ambiguous"),  # March 4 or 3 April: not guessed
        (20241030, "not a date string"),
        (["2024-10-30"], "not a date string"),
    ],
)
def test_values_that_are_not_full_dates(value: object, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "day"), [("10/10/2024", dt.date(2024, 10, 10)), ("3/03/2024", dt.date(2024, 3, 3))]
)
def test_numeric_date_with_day_equal_to_month_is_not_ambiguous(value: str, day: dt.date) -> None:
    assert parse_date(value) == day


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_date_is_none(value: object) -> None:
    assert parse_date(value) is None


@settings(deadline=None)  # the first call loads dateparser's language data
@given(st.text(max_size=40))
def test_parse_date_only_ever_raises_date_error(value: str) -> None:
    try:
        found = parse_date(value)
    except DateError:
        return
    assert found is None or isinstance(found, dt.date)


@settings(deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_written_dates_read_back(day: dt.date) -> None:
    for form in ("%Y-%m-%d", "%B %d, %Y", "%d %b %Y", "%a, %d %b %Y 23:30:00 -0500", "%Y/%m/%d"):
        assert parse_date(day.strftime(form)) == day, form


@pytest.mark.parametrize(
    "key", ["published", "Published", "date", "pubDate", "published_at", "datePublished"]
)
def test_date_aliases_in_a_sidecar(tmp_path: Path, key: str) -> None:
    article = read_sidecar(tmp_path, {key: "October 30, 2024"})
    assert article.published == DAY
    assert article.warnings == []


@pytest.mark.parametrize(
    ("meta", "field", "value"),
    [
        ({"headline": "Talks resume"}, "title", "Talks resume"),
        ({"publisher": "Reuters"}, "source", "Reuters"),
        ({"Outlet": "AP"}, "source", "AP"),
        ({"link": "https://example.org/a"}, "url", "https://example.org/a"),
    ],
)
def test_field_aliases(tmp_path: Path, meta: dict, field: str, value: str) -> None:
    article = read_record(tmp_path, meta)
    assert getattr(article, field) == value
    assert article.warnings == []


def test_published_wins_over_an_alias_and_the_difference_is_warned() -> None:
    found = read_metadata({"date": "2024-10-29", "published": "2024-10-30"})
    assert found.published == DAY
    assert found.warnings == [
        "ignored metadata 'date': 2024-10-29 differs from 'published' (2024-10-30), which is used"
    ]


def test_aliases_that_agree_give_no_warning() -> None:
    found = read_metadata({"pubDate": "Wed, 30 Oct 2024 14:03:00 -0400", "date": "2024-10-30"})
    assert (found.published, found.warnings) == (DAY, [])


def test_two_aliases_disagreeing_are_warned() -> None:
    found = read_metadata({"pubDate": "2024-10-28", "date": "2024-10-30"})
    assert found.published == DAY  # `date` comes first in the resource's list
    assert len(found.warnings) == 1 and "'pubDate'" in found.warnings[0]


def test_a_value_not_understood_falls_back_to_an_alias_with_a_warning() -> None:
    found = read_metadata({"published": "next tuesday", "date": "30 Oct 2024"})
    assert found.published == DAY
    assert found.warnings == ["ignored metadata 'published': 'next tuesday' is not a full date"]


@pytest.mark.parametrize(
    ("sidecar", "warning"),
    [
        ("{not json", "story.meta.json: ignored metadata: invalid JSON"),
        (json.dumps(["a", "list"]), "story.meta.json: ignored metadata: not a JSON object"),
        (json.dumps({"published": "next tuesday"}), "'next tuesday' is not a full date"),
        (json.dumps({"title": 42}), "ignored metadata 'title': 42 is not a string"),
        (json.dumps({"publshed": "2024-10-30", "lang": "en"}), "keys not understood: 'publshed'"),
    ],
)
def test_sidecar_problems_are_warned(tmp_path: Path, sidecar: str, warning: str) -> None:
    article = read_sidecar(tmp_path, sidecar)
    assert article.error is None and article.text == BODY
    assert any(warning in w for w in article.warnings), article.warnings


def test_jsonl_record_keys_are_not_unknown_metadata(tmp_path: Path) -> None:
    article = read_record(tmp_path, {"pub_date": "30 Oct 2024", "tags": ["x"], "feed": "y"})
    assert article.published == DAY
    assert article.warnings == ["line 1: ignored metadata keys not understood: 'feed'"]


def test_common_metadata_a_run_does_not_use_is_not_warned(tmp_path: Path) -> None:
    article = read_sidecar(tmp_path, json.dumps({"author": "Staff", "tags": [], "lang": "en"}))
    assert article.warnings == []
