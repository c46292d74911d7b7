"""The corpus tables of an unchanged corpus, kept for reruns.

``entity_index``, ``claims`` and ``statements`` are built from the per-document tables of the
whole run. When every document of a run has an entry in the document cache, the corpus
tables are a function of those entries (in input order) and of the code that builds them,
so the run keeps a copy of them under ``CACHE/corpus/KEY/``, keyed by the entries' keys and
a digest of that code. A rerun whose documents all have the same keys copies the tables back
instead of building them again; any other run builds them as before. Only the latest copy is
kept.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.batch.cache import DocCache, code_digest

CORPUS_TABLES = ("entity_index", "claims", "statements")
CORPUS_CODE = ("analysis", "batch/entity_index.py", "batch/writing.py", "batch/schemas.py")
"""The code that builds the corpus tables from the per-document tables."""
FOLDER = "corpus"
STAGING = ".tmp-"


def corpus_key(cache: DocCache, keys: Sequence[str | None]) -> str | None:
    """The key of the corpus tables of documents with entry ``keys`` (in input order), or
    None when a document has no entry in ``cache`` (its tables cannot be known from it)."""
    if not keys or any(key is None or not cache.has(key) for key in keys):
        return None
    sha = hashlib.sha256(f"{cache.run_key}:{code_digest(CORPUS_CODE)}".encode())
    for key in keys:
        sha.update(f"\n{key}".encode())
    return sha.hexdigest()


def restore_corpus_tables(cache: DocCache, key: str, out: Path) -> dict[str, int] | None:
    """Copy the kept corpus tables of ``key`` into ``out``; their row counts, or None when
    the cache does not hold them all."""
    folder = cache.directory / FOLDER / key
    rows = {}
    try:  # another run sharing the cache may replace the copy meanwhile: then build them
        for name in CORPUS_TABLES:
            shutil.copyfile(folder / f"{name}.parquet", out / f"{name}.parquet")
            rows[name] = pq.read_metadata(out / f"{name}.parquet").num_rows
    except OSError:
        return None
    return rows


def keep_corpus_tables(cache: DocCache, key: str, out: Path) -> None:
    """Keep a copy of the corpus tables written in ``out`` as those of ``key``, replacing any
    other kept copy (written in a temporary folder, then renamed into place). Best effort: a
    copy that cannot be kept (a full disk, another run sharing the cache) is not kept, and
    the run goes on."""
    root = cache.directory / FOLDER
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=root, prefix=STAGING))
    except OSError:
        return
    try:
        for name in CORPUS_TABLES:
            shutil.copyfile(out / f"{name}.parquet", staging / f"{name}.parquet")
        for old in root.iterdir():
            if not old.name.startswith(STAGING):  # another run's copy in progress stays
                shutil.rmtree(old, ignore_errors=True)
        staging.rename(root / key)
    except OSError:
        pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)
