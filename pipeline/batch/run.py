"""A batch run: articles under an input path through the pipeline into one output folder.

1. **Index** the input (:mod:`pipeline.batch.refs`): one ref per article, sorted by
   ``doc_id``, with a digest of its bytes. Nothing is written before this succeeds.
2. **Plan**: each document's cache key (:mod:`pipeline.batch.cache`) and whether the cache
   holds it; documents are grouped into chunks of ``run.batch_size``, in ``doc_id`` order.
3. **Execute** (:mod:`pipeline.batch.executors`): in this process, in ``run.workers``
   processes, or on a Dask cluster (``run.scheduler``); the pipeline is built only where a
   document needs it, never when the cache holds every document.
4. **Write**: results come back in chunk order and are appended to one Parquet file per table
   under ``OUTPUT/.partial/``, so every table is sorted by ``doc_id`` and then its row id
   (``sent_id``, ``ent_id``, ``quote_id``, ``event_id``).
5. **Index**: the corpus-level ``entity_index`` is built from the written rows (processed or
   cached alike), once the pipeline is released, then the cross-article tables and
   ``manifest.json``, all under ``.partial/``.
6. **Publish** (:mod:`pipeline.batch.outdir`): ``.partial/`` becomes a new version of the
   tables, switched into place in one atomic step; the cache is pruned to this run's
   documents. The output folder is checked before anything is written (step 1 and 2 only read).
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.analysis import write_cross_article_tables
from pipeline.batch.cache import DocCache, check_model, results_key
from pipeline.batch.chunks import WorkItem, split_chunks
from pipeline.batch.corpus_cache import corpus_key, keep_corpus_tables, restore_corpus_tables
from pipeline.batch.entity_index import index_tables
from pipeline.batch.executors import (
    Executor,
    LocalExecutor,
    PoolExecutor,
    available_cores,
    needs_work,
)
from pipeline.batch.manifest import run_hash, write_manifest
from pipeline.batch.outdir import (
    CACHE,
    PARTIAL,
    OutputFolder,
    check_output,
    check_writable_folder,
    clean_leftovers,
    next_version,
    output_lock,
    publish,
)
from pipeline.batch.process import apply_stages, prepare_doc, process_batch
from pipeline.batch.progress import Progress, progress_mode
from pipeline.batch.reading import InputError, skipped_files
from pipeline.batch.refs import DocRef, index_inputs
from pipeline.batch.summary import RunSummary
from pipeline.batch.writing import TableWriter, write_table
from pipeline.config import resolve_path

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["RunSummary", "apply_stages", "prepare_doc", "process_batch", "run"]


def run(
    config: dict[str, Any],
    input_path: str | None = None,
    output_dir: str | None = None,
    progress: bool | None = None,
    nlp: Language | None = None,
) -> RunSummary:
    """Run the pipeline as configured; returns the summary. Raises ``InputError`` when the
    input path is unusable, ``OutputError`` when the output folder is (see
    :func:`pipeline.batch.outdir.check_output`) or another run is writing into it,
    ``SchedulerError`` when the Dask scheduler
    cannot be reached and ``ModelError`` when the model is not installed (all before anything
    is written). ``input_path`` and ``output_dir`` override ``run.input`` and ``run.output``.

    ``nlp``, a pipeline already built from the same config, spares building one when the run
    is executed in this process (one worker, or a handful of documents)."""
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    config = effective_config(config, input_path, output_dir)
    root, out = resolve_path(config["run"]["input"]), resolve_path(config["run"]["output"])
    refs = _index(root)
    folder = check_output(out, root, config["run"]["overwrite"])
    model = check_model(config["model"]["name"])
    cache = open_cache(config, out)
    items = plan(refs, cache)
    workers = config["run"]["workers"] or available_cores()
    chunks = split_chunks(items, config["run"]["batch_size"], workers)
    staged = out / PARTIAL
    executor = make_executor(config, chunks, staged / "parts", nlp)
    summary = RunSummary(
        input=str(root), output=str(out), executor=executor.name, workers=executor.workers
    )
    summary.notes.extend(skipped_files(root))
    mode = progress_mode(config["run"]["progress"], progress, sys.stderr)
    to_process = sum(1 for item in items if not item.cached)
    meter = Progress(mode, len(items), to_process, config["run"]["progress_every"])
    try:
        with output_lock(out):  # the first write, once all is checked
            summary.notes.extend(clean_leftovers(folder))
            meter.start(executor.workers, executor.name)
            _execute(executor, chunks, cache, staged, summary, meter)
            executor.close()  # the pipeline is released before the corpus tables
            keys = [item.key for item in items]
            _corpus_tables(staged, summary, cache, keys)
            summary.seconds = time.perf_counter() - clock
            summary.measure_memory()
            _manifest_and_publish(config, folder, summary, started, model, cache, refs)
            if cache is not None and not config["run"]["cache_dir"]:
                cache.prune({item.key for item in items if item.key is not None})
    finally:
        executor.close()
    if folder.previous is not None:
        summary.notes.append(_replaced(folder.previous))
    return summary


def effective_config(
    config: dict[str, Any], input_path: str | None = None, output_dir: str | None = None
) -> dict[str, Any]:
    """A copy of ``config`` with ``run.input`` and ``run.output`` set to the paths given (when
    given), each recorded in ``_overrides`` as the manifest lists them."""
    effective = copy.deepcopy(config)
    overrides = list(effective.get("_overrides", []))
    for key, value in (("input", input_path), ("output", output_dir)):
        if value is not None:
            effective["run"][key] = str(value)
            overrides.append(
                {
                    "from": f"{key}_path" if key == "input" else "output_dir",
                    "key": f"run.{key}",
                    "value": str(value),
                }
            )
    effective["_overrides"] = overrides
    return effective


def _index(root: Path) -> list[DocRef]:
    """The input's refs; ``InputError`` when it cannot be listed."""
    try:
        return index_inputs(root)
    except OSError as exc:
        raise InputError(f"cannot read input {root}: {exc.strerror or exc}") from exc


