"""What an evaluation scored: the run's hashes from its manifest and a hash of the gold read.

The hashes are those of :mod:`pipeline.batch.manifest`: ``config_hash`` (the config keys that
change rows) and ``run_hash`` (the input's content); two evaluations with equal hashes scored
equal tables against equal gold.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.eval.gold import GoldDoc

RUN_KEYS = ("config_hash", "run_hash", "pipeline_version", "version", "finished")


def run_hashes(pred_dir: Path) -> dict[str, Any]:
    """The hashes, pipeline version, published version and end time a run's ``manifest.json``
    records (None for each when the folder has no readable manifest)."""
    try:
        manifest = json.loads((Path(pred_dir) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    if not isinstance(manifest, dict):
        manifest = {}
    found = {key: manifest.get(key) for key in RUN_KEYS}
    model = manifest.get("model")
    found["model"] = model.get("package") or model.get("name") if isinstance(model, dict) else None
    return found


def gold_hash(docs: Iterable[GoldDoc]) -> str:
    """16 hex digits of the SHA-256 of the gold as read: every document's id and annotations
    (its parsed JSON, keys sorted), in ``doc_id`` order."""
    records = sorted(((doc.doc_id, doc.raw) for doc in docs), key=lambda record: record[0])
    blob = json.dumps(records, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
