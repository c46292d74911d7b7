"""Turning one processed ``Doc`` into rows of the five output tables.

Each document's rows depend on that document alone, so batches and processes can be split
anywhere. Columns and types are those of :mod:`pipeline.schemas`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span

from pipeline.batch.reading import Article
from pipeline.batch.schemas import empty_rows
from pipeline.stages.annotations import Sentence, Speaker
from pipeline.stages.extensions import span_reader
from pipeline.stages.sentences import sentences_of


def document_row(
    article: Article, doc: Doc | None, status: str, error: str | None, n_sentences: int = 0
) -> dict:
    """The ``documents`` row of an article (processed or not); ``warnings`` are the article's
    as they stand now (reading and processing both add to them)."""
    return {
        "doc_id": article.doc_id,
        "source_path": article.source_path,
        "text": article.text,
        "status": status,
        "error": error,
        "title": (doc._.title if doc is not None else None) or article.title,
        "dateline": doc._.dateline if doc is not None else None,
        "agency": doc._.agency if doc is not None else None,
        "published": doc._.published if doc is not None else article.published,
        "published_from": doc._.published_from
        if doc is not None
        else ("metadata" if article.published else "none"),
        "n_sentences": n_sentences,
        "encoding": article.encoding,
        "source": article.source,
        "url": article.url,
        "warnings": list(article.warnings),
    }


def rows_for(article: Article, doc: Doc) -> dict[str, list[dict]]:
    """All rows of one processed document."""
    text = _text_of(article, doc)
    sentences = sentences_of(doc, text)
    sent_id = _sentence_lookup(sentences)
    rows = empty_rows()
    rows["documents"].append(document_row(article, doc, "ok", None, len(sentences)))
    rows["sentences"] = [_sentence_row(article.doc_id, text, s) for s in sentences]
    rows["entities"] = _entity_rows(article.doc_id, doc, text, sent_id)
    rows["quotes"] = _quote_rows(article.doc_id, doc, text, sent_id)
    rows["events"] = _event_rows(article.doc_id, doc, text, sent_id)
    return rows


def _text_of(article: Article, doc: Doc) -> str:
    """The document's text: the article's, which the tokenizer keeps character for character
    (checked by length; ``Doc.text`` joins every token on each access)."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(article.text):
        return article.text
    return doc.text


def _sentence_lookup(sentences: list[Sentence]) -> Callable[[int], int]:
    """``char -> sent_id`` of the sentence holding a character offset."""
    starts = [s.start for s in sentences]

    def sent_id(char: int) -> int:
        return max(bisect_right(starts, char) - 1, 0)

    return sent_id


ENTITY_ATTRS = (
    "cluster_id",
    "canonical",
    "value",
    "value_num",
    "unit",
    "timex_type",
    "approximate",
    "source",
)
"""The span attributes an ``entities`` row takes, in :func:`_entity_row`'s order."""


def _entity_rows(doc_id: str, doc: Doc, text: str, sent_id: Callable[[int], int]) -> list[dict]:
    read = span_reader(ENTITY_ATTRS)
    return [
        _entity_row(doc_id, ent_id, ent, text, sent_id, read(ent))
        for ent_id, ent in enumerate(doc.ents)
    ]


def _entity_row(
    doc_id: str,
    ent_id: int,
    ent: Span,
    text: str,
    sent_id: Callable[[int], int],
    attrs: tuple[Any, ...],
) -> dict:
    cluster_id, canonical, value, value_num, unit, timex_type, approximate, source = attrs
    start, end = ent.start_char, ent.end_char
    return {
        "doc_id": doc_id,
        "ent_id": ent_id,
        "sent_id": sent_id(start),
        "start_char": start,
        "end_char": end,
        "text": text[start:end],  # ``ent.text`` joins its tokens anew
        "label": ent.label_,
        "cluster_id": cluster_id,
        "canonical": canonical,
        "value": value,
        "value_num": value_num,
        "unit": unit,
        "timex_type": timex_type,
        "approximate": bool(approximate),
        "source": source or "ner",
    }


def _quote_rows(doc_id: str, doc: Doc, text: str, sent_id: Callable[[int], int]) -> list[dict]:
    return [
        {
            "doc_id": doc_id,
            "quote_id": quote_id,
            "sent_id": sent_id(quote.start),
            "start_char": quote.start,
            "end_char": quote.end,
            "text": text[quote.start : quote.end],
            "kind": quote.kind,
            **_speaker_columns(quote.speaker),
            "cue": quote.cue,
            "cue_start_char": quote.cue_start,
            "cue_end_char": quote.cue_end,
            "confidence": quote.confidence,
        }
        for quote_id, quote in enumerate(doc._.quotes or [])
    ]


def _event_rows(doc_id: str, doc: Doc, text: str, sent_id: Callable[[int], int]) -> list[dict]:
    return [
        {
            "doc_id": doc_id,
            "event_id": event_id,
            "sent_id": sent_id(event.start),
            "start_char": event.start,
            "end_char": event.end,
            "trigger": text[event.start : event.end],
            "event_type": event.event_type,
            "cameo": event.cameo,
            "actors": event.actors,
            "targets": event.targets,
            "location": event.location,
            "city": event.city,
            "date": event.date,
            "date_text": event.date_text,
            "quantity": event.quantity,
            "quantity_unit": event.quantity_unit,
            "reported_by": event.reported_by,
            "negated": event.negated,
            "modality": event.modality,
            "mentions": [{"start_char": s, "end_char": e} for s, e in event.mentions],
        }
        for event_id, event in enumerate(doc._.events or [])
    ]


def _speaker_columns(speaker: Speaker | None) -> dict:
    if speaker is None:
        return dict.fromkeys(
            (
                "speaker",
                "speaker_start_char",
                "speaker_end_char",
                "speaker_canonical",
                "speaker_cluster_id",
                "speaker_kind",
            )
        )
    return {
        "speaker": speaker.text,
        "speaker_start_char": speaker.start,
        "speaker_end_char": speaker.end,
        "speaker_canonical": speaker.canonical,
        "speaker_cluster_id": speaker.cluster_id,
        "speaker_kind": speaker.kind,
    }


def _sentence_row(doc_id: str, text: str, sentence: Sentence) -> dict:
    return {
        "doc_id": doc_id,
        "sent_id": sentence.sent_id,
        "paragraph": sentence.paragraph,
        "start_char": sentence.start,
        "end_char": sentence.end,
        "text": text[sentence.start : sentence.end],
        "role": sentence.role,
    }
