"""``python -m pipeline bench speed [PATH]``: how fast a run is, beside the bare model.

One report times, on one corpus of N articles, bare ``nlp.pipe`` of the configured spaCy model
and the full run (reading, every stage, building rows, writing the tables) in each
configuration of :func:`configurations`: documents and words per second, peak resident
memory, and the ratio of the run's throughput to the bare model's. Each measurement runs in a
fresh process (so memory and caches are its own), model loading apart; the bare model and the
configurations take turns, repeat after repeat, and the report gives medians (and the ratio
as the median of each repeat's ratio, so that load from other programs weighs on both sides).

The corpus is PATH's first N articles, or, without PATH, a synthetic corpus: the project's own
seed and test articles, then recombinations of their paragraphs, to N documents.

Rows for other ways of running (several workers, an unchanged rerun from a cache) are
:class:`Configuration` values: config keys to set and keyword arguments of
:func:`pipeline.batch.run.run`, and a rerun flag that times a second run into the same output.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.batch.reading import Article, InputError, read_articles
from pipeline.config import make_config, resolve_path
from pipeline.eval.corpora.base import CorpusError

DEFAULT_DOCS = 100
DEFAULT_REPEATS = 3
SOURCE_TREE = Path(__file__).resolve().parents[2]
"""The checkout this module runs from; its ``seeds/`` and ``tests/articles/`` hold the
project's own articles (a synthetic corpus falls back to ``run.input`` without them)."""
PROJECT_ARTICLES = ("seeds", "tests/articles")


@dataclass(frozen=True)
class Configuration:
    """One way of running the pipeline, timed as one row of the report."""

    name: str
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Config sections and keys to set (``{"run": {"batch_size": 32}}``)."""
    run_options: Mapping[str, Any] = field(default_factory=dict)
    """Further keyword arguments of :func:`pipeline.batch.run.run`."""
    rerun: bool = False
    """Time a second run into the output of a first one (an unchanged rerun)."""
    compare_to: str | None = None
    """The configuration this one's speed-up is measured against (by name)."""


def configurations() -> list[Configuration]:
    """The configurations the report times: one worker (a cold run, cache written as a user's
    run writes it), two worker processes, and an unchanged rerun from the cache."""
    return [
        Configuration("one worker", {"run": {"workers": 1}}),
        Configuration("two workers", {"run": {"workers": 2}}, compare_to="one worker"),
        Configuration(
            "unchanged rerun", {"run": {"workers": 1}}, rerun=True, compare_to="one worker"
        ),
    ]


@dataclass
class Measurement:
    """One timed pass over the corpus."""

    seconds: float
    load_seconds: float
    documents: int
    peak_rss_mb: float
    stage_seconds: dict[str, float] = field(default_factory=dict)
    equal_to_first: bool | None = None
    """For a rerun: whether its tables equal those of the first run."""


