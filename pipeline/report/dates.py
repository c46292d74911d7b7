"""TIMEX3 values as calendar days, for plotting."""

from __future__ import annotations

import datetime as dt
import re

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?!\d)")
_YEAR = re.compile(r"^(\d{4})(?![\d-]|-[A-Z])")


def timex_start(value: str | None) -> dt.date | None:
    """The first day of the period a TIMEX3 value names, when it names a calendar period:
    ``2020-07-12`` (also with a time), ``2020-07`` -> July 1, ``2020-W30`` -> its Monday,
    ``2020-Q3`` -> July 1, ``2020`` and ranges ``1992/1994`` -> January 1 of the first year.
    Others (durations, ``PRESENT_REF``, ``XXXX-07-22``, seasons) are None."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _WEEK.match(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m := _QUARTER.match(value):
            return dt.date(int(m[1]), 3 * int(m[2]) - 2, 1)
        if m := _MONTH.match(value):
            return dt.date(int(m[1]), int(m[2]), 1)
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1)
    except ValueError:
        return None
    return None
