"""The TIMEX3 value, the context of a rule and the rule loop that the rule modules recurse into."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from pipeline.text.timex.resources import stages


@dataclass(frozen=True)
class Timex:
    """A normalised temporal expression (TimeML TIMEX3 attributes)."""

    value: str  # "2020-07-12", "P3Y", "1992/1994", "PRESENT_REF", "XXXX-07-12"
    type: str  # "DATE", "TIME", "DURATION", "SET"
    mod: str | None = None  # "START", "MID", "END", "APPROX", "BEFORE", "AFTER", ...


@dataclass(frozen=True)
class Ctx:
    """What a rule knows besides the text."""

    anchor: dt.date | None
    tense: str | None
    of: bool = False  # inside "the end of ...": "the year" means the anchor's year


Rule = Callable[[str, Ctx], Timex | None]

DAY_VALUE = re.compile(
    r"(?:\d{4}|XXXX)-(?:\d{2}|XX)-(?:\d{2}|XX)|(?:\d{4}|XXXX)-W(?:\d{2}|XX)-[1-7]"
)
YEAR_VALUE = re.compile(r"\d{4}|XXXX")
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Values at each granularity when the anchor is unknown.
X = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


def parse(s: str, ctx: Ctx) -> Timex | None:
    """The first rule result for the cleaned text or one of its shorter stages."""
    for stage in stages(s):
        for rule in rules():
            t = rule(stage, ctx)
            if t is not None:
                return t
    return None


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rules, in the order they are tried."""
    from pipeline.text.timex import rules_calendar as cal
    from pipeline.text.timex import rules_compound as comp
    from pipeline.text.timex import rules_relative as rel

    return (
        rel.rule_ref,
        rel.rule_deictic,
        rel.rule_holiday,
        comp.rule_set,
        comp.rule_interval,
        comp.rule_time,
        rel.rule_offset,
        rel.rule_ordinal_period,
        rel.rule_span_duration,
        rel.rule_relative,
        rel.rule_this_of,
        rel.rule_weekday,
        cal.rule_relative_year_of,
        cal.rule_qualified_part,
        cal.rule_part_of_year,
        cal.rule_season,
        cal.rule_decade_century,
        cal.rule_year,
        cal.rule_month_day,
        cal.rule_absolute,
        comp.rule_duration,
        comp.rule_mod,
    )
