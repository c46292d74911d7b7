"""Quotation marks: the stretches of a paragraph between an opening and a closing mark.

Which characters open and close a quotation comes from ``quotes.toml`` (``[marks]``); marks may
be several characters long (``''`` and ``` `` ``` in older wire copy).
"""

from __future__ import annotations

from dataclasses import dataclass

# Characters before an opening mark that still let it open (besides white space).
OPEN_AFTER = "([{—–-/:;,"
# Closing marks that are the same character as their opening mark.
SYMMETRIC = frozenset({'"', "''", "”"})


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
) -> list[Stretch]:
    """Quoted stretches in ``text[start:end]`` (one paragraph); an unclosed one runs to the end.

    Marks may be several characters long (``''`` and ``` `` ``` in older wire copy); marks in
    ``paragraph_openers`` open a quotation only at the paragraph's start (a closing ``”``
    typed where ``“`` belongs).
    """
    openers = sorted(marks, key=len, reverse=True)
    found: list[Stretch] = []
    open_at: int | None = None
    open_len = 1
    closing = ""
    i = start
    while i < end:
        if open_at is None:
            mark = next((m for m in openers if text.startswith(m, i)), None)
            usable = mark is not None and (mark not in paragraph_openers or i == start)
            if usable and mark is not None and _can_open(text, i, start, len(mark)):
                open_at, open_len, closing = i, len(mark), marks[mark]
                i += len(mark)
                continue
        elif text.startswith(closing, i) and _can_close(text, i + len(closing), end, closing):
            found.append(_stretch(text, open_at, i, open_at + open_len, i, close_len=len(closing)))
            open_at = None
            i += len(closing)
            continue
        i += 1
    if open_at is not None:
        found.append(_stretch(text, open_at, None, open_at + open_len, end))
    return [s for s in found if s.end > s.start]


def _can_open(text: str, i: int, start: int, length: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + length] if i + length < len(text) else " "
    return (before.isspace() or before in OPEN_AFTER) and not after.isspace()


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
