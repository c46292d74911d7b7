"""Progress of a run on stderr: a bar on a terminal, plain lines in a log.

On a terminal, a tqdm bar counts the documents to process, with their rate and an ETA (the
documents served from the cache are shown beside it). When stderr is not a terminal (a log
file, a CI job), a plain line is written every ``every`` processed documents instead, with
the same figures. ``run.progress`` (or ``--progress`` / ``--no-progress``) chooses.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm


def progress_mode(setting: str, flag: bool | None, stream: TextIO) -> str:
    """``bar``, ``lines`` or ``off``: the command-line flag (True: a bar, False: nothing) wins
    over ``run.progress``: ``always`` is a bar, ``never`` nothing, ``auto`` a bar on a terminal
    and plain lines otherwise."""
    if flag is False or (flag is None and setting == "never"):
        return "off"
    if flag is True or setting == "always":
        return "bar"
    return "bar" if _is_terminal(stream) else "lines"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


class Progress:
    """Reports documents done out of ``total`` (``to_process`` of them not cached)."""

    def __init__(
        self, mode: str, total: int, to_process: int, every: int, stream: TextIO | None = None
    ) -> None:
        self.mode, self.total, self.to_process, self.every = mode, total, to_process, every
        self.stream = stream or sys.stderr
        self.done = self.cached = self.processed = 0
        self.started = time.perf_counter()
        self._next_line = every
        self._reported = 0
        self._bar = None
        if mode == "bar":
            self._bar = tqdm(
                total=to_process, unit="doc", file=self.stream, desc="documents", smoothing=0.1
            )

    def start(self, workers: int, executor: str) -> None:
        """Say what a long run is about to do (in ``lines`` mode)."""
        if self.mode == "lines" and self.to_process >= self.every:
            self._line(
                f"run: {self.total} documents, {self.total - self.to_process} in the cache, "
                f"{self.to_process} to process with {workers} worker(s) ({executor})"
            )

    def update(self, processed: int, cached: int) -> None:
        """Count documents that were processed and documents read from the cache."""
        self.processed += processed
        self.cached += cached
        self.done += processed + cached
        if self._bar is not None:
            if cached:
                self._bar.set_postfix_str(f"{self.cached} from cache", refresh=False)
            self._bar.update(processed)
        elif self.mode == "lines" and self.processed >= self._next_line:
            self._next_line = (self.processed // self.every + 1) * self.every
            self._reported = self.processed
            self._line(self.status())

    def status(self) -> str:
        """``done/total``, rate and ETA as one line."""
        elapsed = time.perf_counter() - self.started
        rate = self.processed / elapsed if elapsed > 0 else 0.0
        left = self.to_process - self.processed
        eta = _clock(left / rate) if rate > 0 else "?"
        percent = 100 * self.done / self.total if self.total else 100.0
        return (
            f"progress: {self.done}/{self.total} documents ({percent:.0f}%), "
            f"{self.cached} from the cache, {rate:.2f} documents/s, "
            f"elapsed {_clock(elapsed)}, ETA {eta}"
        )

    def close(self) -> None:
        """End the bar (or write the last line)."""
        if self._bar is not None:
            self._bar.close()
        elif self.mode == "lines" and 0 < self._reported < self.processed:
            self._line(self.status())

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)
