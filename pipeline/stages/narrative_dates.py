"""Dates that refer back to the narrative's time: ``that day``, ``ended the day``, ``later that
year``, and one unit after it: ``the following month``, ``the next morning``. Their value is
the latest date named before them in the article, at their own granularity (one unit later
for the second kind), else the publication date's (``[narrative_dates]`` of ``temporal.toml``).

``the day`` after ``on Monday`` (``2008-10-27``) is ``2008-10-27``; ``that year`` after
``in March 1998`` is ``1998``. Weeks are taken from a full date named before, as ISO weeks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from pipeline.resources import load_resource

FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True)
class NarrativeRules:
    """The phrase pattern and the characters of a value kept at each granularity."""

    pattern: re.Pattern[str]
    granularity: dict[str, int]
    following: re.Pattern[str]  # "the following month": one unit after the narrative's
    following_units: dict[str, str]  # "morning" -> "day"


@lru_cache(maxsize=1)
def load_narrative_rules() -> NarrativeRules:
    """The built-in ``[narrative_dates]`` of ``temporal.toml``."""
    data = load_resource("temporal.toml")["narrative_dates"]
    return NarrativeRules(
        re.compile(data["pattern"]),
        dict(data["granularity"]),
        re.compile(data["following"]),
        dict(data["following_units"]),
    )


def narrative_dates(dates: list[Span], anchor: dt.date | None) -> None:
    """Value the narrative references among ``dates`` (DATE and TIME mentions in order)."""
    rules = load_narrative_rules()
    latest = anchor.isoformat() if anchor else None
    latest_by_size = {size: latest for size in rules.granularity.values()}
    for ent in dates:
        value = (ent._.value or "")[:10]
        if value and DATED.fullmatch(value):
            for size in latest_by_size:
                if len(value) >= size:
                    latest_by_size[size] = value
            continue
        if ent._.value:
            continue
        text = " ".join(ent.text.lower().split())
        m = rules.pattern.fullmatch(text)
        after = rules.following.fullmatch(text) if m is None else None
        if m is None and after is None:
            continue
        if m is not None:
            unit = "day" if m["day"] else m["unit"]
        else:
            unit = rules.following_units.get(after["unit"], after["unit"])
        size = rules.granularity[unit]
        source = latest_by_size[size]
        resolved = _at_granularity(source, unit, size) if source else None
        if resolved is not None and after is not None:
            resolved = _next(resolved, unit)
        if resolved is not None:
            ent._.value, ent._.timex_type = resolved, "DATE"


def _at_granularity(value: str, unit: str, size: int) -> str | None:
    """``2008-10-27`` as a day, week (``2008-W44``), month or year; None when too coarse."""
    if unit == "week":
        if not FULL_DATE.fullmatch(value):
            return None
        year, week, _ = dt.date.fromisoformat(value).isocalendar()
        return f"{year}-W{week:02d}"
    return value[:size] if len(value) >= size else None


def _next(value: str, unit: str) -> str | None:
    """The day, week, month or year after ``value`` (a value at that unit's granularity)."""
    if unit == "day":
        return (dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat()
    if unit == "week":
        year, week = (int(x) for x in value.split("-W"))
        monday = dt.date.fromisocalendar(year, week, 1) + dt.timedelta(weeks=1)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        year, month = (int(x) for x in value.split("-"))
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    return f"{int(value) + 1:04d}" if unit == "year" else None
