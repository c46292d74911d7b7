"""End-to-end tests of the command line, in-process through ``pipeline.cli.main``.

Loading the spaCy model takes a couple of seconds, so the module makes three full runs (a
mixed input folder, the same folder with ``--strict --json``, and ``seeds/``) and every test
reads their outputs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.analysis.schemas import CROSS_ARTICLE_TABLES
from pipeline.batch.schemas import OUTPUT_TABLES
from pipeline.cli import main
from pipeline.config import config_hash, load_config

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_GOLD = SEEDS / "000_b5c0204ef33dd5d7.gold.json"

GOOD_TEXT = (
    "Talks with Iran to resume in Geneva, Britain says\n"
    "\n"
    "LONDON, March 3 (Reuters) - British Foreign Secretary David Lammy said on Tuesday that "
    "talks with Iran over its nuclear programme would resume in Geneva next week.\n"
    "\n"
    '"Diplomacy remains the only path to a lasting agreement," Lammy told reporters outside '
    "Parliament. He added that about 40 officials would attend the meeting.\n"
    "\n"
    "Protesters clashed with police in Tehran on Monday, and at least 12 people were killed, "
    "according to state media.\n"
)
JSONL_TEXT = (
    "NAIROBI, July 8 (AP) - Police fired tear gas at protesters in Nairobi on Wednesday.\n"
    '"We will not pay more for fuel," said Grace Wanjiru, a trader.'
)
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 256
TABLE_NAMES = ["documents", "sentences", "entities", "quotes", "events", "entity_index"]


@dataclass
class Result:
    code: int
    out: str
    err: str
    output: Path


def call(argv: list[str]) -> tuple[int, str, str]:
    """``main(argv)`` with stdout and stderr captured (usable from module-scoped fixtures)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def mixed_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mixed-input")
    (root / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (root / "good.meta.json").write_text(
        json.dumps({"published": "2025-03-03T08:15:00Z", "source": "Reuters"}), encoding="utf-8"
    )
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(BINARY)
    lines = [json.dumps({"id": "wire-1", "text": JSONL_TEXT, "published": "2020-07-08"}), "{oops"]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def mixed_run(mixed_input: Path, tmp_path_factory: pytest.TempPathFactory) -> Result:
    output = tmp_path_factory.mktemp("runs") / "mixed"
    code, out, err = call(
        ["run", "--input", str(mixed_input), "--output", str(output), "--no-progress"]
    )
    return Result(code, out, err, output)


@pytest.fixture(scope="module")
def strict_json_run(mixed_input: Path, tmp_path_factory: pytest.TempPathFactory) -> Result:
    output = tmp_path_factory.mktemp("runs") / "strict"
    code, out, err = call(
        ["run", "--input", str(mixed_input), "--output", str(output), "--strict", "--json"]
    )
    return Result(code, out, err, output)


@pytest.fixture(scope="module")
def cli_seed_run(tmp_path_factory: pytest.TempPathFactory) -> Result:
    output = tmp_path_factory.mktemp("runs") / "seeds"
    code, out, err = call(["run", "--input", str(SEEDS), "--output", str(output), "--no-progress"])
    return Result(code, out, err, output)


def read(output: Path, name: str) -> list[dict]:
    return pq.read_table(output / f"{name}.parquet").to_pylist()


def documents_by_id(output: Path) -> dict[str, dict]:
    return {row["doc_id"]: row for row in read(output, "documents")}


# --- the mixed run ------------------------------------------------------------------------


def test_run_exits_zero_and_writes_every_table(mixed_run: Result) -> None:
    assert mixed_run.code == 0, mixed_run.err
    names = sorted(p.name for p in mixed_run.output.iterdir() if not p.name.startswith("."))
    cross = [f"{n}.parquet" for n in CROSS_ARTICLE_TABLES]  # claims, statements
    assert names == sorted([f"{n}.parquet" for n in TABLE_NAMES] + cross + ["manifest.json"])
    hidden = sorted(p.name for p in mixed_run.output.iterdir() if p.name.startswith("."))
    # the document cache (README: Incremental reruns), the published tables and their link
    assert hidden == [".cache", ".current", ".versions"]
    for name in TABLE_NAMES:
        schema = pq.read_schema(mixed_run.output / f"{name}.parquet")
        for field in OUTPUT_TABLES[name]:
            assert schema.field(field.name).type == field.type, (name, field.name)


def test_documents_has_a_row_per_input_with_status(mixed_run: Result, mixed_input: Path) -> None:
    docs = documents_by_id(mixed_run.output)
    assert len(read(mixed_run.output, "documents")) == 5
    assert set(docs) == {"good", "empty", "image", "wire-1", "feed:2"}
    assert {d: row["status"] for d, row in docs.items()} == {
        "good": "ok",
        "empty": "empty",
        "image": "error",
        "wire-1": "ok",
        "feed:2": "error",
    }
    for row in docs.values():
        if row["status"] == "error":
            assert row["error"], row
            assert "\n" not in row["error"] and "\r" not in row["error"]
            assert row["text"] == ""
        else:
            assert row["error"] is None, row
    assert "line 2" in docs["feed:2"]["error"]
    assert "image.txt" in docs["image"]["error"]

    good = docs["good"]
    assert good["text"] == GOOD_TEXT
    assert good["source_path"] == str(mixed_input / "good.txt")
    assert good["published"] == dt.date(2025, 3, 3)
    assert good["published_from"] == "metadata"
    assert good["n_sentences"] > 0
    assert docs["wire-1"]["text"] == JSONL_TEXT
    assert docs["wire-1"]["published"] == dt.date(2020, 7, 8)
    assert docs["wire-1"]["source_path"] == str(mixed_input / "feed.jsonl")
    assert docs["empty"]["n_sentences"] == 0


def test_rows_only_for_processed_documents(mixed_run: Result) -> None:
    sentences = read(mixed_run.output, "sentences")
    assert {r["doc_id"] for r in sentences} == {"good", "wire-1"}
    for name in ("entities", "quotes", "events"):
        assert {r["doc_id"] for r in read(mixed_run.output, name)} <= {"good", "wire-1"}
    docs = documents_by_id(mixed_run.output)
    for doc_id in ("good", "wire-1"):
        n = sum(1 for r in sentences if r["doc_id"] == doc_id)
        assert docs[doc_id]["n_sentences"] == n
        assert [r["sent_id"] for r in sentences if r["doc_id"] == doc_id] == list(range(n))


def test_good_article_is_extracted(mixed_run: Result) -> None:
    entities = [r for r in read(mixed_run.output, "entities") if r["doc_id"] == "good"]
    assert any("Lammy" in r["text"] for r in entities), entities
    quotes = [r for r in read(mixed_run.output, "quotes") if r["doc_id"] == "good"]
    assert any(r["text"].startswith("Diplomacy remains") for r in quotes), quotes


def test_summary_names_ok_and_failed_counts(mixed_run: Result) -> None:
    assert mixed_run.code == 0
    assert re.search(r"\b2 ok\b", mixed_run.out), mixed_run.out
    assert re.search(r"\b2 failed\b", mixed_run.out), mixed_run.out
    assert "feed:2" in mixed_run.out  # failures are listed


def test_manifest(mixed_run: Result, mixed_input: Path) -> None:
    manifest = json.loads((mixed_run.output / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["config_hash"] == config_hash(load_config())
    assert manifest["packages"]["spacy"]
    assert manifest["packages"]["pyarrow"]
    assert manifest["input"] == str(mixed_input)
    assert manifest["rows"] == {
        name: pq.read_metadata(mixed_run.output / f"{name}.parquet").num_rows
        for name in [*TABLE_NAMES, *CROSS_ARTICLE_TABLES]
    }
    assert manifest["rows"]["documents"] == 5
    stages = manifest["stage_seconds"]
    assert stages and all(isinstance(v, int | float) and v >= 0 for v in stages.values())
    started = dt.datetime.fromisoformat(manifest["started"])
    finished = dt.datetime.fromisoformat(manifest["finished"])
    assert started <= finished
    assert manifest["config"]["run"]["batch_size"] == load_config()["run"]["batch_size"]


# --- --strict and --json ------------------------------------------------------------------


def test_strict_exits_3_when_a_document_failed(strict_json_run: Result) -> None:
    assert strict_json_run.code == 3, strict_json_run.err
    # The run still completed and wrote its tables.
    assert (strict_json_run.output / "manifest.json").exists()
    assert len(read(strict_json_run.output, "documents")) == 5


def test_json_prints_exactly_one_object(strict_json_run: Result, mixed_run: Result) -> None:
    summary = json.loads(strict_json_run.out)
    assert isinstance(summary, dict)
    assert (summary["documents"], summary["ok"], summary["empty"], summary["failed"]) == (
        5,
        2,
        1,
        2,
    )
    assert {f["doc_id"] for f in summary["failures"]} == {"image", "feed:2"}
    assert (
        summary["rows"]
        == json.loads((mixed_run.output / "manifest.json").read_text(encoding="utf-8"))["rows"]
    )


# --- usage and config errors: exit 2, nothing written ------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        ["--set", "nosuch.key=1"],
        ["--set", "run.batch_size=zero"],
        ["--set", "run.batch_size"],
        ["-c", "does/not/exist.toml"],
    ],
)
def test_config_error_exits_2_and_writes_nothing(
    tmp_path: Path, mixed_input: Path, extra: list[str]
) -> None:
    output = tmp_path / "out"
    code, out, err = call(["run", "--input", str(mixed_input), "--output", str(output), *extra])
    assert code == 2
    assert err.startswith("error:"), err
    assert len(err.strip().splitlines()) == 1
    assert out == ""
    assert not output.exists()


def test_invalid_config_file_exits_2(tmp_path: Path, mixed_input: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[run\n", encoding="utf-8")
    output = tmp_path / "out"
    code, _, err = call(
        ["run", "-c", str(bad), "--input", str(mixed_input), "--output", str(output)]
    )
    assert code == 2
    assert err.startswith("error:") and "bad.toml" in err
    assert not output.exists()


def test_missing_input_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "out"
    code, out, err = call(
        ["run", "--input", str(tmp_path / "nope"), "--output", str(output), "--no-progress"]
    )
    assert code == 2
    assert err.startswith("error:") and "nope" in err
    assert out == ""
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


# --- eval against a run over seeds/ -------------------------------------------------------


def test_seed_run_completes(cli_seed_run: Result) -> None:
    assert cli_seed_run.code == 0, cli_seed_run.err
    docs = documents_by_id(cli_seed_run.output)
    assert set(docs) == {"000_b5c0204ef33dd5d7"}
    assert docs["000_b5c0204ef33dd5d7"]["status"] == "ok"
    assert docs["000_b5c0204ef33dd5d7"]["published"] == dt.date(2020, 7, 22)


def test_eval_report(cli_seed_run: Result, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", "--gold", str(SEED_GOLD), "--pred", str(cli_seed_run.output)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.strip()


def test_eval_json(cli_seed_run: Result, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", "--gold", str(SEED_GOLD), "--pred", str(cli_seed_run.output), "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    result = json.loads(captured.out)
    assert isinstance(result, dict)
    f1 = result["metrics"]["entities"]["overlap"]["f1"]
    assert isinstance(f1, int | float) and not isinstance(f1, bool)
    assert 0.0 <= f1 <= 1.0 and not math.isnan(f1)


def test_eval_missing_pred_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", "--gold", str(SEED_GOLD), "--pred", str(tmp_path / "nope")])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith("error:")


# --- offsets: every span indexes documents.text -------------------------------------------


def check_span(text: str, start: int | None, end: int | None, value: str | None, what: str):
    assert start is not None and end is not None and value is not None, what
    assert 0 <= start < end <= len(text), what
    assert text[start:end] == value, what


@pytest.mark.parametrize("run_name", ["mixed_run", "strict_json_run", "cli_seed_run"])
def test_every_span_matches_document_text(run_name: str, request: pytest.FixtureRequest) -> None:
    output = request.getfixturevalue(run_name).output
    texts = {doc_id: row["text"] for doc_id, row in documents_by_id(output).items()}
    counts = dict.fromkeys(["sentences", "entities", "quotes", "events"], 0)

    for row in read(output, "sentences"):
        check_span(texts[row["doc_id"]], row["start_char"], row["end_char"], row["text"], row)
        counts["sentences"] += 1
    for row in read(output, "entities"):
        check_span(texts[row["doc_id"]], row["start_char"], row["end_char"], row["text"], row)
        counts["entities"] += 1
    for row in read(output, "events"):
        check_span(texts[row["doc_id"]], row["start_char"], row["end_char"], row["trigger"], row)
        counts["events"] += 1
    for row in read(output, "quotes"):
        text = texts[row["doc_id"]]
        check_span(text, row["start_char"], row["end_char"], row["text"], row)
        counts["quotes"] += 1
        speaker_span = (row["speaker_start_char"], row["speaker_end_char"])
        if row["speaker"] is None:
            assert speaker_span == (None, None), row
        else:
            check_span(text, *speaker_span, row["speaker"], row)
        # A quote that continues the previous one inherits its cue lemma without a span.
        start, end = row["cue_start_char"], row["cue_end_char"]
        assert (start is None) == (end is None), row
        if start is not None:
            assert row["cue"], row
            assert 0 <= start < end <= len(text), row
            cue_text = text[start:end]
            assert cue_text.strip() == cue_text and cue_text, row

    # The check above must have had something to check.
    assert counts["sentences"] > 0 and counts["entities"] > 0, counts
    if run_name == "cli_seed_run":
        assert counts["quotes"] > 0 and counts["events"] > 0, counts
