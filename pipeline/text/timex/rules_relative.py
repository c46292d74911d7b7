"""Rules for expressions relative to the publication date: "now", "yesterday", "Christmas",
"three days ago", "the past three years", "last week", "next Tuesday", "the weekend"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.text.timex import anchoring as cal
from pipeline.text.timex.core import FULL_DATE, Ctx, Timex, X, parse
from pipeline.text.timex.quantities import duration, is_plural, ordinal, quantity_unit, unit
from pipeline.text.timex.resources import alt, alt_in_order, res

# Keywords of the [relative] and [offset_words] values in temporal.toml.
ANAPHORIC = "anaphoric"  # refers to a narrative time, not the publication date: no value
DURATION = "duration"  # "past": a duration before a unit, "last" otherwise


@dataclass(frozen=True)
class _Patterns:
    span: re.Pattern[str]  # "the past three years"
    ordinal_period: re.Pattern[str]  # "a second consecutive day"


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    r = res()
    words = alt_in_order(r.raw["spans"]["words"])
    periods = r.raw["ordinal_periods"]
    determiners = alt([*r.articles, r.raw["grammar"]["article"]])
    ordinal_period = re.compile(
        rf"(?:{determiners} )?(?P<n>.+?) (?:{alt(periods['between'])} )?(?P<unit>\w+)"
        rf"(?: {alt(periods['endings'])})?"
    )
    return _Patterns(span=re.compile(rf"({r.the} )?({words}) (.+)"), ordinal_period=ordinal_period)


def rule_ref(s: str, ctx: Ctx) -> Timex | None:
    """ "now", "recently", "in the future"."""
    value = res().refs.get(s)
    return Timex(value, "DATE") if value else None


def rule_deictic(s: str, ctx: Ctx) -> Timex | None:
    """ "today", "yesterday", "the day after tomorrow"."""
    offset = res().raw["deictic_days"].get(s)
    if offset is None:
        return None
    if ctx.anchor is None:
        return Timex(X["day"], "DATE")
    return Timex((ctx.anchor + dt.timedelta(days=offset)).isoformat(), "DATE")


@lru_cache(maxsize=4096)
def _holiday_name(joined: str) -> str | None:
    """The longest named day at the start of the text."""
    return next(
        (h for h in _holidays_longest_first() if joined == h or joined.startswith(h + " ")),
        None,
    )


@lru_cache(maxsize=1)
def _holidays_longest_first() -> tuple[str, ...]:
    """The named days of ``temporal.toml``, longest first (ties in file order)."""
    return tuple(sorted(res().raw["holidays"], key=len, reverse=True))


def rule_holiday(s: str, ctx: Ctx) -> Timex | None:
    """ "Christmas", "last Thanksgiving", "Easter 2019", "9/11"."""
    raw = res().raw
    words = s.split()
    k = raw["relative"].get(words[0]) if len(words) > 1 else None
    if isinstance(k, int):
        words = words[1:]
    joined = " ".join(words)
    name = _holiday_name(joined)
    if name is None:
        return None
    rest = joined[len(name) :].strip()
    spec = raw["holidays"][name]
    if isinstance(spec, str) and FULL_DATE.fullmatch(spec):
        return None if rest or isinstance(k, int) else Timex(spec, "DATE")
    if rest:
        t = parse(rest, replace(ctx, of=True))
        if isinstance(k, int) or t is None or not re.fullmatch(r"\d{4}", t.value):
            return None
        d = cal.holiday_date(name, int(t.value))
        return Timex(d.isoformat(), "DATE") if d else None
    if ctx.anchor is None:
        fixed = re.fullmatch(r"\d{2}-\d{2}", spec) if isinstance(spec, str) else None
        return Timex(f"XXXX-{spec}" if fixed else X["day"], "DATE")

    def span(year: int) -> tuple[dt.date, dt.date] | None:
        d = cal.holiday_date(name, year)
        return (d, d) if d else None

    year = (
        cal.relative_year(ctx.anchor, span, k) if isinstance(k, int) else cal.pick_year(ctx, span)
    )
    d = cal.holiday_date(name, year) if year else None
    return Timex(d.isoformat(), "DATE") if d else None


def _offset_direction(s: str, ctx: Ctx) -> tuple[int | str | None, list[str]]:
    """Direction of "N units ago/from now/in N units" and the words of "N units"."""
    raw = res().raw
    words = s.split()
    for phrase, d in raw["offset_words"].items():
        if s.endswith(" " + phrase):
            return d, s[: -len(phrase) - 1].split()
    d = raw["offset_prefixes"].get(words[0])
    if d is not None and ctx.tense != "past":
        return d, words[1:]
    return None, words


def rule_offset(s: str, ctx: Ctx) -> Timex | None:
    """ "three days ago", "two years from now", "in three weeks"."""
    direction, words = _offset_direction(s, ctx)
    if direction is None:
        return None
    qu = quantity_unit(words) or (
        (None, unit(words[0])) if len(words) == 1 and is_plural(words[0]) else None
    )
    if qu is None or direction == ANAPHORIC:
        return None
    q, unit_name = qu
    if q is None:
        return Timex("PAST_REF" if direction == -1 else "FUTURE_REF", "DATE")
    if q != int(q):
        half = res().raw["half_units"].get(unit_name)
        if half is None or q * half[1] != int(q * half[1]):
            return None
        q, unit_name = q * half[1], half[0]
    value = cal.shift(ctx, unit_name, int(direction) * int(q))  # type: ignore[arg-type]
    return Timex(value, "DATE") if value else None


def rule_ordinal_period(s: str, ctx: Ctx) -> Timex | None:
    """ "a second consecutive day", "the fourth week in a row": the anchor's day or week
    (``[ordinal_periods]``), not a duration of one second."""
    m = _patterns().ordinal_period.fullmatch(s)
    if m is None or is_plural(m["unit"]):
        return None
    conf = res().raw["ordinal_periods"]
    digits = re.fullmatch(rf"(\d+){res().nth}", m["n"])
    n = int(digits[1]) if digits else ordinal(m["n"])
    unit_name = unit(m["unit"])
    if n is None or n < conf["smallest"] or unit_name not in conf["units"]:
        return None
    value = cal.shift(ctx, unit_name, 0)
    return Timex(value, "DATE") if value else None


def rule_span_duration(s: str, ctx: Ctx) -> Timex | None:
    """ "the past three years", "the next few days" -> duration; "the past year", "the last
    decade" -> the unit before the anchor's, a DATE, as TimeBank and MEANTIME annotate it."""
    m = _patterns().span.fullmatch(s)
    if not m:
        return None
    spans = res().raw["spans"]
    words = m[3].split()
    qu = quantity_unit(words)
    if qu:
        return Timex(duration(qu[0], qu[1]), "DURATION")
    one_unit = m[2] in spans["one_unit"] or (m[1] and m[2] in spans["one_unit_with_article"])
    if len(words) == 1 and unit(words[0]) and one_unit:
        value = cal.shift(ctx, unit(words[0]), -1)  # type: ignore[arg-type]
        return Timex(value, "DATE") if value else None
    return None


