"""GVA: local US crime news (``in/NNNN.txt`` with ``NNNN.meta.json`` sidecars) and the Gun
Violence Archive's hand-coded record of each article's incident (``gold.jsonl``: ``id``,
``killed``, ``injured``, ``date``, ``city``, ``state``...).

The articles are read by the pipeline's own ``.txt`` reader, so the sidecar's publication
date is the article's, exactly as in a pipeline run over ``in/``; ``doc_id`` is the file stem,
the gold record's ``id``. Each document's gold is an :class:`Incident`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.batch.reading import read_txt
from pipeline.eval.corpora.base import BenchDoc, CorpusError, Incident, require

IN_DIR = "in"
GOLD_FILE = "gold.jsonl"


def read(path: Path, limit: int | None = None) -> list[BenchDoc]:
    """The articles of a GVA folder (``in/`` + ``gold.jsonl``), at most ``limit``."""
    if not path.is_dir():
        raise CorpusError(f"GVA folder not found: {path}")
    in_dir = require(path / IN_DIR, "GVA articles folder in/")
    gold = _gold(require(path / GOLD_FILE, "GVA gold.jsonl"))
    files = sorted(p for p in in_dir.glob("*.txt") if not p.name.startswith("."))
    if not files:
        raise CorpusError(f"no GVA articles (*.txt) in {in_dir}")
    docs = []
    for file in files[:limit] if limit is not None else files:
        article = read_txt(file, in_dir)
        if article.error:
            raise CorpusError(f"{file}: {article.error}")
        if article.doc_id not in gold:
            raise CorpusError(f"{path / GOLD_FILE}: no record for article {article.doc_id}")
        docs.append(BenchDoc(article=article, incident=gold[article.doc_id]))
    return docs


def _gold(file: Path) -> dict[str, Incident]:
    """Incident records by article id."""
    records: dict[str, Incident] = {}
    for lineno, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            records[str(record["id"])] = _incident(record)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise CorpusError(f"{file}:{lineno}: not a GVA record ({exc!r})") from exc
    return records


def _incident(record: dict[str, Any]) -> Incident:
    killed, injured = record["killed"], record["injured"]
    if isinstance(killed, bool) or isinstance(injured, bool):
        raise ValueError("counts must be numbers")
    return Incident(
        killed=int(killed),
        injured=int(injured),
        date=record.get("date") or None,
        city=record.get("city") or None,
        state=record.get("state") or None,
    )
