"""The ``timeml`` suite: the TimeML reader, TempEval-3 timex scoring and the dateparser
baseline, on a tiny fixture written for these tests (never corpus text); every figure is
worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.eval.baselines.naive_dates import date_rows, naive_dates, sentences
from pipeline.eval.corpora import timeml
from pipeline.eval.corpora.base import CorpusError, GoldSpan
from pipeline.eval.suites import get_suite
from pipeline.eval.suites.timeml import score
from pipeline.eval.suites.timex_scoring import timex_counts, timex_metrics

FIXTURES = Path(__file__).resolve().parent / "bench_fixtures"
TIMEML = FIXTURES / "timeml"


def row(text: str, phrase: str, label: str = "DATE", **columns: Any) -> dict[str, Any]:
    """An entity row on the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    return {"start_char": start, "end_char": start + len(phrase), "label": label, **columns}


def test_reader_strips_tags_and_offsets_the_inline_timexes() -> None:
    docs = timeml.read(TIMEML)
    # every .tml under the folder, in path order: AQUAINT/ before TimeBank/
    assert [d.doc_id for d in docs] == ["FX19990202.0002", "FX19990304.0001"]
    ferry, cranes = docs
    assert ferry.text == "\nPORT HALDEN (FX) _ The ferry left at 9 a.m.\n"
    assert ferry.article.published == dt.date(1999, 2, 2) and ferry.article.title is None
    text = cranes.text
    assert "<" not in text and "stop & a vote." in text  # tags gone, &amp; unescaped
    assert text.startswith("\nThe Tellworth cranes resumed work yesterday")
    # the DCT's datetime keeps its date part, and is not a gold timex of the text
    assert cranes.article.published == dt.date(1999, 3, 4)
    assert cranes.article.title == "Harbour cranes return"
    assert [(text[t.start : t.end], t.label, t.value, t.mod) for t in cranes.timexes] == [
        ("yesterday", "DATE", "1999-03-03", None),
        ("two-week", "DURATION", "P2W", None),
        ("late this month", "DATE", "1999-03", "END"),
    ]
    assert len(timeml.read(TIMEML, limit=1)) == 1
    assert [d.doc_id for d in timeml.read(TIMEML / "TimeBank" / "FX19990304.0001.tml")] == [
        "FX19990304.0001"
    ]


def test_score_by_hand() -> None:
    docs = timeml.read(TIMEML)
    text = docs[1].text
    predictions = {
        "FX19990304.0001": {
            "entities": [
                # exact span, right type and value
                row(text, "yesterday", value="1999-03-03", timex_type="DATE"),
                # overlaps "yesterday" too, but the exact prediction is the tighter pair
                row(text, "work yesterday", value="1999-03-03", timex_type="DATE"),
                # relaxed match of "two-week": right type, wrong value
                row(text, "a two-week", value="P14D", timex_type="DURATION"),
                # relaxed match of "late this month": wrong type, right value
                row(text, "this month", "TIME", value="1999-03", timex_type="TIME"),
                # not a timex label: ignored
                row(text, "Mira Osei", "PERSON"),
            ]
        },
        # the ferry's "9 a.m." is missed
    }
    metrics = score(docs, predictions)
    assert metrics["documents"] == 2
    # gold 4, predicted 4; strict: only "yesterday" -> P = R = F1 = 1/4
    assert metrics["strict"] == {
        "precision": 0.25,
        "recall": 0.25,
        "f1": 0.25,
        "tp": 1,
        "fp": 3,
        "fn": 3,
    }
    # relaxed: yesterday, two-week, late this month -> P = R = F1 = 3/4
    assert metrics["relaxed"]["f1"] == 0.75 and metrics["relaxed"]["fp"] == 1
    # type right for yesterday and two-week: 2/3; value right for yesterday and the month: 2/3
    assert metrics["type"] == {"accuracy": 0.6667, "correct": 2, "total": 3}
    assert metrics["value"] == {"accuracy": 0.6667, "correct": 2, "total": 3}
    # value F1 = 2/3 x 3/4 = 0.5 (= 2 x 2 / (4 + 4))
    assert metrics["value_f1"] == 0.5


def test_strict_matching_is_one_to_one_and_empty_values_are_null() -> None:
    gold = [GoldSpan(0, 5, "DATE", None), GoldSpan(10, 15, "DATE", "2001")]
    rows = [
        {"start_char": 0, "end_char": 5, "label": "DATE", "value": "", "timex_type": "DATE"},
        {"start_char": 0, "end_char": 5, "label": "DATE", "value": "X", "timex_type": "DATE"},
        {"start_char": 12, "end_char": 20, "label": "TIME", "value": None, "timex_type": None},
    ]
    metrics = timex_metrics(timex_counts(gold, rows))
    # the two identical predictions match the one gold span once: strict 1 of 3 / 1 of 2
    assert metrics["strict"]["tp"] == 1 and metrics["strict"]["fp"] == 2
    # relaxed: (0,5) with the first row (document order on a tie), (10,15) with (12,20)
    assert metrics["relaxed"]["tp"] == 2
    # the empty predicted value equals the empty gold value; None is not "2001"
    assert metrics["value"]["correct"] == 1 and metrics["type"]["correct"] == 1
    # value F1 = 2 x 1 / (3 + 2)
    assert metrics["value_f1"] == 0.4


