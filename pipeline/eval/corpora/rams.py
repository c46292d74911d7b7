"""RAMS 1.0 in its converted form: ``docs.jsonl`` (``{"id", "text"}`` a line) and ``gold.json``
(``{id: {text, trigger: {start, end, text}, type, args: [{role, argn, start, end, text}]}}``).

Each instance (a 3-5 sentence window with exactly one annotated event) becomes one article,
``doc_id`` = the instance id, read by the pipeline's own JSON-lines reader; RAMS has no
publication dates. Its one gold event keeps the trigger span, the full RAMS type
(``conflict.attack.firearmattack``) and the arguments with their role and slot (``argn``).
Every span is checked against the text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.batch.reading import article_from_record
from pipeline.eval.corpora.base import BenchDoc, CorpusError, GoldArgument, GoldEvent, require

DOCS_FILE = "docs.jsonl"
GOLD_FILE = "gold.json"


def read(path: Path, limit: int | None = None) -> list[BenchDoc]:
    """The instances of a RAMS folder (``docs.jsonl`` + ``gold.json``), at most ``limit``."""
    if not path.is_dir():
        raise CorpusError(f"RAMS folder not found: {path}")
    docs_file = require(path / DOCS_FILE, "RAMS docs.jsonl")
    gold = _gold(require(path / GOLD_FILE, "RAMS gold.json"))
    docs = []
    for record in _records(docs_file):
        if limit is not None and len(docs) >= limit:
            break
        doc_id = str(record["id"])
        if doc_id not in gold:
            raise CorpusError(f"{path / GOLD_FILE}: no gold for instance {doc_id}")
        article = article_from_record(record, str(docs_file))
        event = _event(gold[doc_id], article.text, doc_id)
        docs.append(BenchDoc(article=article, events=[event]))
    if not docs:
        raise CorpusError(f"no RAMS instances in {docs_file}")
    return docs


def _gold(file: Path) -> dict[str, Any]:
    try:
        gold = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{file}: not readable JSON ({exc})") from exc
    if not isinstance(gold, dict):
        raise CorpusError(f"{file}: expected an object of instances by id")
    return gold


def _records(file: Path) -> list[dict[str, Any]]:
    """The ``{"id", "text"}`` records of ``docs.jsonl``."""
    records = []
    for lineno, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{file}:{lineno}: invalid JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise CorpusError(f"{file}:{lineno}: expected {{'id', 'text'}}")
        if "id" not in record:
            raise CorpusError(f"{file}:{lineno}: expected {{'id', 'text'}}")
        records.append(record)
    return records


def _event(gold: Any, text: str, doc_id: str) -> GoldEvent:
    """The instance's one gold event, every span checked against ``text``."""
    try:
        trigger = gold["trigger"]
        start, end = _span(trigger, text, doc_id)
        arguments = tuple(
            GoldArgument(str(a["role"]), *_span(a, text, doc_id), slot=a.get("argn"))
            for a in gold.get("args", [])
        )
        return GoldEvent(start, end, str(gold["type"]), arguments)
    except (KeyError, TypeError, ValueError) as exc:
        raise CorpusError(f"gold for instance {doc_id} is malformed ({exc!r})") from exc


def _span(item: dict[str, Any], text: str, doc_id: str) -> tuple[int, int]:
    start, end = int(item["start"]), int(item["end"])
    if not 0 <= start < end <= len(text) or text[start:end] != item["text"]:
        raise CorpusError(
            f"gold for instance {doc_id}: span [{start}, {end}) does not hold {item['text']!r}"
        )
    return start, end
