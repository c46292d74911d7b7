"""Acceptance: a corpus of hostile files (tests/hostile.py) beside ordinary articles.

The run completes; every input article is exactly one ``documents`` row; the ordinary
articles' rows in every table equal those of a run over them alone; every hostile case shows
in ``documents.warnings`` or as a one-line ``error``; every table joins ``documents``
one-to-one on ``doc_id``; and a rerun from the cache gives the same rows, warnings included.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from pipeline.batch.run import run
from pipeline.batch.schemas import TABLES
from pipeline.batch.summary import RunSummary
from pipeline.config import load_config
from tests.conftest import ARTICLES
from tests.hostile import Expected, write_hostile_inputs

ORDINARY = ("conflict_mali_convoy", "politics_nile_dam_talks", "health_dagestan_measles")
SPAN_TEXT = {"sentences": "text", "entities": "text", "quotes": "text", "events": "trigger"}


@dataclass
class Run:
    """A finished run: what was written, what it must hold, and its summary."""

    folder: Path
    out: Path
    expected: list[Expected]
    summary: RunSummary


def copy_ordinary(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ORDINARY:
        for suffix in (".txt", ".meta.json"):
            shutil.copy(ARTICLES / f"{name}{suffix}", folder / f"{name}{suffix}")


def run_once(folder: Path, out: Path, nlp: Language) -> RunSummary:
    config = load_config(overrides=["run.workers=1"])
    return run(config, input_path=str(folder), output_dir=str(out), progress=False, nlp=nlp)


def table(out: Path, name: str) -> pd.DataFrame:
    return pq.read_table(out / f"{name}.parquet").to_pandas()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Run:
    folder = tmp_path_factory.mktemp("hostile-input")
    expected = write_hostile_inputs(folder)
    copy_ordinary(folder)
    out = tmp_path_factory.mktemp("hostile-run")
    return Run(folder, out, expected, run_once(folder, out, nlp))


@pytest.fixture(scope="module")
def ordinary_alone(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    folder = tmp_path_factory.mktemp("ordinary-input")
    copy_ordinary(folder)
    out = tmp_path_factory.mktemp("ordinary-run")
    run_once(folder, out, nlp)
    return out


def test_every_input_article_is_exactly_one_documents_row(hostile: Run) -> None:
    documents = table(hostile.out, "documents")
    wanted = [e.doc_id for e in hostile.expected] + list(ORDINARY)
    assert len(wanted) == len(set(wanted))  # the generator itself names each article once
    assert documents["doc_id"].is_unique
    assert sorted(documents["doc_id"]) == sorted(wanted)
    assert hostile.summary.documents == len(wanted)


def test_every_hostile_case_shows_in_its_row(hostile: Run) -> None:
    rows = {row["doc_id"]: row for row in table(hostile.out, "documents").to_dict("records")}
    wrong = [
        (e.case, e.doc_id, problem)
        for e in hostile.expected
        for problem in _problems(e, rows[e.doc_id])
    ]
    assert not wrong, wrong


def _problems(expected: Expected, row: dict) -> list[str]:
    warnings = list(row["warnings"])
    problems = []
    if row["status"] != expected.status:
        problems.append(f"status {row['status']} ({row['error']}, {warnings})")
    if expected.warning and not any(expected.warning in w for w in warnings):
        problems.append(f"no warning with {expected.warning!r}: {warnings}")
    if expected.error and expected.error not in (row["error"] or ""):
        problems.append(f"error {row['error']!r} lacks {expected.error!r}")
    if expected.text is not None and row["text"] != expected.text:
        problems.append(f"text {row['text'][:80]!r}")
    if expected.published is not None and row["published"] != expected.published:
        problems.append(f"published {row['published']} ({warnings})")
    if expected.published is not None and row["published_from"] != "metadata":
        problems.append(f"published_from {row['published_from']}")
    return problems


def test_errors_are_one_line_and_lose_no_row(hostile: Run) -> None:
    documents = table(hostile.out, "documents")
    failed = documents[documents["status"] == "error"]
    assert len(failed) == hostile.summary.failed > 0
    assert all(error and "\n" not in error for error in failed["error"])
    assert (documents["status"] != "error").sum() == len(documents) - len(failed)


def test_summary_counts_documents_with_warnings(hostile: Run) -> None:
    documents = table(hostile.out, "documents")
    warned = int(documents["warnings"].map(len).gt(0).sum())
    assert warned == hostile.summary.warned > 0
    assert hostile.summary.as_json()["warned"] == warned
    assert f"warnings  {warned} documents" in hostile.summary.render()


def test_ordinary_articles_rows_equal_a_run_without_hostile_files(
    hostile: Run, ordinary_alone: Path
) -> None:
    for name in TABLES:
        mixed = table(hostile.out, name)
        alone = table(ordinary_alone, name)
        mixed = mixed[mixed["doc_id"].isin(ORDINARY)].drop(columns=["source_path"], errors="ignore")
        alone = alone.drop(columns=["source_path"], errors="ignore")
        if name in ("documents", "sentences"):
            assert set(alone["doc_id"]) == set(ORDINARY), name
        pd.testing.assert_frame_equal(
            mixed.reset_index(drop=True), alone.reset_index(drop=True), check_like=False
        )


def test_every_table_joins_documents_one_to_one(hostile: Run) -> None:
    documents = table(hostile.out, "documents")
    for name in ("sentences", "entities", "quotes", "events"):
        rows = table(hostile.out, name)
        assert len(rows), name
        joined = rows.merge(documents, on="doc_id", validate="many_to_one", suffixes=("", "_d"))
        assert len(joined) == len(rows), name


def test_every_span_indexes_documents_text(hostile: Run) -> None:
    texts = dict(table(hostile.out, "documents")[["doc_id", "text"]].itertuples(index=False))
    for name, column in SPAN_TEXT.items():
        for row in table(hostile.out, name).to_dict("records"):
            span = texts[row["doc_id"]][row["start_char"] : row["end_char"]]
            assert span == row[column], (name, row["doc_id"], row[column])


def test_cached_rerun_gives_the_same_rows_and_warnings(hostile: Run, nlp: Language) -> None:
    before = {name: table(hostile.out, name) for name in TABLES}
    summary = run_once(hostile.folder, hostile.out, nlp)
    assert summary.cached >= hostile.summary.ok  # every processed document came back
    assert summary.warned == hostile.summary.warned
    for name, rows in before.items():
        pd.testing.assert_frame_equal(table(hostile.out, name), rows)
