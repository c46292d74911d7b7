"""A run's output folder: which folders a run may write into, the leftovers of killed runs,
and publishing a finished run's tables in one atomic step.

An output folder::

    OUTPUT/
      documents.parquet -> .current/documents.parquet   (every table, and manifest.json)
      .current -> .versions/v000002                      (the published run)
      .versions/v000002/                                 (its tables and manifest.json)
      .partial/                                          (the run in progress)
      .lock                                              (the id of the run writing)
      .cache/                                            (the document cache)
      report.html                                        (written by `pipeline report`)

A run writes its tables and its manifest under ``.partial/``. Publishing renames that folder
to ``.versions/vNNNNNN`` and then replaces the ``.current`` link by a new one (a rename, which
is atomic), so whenever the run is killed, ``OUTPUT/TABLE.parquet`` gives every table of the
previous run or every table of the new one, never a mix. The next run removes what a killed
run left (``.partial/``, versions that are not the current one) and says so.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.analysis.schemas import CROSS_ARTICLE_TABLES
from pipeline.batch.schemas import OUTPUT_TABLES

PARTIAL, CACHE, VERSIONS, CURRENT = ".partial", ".cache", ".versions", ".current"
MANIFEST, REPORT = "manifest.json", "report.html"
PUBLISHED = (*(f"{name}.parquet" for name in (*OUTPUT_TABLES, *CROSS_ARTICLE_TABLES)), MANIFEST)
"""What every published version holds, each linked from the output folder."""
LOCK = ".lock"
WORK = frozenset({PARTIAL, CACHE, VERSIONS, CURRENT, LOCK})
SWITCH = ".switch-"
"""Prefix of a link being put in place (``.switch-NAME``, renamed to ``NAME``)."""
MAX_LISTED = 5


class OutputError(ValueError):
    """The output folder cannot be used (a file, not writable, holding files the pipeline did
    not write, or a dangerous target for ``--overwrite``); nothing is written."""


@dataclass(frozen=True)
class OutputFolder:
    """An output folder checked by :func:`check_output`: the foreign entries to remove when
    publishing (only with ``overwrite``) and the manifest of the run it replaces, if any."""

    path: Path
    foreign: tuple[str, ...] = ()
    previous: dict[str, Any] | None = None


def check_output(out: Path, input_root: Path, overwrite: bool) -> OutputFolder:
    """Check that a run may write into ``out``: a folder that does not exist or is empty, one
    a run made before (its ``manifest.json`` and only the pipeline's own files), or any other
    with ``overwrite``, except the filesystem root, the home or working directory (or a folder
    holding them) and the input (or a folder holding it). Raises :class:`OutputError`."""
    check_writable_folder(out, "output")
    if overwrite:
        _check_not_dangerous(out, input_root)
    foreign = foreign_entries(out) if out.is_dir() else []
    if foreign and not overwrite:
        raise OutputError(
            f"output folder {out} holds files the pipeline did not write ({_few(foreign)}); "
            "choose a new or empty folder, or pass --overwrite to remove them"
        )
    return OutputFolder(out, tuple(foreign), _previous(out))


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Create ``out`` if needed and hold ``out/.lock`` (this process's id) while the block
    runs; ``OutputError`` when another live process holds it. A lock whose process is gone (a
    killed run) is taken over."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK
    for _ in range(2):
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            holder = _lock_holder(path)
            if holder is not None and holder != os.getpid() and _alive(holder):
                raise OutputError(
                    f"another run (process {holder}) is writing into {out}; wait for it to end "
                    f"(or remove {path} if there is none)"
                ) from None
            path.unlink(missing_ok=True)
            continue
        with os.fdopen(descriptor, "w") as handle:
            handle.write(f"{os.getpid()}\n")
        break
    else:
        raise OutputError(f"cannot lock output folder {out}: {path} keeps coming back")
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def foreign_entries(out: Path) -> list[str]:
    """Names in ``out`` that are not the pipeline's own: its working folders, and, in a folder
    with a run's ``manifest.json``, its tables and ``report.html`` (table links into
    ``.current`` are its own in any case)."""
    try:
        names = sorted(entry.name for entry in out.iterdir())
    except OSError as exc:
        raise OutputError(f"cannot read output folder {out}: {exc.strerror or exc}") from exc
    own = set(WORK) | ({*PUBLISHED, REPORT} if _previous(out) is not None else set())
    return [
        name
        for name in names
        if name not in own and not name.startswith(SWITCH) and not _is_table_link(out / name)
    ]


def clean_leftovers(folder: OutputFolder) -> list[str]:
    """Create the folder if needed and remove what killed runs left in it: ``.partial/`` and
    the versions that are not the published one; returns what was removed, for the summary.
    Tables stored as plain files become the published version (see :func:`publish`)."""
    out = folder.path
    out.mkdir(parents=True, exist_ok=True)
    notes = []
    if _remove(out / PARTIAL):
        notes.append("removed the unfinished tables of an interrupted run (.partial/)")
    current = out / CURRENT
    if current.is_dir() and not current.is_symlink():
        _remove(current)  # a copy of the folder (links followed), not a link
    live = current_version(out)
    versions = out / VERSIONS
    stale = [v for v in versions.iterdir() if v.name != live] if versions.is_dir() else []
    for version in stale:
        _remove(version)
    if stale:
        notes.append(
            f"removed {len(stale)} unpublished or replaced table version(s) an interrupted "
            "run left (.versions/)"
        )
    for link in out.glob(f"{SWITCH}*"):
        _remove(link)
    _adopt_regular_files(out, folder.foreign)
    return notes


def next_version(out: Path) -> str:
    """The name of the next version, ``vNNNNNN``, one above every version in ``out``."""
    versions = out / VERSIONS
    numbers = [
        int(entry.name[1:])
        for entry in (versions.iterdir() if versions.is_dir() else [])
        if entry.name[:1] == "v" and entry.name[1:].isdigit()
    ]
    return f"v{max(numbers, default=0) + 1:06d}"


def current_version(out: Path) -> str | None:
    """The name of the published version (where ``.current`` links), if any."""
    current = out / CURRENT
    if not current.is_symlink():
        return None
    target = Path(os.readlink(current))
    return target.name if (out / VERSIONS / target.name).is_dir() else None


def publish(folder: OutputFolder, staged: Path, version: str) -> list[str]:
    """Make the tables and manifest in ``staged`` the published ones, atomically (see the
    module docstring), then remove the replaced version, the foreign entries (only with
    ``--overwrite``, checked before) and a report of the replaced run; returns notes."""
    out = folder.path
    replaced = current_version(out)
    (out / VERSIONS).mkdir(exist_ok=True)
    os.replace(staged, out / VERSIONS / version)
    _link(out / CURRENT, f"{VERSIONS}/{version}")  # the switch: one rename
    for name in PUBLISHED:
        _link(out / name, f"{CURRENT}/{name}")
    if replaced is not None and replaced != version:
        _remove(out / VERSIONS / replaced)
    notes = []
    if folder.foreign:
        for name in folder.foreign:
            if name not in PUBLISHED:  # those are links to the new tables now
                _remove(out / name)
        notes.append(f"removed {len(folder.foreign)} other file(s) (--overwrite)")
    if _remove(out / REPORT):
        notes.append("removed report.html of the replaced run (`pipeline report` redoes it)")
    return notes


def _adopt_regular_files(out: Path, foreign: tuple[str, ...]) -> None:
    """Tables stored as plain files (a folder written before versions, or copied with its
    links followed) become the published version, so that publishing replaces them at once;
    files that are not the pipeline's (``foreign``) are left to be replaced."""
    regular = [
        name
        for name in PUBLISHED
        if name not in foreign and (out / name).is_file() and not (out / name).is_symlink()
    ]
    if not regular:
        return
    if current_version(out) is None:
        adopted = out / VERSIONS / next_version(out)
        adopted.mkdir(parents=True)
        for name in regular:
            try:
                os.link(out / name, adopted / name)
            except OSError:
                shutil.copy2(out / name, adopted / name)
        _link(out / CURRENT, f"{VERSIONS}/{adopted.name}")
    for name in regular:  # each link gives the same content as the file it replaces
        _link(out / name, f"{CURRENT}/{name}")


