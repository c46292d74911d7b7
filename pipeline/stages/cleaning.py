"""Cleaning stage: finds the layout of a news article without deleting anything.

Paragraphs get a role: ``boilerplate`` (site furniture such as ``All news``, and links to
other stories after ``READ MORE:``), ``headline``, ``subheadline``, ``dateline`` (``UNITED
NATIONS, July 22. /TASS/.``, split off the first body paragraph as its own unit) and
``body``. The dateline's place, date and agency are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.resources import load_resource
from pipeline.stages import extensions
from pipeline.stages.annotations import Block
from pipeline.text.timex import normalise

extensions.register()

# Words this long or longer are capitalised in a title-case headline; a headline has at least
# this many of them.
TITLE_WORD = 4
MIN_TITLE_WORDS = 3
TERMINAL = re.compile(r"[.!?…][\"'”’)]*$")


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a paragraph."""

    start: int
    end: int
    place: str
    date: str | None
    agency: str | None


@dataclass(frozen=True)
class Layout:
    """The result of layout analysis."""

    blocks: list[Block]
    title: str | None
    dateline: Dateline | None


@dataclass(frozen=True)
class CleaningRules:
    """Compiled layout knowledge from ``cleaning.toml``."""

    boilerplate: tuple[re.Pattern[str], ...]
    link_labels: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    max_head_paragraphs: int
    max_headline_words: int
    max_subheadline_words: int


@lru_cache(maxsize=8)
def load_rules(resources: str = "") -> CleaningRules:
    """Compile the cleaning resource file (built-in when ``resources`` is empty)."""
    data: dict[str, Any] = load_resource("cleaning.toml", resources)
    return CleaningRules(
        boilerplate=tuple(re.compile(p) for p in data["boilerplate"]),
        link_labels=tuple(re.compile(p) for p in data.get("link_labels", [])),
        datelines=tuple(re.compile(p) for p in data["datelines"]),
        max_head_paragraphs=int(data["max_head_paragraphs"]),
        max_headline_words=int(data["max_headline_words"]),
        max_subheadline_words=int(data["max_subheadline_words"]),
    )


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans, stripped of surrounding white space.

    Blank lines separate paragraphs when the text has any; otherwise every line is one.
    """
    separator = r"\n[ \t]*\n\s*" if re.search(r"\n[ \t]*\n", text) else r"\n"
    spans = []
    pos = 0
    for match in [*re.finditer(separator, text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + (len(chunk) - len(chunk.lstrip()))
            spans.append((start, start + len(stripped)))
        if match:
            pos = match.end()
    return spans


def find_dateline(paragraph: str, offset: int, rules: CleaningRules) -> Dateline | None:
    """A dateline at the start of ``paragraph`` (whose text starts at ``offset``)."""
    for pattern in rules.datelines:
        match = pattern.match(paragraph)
        if not match or match.end() >= len(paragraph):
            continue
        place = match.group("place").strip(" ,")
        if len(place.split()) > 7 or not re.search(r"[A-Z][A-Za-z]", place):
            continue
        if not re.search(r"[A-Z]{2}", place) and not groups_have_agency(match):
            continue
        groups = match.groupdict()
        agency = (groups.get("agency") or "").strip() or None
        if agency is None and not groups.get("date") and len(paragraph) < 100:
            continue
        unit = match.group(0).rstrip()
        return Dateline(
            start=offset,
            end=offset + len(unit),
            place=place,
            date=groups.get("date"),
            agency=agency,
        )
    return None


def groups_have_agency(match: re.Match[str]) -> bool:
    """Whether a dateline match names an agency (then a Title-case place is accepted)."""
    return bool((match.groupdict().get("agency") or "").strip())


def analyse_layout(text: str, rules: CleaningRules, title: str | None = None) -> Layout:
    """Assign a role to every paragraph of ``text``; ``title`` is a known headline, if any."""
    paragraphs = split_paragraphs(text)
    roles = ["body"] * len(paragraphs)
    links = False  # inside a list of links to other stories
    for i, (start, end) in enumerate(paragraphs):
        paragraph = text[start:end]
        if any(p.fullmatch(paragraph) for p in rules.link_labels):
            roles[i], links = "boilerplate", True
            continue
        links = links and _link_like(paragraph, rules)
        if links or any(p.fullmatch(paragraph) for p in rules.boilerplate):
            roles[i] = "boilerplate"
    content = [i for i, role in enumerate(roles) if role != "boilerplate"]

    dateline, dateline_par = None, None
    for rank, i in enumerate(content[: rules.max_head_paragraphs + 1]):
        start, end = paragraphs[i]
        found = find_dateline(text[start:end], start, rules)
        if found and (rank > 0 or found.agency):
            dateline, dateline_par = found, i
            break

    head = _head_paragraphs(text, paragraphs, content, dateline_par, rules, title)
    for rank, i in enumerate(head):
        roles[i] = "headline" if rank == 0 else "subheadline"

    blocks: list[Block] = []
    for i, (start, end) in enumerate(paragraphs):
        if i == dateline_par and dateline is not None:
            blocks.append(Block(dateline.start, dateline.end, "dateline", i))
            body_start = dateline.end + (
                len(text[dateline.end : end]) - len(text[dateline.end : end].lstrip())
            )
            blocks.append(Block(body_start, end, "body", i))
        else:
            blocks.append(Block(start, end, roles[i], i))
    headline = next((b for b in blocks if b.role == "headline"), None)
    detected = text[headline.start : headline.end] if headline else None
    return Layout(blocks=blocks, title=title or detected, dateline=dateline)


def _head_paragraphs(
    text: str,
    paragraphs: list[tuple[int, int]],
    content: list[int],
    dateline_par: int | None,
    rules: CleaningRules,
    title: str | None,
) -> list[int]:
    """Indices of the headline and subheadlines (headline first)."""
    if not content:
        return []

    def words(i: int) -> int:
        return len(text[paragraphs[i][0] : paragraphs[i][1]].split())

    if dateline_par is not None:
        before = [i for i in content if i < dateline_par]
        if not before or words(before[0]) > rules.max_headline_words:
            return []
        return [before[0]] + [i for i in before[1:] if words(i) <= rules.max_subheadline_words]
    if len(content) < 2:
        return []
    first = content[0]
    first_text = text[paragraphs[first][0] : paragraphs[first][1]]
    is_title = (title is not None and _same_words(first_text, title)) or _title_case(first_text)
    if not is_title and (words(first) > rules.max_headline_words or TERMINAL.search(first_text)):
        return []
    if words(first) > rules.max_headline_words:
        return []
    head = [first]
    second = content[1]
    second_text = text[paragraphs[second][0] : paragraphs[second][1]]
    if (
        len(content) > 2
        and words(second) <= rules.max_subheadline_words
        and not TERMINAL.search(second_text)
    ):
        head.append(second)
    return head


def _link_like(paragraph: str, rules: CleaningRules) -> bool:
    """A story's title as linked: short, no closing punctuation."""
    return len(paragraph.split()) <= rules.max_headline_words and TERMINAL.search(paragraph) is None


