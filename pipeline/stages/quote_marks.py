"""Quotation marks: the stretches of a paragraph between an opening and a closing mark.

Which characters open and close a quotation comes from ``quotes.toml`` (``[marks]``); marks may
be several characters long (``''`` and ``` `` ``` in older wire copy). Copy that mixes curly and
straight marks (``“... FBI," Chaffetz said``) closes with the mark typed in closing position
(``[stray_closings]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters before an opening mark that still let it open (besides white space).
OPEN_AFTER = "([{—–-/:;,"
# Closing marks that are the same character as their opening mark.
SYMMETRIC = frozenset({'"', "''", "”"})
# What may follow a paragraph opener (a closing mark typed where an opening one belongs) that
# opens a quotation inside a paragraph: an ellipsis resuming a cut quotation ("bad. ” … what").
RESUMING = ("…", "...", " …", " ...")


@dataclass(frozen=True)
class Stretch:
    """Text between quotation marks: ``start``/``end`` exclude the marks."""

    open_at: int
    close_at: int | None
    start: int
    end: int
    close_len: int = 1

    @property
    def outer_end(self) -> int:
        """End of the stretch including its closing mark (or of the content if unclosed)."""
        return self.close_at + self.close_len if self.close_at is not None else self.end


def find_stretches(
    text: str,
    start: int,
    end: int,
    marks: dict[str, str],
    paragraph_openers: frozenset[str] = frozenset(),
    stray_closings: dict[str, tuple[str, ...]] | None = None,
) -> list[Stretch]:
    """Quoted stretches in ``text[start:end]`` (one paragraph); an unclosed one runs to the end.

    Marks may be several characters long (``''`` and ``` `` ``` in older wire copy); marks in
    ``paragraph_openers`` open a quotation only at the paragraph's start (a closing ``”``
    typed where ``“`` belongs), or inside it before an ellipsis (``” … what I learned``).
    ``stray_closings`` maps an opening mark to other marks that also close it when typed in
    closing position: after a non-space character and before a non-letter (``“... FBI,"``).
    A stage that reads many paragraphs keeps a :class:`MarkScanner` instead.
    """
    return MarkScanner(marks, paragraph_openers, stray_closings).stretches(text, start, end)


class MarkScanner:
    """:func:`find_stretches` with its marks compiled once: characters where no mark starts
    are skipped by a regular expression instead of trying every mark on each of them."""

    def __init__(
        self,
        marks: dict[str, str],
        paragraph_openers: frozenset[str] = frozenset(),
        stray_closings: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.marks = marks
        self.paragraph_openers = paragraph_openers
        self.stray_closings = stray_closings or {}
        # longest first: the first that matches at a position is the one taken
        self.opening = _any_of(sorted(marks, key=len, reverse=True))
        self.closers = {
            mark: _any_of([closing, *self.stray_closings.get(mark, ())])
            for mark, closing in marks.items()
        }

    def stretches(self, text: str, start: int, end: int) -> list[Stretch]:
        """Quoted stretches in ``text[start:end]`` (see :func:`find_stretches`)."""
        found: list[Stretch] = []
        open_at: int | None = None
        open_len = 1
        mark = closing = ""
        i = start
        while i < end:
            pattern = self.opening if open_at is None else self.closers[mark]
            match = pattern.search(text, i)
            if match is None or match.start() >= end:
                break  # no mark that could open or close before the paragraph's end
            i = match.start()
            if open_at is None:
                found_mark = match.group()
                if self._opens(text, i, start, found_mark):
                    open_at, open_len, mark = i, len(found_mark), found_mark
                    closing = self.marks[mark]
                    i += len(mark)
                    continue
            else:
                close = self._close(text, i, start, end, open_at + open_len, mark, closing)
                if close is not None:
                    found.append(_stretch(text, open_at, i, open_at + open_len, i, len(close)))
                    open_at = None
                    i += len(close)
                    continue
            i += 1
        if open_at is not None:
            found.append(_stretch(text, open_at, None, open_at + open_len, end))
        return [s for s in found if s.end > s.start]

    def _opens(self, text: str, i: int, start: int, mark: str) -> bool:
        """Whether ``mark`` at ``i`` opens a quotation."""
        usable = (
            mark not in self.paragraph_openers or i == start or _resumes(text, i, start, len(mark))
        )
        return usable and (
            _can_open(text, i, start, len(mark)) or _resumes(text, i, start, len(mark))
        )

    def _close(
        self, text: str, i: int, start: int, end: int, inner: int, mark: str, closing: str
    ) -> str | None:
        """The mark at ``i`` that closes the quotation opened by ``mark`` (content from
        ``inner``), if one does."""
        close = closing if text.startswith(closing, i) else None
        if close is None or not _can_close(text, i + len(close), end, close):
            close = next(
                (
                    m
                    for m in self.stray_closings.get(mark, ())
                    if _stray_closes(text, i, start, end, m)
                    and not _nested(text, inner, i, m, self.marks)
                ),
                None,
            )
        return close


def _any_of(marks: list[str]) -> re.Pattern[str]:
    """A pattern matching any of ``marks``, the first listed first at a position."""
    return re.compile("|".join(re.escape(m) for m in marks) if marks else "(?!)")


def _can_open(text: str, i: int, start: int, length: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + length] if i + length < len(text) else " "
    return (before.isspace() or before in OPEN_AFTER) and not after.isspace()


def _resumes(text: str, i: int, start: int, length: int) -> bool:
    """A mark after white space that resumes a cut quotation with an ellipsis."""
    after_space = i == start or text[i - 1].isspace()
    return after_space and text.startswith(RESUMING, i + length)


def _stray_closes(text: str, i: int, start: int, end: int, mark: str) -> bool:
    """Whether ``mark`` at ``i`` sits in closing position: after a non-space character, before
    the paragraph's end or a character that is not a letter or digit."""
    if not text.startswith(mark, i) or i == start or text[i - 1].isspace():
        return False
    after = i + len(mark)
    return after >= end or not text[after].isalnum()


def _nested(text: str, start: int, i: int, mark: str, marks: dict[str, str]) -> bool:
    """Whether ``mark`` at ``i`` closes a quotation nested since ``start`` (``"... chanting
    “U-S-A!”``): more marks that ``mark`` closes have opened there than it has closed."""
    inner = text[start:i]
    opened = sum(inner.count(m) for m, c in marks.items() if c == mark and m != mark)
    return opened > inner.count(mark)


def _can_close(text: str, after_at: int, end: int, closing: str) -> bool:
    """Marks that look the same open and close (straight, doubled apostrophe) close only
    before a non-letter."""
    if closing not in SYMMETRIC:
        return True
    after = text[after_at] if after_at < end else " "
    return not after.isalnum()


def _stretch(
    text: str, open_at: int, close_at: int | None, start: int, end: int, close_len: int = 1
) -> Stretch:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Stretch(open_at, close_at, start, end, close_len)


def quoted_coverage(length: int, stretches: list[Stretch]) -> list[bool]:
    """For every character offset of the text, whether it lies in a quotation (marks
    included)."""
    covered = [False] * (length + 1)
    for stretch in stretches:
        for i in range(stretch.open_at, min(stretch.outer_end, length)):
            covered[i] = True
    return covered
