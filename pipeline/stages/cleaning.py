"""Cleaning stage: finds the layout of a news article without deleting anything.

Paragraphs get a role: ``boilerplate`` (site furniture such as ``All news``, links to other
stories after ``READ MORE:``, bylines, photo credits), ``headline``, ``subheadline``,
``dateline`` (``UNITED NATIONS, July 22. /TASS/.``, split off the first body paragraph as its
own unit, or a paragraph of its own: ``LONDON 1996-08-30``) and ``body``. A block's ``kind``
names a finer layout: ``heading`` (section headings and rubrics inside the body, role
``subheadline``), ``byline``, ``credit``, ``related`` (role ``boilerplate``) and ``table``
(rows of names and scores, role ``body``). The dateline's place, date and agency are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.stages import extensions, reference_date
from pipeline.stages import layout_lines as lines
from pipeline.stages.annotations import Block
from pipeline.stages.datelines import (
    Dateline,
    dateline_boundaries,
    find_dateline,
    opens_like_dateline,
)
from pipeline.stages.layout_rules import CleaningRules, load_rules
from pipeline.stages.reference_date import load_reference_rules

extensions.register()

__all__ = ["CleaningRules", "Dateline", "Layout", "analyse_layout", "find_dateline", "load_rules"]

# A title-case headline has at least this many capitalised words of four letters or more.
MIN_TITLE_WORDS = 3
# A first paragraph of several lines is a headline over subheadlines of at most this many lines.
MAX_HEAD_LINES = 3
BLANK_LINE = re.compile(r"\n[ \t]*\n")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
LINE_BREAK = re.compile(r"\n")
NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True)
class Layout:
    """The result of layout analysis."""

    blocks: list[Block]
    title: str | None
    dateline: Dateline | None


@dataclass
class _Page:
    """Paragraph spans and texts of an article, with each paragraph's role and kind."""

    text: str
    spans: list[tuple[int, int]]
    roles: list[str]
    kinds: list[str]

    def at(self, i: int) -> str:
        return self.text[self.spans[i][0] : self.spans[i][1]]

    def words(self, i: int) -> int:
        return len(self.at(i).split())

    def content(self) -> list[int]:
        return [i for i, role in enumerate(self.roles) if role != "boilerplate"]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans, stripped of surrounding white space.

    Blank lines separate paragraphs when the text has any; otherwise every line is one.
    """
    separator = PARAGRAPH_BREAK if BLANK_LINE.search(text) else LINE_BREAK
    spans = []
    pos = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + (len(chunk) - len(chunk.lstrip()))
            spans.append((start, start + len(stripped)))
        if match:
            pos = match.end()
    return spans


def analyse_layout(text: str, rules: CleaningRules, title: str | None = None) -> Layout:
    """Assign a role to every paragraph of ``text``; ``title`` is a known headline, if any."""
    spans = split_paragraphs(text)
    page = _Page(text, spans, ["body"] * len(spans), [""] * len(spans))
    _mark_furniture(page, rules)
    content = page.content()
    dateline, dateline_par = None, None
    for rank, i in enumerate(content[: rules.max_head_paragraphs + 1]):
        found = find_dateline(page.at(i), page.spans[i][0], rules, first=rank == 0)
        if found is not None:
            dateline, dateline_par = found, i
            break
    blank_lines = BLANK_LINE.search(text) is not None
    head = _head_paragraphs(page, content, dateline_par, rules, title, blank_lines)
    _mark_head(page, head, dateline_par, rules)
    _mark_body(page, rules)
    blocks = _blocks(page, dateline, dateline_par, rules)
    headline = next((b for b in blocks if b.role == "headline"), None)
    detected = text[headline.start : headline.end] if headline else None
    return Layout(blocks=blocks, title=title or detected, dateline=dateline)


def _mark_furniture(page: _Page, rules: CleaningRules) -> None:
    """Boilerplate, links to other stories, bylines and photo credits."""
    links = False  # inside a list of links to other stories
    for i in range(len(page.spans)):
        paragraph = page.at(i)
        if any(p.fullmatch(paragraph) for p in rules.link_labels):
            page.roles[i], page.kinds[i], links = "boilerplate", "related", True
            continue
        links = links and _link_like(paragraph, rules)
        if links:
            page.roles[i], page.kinds[i] = "boilerplate", "related"
        elif lines.is_byline(paragraph, rules):
            page.roles[i], page.kinds[i] = "boilerplate", "byline"
        elif lines.is_credit(paragraph, rules):
            page.roles[i], page.kinds[i] = "boilerplate", "credit"
        elif any(p.fullmatch(paragraph) for p in rules.boilerplate):
            page.roles[i] = "boilerplate"


def _head_paragraphs(
    page: _Page,
    content: list[int],
    dateline_par: int | None,
    rules: CleaningRules,
    title: str | None,
    blank_lines: bool,
) -> list[int]:
    """Indices of the headline and subheadlines (headline first)."""
    if not content:
        return []
    if dateline_par is not None:
        before = [i for i in content if i < dateline_par]
        if not before or page.words(before[0]) > rules.max_headline_words:
            return []
        return [before[0]] + [i for i in before[1:] if page.words(i) <= rules.max_subheadline_words]
    if len(content) < 2:
        return []
    first = content[0]
    first_line = page.at(first).split("\n")[0].strip()
    if not _is_headline(first_line, rules, title, blank_lines) or (
        page.words(first) > rules.max_headline_words
    ):
        return []
    head = [first]
    second = content[1]
    if (
        len(content) > 2
        and page.words(second) <= rules.max_subheadline_words
        and not lines.TERMINAL.search(page.at(second))
    ):
        head.append(second)
    return head


def _is_headline(line: str, rules: CleaningRules, title: str | None, blank_lines: bool) -> bool:
    """Whether the first line of an article is its headline: the metadata's title, a line in
    title case (capitals too), a line with no closing punctuation, or (when blank lines part the
    paragraphs) a short line that reads like a headline rather than a lead."""
    if title is not None and _same_words(line, title):
        return True
    if lines.title_case(line, MIN_TITLE_WORDS):
        return True
    if len(line.split()) > rules.max_headline_words:
        return False
    if not lines.TERMINAL.search(line):
        return True
    return (
        blank_lines
        and lines.reads_like_headline(line, rules)
        and not opens_like_dateline(line, rules)
    )


def _mark_head(
    page: _Page, head: list[int], dateline_par: int | None, rules: CleaningRules
) -> None:
    """Headline and subheadlines; a bare name right above the dateline is a byline."""
    for rank, i in enumerate(head):
        page.roles[i] = "headline" if rank == 0 else "subheadline"
    if dateline_par is None:
        return
    before = [i for i in page.content() if i < dateline_par]
    if len(before) > 1 and lines.is_bare_byline(page.at(before[-1]), rules):
        page.roles[before[-1]], page.kinds[before[-1]] = "boilerplate", "byline"


def _mark_body(page: _Page, rules: CleaningRules) -> None:
    """Results tables among the paragraphs after the head, and headings and rubrics (a
    subheadline above the dateline is a rubric only in capitals: ``ABSTRACT.``)."""
    candidates = [i for i, role in enumerate(page.roles) if role in ("body", "subheadline")]
    texts = [page.at(i) for i in range(len(page.spans))]
    for i in lines.table_paragraphs(texts, candidates, rules):
        if page.roles[i] == "body":
            page.kinds[i] = "table"
    for i in candidates:
        rubric = page.roles[i] == "body" or lines.in_capitals(texts[i], rules)
        if not page.kinds[i] and rubric and lines.is_heading(texts[i], rules):
            page.roles[i], page.kinds[i] = "subheadline", "heading"


def _blocks(
    page: _Page, dateline: Dateline | None, dateline_par: int | None, rules: CleaningRules
) -> list[Block]:
    """One block per paragraph, except: a dateline opening a paragraph is a block of its own,
    a headline paragraph of several lines is a headline over subheadlines, and a credit
    closing a caption is a block of its own."""
    blocks: list[Block] = []
    for i, (start, end) in enumerate(page.spans):
        role, kind = page.roles[i], page.kinds[i]
        if i == dateline_par and dateline is not None:
            blocks.append(Block(dateline.start, dateline.end, "dateline", i))
            rest = _stripped(page.text, dateline.end, end)
            if rest is not None:
                blocks.append(Block(*rest, role, i, kind))
        elif role == "headline" and "\n" in page.text[start:end]:
            blocks += _head_lines(page.text, start, end, i)
        elif role != "boilerplate" and (at := lines.credit_tail(page.at(i), rules)) is not None:
            caption = _stripped(page.text, start, start + at)
            if caption is not None:
                blocks.append(Block(*caption, role, i, kind))
            blocks.append(Block(start + at, end, "boilerplate", i, "credit"))
        else:
            blocks.append(Block(start, end, role, i, kind))
    return blocks


def _head_lines(text: str, start: int, end: int, paragraph: int) -> list[Block]:
    """A headline paragraph of a few lines: the first is the headline, the others
    subheadlines (``Lawmaker urges retaliation;\\nMember of panel says ...``); a longer one
    stays one headline."""
    spans = []
    pos = start
    for line in text[start:end].split("\n"):
        span = _stripped(text, pos, pos + len(line))
        if span is not None:
            spans.append(span)
        pos += len(line) + 1
    if len(spans) > MAX_HEAD_LINES:
        return [Block(start, end, "headline", paragraph)]
    roles = ["headline"] + ["subheadline"] * (len(spans) - 1)
    return [Block(a, b, role, paragraph) for (a, b), role in zip(spans, roles, strict=True)]


def _stripped(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without surrounding white space; None when nothing is left."""
    chunk = text[start:end]
    if not chunk.strip():
        return None
    lead = len(chunk) - len(chunk.lstrip())
    return start + lead, start + lead + len(chunk.strip())


