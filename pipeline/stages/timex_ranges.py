"""Worded date ranges as two TIMEX3 expressions, as TimeML marks them.

The normaliser values a range as an ISO interval (``between 1992 and 1994`` -> ``1992/1994``).
TimeML has no interval value: each end is its own TIMEX3 (``between [1992] and [1994]``,
``from [Aug. 26] to [Oct. 20]``, ``[April 24] and [25]``). A DATE mention valued as an
interval whose ends are joined by a word (``[ranges]`` of ``temporal.toml``) is split into
two DATE mentions, each valued at its end; the leading ``between`` or ``from`` belongs to
neither. Ranges written with a hyphen (``1992-1994``, ``July 12-14``) stay one mention.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from pipeline.resources import load_resource


@dataclass(frozen=True)
class _RangeWords:
    joins: frozenset[str]  # "and", "to", "through": between the two ends
    leads: frozenset[str]  # "between", "from": before the first end


@lru_cache(maxsize=1)
def _range_words() -> _RangeWords:
    ranges = load_resource("temporal.toml")["ranges"]
    between, and_ = ranges["between"]
    joins = {and_, *(w for w in ranges["to"] if w.isalpha())}
    return _RangeWords(joins=frozenset(joins), leads=frozenset({between, ranges["from"]}))


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
