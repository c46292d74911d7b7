"""Chunks on a Dask cluster (``--scheduler ADDRESS``).

Each chunk is one task. A worker plugin holds a :class:`PipelineHolder` per worker process,
so each worker builds the pipeline once, the first time a task needs it (only the config is
sent to the workers, never a pipeline). A task writes its chunk's tables as Parquet parts
(``OUTPUT/.partial/parts/TABLE/part-NNNNNN.parquet``) and returns only its counts; this
process gathers the parts in chunk order into the run's single-file tables and deletes them.
Workers must see the input, output and cache paths (one machine, or a shared filesystem) and
have this package installed in the same version.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from distributed import Client, WorkerPlugin, as_completed, get_worker
from distributed.comm import parse_address, parse_host_port

from pipeline.batch.cache import DocCache
from pipeline.batch.chunks import ChunkResult, PipelineHolder, WorkItem, process_chunk
from pipeline.batch.executors import SchedulerError
from pipeline.batch.schemas import TABLES
from pipeline.config import config_hash

CONNECT_TIMEOUT = 10.0


def connect(address: str, timeout: float | None = None) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address`` with at least one worker,
    waiting at most ``timeout`` seconds (default :data:`CONNECT_TIMEOUT`); ``SchedulerError``
    otherwise."""
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    try:
        protocol, location = parse_address(address)
        if protocol in ("tcp", "tls"):
            parse_host_port(location)
    except (ValueError, TypeError) as exc:
        raise SchedulerError(f"not a Dask scheduler address: {address!r} ({exc})") from exc
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise SchedulerError(f"the Dask scheduler at {address} has no workers") from exc
    return client


class PipelinePlugin(WorkerPlugin):
    """Holds the pipeline of one worker process (built on first use, dropped at teardown)."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.holder = PipelineHolder(config)

    def teardown(self, worker: Any) -> None:
        """Forget the pipeline, so the worker frees it."""
        self.holder = PipelineHolder(self.holder.config)


class DaskExecutor:
    """Chunks as tasks on a Dask cluster; results in chunk order, tables from the parts."""

    name = "dask"

    def __init__(self, config: dict[str, Any], address: str, parts_dir: Path) -> None:
        self.config = config
        self.address = address
        self.client = connect(address)
        self.workers = len(self.client.scheduler_info().get("workers", {}))
        self.parts_dir = parts_dir.resolve()
        # one name per run: two runs on one cluster must not replace each other's plugin
        self.plugin = f"news-pipeline-{config_hash(config)}-{uuid.uuid4().hex[:8]}"

    def map(self, chunks: list[list[WorkItem]], cache: DocCache | None) -> Iterator[ChunkResult]:
        """Submit every chunk; yield results in chunk order as they finish."""
        self.client.register_plugin(PipelinePlugin(self.config), name=self.plugin)
        futures = self.client.map(
            _work,
            chunks,
            range(len(chunks)),
            cache=cache,
            parts_dir=str(self.parts_dir),
            plugin=self.plugin,
            pure=False,
        )
        done: dict[int, ChunkResult] = {}
        following = 0
        try:
            for future in as_completed(futures, loop=self.client.loop):
                result = future.result()
                done[result.index] = result
                future.release()
                while following in done:
                    yield gather_parts(done.pop(following))
                    following += 1
        finally:
            self.client.cancel(futures)

    def close(self) -> None:
        """Remove the plugin from the workers (freeing their pipelines) and disconnect."""
        try:
            self.client.unregister_worker_plugin(self.plugin)
        except Exception:  # noqa: BLE001 - never registered, or the cluster is gone
            pass
        self.client.close()


def gather_parts(result: ChunkResult) -> ChunkResult:
    """A chunk's tables read back from its Parquet parts, which are then deleted."""
    result.tables = {}
    for name, schema in TABLES.items():
        path = Path(result.parts[name])
        result.tables[name] = pq.read_table(path).cast(schema)
        path.unlink()
    return result


def _work(
    chunk: list[WorkItem], index: int, cache: DocCache | None, parts_dir: str, plugin: str
) -> ChunkResult:
    """A Dask task: process a chunk and write its tables as Parquet parts."""
    holder = get_worker().plugins[plugin].holder
    result = process_chunk(chunk, cache, holder, index)
    for name, table in (result.tables or {}).items():
        path = Path(parts_dir) / name / f"part-{index:06d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path, compression="zstd")
        result.parts[name] = str(path)
    result.tables = None
    return result
