"""Command line: ``python -m pipeline run | eval | bench | report``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.batch.summary import RunSummary

EXIT_OK, EXIT_USAGE, EXIT_STRICT = 0, 2, 3


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Information extraction for news: entities, quotes and events as Parquet.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _add_run(sub.add_parser("run", help="run the pipeline over articles into Parquet tables"))
    ev = sub.add_parser("eval", help="score a run's tables against gold annotations")
    ev.add_argument("--gold", required=True, help="a NAME.gold.json file or a folder of them")
    ev.add_argument("--pred", required=True, help="a run's output folder")
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    ev.add_argument(
        "--allow-partial",
        action="store_true",
        help="score the gold documents the run has when some are missing from it (without "
        "it, missing documents are an error, exit 1)",
    )
    _add_bench(
        sub.add_parser(
            "bench",
            help="score the pipeline and a baseline on public news corpora",
            description="Score the pipeline beside a simple baseline on a public corpus. SUITE "
            "is one of conll, polnear, timeml, meantime, rams, gva, speakers, or all; speed "
            "times a run beside bare nlp.pipe of the same model on PATH's first --docs "
            "articles or, without PATH, on a synthetic corpus (the project's own seed and test "
            "articles, recombined to --docs documents).",
        )
    )
    _add_report(
        sub.add_parser(
            "report",
            help="write a self-contained HTML report of a run's output folder",
            description="Write report.html for a finished run: each article with its "
            "entities, quotes and events marked, corpus charts, casualty claims and statements "
            "across articles, failed documents and the manifest. Also writes the run's "
            "cross-article tables (claims.parquet, statements.parquet) when missing or stale.",
        )
    )
    return parser


def _add_report(report: argparse.ArgumentParser) -> None:
    report.add_argument("run_dir", metavar="RUN_DIR", help="a run's output folder")
    report.add_argument(
        "--out", metavar="FILE", help="where to write (default RUN_DIR/report.html)"
    )
    report.add_argument(
        "--max-articles",
        type=int,
        default=200,
        metavar="N",
        help="show at most N articles, a fixed sample beyond that (default 200); the charts "
        "and tables cover every article",
    )


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-c", "--config", type=Path, default=None, help="TOML config (default: built-in)"
    )
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help="override a config value (repeatable)",
    )


def _add_run(run: argparse.ArgumentParser) -> None:
    _add_config_options(run)
    run.add_argument("--input", help="article file or directory (overrides run.input)")
    run.add_argument("--output", help="output folder (overrides run.output)")
    run.add_argument(
        "--strict", action="store_true", default=None, help="exit 3 when any document failed"
    )
    run.add_argument(
        "--strict-warnings",
        action="store_true",
        default=None,
        help="exit 3 when any document failed or has warnings (documents.warnings; "
        "run.strict_warnings)",
    )
    run.add_argument(
        "--overwrite",
        action="store_true",
        default=None,
        help="write into an output folder that holds other files, removing them (run.overwrite)",
    )
    run.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    bar = run.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        default=None,
        help="always show a progress bar (on stderr; default: a bar on a terminal, "
        "a plain line every run.progress_every documents otherwise)",
    )
    bar.add_argument(
        "--no-progress", dest="progress", action="store_false", help="never show progress"
    )
    run.add_argument(
        "--workers",
        metavar="N",
        help="processes on this machine (overrides run.workers; 0 or default: one per core)",
    )
    run.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        default=None,
        help="process every document again, neither reading nor writing the cache (run.cache)",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on the Dask cluster of this scheduler, e.g. tcp://10.0.0.5:8786 "
        "(overrides run.scheduler)",
    )


def _add_bench(bench: argparse.ArgumentParser) -> None:
    bench.add_argument("suite", metavar="SUITE", help="a suite name, or all")
    bench.add_argument(
        "path",
        metavar="PATH",
        nargs="?",
        help="the corpus (or a folder holding the corpora); default ../shared/benchmarks",
    )
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--limit", type=int, help="read at most N documents of each corpus")
    bench.add_argument("--errors", metavar="FILE", help="write misses and false positives (JSONL)")
    bench.add_argument("--keep", metavar="DIR", help="also write the pipeline's tables there")
    bench.add_argument("--out", metavar="DIR", help="where `all` writes bench.json and bench.md")
    bench.add_argument(
        "--docs", type=int, default=None, help="speed: documents to time (default 100)"
    )
    bench.add_argument(
        "--repeats", type=int, default=None, help="speed: timed passes of each (default 3)"
    )
    bench.add_argument(
        "--scale",
        type=int,
        default=None,
        help="speed: also measure peak memory of one worker on --docs and on SCALE times as "
        "many articles (one pass each)",
    )
    bench.add_argument(
        "--stages",
        action="store_true",
        help="also time each pipeline component (one more pass over a single suite's corpus)",
    )
    _add_config_options(bench)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "run":
        return _run(args)
    if args.command == "bench":
        return _bench(args)
    if args.command == "report":
        return _report(args)
    from pipeline.eval.report import main as eval_main

    return eval_main(args.gold, args.pred, as_json=args.json, allow_partial=args.allow_partial)


def _run(args: argparse.Namespace) -> int:
    from pipeline.batch.executors import SchedulerError
    from pipeline.batch.outdir import OutputError
    from pipeline.batch.reading import InputError
    from pipeline.config import ConfigError, ModelError, load_config

    try:
        config = load_config(args.config, [*args.overrides, *_run_overrides(args)])
        from pipeline.batch.run import run

        summary = run(config, progress=False if args.json else None)
    except (ConfigError, InputError, OutputError, ModelError, SchedulerError) as exc:
        print(f"error: {exc}".replace("\n", " "), file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(summary.as_json()) if args.json else summary.render())
    return EXIT_STRICT if _strict_failure(args, config["run"], summary) else EXIT_OK


def _strict_failure(
    args: argparse.Namespace, settings: dict[str, Any], summary: RunSummary
) -> bool:
    """Whether ``--strict`` (a failed document) or ``--strict-warnings`` (a failed document or
    one with warnings) makes the run exit 3; each flag overrides its ``run.`` key."""
    strict = settings["strict"] if args.strict is None else args.strict
    strict_warnings = (
        settings["strict_warnings"] if args.strict_warnings is None else args.strict_warnings
    )
    if strict_warnings:
        return bool(summary.failed or summary.warned)
    return bool(strict and summary.failed)


def _run_overrides(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The options of ``run`` that set a config value, as ``(option, section.key=value)``
    overrides (checked like any config value, and listed in the manifest)."""
    from pipeline.config import ConfigError

    overrides = [
        (option, f"run.{key}={json.dumps(value)}")
        for option, key, value in (
            ("--input", "input", args.input),
            ("--output", "output", args.output),
            ("--scheduler", "scheduler", args.scheduler),
        )
        if value is not None
    ]
    if args.workers is not None:
        if not args.workers.strip().isdigit():
            raise ConfigError(
                f"--workers needs a whole number, 0 (one per core) or more, got {args.workers!r}"
            )
        overrides.append(("--workers", f"run.workers={int(args.workers)}"))
    flags = (
        ("--no-cache", "run.cache=false", args.cache is False),
        ("--strict", "run.strict=true", bool(args.strict)),
        ("--strict-warnings", "run.strict_warnings=true", bool(args.strict_warnings)),
        ("--overwrite", "run.overwrite=true", bool(args.overwrite)),
        ("--progress", 'run.progress="always"', args.progress is True),
        ("--no-progress", 'run.progress="never"', args.progress is False),
    )
    return overrides + [(option, item) for option, item, given in flags if given]


