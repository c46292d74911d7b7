"""Where each input article is, in output order: the index a run is planned from.

A run first indexes its input: one small :class:`DocRef` per article, sorted by ``doc_id``
(then input order), with a digest of the bytes the article is read from. Articles are read
again from their refs when they are processed, in any process and on any machine that sees
the same paths, so only refs (never texts or Docs) travel to workers, and the tables come out
sorted by ``doc_id`` whatever the input order and however many workers there are.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.batch.reading import (
    Article,
    decode_bytes,
    discover,
    doc_id_for,
    jsonl_article,
    read_txt,
)


@dataclass(frozen=True, slots=True)
class DocRef:
    """One input article: its id, where to read it, and a digest of its bytes.

    ``source_path`` is the path as the rows show it; ``location`` is the absolute path to read.
    For a ``.jsonl`` line, ``line`` (1-based), ``offset`` and ``length`` locate its bytes;
    ``text`` holds the line itself only for files whose encoding cannot be split by bytes
    (UTF-16/32). ``error`` is set when the article is known to be unreadable at indexing.
    ``digest`` is empty when the bytes could not be read (such an article is never cached).
    """

    seq: int
    doc_id: str
    source_path: str
    location: str
    line: int = 0
    offset: int = 0
    length: int = 0
    encoding: str | None = None
    text: str | None = None
    error: str | None = None
    digest: str = ""


def index_inputs(root: Path) -> list[DocRef]:
    """Every article under ``root`` as a ref, sorted by ``doc_id`` and then input order.
    Raises ``InputError`` when the input path is unusable."""
    refs: list[DocRef] = []
    for path in discover(root):
        if path.suffix == ".jsonl":
            refs.extend(_index_jsonl(path, root, len(refs)))
        else:
            refs.append(_index_txt(path, root, len(refs)))
    return sorted(refs, key=lambda ref: (ref.doc_id, ref.seq))


def read_ref(ref: DocRef) -> Article:
    """The article a ref points at, read now (errors become a failed article)."""
    if ref.error is not None:
        return Article(ref.doc_id, ref.source_path, error=ref.error)
    if not ref.line:
        article = read_txt(Path(ref.location), Path(ref.location).parent)
        article.doc_id, article.source_path = ref.doc_id, ref.source_path
        return article
    text = ref.text
    if text is None:
        try:
            with open(ref.location, "rb") as handle:
                handle.seek(ref.offset)
                text = handle.read(ref.length).decode(_line_encoding(ref.encoding or "utf-8"))
        except (OSError, ValueError) as exc:
            name = Path(ref.location).name
            return Article(ref.doc_id, ref.source_path, error=f"cannot read {name}: {exc}")
    article = jsonl_article(text, ref.line, ref.doc_id, ref.source_path, ref.encoding)
    if article is None or article.doc_id != ref.doc_id:
        return Article(ref.doc_id, ref.source_path, error=f"line {ref.line}: changed while read")
    return article


def _digest(*parts: bytes | str | None) -> str:
    sha = hashlib.sha256()
    for part in parts:
        data = b"\xff" if part is None else part.encode() if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "little"))
        sha.update(data)
    return sha.hexdigest()


def _index_txt(path: Path, root: Path, seq: int) -> DocRef:
    doc_id = doc_id_for(path, root)
    meta = path.with_name(path.stem + ".meta.json")
    try:
        raw = path.read_bytes()
        sidecar = meta.read_bytes() if meta.exists() else None
        digest = _digest("txt", doc_id, str(path), raw, sidecar)
    except OSError:
        digest = ""
    return DocRef(seq, doc_id, str(path), str(path.resolve()), digest=digest)


def _index_jsonl(path: Path, root: Path, seq: int) -> list[DocRef]:
    rel, location = doc_id_for(path, root), str(path.resolve())
    try:
        raw = path.read_bytes()
        text, encoding = decode_bytes(raw)
    except (OSError, ValueError) as exc:
        return [DocRef(seq, rel, str(path), location, error=f"cannot read {path.name}: {exc}")]
    lines = _byte_lines(raw, text, encoding)
    refs = []
    for lineno, (line, offset, length) in enumerate(lines, start=1):
        article = jsonl_article(line, lineno, rel, str(path), encoding)
        if article is None:
            continue
        refs.append(
            DocRef(
                seq=seq + len(refs),
                doc_id=article.doc_id,
                source_path=str(path),
                location=location,
                line=lineno,
                offset=offset,
                length=length,
                encoding=encoding,
                text=line if offset < 0 else None,
                error=article.error,
                digest="" if article.error else _digest("jsonl", str(path), encoding, line),
            )
        )
    return refs


def _line_encoding(encoding: str) -> str:
    return "utf-8" if encoding == "utf-8-sig" else encoding


def _byte_lines(raw: bytes, text: str, encoding: str) -> list[tuple[str, int, int]]:
    """``(line, byte offset, byte length)`` of every line of ``text`` (the decoded ``raw``);
    offset -1 when the encoding cannot be split at newline bytes."""
    start = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0
    lines, offset = [], start
    try:
        for chunk in raw[start:].split(b"\n"):
            lines.append((chunk.decode(_line_encoding(encoding)), offset, len(chunk)))
            offset += len(chunk) + 1
    except (UnicodeDecodeError, LookupError):
        lines = []
    if "\n".join(line for line, _, _ in lines) != text:
        return [(line, -1, 0) for line in text.split("\n")]
    return lines
