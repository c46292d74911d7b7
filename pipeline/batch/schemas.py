"""The output tables' pyarrow schemas: the one place where columns and types are defined.

Columns follow ``CONTRACT.md``; extra columns are additions, never renames.
"""

from __future__ import annotations

import pyarrow as pa

from pipeline.stages.annotations import ALL_LABELS, DATE_LABELS, NAME_LABELS, NUMBER_LABELS

__all__ = [
    "ALL_LABELS",
    "CORPUS_TABLES",
    "DATE_LABELS",
    "NAME_LABELS",
    "NUMBER_LABELS",
    "OUTPUT_TABLES",
    "TABLES",
]

DOCUMENTS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source_path", pa.string()),
        ("text", pa.string()),
        ("status", pa.string()),
        ("error", pa.string()),
        ("title", pa.string()),
        ("dateline", pa.string()),
        ("agency", pa.string()),
        ("published", pa.date32()),
        ("published_from", pa.string()),
        ("n_sentences", pa.int32()),
        ("encoding", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("warnings", pa.list_(pa.string())),
    ]
)

SENTENCES = pa.schema(
    [
        ("doc_id", pa.string()),
        ("sent_id", pa.int32()),
        ("paragraph", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
        ("role", pa.string()),
    ]
)

ENTITIES = pa.schema(
    [
        ("doc_id", pa.string()),
        ("ent_id", pa.int32()),
        ("sent_id", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
        ("label", pa.string()),
        ("cluster_id", pa.int32()),
        ("canonical", pa.string()),
        ("value", pa.string()),
        ("value_num", pa.float64()),
        ("unit", pa.string()),
        ("timex_type", pa.string()),
        ("approximate", pa.bool_()),
        ("source", pa.string()),
    ]
)

QUOTES = pa.schema(
    [
        ("doc_id", pa.string()),
        ("quote_id", pa.int32()),
        ("sent_id", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
        ("kind", pa.string()),
        ("speaker", pa.string()),
        ("speaker_start_char", pa.int32()),
        ("speaker_end_char", pa.int32()),
        ("speaker_canonical", pa.string()),
        ("speaker_cluster_id", pa.int32()),
        ("speaker_kind", pa.string()),
        ("cue", pa.string()),
        ("cue_start_char", pa.int32()),
        ("cue_end_char", pa.int32()),
        ("confidence", pa.float32()),
    ]
)

EVENTS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("event_id", pa.int32()),
        ("sent_id", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("trigger", pa.string()),
        ("event_type", pa.string()),
        ("cameo", pa.string()),
        ("actors", pa.list_(pa.string())),
        ("targets", pa.list_(pa.string())),
        ("location", pa.string()),
        ("city", pa.string()),
        ("date", pa.string()),
        ("date_text", pa.string()),
        ("quantity", pa.float64()),
        ("quantity_unit", pa.string()),
        ("reported_by", pa.string()),
        ("negated", pa.bool_()),
        ("modality", pa.string()),
        (
            "mentions",
            pa.list_(pa.struct([("start_char", pa.int32()), ("end_char", pa.int32())])),
        ),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "sentences": SENTENCES,
    "entities": ENTITIES,
    "quotes": QUOTES,
    "events": EVENTS,
}
"""Every per-document table by name, in the order they are written."""

ENTITY_INDEX = pa.schema(
    [
        ("entity_key", pa.string()),
        ("canonical", pa.string()),
        ("label", pa.string()),
        ("n_documents", pa.int32()),
        ("n_mentions", pa.int32()),
        ("first_published", pa.date32()),
        ("last_published", pa.date32()),
        ("surface_forms", pa.list_(pa.string())),
        ("surface_counts", pa.list_(pa.int32())),
        ("doc_ids", pa.list_(pa.string())),
    ]
)

CORPUS_TABLES: dict[str, pa.Schema] = {"entity_index": ENTITY_INDEX}
"""Tables built over the whole corpus, written when the per-document tables are complete."""

OUTPUT_TABLES: dict[str, pa.Schema] = {**TABLES, **CORPUS_TABLES}
"""Every table of a run's output folder."""


def empty_rows() -> dict[str, list[dict]]:
    """A fresh row buffer with one empty list per table."""
    return {name: [] for name in TABLES}


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Build a table of ``name`` from row dicts, checked against its schema (a column a row
    lacks is null)."""
    return pa.Table.from_pylist(rows, schema=OUTPUT_TABLES[name])
