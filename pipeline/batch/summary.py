"""What a run did: counts, seconds and failures, for the console summary and the manifest."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

MAX_LISTED_FAILURES = 10


@dataclass
class RunSummary:
    """What a run (or one part of it) did. Parts computed by workers are added together with
    :meth:`merge`; stage seconds are summed over every process."""

    input: str
    output: str
    documents: int = 0
    ok: int = 0
    empty: int = 0
    failed: int = 0
    warned: int = 0
    cached: int = 0
    processed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    load_seconds: float = 0.0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warned_first: list[tuple[str, str]] = field(default_factory=list)
    executor: str = "local"
    workers: int = 1
    model_loaded: bool = False
    peak_rss_mb: float | None = None
    peak_worker_rss_mb: float | None = None
    notes: list[str] = field(default_factory=list)  # what the run did to its output folder

    def merge(self, part: RunSummary) -> None:
        """Add the document counts, failures and stage seconds of a part of the run."""
        for name in ("documents", "ok", "empty", "failed", "warned", "cached", "processed"):
            setattr(self, name, getattr(self, name) + getattr(part, name))
        self.failures.extend(part.failures)
        room = MAX_LISTED_FAILURES - len(self.warned_first)
        self.warned_first.extend(part.warned_first[: max(room, 0)])
        for stage, seconds in part.stage_seconds.items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds
        self.model_loaded = self.model_loaded or part.model_loaded
        self.load_seconds = max(self.load_seconds, part.load_seconds)  # workers load at once

    def note_warnings(self, doc_id: str, warnings: list[str]) -> None:
        """Count a document with warnings (nothing for none); the first few documents are
        kept with their first warning, for :meth:`render`."""
        if not warnings:
            return
        self.warned += 1
        if len(self.warned_first) < MAX_LISTED_FAILURES:
            more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
            self.warned_first.append((doc_id, warnings[0] + more))

    def measure_memory(self) -> None:
        """Record the peak resident memory of this process and of its largest worker process
        so far (where the platform reports it)."""
        try:
            import resource
        except ImportError:  # not on a Unix
            return
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, else KiB
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
        self.peak_rss_mb = round(own, 1)
        self.peak_worker_rss_mb = round(workers, 1) if self.executor == "processes" else None

    def per_second(self) -> float | None:
        """Documents per second of the whole run (model load included)."""
        return self.documents / self.seconds if self.seconds > 0 else None

    def render(self) -> str:
        """A one-screen plain-text summary."""
        rate = self.per_second()
        lines = [
            f"input     {self.input}",
            f"output    {self.output}",
            f"documents {self.documents}: {self.ok} ok, {self.empty} empty, {self.failed} failed",
            f"warnings  {self.warned} documents with warnings (documents.warnings)",
            f"cache     {self.cached} from the cache, {self.processed} processed",
            f"workers   {self.workers} ({self.executor})",
            "rows      " + ", ".join(f"{k} {v}" for k, v in self.rows.items()),
            f"seconds   {self.seconds:.1f} (model load {self.load_seconds:.1f}"
            + (f", {rate:.2f} documents/s)" if rate else ")"),
        ]
        if self.peak_rss_mb is not None:
            lines.append(
                f"memory    peak {self.peak_rss_mb:.0f} MB"
                + (
                    f" (largest worker {self.peak_worker_rss_mb:.0f} MB)"
                    if self.peak_worker_rss_mb
                    else ""
                )
            )
        for doc_id, warning in self.warned_first:
            lines.append(f"warning   {doc_id}: {warning}")
        if self.warned > len(self.warned_first):
            more = self.warned - len(self.warned_first)
            lines.append(f"warning   ... and {more} more documents (documents.warnings)")
        lines.extend(f"note      {note}" for note in self.notes)
        for doc_id, error in self.failures[:MAX_LISTED_FAILURES]:
            lines.append(f"failed    {doc_id}: {error}")
        if len(self.failures) > MAX_LISTED_FAILURES:
            more = len(self.failures) - MAX_LISTED_FAILURES
            lines.append(f"failed    ... and {more} more (documents.error)")
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        """The summary as one JSON-ready object (what ``run --json`` prints)."""
        return {
            "input": self.input,
            "output": self.output,
            "documents": self.documents,
            "ok": self.ok,
            "empty": self.empty,
            "failed": self.failed,
            "warned": self.warned,
            "cached": self.cached,
            "processed": self.processed,
            "workers": self.workers,
            "executor": self.executor,
            "model_loaded": self.model_loaded,
            "rows": self.rows,
            "seconds": round(self.seconds, 3),
            "load_seconds": round(self.load_seconds, 3),
            "peak_rss_mb": self.peak_rss_mb,
            "peak_worker_rss_mb": self.peak_worker_rss_mb,
            "failures": [{"doc_id": d, "error": e} for d, e in self.failures],
            "notes": self.notes,
        }
