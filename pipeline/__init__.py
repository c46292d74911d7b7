"""News information-extraction pipeline: entities, quotes and events as Parquet tables."""

__version__ = "0.1.0"
