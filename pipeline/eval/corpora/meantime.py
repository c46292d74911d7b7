"""NewsReader MEANTIME (CAT XML): English Wikinews articles with entities, events, timexes.

Every ``*.xml`` under the corpus folder (``corpus_apple/``, ``corpus_stock/``...) is one
``<Document>``, read in path order; a single ``.xml`` file may be given too.

* Text: the ``<token>`` elements in document order, the tokens of a sentence (same
  ``sentence`` attribute) joined by single spaces, sentences joined by one newline. No
  title metadata is set (sentence 0, the Wikinews headline, is simply the first line).
  ``doc_id`` is the Document's ``doc_id`` attribute (else the file name).
* Only sentences 0-5 are annotated: when the document has more, ``scored_until`` is the end
  of sentence 5's line.
* A markable's span runs from the start of its first anchor token to the end of its last
  (a discontinuous markable covers the tokens between); markables without anchors have no span.
* Entities: ENTITY_MENTIONs with ``syntactic_type`` ``NAM`` or ``PRE.NAM`` (named mentions,
  heads and premodifiers alike: ``US`` in ``US markets`` is a named mention of the US;
  ``NOM``, ``PRO``... are not), ``label`` the ``ent_type`` of the ENTITY they REFERS_TO
  (PER, ORG, LOC, PRO, FIN, MIX; None when they refer to none; the first such relation wins),
  ``ref`` that ENTITY's ``m_id`` (mentions sharing it corefer) and ``canonical`` its
  ``TAG_DESCRIPTOR`` (whitespace collapsed).
* Timexes: anchored TIMEX3s (``label`` type, ``value``, ``mod``). The CREATION_TIME TIMEX3
  gives ``published`` (its date part) whether or not it is anchored; anchored, it is also a
  gold timex (the date line), unanchored it is not. Unanchored TIMEX3s are never gold.
* Events: anchored EVENT_MENTIONs (``type`` the ``class`` of the EVENT they refer to, if any);
  arguments: their HAS_PARTICIPANT relations whose target is an anchored ENTITY_MENTION
  (any mention type), ``role`` the ``sem_role`` (Arg0, Arg1...), ``canonical`` the
  ``TAG_DESCRIPTOR`` of the target's ENTITY.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pipeline.eval.corpora.base import (
    BenchDoc,
    CorpusError,
    GoldArgument,
    GoldEvent,
    GoldSpan,
    Span,
    article,
    require,
)
from pipeline.eval.corpora.timeml import date_of

ANNOTATED_SENTENCES = 6
"""Sentences 0-5 of every MEANTIME document are annotated."""
NAMED = frozenset({"NAM", "PRE.NAM"})
"""Syntactic types of named mentions (a head, or a premodifier such as ``Apple engineers``)."""


def read(path: Path, limit: int | None = None) -> list[BenchDoc]:
    """The documents of a MEANTIME folder (or one CAT XML file), at most ``limit``."""
    require(path, "MEANTIME corpus")
    files = [path] if path.is_file() else sorted(path.rglob("*.xml"))
    if not files:
        raise CorpusError(f"no MEANTIME .xml files under {path}")
    if limit is not None:
        files = files[:limit]
    return [read_file(file) for file in files]


@dataclass
class _Parsed:
    """One CAT document: its text, token spans, markables by id and relations."""

    text: str
    spans: dict[str, Span]
    scored_until: int | None
    markables: dict[str, ET.Element]
    relations: list[ET.Element]

    def span(self, markable: ET.Element) -> Span | None:
        """First anchor start to last anchor end, or None without anchors."""
        ids = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        if any(i not in self.spans for i in ids):
            raise CorpusError(f"markable {markable.get('m_id')} anchors an unknown token")
        anchors = [self.spans[i] for i in ids]
        if not anchors:
            return None
        return min(s for s, _ in anchors), max(e for _, e in anchors)

    def refers_to(self) -> dict[str, ET.Element]:
        """Mention id -> the ENTITY or EVENT instance it refers to (first relation wins)."""
        found: dict[str, ET.Element] = {}
        for rel in self.relations:
            pointer = rel.find("target")
            if rel.tag != "REFERS_TO" or pointer is None:
                continue
            target = self.markables.get(pointer.get("m_id", ""))
            for source in rel.iter("source"):
                if target is not None:
                    found.setdefault(source.get("m_id", ""), target)
        return found


def read_file(file: Path) -> BenchDoc:
    """One CAT XML document as an article with its gold."""
    try:
        root = ET.parse(file).getroot()
    except ET.ParseError as exc:
        raise CorpusError(f"{file}: not well-formed MEANTIME XML ({exc})") from exc
    if root.tag != "Document" or root.find("token") is None:
        raise CorpusError(f"{file}: not a MEANTIME CAT document (<Document> with <token>s)")
    doc = _parse(root, file)
    refers = doc.refers_to()
    timexes, published = _timexes(doc)
    return BenchDoc(
        article=article(root.get("doc_id") or file.stem, doc.text, file, published=published),
        entities=_entities(doc, refers),
        timexes=timexes,
        events=_events(doc, refers),
        scored_until=doc.scored_until,
    )


def _parse(root: ET.Element, file: Path) -> _Parsed:
    lines: list[str] = []
    spans: dict[str, Span] = {}
    current: str | None = None
    offset, scored_until, last_annotated_end = 0, None, 0
    for token in root.iter("token"):
        sentence, word = token.get("sentence"), token.text or ""
        if sentence is None or token.get("t_id") is None or not sentence.isdigit():
            raise CorpusError(f"{file}: token without a t_id or a numeric sentence")
        if current is not None and sentence != current:
            offset += 1  # the newline between sentences
            lines.append("\n")
        elif current is not None:
            offset += 1
            lines.append(" ")
        current = sentence
        spans[token.get("t_id", "")] = (offset, offset + len(word))
        lines.append(word)
        offset += len(word)
        if int(sentence) < ANNOTATED_SENTENCES:
            last_annotated_end = offset
        elif scored_until is None:
            scored_until = last_annotated_end
    markables = {m.get("m_id", ""): m for m in root.findall("Markables/*")}
    relations = root.findall("Relations/*")
    return _Parsed("".join(lines), spans, scored_until, markables, relations)


def _entities(doc: _Parsed, refers: dict[str, ET.Element]) -> list[GoldSpan]:
    spans = []
    for m_id, mention in doc.markables.items():
        span = doc.span(mention)
        if (
            mention.tag != "ENTITY_MENTION"
            or mention.get("syntactic_type") not in NAMED
            or not span
        ):
            continue
        entity = refers.get(m_id)
        if entity is None or entity.tag != "ENTITY":
            spans.append(GoldSpan(span[0], span[1]))
            continue
        spans.append(
            GoldSpan(
                span[0],
                span[1],
                label=entity.get("ent_type") or None,
                ref=entity.get("m_id") or None,
                canonical=" ".join((entity.get("TAG_DESCRIPTOR") or "").split()) or None,
            )
        )
    return sorted(spans, key=lambda s: (s.start, s.end))


def _timexes(doc: _Parsed) -> tuple[list[GoldSpan], dt.date | None]:
    spans: list[GoldSpan] = []
    published: dt.date | None = None
    for timex in doc.markables.values():
        if timex.tag != "TIMEX3":
            continue
        if timex.get("functionInDocument") == "CREATION_TIME" and published is None:
            published = date_of(timex.get("value") or "")
        span = doc.span(timex)
        if span is not None:
            spans.append(
                GoldSpan(
                    span[0],
                    span[1],
                    label=timex.get("type") or None,
                    value=timex.get("value") or None,
                    mod=timex.get("mod") or None,
                )
            )
    return sorted(spans, key=lambda s: (s.start, s.end)), published


def _events(doc: _Parsed, refers: dict[str, ET.Element]) -> list[GoldEvent]:
    arguments: dict[str, list[GoldArgument]] = {}
    for rel in doc.relations:
        source, target = rel.find("source"), rel.find("target")
        if rel.tag != "HAS_PARTICIPANT" or source is None or target is None:
            continue
        target_id = target.get("m_id", "")
        mention = doc.markables.get(target_id)
        span = doc.span(mention) if mention is not None else None
        if mention is None or mention.tag != "ENTITY_MENTION" or span is None:
            continue
        entity = refers.get(target_id)
        name = " ".join((entity.get("TAG_DESCRIPTOR") or "").split()) if entity is not None else ""
        argument = GoldArgument(rel.get("sem_role") or "", span[0], span[1], name or None)
        arguments.setdefault(source.get("m_id", ""), []).append(argument)
    events = []
    for m_id, mention in doc.markables.items():
        span = doc.span(mention)
        if mention.tag != "EVENT_MENTION" or span is None:
            continue
        instance = refers.get(m_id)
        kind = instance.get("class") if instance is not None else None
        events.append(GoldEvent(span[0], span[1], kind or None, tuple(arguments.get(m_id, ()))))
    return sorted(events, key=lambda e: (e.start, e.end))
