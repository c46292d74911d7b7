"""The cross-article tables' pyarrow schemas: ``claims`` and ``statements``.

They are built from a finished run's tables (:mod:`pipeline.analysis.tables`) and written
into the same folder; the per-document tables' schemas stay in ``pipeline/batch/schemas.py``.
"""

from __future__ import annotations

import pyarrow as pa

CLAIMS = pa.schema(
    [
        ("claim_id", pa.string()),
        ("doc_id", pa.string()),
        ("event_id", pa.int32()),
        ("sent_id", pa.int32()),
        ("event_type", pa.string()),
        ("trigger", pa.string()),
        ("quantity", pa.float64()),
        ("quantity_unit", pa.string()),
        ("approximate", pa.bool_()),
        ("place", pa.string()),
        ("place_from", pa.string()),
        ("date", pa.string()),
        ("date_text", pa.string()),
        ("published", pa.date32()),
        ("claim_date", pa.string()),
        ("claim_date_from", pa.string()),
        ("reported_by", pa.string()),
        ("reported_by_from", pa.string()),
        ("quote_id", pa.int32()),
        ("modality", pa.string()),
        ("source", pa.string()),
        ("title", pa.string()),
        ("n_sources", pa.int32()),
        ("n_occurrences", pa.int32()),
    ]
)
"""One row per casualty figure an article states (an event of a casualty type with a
quantity, not negated); rows that agree on type, number, place and date share ``claim_id``."""

STATEMENTS = pa.schema(
    [
        ("statement_id", pa.string()),
        ("doc_id", pa.string()),
        ("quote_id", pa.int32()),
        ("sent_id", pa.int32()),
        ("kind", pa.string()),
        ("text", pa.string()),
        ("normalised", pa.string()),
        ("speaker", pa.string()),
        ("speaker_canonical", pa.string()),
        ("statement_speaker", pa.string()),
        ("similarity", pa.float32()),
        ("published", pa.date32()),
        ("source", pa.string()),
        ("n_documents", pa.int32()),
        ("n_occurrences", pa.int32()),
    ]
)
"""One row per quote of the run; quotes that carry the same statement (near-identical
normalised text) share ``statement_id``."""

CROSS_ARTICLE_TABLES: dict[str, pa.Schema] = {"claims": CLAIMS, "statements": STATEMENTS}
"""The tables :func:`pipeline.analysis.write_cross_article_tables` writes, by name."""
