"""Reading articles: ``*.txt`` files with ``NAME.meta.json`` sidecars, and ``*.jsonl`` files.

Every read problem becomes an :class:`Article` with ``error`` set, never an exception, so one
bad file cannot stop a batch run.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from pipeline.batch.ids import IdClaim, unique_ids
from pipeline.batch.metadata import Metadata, read_metadata
from pipeline.resources import load_resource


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

    UTF-8 with a few invalid bytes stays UTF-8, each invalid run replaced by U+FFFD (which
    :func:`text_warnings` counts). Returns ``(text, encoding)``. Raises ``ValueError`` for
    input that is not text.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        text = _mostly_utf8(raw[3:])
        if text is not None:
            return text, "utf-8-sig"
    elif b"\x00" not in raw:
        text = _mostly_utf8(raw)
        if text is not None:
            return text, "utf-8"
    return _detected(raw)


def _mostly_utf8(raw: bytes) -> str | None:
    """The UTF-8 text of ``raw``; when a few bytes are invalid (at most the resource's
    ``max_invalid_share`` of the non-ASCII characters that are valid), the text with each
    invalid run replaced by U+FFFD; None for bytes that are not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - raw.count("\ufffd".encode())
    valid = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    share = load_resource("inputs.toml")["decoding"]["max_invalid_share"]
    return text if valid > 0 and replaced <= share * valid else None


def _detected(raw: bytes) -> tuple[str, str]:
    """Text in the encoding charset-normalizer finds likeliest (cp1252 on a tie)."""
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


def text_warnings(text: str) -> list[str]:
    """What looks wrong in a decoded text (HTML markup, control characters, ...), by the
    ``[text_checks]`` of ``pipeline/resources/inputs.toml``; the text itself is kept."""
    found = []
    for pattern, warning in load_resource("inputs.toml")["text_checks"].values():
        count = sum(1 for _ in re.finditer(pattern, text))
        if count:
            found.append(warning.format(count=count))
    return found


def discover(root: Path) -> list[Path]:
    """Article files under ``root`` (or ``root`` itself), recursively, in sorted order."""
    if not root.exists():
        raise InputError(f"input path does not exist: {root}")
    if root.is_file():
        if not (_is_article_txt(root) or is_jsonl(root)):
            raise InputError(f"not an article file (.txt or .jsonl): {root}")
        return [root]
    files = [
        p
        for p in root.rglob("*")
        if _is_file_or_broken_link(p) and (_is_article_txt(p) or is_jsonl(p))
    ]
    if not files:
        raise InputError(f"no article files (*.txt, *.jsonl) under {root}")
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def skipped_files(root: Path) -> list[str]:
    """Files under ``root`` a run does not read, as notes: sidecars without their article
    (``NAME.meta.json`` beside no ``NAME.txt``) and files that are not articles, counted by
    extension. Hidden files and folders, and companions of articles a run is not meant to read
    (``companion_suffixes`` in ``inputs.toml``: gold files), are left out. Empty when ``root``
    is a file."""
    if not root.is_dir():
        return []
    companions = tuple(load_resource("inputs.toml")["companion_suffixes"])
    orphans, others = [], Counter()
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if _is_article_txt(path) or is_jsonl(path) or path.name.endswith(companions):
            continue
        if path.name.endswith(".meta.json"):
            stem = path.name[: -len(".meta.json")]
            if not any(path.with_name(n).exists() for n in (stem + ".txt", stem)):
                orphans.append(rel.as_posix())
            continue
        others[path.suffix.lower() or "(no extension)"] += 1
    notes = []
    if orphans:
        shown = ", ".join(sorted(orphans)[:5]) + (" ..." if len(orphans) > 5 else "")
        notes.append(f"{len(orphans)} sidecar(s) without their .txt article, not read: {shown}")
    if others:
        kinds = ", ".join(f"{n} {ext}" for ext, n in sorted(others.items()))
        notes.append(f"{sum(others.values())} file(s) that are not articles, not read: {kinds}")
    return notes


def _is_file_or_broken_link(path: Path) -> bool:
    """A file, or a link that leads to no folder (dangling, or a loop): an article file that
    cannot be read is a failed document, never silently left out."""
    return path.is_file() or (path.is_symlink() and not path.is_dir())


def _is_article_txt(path: Path) -> bool:
    return path.suffix.lower() == ".txt" and not path.name.startswith(".")


def is_jsonl(path: Path) -> bool:
    """Whether an article file is JSON lines (``.jsonl``, in any case) rather than one text."""
    return path.suffix.lower() == ".jsonl"