def _title_case(text: str) -> bool:
    """Headline capitalisation: every word of four letters or more capitalised, and at least
    three such words (``Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’``)."""
    words = [w.strip("‘’'\"“”.,:;!?()") for w in text.split()]
    long = [w for w in words if len(w) >= TITLE_WORD]
    return len(long) >= MIN_TITLE_WORDS and all(w[0].isupper() for w in long if w[0].isalpha())


def _same_words(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


def resolve_published(
    dateline_date: str | None, default: dt.date | None
) -> tuple[dt.date | None, str]:
    """The reference date of an article without metadata date: the dateline's date (its year
    from the dateline, else from the configured default), else the default, else none."""
    if dateline_date:
        timex = normalise(dateline_date, None)
        match = re.fullmatch(r"(\d{4}|XXXX)-(\d{2})-(\d{2})", timex.value) if timex else None
        if match and (match.group(1) != "XXXX" or default is not None):
            year = int(match.group(1)) if match.group(1) != "XXXX" else default.year
            try:
                return dt.date(year, int(match.group(2)), int(match.group(3))), "dateline"
            except ValueError:
                pass
    if default is not None:
        return default, "config"
    return None, "none"


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
    from ``default_published`` (ISO date), else stays unknown.
    """

    def __init__(self, resources: str = "", default_published: str = "") -> None:
        self.rules = load_rules(resources)
        self.default_published = (
            dt.date.fromisoformat(default_published) if default_published else None
        )

    def __call__(self, doc: Doc) -> Doc:
        layout = analyse_layout(doc.text, self.rules, title=doc._.title)
        doc._.blocks = layout.blocks
        doc._.title = layout.title
        if layout.dateline is not None:
            doc._.dateline = layout.dateline.place.split(",")[0].strip()
            doc._.dateline_place = layout.dateline.place
            doc._.agency = layout.dateline.agency
            doc._.dateline_date = layout.dateline.date
            align_tokens(doc, _dateline_boundaries(doc.text, layout.dateline))
        if doc._.published is None:
            doc._.published, doc._.published_from = resolve_published(
                doc._.dateline_date, self.default_published
            )
        return doc


def _dateline_boundaries(text: str, dateline: Dateline) -> list[int]:
    unit = text[dateline.start : dateline.end]
    bounds = []
    for name in (dateline.place, dateline.agency):
        at = unit.rfind(name) if name else -1
        if at >= 0:
            bounds += [dateline.start + at, dateline.start + at + len(name)]
    return bounds


def align_tokens(doc: Doc, boundaries: list[int]) -> None:
    """Split tokens so that each character offset in ``boundaries`` starts or ends a token.

    Used before tagging and parsing, e.g. so the agency in ``/TASS/.`` is a token of its own.
    """
    cuts: dict[int, list[int]] = {}
    for char in boundaries:
        for token in doc:
            if token.idx < char < token.idx + len(token.text):
                cuts.setdefault(token.i, []).append(char - token.idx)
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, offsets in cuts.items():
            token = doc[i]
            points = [0, *sorted(set(offsets)), len(token.text)]
            orths = [token.text[a:b] for a, b in zip(points, points[1:], strict=False)]
            heads = [(token, 0)] * len(orths)
            retokenizer.split(token, orths, heads=heads)
