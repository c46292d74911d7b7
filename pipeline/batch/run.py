"""A batch run: articles under an input path through the pipeline into one output folder.

Documents stream in batches; each stage processes a whole batch (``pipe``) and its seconds are
counted. A document that fails is recorded with ``status = error`` and the run goes on.
Tables are written to ``OUTPUT/.partial/`` and moved into place when the run completes, with
``manifest.json`` beside them; the corpus-level ``entity_index`` is collected from every
batch's rows and written when the per-document tables are complete.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from pipeline.batch.entity_index import EntityIndex
from pipeline.batch.manifest import write_manifest
from pipeline.batch.reading import Article, discover, read_articles
from pipeline.batch.schemas import OUTPUT_TABLES, empty_rows
from pipeline.batch.tables import document_row, rows_for
from pipeline.batch.writing import TableWriter, write_table
from pipeline.config import resolve_path
from pipeline.nlp import build_nlp


@dataclass
class RunSummary:
    """What a run did, for the console summary and the manifest."""

    input: str
    output: str
    documents: int = 0
    ok: int = 0
    empty: int = 0
    failed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    load_seconds: float = 0.0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def render(self) -> str:
        """A one-screen plain-text summary."""
        lines = [
            f"input     {self.input}",
            f"output    {self.output}",
            f"documents {self.documents}: {self.ok} ok, {self.empty} empty, {self.failed} failed",
            "rows      " + ", ".join(f"{k} {v}" for k, v in self.rows.items()),
            f"seconds   {self.seconds:.1f} (model load {self.load_seconds:.1f}"
            + (
                f", {(self.seconds - self.load_seconds) / self.documents:.3f} per document)"
                if self.documents
                else ")"
            ),
        ]
        for doc_id, error in self.failures[:10]:
            lines.append(f"failed    {doc_id}: {error}")
        if len(self.failures) > 10:
            lines.append(f"failed    ... and {len(self.failures) - 10} more (documents.error)")
        return "\n".join(lines)


def run(
    config: dict[str, Any],
    input_path: str | None = None,
    output_dir: str | None = None,
    progress: bool | None = None,
) -> RunSummary:
    """Run the pipeline as configured; returns the summary. Raises ``InputError`` when the
    input path is unusable (before anything is written)."""
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    root = Path(input_path or resolve_path(config["run"]["input"]))
    out = Path(output_dir or config["run"]["output"])
    files = discover(root)
    nlp = build_nlp(config)
    summary = RunSummary(input=str(root), output=str(out))
    summary.load_seconds = time.perf_counter() - clock
    summary.stage_seconds = {name: 0.0 for name in nlp.pipe_names}
    partial = out / ".partial"
    if partial.exists():
        shutil.rmtree(partial)
    writer = TableWriter(partial)
    index = EntityIndex()
    show = _show_progress(config, progress)
    total = len(files) if all(f.suffix == ".txt" for f in files) else None
    bar = tqdm(total=total, unit="doc", disable=not show, file=sys.stderr, desc="articles")
    try:
        for batch in _batches(read_articles(root), config["run"]["batch_size"]):
            rows = process_batch(nlp, batch, summary)
            writer.write(rows)
            index.add(rows)
            bar.update(len(batch))
    finally:
        bar.close()
        writer.close()
    summary.rows = dict(writer.counts)
    summary.rows["entity_index"] = write_table(partial, "entity_index", index.rows())
    summary.seconds = time.perf_counter() - clock
    _publish(partial, out)
    write_manifest(out, config, summary, started, nlp)
    return summary


def process_batch(
    nlp: Language, batch: list[Article], summary: RunSummary
) -> dict[str, list[dict]]:
    """Rows for a batch of articles, in input order; failures are isolated to their document."""
    per_article: list[dict[str, list[dict]]] = [empty_rows() for _ in batch]
    todo: list[tuple[Article, Doc]] = []
    slot = {id(article): i for i, article in enumerate(batch)}
    for article, rows in zip(batch, per_article, strict=True):
        summary.documents += 1
        if article.error is not None:
            _fail(rows, summary, article, article.error)
        elif not article.text.strip():
            summary.empty += 1
            rows["documents"].append(document_row(article, None, "empty", None))
        else:
            try:
                todo.append((article, prepare_doc(nlp, article)))
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop a run
                _fail(rows, summary, article, _one_line(exc))
    for article, result in _annotate(nlp, todo, summary):
        rows = per_article[slot[id(article)]]
        if isinstance(result, Exception):
            _fail(rows, summary, article, _one_line(result))
            continue
        try:
            doc_rows = rows_for(article, result)
        except Exception as exc:  # noqa: BLE001
            _fail(rows, summary, article, _one_line(exc))
            continue
        summary.ok += 1
        for name, table_rows in doc_rows.items():
            rows[name].extend(table_rows)
    merged = empty_rows()
    for rows in per_article:
        for name, table_rows in rows.items():
            merged[name].extend(table_rows)
    return merged


def prepare_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised ``Doc`` carrying the article's metadata date, title and document id."""
    doc = nlp.make_doc(article.text)
    doc._.title = article.title
    doc._.source_name = article.doc_id
    if article.published is not None:
        doc._.published = article.published
        doc._.published_from = "metadata"
    return doc


def _annotate(
    nlp: Language, todo: list[tuple[Article, Doc]], summary: RunSummary
) -> Iterator[tuple[Article, Doc | Exception]]:
    """Run every stage over the batch; if the batch fails, retry document by document."""
    if not todo:
        return
    try:
        docs = apply_stages(nlp, [doc for _, doc in todo], summary.stage_seconds)
        yield from zip([a for a, _ in todo], docs, strict=True)
        return
    except Exception:  # noqa: BLE001 - isolate the failing document below
        pass
    for article, _ in todo:
        try:
            fresh = prepare_doc(nlp, article)
            yield article, apply_stages(nlp, [fresh], summary.stage_seconds)[0]
        except Exception as exc:  # noqa: BLE001
            yield article, exc


def apply_stages(nlp: Language, docs: list[Doc], seconds: dict[str, float]) -> list[Doc]:
    """What ``nlp.pipe`` does for one batch, with each stage's seconds added to ``seconds``."""
    for name, proc in nlp.pipeline:
        clock = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=max(len(docs), 1)))
        else:
            docs = [proc(doc) for doc in docs]
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - clock
    return docs


def _publish(partial: Path, out: Path) -> None:
    for name in OUTPUT_TABLES:
        os.replace(partial / f"{name}.parquet", out / f"{name}.parquet")
    shutil.rmtree(partial, ignore_errors=True)


def _fail(rows: dict[str, list[dict]], summary: RunSummary, article: Article, error: str) -> None:
    summary.failed += 1
    summary.failures.append((article.doc_id, error))
    rows["documents"].append(document_row(article, None, "error", error))


def _one_line(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return " ".join(text.split())[:500]


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _show_progress(config: dict[str, Any], progress: bool | None) -> bool:
    if progress is not None:
        return progress
    mode = config["run"]["progress"]
    return mode == "always" or (mode == "auto" and sys.stderr.isatty())
