"""speakers-dev: canonical speakers for PolNeAR attributions (``gold.jsonl``).

One JSON object a line: ``doc`` (a PolNeAR article stem), ``rel_id``, ``content_spans``
(``[[s, e], ...]``), ``content_text`` (the first 60 characters of the fragments joined by one
space), ``canonical`` (null for nobody), ``alternates`` and ``kind`` (named, pronoun,
description, unnamed, missing). The articles are not in this folder: they are read from the
sibling ``polnear-dev/text/<doc>.txt`` (``PATH.parent / "polnear-dev" / "text"``). Each row
becomes one :class:`~pipeline.eval.corpora.base.Attribution` (``relation`` = ``rel_id``);
``content_text`` is checked against the article, so a different text version is an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.eval.corpora.base import Attribution, BenchDoc, CorpusError, article, require
from pipeline.eval.corpora.polnear import read_text

GOLD_FILE = "gold.jsonl"
KINDS = ("named", "pronoun", "description", "unnamed", "missing")
"""The kinds of PolNeAR Source span, in report order."""

REQUIRED = ("doc", "rel_id", "content_spans", "content_text", "canonical", "kind")


def read(path: Path, limit: int | None = None) -> list[BenchDoc]:
    """The articles of a speakers-dev folder (or its ``gold.jsonl``), at most ``limit``."""
    folder = path.parent if path.is_file() else path
    gold = require(folder / GOLD_FILE, "speakers gold file")
    texts = folder.parent / "polnear-dev" / "text"
    if not texts.is_dir():
        raise CorpusError(
            f"PolNeAR texts not found: {texts} (speakers-dev reads its articles from the "
            "sibling polnear-dev folder)"
        )
    by_doc: dict[str, list[tuple[Attribution, str, str]]] = {}
    for where, row in _rows(gold):
        entry = (_attribution(row, where), str(row["content_text"]), where)
        by_doc.setdefault(row["doc"], []).append(entry)
    if not by_doc:
        raise CorpusError(f"no speaker rows in {gold}")
    docs = []
    for doc_id in sorted(by_doc)[:limit] if limit is not None else sorted(by_doc):
        file = require(texts / f"{doc_id}.txt", "PolNeAR text")
        text = read_text(file)
        for attribution, content_text, where in by_doc[doc_id]:
            _check_content(attribution, content_text, text, where)
        attributions = sorted((entry[0] for entry in by_doc[doc_id]), key=lambda a: a.content)
        docs.append(BenchDoc(article=article(doc_id, text, file), attributions=attributions))
    return docs


def _rows(gold: Path) -> list[tuple[str, dict[str, Any]]]:
    """The gold rows with their ``file:line``; ``CorpusError`` on a malformed line."""
    rows = []
    for lineno, line in enumerate(read_text(gold).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{gold}:{lineno}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{where}: not JSON ({exc.msg})") from None
        missing = [key for key in REQUIRED if not isinstance(row, dict) or key not in row]
        if missing:
            raise CorpusError(f"{where}: missing {', '.join(missing)}")
        rows.append((where, row))
    return rows


def _attribution(row: dict[str, Any], where: str) -> Attribution:
    """One gold row as an attribution (content fragments sorted)."""
    try:
        spans = tuple(sorted((int(s), int(e)) for s, e in row["content_spans"]))
    except (TypeError, ValueError):
        raise CorpusError(f"{where}: content_spans must be [[start, end], ...]") from None
    if not spans or row["kind"] not in KINDS:
        raise CorpusError(f"{where}: empty content_spans or unknown kind {row['kind']!r}")
    alternates = row.get("alternates") or []
    return Attribution(
        content=spans,
        relation=str(row["rel_id"]),
        canonical=row["canonical"] or None,
        alternates=tuple(str(a) for a in alternates),
        kind=row["kind"],
    )


def _check_content(attribution: Attribution, content_text: str, text: str, where: str) -> None:
    """The spans must lie in the text and cover ``content_text`` (its first 60 characters,
    fragments joined by one space); otherwise the text is not the one annotated."""
    if any(not 0 <= s <= e <= len(text) for s, e in attribution.content):
        raise CorpusError(f"{where}: content spans {attribution.content} outside the text")
    covered = " ".join(text[s:e] for s, e in attribution.content)[:60]
    if covered != content_text:
        raise CorpusError(f"{where}: content_text does not match the article at the spans")
