"""Worded date ranges as two TIMEX3 expressions, as TimeML marks them.

The normaliser values a range as an ISO interval (``between 1992 and 1994`` -> ``1992/1994``).
TimeML has no interval value: each end is its own TIMEX3 (``between [1992] and [1994]``,
``from [Aug. 26] to [Oct. 20]``, ``[April 24] and [25]``). A DATE mention valued as an
interval whose ends are joined by a word (``[ranges]`` of ``temporal.toml``) is split into
two DATE mentions, each valued at its end; the leading ``between`` or ``from`` belongs to
neither. Ranges written with a hyphen (``1992-1994``, ``July 12-14``) stay one mention.
Likewise a mention that lists dates (``April 24 and 25``, ``June 17, two days before``) is
split into one mention per date when every part is a temporal expression on its own (a bare
day number takes the month of the date before it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from pipeline.resources import load_resource
from pipeline.text.timex import Timex

Valuer = Callable[[str, Span], Timex | None]  # (text, the mention it is in) -> TIMEX3
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class _RangeWords:
    joins: frozenset[str]  # "and", "to", "through": between the two ends
    leads: frozenset[str]  # "between", "from": before the first end
    list_joins: frozenset[str]  # "and", ",": between the dates of a list
    comma: str


@lru_cache(maxsize=1)
def _range_words() -> _RangeWords:
    ranges = load_resource("temporal.toml")["ranges"]
    between, and_ = ranges["between"]
    joins = {and_, *(w for w in ranges["to"] if w.isalpha())}
    return _RangeWords(
        joins=frozenset(joins),
        leads=frozenset({between, ranges["from"]}),
        list_joins=frozenset(ranges["list_joins"]),
        comma=ranges["comma"],
    )


def split_worded_ranges(doc: Doc) -> bool:
    """Split the DATE mentions valued as an interval whose ends a word joins; True when a
    mention was split."""
    out: list[Span] = []
    split = False
    for ent in doc.ents:
        parts = _ends(ent) if ent.label_ == "DATE" else None
        if parts is None:
            out.append(ent)
            continue
        out.extend(parts)
        split = True
    if split:
        doc.ents = out
    return split


def _ends(ent: Span) -> tuple[Span, Span] | None:
    """The two ends of an interval mention, valued, or None."""
    value = ent._.value or ""
    if value.count("/") != 1 or value.startswith("P"):
        return None
    words = _range_words()
    join = next((t.i for t in ent[1:-1] if t.lower_ in words.joins), None)
    if join is None:
        return None
    start = ent.start
    while start < join and ent.doc[start].lower_ in words.leads:
        start += 1
    if start == join:
        return None
    ends = (Span(ent.doc, start, join, label="DATE"), Span(ent.doc, join + 1, ent.end, "DATE"))
    for span, end_value in zip(ends, value.split("/"), strict=True):
        span._.value = end_value
        span._.timex_type = "DATE"
        span._.approximate = False
        span._.source = ent._.source
    return ends


def split_date_lists(doc: Doc, value_of: Valuer) -> bool:
    """Split the DATE mentions that list dates (``April 24 and 25``) into one mention per
    date, valued by ``value_of`` (a part's text and the whole mention -> TIMEX3); True when
    a mention was split."""
    out: list[Span] = []
    split = False
    for ent in doc.ents:
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
    words = _range_words()
    joins = [t.i for t in ent if t.lower_ in words.list_joins]
    if not joins or (
        all(ent.doc[i].text == words.comma for i in joins) and value_of(ent.text, ent)
    ):
        return None
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
