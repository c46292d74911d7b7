"""The ``bench`` framework and the ``conll`` suite, on a tiny fixture written for these tests
(never corpus text); every metric checked against counts worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.eval.corpora import conll
from pipeline.eval.corpora.base import CorpusError
from pipeline.eval.suites import get_suite
from pipeline.eval.suites.conll import score

FIXTURES = Path(__file__).resolve().parent / "bench_fixtures"


def test_conll_reader_joins_tokens_and_offsets_gold() -> None:
    docs = conll.read(FIXTURES / "conll")
    assert [d.doc_id for d in docs] == ["0000", "0001"]
    first = docs[0]
    assert first.text.split("\n")[0] == "HARBOUR TALKS ."
    spans = [(first.text[e.start : e.end], e.label) for e in first.entities]
    assert spans == [
        ("Mira Osei", "PER"),
        ("Tellworth Shipping", "ORG"),
        ("Port Halden", "LOC"),
    ]
    assert [(docs[1].text[e.start : e.end], e.label) for e in docs[1].entities] == [
        ("Norvian", "MISC")
    ]
    assert len(conll.read(FIXTURES / "conll", limit=1)) == 1


def test_conll_reader_accepts_iob1_tags(tmp_path: Path) -> None:
    file = tmp_path / "valid.txt"
    file.write_text(
        "-DOCSTART- -X- -X- O\n\nA NNP B-NP I-ORG\nB NNP I-NP I-ORG\n"
        "C NNP I-NP B-ORG\nd VBD B-VP O\n",
        encoding="utf-8",
    )
    (doc,) = conll.read(file)
    assert [(doc.text[e.start : e.end], e.label) for e in doc.entities] == [
        ("A B", "ORG"),
        ("C", "ORG"),
    ]


def test_conll_score_by_hand() -> None:
    docs = conll.read(FIXTURES / "conll")
    text = docs[0].text
    at = text.index
    predictions = {
        "0000": {
            "entities": [
                {"start_char": at("Mira"), "end_char": at("Mira") + 9, "label": "PERSON"},
                # right span, right label after mapping FAC -> LOC
                {"start_char": at("Port"), "end_char": at("Port") + 11, "label": "FAC"},
                # wrong span for the organisation
                {"start_char": at("Tellworth"), "end_char": at("Tellworth") + 9, "label": "ORG"},
                # value labels are dropped
                {"start_char": 0, "end_char": 7, "label": "DATE"},
            ]
        },
        "0001": {"entities": [{"start_char": 0, "end_char": 7, "label": "NORP"}]},
    }
    metrics = score(docs, predictions)
    # gold 4 (PER, ORG, LOC, MISC); predicted 4 mapped; right: PER, LOC, MISC
    assert metrics["overall"] == {
        "precision": 0.75,
        "recall": 0.75,
        "f1": 0.75,
        "tp": 3,
        "fp": 1,
        "fn": 1,
    }
    assert metrics["ORG"]["f1"] == 0.0 and metrics["PER"]["f1"] == 1.0
    # without MISC: gold 3, pred 3, right 2
    assert metrics["overall_no_misc"]["precision"] == pytest.approx(0.6667)
    assert metrics["overall_no_misc"]["recall"] == pytest.approx(0.6667)


def test_unknown_suite_and_missing_corpus_are_usage_errors(capsys) -> None:
    assert main(["bench", "nosuch", str(FIXTURES)]) == 2
    assert "unknown suite" in capsys.readouterr().err
    assert main(["bench", "conll", str(FIXTURES / "missing")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "not found" in err and "\n" not in err
    with pytest.raises(CorpusError):
        get_suite("nosuch")


def test_corrupt_conll_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "valid.txt").write_text("-DOCSTART- -X- -X- O\n\nlonely\n", encoding="utf-8")
    assert main(["bench", "conll", str(tmp_path)]) == 2
    assert "expected 'token ... tag'" in capsys.readouterr().err


def test_bench_conll_prints_pipeline_beside_baseline(tmp_path: Path, capsys) -> None:
    errors = tmp_path / "errors.jsonl"
    status = main(["bench", "conll", str(FIXTURES / "conll"), "--json", "--errors", str(errors)])
    assert status == 0
    result = json.loads(capsys.readouterr().out)
    assert result["suite"] == "conll" and result["documents"] == 2
    labels = [f["label"] for f in result["figures"]]
    assert "NER F1" in labels
    for figure in result["figures"]:
        assert set(figure) == {"key", "label", "pipeline", "baseline", "diff"}
    assert result["speed"]["documents_per_second"] > 0
    for line in errors.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert record["suite"] == "conll" and record["kind"] in (
            "miss",
            "false_positive",
            "wrong_label",
        )


def test_bench_all_writes_json_and_markdown(tmp_path: Path, capsys) -> None:
    root = tmp_path / "benchmarks"
    (root / "conll2003-dev").mkdir(parents=True)
    (root / "conll2003-dev" / "valid.txt").write_text(
        (FIXTURES / "conll" / "valid.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["bench", "all", str(root), "--out", str(out)]) == 0
    report = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    assert [s["suite"] for s in report["suites"]] == ["conll"]
    table = (out / "bench.md").read_text(encoding="utf-8")
    assert "| suite | figure | pipeline | baseline | Δ |" in table
    assert "NER F1" in table