def _weekday_of_week(words: list[str], ctx: Ctx) -> Timex | None:
    """ "Monday next week"."""
    r = res()
    k = r.raw["relative"].get(words[1])
    if not isinstance(k, int):
        return None
    wd = r.weekdays[words[0]]
    if ctx.anchor is None:
        return Timex(f"XXXX-WXX-{wd}", "DATE")
    y, w, _ = (ctx.anchor + dt.timedelta(weeks=k)).isocalendar()
    return Timex(dt.date.fromisocalendar(y, w, wd).isoformat(), "DATE")


def _relative_period(word: str, k: int, ctx: Ctx) -> Timex | None:
    """ "last July", "this summer": the month or season nearest the anchor that way."""
    r = res()
    if word in r.months:
        month = r.months[word]
        span, fmt = cal.month_span(month), f"{{}}-{month:02d}"
    elif word in r.seasons:
        code = r.seasons[word]
        span, fmt = cal.season_span(code), f"{{}}-{code}"
    else:
        return None
    if ctx.anchor is None:
        return Timex(fmt.format("XXXX"), "DATE")
    year = cal.relative_year(ctx.anchor, span, k)
    return Timex(fmt.format(f"{year:04d}"), "DATE") if year else None


def rule_relative(s: str, ctx: Ctx) -> Timex | None:
    """ "last week", "next Tuesday", "this summer", "last July", "Monday next week"."""
    r = res()
    rel = r.raw["relative"]
    words = s.split()
    if len(words) == 3 and words[0] in r.weekdays and words[2] in r.raw["weekday_weeks"]["words"]:
        return _weekday_of_week(words, ctx)
    if len(words) != 2 or words[0] not in rel:
        return None
    k, word = rel[words[0]], words[1]
    if k == ANAPHORIC:
        return None
    if k == DURATION:  # "past": a duration for units, "last" otherwise
        if unit(word):
            return None
        k = -1
    if word in r.weekdays:
        return Timex(cal.weekday(ctx, r.weekdays[word], k or None), "DATE")
    if word in r.raw["weekend"]["words"]:
        return Timex(cal.weekend(ctx, k or None, this=k == 0), "DATE")
    if word in r.months or word in r.seasons:
        return _relative_period(word, k, ctx)
    unit_name = unit(word)
    if unit_name and not is_plural(word) and unit_name not in r.raw["unanchored_units"]["units"]:
        value = cal.shift(ctx, unit_name, k)
        return Timex(value, "DATE") if value else None
    return None


def rule_this_of(s: str, ctx: Ctx) -> Timex | None:
    """ "the year" in "the end of the year" = the anchor's year."""
    r = res()
    m = re.fullmatch(rf"{r.the} (\w+)", s)
    if not (ctx.of and m and unit(m[1]) and not is_plural(m[1])):
        return None
    unit_name = unit(m[1])
    if unit_name in r.raw["unanchored_units"]["units"]:
        return None
    value = cal.shift(ctx, unit_name, 0)  # type: ignore[arg-type]
    return Timex(value, "DATE") if value else None


def rule_weekday(s: str, ctx: Ctx) -> Timex | None:
    """ "Monday", "the weekend"."""
    r = res()
    if s in r.raw["weekend"]["words"]:
        return Timex(cal.weekend(ctx, None), "DATE")
    wd = r.weekdays.get(s)
    return Timex(cal.weekday(ctx, wd, None), "DATE") if wd else None
