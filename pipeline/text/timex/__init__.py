"""TimeML TIMEX3 normalisation of temporal expressions found in news.

`normalise` turns the text of a temporal expression (typically a spaCy DATE or TIME
entity) into a TIMEX3 type and value, anchored on the article's publication date.

Conventions (TimeML TIMEX3):

* dates at their granularity: ``2020-07-22``, ``2020-07``, ``2020``, ``2020-W30``,
  ``2020-W29-WE`` (weekend), ``2020-SU`` (seasons SP SU FA WI, winter Y = Dec Y - Feb Y+1),
  ``2020-Q1``, ``2019-H1``, ``199`` (the 1990s), ``19`` (the 20th century);
* ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF`` for vague references;
* durations ``P3Y``, ``P2D``, ``PT24H``, ``P10Y`` (a decade), vague ``PXY``, ``PXDE``;
* ranges as ISO intervals ``1992/1994`` (type DATE);
* times ``2020-07-22T15:00``, ``2020-07-22TMO`` (MO AF EV NI), type TIME;
* sets ``P1W`` (weekly), ``XXXX-WXX-1`` (every Monday), type SET.

The publication date is the only anchor: today's date is never used. Without an anchor,
the parts that cannot be known are X-ed (``XXXX-07-22``, ``XXXX-WXX-3``, ``XXXX``).
All language knowledge lives in ``pipeline/resources/temporal.toml``; number words are read
by :mod:`pipeline.text.numbers`.

Modules: :mod:`.resources` (temporal.toml, text cleaning), :mod:`.core` (values, rule loop),
:mod:`.anchoring` (calendar arithmetic), :mod:`.quantities` (quantities of units),
:mod:`.rules_relative`, :mod:`.rules_calendar` and :mod:`.rules_compound` (the rules).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pipeline.text.timex.core import Ctx, Timex, parse
from pipeline.text.timex.resources import clean

__all__ = ["Timex", "normalise", "preload"]

_TENSES = ("past", "present", "future")
_MAX_LENGTH = 100  # longer texts are not temporal expressions
_OUT_OF_RANGE = re.compile(r"-|\d{5}|\d{4}\d")  # years before 0 or after 9999


def normalise(text: str, anchor: dt.date | None, tense: str | None = None) -> Timex | None:
    """TIMEX3 for a temporal expression, anchored on the publication date.

    tense: 'past', 'present', 'future' or None (from the governing verb, decided by the
    caller). Returns None when the text is not a temporal expression that can be
    normalised (e.g. "the day", "time").
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    if tense not in _TENSES:
        tense = None
    return _normalise_cached(text, anchor, tense)


def preload() -> None:
    """Load what the first parses would build (the rules, their patterns and word lists, and
    the date parser's languages and time zones), so that a component pays it when it is
    made."""
    from pipeline.text.timex import core, resources, rules_calendar, rules_compound, rules_relative

    resources.res()
    core.rules()
    for module in (rules_calendar, rules_compound, rules_relative):
        module._patterns()
    rules_calendar.preload_dateparser()


@lru_cache(maxsize=8192)
def _normalise_cached(text: str, anchor: dt.date | None, tense: str | None) -> Timex | None:
    s = clean(text)
    if not s or len(s) > _MAX_LENGTH:
        return None
    try:
        timex = parse(s, Ctx(anchor, tense))
    except (OverflowError, ValueError):  # a date shifted out of the calendar's range
        return None
    if timex is None or _OUT_OF_RANGE.match(timex.value):
        return None
    return timex
