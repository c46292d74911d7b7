"""``python -m pipeline bench SUITE [PATH]``: quality on public news corpora, one command.

For a suite, the corpus is read into articles plus gold, the full pipeline runs over the
articles in memory (tables are written only with ``--keep``), the suite's baseline makes its
own predictions, and both are scored by the same code. Every headline figure is reported with
its baseline and the difference, and speed (documents and words per second, model load apart).
``bench all`` runs every suite found under a benchmarks folder and writes ``bench.json`` and
``bench.md`` (the README's quality table).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from pipeline import __version__
from pipeline.batch.run import RunSummary, process_batch
from pipeline.batch.schemas import TABLES
from pipeline.batch.writing import TableWriter
from pipeline.config import config_hash
from pipeline.eval.corpora.base import BenchDoc, CorpusError
from pipeline.eval.stage_times import stage_seconds
from pipeline.eval.suites import SUITE_FOLDERS, BaselineTools, Predictions, Suite, get_suite
from pipeline.models import model_info
from pipeline.nlp import build_nlp

DEFAULT_ROOT = Path("../shared/benchmarks")
"""Where ``bench`` looks for the corpora when no PATH is given (relative to the working
directory)."""


@dataclass
class BenchRunner:
    """Runs suites with one pipeline and one set of baseline tools, loaded once."""

    config: dict[str, Any]
    load_seconds: float = 0.0
    _nlp: Language | None = field(default=None, repr=False)
    tools: BaselineTools = field(init=False)

    def __post_init__(self) -> None:
        self.tools = BaselineTools(self.config["model"]["name"])

    @property
    def nlp(self) -> Language:
        """The configured pipeline (its load time is counted apart)."""
        if self._nlp is None:
            clock = time.perf_counter()
            self._nlp = build_nlp(self.config)
            self.load_seconds = time.perf_counter() - clock
        return self._nlp

    def predict(self, docs: Sequence[BenchDoc]) -> tuple[dict[str, dict[str, list]], RunSummary]:
        """The pipeline's rows for every document, grouped by ``doc_id`` then table."""
        nlp = self.nlp
        summary = RunSummary(input="<bench>", output="<memory>")
        grouped: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        clock = time.perf_counter()
        for batch in _batches([d.article for d in docs], self.config["run"]["batch_size"]):
            for name, rows in process_batch(nlp, batch, summary).items():
                for row in rows:
                    grouped[row["doc_id"]][name].append(row)
        summary.seconds = time.perf_counter() - clock
        return grouped, summary


