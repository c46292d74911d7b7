"""One article of the report: metadata, warnings, the text with its annotations marked, and
its quotes and events as tables; and the article list's rows."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from pipeline.report.marks import entity_marks, event_marks, quote_marks
from pipeline.report.markup import attr, render_marked
from pipeline.report.tags import Raw, definitions, doc_href, esc, table

META_FIELDS = (
    ("doc id", "doc_id"),
    ("source file", "source_path"),
    ("status", "status"),
    ("title", "title"),
    ("published", "published"),
    ("published from", "published_from"),
    ("dateline", "dateline"),
    ("agency", "agency"),
    ("source", "source"),
    ("url", "url"),
    ("encoding", "encoding"),
    ("sentences", "n_sentences"),
)


def _rows_of(frame: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    if frame.empty or "doc_id" not in frame:
        return frame
    return frame[frame["doc_id"] == doc_id]


def warnings_of(doc: pd.Series) -> list[str]:
    """The document's warnings (a ``warnings`` column, when the run has one: a list or a
    string of one or more lines)."""
    value = doc.get("warnings")
    if value is None:
        return []
    if isinstance(value, list | tuple | np.ndarray):
        return [str(v) for v in value if v is not None and str(v).strip()]
    if isinstance(value, float) and pd.isna(value):
        return []
    return [line for line in str(value).splitlines() if line.strip()]


def render_article(doc: pd.Series, text: str, tables: dict[str, pd.DataFrame]) -> Raw:
    """The article's ``<article>`` element; ``tables`` holds the shown articles'
    ``entities``, ``quotes`` and ``events``."""
    doc_id = doc["doc_id"]
    entities = _rows_of(tables["entities"], doc_id)
    quotes = _rows_of(tables["quotes"], doc_id)
    events = _rows_of(tables["events"], doc_id)
    marks = entity_marks(entities) + quote_marks(quotes) + event_marks(events, entities)
    counts = f"{len(entities)} entities · {len(quotes)} quotes · {len(events)} events"
    parts = [
        f'<article class="doc" {attr("id", "doc-" + doc_id)} {attr("data-doc", doc_id)}>',
        f"<h3>{esc(doc.get('title') or doc_id)}</h3>",
        f'<p class="counts">{esc(counts)}</p>',
        definitions((label, doc.get(column)) for label, column in META_FIELDS),
    ]
    if doc.get("status") != "ok" and doc.get("error"):
        parts.append(f'<p class="error">{esc(doc.get("error"))}</p>')
    found = warnings_of(doc)
    if found:
        items = "".join(f"<li>{esc(w)}</li>" for w in found)
        parts.append(f'<div class="warnings"><b>Warnings</b><ul>{items}</ul></div>')
    parts.append(f'<div class="text">{render_marked(text or "", marks)}</div>')
    parts.append(_quotes_table(quotes))
    parts.append(_events_table(events))
    parts.append("</article>")
    return Raw("".join(parts))


def _quotes_table(quotes: pd.DataFrame) -> str:
    if quotes.empty:
        return ""
    rows = [
        (q.quote_id, q.kind, q.speaker, q.speaker_canonical, q.cue, q.text)
        for q in quotes.itertuples(index=False)
    ]
    body = table(
        ["id", "kind", "speaker", "who", "cue", "text"],
        rows,
        (attr("data-q", q.quote_id) for q in quotes.itertuples(index=False)),
    )
    return f"<details><summary>Quotes ({len(quotes)})</summary>{body}</details>"


def _events_table(events: pd.DataFrame) -> str:
    if events.empty:
        return ""
    columns = ["event_id", "event_type", "trigger", "actors", "targets", "location"]
    columns += ["date", "quantity", "quantity_unit", "reported_by", "modality"]
    present = [c for c in columns if c in events]
    rows = [[getattr(e, c) for c in present] for e in events.itertuples(index=False)]
    body = table(
        [c.replace("_", " ") for c in present],
        rows,
        (attr("data-ev", e.event_id) for e in events.itertuples(index=False)),
    )
    return f"<details><summary>Events ({len(events)})</summary>{body}</details>"


def list_row(position: int, doc: pd.Series, counts: dict[str, int]) -> Raw:
    """The article list's row for a document: title, id, date, source and counts; ``data-s``
    holds its searchable metadata in lower case."""
    doc_id = doc["doc_id"]
    title = doc.get("title") or doc_id
    origin = doc.get("source") or doc.get("agency") or ""
    published = esc(doc.get("published"))
    search = " ".join(str(v) for v in (doc_id, title, origin, published) if v).lower()
    facts = [published, esc(origin)] + [f"{counts.get(k, 0)} {k}" for k in ("quotes", "events")]
    href = html.escape(doc_href(doc_id), quote=True)
    status = "" if doc.get("status") == "ok" else f' <span class="bad">{esc(doc["status"])}</span>'
    return Raw(
        f'<tr {attr("data-doc", doc_id)} {attr("data-s", search)} data-i="{position}"><td>'
        f'<a href="{href}">{esc(title)}</a>{status}<div class="id">{esc(doc_id)}</div>'
        f'<div class="facts">{" · ".join(f for f in facts if f)}</div></td></tr>'
    )
