"""What one paragraph of an article is, from its shape alone: a byline, a photo credit, a
heading or rubric, a row of a results table, a line that reads like a headline.

Every test takes the paragraph's text and the compiled :class:`CleaningRules`; the cleaning
stage decides from these and from a paragraph's position what its layout role is.
"""

from __future__ import annotations

import re

from pipeline.stages.layout_rules import CleaningRules

# Words this long or longer are capitalised in a title-case line.
TITLE_WORD = 4
TERMINAL = re.compile(r"[.!?…][\"'”’)]*$")
EDGE_PUNCTUATION = "‘’'\"“”.,:;!?()[]"
POSSESSIVE = re.compile(r"(['’]s|['’])$")


def in_capitals(text: str, rules: CleaningRules) -> bool:
    """Whether the letters of ``text`` are (nearly) all capitals; at least two letters."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False
    return sum(c.isupper() for c in letters) >= rules.caps_share * len(letters)


def title_case(text: str, min_words: int) -> bool:
    """Headline capitalisation: every word of four letters or more capitalised, and at least
    ``min_words`` such words (``Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’``)."""
    words = [w.strip(EDGE_PUNCTUATION) for w in text.split()]
    long = [w for w in words if len(w) >= TITLE_WORD]
    return len(long) >= min_words and all(w[0].isupper() for w in long if w[0].isalpha())


def is_byline(paragraph: str, rules: CleaningRules) -> bool:
    """``By JANE DOE``, ``By Jane Doe and John Roe, Reuters``."""
    return any(p.fullmatch(paragraph) for p in rules.bylines)


def is_bare_byline(paragraph: str, rules: CleaningRules) -> bool:
    """A name alone on its line (``Jane Doe``), a byline when it stands above the dateline."""
    return any(p.fullmatch(paragraph) for p in rules.bare_bylines)


def is_credit(paragraph: str, rules: CleaningRules) -> bool:
    """``Photo: Jane Doe``, ``(AP Photo/Evan Vucci)``, ``Jane Doe/Getty Images``."""
    return any(p.fullmatch(paragraph) for p in rules.credits)


def credit_tail(paragraph: str, rules: CleaningRules) -> int | None:
    """Where a credit closing a caption starts (``Police at the scene. (AP Photo/Jane
    Doe)``), as an offset into ``paragraph`` at the credit's first character; None if the
    paragraph ends with no credit or is nothing but one."""
    for pattern in rules.credit_tails:
        match = pattern.search(paragraph)
        if match is not None and paragraph[: match.start()].strip():
            return match.start() + len(match.group(0)) - len(match.group(0).lstrip())
    return None


def is_heading(paragraph: str, rules: CleaningRules) -> bool:
    """A section heading or rubric: a short line in capitals or title case with no closing
    punctuation (``FULL TEXT``, ``Baiting the Moderators``); a line in capitals of a few
    words may end with a full stop or colon (``LETTERS.``, ``ABSTRACT:``)."""
    words = paragraph.split()
    if not words or len(words) > rules.max_heading_words or "\n" in paragraph:
        return False
    closed = TERMINAL.search(paragraph) is not None or paragraph.endswith((":", ";", ","))
    if in_capitals(paragraph, rules):
        short_rubric = len(words) <= rules.max_caps_rubric_words and paragraph[-1] in ".:"
        return not closed or short_rubric
    if closed or any(rules.table_number.fullmatch(w) for w in words):
        return False
    return paragraph[0].isupper() and title_case(paragraph, 2)


def number_share(paragraph: str, rules: CleaningRules) -> float:
    """The share of a line's words that are numbers or scores (``3``, ``2-1``, ``.556``)."""
    words = paragraph.split()
    if not words:
        return 0.0
    return sum(1 for w in words if rules.table_number.fullmatch(w)) / len(words)


def is_table_row(paragraph: str, rules: CleaningRules) -> bool:
    """A row of a results table: a short line with a capitalised name and numbers
    (``Pohang 3 Ulsan 2 ( halftime 1-0 )``, ``NEW YORK 74 59 .556 -``)."""
    words = paragraph.split()
    if not words or len(words) > rules.max_table_row_words or "\n" in paragraph:
        return False
    has_name = any(w[0].isupper() and any(c.isalpha() for c in w) for w in words)
    return has_name and number_share(paragraph, rules) >= rules.min_table_number_share


def table_paragraphs(texts: list[str], candidates: list[int], rules: CleaningRules) -> set[int]:
    """The paragraphs (of ``candidates``, indices into ``texts`` in order) that make up
    results tables: runs of consecutive rows, with the short lines in capitals among and
    around them (``EASTERN DIVISION``, ``W L PCT GB``), holding at least the minimum of
    rows."""
    found: set[int] = set()
    run: list[int] = []
    rows = 0
    for i in [*candidates, None]:
        row = i is not None and is_table_row(texts[i], rules)
        filler = i is not None and not row and _table_filler(texts[i], rules)
        consecutive = i is not None and (not run or i == run[-1] + 1)
        if (row or filler) and consecutive:
            run.append(i)
            rows += row
            continue
        if rows >= rules.min_table_rows:
            found.update(run)
        run, rows = ([i], int(row)) if i is not None and (row or filler) else ([], 0)
    return found


def _table_filler(paragraph: str, rules: CleaningRules) -> bool:
    """A short line in capitals inside a table: a header, a division, a fixture."""
    words = paragraph.split()
    return 0 < len(words) <= rules.max_heading_words and in_capitals(paragraph, rules)


def bare_word(word: str) -> str:
    """A word without surrounding punctuation or a possessive ending, lower-cased."""
    return POSSESSIVE.sub("", word.strip(EDGE_PUNCTUATION)).lower()


def reads_like_headline(line: str, rules: CleaningRules) -> bool:
    """Whether a line that ends like a sentence is a headline rather than a lead: short, no
    word of a lead (a weekday, ``said``, ``according``) and at most a few weak signs of one
    (an article opening it, finite auxiliaries: ``A man was arrested``)."""
    words = [bare_word(w) for w in line.split()]
    words = [w for w in words if w]
    if not words or len(words) > rules.max_title_line_words:
        return False
    if any(w in rules.lead_words for w in words):
        return False
    weak = int(words[0] in rules.lead_openers) + sum(w in rules.lead_weak_words for w in words)
    return weak <= rules.max_lead_weak
