"""What the report shows, read from a finished run's output folder.

Only the articles shown are read whole (text and annotations); the corpus charts and
tables read a few columns of every row, so a large run's report stays quick to build.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline.analysis import build_cross_article_tables, write_cross_article_tables
from pipeline.analysis.tables import read_columns

NAME_LABELS = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
)  # fmt: skip
"""Labels of names (not values), for an entity index built here when a run has none."""

STATEMENT_COLUMNS = [
    "statement_id", "doc_id", "quote_id", "text", "statement_speaker", "n_documents",
    "n_occurrences",
]  # fmt: skip
"""What the report shows of the statements (those quoted more than once)."""


@dataclass
class RunData:
    """A run's tables as the report needs them."""

    run_dir: Path
    manifest: dict
    documents: pd.DataFrame
    shown: list[str]
    texts: dict[str, str] = field(default_factory=dict)
    entities: pd.DataFrame = field(default_factory=pd.DataFrame)
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    events: pd.DataFrame = field(default_factory=pd.DataFrame)
    all_quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    all_events: pd.DataFrame = field(default_factory=pd.DataFrame)
    entity_index: pd.DataFrame = field(default_factory=pd.DataFrame)
    claims: pd.DataFrame = field(default_factory=pd.DataFrame)
    statements: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def sampled(self) -> bool:
        """Whether the report shows only some of the run's articles."""
        return len(self.shown) < len(self.documents)


def sample_documents(doc_ids: list[str], max_articles: int) -> list[str]:
    """Up to ``max_articles`` of ``doc_ids``, in their order: all of them when they fit, else
    those whose SHA-1 comes first (a sample that is the same on every build of the report)."""
    if len(doc_ids) <= max_articles:
        return list(doc_ids)
    ranked = sorted(doc_ids, key=lambda d: hashlib.sha1(d.encode()).hexdigest())
    chosen = set(ranked[:max_articles])
    return [d for d in doc_ids if d in chosen]


def load_run(run_dir: Path, max_articles: int) -> RunData:
    """Read the run in ``run_dir``, writing its cross-article tables first when they are
    missing or older than its events table; show at most ``max_articles`` articles.
    ``statements`` holds only the statements quoted more than once."""
    doc_columns = [
        f.name for f in pq.read_schema(run_dir / "documents.parquet") if f.name != "text"
    ]
    documents = read_columns(run_dir, "documents", doc_columns)
    shown = sample_documents(list(documents["doc_id"]), max_articles)
    data = RunData(run_dir, _manifest(run_dir), documents, shown)
    only = [("doc_id", "in", shown)] if shown else None
    if shown:
        texts = read_columns(run_dir, "documents", ["doc_id", "text"], filters=only)
        data.texts = dict(zip(texts["doc_id"], texts["text"], strict=True))
        data.entities = _whole(run_dir, "entities", only)
        data.quotes = _whole(run_dir, "quotes", only)
        data.events = _whole(run_dir, "events", only)
    data.all_quotes = read_columns(run_dir, "quotes", ["doc_id", "speaker_canonical"])
    data.all_events = read_columns(run_dir, "events", ["doc_id", "event_type", "date"])
    data.entity_index = _entity_index(run_dir)
    data.claims, data.statements = _cross_article_tables(run_dir)
    return data


def _cross_article_tables(run_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The run's claims and the statements quoted more than once: read when the tables are
    there and not older than the events table, else written first (built in memory only
    when the folder cannot be written to)."""
    events = (run_dir / "events.parquet").stat().st_mtime
    paths = [run_dir / "claims.parquet", run_dir / "statements.parquet"]
    if not all(p.is_file() and p.stat().st_mtime >= events for p in paths):
        try:
            write_cross_article_tables(run_dir)
        except OSError:
            built = build_cross_article_tables(run_dir)
            statements = built["statements"].to_pandas()
            return built["claims"].to_pandas(), statements[statements["n_occurrences"] > 1]
    claims = pd.read_parquet(paths[0])
    statements = read_columns(
        run_dir, "statements", STATEMENT_COLUMNS, filters=[("n_occurrences", ">", 1)]
    )
    return claims, statements


def _manifest(run_dir: Path) -> dict:
    path = run_dir / "manifest.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _whole(run_dir: Path, name: str, filters: list) -> pd.DataFrame:
    """Every column of a table (but event mention lists) for the shown documents."""
    columns = [f.name for f in pq.read_schema(run_dir / f"{name}.parquet") if f.name != "mentions"]
    return read_columns(run_dir, name, columns, filters=filters)


def _entity_index(run_dir: Path) -> pd.DataFrame:
    """The run's entity index; built from its entities when the run has none."""
    if (run_dir / "entity_index.parquet").is_file():
        return pd.read_parquet(
            run_dir / "entity_index.parquet",
            columns=["canonical", "label", "n_documents", "n_mentions"],
        )
    names = read_columns(
        run_dir,
        "entities",
        ["doc_id", "text", "label", "canonical"],
        filters=[("label", "in", list(NAME_LABELS))],
    )
    names["canonical"] = names["canonical"].where(names["canonical"].notna(), names["text"])
    grouped = names.groupby(["canonical", "label"])["doc_id"]
    return grouped.agg(n_documents="nunique", n_mentions="size").reset_index()
