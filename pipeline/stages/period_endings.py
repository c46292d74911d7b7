"""Reporting periods named by their end: ``the quarter ended Sept. 30`` is two temporal
expressions, the period (``the quarter`` = ``1989-Q3``) and its end date (``Sept. 30``), as
TimeBank marks them. The model tags the whole phrase as one DATE; it is split here, and the
period is valued from its end date once values are read (``[period_endings]`` of
``temporal.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from pipeline.resources import load_resource
from pipeline.stages.timex_mentions import mentions_of, set_mentions
from pipeline.text.timex.quantities import ordinal

FULL_DATE = re.compile(r"(\d{4})-(\d{2})-\d{2}")


@dataclass(frozen=True)
class PeriodEndingWords:
    """The ``[period_endings]`` word lists."""

    verbs: frozenset[str]
    periods: frozenset[str]
    quarters: frozenset[str]
    years: frozenset[str]


@lru_cache(maxsize=1)
def period_ending_words() -> PeriodEndingWords:
    """The word lists, loaded once."""
    data = load_resource("temporal.toml")["period_endings"]
    return PeriodEndingWords(
        frozenset(data["verbs"]),
        frozenset(data["period_words"]),
        frozenset(data["quarter_words"]),
        frozenset(data["year_words"]),
    )


def split_period_endings(doc: Doc, mentions: Sequence[Span] | None = None) -> list[Span]:
    """Split ``the quarter ended Sept. 30`` into ``the quarter`` and ``Sept. 30``.
    ``mentions``, and the result: see :func:`~pipeline.stages.timex_mentions.mentions_of`."""
    words = period_ending_words()
    ents: list[Span] = []
    changed = False
    old = mentions_of(doc, mentions)
    for ent in old:
        k = _ending_verb(ent, words)
        if k is None:
            ents.append(ent)
            continue
        for start, end in ((ent.start, k), (k + 1, ent.end)):
            part = Span(doc, start, end, label="DATE")
            part._.source = "news_values"
            ents.append(part)
        changed = True
    return set_mentions(doc, ents) if changed else old


def _ending_verb(ent: Span, words: PeriodEndingWords) -> int | None:
    """Index of ``ended`` between a period word and a date inside a DATE mention."""
    if ent.label_ != "DATE":
        return None
    for token in ent[1:-1]:
        if token.lower_ in words.verbs:
            before = ent.doc[ent.start : token.i]
            if any(t.lower_ in words.periods for t in before):
                return token.i
    return None


def value_period_endings(doc: Doc, mentions: Sequence[Span] | None = None) -> None:
    """Value each period followed by ``ended`` and a full date from that date
    (``mentions``: the document's, when the caller has them)."""
    words = period_ending_words()
    ents = mentions_of(doc, mentions)
    for period, end in zip(ents, ents[1:], strict=False):
        if period.label_ != "DATE" or end.start - period.end != 1:
            continue  # not one word between them
        if doc[period.end].lower_ not in words.verbs:
            continue
        found = FULL_DATE.match(end._.value or "")
        if found is None:
            continue
        head = period.root.lower_
        if head in words.quarters:
            number = _quarter_number(period) or (int(found[2]) - 1) // 3 + 1
            period._.value, period._.timex_type = f"{found[1]}-Q{number}", "DATE"
        elif head in words.years:
            period._.value, period._.timex_type = "P1Y", "DURATION"


def _quarter_number(period: Span) -> int | None:
    """The quarter's own number (``the fourth quarter``), if written."""
    for token in period:
        n = ordinal(token.lower_)
        if n is not None and 1 <= n <= 4:
            return n
    return None
