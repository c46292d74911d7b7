"""The unit of work of a run: a chunk of documents, consecutive in ``doc_id`` order.

A chunk is processed the same way in the parent, in a pool worker or on a Dask worker:
documents with a cache entry are read from it; the others are read from their refs, run
through the pipeline (built at most once per process, and only when a document needs it) and
stored in the cache. The result holds every table's rows of the chunk, in chunk order.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from pipeline.batch.cache import DocCache
from pipeline.batch.pieces import DocumentLimits
from pipeline.batch.process import Rows, needs_model, process_articles
from pipeline.batch.reading import Article
from pipeline.batch.refs import DocRef, read_ref
from pipeline.batch.schemas import TABLES, to_table
from pipeline.batch.summary import RunSummary

if TYPE_CHECKING:
    from spacy.language import Language

Tables = dict[str, pa.Table]


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One document of a chunk: its ref, its cache key (None: not cached) and whether the
    cache held an entry for it when the run was planned."""

    ref: DocRef
    key: str | None = None
    cached: bool = False


def split_chunks(items: list[WorkItem], size: int, workers: int = 1) -> list[list[WorkItem]]:
    """``items`` in consecutive chunks of ``size``. With several workers the last chunks
    shrink to a share of what is left (``left // (2 * workers)``, one at least), so that the
    workers finish together instead of one of them working alone through a full last chunk
    (only when there are more items than ``size * workers``, so a run over a few documents
    keeps one chunk per ``size`` and stays in one process). The tables do not depend on the
    chunks (they are equal for any ``run.batch_size``)."""
    chunks: list[list[WorkItem]] = []
    start = 0
    guided = workers > 1 and len(items) > size * workers  # a few documents: as before
    while start < len(items):
        left = len(items) - start
        step = max(1, min(size, left // (2 * workers))) if guided else size
        chunks.append(items[start : start + step])
        start += step
    return chunks


@dataclass
class ChunkResult:
    """What processing a chunk gave: its tables (or the Parquet parts holding them, written
    by a Dask worker) and the counts of its part of the run."""

    index: int
    summary: RunSummary
    tables: Tables | None = None
    parts: dict[str, str] = field(default_factory=dict)


class PipelineHolder:
    """Builds the spaCy pipeline of a config once, on first use, in the process that holds it;
    never pickled with the pipeline inside (only the config travels). ``nlp``, when given, is
    a pipeline already built from the same config."""

    def __init__(self, config: dict[str, Any], nlp: Language | None = None) -> None:
        self.config = config
        self._nlp = nlp
        self._lock = threading.Lock()
        self._unreported = 0.0
        self._used = False
        self.busy = threading.Lock()  # one batch at a time: a pipeline is not thread-safe

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"])

    @property
    def loaded(self) -> bool:
        """Whether the pipeline was asked for (built, or given) in this process."""
        return self._used

    def get(self) -> Language:
        """The pipeline, built now if it was not yet."""
        with self._lock:
            self._used = True
            if self._nlp is None:
                clock = time.perf_counter()  # importing spaCy and the stages is part of it
                from pipeline.nlp import build_nlp

                self._nlp = build_nlp(self.config)
                self._unreported = time.perf_counter() - clock
            return self._nlp

    def take_load_seconds(self) -> float:
        """Seconds the build took, reported once (then 0)."""
        seconds, self._unreported = self._unreported, 0.0
        return seconds


def process_chunk(
    items: list[WorkItem], cache: DocCache | None, holder: PipelineHolder, index: int
) -> ChunkResult:
    """Tables of a chunk's documents, in chunk order, from the cache or the pipeline."""
    summary = RunSummary(input="", output="")
    per_doc: list[Tables | None] = [None] * len(items)
    todo: list[tuple[int, WorkItem, Article]] = []
    for pos, item in enumerate(items):
        tables = _from_cache(item, cache)
        if tables is not None:
            per_doc[pos] = tables
            _count_cached(summary, tables["documents"])
        else:
            todo.append((pos, item, read_ref(item.ref)))
    if todo:
        articles = [article for _, _, article in todo]
        nlp = holder.get() if any(needs_model(a) for a in articles) else None
        with holder.busy:
            limit = holder.config["run"]["batch_chars"]
            limits = DocumentLimits.from_config(holder.config)
            processed = process_articles(nlp, articles, summary, max_chars=limit, limits=limits)
        built = tables_per_document(processed)
        for (pos, item, article), rows, tables in zip(todo, processed, built, strict=True):
            per_doc[pos] = tables
            summary.processed += 1
            for row in rows["documents"]:
                summary.note_warnings(row["doc_id"], row.get("warnings") or [])
            if cache is not None and item.key is not None and _cacheable(article, rows):
                cache.store(item.key, per_doc[pos])
    summary.model_loaded = holder.loaded
    summary.load_seconds = holder.take_load_seconds()
    return ChunkResult(index, summary, tables=concat_tables([t for t in per_doc if t]))


def tables_per_document(per_doc: list[Rows]) -> list[Tables]:
    """Each document's tables from its rows: one table of every document's rows per table
    name (one conversion instead of one per document), sliced back into documents."""
    result: list[Tables] = [{} for _ in per_doc]
    for name in TABLES:
        table = to_table(name, [row for rows in per_doc for row in rows[name]])
        start = 0
        for tables, rows in zip(result, per_doc, strict=True):
            tables[name] = table.slice(start, len(rows[name]))
            start += len(rows[name])
    return result


def concat_tables(per_doc: list[Tables]) -> Tables:
    """Every table of several documents, one after the other."""
    return {
        name: pa.concat_tables([tables[name] for tables in per_doc]).combine_chunks()
        if per_doc
        else schema.empty_table()
        for name, schema in TABLES.items()
    }


def _from_cache(item: WorkItem, cache: DocCache | None) -> Tables | None:
    if cache is None or not item.cached or item.key is None:
        return None
    try:
        return cache.load(item.key)
    except (OSError, pa.ArrowException, KeyError):
        return None  # a missing or damaged entry: process the document again


def _count_cached(summary: RunSummary, documents: pa.Table) -> None:
    summary.cached += 1
    for row in documents.select(["doc_id", "status", "error", "warnings"]).to_pylist():
        summary.documents += 1
        summary.note_warnings(row["doc_id"], row["warnings"] or [])
        if row["status"] == "ok":
            summary.ok += 1
        elif row["status"] == "empty":
            summary.empty += 1
        else:
            summary.failed += 1
            summary.failures.append((row["doc_id"], row["error"] or ""))


def _cacheable(article: Article, rows: Rows) -> bool:
    """Documents that were processed or could not be read are cached; a document the
    pipeline failed on is tried again on the next run."""
    status = rows["documents"][0]["status"] if rows["documents"] else None
    return status in ("ok", "empty") or (status == "error" and article.error is not None)
