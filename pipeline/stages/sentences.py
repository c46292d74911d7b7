"""Sentence split fit for news layout.

Runs before the parser: every layout block (headline, subheadline, dateline, paragraph)
starts a sentence, headline and dateline are single units, and the parser splits the rest.
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.stages import extensions
from pipeline.stages.annotations import Block, Sentence, block_finder

extensions.register()

SINGLE_UNIT_ROLES = frozenset({"headline", "dateline", "boilerplate"})


@Language.factory(
    "news_sentences",
    default_config={},
    requires=["doc._.blocks"],
    assigns=["token.is_sent_start"],
)
def make_news_sentences(nlp: Language, name: str) -> NewsSentences:
    """Factory for :class:`NewsSentences`."""
    return NewsSentences()


class NewsSentences:
    """Sets sentence starts from the layout blocks; add it before the parser."""

    def __call__(self, doc: Doc) -> Doc:
        blocks: list[Block] = doc._.blocks or []
        if not blocks or len(doc) == 0:
            return doc
        starts = _sentence_starts(doc, blocks)
        if doc.has_annotation("DEP"):  # parsed already: refused as Token.is_sent_start does
            for i, value in starts.items():
                doc[i].is_sent_start = value == SENT_START_TRUE
            return doc
        # one write for the document: Token.is_sent_start scans the whole document for a
        # parse on each assignment
        values = doc.to_array(SENT_START)  # one column
        for i, value in starts.items():
            values[i] = value
        doc.from_array([SENT_START], values)
        return doc


# Token.sent_start as Doc.to_array gives it: 1 starts a sentence, -1 does not.
SENT_START_TRUE, SENT_START_FALSE = 1, 2**64 - 1


def _sentence_starts(doc: Doc, blocks: list[Block]) -> dict[int, int]:
    """The sentence start to set of each token that gets one (by index): the first token and
    the first non-space token of each block start one; the other tokens of a single-unit
    block, space tokens and tokens after the end of their block do not."""
    starts: dict[int, int] = {}
    block_index = 0
    current: Block | None = None
    # offsets and spaces from the arrays: no Token per token
    for i, (idx, space) in enumerate(doc.to_array([IDX, IS_SPACE]).tolist()):
        if i == 0:
            starts[i] = SENT_START_TRUE
        while block_index < len(blocks) and blocks[block_index].start <= idx:
            current = blocks[block_index]
            block_index += 1
            if not space:
                starts[i] = SENT_START_TRUE
                break
        else:
            if i > 0 and (
                space
                or (current is not None and current.role in SINGLE_UNIT_ROLES)
                or (current is not None and idx >= current.end)
            ):
                starts[i] = SENT_START_FALSE
    return starts


def sentences_of(doc: Doc, text: str | None = None) -> list[Sentence]:
    """The document's sentences with roles and paragraph numbers, white space trimmed
    (``text``: the document's, when the caller has it)."""
    blocks: list[Block] = doc._.blocks or []
    block_of = block_finder(blocks)
    result = []
    text = doc.text if text is None else text  # Doc.text joins every token: read it once
    for sent in doc.sents:
        start, end = _trimmed(text, sent)
        if start >= end:
            continue
        block = block_of(start)
        role = block.role if block else "body"
        paragraph = block.paragraph if block else 0
        result.append(Sentence(len(result), start, end, role, paragraph))
    return result


def _trimmed(text: str, sent: Span) -> tuple[int, int]:
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
