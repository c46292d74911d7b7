"""Sentence split fit for news layout.

Runs before the parser: every layout block (headline, subheadline, dateline, paragraph)
starts a sentence, headline and dateline are single units, and the parser splits the rest.
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_SPACE
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
        block_index = 0
        current: Block | None = None
        # offsets and spaces from the arrays: a Token only for the tokens set
        for i, (idx, space) in enumerate(doc.to_array([IDX, IS_SPACE]).tolist()):
            if i == 0:
                doc[i].is_sent_start = True
            while block_index < len(blocks) and blocks[block_index].start <= idx:
                current = blocks[block_index]
                block_index += 1
                if not space:
                    doc[i].is_sent_start = True
                    break
            else:
                if i > 0 and (
                    space
                    or (current is not None and current.role in SINGLE_UNIT_ROLES)
                    or (current is not None and idx >= current.end)
                ):
                    doc[i].is_sent_start = False
        return doc


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
