"""Reading a run's output tables (``pred_dir/*.parquet``) as row dicts for scoring.

Only the columns scoring needs are read (:data:`TABLE_COLUMNS`): a missing *required* column
is an error, a missing optional one is a warning and reads as null. NaN reads as None, and a
document's rows come sorted by ``(start_char, end_char)``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

TABLE_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "entities": (
        ("doc_id", "start_char", "end_char", "label"),
        ("text", "canonical", "value", "value_num", "unit", "timex_type"),
    ),
    "quotes": (
        ("doc_id", "start_char", "end_char"),
        ("text", "kind", "speaker", "speaker_canonical", "cue"),
    ),
    "events": (
        ("doc_id", "start_char", "end_char", "event_type"),
        ("trigger", "actors", "targets", "location", "date", "quantity", "reported_by", "negated"),
    ),
}
"""Table name -> (required columns, optional columns) read from the run."""

RunTables = dict[str, dict[str, list[dict[str, Any]]]]
"""Table name -> doc_id -> that document's rows."""


class EvalError(Exception):
    """A usage problem: gold or prediction paths missing or unreadable."""


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def read_table(
    pred_dir: Path, name: str, doc_ids: set[str], warnings: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Rows of ``pred_dir/name.parquet`` for the given documents, grouped by doc_id.

    ``name`` is a key of :data:`TABLE_COLUMNS`; a note on absent optional columns is appended
    to ``warnings``.

    Raises:
        EvalError: if the file is missing, unreadable or lacks a required column.
    """
    import pyarrow.parquet as pq

    path = pred_dir / f"{name}.parquet"
    if not path.is_file():
        raise EvalError(f"prediction table not found: {path}")
    try:
        table = pq.read_table(path)
    except Exception as exc:  # any pyarrow failure means "unreadable"
        raise EvalError(f"cannot read {path}: {str(exc).splitlines()[0]}") from exc
    required, optional = TABLE_COLUMNS[name]
    missing = [c for c in required if c not in table.column_names]
    if missing:
        raise EvalError(f"{path} lacks required columns: {', '.join(missing)}")
    absent = [c for c in optional if c not in table.column_names]
    if absent:
        warnings.append(f"{name}.parquet has no column(s) {', '.join(absent)}; treated as null")
    ids = table.column("doc_id").to_pylist()
    keep = [i for i, d in enumerate(ids) if d in doc_ids]
    columns = [c for c in required + optional if c in table.column_names]
    rows = table.select(columns).take(keep).to_pylist() if keep else []
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        clean = {c: _clean(row.get(c)) for c in required + optional}
        grouped.setdefault(row["doc_id"], []).append(clean)
    for doc_rows in grouped.values():
        doc_rows.sort(key=lambda r: (r.get("start_char") or 0, r.get("end_char") or 0))
    return grouped


def read_tables(pred_dir: Path, doc_ids: set[str], warnings: list[str]) -> RunTables:
    """Every table of :data:`TABLE_COLUMNS`, in that order (see :func:`read_table`)."""
    return {name: read_table(pred_dir, name, doc_ids, warnings) for name in TABLE_COLUMNS}


def read_documents(pred_dir: Path, doc_ids: set[str]) -> dict[str, str | None] | None:
    """doc_id -> text (None if no text column) from documents.parquet, or None if absent.

    Raises:
        EvalError: if the file is unreadable or has no ``doc_id`` column.
    """
    import pyarrow.parquet as pq

    path = pred_dir / "documents.parquet"
    if not path.is_file():
        return None
    try:
        columns = pq.read_schema(path).names
        wanted = [c for c in ("doc_id", "text") if c in columns]
        if "doc_id" not in wanted:
            raise EvalError(f"{path} lacks required column doc_id")
        rows = pq.read_table(path, columns=wanted).to_pylist()
    except EvalError:
        raise
    except Exception as exc:
        raise EvalError(f"cannot read {path}: {str(exc).splitlines()[0]}") from exc
    return {r["doc_id"]: r.get("text") for r in rows if r["doc_id"] in doc_ids}
