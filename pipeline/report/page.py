"""The whole report page: one self-contained HTML file, styles and scripts inlined."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import re
from importlib import resources

import pandas as pd
from spacy.displacy.render import DEFAULT_LABEL_COLORS

from pipeline.report.articles import list_row, render_article
from pipeline.report.corpus import (
    build_charts,
    charts_html,
    claims_html,
    failed_html,
    manifest_html,
    statements_html,
)
from pipeline.report.data import RunData
from pipeline.report.markup import attr
from pipeline.report.tags import Raw, esc, table

_SCRIPT_END = re.compile("</script", re.IGNORECASE)


def asset(name: str) -> str:
    """A file of ``pipeline/report/assets`` as text."""
    return resources.files("pipeline.report").joinpath("assets", name).read_text("utf-8")


def _entity_css() -> str:
    """displaCy's entity colours (``spacy.displacy.render.DEFAULT_LABEL_COLORS``) by label."""
    colours = DEFAULT_LABEL_COLORS.items()
    return "".join(f'mark.ent[data-l="{k}"]{{background:{v}}}' for k, v in colours)


def render_page(data: RunData, max_articles: int) -> str:
    """The report of ``data`` as an HTML document."""
    name = data.run_dir.resolve().name
    shown = set(data.shown)
    sections = [
        ("articles", "Articles", _articles(data, max_articles)),
        ("corpus", "Corpus", charts_html(build_charts(data))),
        ("claims", "Casualty claims across articles", claims_html(data.claims, shown)),
        ("statements", "Statements quoted more than once", statements_html(data.statements, shown)),
        ("failed", "Failed and empty documents", failed_html(data.documents)),
        ("manifest", "Manifest", manifest_html(data.manifest)),
    ]  # fmt: skip
    nav = " · ".join(f'<a href="#{key}">{esc(title)}</a>' for key, title, _ in sections)
    body = "".join(
        f'<section id="{key}"><h2>{esc(title)}</h2>{content}</section>'
        for key, title, content in sections
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Run report: {esc(name)}</title>"
        f"<style>{asset('report.css')}{_entity_css()}</style>"
        "<script>document.documentElement.className='js'</script></head><body>"
        f"<header><h1>Run report: {esc(name)}</h1>{_summary(data)}<nav>{nav}</nav></header>"
        f"<main>{body}</main><script>{asset('report.js')}</script></body></html>\n"
    )


def _summary(data: RunData) -> Raw:
    status = data.documents["status"].value_counts()
    rows = (data.manifest.get("rows") or {}) | {
        "claims": len(data.claims),
        "statements quoted more than once": data.statements["statement_id"].nunique()
        if len(data.statements)
        else 0,
    }
    made = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    by_status = ", ".join(f"{v} {k}" for k, v in status.items())
    facts = [
        ("folder", str(data.run_dir)),
        ("documents", f"{len(data.documents)}: {by_status}"),
        ("rows", ", ".join(f"{k} {v}" for k, v in rows.items())),
        ("report made", made),
    ]  # fmt: skip
    return table(["", ""], facts, attrs='class="facts"')


def _articles(data: RunData, max_articles: int) -> Raw:
    docs = data.documents.set_index("doc_id", drop=False)
    counts = {
        name: frame.groupby("doc_id").size().to_dict() if len(frame) else {}
        for name, frame in (("quotes", data.quotes), ("events", data.events))
    }
    tables = {"entities": data.entities, "quotes": data.quotes, "events": data.events}
    rows, articles = [], []
    for position, doc_id in enumerate(data.shown):
        doc = docs.loc[doc_id]
        if isinstance(doc, pd.DataFrame):  # a doc_id twice: show the first
            doc = doc.iloc[0]
        per_doc = {k: v.get(doc_id, 0) for k, v in counts.items()}
        rows.append(list_row(position, doc, per_doc))
        article = render_article(doc, data.texts.get(doc_id, ""), tables)
        articles.append(_deferred(doc_id, article, compress=position > 0))
    note = (
        f"This report shows {len(data.shown)} of the run's {len(data.documents)} articles, a "
        f"fixed sample (--max-articles {max_articles}); the charts and tables below cover "
        "all of them."
        if data.sampled
        else f"All {len(data.documents)} articles of the run."
    )
    head = "<thead><tr><th>article</th></tr></thead>"
    return Raw(
        f'<p class="note" id="sample-note">{esc(note)}</p><div class="browser">'
        '<div class="list"><input type="search" id="search" placeholder="Search titles, ids, '
        'sources and text" aria-label="search articles"><p id="pager"></p>'
        f'<table id="doclist">{head}<tbody>{"".join(rows)}</tbody></table></div>'
        f'<div class="viewer">{_legend()}<noscript><p class="note">The article viewer needs '
        "JavaScript.</p></noscript>"
        f'<div id="doc-view"></div>{"".join(articles)}</div></div>'
    )


def _deferred(doc_id: str, article: str, compress: bool) -> str:
    """An article kept as text until it is shown, so the browser parses only the articles
    opened: the first as HTML (shown at once), the others gzipped in base64 (a third of the
    size; the page's script inflates them with the browser's ``DecompressionStream``). All
    text in ``article`` is escaped, so it holds no ``</script``; the substitution only keeps
    that true whatever happens."""
    doc = attr("data-doc", doc_id)
    if compress:
        packed = base64.b64encode(gzip.compress(article.encode("utf-8"), mtime=0)).decode()
        return f'<script type="application/gzip" class="doc-src" data-z="1" {doc}>{packed}</script>'
    safe = _SCRIPT_END.sub("&lt;/script", article)
    return f'<script type="text/html" class="doc-src" {doc}>{safe}</script>'


def _legend() -> str:
    chips = [
        '<span class="q">quote</span>',
        '<span class="spk">speaker</span>',
        '<span class="cue">cue</span>',
        '<span class="ev" data-t="event">event trigger</span>',
        '<span class="arg">event argument</span>',
    ] + [f'<mark class="ent" data-l="{k}">{k.lower()}</mark>' for k in ("PERSON", "ORG", "GPE")]
    return (
        '<p class="legend">' + " ".join(chips) + " · hover a quote or an event to see what "
        "belongs to it</p>"
    )
