"""The run report: one self-contained ``report.html`` over a finished run's output folder,
for an analyst to look at (articles with their annotations, corpus charts, claims and
statements across articles, failed documents, the manifest). Reads tables only; nothing
of ``pipeline.stages`` is imported."""

from __future__ import annotations

from pathlib import Path

from pipeline.analysis import RunFolderError
from pipeline.report.data import load_run
from pipeline.report.page import render_page

DEFAULT_MAX_ARTICLES = 200

__all__ = ["DEFAULT_MAX_ARTICLES", "RunFolderError", "write_report"]


def write_report(
    run_dir: str | Path, out: str | Path | None = None, max_articles: int = DEFAULT_MAX_ARTICLES
) -> Path:
    """Write the report of the run in ``run_dir`` to ``out`` (default ``run_dir/report.html``);
    shows at most ``max_articles`` articles (a fixed sample beyond that, which the report
    says). Writes the run's cross-article tables first when they are missing or stale.
    Raises :class:`RunFolderError` when ``run_dir`` is not a run's output folder."""
    run_dir = Path(run_dir)
    if not (run_dir / "documents.parquet").is_file():
        raise RunFolderError(f"{run_dir} is not a run's output folder (no documents.parquet)")
    if max_articles < 1:
        raise ValueError("max_articles must be at least 1")
    path = Path(out) if out is not None else run_dir / "report.html"
    data = load_run(run_dir, max_articles)
    page = render_page(data, max_articles)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