def doc_id_for(path: Path, root: Path) -> str:
    """Path relative to the input root, without extension, ``/``-separated."""
    base = root.parent if root.is_file() else root
    rel = path.relative_to(base).with_suffix("")
    return rel.as_posix()


def relative_name(path: Path, root: Path) -> str:
    """Path relative to the input root, with extension, ``/``-separated (``feed.jsonl``)."""
    base = root.parent if root.is_file() else root
    return path.relative_to(base).as_posix()


def read_articles(root: Path) -> Iterator[Article]:
    """Every article under ``root`` in sorted order, ids made unique as a run makes them
    (:mod:`pipeline.batch.ids`); failures come as errored articles."""
    found: list[tuple[Article, IdClaim]] = []
    for path in discover(root):
        origin = relative_name(path, root)
        if is_jsonl(path):
            found.extend((a, IdClaim(a.doc_id, origin, n)) for a, n in _jsonl_lines(path, root))
        else:
            article = read_txt(path, root)
            found.append((article, IdClaim(article.doc_id, origin)))
    for (article, _), renamed in zip(found, unique_ids([c for _, c in found]), strict=True):
        if renamed is not None:
            article.doc_id = renamed.doc_id
            article.warnings.append(renamed.warning)
        yield article


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
    article.warnings.extend(text_warnings(article.text))
    meta_path = sidecar_of(path)
    if meta_path is not None:
        _apply_meta(article, _read_sidecar(meta_path))
    return article


def sidecar_of(path: Path) -> Path | None:
    """The sidecar of a ``.txt`` article: ``NAME.meta.json``, else ``NAME.txt.meta.json``
    (None when neither exists)."""
    for name in (path.stem + ".meta.json", path.name + ".meta.json"):
        candidate = path.with_name(name)
        if candidate.exists():
            return candidate
    return None


def _read_sidecar(meta_path: Path) -> Metadata:
    """The metadata of a sidecar; one that cannot be read or is not JSON gives only a
    warning."""
    where = f"{meta_path.name}: "
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except OSError as exc:
        return Metadata(warnings=[f"{where}ignored metadata: cannot read: {exc.strerror or exc}"])
    except UnicodeDecodeError as exc:
        return Metadata(warnings=[f"{where}ignored metadata: not UTF-8 ({exc.reason})"])
    except json.JSONDecodeError as exc:
        return Metadata(warnings=[f"{where}ignored metadata: invalid JSON: {exc}"])
    return read_metadata(meta, where)


def read_jsonl(path: Path, root: Path) -> Iterator[Article]:
    """Articles from a JSON-lines file, one per non-blank line (``id`` and ``text`` required),
    with the ids as written (duplicates are made unique by :func:`read_articles`)."""
    for article, _ in _jsonl_lines(path, root):
        yield article


def _jsonl_lines(path: Path, root: Path) -> Iterator[tuple[Article, int]]:
    """Each article of a JSON-lines file with its 1-based line (0: the file is unreadable)."""
    rel = doc_id_for(path, root)
    try:
        raw_text, encoding = decode_bytes(path.read_bytes())
    except (OSError, ValueError) as exc:
        error = f"cannot read {path.name}: {exc}"
        yield Article(doc_id=rel, source_path=str(path), error=error), 0
        return
    found = False
    for lineno, line in enumerate(raw_text.split("\n"), start=1):
        article = jsonl_article(line, lineno, rel, str(path), encoding)
        if article is not None:
            found = True
            yield article, lineno
    if not found:
        yield Article(rel, str(path), encoding=encoding, warnings=[no_records(path)]), 0


def no_records(path: Path) -> str:
    """The warning of a JSON-lines file without a record (it is one ``empty`` document, so
    that every input file shows in ``documents``)."""
    return f"{path.name} holds no records: an empty document in its place"


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
    if not _usable_id(record["id"]):
        error = f"line {lineno}: 'id' must be a non-empty string or a whole number"
        return Article(fallback_id, source_path, error=f"{error}, got {record['id']!r}"[:300])
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
    if encoding not in (None, "utf-8", "utf-8-sig"):
        article.warnings.append(f"decoded as {encoding}")
    article.warnings.extend(text_warnings(article.text))
    _apply_meta(article, read_metadata(record, where, record=True))
    return article


def _usable_id(value: object) -> bool:
    """A record id is a non-empty string or a whole number (never a bool, list or object)."""
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, int) and not isinstance(value, bool)


def _apply_meta(article: Article, meta: Metadata) -> None:
    article.published = meta.published
    article.title, article.source, article.url = meta.title, meta.source, meta.url
    article.warnings.extend(meta.warnings)
