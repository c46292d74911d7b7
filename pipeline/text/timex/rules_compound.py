"""Rules for expressions built around other expressions: sets ("every Monday", "twice a year"),
ranges ("from 2014 to 2016"), times ("Tuesday at 3 pm"), durations ("three years") and
modifiers ("early 2020", "about three years")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.text.timex.core import DAY_VALUE, FULL_DATE, Ctx, Timex, X, parse
from pipeline.text.timex.quantities import (
    duration,
    is_plural,
    quantity,
    quantity_unit,
    singular,
    unit,
)
from pipeline.text.timex.resources import alt, alt_in_order, res


@dataclass(frozen=True)
class _Patterns:
    frequency: re.Pattern[str]  # "three times a week"
    year_range: re.Pattern[str]  # "2014-16"
    month_days: re.Pattern[str]  # "july 12-14 (2020)"
    days_month: re.Pattern[str]  # "12-14 july (2020)"
    between: re.Pattern[str]  # "between 1992 and 1994"
    from_to: re.Pattern[str]  # "(from) 2014 to 2016"
    unit_range: re.Pattern[str]  # "two to three years"


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    r = res()
    sets, ranges = r.raw["sets"], r.raw["ranges"]
    nth, months = f"{r.nth}?", alt(r.months)
    between, and_ = (alt([w]) for w in ranges["between"])
    to, from_ = alt_in_order(ranges["to"]), alt([ranges["from"]])
    units_to = alt_in_order(r.raw["durations"]["range_words"])
    return _Patterns(
        frequency=re.compile(rf"(.+?) (?:{alt(sets['times'])} )?{alt(sets['per'])} (\w+)"),
        year_range=re.compile(r"(\d{4}) ?- ?(\d{2}|\d{4})"),
        month_days=re.compile(rf"({months}) (\d{{1,2}}){nth} ?- ?(\d{{1,2}}){nth}(.*)"),
        days_month=re.compile(rf"(\d{{1,2}}){nth} ?- ?(\d{{1,2}}{nth} ({months}).*)"),
        between=re.compile(rf"{between} (.+?) {and_} (.+)"),
        from_to=re.compile(rf"(?:{from_} )?(.+?) {to} (.+)"),
        unit_range=re.compile(rf"(\S+) {units_to} (\S+) (\w+)"),
    )


# --------------------------------------------------------------------------- sets


def _set_count(words: list[str]) -> tuple[float, list[str]] | None:
    """How many units apart ("every other week" = 2, "every two years" = 2) and the rest."""
    n = res().raw["sets"]["alternate"].get(words[0])
    if n is not None:
        return float(n), words[1:]
    if len(words) > 1:
        q = quantity(words[:-1])
        if q is None or q[1] != len(words) - 1 or q[0] is None:
            return None
        return q[0], words[-1:]
    return 1.0, words


def _set_target(words: list[str]) -> str | None:
    """SET value after "every"/"each": unit, weekday, month, season, part of day."""
    r = res()
    if not words:
        return None
    counted = _set_count(words)
    if counted is None or len(counted[1]) != 1:
        return None
    n, (word,) = counted
    if unit(word):
        return duration(n, unit(word))  # type: ignore[arg-type]
    if n != 1:
        return None
    if word in r.weekdays:
        return f"XXXX-WXX-{r.weekdays[word]}"
    if word in r.months:
        return f"XXXX-{r.months[word]:02d}"
    if word in r.seasons:
        return f"XXXX-{r.seasons[word]}"
    if word in r.raw["parts_of_day"]:
        return f"XXXX-XX-XXT{r.raw['parts_of_day'][word]}"
    if word in r.raw["weekend"]["words"]:
        return X["weekend"]
    return None


def rule_set(s: str, ctx: Ctx) -> Timex | None:
    """ "weekly", "every Monday", "on Mondays", "twice a year", "every two years"."""
    r = res()
    sets = r.raw["sets"]
    if s in sets["words"]:
        return Timex(sets["words"][s], "SET")
    words = s.split()
    if words[0] in sets["quantifiers"]:
        value = _set_target(words[1:])
        return Timex(value, "SET") if value else None
    if s in r.weekdays:  # "thurs" is a weekday, not a plural
        return None
    one = singular(words[0]) if is_plural(words[0]) else None
    if one is not None and (one in r.weekdays or one in r.raw["weekend"]["words"]):
        return _plural_days(one, words[1:])
    if len(words) == 2 and words[0] in r.weekdays and is_plural(words[1]):
        return _plural_days(words[0], words[1:])
    m = _patterns().frequency.fullmatch(s)
    if m and unit(m.group(2)):
        freq = sets["frequencies"].get(m.group(1))
        q = quantity(m.group(1).split()) if freq is None else (freq, 1)
        if q is not None and (freq or q[1] == len(m.group(1).split())):
            return Timex(duration(1.0, unit(m.group(2))), "SET")  # type: ignore[arg-type]
    return None


def _plural_days(day: str, rest: list[str]) -> Timex | None:
    """ "mondays" (every Monday), "tuesday nights" (every Tuesday night)."""
    value = _set_target([day])
    if value is None or len(rest) > 1:
        return None
    if rest:
        part = singular(rest[0]) if is_plural(rest[0]) else rest[0]
        code = res().raw["parts_of_day"].get(part or "")
        if code is None or not value.startswith("XXXX-WXX-"):
            return None
        value = f"{value}T{code}"
    return Timex(value, "SET")


# --------------------------------------------------------------------------- ranges


def _year_range(left: str, right: str) -> tuple[str, str] | None:
    if len(right) == 2:
        right = left[:2] + right
    if int(right) <= int(left):
        return None
    return left, right


def _range_sides(s: str) -> tuple[str, str] | None:
    """The two dates of "July 12-14", "12-14 July 2020", "between X and Y", "from X to Y"."""
    p = _patterns()
    m = p.month_days.fullmatch(s)
    if m:
        return f"{m[1]} {m[2]}{m[4]}", f"{m[1]} {m[3]}{m[4]}"
    m = p.days_month.fullmatch(s)
    if m:
        left, right = f"{m[1]} {m[3]}", m[2]
        year = re.search(r"\d{4}", right)
        return left + (f" {year.group(0)}" if year else ""), right
    m = p.between.fullmatch(s) or p.from_to.fullmatch(s)
    if m is None:
        return None
    left, right = m[1], m[2]
    month = re.match(rf"{alt(res().months)} ", left)
    if month and re.fullmatch(r"\d{1,2}(?: \d{4})?", right):  # "march 3 and 10 2015"
        right = month.group(0) + right
    return left, right


def rule_interval(s: str, ctx: Ctx) -> Timex | None:
    """ "1992-1994", "2014-16", "between 1992 and 1994", "from July to September 2019"."""
    m = _patterns().year_range.fullmatch(s)
    if m:
        years = _year_range(m.group(1), m.group(2))
        return Timex("/".join(years), "DATE") if years else None
    sides = _range_sides(s)
    return _interval(*sides, ctx) if sides else None


def _interval(left: str, right: str, ctx: Ctx) -> Timex | None:
    r = parse(right, ctx)
    if r is None or r.type != "DATE" or r.value.endswith("_REF"):
        return None
    year = re.search(r"\b\d{4}\b", right)
    if year and not re.search(r"\b\d{4}\b", left) and re.search(r"[a-z]", left):
        lt = parse(f"{left} {year.group(0)}", ctx)
        if lt and len(lt.value) == len(r.value) and lt.value > r.value:
            lt = parse(f"{left} {int(year.group(0)) - 1}", ctx)
    else:
        lt = parse(left, ctx)
    if lt is None or lt.type != "DATE" or lt.value.endswith("_REF"):
        return None
    if FULL_DATE.fullmatch(lt.value) and FULL_DATE.fullmatch(r.value) and r.value < lt.value:
        start = dt.date.fromisoformat(lt.value)  # "from Monday to Friday": Friday after Monday
        r = parse(right, replace(ctx, anchor=start, tense="future"))
        if r is None or r.value < lt.value:
            return None
    return Timex(f"{lt.value}/{r.value}", "DATE")


# --------------------------------------------------------------------------- times


def _day_value(text: str, ctx: Ctx) -> Timex | None:
    """A day-granularity date for the date part of a time expression."""
    trailing = res().raw["time"]["date_trailing"]
    words = text.split()
    while words and words[-1] in trailing:
        words.pop()
    if not words:
        return None
    t = parse(" ".join(words), ctx)
    if t is None or t.type != "DATE" or not DAY_VALUE.fullmatch(t.value):
        return None
    return t


def _clock(m: re.Match[str]) -> str | None:
    """hh:mm of a clock-time match ("3:30 pm" -> "15:30"), None when out of range."""
    r = res()
    zone = "Z" if m["zone"] in r.raw["time"]["utc_zones"] else ""
    if m["word"]:
        return r.raw["clock_words"][m["word"]] + zone
    if (m["h4"] or m["h5"]) and not 1 <= int(m["h4"] or m["h5"]) <= 12:
        return None  # a bare hour is on a 12-hour clock
    hour = int(m["h"] or m["h2"] or m["h3"] or m["h4"] or m["h5"])
    minute = int(m["m"] or m["m2"] or m["m3"] or 0)
    if m["ap"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + r.raw["time"]["meridiems"][m["ap"]]
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}{zone}"


def _half_of_day(clock: str, rest: str) -> tuple[str, str]:
    """A bare hour's clock time ("06:00") in the half of the day a part of day in ``rest``
    names ("this afternoon": "18:00", by [hour_of_part]), and ``rest`` without that part of
    day and its lead words (nothing left: the anchor's day)."""
    r = res()
    m = r.part_phrase_re.search(rest)
    if m is None:
        return clock, rest
    first, added = r.raw["hour_of_part"].get(r.raw["parts_of_day"][m["part"]], (12, 0))
    hour = int(clock[:2])
    if first <= hour < 12:
        clock = f"{hour + added:02d}{clock[2:]}"
    return clock, (rest[: m.start()] + " " + rest[m.end() :]).strip()


def rule_time(s: str, ctx: Ctx) -> Timex | None:
    """ "3 pm", "Tuesday at 3:30 pm", "noon", "tomorrow morning"."""
    r = res()
    m = r.clock_re.search(s)
    if m:
        clock = _clock(m)
        if clock is None:
            return None
        rest = (s[: m.start()] + " " + s[m.end() :]).strip()
        if m["h4"] or m["h5"]:
            clock, rest = _half_of_day(clock, rest)
        if not rest:
            day = X["day"] if ctx.anchor is None else ctx.anchor.isoformat()
            return Timex(f"{day}T{clock}", "TIME")
        t = _day_value(rest, ctx)
        return Timex(f"{t.value}T{clock}", "TIME", t.mod) if t else None
    m = r.part_re.search(s)
    if m:
        rest = (s[: m.start()] + " " + s[m.end() :]).strip()
        t = _day_value(rest, ctx) if rest else None
        if t is None:
            return None
        part = r.raw["parts_of_day"][m["part"]]
        return Timex(f"{t.value}T{part}", "TIME", t.mod)
    return None


# --------------------------------------------------------------------------- durations, mods


def _duration_words(s: str) -> tuple[list[str], str | None]:
    """The words of a duration without "or so" (mod APPROX) or "old"/"long" at the end."""
    conf = res().raw["durations"]
    words = s.split()
    approx = conf["approximate_tail"].split()
    if words[-len(approx) :] == approx:
        return words[: -len(approx)], "APPROX"
    if len(words) > 1 and words[-1] in conf["dropped_tails"]:
        return words[:-1], None
    return words, None


def rule_duration(s: str, ctx: Ctx) -> Timex | None:
    """ "three years", "24 hours", "a decade", "years", "35 years old"."""
    words, mod = _duration_words(s)
    if not words:
        return None
    if len(words) == 1:
        unit_name = unit(words[0])
        if unit_name and is_plural(words[0]):
            return Timex(duration(None, unit_name), "DURATION", mod)
        return None
    qu = quantity_unit(words)
    if qu:
        return Timex(duration(qu[0], qu[1]), "DURATION", mod)
    m = _patterns().unit_range.fullmatch(" ".join(words))  # two to three years
    if m and unit(m[3]) and quantity([m[1]]) and quantity([m[2]]):
        return Timex(duration(None, unit(m[3])), "DURATION", mod)  # type: ignore[arg-type]
    return None


def rule_mod(s: str, ctx: Ctx) -> Timex | None:
    """ "early 2020", "the end of the month", "about three years", "mid-July"."""
    r = res()
    prepositions = r.raw["mod_prepositions"]["words"]
    article = r.raw["grammar"]["article"] + " "
    for phrase, mod in r.mods:
        if not s.startswith(phrase + " "):
            continue
        rest = s[len(phrase) + 1 :]
        if phrase in prepositions and rest.startswith(article):
            continue
        t = parse(rest, replace(ctx, of=True))
        if t is None:
            continue
        return t if t.mod or not mod else replace(t, mod=mod)
    return None
