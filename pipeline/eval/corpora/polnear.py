"""PolNeAR attribution relations: ``text/*.txt`` plus ``attributions/*_<annotator>.ann``.

The ``.ann`` files are BRAT standoff. ``T`` lines are spans (``Source``, ``Cue``, ``Content``,
``Attribution``, ``Attribution-no-source``; ``Discuss`` and ``Discard`` are ignored) with
offsets into the ``.txt`` (Python string indices, end exclusive, discontinuous fragments
joined by ``;``); ``E`` lines tie them into one relation (``Role:Tid``). Each relation with a
Content becomes one :class:`~pipeline.eval.corpora.base.Attribution`: its content fragments
(from ``Content`` and any numbered ``Content2``..., sorted by offset), its Source and Cue
fragments, and its ``E`` id as ``relation``.

An article is a ``.txt`` with at least one ``<stem>_<annotator>.ann``; where there are several
the first file in sorted order is used (a ``.txt`` without one has no gold and is skipped).
Every span's text is checked against the article (whitespace collapsed): a mismatch means the
wrong text or a corrupt file and raises :class:`CorpusError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.eval.corpora.base import Attribution, BenchDoc, CorpusError, Span, article, require

IGNORED_TYPES = frozenset({"Discuss", "Discard"})
"""Span types that are not part of any relation."""

OTHER_BRAT_LINES = ("R", "A", "M", "N", "#", "*")
"""BRAT line kinds this reader does not use (relations, attributes, notes)."""

_ROLE = re.compile(r"^(Content|Source|Cue)\d*$")


@dataclass(frozen=True)
class TextSpan:
    """One ``T`` line: its type and fragments."""

    type: str
    fragments: tuple[Span, ...]


def read(path: Path, limit: int | None = None) -> list[BenchDoc]:
    """The annotated articles of a PolNeAR folder in sorted order, at most ``limit``."""
    texts = require(path / "text", "PolNeAR text folder")
    annotations = annotator_files(require(path / "attributions", "PolNeAR attributions folder"))
    stems = sorted(annotations)
    if not stems:
        raise CorpusError(f"no PolNeAR annotation files (*_<annotator>.ann) in {path}")
    docs = []
    for stem in stems[:limit] if limit is not None else stems:
        text_file = require(texts / f"{stem}.txt", f"text of {annotations[stem].name}")
        text = read_text(text_file)
        docs.append(
            BenchDoc(
                article=article(stem, text, text_file),
                attributions=parse_ann(annotations[stem], text),
            )
        )
    return docs


def annotator_files(folder: Path) -> dict[str, Path]:
    """For each article stem, its first ``<stem>_<annotator>.ann`` in sorted order."""
    first: dict[str, Path] = {}
    for file in sorted(folder.glob("*.ann")):
        stem, sep, _ = file.stem.rpartition("_")
        if not sep or not stem:
            raise CorpusError(f"annotation file not named <article>_<annotator>.ann: {file}")
        first.setdefault(stem, file)
    return first


def read_text(file: Path) -> str:
    """An article's text as Python reads it (UTF-8, universal newlines)."""
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"cannot read {file}: {exc}") from exc


def parse_ann(file: Path, text: str) -> list[Attribution]:
    """The relations of one ``.ann`` file that have a Content, in content order."""
    spans: dict[str, TextSpan] = {}
    relations: list[tuple[str, list[tuple[str, str]], int]] = []
    for lineno, line in enumerate(read_text(file).split("\n"), start=1):
        where = f"{file}:{lineno}"
        if not line.strip() or line.startswith(OTHER_BRAT_LINES):
            continue
        if line.startswith("T"):
            tid, span = _text_span(line, text, where)
            spans[tid] = span
        elif line.startswith("E"):
            eid, _, args = line.partition("\t")
            roles = [tuple(arg.split(":", 1)) for arg in args.split()]
            if not args or any(len(role) != 2 for role in roles):
                raise CorpusError(f"{where}: expected 'E<n><TAB>Role:T<n> ...', got {line!r}")
            relations.append((eid, roles, lineno))  # type: ignore[arg-type]
        else:
            raise CorpusError(f"{where}: not a BRAT standoff line: {line!r}")
    found = [_attribution(eid, roles, spans, f"{file}:{n}") for eid, roles, n in relations]
    attributions = [a for a in found if a is not None]
    return sorted(attributions, key=lambda a: (a.content[0], _id_number(a.relation)))


def _text_span(line: str, text: str, where: str) -> tuple[str, TextSpan]:
    """Parse and check one ``T`` line: ``T<n><TAB>Type s e[;s e]*<TAB>covered text``."""
    parts = line.split("\t")
    if len(parts) != 3 or " " not in parts[1]:
        raise CorpusError(f"{where}: expected 'T<n><TAB>Type start end<TAB>text', got {line!r}")
    kind, offsets = parts[1].split(" ", 1)
    try:
        fragments = [tuple(int(n) for n in piece.split()) for piece in offsets.split(";")]
    except ValueError:
        raise CorpusError(f"{where}: bad offsets {offsets!r}") from None
    if any(len(f) != 2 or not 0 <= f[0] <= f[1] <= len(text) for f in fragments):
        raise CorpusError(f"{where}: offsets {offsets!r} outside the text ({len(text)} chars)")
    covered = " ".join(text[s:e] for s, e in fragments)
    if kind not in IGNORED_TYPES and covered.split() != parts[2].split():
        raise CorpusError(f"{where}: span text does not match the article at {offsets}")
    return parts[0], TextSpan(kind, tuple(sorted(fragments)))  # type: ignore[arg-type]


def _attribution(
    eid: str, roles: list[tuple[str, str]], spans: dict[str, TextSpan], where: str
) -> Attribution | None:
    """One ``E`` relation as an attribution, or None when it has no Content."""
    parts: dict[str, list[Span]] = {"Content": [], "Source": [], "Cue": []}
    for role, tid in roles:
        if tid not in spans:
            raise CorpusError(f"{where}: relation {eid} refers to undefined span {tid}")
        match = _ROLE.match(role)
        if match:
            parts[match.group(1)] += spans[tid].fragments
    if not parts["Content"]:
        return None
    return Attribution(
        content=tuple(sorted(parts["Content"])),
        source=tuple(sorted(parts["Source"])),
        cue=tuple(sorted(parts["Cue"])),
        relation=eid,
    )


def _id_number(relation: str | None) -> int:
    digits = "".join(ch for ch in relation or "" if ch.isdigit())
    return int(digits) if digits else 0
