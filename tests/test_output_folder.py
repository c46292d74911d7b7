"""The output folder rules as a property: whatever a folder holds (other files, a previous run,
leftovers of interrupted runs), a run either refuses it and changes nothing, or publishes
exactly its tables, removes what it should and says so.

Every run here reads the seed from a warm shared cache, so none loads the model.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from pipeline.batch.outdir import PUBLISHED, OutputError
from pipeline.batch.run import run
from pipeline.config import load_config

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FOREIGN = ("notes.txt", "data.csv", "sub", "x.parquet")
LEFTOVERS = ("partial", "stale_version", "switch_link")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """A run over the seed whose cache (``../cache``) the runs below read."""
    base = tmp_path_factory.mktemp("folder-reference")
    run(config(base / "cache"), str(SEEDS), str(base / "out"), progress=False, nlp=nlp)
    return base / "out"


def config(cache: Path, overwrite: bool = False) -> dict:
    return load_config(
        overrides=[
            f"run.cache_dir={json.dumps(str(cache))}",
            f"run.overwrite={str(overwrite).lower()}",
        ]
    )


def snapshot(folder: Path) -> dict[str, bytes | str | None]:
    """Every entry under ``folder``: file bytes, link targets, None for folders."""
    found: dict[str, bytes | str | None] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = str(path.readlink())
        else:
            found[key] = path.read_bytes() if path.is_file() else None
    return found


@settings(max_examples=12, deadline=None)
@given(
    previous=st.booleans(),
    foreign=st.sets(st.sampled_from(FOREIGN)),
    leftovers=st.sets(st.sampled_from(LEFTOVERS)),
    overwrite=st.booleans(),
)
def test_a_run_refuses_or_publishes_exactly(
    reference: Path,
    nlp: Language,
    previous: bool,
    foreign: set[str],
    leftovers: set[str],
    overwrite: bool,
) -> None:
    cache = reference.parent / "cache"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "work" / "out"
        out.parent.mkdir()
        if previous:
            run(config(cache), str(SEEDS), str(out), progress=False, nlp=nlp)
        else:
            out.mkdir()
        prepare_extra(out, foreign, leftovers)
        before = snapshot(out)
        try:
            summary = run(config(cache, overwrite), str(SEEDS), str(out), False, nlp)
        except OutputError:
            assert foreign and not overwrite
            assert snapshot(out) == before
            return
        assert overwrite or not foreign
        assert summary.processed == 0
        visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
        assert visible == sorted(PUBLISHED)
        assert not (out / ".partial").exists()
        assert len(list((out / ".versions").iterdir())) == 1
        for name in PUBLISHED[:-1]:
            assert pq.read_table(out / name).equals(pq.read_table(reference / name)), name
        notes = " ".join(summary.notes)
        assert (".partial" in notes) == ("partial" in leftovers)
        assert (".versions" in notes) == ("stale_version" in leftovers)
        assert ("replaced the previous run" in notes) == previous
        assert ("--overwrite" in notes) == bool(foreign)


def prepare_extra(out: Path, foreign: set[str], leftovers: set[str]) -> None:
    """Other files and leftovers of interrupted runs in ``out``."""
    for name in foreign:
        if name == "sub":
            (out / name).mkdir()
            (out / name / "inner.txt").write_text("mine\n", encoding="utf-8")
        else:
            (out / name).write_text("mine\n", encoding="utf-8")
    if "partial" in leftovers:
        (out / ".partial").mkdir()
        (out / ".partial" / "documents.parquet").write_text("half\n", encoding="utf-8")
    if "stale_version" in leftovers:
        (out / ".versions" / "v000042").mkdir(parents=True)
    if "switch_link" in leftovers:
        (out / ".switch-documents.parquet").symlink_to(".current/documents.parquet")
