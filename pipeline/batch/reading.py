"""Reading articles: ``*.txt`` files with ``NAME.meta.json`` sidecars, and ``*.jsonl`` files.

Every read problem becomes an :class:`Article` with ``error`` set, never an exception, so one
bad file cannot stop a batch run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes


@dataclass
class Article:
    """One input article, decoded; ``text`` is what every offset indexes."""

    doc_id: str
    source_path: str
    text: str = ""
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    encoding: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


class InputError(ValueError):
    """The input path itself is unusable (missing, or holds no readable article files)."""


def normalise_newlines(text: str) -> str:
    """Line endings to ``\\n``; nothing else is changed."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode article bytes: UTF-8 (with or without BOM) first, else a detected encoding.

    Returns ``(text, encoding)``. Raises ``ValueError`` for input that is not text.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if b"\x00" not in raw:
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    results = from_bytes(raw)
    best = results.best()
    if best is None:
        raise ValueError("not text: no text encoding fits these bytes")
    for candidate in results:
        # Western European text scores the same as Central European: prefer cp1252 on a tie.
        if candidate.encoding == "cp1252" and candidate.chaos <= best.chaos:
            best = candidate
            break
    text = str(best)
    if "\x00" in text:
        raise ValueError("not text: binary data (NUL bytes)")
    return text, best.encoding


def parse_published(value: object) -> dt.date | None:
    """An ISO date or datetime string, a ``date`` or ``datetime`` (or None) as a date;
    ``ValueError`` if malformed."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"published must be an ISO date string, got {value!r}")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()


def discover(root: Path) -> list[Path]:
    """Article files under ``root`` (or ``root`` itself), recursively, in sorted order."""
    if not root.exists():
        raise InputError(f"input path does not exist: {root}")
    if root.is_file():
        if not (_is_article_txt(root) or root.suffix == ".jsonl"):
            raise InputError(f"not an article file (.txt or .jsonl): {root}")
        return [root]
    files = [
        p for p in root.rglob("*") if p.is_file() and (_is_article_txt(p) or p.suffix == ".jsonl")
    ]
    if not files:
        raise InputError(f"no article files (*.txt, *.jsonl) under {root}")
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _is_article_txt(path: Path) -> bool:
    return path.suffix == ".txt" and not path.name.startswith(".")


def doc_id_for(path: Path, root: Path) -> str:
    """Path relative to the input root, without extension, ``/``-separated."""
    base = root.parent if root.is_file() else root
    rel = path.relative_to(base).with_suffix("")
    return rel.as_posix()


def read_articles(root: Path) -> Iterator[Article]:
    """Yield every article under ``root`` in sorted order; failures come as errored articles."""
    for path in discover(root):
        if path.suffix == ".jsonl":
            yield from read_jsonl(path, root)
        else:
            yield read_txt(path, root)


def read_txt(path: Path, root: Path) -> Article:
    """One ``.txt`` article and its optional ``NAME.meta.json`` sidecar."""
    article = Article(doc_id=doc_id_for(path, root), source_path=str(path))
    try:
        text, encoding = decode_bytes(path.read_bytes())
    except (OSError, ValueError) as exc:
        article.error = f"cannot read {path.name}: {exc}"
        return article
    article.text, article.encoding = normalise_newlines(text), encoding
    if encoding not in ("utf-8", "utf-8-sig"):
        article.warnings.append(f"decoded as {encoding}")
    meta_path = path.with_name(path.stem + ".meta.json")
    if meta_path.exists():
        try:
            _apply_meta(article, json.loads(meta_path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            article.warnings.append(f"ignored metadata {meta_path.name}: {exc}")
    return article


def read_jsonl(path: Path, root: Path) -> Iterator[Article]:
    """Articles from a JSON-lines file, one per non-blank line (``id`` and ``text`` required)."""
    rel = doc_id_for(path, root)
    try:
        raw_text, encoding = decode_bytes(path.read_bytes())
    except (OSError, ValueError) as exc:
        yield Article(doc_id=rel, source_path=str(path), error=f"cannot read {path.name}: {exc}")
        return
    for lineno, line in enumerate(raw_text.split("\n"), start=1):
        article = jsonl_article(line, lineno, rel, str(path), encoding)
        if article is not None:
            yield article


def jsonl_article(
    line: str, lineno: int, rel: str, source_path: str, encoding: str | None
) -> Article | None:
    """The article of one line of a ``.jsonl`` file (None for a blank line); a line that is not
    a JSON object with ``id`` and ``text`` is a failed article with id ``REL:LINENO``."""
    if not line.strip():
        return None
    fallback_id = f"{rel}:{lineno}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Article(fallback_id, source_path, error=f"line {lineno}: invalid JSON: {exc.msg}")
    if not isinstance(record, dict) or "id" not in record or "text" not in record:
        return Article(fallback_id, source_path, error=f"line {lineno}: needs 'id' and 'text'")
    return article_from_record(record, source_path, encoding, where=f"line {lineno}: ")


def article_from_record(
    record: Mapping[str, Any], source_path: str, encoding: str | None = None, where: str = ""
) -> Article:
    """An article from a record with ``id`` and ``text`` (and optional ``published``,
    ``source``, ``url``, ``title``); unusable metadata is ignored with a warning."""
    if not isinstance(record["text"], str):
        return Article(str(record["id"]), source_path, error=f"{where}'text' not a string")
    article = Article(
        doc_id=str(record["id"]),
        source_path=source_path,
        text=normalise_newlines(record["text"]),
        encoding=encoding,
    )
    try:
        _apply_meta(article, record)
    except ValueError as exc:
        article.warnings.append(f"ignored metadata: {exc}")
    return article


def _apply_meta(article: Article, meta: Mapping[str, Any]) -> None:
    if not isinstance(meta, Mapping):
        raise ValueError("metadata must be a JSON object")
    published = parse_published(meta.get("published"))
    for key in ("source", "url", "title"):
        if isinstance(meta.get(key), str) and meta[key].strip():
            setattr(article, key, meta[key].strip())
    article.published = published
