"""Mentions that list dates, split into one TIMEX3 per date.

A DATE mention that lists dates (``April 24 and 25``, ``June 17, two days before``) is split
into one mention per date when every part is a temporal expression on its own (a bare day
number takes the year and month of the date before it). A range is not a list: a mention
valued as a whole as an interval (``between 1992 and 1994`` -> ``1992/1994``) stays one
mention, as the contract writes ranges.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from pipeline.resources import load_resource
from pipeline.text.timex import Timex

Valuer = Callable[[str, Span], Timex | None]  # (text, the mention it is in) -> TIMEX3
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class _ListWords:
    joins: frozenset[str]  # "and", ",": between the dates of a list
    comma: str


@lru_cache(maxsize=1)
def _list_words() -> _ListWords:
    ranges = load_resource("temporal.toml")["ranges"]
    return _ListWords(joins=frozenset(ranges["list_joins"]), comma=ranges["comma"])


def split_date_lists(doc: Doc, value_of: Valuer, ents: Sequence[Span] | None = None) -> bool:
    """Split the DATE mentions that list dates (``April 24 and 25``) into one mention per
    date, valued by ``value_of`` (a part's text and the whole mention -> TIMEX3); True when
    a mention was split (``ents``: the document's mentions, when the caller has them)."""
    out: list[Span] = []
    split = False
    for ent in doc.ents if ents is None else ents:
        parts = _list_parts(ent, value_of) if ent.label_ == "DATE" else None
        if not parts:
            out.append(ent)
            continue
        out.extend(parts)
        split = True
    if split:
        doc.ents = out
    return split


def _list_parts(ent: Span, value_of: Valuer) -> list[Span] | None:
    """The dates a mention lists, valued, or None when it is not such a list."""
    words = _list_words()
    joins = [t.i for t in ent if t.lower_ in words.joins]
    if not joins:
        return None
    whole = value_of(ent.text, ent)
    if whole is not None and (
        "/" in whole.value or all(ent.doc[i].text == words.comma for i in joins)
    ):
        return None  # a range, or one date with commas ("Monday, Oct. 26")
    bounds, start = [], ent.start
    for i in [*joins, ent.end]:
        if i > start:
            bounds.append((start, i))
        start = i + 1
    if len(bounds) < 2:
        return None
    parts: list[Span] = []
    for start, end in bounds:
        span = Span(ent.doc, start, end, label="DATE")
        before = parts[-1]._.value if parts else None
        timex = _part_value(span.text, before, lambda text: value_of(text, ent))
        if timex is None:
            return None
        span._.value, span._.timex_type = timex.value, timex.type
        span._.approximate = timex.mod == "APPROX"
        span._.source = ent._.source
        parts.append(span)
    return parts


def _part_value(
    text: str, before: str | None, value_of: Callable[[str], Timex | None]
) -> Timex | None:
    """The value of one listed date; a bare day number (``25`` after ``April 24``) takes the
    year and month of the date before it."""
    if text.isdigit() and before and _DAY.fullmatch(before) and 1 <= int(text) <= 31:
        return Timex(f"{before[:8]}{int(text):02d}", "DATE")
    timex = value_of(text)
    return None if timex is None or "/" in timex.value else timex
