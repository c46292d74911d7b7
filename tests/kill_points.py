"""``python tests/kill_points.py POINT ARGS...``: ``python -m pipeline ARGS...`` that kills
itself with SIGKILL when it reaches POINT (used by ``test_kill.py``).

The kill is a real SIGKILL of the process, sent from inside it at an exact point of the run,
so the test needs no timing: ``tables`` (building the corpus tables, after every
document is processed), ``switch`` (the new version renamed into ``.versions/``, the
``.current`` link not yet replaced), ``links`` (after the switch, while the table links are
put in place) and ``cleanup`` (removing the replaced version).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pipeline.batch.outdir as outdir
import pipeline.batch.run as run_module
from pipeline.cli import main


def die() -> None:
    """SIGKILL this process."""
    os.kill(os.getpid(), signal.SIGKILL)


def kill_when(module: ModuleType, name: str, when: Callable[..., bool]) -> None:
    """Replace ``module.name`` by a function that dies when ``when(*args)`` holds."""
    original = getattr(module, name)

    def patched(*args: Any, **kwargs: Any) -> Any:
        if when(*args):
            die()
        return original(*args, **kwargs)

    setattr(module, name, patched)


POINTS: dict[str, tuple[ModuleType, str, Callable[..., bool]]] = {
    "tables": (run_module, "_corpus_tables", lambda *_: True),
    "switch": (outdir, "_link", lambda path, target: Path(path).name == outdir.CURRENT),
    "links": (outdir, "_link", lambda path, target: Path(path).name == "manifest.json"),
    "cleanup": (outdir, "_remove", lambda path: Path(path).parent.name == outdir.VERSIONS),
}


if __name__ == "__main__":
    kill_when(*POINTS[sys.argv[1]])
    sys.exit(main(sys.argv[2:]))
