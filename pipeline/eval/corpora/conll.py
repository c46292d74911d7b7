"""CoNLL-2003 NER (``token POS chunk NER`` columns, ``-DOCSTART-`` between documents).

Each document becomes one article: its tokens joined by single spaces, one sentence a line.
Gold entities are the IOB spans (PER, LOC, ORG, MISC), with character offsets into that text.
An ``I-`` tag that does not continue an entity of its type starts one (IOB1 files read right).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.eval.corpora.base import BenchDoc, CorpusError, GoldSpan, article, require

DEFAULT_FILE = "valid.txt"

Token = tuple[str, str]  # (text, IOB tag)


def read(path: Path, limit: int | None = None) -> list[BenchDoc]:
    """The documents of a CoNLL file (or of ``valid.txt`` in a folder), at most ``limit``."""
    file = path / DEFAULT_FILE if path.is_dir() else path
    require(file, "CoNLL-2003 file")
    docs = []
    for index, sentences in enumerate(_documents(file)):
        if limit is not None and index >= limit:
            break
        docs.append(_bench_doc(f"{index:04d}", sentences, file))
    if not docs:
        raise CorpusError(f"no CoNLL documents in {file}")
    return docs


def _documents(file: Path) -> list[list[list[Token]]]:
    """Documents as lists of sentences of ``(token, tag)``."""
    documents: list[list[list[Token]]] = []
    sentence: list[Token] = []
    for lineno, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if parts and parts[0] == "-DOCSTART-":
            _close(documents, sentence, new_document=True)
            sentence = []
        elif not parts:
            _close(documents, sentence, new_document=False)
            sentence = []
        elif len(parts) < 2:
            raise CorpusError(f"{file}:{lineno}: expected 'token ... tag', got {line!r}")
        else:
            sentence.append((parts[0], parts[-1]))
    _close(documents, sentence, new_document=False)
    return [d for d in documents if d]


def _close(documents: list[list[list[Token]]], sentence: list[Token], new_document: bool) -> None:
    if sentence:
        if not documents:
            documents.append([])
        documents[-1].append(sentence)
    if new_document:
        documents.append([])


def _bench_doc(doc_id: str, sentences: list[list[Token]], file: Path) -> BenchDoc:
    lines, entities = [], []
    offset = 0
    for sentence in sentences:
        starts = []
        position = offset
        for token, _ in sentence:
            starts.append(position)
            position += len(token) + 1
        entities += _spans(sentence, starts)
        line = " ".join(token for token, _ in sentence)
        lines.append(line)
        offset += len(line) + 1
    return BenchDoc(article=article(doc_id, "\n".join(lines), file), entities=entities)


def _spans(sentence: list[Token], starts: list[int]) -> list[GoldSpan]:
    """Entity spans of one sentence from its IOB tags."""
    spans: list[GoldSpan] = []
    current: tuple[int, int, str] | None = None
    for (token, tag), start in zip(sentence, starts, strict=True):
        prefix, _, label = tag.partition("-")
        continues = current is not None and prefix == "I" and label == current[2]
        if continues and current is not None:
            current = (current[0], start + len(token), label)
            continue
        if current is not None:
            spans.append(GoldSpan(current[0], current[1], current[2]))
            current = None
        if prefix in ("B", "I") and label:
            current = (start, start + len(token), label)
    if current is not None:
        spans.append(GoldSpan(current[0], current[1], current[2]))
    return spans
