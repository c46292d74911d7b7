"""Processing a batch of articles into rows, in one process.

Each stage processes the whole batch (``pipe``) and its seconds are counted. A document that
fails is recorded with ``status = error`` and the batch goes on. The batch runs inside spaCy's
``nlp.memory_zone()``: the strings and lexemes its documents add to the vocab are freed when
the batch is done, so a long run does not grow; every value a row needs is copied out of the
``Doc`` (and its extension attributes) into plain Python values before the zone closes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import nullcontext
from typing import TYPE_CHECKING

from pipeline.batch.reading import Article
from pipeline.batch.schemas import empty_rows
from pipeline.batch.summary import RunSummary

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Rows = dict[str, list[dict]]


def needs_model(article: Article) -> bool:
    """Whether an article goes through the spaCy pipeline (it was read and is not empty)."""
    return article.error is None and bool(article.text.strip())


def process_articles(
    nlp: Language | None, batch: list[Article], summary: RunSummary, zone: bool = True
) -> list[Rows]:
    """Rows of each article of a batch, in batch order; failures are isolated to their
    document. ``nlp`` may be None when no article :func:`needs_model`. With ``zone`` the batch
    runs inside ``nlp.memory_zone()``."""
    from pipeline.batch.tables import document_row

    per_article: list[Rows] = [empty_rows() for _ in batch]
    with nlp.memory_zone() if nlp is not None and zone else nullcontext():
        todo: list[tuple[Article, Doc]] = []
        slot = {id(article): i for i, article in enumerate(batch)}
        for article, rows in zip(batch, per_article, strict=True):
            summary.documents += 1
            if article.error is not None:
                _fail(rows, summary, article, article.error)
            elif not article.text.strip():
                summary.empty += 1
                rows["documents"].append(document_row(article, None, "empty", None))
            else:
                try:
                    todo.append((article, prepare_doc(_required(nlp), article)))
                except Exception as exc:  # noqa: BLE001 - one bad document must not stop a run
                    _fail(rows, summary, article, _one_line(exc))
        for article, result in _annotate(nlp, todo, summary):
            _add_rows(per_article[slot[id(article)]], article, result, summary)
    return per_article


def process_batch(
    nlp: Language | None, batch: list[Article], summary: RunSummary, zone: bool = True
) -> Rows:
    """Rows for a batch of articles, in input order (see :func:`process_articles`)."""
    merged = empty_rows()
    for rows in process_articles(nlp, batch, summary, zone=zone):
        for name, table_rows in rows.items():
            merged[name].extend(table_rows)
    return merged


def prepare_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised ``Doc`` carrying the article's metadata date, title and document id."""
    doc = nlp.make_doc(article.text)
    doc._.title = article.title
    doc._.source_name = article.doc_id
    if article.published is not None:
        doc._.published = article.published
        doc._.published_from = "metadata"
    return doc


def apply_stages(nlp: Language, docs: list[Doc], seconds: dict[str, float]) -> list[Doc]:
    """What ``nlp.pipe`` does for one batch, with each stage's seconds added to ``seconds``."""
    for name, proc in nlp.pipeline:
        clock = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=max(len(docs), 1)))
        else:
            docs = [proc(doc) for doc in docs]
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - clock
    return docs


def _add_rows(rows: Rows, article: Article, result: Doc | Exception, summary: RunSummary) -> None:
    from pipeline.batch.tables import rows_for

    if isinstance(result, Exception):
        _fail(rows, summary, article, _one_line(result))
        return
    try:
        doc_rows = rows_for(article, result)
    except Exception as exc:  # noqa: BLE001
        _fail(rows, summary, article, _one_line(exc))
        return
    summary.ok += 1
    for name, table_rows in doc_rows.items():
        rows[name].extend(table_rows)


def _annotate(
    nlp: Language | None, todo: list[tuple[Article, Doc]], summary: RunSummary
) -> Iterator[tuple[Article, Doc | Exception]]:
    """Run every stage over the batch; if the batch fails, retry document by document."""
    if not todo or nlp is None:
        return
    try:
        docs = apply_stages(nlp, [doc for _, doc in todo], summary.stage_seconds)
        yield from zip([a for a, _ in todo], docs, strict=True)
        return
    except Exception:  # noqa: BLE001 - isolate the failing document below
        pass
    for article, _ in todo:
        try:
            fresh = prepare_doc(nlp, article)
            yield article, apply_stages(nlp, [fresh], summary.stage_seconds)[0]
        except Exception as exc:  # noqa: BLE001
            yield article, exc


def _required(nlp: Language | None) -> Language:
    if nlp is None:
        raise RuntimeError("an article needs the spaCy pipeline but none was given")
    return nlp


def _fail(rows: Rows, summary: RunSummary, article: Article, error: str) -> None:
    from pipeline.batch.tables import document_row

    summary.failed += 1
    summary.failures.append((article.doc_id, error))
    rows["documents"].append(document_row(article, None, "error", error))


def _one_line(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return " ".join(text.split())[:500]
