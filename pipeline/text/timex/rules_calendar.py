"""Rules for calendar expressions: "the first half of 2019", "Q3", "summer 2021", "the 1990s",
"the 20th century", "1992", "July 12", "the 12th", "22.07.2020"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from pipeline.text.timex import anchoring as cal
from pipeline.text.timex.core import YEAR_VALUE, Ctx, Timex, parse
from pipeline.text.timex.quantities import ordinal
from pipeline.text.timex.resources import alt, res


@dataclass(frozen=True)
class _Patterns:
    part_words: re.Pattern[str]  # "the first half (of 2019)"
    part_letter_first: re.Pattern[str]  # "q1 (of) 2020", "h2"
    part_digit_first: re.Pattern[str]  # "1q 2020"
    decade: re.Pattern[str]  # "1990s"
    short_decade: re.Pattern[str]  # "'90s"
    century_digits: re.Pattern[str]  # "20th century"
    century_words: re.Pattern[str]  # "nineteenth century"
    month_day: re.Pattern[str]  # "july (the) 12(th)"
    day_month: re.Pattern[str]  # "(the) 12(th) (of) july"
    day: re.Pattern[str]  # "(the) 12th"
    qualified_part: re.Pattern[str]  # "(the) 1988 second quarter", "the year-ago quarter"


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    r = res()
    the, of, nth, suffix = r.the, r.of, r.nth, re.escape(r.raw["decades"]["suffix"])
    parts, letters = alt(r.raw["year_parts"]), alt(r.raw["year_part_letters"])
    century, months = alt(r.raw["centuries"]["words"]), alt(r.months)
    return _Patterns(
        part_words=re.compile(rf"(?:{the} )?(\w+(?: \w+)?) ({parts})(?: {of} (.+))?"),
        part_letter_first=re.compile(rf"({letters})([1-4]) ?(?:{of} )?(.*)"),
        part_digit_first=re.compile(rf"([1-4])({letters}) ?(.*)"),
        decade=re.compile(rf"(\d{{3}})0{suffix}"),
        short_decade=re.compile(rf"'?(\d)0{suffix}"),
        century_digits=re.compile(rf"(\d{{1,2}}){nth} {century}"),
        century_words=re.compile(rf"(\w+(?: \w+)?) {century}"),
        month_day=re.compile(rf"(?P<mon>{months}) (?:{the} )?(?P<day>\d{{1,2}}){nth}?"),
        day_month=re.compile(rf"(?:{the} )?(?P<day>\d{{1,2}}){nth}? (?:{of} )?(?P<mon>{months})"),
        day=re.compile(rf"(?:{the} )?(\d{{1,2}}){nth}"),
        qualified_part=re.compile(
            rf"(?:{the} )?(\d{{4}}|{alt(r.raw['year_part_qualifiers']['previous_year'])}"
            rf"|{alt(r.raw['year_part_qualifiers']['named_year'])}) (.+)"
        ),
    )


def _year_part(s: str) -> tuple[str, int, str | None] | None:
    """(part word, number, rest) of "the first half of 2019", "Q1 2020", "H2"."""
    p = _patterns()
    m = p.part_words.fullmatch(s)
    n = ordinal(m[1]) if m else None
    if m and n is not None:
        part, rest = m[2], m[3]
        if n == -1:  # "the last quarter of 2019"
            if rest is None:
                return None
            n = 12 // res().raw["year_parts"][part][1]
        return part, n, rest
    m = p.part_letter_first.fullmatch(s) or p.part_digit_first.fullmatch(s)
    if not m:
        return None
    letter, digit = (m[1], m[2]) if m[1].isalpha() else (m[2], m[1])
    return res().raw["year_part_letters"][letter], int(digit), m[3] or None


def rule_part_of_year(s: str, ctx: Ctx) -> Timex | None:
    """ "the first half of 2019", "the third quarter", "Q1 2020", "H2"."""
    found = _year_part(s)
    if found is None:
        return None
    part, n, rest = found
    letter, size = res().raw["year_parts"][part]
    if not 1 <= n <= 12 // size:
        return None
    code = f"{letter}{n}"
    if rest:
        t = parse(rest, replace(ctx, of=True))
        if t is None or not YEAR_VALUE.fullmatch(t.value):
            return None
        return Timex(f"{t.value}-{code}", "DATE")
    year = cal.pick_year(ctx, cal.months_span(size * (n - 1) + 1, size * n))
    return Timex(f"{year if year else 'XXXX'}-{code}", "DATE")


def rule_qualified_part(s: str, ctx: Ctx) -> Timex | None:
    """ "the 1988 second quarter" (1988-Q2), "the year-ago third quarter" (a year before the
    third quarter the text would name on its own)."""
    m = _patterns().qualified_part.fullmatch(s)
    if m is None:
        return None
    t = rule_part_of_year(m[2], ctx)
    if t is None or not re.fullmatch(r"(?:\d{4}|XXXX)-[QH]\d", t.value):
        return None
    if m[1].isdigit():
        return Timex(f"{m[1]}{t.value[4:]}", "DATE")
    if m[1] in res().raw["year_part_qualifiers"]["named_year"]:
        year = parse(m[1], ctx)
        return Timex(f"{year.value}{t.value[4:]}", "DATE") if year else None
    if t.value.startswith("X"):
        return t
    return Timex(f"{int(t.value[:4]) - 1:04d}{t.value[4:]}", "DATE")


def rule_season(s: str, ctx: Ctx) -> Timex | None:
    """ "summer", "the summer of 2019", "spring 2021"."""
    seasons = res().seasons
    words = s.split()
    if words[0] not in seasons:
        return None
    code = seasons[words[0]]
    rest = " ".join(words[1:])
    if rest:
        t = parse(rest, replace(ctx, of=True))
        if t is None or not YEAR_VALUE.fullmatch(t.value):
            return None
        return Timex(f"{t.value}-{code}", "DATE")
    year = cal.pick_year(ctx, cal.season_span(code))
    return Timex(f"{year if year else 'XXXX'}-{code}", "DATE")


def rule_decade_century(s: str, ctx: Ctx) -> Timex | None:
    """ "the 1990s", "the '90s", "the sixties", "the 20th century", "the nineteenth century"."""
    p = _patterns()
    m = p.decade.fullmatch(s)
    if m:
        hundreds = m[1].endswith("0") and int(m[1]) * 10 < res().raw["decades"]["centuries_before"]
        return Timex(m[1][:2] if hundreds else m[1], "DATE")
    m = p.short_decade.fullmatch(s)
    digit = int(m[1]) if m else res().raw["decade_words"].get(s)
    if digit is not None:  # the latest such decade that began by the anchor's year
        year = ctx.anchor.year if ctx.anchor else 2029
        century = year // 100 - (1 if digit * 10 > year % 100 else 0)
        return Timex(f"{century}{digit}", "DATE")
    m = p.century_digits.fullmatch(s) or p.century_words.fullmatch(s)
    if m:
        n = int(m[1]) if m[1].isdigit() else ordinal(m[1]) or 0
        return Timex(f"{n - 1:02d}", "DATE") if 1 <= n <= 22 else None
    return None


def rule_year(s: str, ctx: Ctx) -> Timex | None:
    """ "1992", "'69" (the latest such year no more than ten years after the anchor)."""
    if re.fullmatch(r"\d{4}", s) and 1000 <= int(s) <= 2199:
        return Timex(s, "DATE")
    m = re.fullmatch(r"'(\d{2})", s)
    if m and ctx.anchor is not None:
        latest = ctx.anchor.year + 10
        year = latest - (latest - int(m[1])) % 100
        return Timex(f"{year:04d}", "DATE")
    return None


def rule_relative_year_of(s: str, ctx: Ctx) -> Timex | None:
    """ "March of this year", "May 5 this year", "the summer of last year": the period in
    the year that "this/last/next year" names."""
    m = re.fullmatch(rf"(.+?) (?:{res().of} )?((?:this|last|next) year)", s)
    if m is None:
        return None
    year = parse(m[2], ctx)
    if year is None or not re.fullmatch(r"\d{4}", year.value):
        return None
    t = parse(f"{m[1]} {year.value}", replace(ctx, of=True))
    if t is None or not t.value.startswith(year.value) or len(t.value) <= 4:
        return None
    return t


def rule_month_day(s: str, ctx: Ctx) -> Timex | None:
    """Dates without a year: "July 12", "12th of July", "July", "the 12th"."""
    r, p = res(), _patterns()
    words = s.split()
    if len(words) > 1 and words[0] in r.weekdays:
        words = words[1:]
    s = " ".join(words)
    m = p.month_day.fullmatch(s) or p.day_month.fullmatch(s)
    if m:
        month, day = r.months[m["mon"]], int(m["day"])
        if not 1 <= day <= 31:
            return None
        year = cal.pick_year(ctx, cal.month_span(month, day))
        if ctx.anchor is None:
            return Timex(f"XXXX-{month:02d}-{day:02d}", "DATE")
        return Timex(f"{year:04d}-{month:02d}-{day:02d}", "DATE") if year else None
    if s in r.months:
        month = r.months[s]
        year = cal.pick_year(ctx, cal.month_span(month))
        return Timex(f"{year if year else 'XXXX'}-{month:02d}", "DATE")
    m = p.day.fullmatch(s)
    if m:
        return _day_of_month(int(m[1]), ctx)
    return None


def _day_of_month(day: int, ctx: Ctx) -> Timex | None:
    """ "the 12th": the anchor's month, or the previous/next one by tense."""
    if not 1 <= day <= 31:
        return None
    a = ctx.anchor
    if a is None:
        return Timex(f"XXXX-XX-{day:02d}", "DATE")
    slack = res().raw["anchoring"]["past_slack_days"]
    shift = 0
    if ctx.tense == "future":
        shift = 1 if day < a.day else 0
    elif day > a.day + (slack if ctx.tense == "past" else 15):
        shift = -1
    elif ctx.tense is None and a.day - day > 15:
        shift = 1
    y, m = cal.add_months(a.year, a.month, shift)
    try:
        return Timex(dt.date(y, m, day).isoformat(), "DATE")
    except ValueError:
        return None