def run_suite(
    suite: Suite,
    path: Path,
    runner: BenchRunner,
    limit: int | None = None,
    keep: Path | None = None,
    stages: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Score the pipeline and the baseline on one corpus; returns the result and the errors
    (misses and false positives) of the pipeline. With ``stages``, the speed also gives the
    seconds of each component (a second pass over the corpus)."""
    docs = suite.read(path, limit)
    predictions, summary = runner.predict(docs)
    baseline = suite.baseline(docs, runner.tools)
    ours, theirs = suite.score(docs, predictions), suite.score(docs, baseline)
    if keep is not None:
        _keep_tables(keep / suite.name, predictions)
    words = sum(len(d.text.split()) for d in docs)
    seconds = max(summary.seconds, 1e-9)
    result = {
        "suite": suite.name,
        "description": suite.description,
        "path": str(path),
        "documents": len(docs),
        "run_hash": corpus_hash(docs),
        "failed_documents": summary.failed,
        "words": words,
        "baseline": suite.baseline_name,
        "figures": [_figure(ours, theirs, key, label) for key, label in suite.headline],
        "speed": {
            "seconds": round(summary.seconds, 2),
            "documents_per_second": round(len(docs) / seconds, 2),
            "words_per_second": round(words / seconds, 1),
            "model_load_seconds": round(runner.load_seconds, 2),
        },
        "metrics": ours,
        "baseline_metrics": theirs,
    }
    if stages:
        batch_size = runner.config["run"]["batch_size"]
        result["speed"]["stages"] = stage_seconds(runner.nlp, docs, batch_size)
    errors = [{"suite": suite.name, **record} for record in suite.errors(docs, predictions)]
    return result, errors


def suite_path(suite: Suite, path: Path) -> Path:
    """The corpus of ``suite`` at ``path``: the corpus itself, or its folder under a
    benchmarks root."""
    if (path / suite.folder).exists():
        return path / suite.folder
    if not path.exists():
        raise CorpusError(f"corpus path not found: {path}")
    return path


def run_all(
    root: Path, runner: BenchRunner, limit: int | None = None, keep: Path | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every suite whose corpus is found under ``root``, in :data:`SUITE_FOLDERS` order."""
    if not root.is_dir():
        raise CorpusError(f"benchmarks folder not found: {root}")
    results, errors = [], []
    for name, folder in SUITE_FOLDERS.items():
        if not (root / folder).exists():
            continue
        suite = get_suite(name)
        result, suite_errors = run_suite(suite, root / suite.folder, runner, limit, keep)
        results.append(result)
        errors += suite_errors
    if not results:
        raise CorpusError(f"no benchmark corpora under {root}")
    return results, errors


def _figure(ours: dict, theirs: dict, key: str, label: str) -> dict[str, Any]:
    value, base = _get(ours, key), _get(theirs, key)
    diff = round(value - base, 4) if value is not None and base is not None else None
    return {"key": key, "label": label, "pipeline": value, "baseline": base, "diff": diff}


def _get(metrics: dict, key: str) -> float | None:
    value: Any = metrics
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value if isinstance(value, int | float) else None


def _batches(items: list, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _keep_tables(out: Path, predictions: Predictions) -> None:
    writer = TableWriter(out)
    try:
        for tables in predictions.values():
            writer.write({name: list(tables.get(name, [])) for name in TABLES})
    finally:
        writer.close()


def provenance(config: dict[str, Any] | None = None) -> dict[str, Any]:
    """Date, package version and, in a git checkout, the commit the figures come from
    (``+dirty`` when the checkout has uncommitted changes); with the config that ran, its
    ``config_hash`` (the keys that change rows, as a run's manifest records it) and the model
    asked for and the package it resolved to."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    if commit != "unknown" and _git("status", "--porcelain", "--untracked-files=no"):
        commit += "+dirty"
    found: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "version": __version__,
        "commit": commit,
    }
    if config is not None:
        model = model_info(config["model"]["name"])
        found["config_hash"] = config_hash(config)
        found["model"] = {"name": model["name"], "package": model["package"]}
    return found


def corpus_hash(docs: Sequence[BenchDoc]) -> str:
    """16 hex digits of the SHA-256 of the documents a suite read (ids and texts, in order):
    the ``run_hash`` of a bench result."""
    sha = hashlib.sha256()
    for doc in docs:
        text = hashlib.sha256(doc.text.encode()).hexdigest()
        sha.update(json.dumps([doc.article.doc_id, text]).encode() + b"\n")
    return sha.hexdigest()[:16]


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], capture_output=True, text=True, check=True, cwd=Path(__file__).parent
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def write_errors(path: Path, errors: list[dict[str, Any]]) -> None:
    """Errors as JSON lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in errors:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def main(
    suite: str,
    path: str | None,
    config: dict[str, Any],
    as_json: bool = False,
    limit: int | None = None,
    errors_file: str | None = None,
    keep: str | None = None,
    out: str | None = None,
    stages: bool = False,
) -> int:
    """The ``bench`` command; returns the exit status (2 for a missing or corrupt corpus)."""
    from pipeline.eval.bench_report import render_markdown, render_text

    root = Path(path) if path else DEFAULT_ROOT
    if path is None and not root.exists():
        raise CorpusError(
            f"no PATH given and the default benchmarks folder {root} does not exist; "
            "pass the corpus folder as PATH"
        )
    runner = BenchRunner(config)
    keep_dir = Path(keep) if keep else None
    if suite == "all":
        results, errors = run_all(root, runner, limit, keep_dir)
    else:
        chosen = get_suite(suite)
        result, errors = run_suite(
            chosen, suite_path(chosen, root), runner, limit, keep_dir, stages
        )
        results = [result]
    if errors_file:
        write_errors(Path(errors_file), errors)
    meta = provenance(config)
    if suite == "all":
        out_dir = Path(out or "outputs/bench")
        out_dir.mkdir(parents=True, exist_ok=True)
        report = {**meta, "root": str(root), "suites": results}
        (out_dir / "bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        (out_dir / "bench.md").write_text(render_markdown(results, meta), encoding="utf-8")
    if as_json:
        print(json.dumps({**meta, "suites": results} if suite == "all" else {**meta, **results[0]}))
    else:
        print("\n\n".join(render_text(r) for r in results))
        if suite == "all":
            print(f"\nwrote {out_dir / 'bench.json'} and {out_dir / 'bench.md'}")
    return 0
