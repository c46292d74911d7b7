"""Where chunks are processed: in this process, or in N worker processes on this machine.

Every executor yields :class:`~pipeline.batch.chunks.ChunkResult` in chunk order, whatever
order the work finishes in, so the tables come out sorted by ``doc_id``. Worker processes are
started with the ``spawn`` method; each builds the pipeline once, when it starts; chunks reach
them as refs (paths and offsets), never as texts or Docs, and come back as Arrow tables. At
most ``4 x workers`` chunks are in flight (so a slow chunk does not leave a worker idle),
and memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol

from pipeline.batch.cache import DocCache
from pipeline.batch.chunks import ChunkResult, PipelineHolder, WorkItem, process_chunk

if TYPE_CHECKING:
    from spacy.language import Language

IN_FLIGHT_PER_WORKER = 4


class SchedulerError(ValueError):
    """The Dask scheduler cannot be reached or has no workers (a usage error)."""


class Executor(Protocol):
    """Processes chunks and yields their results in chunk order."""

    name: str
    workers: int

    def map(self, chunks: list[list[WorkItem]], cache: DocCache | None) -> Iterator[ChunkResult]:
        """Results of every chunk, in order."""
        ...

    def close(self) -> None:
        """Release what the executor holds (processes, connections)."""
        ...


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def needs_work(chunk: list[WorkItem]) -> bool:
    """Whether a chunk holds a document the cache does not."""
    return any(not item.cached for item in chunk)


class LocalExecutor:
    """Every chunk in this process; the pipeline is built on the first chunk that needs it."""

    name = "local"
    workers = 1

    def __init__(self, config: dict[str, Any], nlp: Language | None = None) -> None:
        self.holder = PipelineHolder(config, nlp)

    def map(self, chunks: list[list[WorkItem]], cache: DocCache | None) -> Iterator[ChunkResult]:
        """Process the chunks one after the other."""
        for index, chunk in enumerate(chunks):
            yield process_chunk(chunk, cache, self.holder, index)

    def close(self) -> None:
        """Let go of the pipeline (it is freed unless the caller holds it)."""
        self.holder = PipelineHolder(self.holder.config)


class PoolExecutor:
    """Chunks in ``workers`` processes of this machine; chunks the cache holds entirely are
    read in this process, without sending them to a worker."""

    name = "processes"

    def __init__(self, config: dict[str, Any], workers: int) -> None:
        self.config = config
        self.workers = workers
        self.local = PipelineHolder(config)

    def map(self, chunks: list[list[WorkItem]], cache: DocCache | None) -> Iterator[ChunkResult]:
        """Submit chunks as workers free up; yield results in chunk order."""
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(self.config,)
        ) as pool:
            pending: deque[tuple[int, list[WorkItem], Future[ChunkResult] | None]] = deque()
            limit = IN_FLIGHT_PER_WORKER * self.workers
            for index, chunk in enumerate(chunks):
                future = pool.submit(_work, chunk, cache, index) if needs_work(chunk) else None
                pending.append((index, chunk, future))
                while sum(1 for *_, f in pending if f is not None) >= limit:
                    yield self._next(pending, cache)
            while pending:
                yield self._next(pending, cache)

    def _next(self, pending: deque, cache: DocCache | None) -> ChunkResult:
        index, chunk, future = pending.popleft()
        if future is None:
            return process_chunk(chunk, cache, self.local, index)
        return future.result()

    def close(self) -> None:
        """The pool is closed when :meth:`map` ends."""


class _Worker:
    """The pipeline of this worker process, set once by the pool's initializer."""

    holder: PipelineHolder | None = None


def _start_worker(config: dict[str, Any]) -> None:
    _Worker.holder = PipelineHolder(config)
    _Worker.holder.get()


def _work(chunk: list[WorkItem], cache: DocCache | None, index: int) -> ChunkResult:
    if _Worker.holder is None:
        raise RuntimeError("worker process started without its pipeline")
    return process_chunk(chunk, cache, _Worker.holder, index)