def _link_like(paragraph: str, rules: CleaningRules) -> bool:
    """A story's title as linked: short, no closing punctuation."""
    return (
        len(paragraph.split()) <= rules.max_headline_words
        and lines.TERMINAL.search(paragraph) is None
    )


def _same_words(a: str, b: str) -> bool:
    return NON_WORD.sub(" ", a).strip().lower() == NON_WORD.sub(" ", b).strip().lower()


def resolve_published(
    dateline_date: str | None,
    default: dt.date | None,
    text: str = "",
    name: str | None = None,
    resources: str = "",
) -> tuple[dt.date | None, str]:
    """The reference date of an article without metadata date and where it came from: the
    dateline's date (a year-less one's year inferred from weekdays in ``text``), a date the
    ``text`` states about itself, a date in the file ``name``, ``default``, else none (see
    :mod:`pipeline.stages.reference_date`)."""
    rules = load_reference_rules(resources)
    return reference_date.resolve(text, dateline_date, name, default, rules)


@Language.factory(
    "news_cleaner",
    default_config={"resources": "", "default_published": ""},
    requires=[],
    assigns=["doc._.blocks", "doc._.title", "doc._.dateline", "doc._.agency"],
)
def make_news_cleaner(
    nlp: Language, name: str, resources: str, default_published: str
) -> NewsCleaner:
    """Factory for :class:`NewsCleaner`."""
    return NewsCleaner(resources, default_published)


