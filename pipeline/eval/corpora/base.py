"""The one internal form every benchmark corpus is read into: articles plus their gold.

A reader (one module per corpus in this package) turns a corpus on disk into
:class:`BenchDoc` values: the article exactly as the pipeline would read it from a file, and
whatever gold that corpus has (entity spans, TIMEX3 expressions, attributions, events, an
incident record). Every offset indexes ``article.text``. The suites in
:mod:`pipeline.eval.suites` score predictions against this form, so scoring code is shared
between corpora.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.batch.reading import Article

Span = tuple[int, int]


class CorpusError(ValueError):
    """A corpus path that is missing or not in the corpus's format (one clear line)."""


@dataclass(frozen=True)
class GoldSpan:
    """A gold mention: an entity (``label`` PER/ORG/...), a TIMEX3 (``label`` its type,
    ``value`` its value, ``mod`` its modifier) or any other labelled span. Where the corpus
    links mentions to entities, ``ref`` identifies the entity (mentions sharing it corefer)
    and ``canonical`` is its name."""

    start: int
    end: int
    label: str | None = None
    value: str | None = None
    mod: str | None = None
    ref: str | None = None
    canonical: str | None = None


@dataclass(frozen=True)
class Attribution:
    """A gold attribution (quote) relation: content fragments, source, cue, and, where the
    corpus has it, who the source is (``canonical``, ``alternates``, ``kind``)."""

    content: tuple[Span, ...]
    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()
    relation: str | None = None
    canonical: str | None = None
    alternates: tuple[str, ...] = ()
    kind: str | None = None


@dataclass(frozen=True)
class GoldArgument:
    """An argument of a gold event: its role (``attacker``, ``victim``, ``place``, ``Arg0``);
    ``canonical`` is the name of the entity it refers to, where the corpus has one, and
    ``slot`` its number where the corpus numbers them (RAMS: the first and second
    ``participant`` are slots 1 and 2)."""

    role: str
    start: int
    end: int
    canonical: str | None = None
    slot: int | None = None


@dataclass(frozen=True)
class GoldEvent:
    """A gold event mention: trigger span, type, arguments."""

    start: int
    end: int
    type: str | None = None
    arguments: tuple[GoldArgument, ...] = ()


@dataclass(frozen=True)
class Incident:
    """A hand-coded record of the incident an article reports (Gun Violence Archive)."""

    killed: int
    injured: int
    date: str | None = None
    city: str | None = None
    state: str | None = None


@dataclass
class BenchDoc:
    """One article of a corpus with its gold; ``scored_until`` (a character offset) limits
    scoring to the annotated part of the text, None meaning all of it."""

    article: Article
    entities: list[GoldSpan] = field(default_factory=list)
    timexes: list[GoldSpan] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    incident: Incident | None = None
    scored_until: int | None = None

    @property
    def doc_id(self) -> str:
        """The article's id."""
        return self.article.doc_id

    @property
    def text(self) -> str:
        """The text every offset indexes."""
        return self.article.text


def article(doc_id: str, text: str, source_path: Path | str, **meta: object) -> Article:
    """An :class:`Article` as the pipeline's own readers make it."""
    return Article(doc_id=doc_id, source_path=str(source_path), text=text, **meta)  # type: ignore[arg-type]


def require(path: Path, what: str) -> Path:
    """``path`` if it exists, else a :class:`CorpusError` naming what was expected."""
    if not path.exists():
        raise CorpusError(f"{what} not found: {path}")
    return path