def test_a_worded_range_is_scored_as_its_two_ends() -> None:
    text = "Prices rose between 1992 and 1994, then from May to July 1995 and in 1996-1997."
    rows = [
        _range_row(text, "between 1992 and 1994", "1992/1994"),
        _range_row(text, "from May to July 1995", "1995-05/1995-07"),
        _range_row(text, "1996-1997", "1996/1997"),  # no word between the ends: one interval
    ]
    spans = [
        ("1992", "1992"),
        ("1994", "1994"),
        ("May", "1995-05"),
        ("July 1995", "1995-07"),
    ]
    gold = [GoldSpan(text.index(t), text.index(t) + len(t), "DATE", v) for t, v in spans]
    gold.append(GoldSpan(text.index("1996-1997"), text.index("1996-1997") + 9, "DATE", "1996"))
    metrics = timex_metrics(timex_counts(gold, rows))
    assert metrics["strict"]["tp"] == 5 and metrics["strict"]["fp"] == 0
    assert metrics["value"]["correct"] == 4  # the hyphenated range is one interval


def test_a_one_digit_gold_week_equals_its_two_digit_iso_form() -> None:
    text = "Talks ended this week and resume next week; the weekend after, nothing."
    rows = [
        _range_row(text, "this week", "2000-W07"),
        _range_row(text, "next week", "2000-W08"),
        _range_row(text, "the weekend", "2000-W09-WE"),
    ]
    spans = [("this week", "2000-W7"), ("next week", "2000-W18"), ("the weekend", "2000-W9-WE")]
    gold = [GoldSpan(text.index(t), text.index(t) + len(t), "DATE", v) for t, v in spans]
    metrics = timex_metrics(timex_counts(gold, rows))
    assert metrics["value"]["correct"] == 2  # W18 is another week, not W08 padded


def _range_row(text: str, words: str, value: str) -> dict[str, Any]:
    start = text.index(words)
    return {
        "start_char": start,
        "end_char": start + len(words),
        "text": words,
        "label": "DATE",
        "value": value,
        "timex_type": "DATE",
    }


def test_nothing_to_find_and_nothing_claimed_is_perfect() -> None:
    metrics = timex_metrics(timex_counts([], []))
    assert metrics["relaxed"]["f1"] == 1.0 and metrics["value_f1"] == 1.0
    assert metrics["value"]["accuracy"] is None


def test_naive_dates_finds_dates_per_sentence_relative_to_the_dct() -> None:
    text = "The ferry left on Friday.\nIt returns on 12 March 1999. No date here!"
    assert [s for _, s in sentences(text)] == [
        "The ferry left on Friday.",
        "It returns on 12 March 1999.",
        "No date here!",
    ]
    rows = date_rows(text, dt.date(1999, 2, 2))  # a Tuesday
    found = {text[r["start_char"] : r["end_char"]]: r for r in rows}
    friday = next(r for phrase, r in found.items() if "Friday" in phrase)
    assert friday["value"] == "1999-01-29"  # dateparser prefers the past
    march = next(r for phrase, r in found.items() if "12 March 1999" in phrase)
    assert march["value"] == "1999-03-12"
    assert {r["label"] for r in rows} == {"DATE"} == {r["timex_type"] for r in rows}
    docs = timeml.read(TIMEML)
    assert set(naive_dates(docs)) == {"FX19990202.0002", "FX19990304.0001"}


def test_missing_and_corrupt_corpora_are_usage_errors(tmp_path: Path, capsys) -> None:
    with pytest.raises(CorpusError, match="not found"):
        timeml.read(tmp_path / "missing")
    with pytest.raises(CorpusError, match="no TimeML"):
        timeml.read(tmp_path)
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>cut off", encoding="utf-8")
    assert main(["bench", "timeml", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "not well-formed" in err and "\n" not in err
    (tmp_path / "bad.tml").write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(CorpusError, match="no <TEXT>"):
        timeml.read(tmp_path)


def test_bench_timeml_prints_pipeline_beside_baseline(tmp_path: Path, capsys) -> None:
    errors = tmp_path / "errors.jsonl"
    status = main(["bench", "timeml", str(TIMEML), "--json", "--errors", str(errors)])
    assert status == 0
    result = json.loads(capsys.readouterr().out)
    assert result["suite"] == "timeml" and result["documents"] == 2
    assert [f["key"] for f in result["figures"]] == [key for key, _ in get_suite("timeml").headline]
    for line in errors.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert record["suite"] == "timeml" and record["kind"] in (
            "miss",
            "false_positive",
            "partial_span",
            "wrong_type",
            "wrong_value",
        )