class NewsCleaner:
    """Marks boilerplate, headline, subheadline, dateline and body blocks; deletes nothing.

    A title already in ``doc._.title`` (from metadata) helps find the headline. Without a
    metadata date in ``doc._.published``, the reference date comes from the dateline, else
    from a date the article states about itself, else from a date in ``doc._.source_name``
    (the document id), else from ``default_published`` (ISO date), else stays unknown.
    """

    def __init__(self, resources: str = "", default_published: str = "") -> None:
        self.rules = load_rules(resources)
        self.resources = resources
        self.default_published = (
            dt.date.fromisoformat(default_published) if default_published else None
        )

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # joins every token on each access; splitting tokens keeps it
        layout = analyse_layout(text, self.rules, title=doc._.title)
        doc._.blocks = layout.blocks
        doc._.title = layout.title
        if layout.dateline is not None:
            doc._.dateline = layout.dateline.place.split(",")[0].strip()
            doc._.dateline_place = layout.dateline.place
            doc._.agency = layout.dateline.agency
            doc._.dateline_date = layout.dateline.date
            align_tokens(doc, dateline_boundaries(text, layout.dateline))
        if doc._.published is None:
            doc._.published, doc._.published_from = resolve_published(
                doc._.dateline_date,
                self.default_published,
                text,
                doc._.source_name,
                self.resources,
            )
        return doc


def align_tokens(doc: Doc, boundaries: list[int]) -> None:
    """Split tokens so that each character offset in ``boundaries`` starts or ends a token.

    Used before tagging and parsing, e.g. so the agency in ``/TASS/.`` is a token of its own.
    """
    cuts: dict[int, list[int]] = {}
    starts = doc.to_array(IDX).tolist() if len(doc) else []
    for char in boundaries:
        k = bisect_left(starts, char) - 1  # the only token that can hold it: the last before
        if k < 0:
            continue
        token = doc[k]
        if token.idx < char < token.idx + len(token.text):
            cuts.setdefault(token.i, []).append(char - token.idx)
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, offsets in cuts.items():
            token = doc[i]
            points = [0, *sorted(set(offsets)), len(token.text)]
            orths = [token.text[a:b] for a, b in zip(points, points[1:], strict=False)]
            heads = [(token, k) for k in range(len(orths))]  # no head: the parser sets them
            retokenizer.split(token, orths, heads=heads)
