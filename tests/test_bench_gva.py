"""The ``gva`` suite and the ``count_regex`` baseline on a tiny fixture in the GVA folder
format, written for these tests (invented text, never corpus text); every metric checked
against counts worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.eval.baselines.count_regex import casualty_counts, casualty_rows
from pipeline.eval.corpora import gva
from pipeline.eval.corpora.base import BenchDoc, CorpusError, Incident
from pipeline.eval.suites.gva import answer, city_matches, day, errors, score

FIXTURE = Path(__file__).resolve().parent / "bench_fixtures" / "gva"


def _row(start: int, event_type: str, **columns: Any) -> dict[str, Any]:
    row = {"start_char": start, "end_char": start + 5, "event_type": event_type}
    row.update(actors=[], targets=[], location=None, date=None, quantity=None, negated=False)
    return {**row, **columns}


def _docs() -> list[BenchDoc]:
    return gva.read(FIXTURE)


def test_reader_pairs_articles_with_incidents_and_sidecar_dates() -> None:
    docs = _docs()
    assert [d.doc_id for d in docs] == ["0000", "0001", "0002"]
    assert docs[0].article.published == dt.date(2019, 5, 12)
    assert docs[0].text.startswith("Two men were killed")
    assert docs[0].incident == Incident(2, 3, "2019-05-11", "Marlow", "Vermont")
    assert docs[1].incident is not None and docs[1].incident.city is None
    assert len(gva.read(FIXTURE, limit=1)) == 1


def test_answer_takes_largest_counts_and_the_fullest_casualty_event() -> None:
    rows = [
        _row(40, "injury", quantity=3.0, targets=["people"]),
        _row(10, "death", quantity=2.0, targets=["men"], location="Marlow", date="2019-05-11TNI"),
        _row(20, "death", quantity=1.0),
        _row(30, "death", quantity=5.0, negated=True),  # negated: not asserted
        _row(50, "arrest", actors=["a", "b"], targets=["c"], location="x", date="2019-05-12"),
    ]
    got = answer(rows)
    # killed: max(2, 1) = 2 (the negated 5 ignored); injured 3; main event: the death at 10
    # has 4 filled arguments (targets, location, date, quantity); arrests are not candidates
    assert (got.killed, got.injured, got.date, got.city) == (2.0, 3.0, "2019-05-11", "Marlow")
    assert answer([_row(0, "death"), _row(9, "death")]).killed == 1.0  # no count: 1 each
    assert answer([]).killed == 0.0 and answer([]).date is None


def test_date_is_a_full_day_and_city_matches_by_containment() -> None:
    assert day("2019-05-11") == "2019-05-11" and day("2019-05-11T22:45") == "2019-05-11"
    assert day("2019-05") is None and day("2019-W19") is None and day(None) is None
    assert city_matches("Port Ellis", "port ellis, Vermont")
    assert city_matches("Port Ellis", "Ellis")
    assert not city_matches("Port Ellis", "Ellis Park")
    assert not city_matches("Marlow", "") and not city_matches("Marlow", None)


def test_score_by_hand() -> None:
    docs = _docs()
    predictions = {
        # killed 2, injured 3 (right); main = the death (4 filled) -> 2019-05-11, Marlow
        "0000": {
            "events": [
                _row(
                    0, "death", quantity=2.0, targets=["men"], location="Marlow", date="2019-05-11"
                ),
                _row(9, "death", quantity=1.0),
                _row(20, "injury", quantity=3.0),
                _row(60, "attack", location="Marlow County", date="2019-05-12"),
            ]
        },
        # an injury without a count is 1, the negated death is dropped: 0 killed, 1 injured
        # (right); main = the injury, no date (wrong); gold has no city (left out)
        "0001": {"events": [_row(2, "injury"), _row(60, "death", negated=True)]},
        # killed 1 (right), injured 0 (right); two candidates with 2 filled arguments each:
        # the first wins -> date 2019-07-04 (right), "Ellis Park" vs "Port Ellis" (wrong)
        "0002": {
            "events": [
                _row(4, "death", location="Ellis Park", date="2019-07-04"),
                _row(50, "attack", location="Port Ellis", date="2019-07"),
            ]
        },
    }
    metrics = score(docs, predictions)
    assert metrics["killed"] == {"accuracy": 1.0, "correct": 3, "total": 3}
    assert metrics["injured"] == {"accuracy": 1.0, "correct": 3, "total": 3}
    assert metrics["both"] == {"accuracy": 1.0, "correct": 3, "total": 3}
    assert metrics["date"] == {"accuracy": 0.6667, "correct": 2, "total": 3}  # 0000, 0002
    assert metrics["city"] == {"accuracy": 0.5, "correct": 1, "total": 2}  # 0000 of 0000, 0002
    # all zero: killed right for 0001 only, injured for 0002 only, both for none
    assert metrics["all_zero_floor"] == {
        "killed": {"accuracy": 0.3333, "correct": 1, "total": 3},
        "injured": {"accuracy": 0.3333, "correct": 1, "total": 3},
        "both": {"accuracy": 0.0, "correct": 0, "total": 3},
    }
    assert [(e["doc_id"], e["kind"]) for e in errors(docs, predictions)] == [
        ("0001", "wrong_date"),
        ("0002", "wrong_city"),
    ]


def test_no_events_scores_the_all_zero_floor() -> None:
    docs = _docs()
    metrics = score(docs, {})
    for name in ("killed", "injured", "both"):
        assert metrics[name] == metrics["all_zero_floor"][name]
    assert metrics["date"]["accuracy"] == 0.0 and metrics["city"]["accuracy"] == 0.0


def test_count_regex_reads_a_number_right_before_a_casualty_word() -> None:
    text = "Police said 3 killed, Twenty-One wounded and two people hurt; 1,200 dead."
    rows = casualty_rows(text)
    found = [(text[r["start_char"] : r["end_char"]], r["event_type"], r["quantity"]) for r in rows]
    # "two people hurt": the number is not right before the word
    assert found == [
        ("killed", "death", 3.0),
        ("wounded", "injury", 21.0),
        ("dead", "death", 1200.0),
    ]
    assert all(r["date"] is None and r["location"] is None for r in rows)
    predictions = casualty_counts(_docs(), tools=None)  # type: ignore[arg-type]
    # 0000: "3 wounded" -> injured 3, "Two men were killed" not right before: killed 0
    assert [r["quantity"] for r in predictions["0000"]["events"]] == [3.0]


def test_missing_and_corrupt_corpus_raise_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        gva.read(tmp_path / "missing")
    corpus = tmp_path / "gva"
    shutil.copytree(FIXTURE, corpus)
    lines = (FIXTURE / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    (corpus / "gold.jsonl").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no record for article 0002"):
        gva.read(corpus)
    (corpus / "gold.jsonl").write_text('{"id": "0000", "killed": 1}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="gold.jsonl:1: not a GVA record"):
        gva.read(corpus)
    shutil.rmtree(corpus / "in")
    with pytest.raises(CorpusError, match="in/ not found"):
        gva.read(corpus)


def test_bench_gva_on_the_fixture(tmp_path: Path, capsys) -> None:
    errors_file = tmp_path / "errors.jsonl"
    argv = ["bench", "gva", str(FIXTURE), "--json", "--errors", str(errors_file)]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["suite"] == "gva" and result["documents"] == 3
    labels = [f["label"] for f in result["figures"]]
    assert labels[0] == "killed accuracy" and labels[-1] == "city accuracy"
    baseline = result["baseline_metrics"]
    assert baseline["date"]["accuracy"] == 0.0 and baseline["city"]["accuracy"] == 0.0
    assert result["metrics"]["all_zero_floor"]["both"]["accuracy"] == 0.0
    for line in errors_file.read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["kind"].startswith("wrong_")
    assert main(["bench", "gva", str(tmp_path / "missing")]) == 2
