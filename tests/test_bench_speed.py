"""``bench speed``: the report's fields and its corpora (never its timings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.batch.reading import read_articles
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.eval.speed import build_corpus, configurations, project_articles, synthetic_texts

ARTICLES = Path(__file__).resolve().parent / "articles"


def test_synthetic_corpus_is_deterministic_and_never_repeats(tmp_path: Path) -> None:
    sources = project_articles(load_config())
    assert len(sources) >= 2
    texts = [text for _, text in synthetic_texts(sources, 3 * len(sources))]
    assert texts == [text for _, text in synthetic_texts(sources, 3 * len(sources))]
    assert len(set(texts)) == len(texts)
    assert texts[: len(sources)] == [a.text for a in sources]
    assert build_corpus(tmp_path / "corpus", 5, load_config(), None) is True
    built = list(read_articles(tmp_path / "corpus"))
    assert len(built) == 5 and all(a.error is None and a.text.strip() for a in built)


def test_corpus_from_a_path_takes_its_first_articles(tmp_path: Path) -> None:
    assert build_corpus(tmp_path / "corpus", 2, load_config(), ARTICLES) is False
    first = [a.text for a in read_articles(ARTICLES)][:2]
    assert [a.text for a in read_articles(tmp_path / "corpus")] == first


def test_bench_speed_report_fields(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["bench", "speed", "--docs", "3", "--repeats", "1", "--scale", "2", "--json"]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["suite"] == "speed" and report["synthetic"] is True
    assert report["corpus"]["documents"] == 3 and report["corpus"]["words"] > 0
    assert report["repeats"] == 1
    for row in [report["bare"], *report["configurations"]]:
        for key in ("seconds", "documents_per_second", "words_per_second", "peak_rss_mb"):
            assert row[key] > 0
        assert len(row["runs_seconds"]) == 1
    assert [c["name"] for c in report["configurations"]] == [c.name for c in configurations()]
    one = report["configurations"][0]
    assert one["ratio_to_bare"] > 0
    assert {"ner", "news_entities", "news_events"} <= set(one["stage_seconds"])
    rows = {c["name"]: c for c in report["configurations"]}
    assert rows["two workers"]["speedup"]["over"] == "one worker"
    assert rows["unchanged rerun"]["speedup"]["ratio"] > 0
    assert rows["unchanged rerun"]["tables_equal_to_first_run"] is True
    memory = report["memory_scaling"]
    assert memory["documents"] == [3, 6] and memory["ratio"] > 0


def test_bench_speed_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["bench", "speed", "--docs", "0"]) == 2
    assert main(["bench", "speed", str(tmp_path / "missing"), "--docs", "1"]) == 2
    assert "error" in capsys.readouterr().err