# "7/22", "22.07.2020", "2020-07-22"; without a year only with a slash ("3-1" is a score).
_NUMERIC_DATE = re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}|\d{1,2}/\d{1,2}")


def _is_date_words(s: str) -> bool:
    """True when every word can be part of an explicit date and there is a month or numeric
    date and a digit."""
    r = res()
    words = s.split()
    has_month = any(w in r.months for w in words)
    has_numeric = any(_NUMERIC_DATE.fullmatch(w) for w in words)
    if not (has_month or has_numeric) or not re.search(r"\d", s):
        return False
    token = re.compile(rf"\d{{1,4}}{r.nth}?")
    fillers = r.raw["absolute"]["fillers"]
    return all(
        w in r.months
        or w in r.weekdays
        or w in fillers
        or token.fullmatch(w)
        or _NUMERIC_DATE.fullmatch(w)
        for w in words
    )


def rule_absolute(s: str, ctx: Ctx) -> Timex | None:
    """Explicit dates in any common format, via dateparser ("July 22 2020", "22.07.2020")."""
    if not _is_date_words(s):
        return None
    order = "DMY" if re.search(r"\d\.\d", s) else None
    parsed = _dateparser(s, ctx.anchor, order)
    if parsed is None:
        return None
    date, period = parsed
    explicit_year = bool(re.search(r"\b\d{4}\b", s)) or bool(
        re.search(r"\d[./-]\d{1,2}[./-]\d{2}", s)
    )
    if period == "day":
        if explicit_year:
            return Timex(date.isoformat(), "DATE")
        if ctx.anchor is None:
            return Timex(f"XXXX-{date.month:02d}-{date.day:02d}", "DATE")
        year = cal.pick_year(ctx, cal.month_span(date.month, date.day))
        return Timex(f"{year:04d}-{date.month:02d}-{date.day:02d}", "DATE") if year else None
    if not explicit_year:
        return None
    if period == "month":
        return Timex(f"{date.year:04d}-{date.month:02d}", "DATE")
    if period == "year":
        return Timex(f"{date.year:04d}", "DATE")
    if period == "week":
        return Timex(cal.week(date), "DATE")
    return None


@lru_cache(maxsize=2048)
def _dateparser(text: str, anchor: dt.date | None, order: str | None) -> tuple[dt.date, str] | None:
    data = _date_data_parser(anchor, order).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


@lru_cache(maxsize=64)
def _date_data_parser(anchor: dt.date | None, order: str | None) -> Any:
    from dateparser.date import DateDataParser

    # Without an anchor a fixed base is used: only explicit-year results are kept then.
    base = dt.datetime.combine(anchor or dt.date(2000, 1, 1), dt.time())
    settings: dict[str, Any] = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    if order:
        settings["DATE_ORDER"] = order
    return DateDataParser(languages=res().raw["absolute"]["languages"], settings=settings)


def preload_dateparser() -> None:
    """Load dateparser's language and time-zone tables now: its first parse builds them (about
    half a second), so a component that reads dates loads them with itself, as it loads its
    word lists. Parsing is unchanged (the tables are the same, built once either way)."""
    _date_data_parser(None, None).get_date_data("2000-01-01")
