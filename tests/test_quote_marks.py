"""The compiled mark scanner finds exactly the stretches of the plain character-by-character
scan it replaced (kept here as the reference)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.quote_marks import (
    MarkScanner,
    Stretch,
    _can_close,
    _can_open,
    _nested,
    _resumes,
    _stray_closes,
    _stretch,
    find_stretches,
)
from pipeline.stages.quote_rules import load_rules


def reference_stretches(
    text: str,
    start: int,
    end: int,
    marks: dict[str, str],
    paragraph_openers: frozenset[str],
    stray_closings: dict[str, tuple[str, ...]],
) -> list[Stretch]:
    """Every mark tried at every character, as the stage did before the scanner."""
    openers = sorted(marks, key=len, reverse=True)
    found: list[Stretch] = []
    open_at, open_len, closing, strays = None, 1, "", ()
    i = start
    while i < end:
        if open_at is None:
            mark = next((m for m in openers if text.startswith(m, i)), None)
            usable = mark is not None and (
                mark not in paragraph_openers or i == start or _resumes(text, i, start, len(mark))
            )
            if (
                usable
                and mark is not None
                and (_can_open(text, i, start, len(mark)) or _resumes(text, i, start, len(mark)))
            ):
                open_at, open_len, closing = i, len(mark), marks[mark]
                strays = stray_closings.get(mark, ())
                i += len(mark)
                continue
        else:
            close = closing if text.startswith(closing, i) else None
            if close is None or not _can_close(text, i + len(close), end, close):
                close = next(
                    (
                        m
                        for m in strays
                        if _stray_closes(text, i, start, end, m)
                        and not _nested(text, open_at + open_len, i, m, marks)
                    ),
                    None,
                )
            if close is not None:
                found.append(_stretch(text, open_at, i, open_at + open_len, i, len(close)))
                open_at = None
                i += len(close)
                continue
        i += 1
    if open_at is not None:
        found.append(_stretch(text, open_at, None, open_at + open_len, end))
    return [s for s in found if s.end > s.start]


RULES = load_rules()
SCANNER = MarkScanner(RULES.marks, RULES.paragraph_openers, RULES.stray_closings)
PIECES = [*RULES.marks, *RULES.marks.values(), "a", "Bc", " ", ",", ".", "…", "...", "\n", "-"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=40),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=5),
)
def test_scanner_finds_what_the_plain_scan_finds(pieces: list[str], cut: int, trim: int) -> None:
    text = "".join(pieces)
    start, end = min(cut, len(text)), max(min(cut, len(text)), len(text) - trim)
    expected = reference_stretches(
        text, start, end, RULES.marks, RULES.paragraph_openers, RULES.stray_closings
    )
    assert SCANNER.stretches(text, start, end) == expected


def test_find_stretches_on_a_paragraph() -> None:
    text = "He said “we will win,” and left. ''Old wire copy,'' it read."
    found = find_stretches(
        text, 0, len(text), RULES.marks, RULES.paragraph_openers, RULES.stray_closings
    )
    assert [text[s.start : s.end] for s in found] == ["we will win,", "Old wire copy,"]
