"""Where each input article is, in output order: the index a run is planned from.

A run first indexes its input: one small :class:`DocRef` per article, sorted by ``doc_id``
(then input order), with a digest of the bytes the article is read from. Articles are read
again from their refs when they are processed, in any process and on any machine that sees
the same paths, so only refs (never texts or Docs) travel to workers, and the tables come out
sorted by ``doc_id`` whatever the input order and however many workers there are.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.batch.ids import IdClaim, unique_ids
from pipeline.batch.reading import (
    Article,
    decode_bytes,
    discover,
    doc_id_for,
    is_jsonl,
    jsonl_article,
    no_records,
    read_txt,
    relative_name,
    sidecar_of,
)


@dataclass(frozen=True, slots=True)
class DocRef:
    """One input article: its id, where to read it, and a digest of its bytes.

    ``source_path`` is the path as the rows show it; ``location`` is the absolute path to read
    (symbolic links kept, so a sidecar is looked for beside the link, as the index does).
    For a ``.jsonl`` line, ``line`` (1-based), ``offset`` and ``length`` locate its bytes;
    ``text`` holds the line itself only for files whose encoding cannot be split by bytes
    (UTF-16/32). ``error`` is set when the article is known to be unreadable at indexing.
    ``digest`` is empty when the bytes could not be read (such an article is never cached).
    ``origin`` is the file's path relative to the input root (with extension). A duplicate id
    is renamed (:mod:`pipeline.batch.ids`): ``read_id`` is then the id as read and
    ``warnings`` says so (both are in the digest). ``empty`` marks a JSON-lines file without
    a record, one empty document.
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
    origin: str = ""
    read_id: str | None = None
    warnings: tuple[str, ...] = ()
    empty: bool = False


def index_inputs(root: Path) -> list[DocRef]:
    """Every article under ``root`` as a ref, ids made unique, sorted by ``doc_id`` and then
    input order. Raises ``InputError`` when the input path is unusable."""
    refs: list[DocRef] = []
    for path in discover(root):
        if is_jsonl(path):
            refs.extend(_index_jsonl(path, root, len(refs)))
        else:
            refs.append(_index_txt(path, root, len(refs)))
    return sorted(_unique(refs), key=lambda ref: (ref.doc_id, ref.seq))


def _unique(refs: list[DocRef]) -> list[DocRef]:
    """Refs (in input order) with every duplicate id renamed, its digest changed with it."""
    claims = [IdClaim(ref.doc_id, ref.origin, ref.line) for ref in refs]
    unique = []
    for ref, renamed in zip(refs, unique_ids(claims), strict=True):
        if renamed is not None:
            ref = dataclasses.replace(
                ref,
                doc_id=renamed.doc_id,
                read_id=ref.doc_id,
                warnings=(*ref.warnings, renamed.warning),
                digest=_digest(ref.digest, renamed.doc_id, renamed.warning) if ref.digest else "",
            )
        unique.append(ref)
    return unique


def read_ref(ref: DocRef) -> Article:
    """The article a ref points at, read now (errors become a failed article), with the id
    and warnings the index gave it."""
    article = _read(ref)
    article.doc_id, article.source_path = ref.doc_id, ref.source_path
    article.warnings.extend(ref.warnings)
    return article


def _read(ref: DocRef) -> Article:
    if ref.error is not None:
        return Article(ref.doc_id, ref.source_path, error=ref.error)
    if ref.empty:
        return Article(ref.doc_id, ref.source_path, encoding=ref.encoding)
    if not ref.line:
        return read_txt(Path(ref.location), Path(ref.location).parent)
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
    read_id = ref.doc_id if ref.read_id is None else ref.read_id
    if article is None or article.doc_id != read_id:
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
    meta = sidecar_of(path)
    try:
        raw = path.read_bytes()
        sidecar = meta.read_bytes() if meta is not None else None
        digest = _digest("txt", doc_id, str(path), raw, sidecar)
    except OSError:
        digest = ""
    origin = relative_name(path, root)
    return DocRef(seq, doc_id, str(path), str(path.absolute()), digest=digest, origin=origin)


def _index_jsonl(path: Path, root: Path, seq: int) -> list[DocRef]:
    rel, location = doc_id_for(path, root), str(path.absolute())
    origin = relative_name(path, root)
    try:
        raw = path.read_bytes()
        text, encoding = decode_bytes(raw)
    except (OSError, ValueError) as exc:
        error = f"cannot read {path.name}: {exc}"
        return [DocRef(seq, rel, str(path), location, error=error, origin=origin)]
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
                origin=origin,
            )
        )
    if not refs:
        warnings = (no_records(path),)
        empty = DocRef(seq, rel, str(path), location, encoding=encoding, origin=origin)
        return [dataclasses.replace(empty, empty=True, warnings=warnings)]
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
