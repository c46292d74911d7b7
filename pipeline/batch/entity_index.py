"""``entity_index``: one row per named entity of the whole corpus.

A corpus-level entity is a canonical name with its label (``Antonio Guterres``, ``PERSON``):
every mention the entity stage resolved to that name, in any document, counts for it. Only
name labels (:data:`NAME_LABELS`) are indexed; dates and numbers are values, not entities.
A run builds the index once its per-document tables are written (:func:`index_tables`), from
their rows (whatever was processed or read from the cache), streaming ``entities`` and
``documents`` side by side in ``doc_id`` order: its memory grows with the number of entities
and the documents that name them, not with the mentions, and nothing of it is held while
documents are processed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.batch.schemas import NAME_LABELS

MAX_SURFACE_FORMS = 5


def entity_key(canonical: str, label: str) -> str:
    """A stable key for an entity: 16 hex digits of the SHA-1 of its label and canonical name,
    the same in every run and corpus."""
    return hashlib.sha1(f"{label}\t{canonical}".encode()).hexdigest()[:16]


@dataclass
class _Entry:
    """What the corpus says about one entity so far."""

    doc_ids: dict[str, None] = field(default_factory=dict)  # an ordered set
    forms: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    first: dt.date | None = None
    last: dt.date | None = None

    def add(self, doc_id: str, text: str, published: dt.date | None) -> None:
        self.doc_ids.setdefault(doc_id)
        self.forms[text] += 1
        self.mentions += 1
        if published is not None:
            self.first = published if self.first is None else min(self.first, published)
            self.last = published if self.last is None else max(self.last, published)


class EntityIndex:
    """Collects the corpus-level entity index from batches of output rows."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], _Entry] = {}

    def add(self, rows: dict[str, list[dict]]) -> None:
        """Count a batch's name mentions (``rows["entities"]``), dated by the publication date
        of their documents (``rows["documents"]`` of the same batch)."""
        published = {doc["doc_id"]: doc["published"] for doc in rows.get("documents", [])}
        for mention in rows.get("entities", []):
            if mention["label"] not in NAME_LABELS:
                continue
            key = (mention["canonical"] or mention["text"], mention["label"])
            entry = self._entries.setdefault(key, _Entry())
            doc_id = sys.intern(mention["doc_id"])  # one string per document, however named
            entry.add(doc_id, mention["text"], published.get(doc_id))

    def rows(self) -> list[dict]:
        """One row per entity, most mentioned first, then by canonical name and label."""
        ordered = sorted(self._entries.items(), key=lambda item: (-item[1].mentions, item[0]))
        return [_row(canonical, label, entry) for (canonical, label), entry in ordered]


def _row(canonical: str, label: str, entry: _Entry) -> dict:
    # most_common keeps first-seen order among equal counts: deterministic for a given input
    forms = entry.forms.most_common(MAX_SURFACE_FORMS)
    return {
        "entity_key": entity_key(canonical, label),
        "canonical": canonical,
        "label": label,
        "n_documents": len(entry.doc_ids),
        "n_mentions": entry.mentions,
        "first_published": entry.first,
        "last_published": entry.last,
        "surface_forms": [text for text, _ in forms],
        "surface_counts": [count for _, count in forms],
        "doc_ids": list(entry.doc_ids),
    }


def index_tables(documents: Path, entities: Path, batch_rows: int = 8192) -> EntityIndex:
    """The index of a run's ``documents`` and ``entities`` Parquet files, both sorted by
    ``doc_id``, read ``batch_rows`` rows at a time (only name mentions become Python rows)."""
    index = EntityIndex()
    dates = _dates(pq.ParquetFile(documents), batch_rows)
    current: tuple[str, dt.date | None] | None = next(dates, None)
    last: tuple[str, dt.date | None] | None = None  # the document matched last
    columns = ["doc_id", "label", "canonical", "text"]
    names = pa.array(sorted(NAME_LABELS))
    for batch in pq.ParquetFile(entities).iter_batches(batch_size=batch_rows, columns=columns):
        mentions = batch.filter(pc.is_in(batch.column("label"), value_set=names)).to_pylist()
        published: dict[str, dt.date | None] = {}
        for doc_id in dict.fromkeys(m["doc_id"] for m in mentions):
            if last is None or last[0] != doc_id:
                while current is not None and current[0] < doc_id:
                    current = next(dates, None)
                while current is not None and current[0] == doc_id:  # a repeated id: the last
                    last, current = current, next(dates, None)
            if last is not None and last[0] == doc_id:
                published[doc_id] = last[1]
        documents_rows = [{"doc_id": d, "published": p} for d, p in published.items()]
        index.add({"documents": documents_rows, "entities": mentions})
    return index


def _dates(documents: pq.ParquetFile, batch_rows: int) -> Iterator[tuple[str, dt.date | None]]:
    for batch in documents.iter_batches(batch_size=batch_rows, columns=["doc_id", "published"]):
        yield from zip(
            batch.column("doc_id").to_pylist(), batch.column("published").to_pylist(), strict=True
        )