def _bench(args: argparse.Namespace) -> int:
    from pipeline.config import ConfigError, load_config
    from pipeline.eval.bench import main as bench_main
    from pipeline.eval.corpora.base import CorpusError
    from pipeline.nlp import ModelError

    for flag in ("limit", "docs", "repeats", "scale"):
        if getattr(args, flag) is not None and getattr(args, flag) < 1:
            print(f"error: --{flag} must be at least 1", file=sys.stderr)
            return EXIT_USAGE
    targets = (("--errors", args.errors, False), ("--keep", args.keep, True))
    if not _writable_targets((*targets, ("--out", args.out, True))):
        return EXIT_USAGE
    try:
        config = load_config(args.config, args.overrides)
        if args.suite == "speed":
            from pipeline.eval import speed

            return speed.main(
                args.path,
                config,
                docs=args.docs or speed.DEFAULT_DOCS,
                repeats=args.repeats or speed.DEFAULT_REPEATS,
                as_json=args.json,
                scale=args.scale or 1,
            )
        return bench_main(
            args.suite,
            args.path,
            config,
            as_json=args.json,
            limit=args.limit,
            errors_file=args.errors,
            keep=args.keep,
            out=args.out,
            stages=args.stages,
        )
    except (ConfigError, CorpusError, ModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _report(args: argparse.Namespace) -> int:
    from pipeline.report import RunFolderError, write_report

    if args.max_articles < 1:
        print("error: --max-articles must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if not _writable_targets((("--out", args.out, False),)):
        return EXIT_USAGE
    try:
        path = write_report(args.run_dir, args.out, max_articles=args.max_articles)
    except RunFolderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(path)
    return EXIT_OK


def _writable_targets(targets: tuple[tuple[str, str | None, bool], ...]) -> bool:
    """Check paths a command will write, each ``(option, path or None, is a folder)``: a
    folder must not be an existing file, a file not an existing folder, and what does not
    exist must be creatable. Prints one ``error:`` line for the first problem."""
    for option, value, folder in targets:
        if value is None:
            continue
        path = Path(value)
        problem = None
        if folder and path.exists() and not path.is_dir():
            problem = "is a file, not a folder"
        elif not folder and path.is_dir():
            problem = "is a folder, not a file"
        else:
            parent = path if folder else path.parent
            while not parent.exists() and parent.parent != parent:
                parent = parent.parent
            if not parent.is_dir():
                problem = f"cannot be created: {parent} is a file"
        if problem:
            print(f"error: {option} {value} {problem}", file=sys.stderr)
            return False
    return True
