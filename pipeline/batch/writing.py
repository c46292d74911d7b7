"""Writing tables: one Parquet file per table, with the schemas of :mod:`pipeline.batch.schemas`;
per-document tables streamed batch by batch, corpus tables written whole."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from pipeline.batch.schemas import TABLES, to_table

COMPRESSION = "zstd"


class TableWriter:
    """Streams row batches into one Parquet file per table, with the schemas of ``schemas``."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.counts: dict[str, int] = {name: 0 for name in TABLES}

    def write(self, rows: dict[str, list[dict]]) -> None:
        """Append a batch of rows (table name -> row dicts)."""
        for name, table_rows in rows.items():
            if not table_rows:
                continue
            writer = self._writer(name)
            writer.write_table(to_table(name, table_rows))
            self.counts[name] += len(table_rows)

    def _writer(self, name: str) -> pq.ParquetWriter:
        if name not in self._writers:
            path = self.out_dir / f"{name}.parquet"
            self._writers[name] = pq.ParquetWriter(path, TABLES[name], compression=COMPRESSION)
        return self._writers[name]

    def close(self) -> None:
        """Close every file; tables that got no rows are written empty, with their schema."""
        for name in TABLES:
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
