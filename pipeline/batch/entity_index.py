"""``entity_index``: one row per named entity of the whole corpus.

A corpus-level entity is a canonical name with its label (``Antonio Guterres``, ``PERSON``):
every mention the entity stage resolved to that name, in any document, counts for it. Only
name labels (:data:`NAME_LABELS`) are indexed; dates and numbers are values, not entities.
The index is fed the rows of each chunk as the run writes them (whether they were processed or
read from the cache), so it never re-reads the tables and its memory grows with the number of
entities and the documents that name them, not with the mentions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass, field

import pyarrow as pa

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

    def add_tables(self, documents: pa.Table, entities: pa.Table) -> None:
        """:meth:`add` for a chunk's ``documents`` and ``entities`` tables."""
        self.add(
            {
                "documents": documents.select(["doc_id", "published"]).to_pylist(),
                "entities": entities.select(["doc_id", "label", "canonical", "text"]).to_pylist(),
            }
        )

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