def _manifest_and_publish(
    config: dict[str, Any],
    folder: OutputFolder,
    summary: RunSummary,
    started: dt.datetime,
    model: dict[str, str | None],
    cache: DocCache | None,
    refs: list[DocRef],
) -> None:
    """Write the manifest beside the tables under ``.partial/``, then publish them all as the
    folder's next version (:func:`pipeline.batch.outdir.publish`)."""
    staged, version = folder.path / PARTIAL, next_version(folder.path)
    write_manifest(
        staged,
        config,
        summary,
        started,
        model,
        cache,
        input_hash=run_hash(refs),
        version=version,
        replaced=folder.previous,
    )
    summary.notes.extend(publish(folder, staged, version))


def _corpus_tables(
    staged: Path, summary: RunSummary, cache: DocCache | None, keys: list[str | None]
) -> None:
    """``entity_index``, then the cross-article tables (claims, statements), beside the
    per-document tables in ``staged``; copied from the cache when it holds those of the
    same documents (:mod:`pipeline.batch.corpus_cache`), else built and kept there."""
    key = corpus_key(cache, keys) if cache is not None else None
    restored = None
    if cache is not None and key is not None:
        restored = restore_corpus_tables(cache, key, staged)
    if restored is not None:
        summary.rows.update(restored)
    else:
        index = index_tables(staged / "documents.parquet", staged / "entities.parquet")
        summary.rows["entity_index"] = write_table(staged, "entity_index", index.rows())
        summary.rows.update(write_cross_article_tables(staged))
        if cache is not None and key is not None:
            keep_corpus_tables(cache, key, staged)
    shutil.rmtree(staged / "parts", ignore_errors=True)


def _replaced(previous: dict[str, Any]) -> str:
    documents = previous.get("documents")
    return f"replaced the previous run (started {previous.get('started') or 'unknown'}" + (
        f", {documents} documents)" if documents is not None else ")"
    )


def open_cache(config: dict[str, Any], out: Path) -> DocCache | None:
    """The document cache of a run (None when ``run.cache`` is false); ``OutputError`` when
    ``run.cache_dir`` is a file or cannot be written."""
    if not config["run"]["cache"]:
        return None
    if config["run"]["cache_dir"]:
        directory = resolve_path(config["run"]["cache_dir"])
        check_writable_folder(directory, "cache folder")
    else:
        directory = out / CACHE
    return DocCache(directory.resolve(), results_key(config)[0])


def plan(refs: list[DocRef], cache: DocCache | None) -> list[WorkItem]:
    """Each document with its cache key and whether the cache holds it."""
    if cache is None:
        return [WorkItem(ref) for ref in refs]
    items = []
    for ref in refs:
        key = cache.key(ref.digest)
        items.append(WorkItem(ref, key, cache.has(key)))
    return items


def make_executor(
    config: dict[str, Any],
    chunks: list[list[WorkItem]],
    parts: Path,
    nlp: Language | None = None,
) -> Executor:
    """Dask when a scheduler is configured, else ``run.workers`` processes (0: one per core),
    else this process; no more workers than chunks that need processing, and no cluster when
    the cache holds every document."""
    busy = sum(1 for chunk in chunks if needs_work(chunk))
    if config["run"]["scheduler"] and busy:
        from pipeline.batch.dask_executor import DaskExecutor

        return DaskExecutor(config, config["run"]["scheduler"], parts)
    workers = min(config["run"]["workers"] or available_cores(), busy)
    return PoolExecutor(config, workers) if workers > 1 else LocalExecutor(config, nlp)


def _execute(
    executor: Executor,
    chunks: list[list[WorkItem]],
    cache: DocCache | None,
    partial: Path,
    summary: RunSummary,
    meter: Progress,
) -> None:
    """Process every chunk and write its rows, in chunk order, under ``partial``."""
    writer = TableWriter(partial)
    try:
        for result in executor.map(chunks, cache):
            tables = result.tables
            if tables is None:
                raise RuntimeError(f"chunk {result.index} came back without its tables")
            writer.write_tables(tables)
            summary.merge(result.summary)
            meter.update(result.summary.processed, result.summary.cached)
    finally:
        meter.close()
        writer.close()
    summary.rows = dict(writer.counts)
