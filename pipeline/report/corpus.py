"""The corpus part of the report: charts, claims, repeated statements, failed documents and
the manifest."""

from __future__ import annotations

import json

import pandas as pd

from pipeline.report.charts import (
    Chart,
    casualties_over_time,
    events_timeline,
    render_svg,
    top_entities,
    top_speakers,
)
from pipeline.report.data import RunData
from pipeline.report.tags import Raw, esc, link, table

MAX_ROWS = 100


def build_charts(data: RunData) -> list[Chart]:
    """The four corpus charts, over every document of the run (not only those shown)."""
    published = pd.Series(
        pd.to_datetime(data.documents["published"]).dt.date.values, index=data.documents["doc_id"]
    )
    published = published[~published.index.duplicated()]  # a doc_id given twice: the first
    specs = [
        ("speakers", "Top speakers", "Quotes per resolved speaker; labels: articles quoting them.",
         top_speakers(data.all_quotes)),
        ("entities", "Top entities by label", "Mentions across the corpus of the most mentioned "
         "names of the four most frequent labels; labels: articles naming them.",
         top_entities(data.entity_index)),
        ("timeline", "Events over time", "Events per month and type, dated by the event's date, "
         "else its article's publication date; undated events of undated articles are left out.",
         events_timeline(data.all_events, published)),
        ("casualties", "Deaths and injuries over time", "People killed and injured per day "
         "from the claims table, each distinct claim counted once (claims repeated by several "
         "articles are not added up; claims of different parties may overlap).",
         casualties_over_time(data.claims)),
    ]  # fmt: skip
    return [
        Chart(key, title, caption, render_svg(chart) if chart is not None else None)
        for key, title, caption, chart in specs
    ]


def charts_html(charts: list[Chart]) -> Raw:
    """The charts as figures with inline SVG."""
    figures = []
    for chart in charts:
        body = chart.svg if chart.svg else '<p class="empty">No data in this run.</p>'
        figures.append(
            f'<figure class="chart" id="chart-{chart.key}"><figcaption><b>{esc(chart.title)}'
            f"</b> {esc(chart.caption)}</figcaption>{body}</figure>"
        )
    return Raw(f'<div class="charts">{"".join(figures)}</div>')


def claims_html(claims: pd.DataFrame, shown: set[str]) -> Raw:
    """Distinct claims, the most repeated first, with their reporters and articles."""
    if claims.empty:
        return Raw('<p class="empty">No casualty figures in this run.</p>')
    rows = []
    for claim_id, group in claims.groupby("claim_id", sort=False):
        first = group.iloc[0]
        reporters = sorted({r for r in group["reported_by"] if isinstance(r, str)})
        docs = Raw(", ".join(link(d, d, shown) for d in dict.fromkeys(group["doc_id"])))
        rows.append(
            (int(first["n_sources"]), float(first["quantity"]), claim_id)
            + (first["event_type"], first["quantity"], first["quantity_unit"], first["place"])
            + (first["claim_date"], ", ".join(reporters), first["n_sources"], docs)
        )
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
    headers = ["claim id", "type", "number", "unit", "place", "date", "reported by"]
    note = _cut_note(len(rows))
    body = table(headers + ["articles", "where"], [r[2:] for r in rows[:MAX_ROWS]])
    return Raw(note + body)


def statements_html(statements: pd.DataFrame, shown: set[str]) -> Raw:
    """Statements carried more than once, by the most articles first."""
    repeated = statements[statements["n_occurrences"] > 1]
    if repeated.empty:
        return Raw('<p class="empty">No statement is quoted more than once in this run.</p>')
    rows = []
    for statement_id, group in repeated.groupby("statement_id", sort=False):
        first = group.iloc[0]
        docs = Raw(", ".join(link(d, d, shown) for d in dict.fromkeys(group["doc_id"])))
        rows.append(
            (int(first["n_documents"]), int(first["n_occurrences"]), statement_id)
            + (first["statement_speaker"], first["text"], first["n_documents"])
            + (first["n_occurrences"], docs)
        )
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
    headers = ["statement id", "speaker", "text", "articles", "occurrences", "where"]
    return Raw(_cut_note(len(rows)) + table(headers, [r[2:] for r in rows[:MAX_ROWS]]))


def failed_html(documents: pd.DataFrame) -> Raw:
    """Documents that failed or were empty, with why."""
    bad = documents[documents["status"] != "ok"]
    if bad.empty:
        return Raw('<p class="empty">Every document was processed.</p>')
    rows = [
        (d.doc_id, d.status, d.error, d.source_path)
        for d in bad.head(MAX_ROWS * 10).itertuples(index=False)
    ]
    note = _cut_note(len(bad), MAX_ROWS * 10)
    return Raw(note + table(["doc id", "status", "error", "source file"], rows))


def manifest_html(manifest: dict) -> Raw:
    """The manifest's key facts, and the whole file folded."""
    if not manifest:
        return Raw('<p class="empty">The run has no manifest.json.</p>')
    facts = [
        ("pipeline", manifest.get("pipeline_version")),
        ("model", (manifest.get("model") or {}).get("name")),
        ("config hash", manifest.get("config_hash")),
        ("input", manifest.get("input")),
        ("started", manifest.get("started")),
        ("finished", manifest.get("finished")),
        ("seconds", manifest.get("seconds")),
    ]
    rows = table(["", ""], [(k, v) for k, v in facts if v is not None], attrs='class="facts"')
    whole = esc(json.dumps(manifest, indent=2, ensure_ascii=False, default=str))
    return Raw(f"{rows}<details><summary>manifest.json</summary><pre>{whole}</pre></details>")


def _cut_note(total: int, limit: int = MAX_ROWS) -> str:
    if total <= limit:
        return ""
    return f'<p class="note">The first {limit} of {total} rows; the table has them all.</p>'
