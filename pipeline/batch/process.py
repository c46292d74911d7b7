"""Processing a batch of articles into rows, in one process.

Each stage processes the whole batch (``pipe``) and its seconds are counted. A document that
fails is recorded with ``status = error`` and the batch goes on. The batch runs inside spaCy's
``nlp.memory_zone()``: the strings and lexemes its documents add to the vocab are freed when
the batch is done, so a long run does not grow; every value a row needs is copied out of the
``Doc`` (and its extension attributes) into plain Python values before the zone closes.

A document longer than ``run.piece_chars`` goes through the model in pieces
(:mod:`pipeline.batch.pieces`); one longer than ``run.max_document_chars`` is refused (an
``error`` row saying so) without going near the model.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from pipeline.batch.lexicon import MAX_STRINGS, has_room
from pipeline.batch.pieces import DocumentLimits, rows_in_pieces
from pipeline.batch.reading import Article
from pipeline.batch.schemas import empty_rows
from pipeline.batch.summary import RunSummary

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Rows = dict[str, list[dict]]
LEMMA_CACHE_LIMIT = 20_000


def needs_model(article: Article) -> bool:
    """Whether an article goes through the spaCy pipeline (it was read and is not empty)."""
    return article.error is None and bool(article.text.strip())


def process_articles(
    nlp: Language | None,
    batch: list[Article],
    summary: RunSummary,
    zone: bool = True,
    max_chars: int | None = None,
    limits: DocumentLimits | None = None,
    max_strings: int = MAX_STRINGS,
) -> list[Rows]:
    """Rows of each article of a batch, in batch order; failures are isolated to their
    document. ``nlp`` may be None when no article :func:`needs_model`. The articles go through
    spaCy in groups of at most ``max_chars`` characters (a longer article alone; None: all at
    once), each inside ``nlp.memory_zone()`` when ``zone`` is set; a group's Docs are dropped
    once their rows are built, so memory is bounded by the group, not the batch. ``limits``
    (default: the built-in ``[run]`` defaults) sets when an article is processed in pieces
    and when it is refused. Articles are tokenised before their zone while the string store
    holds fewer than ``max_strings`` strings (:mod:`pipeline.batch.lexicon`)."""
    from pipeline.batch.tables import document_row

    limits = limits or DocumentLimits()
    per_article: list[Rows] = [empty_rows() for _ in batch]
    todo: list[int] = []
    for i, (article, rows) in enumerate(zip(batch, per_article, strict=True)):
        summary.documents += 1
        if article.error is not None:
            _fail(rows, summary, article, article.error)
        elif not article.text.strip():
            summary.empty += 1
            rows["documents"].append(document_row(article, None, "empty", None))
        elif (refusal := limits.refusal(article.text)) is not None:
            _fail(rows, summary, article, refusal)
        else:
            todo.append(i)
    for group in _groups(todo, batch, max_chars):
        early = not zone or has_room(_required(nlp).vocab, max_strings)
        _process_group(_required(nlp), batch, group, per_article, summary, limits, zone, early)
    return per_article


def _process_group(
    nlp: Language,
    batch: list[Article],
    group: list[int],
    per_article: list[Rows],
    summary: RunSummary,
    limits: DocumentLimits,
    zone: bool,
    early: bool,
) -> None:
    """Rows of a group's articles, inside a memory zone when ``zone`` is set: the long ones
    one by one in pieces, the others together, tokenised before the zone opens when
    ``early`` is set (so that their words' lexemes last, as in bare ``nlp.pipe``)."""
    long = [i for i in group if limits.in_pieces(batch[i].text)]
    short = [i for i in group if not limits.in_pieces(batch[i].text)]
    prepared = _prepare(nlp, batch, short, per_article, summary) if early else []
    with nlp.memory_zone() if zone else nullcontext():
        for i in long:
            _add_rows(per_article[i], batch[i], _in_pieces(nlp, batch[i], limits, summary), summary)
        if not early:
            prepared = _prepare(nlp, batch, short, per_article, summary)
        for i, result in _annotate(nlp, batch, prepared, summary):
            _add_rows(per_article[i], batch[i], result, summary)
    bound_caches(nlp)


def _prepare(
    nlp: Language,
    batch: list[Article],
    indices: list[int],
    per_article: list[Rows],
    summary: RunSummary,
) -> list[tuple[int, Doc]]:
    """Tokenised docs of the articles at ``indices``; one that fails gets its ``error`` row."""
    prepared: list[tuple[int, Doc]] = []
    for i in indices:
        try:
            prepared.append((i, prepare_doc(nlp, batch[i])))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a run
            _fail(per_article[i], summary, batch[i], _one_line(exc))
    return prepared


def _in_pieces(
    nlp: Language, article: Article, limits: DocumentLimits, summary: RunSummary
) -> Rows | Exception:
    """A long article's rows, processed in pieces (noted in its warnings, which its
    ``documents`` row carries), or the exception that stopped it."""
    try:
        return rows_in_pieces(nlp, article, limits.piece_chars, summary.stage_seconds)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a run
        return exc


def process_batch(
    nlp: Language | None,
    batch: list[Article],
    summary: RunSummary,
    zone: bool = True,
    max_chars: int | None = None,
    limits: DocumentLimits | None = None,
    max_strings: int = MAX_STRINGS,
) -> Rows:
    """Rows for a batch of articles, in input order (see :func:`process_articles`)."""
    merged = empty_rows()
    per_article = process_articles(nlp, batch, summary, zone, max_chars, limits, max_strings)
    for rows in per_article:
        for name, table_rows in rows.items():
            merged[name].extend(table_rows)
    return merged


def bound_caches(nlp: Language, limit: int = LEMMA_CACHE_LIMIT) -> None:
    """Empty spaCy's lemmatizer cache once it holds over ``limit`` entries: it memoises every
    (word, tag, morphology) it meets, outside any memory zone, so it would grow with the
    corpus; lemmas computed again are the same."""
    from spacy.pipeline import Lemmatizer

    for _, pipe in nlp.pipeline:
        if isinstance(pipe, Lemmatizer) and len(pipe.cache) > limit:
            pipe.cache.clear()


def _groups(todo: list[int], batch: list[Article], max_chars: int | None) -> list[list[int]]:
    """Consecutive articles in groups of at most ``max_chars`` characters (one at least)."""
    if max_chars is None:
        return [todo] if todo else []
    groups: list[list[int]] = []
    size = 0
    for i in todo:
        length = len(batch[i].text)
        if not groups or size + length > max_chars:
            groups.append([])
            size = 0
        groups[-1].append(i)
        size += length
    return groups


def prepare_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised ``Doc`` carrying the article's metadata date, title and document id."""
    doc = nlp.make_doc(article.text)
    set_metadata(doc, article)
    return doc


def set_metadata(doc: Doc, article: Article) -> None:
    """Give ``doc`` the article's metadata date, title and document id."""
    doc._.title = article.title
    doc._.source_name = article.doc_id
    if article.published is not None:
        doc._.published = article.published
        doc._.published_from = "metadata"


def apply_stages(nlp: Language, docs: list[Doc], seconds: dict[str, float]) -> list[Doc]:
    """What ``nlp.pipe`` does for one batch, with each stage's seconds added to ``seconds``."""
    return run_components(nlp.pipeline, docs, seconds)


def run_components(
    components: list[tuple[str, Any]], docs: list[Doc], seconds: dict[str, float]
) -> list[Doc]:
    """Run ``components`` (``(name, component)`` pairs of a pipeline) over ``docs`` in order,
    each stage's seconds added to ``seconds``."""
    for name, proc in components:
        clock = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=max(len(docs), 1)))
        else:
            docs = [proc(doc) for doc in docs]
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - clock
    return docs


