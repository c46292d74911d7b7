"""Answers across articles, built from a finished run's tables: ``claims`` (casualty figures,
who reported them, grouped across articles) and ``statements`` (quotes deduplicated across
articles). Reads and writes Parquet only; no spaCy, nothing of ``pipeline.stages``."""

from pipeline.analysis.tables import (
    RunFolderError,
    build_cross_article_tables,
    write_cross_article_tables,
)

__all__ = ["RunFolderError", "build_cross_article_tables", "write_cross_article_tables"]
