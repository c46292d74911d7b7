"""Read a finished run's tables and write the cross-article tables into the same folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.analysis.claims import build_claims
from pipeline.analysis.schemas import CLAIMS, CROSS_ARTICLE_TABLES, STATEMENTS
from pipeline.analysis.statements import build_statements

COMPRESSION = "zstd"
NUMBER_LABELS = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL")


class RunFolderError(ValueError):
    """The folder is not a finished run's output (a table is missing or unreadable)."""


def read_columns(run_dir: Path, name: str, columns: list[str], filters: list | None = None):
    """The ``columns`` of table ``name`` that exist in the run (missing ones are left out), as
    a DataFrame; raises :class:`RunFolderError` when the table is missing."""
    path = Path(run_dir) / f"{name}.parquet"
    if not path.is_file():
        raise RunFolderError(f"{path} not found: not a finished run's output folder")
    present = set(pq.read_schema(path).names)
    table = pq.read_table(path, columns=[c for c in columns if c in present], filters=filters)
    return table.to_pandas()


def build_cross_article_tables(run_dir: str | Path) -> dict[str, pa.Table]:
    """``claims`` and ``statements`` built from the run's tables in ``run_dir``, with the
    schemas of :mod:`pipeline.analysis.schemas`."""
    run_dir = Path(run_dir)
    documents = read_columns(
        run_dir, "documents", ["doc_id", "published", "source", "agency", "title"]
    )
    event_columns = [f.name for f in pq.read_schema(run_dir / "events.parquet")]
    events = read_columns(run_dir, "events", [c for c in event_columns if c != "mentions"])
    quotes = read_columns(
        run_dir,
        "quotes",
        ["doc_id", "quote_id", "sent_id", "start_char", "end_char", "text", "kind"]
        + ["speaker", "speaker_canonical"],
    )
    numbers = read_columns(
        run_dir,
        "entities",
        ["doc_id", "sent_id", "value_num", "approximate"],
        filters=[("label", "in", list(NUMBER_LABELS))],
    )
    return {
        "claims": _to_table(build_claims(events, quotes, documents, numbers), CLAIMS),
        "statements": _to_table(build_statements(quotes, documents), STATEMENTS),
    }


def write_cross_article_tables(run_dir: str | Path) -> dict[str, int]:
    """Build ``claims.parquet`` and ``statements.parquet`` from the run's tables in
    ``run_dir`` and write them there; returns the number of rows of each."""
    tables = build_cross_article_tables(run_dir)
    for name, table in tables.items():
        pq.write_table(table, Path(run_dir) / f"{name}.parquet", compression=COMPRESSION)
    return {name: table.num_rows for name, table in tables.items()}


def _to_table(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """The frame's columns of ``schema`` (missing ones null) as an Arrow table, converted
    column by column from pandas (no row of Python values is built)."""
    columns = [
        pa.array(frame[field.name], type=field.type, from_pandas=True)
        if field.name in frame
        else pa.nulls(len(frame), type=field.type)
        for field in schema
    ]
    return pa.Table.from_arrays(columns, schema=schema)


__all__ = [
    "CROSS_ARTICLE_TABLES",
    "RunFolderError",
    "build_cross_article_tables",
    "read_columns",
    "write_cross_article_tables",
]