def _add_rows(
    rows: Rows, article: Article, result: Doc | Rows | Exception, summary: RunSummary
) -> None:
    """Add a document's rows (built from its ``Doc``, or built already); a failure is an
    ``error`` row."""
    from pipeline.batch.tables import rows_for

    if isinstance(result, Exception):
        _fail(rows, summary, article, _one_line(result))
        return
    try:
        doc_rows = result if isinstance(result, dict) else rows_for(article, result)
    except Exception as exc:  # noqa: BLE001
        _fail(rows, summary, article, _one_line(exc))
        return
    summary.ok += 1
    for name, table_rows in doc_rows.items():
        rows[name].extend(table_rows)


def _annotate(
    nlp: Language | None,
    batch: list[Article],
    todo: list[tuple[int, Doc]],
    summary: RunSummary,
) -> Iterator[tuple[int, Doc | Exception]]:
    """Run every stage over the group; if the group fails, retry document by document."""
    if not todo or nlp is None:
        return
    try:
        docs = apply_stages(nlp, [doc for _, doc in todo], summary.stage_seconds)
        yield from zip([i for i, _ in todo], docs, strict=True)
        return
    except Exception:  # noqa: BLE001 - isolate the failing document below
        pass
    for i, _ in todo:
        try:
            fresh = prepare_doc(nlp, batch[i])
            yield i, apply_stages(nlp, [fresh], summary.stage_seconds)[0]
        except Exception as exc:  # noqa: BLE001
            yield i, exc


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
