"""The reference (publication) date of an article, found rather than assumed.

In this order: the metadata date (set before the cleaner runs), the dateline's date (a
year-less one, ``WASHINGTON, July 22 -``, gets its year from weekdays the text states with a
month and day, ``inferred``, when exactly one year near the years the text names fits), a full
date the article states about itself near its top (``Published Feb. 8, 2016``, a date alone on
a line, a byline with a date: ``text``), a date in the file name (``2016-02-08_story``:
``filename``), the configured default (``config``), else none. Today's date is never used.
The patterns live in ``cleaning.toml`` (``[reference_date]``); dates are normalised by
:mod:`pipeline.text.timex` (which uses dateparser).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.resources import load_resource
from pipeline.text.timex import normalise
from pipeline.text.timex.resources import res

__all__ = ["ReferenceRules", "filename_date", "infer_year", "load_reference_rules", "resolve"]

ISO_DAY = re.compile(r"(\d{4}|XXXX)-(\d{2})-(\d{2})")


@dataclass(frozen=True, eq=False)
class ReferenceRules:
    """Compiled ``[reference_date]`` patterns of ``cleaning.toml``."""

    top_lines: int
    lines: tuple[re.Pattern[str], ...]
    file_names: tuple[re.Pattern[str], ...]
    weekday_dates: tuple[re.Pattern[str], ...]
    years: re.Pattern[str]
    year_span: int


@lru_cache(maxsize=8)
def load_reference_rules(resources: str = "") -> ReferenceRules:
    """The ``[reference_date]`` section of the cleaning resource file (``resources``, else the
    built-in one; a file without the section uses the built-in section)."""
    section = load_resource("cleaning.toml", resources).get("reference_date")
    if section is None:
        section = load_resource("cleaning.toml")["reference_date"]
    parts = {name: section[name] for name in ("weekday", "month", "time")}
    parts["date"] = _fill(section["date"], parts)

    def compile_all(key: str, flags: int = 0) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(_fill(p, parts), flags) for p in section.get(key, []))

    return ReferenceRules(
        top_lines=int(section["top_lines"]),
        lines=compile_all("lines", re.IGNORECASE),
        file_names=compile_all("file_names"),
        weekday_dates=compile_all("weekday_dates"),
        years=re.compile(section["years"]),
        year_span=int(section["year_span"]),
    )


def _fill(pattern: str, parts: dict[str, Any]) -> str:
    for name, part in parts.items():
        pattern = pattern.replace("{" + name + "}", part)
    return pattern


def _day(words: str) -> tuple[int | None, int, int] | None:
    """Year (None when the words give none), month and day of a date's words, via timex."""
    timex = normalise(words, None)
    match = ISO_DAY.match(timex.value) if timex else None
    if match is None:
        return None
    year = None if match.group(1) == "XXXX" else int(match.group(1))
    return year, int(match.group(2)), int(match.group(3))


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def text_date(text: str, rules: ReferenceRules) -> dt.date | None:
    """A full date the article states about itself on one of its top lines."""
    top = [line.strip() for line in text.split("\n") if line.strip()][: rules.top_lines]
    for line in top:
        for pattern in rules.lines:
            match = pattern.fullmatch(line)
            found = _day(match.group("date")) if match else None
            if found is not None and found[0] is not None:
                date = _date(*found)
                if date is not None:
                    return date
    return None


def filename_date(name: str, rules: ReferenceRules) -> dt.date | None:
    """A date in a file name or document id (``2016-02-08_story``, ``story_20160208``)."""
    for pattern in rules.file_names:
        for match in pattern.finditer(name or ""):
            date = _date(int(match["y"]), int(match["m"]), int(match["d"]))
            if date is not None:
                return date
    return None


def _weekday_dates(text: str, rules: ReferenceRules) -> list[tuple[int, int, int]]:
    """(month, day, ISO weekday) of every weekday stated with a year-less date."""
    weekdays = res().weekdays
    found = []
    for pattern in rules.weekday_dates:
        for match in pattern.finditer(text):
            weekday = weekdays.get(match["weekday"].lower().rstrip("."))
            day = _day(match["date"])
            if weekday is not None and day is not None and day[0] is None:
                found.append((day[1], day[2], weekday))
    return found


def _fits(year: int, month: int, day: int, stated: list[tuple[int, int, int]]) -> bool:
    """Whether the dateline date in ``year`` agrees with every stated weekday, each stated
    date taken in the year that puts it nearest the dateline date."""
    anchor = _date(year, month, day)
    if anchor is None:
        return False
    for m, d, weekday in stated:
        options = [x for y in (year - 1, year, year + 1) if (x := _date(y, m, d)) is not None]
        if not options:
            return False
        nearest = min(options, key=lambda x: abs((x - anchor).days))
        if nearest.isoweekday() != weekday:
            return False
    return True


def infer_year(
    month: int, day: int, text: str, rules: ReferenceRules, default: dt.date | None = None
) -> int | None:
    """The one year near the years ``text`` names (and ``default``'s) in which the weekdays the
    text states with year-less dates fall as stated; None when none or several fit."""
    stated = _weekday_dates(text, rules)
    if not stated:
        return None
    named = {int(m.group(0)) for m in rules.years.finditer(text)}
    if default is not None:
        named.add(default.year)
    span = rules.year_span
    window = {y + k for y in named for k in range(-span, span + 1)}
    fitting = [y for y in sorted(window) if _fits(y, month, day, stated)]
    return fitting[0] if len(fitting) == 1 else None


def resolve(
    text: str,
    dateline_date: str | None,
    name: str | None,
    default: dt.date | None,
    rules: ReferenceRules,
) -> tuple[dt.date | None, str]:
    """The reference date of an article without a metadata date, and where it came from:
    ``dateline``, ``inferred``, ``text``, ``filename``, ``config`` or ``none``."""
    partial = _day(dateline_date) if dateline_date else None
    if partial is not None and partial[0] is not None and (date := _date(*partial)):
        return date, "dateline"
    if partial is not None:
        year = infer_year(partial[1], partial[2], text, rules, default)
        if year is not None and (date := _date(year, partial[1], partial[2])):
            return date, "inferred"
    if (date := text_date(text, rules)) is not None:
        return date, "text"
    if (date := filename_date(name or "", rules)) is not None:
        return date, "filename"
    if partial is not None and default is not None:
        date = _date(default.year, partial[1], partial[2])
        if date is not None:
            return date, "dateline"
    if default is not None:
        return default, "config"
    return None, "none"
