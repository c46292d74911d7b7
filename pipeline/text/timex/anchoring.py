"""Calendar arithmetic: placing periods without a year, shifting the anchor, named days."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from pipeline.text.timex.core import FULL_DATE, Ctx, X
from pipeline.text.timex.resources import res

# A period of a given year (first and last day), None when it does not exist that year.
Span = Callable[[int], tuple[dt.date, dt.date] | None]

# Keyword of the [holidays] spec syntax of temporal.toml: "easter+1" = Easter Monday.
EASTER = "easter"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) n months after the given month."""
    idx = year * 12 + month - 1 + n
    return idx // 12, idx % 12 + 1


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def week(d: dt.date) -> str:
    """ISO week value of a date: "2020-W30"."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def pick_year(ctx: Ctx, span: Span) -> int | None:
    """Year of a period given without year ("July 12", "July", "summer") for the anchor.

    The anchor's year, except: past tense and the period starts more than a few days
    after the anchor -> previous year; future tense and the period ended before the
    anchor -> next year; no tense and more than half a year away -> the nearer year.
    """
    a = ctx.anchor
    if a is None:
        return None
    conf = res().raw["anchoring"]
    before = span(a.year - 1)
    if before and before[0] <= a <= before[1]:  # a winter that started last year
        return a.year - 1
    here = span(a.year)
    if here is None:
        return None
    start, end = here
    if ctx.tense == "past":
        return a.year - 1 if (start - a).days > conf["past_slack_days"] else a.year
    if ctx.tense == "future":
        return a.year + 1 if end < a and not _just_reported(conf, start, end, a) else a.year
    if (start - a).days > conf["half_year_days"]:
        return a.year - 1
    if (a - end).days > conf["half_year_days"]:
        return a.year + 1
    return a.year


def _just_reported(conf: dict, start: dt.date, end: dt.date, anchor: dt.date) -> bool:
    """A quarter or half that ended shortly before the anchor, still being reported on."""
    return (end - start).days > conf["report_period_days"] and (
        (anchor - end).days <= conf["report_lag_days"]
    )


def relative_year(anchor: dt.date, span: Span, k: int) -> int | None:
    """Year of "last/this/next <month or season>": the nearest period ended before
    (k=-1), containing or else in the anchor's year (k=0), starting after (k=1)."""
    years = range(anchor.year - 2, anchor.year + 3)
    spans = {y: span(y) for y in years}
    if k < 0:
        done = [y for y, sp in spans.items() if sp and sp[1] < anchor]
        return max(done) if done else None
    if k > 0:
        todo = [y for y, sp in spans.items() if sp and sp[0] > anchor]
        return min(todo) if todo else None
    for y in (anchor.year - 1, anchor.year):
        sp = spans[y]
        if sp and sp[0] <= anchor <= sp[1]:
            return y
    return anchor.year


def month_span(month: int, day: int | None = None) -> Span:
    """A month, or one day of it, in any year."""

    def span(year: int) -> tuple[dt.date, dt.date] | None:
        if day is None:
            return dt.date(year, month, 1), month_end(year, month)
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        return d, d

    return span


def season_span(code: str) -> Span:
    """A season ("SU") in any year; winter Y runs into Y+1."""
    first, last = res().raw["season_months"][code]

    def span(year: int) -> tuple[dt.date, dt.date]:
        end_year = year + 1 if last < first else year
        return dt.date(year, first, 1), month_end(end_year, last)

    return span


def months_span(first: int, last: int) -> Span:
    """Months first..last in any year (a quarter, a half)."""

    def span(year: int) -> tuple[dt.date, dt.date]:
        return dt.date(year, first, 1), month_end(year, last)

    return span


def shift(ctx: Ctx, unit: str, n: int) -> str | None:
    """Value of the anchor shifted by n units, at that unit's granularity."""
    gran, factor = res().raw["unit_shifts"].get(unit, (unit, 1))
    if gran not in X:
        return None
    a = ctx.anchor
    if a is None:
        return X[gran]
    n *= factor
    if gran == "day":
        return (a + dt.timedelta(days=n)).isoformat()
    if gran == "week":
        return week(a + dt.timedelta(weeks=n))
    if gran == "month":
        y, m = add_months(a.year, a.month, n)
        return f"{y:04d}-{m:02d}"
    if gran == "quarter":
        y, m = add_months(a.year, a.month, 3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if gran == "year":
        return f"{a.year + n:04d}"
    if gran == "decade":
        return str(a.year // 10 + n)
    if gran == "century":
        return str(a.year // 100 + n)
    return None


def weekday(ctx: Ctx, wd: int, k: int | None) -> str:
    """Date of a weekday: k=-1 last (strictly before), 1 next (strictly after),
    None/0 by tense: future -> on or after the anchor, else on or before."""
    a = ctx.anchor
    if a is None:
        return f"XXXX-WXX-{wd}"
    back = (a.isoweekday() - wd) % 7
    ahead = (wd - a.isoweekday()) % 7
    if k == -1:
        return (a - dt.timedelta(days=back or 7)).isoformat()
    if k == 1:
        return (a + dt.timedelta(days=ahead or 7)).isoformat()
    if ctx.tense == "future":
        return (a + dt.timedelta(days=ahead)).isoformat()
    return (a - dt.timedelta(days=back)).isoformat()


def weekend(ctx: Ctx, k: int | None, this: bool = False) -> str:
    """ISO week of a weekend: last = previous week; next = the coming one; bare or
    "this" by tense (past: the most recent, future: the coming one; "this" without
    tense: the anchor's week)."""
    a = ctx.anchor
    if a is None:
        return X["weekend"]
    in_weekend = a.isoweekday() >= 6
    if k == -1:
        shift_weeks = -1
    elif k == 1:
        shift_weeks = 1 if in_weekend else 0
    elif ctx.tense == "future" or (this and ctx.tense is None):
        shift_weeks = 0
    else:
        shift_weeks = 0 if in_weekend else -1
    return week(a + dt.timedelta(weeks=shift_weeks)) + "-WE"


def holiday_date(name: str, year: int) -> dt.date | None:
    """Date of a named day in a year (see [holidays] in temporal.toml)."""
    spec = res().raw["holidays"].get(name)
    if isinstance(spec, list):
        month, wd, n = spec
        days = [
            d
            for d in (dt.date(year, month, 1) + dt.timedelta(days=i) for i in range(31))
            if d.month == month and d.isoweekday() == wd
        ]
        return days[n - 1 if n > 0 else n]
    if not isinstance(spec, str):
        return None
    if FULL_DATE.fullmatch(spec):
        return dt.date.fromisoformat(spec)
    m = re.fullmatch(r"(\d{2})-(\d{2})", spec)
    if m:
        return dt.date(year, int(m[1]), int(m[2]))
    m = re.fullmatch(r"([a-z ]+)([+-]\d+)", spec)
    if not m:
        return None
    if m[1] == EASTER:
        from dateutil.easter import easter

        base: dt.date | None = easter(year)
    else:
        base = holiday_date(m[1], year)
    return base + dt.timedelta(days=int(m[2])) if base else None
