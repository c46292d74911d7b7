"""Runs killed with SIGKILL: the published tables stay whole and a rerun equals an
uninterrupted run.

Each test starts from an output folder holding a previous run (over ``seeds/``) and starts
``python -m pipeline run`` over ``tests/articles`` into it as a subprocess, one document per
chunk and one worker. The first test kills it from outside once it has processed two
documents (their cache entries are on disk, its rows under ``.partial/``); the others let it
kill itself at an exact point of publishing (``tests/kill_points.py``), with the documents in
a warm cache so that the subprocess does not load the model. No test waits on time: they wait
for files to appear or for the process to end.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from pipeline.batch.outdir import PUBLISHED, VERSIONS
from pipeline.batch.run import run
from pipeline.config import load_config

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "tests" / "articles"
SEEDS = REPO / "seeds"
TABLES = [name for name in PUBLISHED if name.endswith(".parquet")]
SAFETY = 180.0  # seconds: only so that a hung subprocess cannot hang the suite


def settings(cache: Path | None = None) -> list[str]:
    """The config of every run over the articles (as ``--set`` values)."""
    found = ["run.batch_size=1", "run.workers=1", 'run.progress="never"']
    return found + ([f"run.cache_dir={json.dumps(str(cache))}"] if cache else [])


def start(out: Path, cache: Path | None = None, point: str | None = None) -> subprocess.Popen:
    """``python -m pipeline run`` over the articles into ``out`` (dying at ``point``)."""
    command = [sys.executable, "-m", "pipeline"]
    if point is not None:
        command = [sys.executable, str(REPO / "tests" / "kill_points.py"), point]
    argv = ["run", "--input", str(ARTICLES), "--output", str(out)]
    for item in settings(cache):
        argv += ["--set", item]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [*command, *argv], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def rerun(out: Path, nlp: Language, cache: Path | None = None):
    """The same run again, uninterrupted, in this process."""
    return run(load_config(overrides=settings(cache)), str(ARTICLES), str(out), nlp=nlp)


def published(out: Path) -> dict[str, bytes]:
    """The bytes of every published file (tables and manifest)."""
    return {name: (out / name).read_bytes() for name in PUBLISHED}


def assert_tables_equal(left: Path, right: Path) -> None:
    for name in TABLES:
        assert pq.read_table(left / name).equals(pq.read_table(right / name)), name


def assert_clean(out: Path) -> None:
    """One published version, nothing left over."""
    assert not (out / ".partial").exists()
    assert len(list((out / VERSIONS).iterdir())) == 1


def wait_until(condition: Callable[[], bool], process: subprocess.Popen) -> None:
    """Poll until ``condition`` holds; fail if the process ends first."""
    deadline = time.monotonic() + SAFETY
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the run ended ({process.returncode}) before the awaited point")
        assert time.monotonic() < deadline, "the awaited point never came"
        time.sleep(0.01)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """An uninterrupted run over the articles; its cache (``../cache``) is shared."""
    base = tmp_path_factory.mktemp("kill-reference")
    rerun(base / "out", nlp, base / "cache")
    return base / "out"


@pytest.fixture()
def previous(tmp_path: Path, nlp: Language) -> Path:
    """An output folder holding a run over the seed."""
    run(load_config(), str(SEEDS), str(tmp_path / "out"), progress=False, nlp=nlp)
    return tmp_path / "out"


def test_killed_while_processing(previous: Path, reference: Path, nlp: Language) -> None:
    before = published(previous)
    process = start(previous)
    entries = previous / ".cache"
    seeded = len(list(entries.rglob("*.arrow")))
    wait_until(lambda: len(list(entries.rglob("*.arrow"))) >= seeded + 2, process)
    process.kill()
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert (previous / ".partial").is_dir()  # the killed run's rows
    assert published(previous) == before
    summary = rerun(previous, nlp)
    assert summary.cached >= 2  # what the killed run had processed
    assert any(".partial" in note for note in summary.notes)
    assert_tables_equal(previous, reference)
    assert_clean(previous)


@pytest.mark.parametrize(
    ("point", "published_after"),
    [("tables", "previous"), ("switch", "previous"), ("links", "new"), ("cleanup", "new")],
)
def test_killed_while_publishing(
    point: str, published_after: str, previous: Path, reference: Path, nlp: Language
) -> None:
    cache = reference.parent / "cache"
    before = published(previous)
    process = start(previous, cache, point)
    _, err = process.communicate(timeout=SAFETY)
    assert process.returncode == -signal.SIGKILL, err.decode()
    if published_after == "previous":
        assert published(previous) == before
    else:
        assert_tables_equal(previous, reference)
    left = len(list((previous / VERSIONS).iterdir())) - 1  # beside the published one
    summary = rerun(previous, nlp, cache)
    assert any(".versions" in note for note in summary.notes) == (left > 0)
    assert left == (point != "tables")
    assert summary.processed == 0
    assert_tables_equal(previous, reference)
    assert_clean(previous)