def _link(path: Path, target: str) -> None:
    """Make ``path`` a symbolic link to ``target`` by one rename of a new link over it."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():
        _remove(path)
    temporary = path.with_name(f"{SWITCH}{path.name}")
    _remove(temporary)
    os.symlink(target, temporary)
    os.replace(temporary, path)


def _is_table_link(path: Path) -> bool:
    return path.is_symlink() and os.readlink(path) == f"{CURRENT}/{path.name}"


def _remove(path: Path) -> bool:
    """Remove a file, link or folder; whether there was one."""
    if path.is_symlink() or path.is_file():
        path.unlink()
        return True
    if path.is_dir():
        shutil.rmtree(path)
        return True
    return False


def check_writable_folder(path: Path, what: str) -> None:
    """``OutputError`` unless ``path`` is a folder this process can write in, or can create:
    ``what`` names it in the message (``output``, ``cache folder``)."""
    if path.exists() and not path.is_dir():
        raise OutputError(f"{what} {path} is a file, not a folder")
    probe = path
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        raise OutputError(f"cannot create {what} folder {path}: {probe} is a file")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError(f"{what} folder {path} is not writable ({probe}: permission denied)")


def _check_not_dangerous(out: Path, input_root: Path) -> None:
    target = out.resolve()
    guarded = {
        "the filesystem root": Path(target.anchor),
        "the home directory": Path.home().resolve(),
        "the working directory": Path.cwd().resolve(),
        "the input": input_root.resolve(),
    }
    for what, path in guarded.items():
        if path.is_relative_to(target):
            raise OutputError(f"--overwrite refuses output {out}: it is {what} or holds it")


def _previous(out: Path) -> dict[str, Any] | None:
    """What the manifest in ``out`` says of the run it describes (None without one, or when
    ``manifest.json`` is not a run's manifest)."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not {"pipeline_version", "config"} <= manifest.keys():
        return None
    keys = ("started", "finished", "config_hash", "run_hash", "version")
    previous = {key: manifest.get(key) for key in keys}
    previous["documents"] = (manifest.get("documents") or {}).get("total")
    return previous


def _lock_holder(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user
        return True
    return True


def _few(names: list[str]) -> str:
    shown = ", ".join(names[:MAX_LISTED])
    return shown + (f" and {len(names) - MAX_LISTED} more" if len(names) > MAX_LISTED else "")
