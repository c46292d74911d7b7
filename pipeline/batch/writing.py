"""Writing tables: one Parquet file per table, with the schemas of :mod:`pipeline.batch.schemas`;
per-document tables streamed chunk by chunk as row groups, corpus tables written whole.

Rows are buffered per table until a row group is worth writing (:data:`ROW_GROUP_BYTES` of
Arrow data or :data:`ROW_GROUP_ROWS` rows), so memory stays bounded however long the run and
readers get row groups of a useful size.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.batch.schemas import TABLES, to_table

COMPRESSION = "zstd"
ROW_GROUP_BYTES = 2 * 1024 * 1024
ROW_GROUP_ROWS = 100_000
NO_STATISTICS = {"text"}  # whole articles and sentences: min/max statistics are only weight


class TableWriter:
    """Streams row batches into one Parquet file per table, with the schemas of ``schemas``."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._buffers: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
        self._buffered = {name: (0, 0) for name in TABLES}  # rows, bytes
        self.counts: dict[str, int] = {name: 0 for name in TABLES}

    def write(self, rows: dict[str, list[dict]]) -> None:
        """Append a batch of rows (table name -> row dicts)."""
        self.write_tables({name: to_table(name, table_rows) for name, table_rows in rows.items()})

    def write_tables(self, tables: dict[str, pa.Table]) -> None:
        """Append Arrow tables (table name -> rows with that table's schema)."""
        for name, table in tables.items():
            if not table.num_rows:
                continue
            self._buffers[name].append(table)
            self.counts[name] += table.num_rows
            rows, size = self._buffered[name]
            rows, size = rows + table.num_rows, size + table.nbytes
            self._buffered[name] = (rows, size)
            if rows >= ROW_GROUP_ROWS or size >= ROW_GROUP_BYTES:
                self._flush(name)

    def _flush(self, name: str) -> None:
        buffer = self._buffers[name]
        if buffer:
            self._writer(name).write_table(pa.concat_tables(buffer))
            buffer.clear()
            self._buffered[name] = (0, 0)

    def _writer(self, name: str) -> pq.ParquetWriter:
        if name not in self._writers:
            path = self.out_dir / f"{name}.parquet"
            schema = TABLES[name]
            stats = [f.name for f in schema if f.name not in NO_STATISTICS]
            self._writers[name] = pq.ParquetWriter(
                path, schema, compression=COMPRESSION, write_statistics=stats
            )
        return self._writers[name]

    def close(self) -> None:
        """Flush and close every file; tables that got no rows are written empty, with their
        schema."""
        for name in TABLES:
            self._flush(name)
            if name not in self._writers:
                self._writer(name)
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()


def write_table(out_dir: Path, name: str, rows: list[dict]) -> int:
    """Write a whole table (a corpus table such as ``entity_index``) from row dicts, with its
    schema; returns the number of rows."""
    pq.write_table(to_table(name, rows), out_dir / f"{name}.parquet", compression=COMPRESSION)
    return len(rows)