def build_corpus(out: Path, docs: int, config: dict[str, Any], path: Path | None) -> bool:
    """Write the corpus to ``out`` (``NAME.txt`` with ``NAME.meta.json``): PATH's first
    ``docs`` readable articles, or a synthetic corpus; returns whether it is synthetic."""
    if path is not None:
        try:
            found = [a for a in read_articles(path) if a.error is None and a.text.strip()]
        except InputError as exc:
            raise CorpusError(str(exc)) from exc
        if not found:
            raise CorpusError(f"no readable articles under {path}")
        texts = [(a, a.text) for a in found[:docs]]
    else:
        texts = synthetic_texts(project_articles(config), docs)
    out.mkdir(parents=True, exist_ok=True)
    for i, (article, text) in enumerate(texts):
        name = f"doc{i:05d}"
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        meta = {"published": article.published.isoformat() if article.published else None}
        meta.update(title=article.title, source=article.source, url=article.url)
        (out / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path is None


def project_articles(config: dict[str, Any]) -> list[Article]:
    """The project's own articles (seeds and hand-written test articles), else those of the
    configured ``run.input``."""
    roots = [SOURCE_TREE / p for p in PROJECT_ARTICLES if (SOURCE_TREE / p).is_dir()]
    roots = roots or [resolve_path(config["run"]["input"])]
    found = []
    for root in roots:
        try:
            found += [a for a in read_articles(root) if a.error is None and a.text.strip()]
        except InputError:
            continue
    if not found:
        raise CorpusError("no articles to build a synthetic corpus from; pass PATH")
    return found


def synthetic_texts(articles: Sequence[Article], docs: int) -> list[tuple[Article, str]]:
    """``docs`` texts from ``articles``: each article once, then, round after round, each
    article's first paragraph followed by its later paragraphs alternating with another
    article's (the next one, further each round), which is deterministic and never repeats."""
    result = []
    for i in range(docs):
        first = articles[i % len(articles)]
        rounds = i // len(articles)
        if rounds == 0:
            result.append((first, first.text))
            continue
        other = articles[(i + rounds) % len(articles)]
        ours, theirs = _paragraphs(first.text), _paragraphs(other.text)
        if other is first:
            theirs = theirs[:1] + _rotated(theirs[1:], rounds)
        body = [theirs[k] if k % 2 and k < len(theirs) else ours[k] for k in range(1, len(ours))]
        result.append((first, "\n\n".join(ours[:1] + body) + "\n"))
    return result


def _paragraphs(text: str) -> list[str]:
    parts = text.split("\n\n") if "\n\n" in text else text.split("\n")
    return [p.strip() for p in parts if p.strip()] or [text]


def _rotated(items: list[str], by: int) -> list[str]:
    if not items:
        return items
    by %= len(items)
    return items[by:] + items[:by]


def corpus_size(corpus: Path) -> tuple[int, int, int]:
    """Documents, words (white-space separated) and characters of the corpus."""
    texts = [a.text for a in read_articles(corpus) if a.error is None and a.text.strip()]
    return len(texts), sum(len(t.split()) for t in texts), sum(len(t) for t in texts)


def measure_bare(model: str, corpus: str, batch_size: int) -> Measurement:
    """Bare ``nlp.pipe`` of ``model`` over the corpus's texts (run in its own process)."""
    from pipeline.nlp import load_model

    clock = time.perf_counter()
    nlp = load_model(model)
    load = time.perf_counter() - clock
    texts = [a.text for a in read_articles(Path(corpus)) if a.error is None and a.text.strip()]
    clock = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return Measurement(time.perf_counter() - clock, load, len(texts), peak_rss_mb())


def measure_run(config: dict[str, Any], corpus: str, configuration: Configuration) -> Measurement:
    """The full run over the corpus in one configuration, model load apart (run in its own
    process; the output goes to a temporary folder)."""
    from pipeline.batch.run import run

    out = Path(tempfile.mkdtemp(prefix="pipeline-speed-"))
    first = None
    try:
        if configuration.rerun:
            run(config, corpus, str(out), progress=False, **configuration.run_options)
            first = read_tables(out)
        clock = time.perf_counter()
        summary = run(config, corpus, str(out), progress=False, **configuration.run_options)
        seconds = time.perf_counter() - clock - summary.load_seconds
        equal = None if first is None else read_tables(out) == first
    finally:
        shutil.rmtree(out, ignore_errors=True)
    stages = {name: round(s, 3) for name, s in summary.stage_seconds.items()}
    return Measurement(seconds, summary.load_seconds, summary.ok, peak_rss_mb(), stages, equal)


def read_tables(out: Path) -> dict[str, Any]:
    """Every per-document and corpus table of a run folder, as Arrow tables by name."""
    import pyarrow.parquet as pq

    from pipeline.batch.schemas import OUTPUT_TABLES

    return {name: pq.read_table(out / f"{name}.parquet") for name in OUTPUT_TABLES}


def peak_rss_mb() -> float:
    """The peak resident memory of this process or of any child it waited for, in MB."""
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return round(peak * unit / 2**20, 1)


def in_fresh_process(function: Any, *args: Any) -> Measurement:
    """``function(*args)`` in a new interpreter (its own memory peak, cold caches)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


def speed_report(
    corpus: Path,
    config: dict[str, Any],
    configurations: Sequence[Configuration],
    repeats: int = DEFAULT_REPEATS,
) -> dict[str, Any]:
    """Time the bare model and every configuration on ``corpus``, ``repeats`` times in turn."""
    model, batch_size = config["model"]["name"], config["run"]["batch_size"]
    configs = [make_config(config, **_sections(c)) for c in configurations]
    bare: list[Measurement] = []
    runs: list[list[Measurement]] = [[] for _ in configurations]
    for _ in range(repeats):
        bare.append(in_fresh_process(measure_bare, model, str(corpus), batch_size))
        for k, (configuration, resolved) in enumerate(zip(configurations, configs, strict=True)):
            runs[k].append(in_fresh_process(measure_run, resolved, str(corpus), configuration))
    documents, words, characters = corpus_size(corpus)
    rows = []
    for configuration, measured in zip(configurations, runs, strict=True):
        row = {"name": configuration.name, **_options(configuration)}
        row.update(_throughput(measured, documents, words))
        ratios = [b.seconds / m.seconds for b, m in zip(bare, measured, strict=True) if m.seconds]
        row["ratio_to_bare"] = round(statistics.median(ratios), 3) if ratios else None
        row["stage_seconds"] = _median_stages(measured)
        if configuration.rerun:
            row["tables_equal_to_first_run"] = all(m.equal_to_first for m in measured)
        rows.append(row)
    _add_speedups(rows, runs, configurations)
    return {
        "suite": "speed",
        "model": model,
        "batch_size": batch_size,
        "repeats": repeats,
        "corpus": {"documents": documents, "words": words, "characters": characters},
        "bare": _throughput(bare, documents, words),
        "configurations": rows,
    }


def memory_scaling(
    path: Path | None, config: dict[str, Any], docs: int, scale: int, tmp: Path
) -> dict[str, Any]:
    """Peak resident memory of one worker (no cache) on ``docs`` articles and on ``scale``
    times as many (the first ``docs`` the same), one pass each in a fresh process."""
    resolved = make_config(config, run={"workers": 1, "cache": False})
    one = Configuration("one worker, no cache")
    measured = {}
    for count in (docs, docs * scale):
        corpus = tmp / f"memory-{count}"
        build_corpus(corpus, count, config, path)
        measured[count] = in_fresh_process(measure_run, resolved, str(corpus), one)
    small, large = measured[docs], measured[docs * scale]
    return {
        "documents": [small.documents, large.documents],
        "peak_rss_mb": [small.peak_rss_mb, large.peak_rss_mb],
        "ratio": round(large.peak_rss_mb / small.peak_rss_mb, 3),
        "seconds": [round(small.seconds, 3), round(large.seconds, 3)],
    }


def _add_speedups(
    rows: list[dict[str, Any]],
    runs: Sequence[Sequence[Measurement]],
    configurations: Sequence[Configuration],
) -> None:
    """``speedup``: the median, over repeats, of the compared configuration's seconds over this
    one's (model load apart)."""
    names = [c.name for c in configurations]
    for row, measured, configuration in zip(rows, runs, configurations, strict=True):
        if configuration.compare_to not in names:
            continue
        base = runs[names.index(configuration.compare_to)]
        ratios = [b.seconds / m.seconds for b, m in zip(base, measured, strict=True) if m.seconds]
        row["speedup"] = {
            "over": configuration.compare_to,
            "ratio": round(statistics.median(ratios), 2) if ratios else None,
        }


def _sections(configuration: Configuration) -> dict[str, dict[str, Any]]:
    return {section: dict(keys) for section, keys in configuration.settings.items()}


def _options(configuration: Configuration) -> dict[str, Any]:
    return {
        "settings": _sections(configuration),
        "run_options": dict(configuration.run_options),
        "rerun": configuration.rerun,
    }


def _throughput(measured: Sequence[Measurement], documents: int, words: int) -> dict[str, Any]:
    seconds = statistics.median(m.seconds for m in measured)
    return {
        "seconds": round(seconds, 3),
        "documents_per_second": round(documents / seconds, 2) if seconds else None,
        "words_per_second": round(words / seconds, 1) if seconds else None,
        "peak_rss_mb": max(m.peak_rss_mb for m in measured),
        "model_load_seconds": round(statistics.median(m.load_seconds for m in measured), 3),
        "runs_seconds": [round(m.seconds, 3) for m in measured],
    }


def _median_stages(measured: Sequence[Measurement]) -> dict[str, float]:
    names = [name for name in measured[0].stage_seconds] if measured else []
    return {
        name: round(statistics.median(m.stage_seconds.get(name, 0.0) for m in measured), 3)
        for name in names
    }


def render_speed(report: dict[str, Any]) -> str:
    """The report as plain text."""
    corpus = report["corpus"]
    lines = [
        f"speed  {report['corpus_path']}" + ("  (synthetic)" if report["synthetic"] else ""),
        f"corpus {corpus['documents']} documents, {corpus['words']} words, "
        f"{corpus['characters']} characters; model {report['model']}, "
        f"batch {report['batch_size']}, {report['repeats']} repeats (medians)",
        "",
        f"{'':24}{'docs/s':>9}{'words/s':>10}{'seconds':>9}{'peak MB':>9}{'x bare':>8}",
    ]
    rows = [("bare nlp.pipe", report["bare"], None)]
    rows += [(c["name"], c, c["ratio_to_bare"]) for c in report["configurations"]]
    for name, row, ratio in rows:
        lines.append(
            f"{name:24}{row['documents_per_second']:>9}{row['words_per_second']:>10}"
            f"{row['seconds']:>9}{row['peak_rss_mb']:>9}"
            + (f"{ratio:>8}" if ratio is not None else f"{'':>8}")
        )
    lines.append("")
    for c in report["configurations"]:
        if "speedup" in c:
            lines.append(
                f"{c['name']}: {c['speedup']['ratio']}x faster than {c['speedup']['over']}"
            )
        if "tables_equal_to_first_run" in c:
            lines.append(
                f"{c['name']}: tables equal to the first run's: {c['tables_equal_to_first_run']}"
            )
    memory = report.get("memory_scaling")
    if memory:
        (small, large), (mb_small, mb_large) = memory["documents"], memory["peak_rss_mb"]
        lines.append(
            f"peak memory, one worker: {mb_small} MB at {small} documents, {mb_large} MB at "
            f"{large} documents: {memory['ratio']}x"
        )
    for c in report["configurations"]:
        stages = ", ".join(f"{k} {v}" for k, v in c["stage_seconds"].items())
        lines.append(f"\n{c['name']}: seconds per component: {stages}")
    return "\n".join(lines)


def main(
    path: str | None,
    config: dict[str, Any],
    docs: int = DEFAULT_DOCS,
    repeats: int = DEFAULT_REPEATS,
    as_json: bool = False,
    scale: int = 1,
) -> int:
    """The ``bench speed`` command; returns the exit status. ``scale`` above 1 also measures
    peak memory on ``docs`` and on ``docs * scale`` articles."""
    from pipeline.eval.bench import provenance

    source = Path(path) if path else None
    with tempfile.TemporaryDirectory(prefix="pipeline-speed-corpus-") as tmp:
        corpus = Path(tmp) / "corpus"
        synthetic = build_corpus(corpus, docs, config, source)
        report = speed_report(corpus, config, configurations(), repeats)
        if scale > 1:
            report["memory_scaling"] = memory_scaling(source, config, docs, scale, Path(tmp))
    report = {**provenance(config), **report}
    report.update(corpus_path=path or "synthetic: project articles recombined", synthetic=synthetic)
    print(json.dumps(report) if as_json else render_speed(report))
    return 0
