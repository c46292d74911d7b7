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
All language knowledge lives in ``pipeline/resources/temporal.toml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from pipeline.resources import load_resource

__all__ = ["Timex", "normalise"]


@dataclass(frozen=True)
class Timex:
    """A normalised temporal expression (TimeML TIMEX3 attributes)."""

    value: str  # "2020-07-12", "P3Y", "1992/1994", "PRESENT_REF", "XXXX-07-12"
    type: str  # "DATE", "TIME", "DURATION", "SET"
    mod: str | None = None  # "START", "MID", "END", "APPROX", "BEFORE", "AFTER", ...


def normalise(text: str, anchor: dt.date | None, tense: str | None = None) -> Timex | None:
    """TIMEX3 for a temporal expression, anchored on the publication date.

    tense: 'past', 'present', 'future' or None (from the governing verb, decided by the
    caller). Returns None when the text is not a temporal expression that can be
    normalised (e.g. "the day", "time").
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    if tense not in ("past", "present", "future"):
        tense = None
    return _normalise_cached(text, anchor, tense)


# --------------------------------------------------------------------------- resources


def _alt(words: Any) -> str:
    """Regex alternation of words, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class _Resources:
    """temporal.toml, with derived lookups."""

    raw: dict[str, Any]
    months: dict[str, int] = field(init=False)
    weekdays: dict[str, int] = field(init=False)
    seasons: dict[str, str] = field(init=False)
    refs: dict[str, str] = field(init=False)
    leading: list[str] = field(init=False)
    mods: list[tuple[str, str]] = field(init=False)
    vague: list[str] = field(init=False)
    clock_re: re.Pattern[str] = field(init=False)
    part_re: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        raw = self.raw
        put = object.__setattr__
        put(self, "months", raw["months"])
        put(self, "weekdays", raw["weekdays"])
        put(self, "seasons", raw["seasons"])
        refs = {p: value for value, phrases in raw["refs"].items() for p in phrases}
        put(self, "refs", refs)
        put(self, "leading", sorted(raw["leading"]["words"], key=len, reverse=True))
        put(self, "mods", sorted(raw["mods"].items(), key=lambda kv: len(kv[0]), reverse=True))
        vague = sorted(raw["quantities"]["vague"], key=len, reverse=True)
        put(self, "vague", vague)
        zones = _alt(raw["time"]["zones"])
        clock = (
            r"(?:\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))? ?(?P<ap>am|pm)\b"
            r"|\b(?P<h2>\d{1,2}):(?P<m2>\d{2})\b"
            rf"|\b(?P<word>{_alt(raw['clock_words'])})\b)"
            rf"(?: {zones}\b)*"
        )
        put(self, "clock_re", re.compile(clock))
        put(self, "part_re", re.compile(rf"\b(?P<part>{_alt(raw['parts_of_day'])})\b"))


@lru_cache(maxsize=1)
def _res() -> _Resources:
    """Load temporal.toml once."""
    return _Resources(load_resource("temporal.toml"))


# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class _Ctx:
    anchor: dt.date | None
    tense: str | None
    of: bool = False  # inside "the end of ...": "the year" means the anchor's year


Rule = Callable[[str, _Ctx], Timex | None]

_DAY_VALUE = re.compile(
    r"(?:\d{4}|XXXX)-(?:\d{2}|XX)-(?:\d{2}|XX)|(?:\d{4}|XXXX)-W(?:\d{2}|XX)-[1-7]"
)
_YEAR_VALUE = re.compile(r"\d{4}|XXXX")
_X = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


# --------------------------------------------------------------------------- text


def _clean(text: str) -> str:
    """Lower-case, drop abbreviation dots, possessives, commas; split word hyphens."""
    s = text.lower().strip()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    s = re.sub(r"(\d0)'s\b", r"\1s", s)  # the 1990's
    s = re.sub(r"'s\b", "", s)  # this year's
    s = re.sub(r"\b([ap])\.m\.?", r"\1m", s)  # p.m.
    s = re.sub(r"(?<=\d)([ap]m)\b", r" \1", s)  # 3pm
    s = re.sub(r"\bfy ?(\d{4})\b", r"fy \1", s)
    s = re.sub(r"(?<=[a-z])\.", "", s)  # sept.
    s = re.sub(r"(\d{3}0s) ?- ?(\d{3}0s)", r"\1 to \2", s)
    s = re.sub(r"(?<=[a-z])(?<!\ds)-(?=[a-z0-9])|(?<=\d)-(?=[a-z])", " ", s)
    s = re.sub(r"[,;:()\"!?](?!\d{2})", " ", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" .-'")


def _stages(s: str) -> Iterator[str]:
    """The expression, then with leading words removed one by one."""
    res = _res()
    seen: set[str] = set()
    while s and s not in seen:
        seen.add(s)
        s = res.raw["aliases"].get(s, s)
        for prefix, new in res.raw["prefix_rewrites"].items():
            if s.startswith(prefix + " "):
                s = new + s[len(prefix) :]
        yield s
        for word in res.leading:
            if s.startswith(word + " "):
                s = s[len(word) + 1 :]
                break


# --------------------------------------------------------------------------- calendar


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    idx = year * 12 + month - 1 + n
    return idx // 12, idx % 12 + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _pick_year(ctx: _Ctx, span: Callable[[int], tuple[dt.date, dt.date] | None]) -> int | None:
    """Year of a period given without year ("July 12", "July", "summer") for the anchor.

    The anchor's year, except: past tense and the period starts more than a few days
    after the anchor -> previous year; future tense and the period ended before the
    anchor -> next year; no tense and more than half a year away -> the nearer year.
    """
    a = ctx.anchor
    if a is None:
        return None
    conf = _res().raw["anchoring"]
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
        return a.year + 1 if end < a else a.year
    if (start - a).days > conf["half_year_days"]:
        return a.year - 1
    if (a - end).days > conf["half_year_days"]:
        return a.year + 1
    return a.year


def _relative_year(
    anchor: dt.date, span: Callable[[int], tuple[dt.date, dt.date] | None], k: int
) -> int | None:
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


def _month_span(month: int, day: int | None = None):
    def span(year: int) -> tuple[dt.date, dt.date] | None:
        if day is None:
            return dt.date(year, month, 1), _month_end(year, month)
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        return d, d

    return span


def _season_span(code: str):
    first, last = _res().raw["season_months"][code]

    def span(year: int) -> tuple[dt.date, dt.date]:
        end_year = year + 1 if last < first else year
        return dt.date(year, first, 1), _month_end(end_year, last)

    return span


def _months_span(first: int, last: int):
    def span(year: int) -> tuple[dt.date, dt.date]:
        return dt.date(year, first, 1), _month_end(year, last)

    return span


def _shift(ctx: _Ctx, unit: str, n: int) -> str | None:
    """Value of the anchor shifted by n units, at that unit's granularity."""
    gran = {"fortnight": "week", "hour": "day", "minute": "day", "second": "day"}.get(unit, unit)
    if gran not in _X:
        return None
    a = ctx.anchor
    if a is None:
        return _X[gran]
    if unit == "fortnight":
        n *= 2
    if gran == "day":
        return (a + dt.timedelta(days=n if unit == "day" else 0)).isoformat()
    if gran == "week":
        return _week(a + dt.timedelta(weeks=n))
    if gran == "month":
        y, m = _add_months(a.year, a.month, n)
        return f"{y:04d}-{m:02d}"
    if gran == "quarter":
        y, m = _add_months(a.year, a.month, 3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if gran == "year":
        return f"{a.year + n:04d}"
    if gran == "decade":
        return str(a.year // 10 + n)
    if gran == "century":
        return str(a.year // 100 + n)
    return None


def _weekday(ctx: _Ctx, wd: int, k: int | None) -> str:
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


def _weekend(ctx: _Ctx, k: int | None, this: bool = False) -> str:
    """ISO week of a weekend: last = previous week; next = the coming one; bare or
    "this" by tense (past: the most recent, future: the coming one; "this" without
    tense: the anchor's week)."""
    a = ctx.anchor
    if a is None:
        return _X["weekend"]
    in_weekend = a.isoweekday() >= 6
    if k == -1:
        shift = -1
    elif k == 1:
        shift = 1 if in_weekend else 0
    elif ctx.tense == "future" or (this and ctx.tense is None):
        shift = 0
    else:
        shift = 0 if in_weekend else -1
    return _week(a + dt.timedelta(weeks=shift)) + "-WE"


# --------------------------------------------------------------------------- numbers


def _quantity(words: list[str]) -> tuple[float | None, int] | None:
    """(number, words used) at the start of words; number None when vague ("a few")."""
    if not words:
        return None
    res = _res().raw
    text = " ".join(words)
    for phrase, n in sorted(res["quantities"]["exact"].items(), key=lambda kv: -len(kv[0])):
        if text == phrase or text.startswith(phrase + " "):
            return float(n), len(phrase.split())
    for phrase in _res().vague:
        if text == phrase or text.startswith(phrase + " "):
            return None, len(phrase.split())
    if words[0] == "half" and len(words) > 1 and words[1] in ("a", "an"):
        return 0.5, 2
    numbers = res["numbers"]
    value, used = 0.0, 0
    if re.fullmatch(r"1\d{3}|2[01]\d{2}", words[0]):  # a year, not a number of units
        return None
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", words[0]):
        value, used = float(words[0].replace(",", "")), 1
    else:
        while used < len(words) and words[used] in numbers:
            word = words[used]
            if word in ("a", "an") and used > 0:
                break
            n = numbers[word]
            value = max(value, 1) * n if n in (12, 100, 1000) and value else value + n
            used += 1
    if not used:
        return None
    if words[used : used + 3] == ["and", "a", "half"]:
        value, used = value + 0.5, used + 3
    return value, used


def _unit(word: str) -> str | None:
    return _res().raw["units"].get(word)


def _is_plural(word: str) -> bool:
    return word.endswith("s") or word in ("millennia",)


def _duration(q: float | None, unit: str) -> str:
    """ISO duration for q units (q None = vague)."""
    raw = _res().raw
    if q is not None and q != int(q) and unit in raw["half_units"]:
        smaller, factor = raw["half_units"][unit]
        if q * factor == int(q * factor):
            q, unit = q * factor, smaller
    letter, mult, is_time, vague = raw["unit_durations"][unit]
    t = "T" if is_time else ""
    if q is None:
        return f"P{t}X{vague}"
    n = q * mult
    number = str(int(n)) if n == int(n) else f"{n:g}"
    return f"P{t}{number}{letter}"


def _quantity_unit(words: list[str]) -> tuple[float | None, str] | None:
    """(number, unit) for words that are exactly "<quantity> <unit>" ("a year and a half")."""
    if len(words) >= 4 and words[-3:] == ["and", "a", "half"]:
        got = _quantity_unit(words[:-3])
        if got and got[0] is not None:
            return got[0] + 0.5, got[1]
        return None
    if len(words) < 2 or not _unit(words[-1]):
        return None
    q = _quantity(words[:-1])
    if q is None or q[1] != len(words) - 1:
        return None
    return q[0], _unit(words[-1])  # type: ignore[return-value]


# --------------------------------------------------------------------------- rules


def _rule_ref(s: str, ctx: _Ctx) -> Timex | None:
    value = _res().refs.get(s)
    return Timex(value, "DATE") if value else None


def _rule_deictic(s: str, ctx: _Ctx) -> Timex | None:
    offset = _res().raw["deictic_days"].get(s)
    if offset is None:
        return None
    if ctx.anchor is None:
        return Timex(_X["day"], "DATE")
    return Timex((ctx.anchor + dt.timedelta(days=offset)).isoformat(), "DATE")


def _holiday_date(name: str, year: int) -> dt.date | None:
    """Date of a named day in a year (see [holidays] in temporal.toml)."""
    spec = _res().raw["holidays"].get(name)
    if isinstance(spec, list):
        month, weekday, n = spec
        days = [
            d
            for d in (dt.date(year, month, 1) + dt.timedelta(days=i) for i in range(31))
            if d.month == month and d.isoweekday() == weekday
        ]
        return days[n - 1 if n > 0 else n]
    if not isinstance(spec, str):
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", spec):
        return dt.date.fromisoformat(spec)
    m = re.fullmatch(r"(\d{2})-(\d{2})", spec)
    if m:
        return dt.date(year, int(m[1]), int(m[2]))
    m = re.fullmatch(r"([a-z ]+)([+-]\d+)", spec)
    if not m:
        return None
    if m[1] == "easter":
        from dateutil.easter import easter

        base: dt.date | None = easter(year)
    else:
        base = _holiday_date(m[1], year)
    return base + dt.timedelta(days=int(m[2])) if base else None


def _rule_holiday(s: str, ctx: _Ctx) -> Timex | None:
    """ "Christmas", "last Thanksgiving", "Easter 2019", "9/11"."""
    res = _res()
    holidays = res.raw["holidays"]
    words = s.split()
    k = res.raw["relative"].get(words[0]) if len(words) > 1 else None
    if isinstance(k, int):
        words = words[1:]
    joined = " ".join(words)
    name = next(
        (
            h
            for h in sorted(holidays, key=len, reverse=True)
            if joined == h or joined.startswith(h + " ")
        ),
        None,
    )
    if name is None:
        return None
    rest = joined[len(name) :].strip()
    spec = holidays[name]
    if isinstance(spec, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", spec):
        return None if rest or isinstance(k, int) else Timex(spec, "DATE")
    if rest:
        t = _parse(rest, replace(ctx, of=True))
        if isinstance(k, int) or t is None or not re.fullmatch(r"\d{4}", t.value):
            return None
        d = _holiday_date(name, int(t.value))
        return Timex(d.isoformat(), "DATE") if d else None
    if ctx.anchor is None:
        fixed = re.fullmatch(r"\d{2}-\d{2}", spec) if isinstance(spec, str) else None
        return Timex(f"XXXX-{spec}" if fixed else _X["day"], "DATE")

    def span(year: int) -> tuple[dt.date, dt.date] | None:
        d = _holiday_date(name, year)
        return (d, d) if d else None

    year = _relative_year(ctx.anchor, span, k) if isinstance(k, int) else _pick_year(ctx, span)
    d = _holiday_date(name, year) if year else None
    return Timex(d.isoformat(), "DATE") if d else None


def _set_target(words: list[str]) -> str | None:
    """SET value after "every"/"each": unit, weekday, month, season, part of day."""
    res = _res()
    raw = res.raw
    if not words:
        return None
    n: float | None = 1.0
    if words[0] == "other":
        n, words = 2.0, words[1:]
    elif len(words) > 1:
        q = _quantity(words[:-1])
        if q is None or q[1] != len(words) - 1 or q[0] is None:
            return None
        n, words = q[0], words[-1:]
    if len(words) != 1:
        return None
    word = words[0]
    if _unit(word):
        return _duration(n, _unit(word))  # type: ignore[arg-type]
    if n != 1:
        return None
    if word in res.weekdays:
        return f"XXXX-WXX-{res.weekdays[word]}"
    if word in res.months:
        return f"XXXX-{res.months[word]:02d}"
    if word in res.seasons:
        return f"XXXX-{res.seasons[word]}"
    if word in raw["parts_of_day"]:
        return f"XXXX-XX-XXT{raw['parts_of_day'][word]}"
    if word == "weekend":
        return _X["weekend"]
    return None


def _rule_set(s: str, ctx: _Ctx) -> Timex | None:
    res = _res()
    sets = res.raw["sets"]
    if s in sets["words"]:
        return Timex(sets["words"][s], "SET")
    words = s.split()
    if words[0] in sets["quantifiers"]:
        value = _set_target(words[1:])
        return Timex(value, "SET") if value else None
    if len(words) == 1 and _is_plural(s) and (s[:-1] in res.weekdays or s == "weekends"):
        return Timex(_set_target([s[:-1]]) or "", "SET")
    m = re.fullmatch(r"(.+?) (?:times? )?(?:a|an|per|every|each) (\w+)", s)
    if m and _unit(m.group(2)):
        freq = sets["frequencies"].get(m.group(1))
        q = _quantity(m.group(1).split()) if freq is None else (freq, 1)
        if q is not None and (freq or q[1] == len(m.group(1).split())):
            return Timex(_duration(1.0, _unit(m.group(2))), "SET")  # type: ignore[arg-type]
    return None


def _year_range(left: str, right: str) -> tuple[str, str] | None:
    if len(right) == 2:
        right = left[:2] + right
    if int(right) <= int(left):
        return None
    return left, right


def _rule_interval(s: str, ctx: _Ctx) -> Timex | None:
    months = _alt(_res().months)
    nth = r"(?:st|nd|rd|th)?"
    m = re.fullmatch(r"(\d{4}) ?- ?(\d{2}|\d{4})", s)
    if m:
        years = _year_range(m.group(1), m.group(2))
        return Timex("/".join(years), "DATE") if years else None
    m = re.fullmatch(rf"({months}) (\d{{1,2}}){nth} ?- ?(\d{{1,2}}){nth}(.*)", s)
    if m:
        left, right = f"{m[1]} {m[2]}{m[4]}", f"{m[1]} {m[3]}{m[4]}"
    else:
        m = re.fullmatch(rf"(\d{{1,2}}){nth} ?- ?(\d{{1,2}}{nth} ({months}).*)", s)
        if m:
            left, right = f"{m[1]} {m[3]}", m[2]
            year = re.search(r"\d{4}", right)
            left += f" {year.group(0)}" if year else ""
        else:
            m = re.fullmatch(r"between (.+?) and (.+)", s) or re.fullmatch(
                r"(?:from )?(.+?) (?:to|until|till|through|thru|-) (.+)", s
            )
            if not m:
                return None
            left, right = m[1], m[2]
    return _interval(left, right, ctx)


def _interval(left: str, right: str, ctx: _Ctx) -> Timex | None:
    r = _parse(right, ctx)
    if r is None or r.type != "DATE" or r.value.endswith("_REF"):
        return None
    year = re.search(r"\b\d{4}\b", right)
    if year and not re.search(r"\b\d{4}\b", left) and re.search(r"[a-z]", left):
        lt = _parse(f"{left} {year.group(0)}", ctx)
        if lt and len(lt.value) == len(r.value) and lt.value > r.value:
            lt = _parse(f"{left} {int(year.group(0)) - 1}", ctx)
    else:
        lt = _parse(left, ctx)
    if lt is None or lt.type != "DATE" or lt.value.endswith("_REF"):
        return None
    return Timex(f"{lt.value}/{r.value}", "DATE")


def _day_value(text: str, ctx: _Ctx) -> Timex | None:
    """A day-granularity date for the date part of a time expression."""
    words = text.split()
    while words and words[-1] in ("at", "on", "in", "of", "the", "around", "about"):
        words.pop()
    if not words:
        return None
    t = _parse(" ".join(words), ctx)
    if t is None or t.type != "DATE" or not _DAY_VALUE.fullmatch(t.value):
        return None
    return t


def _rule_time(s: str, ctx: _Ctx) -> Timex | None:
    res = _res()
    m = res.clock_re.search(s)
    if m:
        if m["word"]:
            clock = res.raw["clock_words"][m["word"]]
        else:
            hour = int(m["h"] or m["h2"])
            minute = int(m["m"] or m["m2"] or 0)
            if m["ap"]:
                if not 1 <= hour <= 12:
                    return None
                hour = hour % 12 + (12 if m["ap"] == "pm" else 0)
            if hour > 24 or minute > 59:
                return None
            clock = f"{hour:02d}:{minute:02d}"
        rest = (s[: m.start()] + " " + s[m.end() :]).strip()
        if not rest:
            day = _X["day"] if ctx.anchor is None else ctx.anchor.isoformat()
            return Timex(f"{day}T{clock}", "TIME")
        t = _day_value(rest, ctx)
        return Timex(f"{t.value}T{clock}", "TIME", t.mod) if t else None
    m = res.part_re.search(s)
    if m:
        rest = (s[: m.start()] + " " + s[m.end() :]).strip()
        t = _day_value(rest, ctx) if rest else None
        if t is None:
            return None
        part = res.raw["parts_of_day"][m["part"]]
        return Timex(f"{t.value}T{part}", "TIME", t.mod)
    return None


def _rule_offset(s: str, ctx: _Ctx) -> Timex | None:
    """ "three days ago", "two years from now", "in three weeks"."""
    words = s.split()
    direction: int | str | None = None
    for phrase, d in _res().raw["offset_words"].items():
        if s.endswith(" " + phrase):
            direction, words = d, s[: -len(phrase) - 1].split()
            break
    if direction is None and words[0] == "in" and ctx.tense != "past":
        direction, words = 1, words[1:]
    if direction is None:
        return None
    qu = _quantity_unit(words) or (
        (None, _unit(words[0])) if len(words) == 1 and _is_plural(words[0]) else None
    )
    if qu is None or direction == "anaphoric":
        return None
    q, unit = qu
    if q is None:
        return Timex("PAST_REF" if direction == -1 else "FUTURE_REF", "DATE")
    if q != int(q):
        half = _res().raw["half_units"].get(unit)
        if half is None or q * half[1] != int(q * half[1]):
            return None
        q, unit = q * half[1], half[0]
    value = _shift(ctx, unit, int(direction) * int(q))
    return Timex(value, "DATE") if value else None


def _rule_span_duration(s: str, ctx: _Ctx) -> Timex | None:
    """ "the past three years", "the next few days", "the past year" -> duration."""
    m = re.fullmatch(
        r"(the )?(past|last|next|coming|previous|preceding|following|first|final) (.+)", s
    )
    if not m:
        return None
    words = m[3].split()
    qu = _quantity_unit(words)
    if qu:
        return Timex(_duration(qu[0], qu[1]), "DURATION")
    if len(words) == 1 and _unit(words[0]) and (m[2] == "past" or (m[1] and m[2] == "last")):
        return Timex(_duration(1.0, _unit(words[0])), "DURATION")  # type: ignore[arg-type]
    return None


def _rule_relative(s: str, ctx: _Ctx) -> Timex | None:
    """ "last week", "next Tuesday", "this summer", "last July", "Monday next week"."""
    res = _res()
    rel = res.raw["relative"]
    words = s.split()
    if len(words) == 3 and words[0] in res.weekdays and words[2] == "week":
        k = rel.get(words[1])
        if not isinstance(k, int):
            return None
        if ctx.anchor is None:
            return Timex(f"XXXX-WXX-{res.weekdays[words[0]]}", "DATE")
        y, w, _ = (ctx.anchor + dt.timedelta(weeks=k)).isocalendar()
        return Timex(dt.date.fromisocalendar(y, w, res.weekdays[words[0]]).isoformat(), "DATE")
    if len(words) != 2 or words[0] not in rel:
        return None
    k, word = rel[words[0]], words[1]
    if k == "anaphoric":
        return None
    if k == "duration":  # "past": a duration for units, "last" otherwise
        if _unit(word):
            return None
        k = -1
    if word in res.weekdays:
        return Timex(_weekday(ctx, res.weekdays[word], k or None), "DATE")
    if word == "weekend":
        return Timex(_weekend(ctx, k or None, this=k == 0), "DATE")
    span = None
    if word in res.months:
        month = res.months[word]
        span, fmt = _month_span(month), f"{{}}-{month:02d}"
    elif word in res.seasons:
        code = res.seasons[word]
        span, fmt = _season_span(code), f"{{}}-{code}"
    if span is not None:
        if ctx.anchor is None:
            return Timex(fmt.format("XXXX"), "DATE")
        year = _relative_year(ctx.anchor, span, k)
        return Timex(fmt.format(f"{year:04d}"), "DATE") if year else None
    unit = _unit(word)
    if unit and not _is_plural(word) and unit != "day":
        value = _shift(ctx, unit, k)
        return Timex(value, "DATE") if value else None
    return None


def _rule_this_of(s: str, ctx: _Ctx) -> Timex | None:
    """ "the year" in "the end of the year" = the anchor's year."""
    m = re.fullmatch(r"the (\w+)", s)
    if not (ctx.of and m and _unit(m[1]) and m[1] != "day" and not _is_plural(m[1])):
        return None
    value = _shift(ctx, _unit(m[1]), 0)  # type: ignore[arg-type]
    return Timex(value, "DATE") if value else None


def _rule_weekday(s: str, ctx: _Ctx) -> Timex | None:
    if s == "weekend":
        return Timex(_weekend(ctx, None), "DATE")
    wd = _res().weekdays.get(s)
    return Timex(_weekday(ctx, wd, None), "DATE") if wd else None


def _rule_part_of_year(s: str, ctx: _Ctx) -> Timex | None:
    """ "the first half of 2019", "the third quarter", "Q1 2020", "H2"."""
    ordinals = _res().raw["ordinals"]
    m = re.fullmatch(r"(?:the )?(\w+(?: \w+)?) (half|quarter)(?: of (.+))?", s)
    n = None
    if m and m[1] in ordinals:
        n, kind, rest = ordinals[m[1]], m[2], m[3]
        if n == -1:
            if rest is None:
                return None
            n = 2 if kind == "half" else 4
    else:
        m = re.fullmatch(r"(q|h)([1-4]) ?(?:of )?(.*)", s) or re.fullmatch(r"([1-4])(q|h) ?(.*)", s)
        if not m:
            return None
        letter, digit = (m[1], m[2]) if m[1].isalpha() else (m[2], m[1])
        kind, n, rest = ("half" if letter == "h" else "quarter"), int(digit), m[3] or None
    size = 6 if kind == "half" else 3
    if not 1 <= n <= 12 // size:
        return None
    code = f"{'H' if kind == 'half' else 'Q'}{n}"
    if rest:
        t = _parse(rest, replace(ctx, of=True))
        if t is None or not _YEAR_VALUE.fullmatch(t.value):
            return None
        return Timex(f"{t.value}-{code}", "DATE")
    year = _pick_year(ctx, _months_span(size * (n - 1) + 1, size * n))
    return Timex(f"{year if year else 'XXXX'}-{code}", "DATE")


def _rule_season(s: str, ctx: _Ctx) -> Timex | None:
    seasons = _res().seasons
    words = s.split()
    if words[0] not in seasons:
        return None
    code = seasons[words[0]]
    rest = " ".join(words[1:])
    if rest:
        t = _parse(rest, replace(ctx, of=True))
        if t is None or not _YEAR_VALUE.fullmatch(t.value):
            return None
        return Timex(f"{t.value}-{code}", "DATE")
    year = _pick_year(ctx, _season_span(code))
    return Timex(f"{year if year else 'XXXX'}-{code}", "DATE")


def _rule_decade_century(s: str, ctx: _Ctx) -> Timex | None:
    raw = _res().raw
    m = re.fullmatch(r"(\d{3})0s", s)
    if m:
        return Timex(m[1], "DATE")
    m = re.fullmatch(r"'?(\d)0s", s)
    digit = int(m[1]) if m else raw["decade_words"].get(s)
    if digit is not None:
        recent = (ctx.anchor.year % 100) if ctx.anchor else 29
        return Timex(f"{19 if digit * 10 > recent else 20}{digit}", "DATE")
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", s) or re.fullmatch(
        r"(\w+(?: \w+)?) century", s
    )
    if m:
        n = int(m[1]) if m[1].isdigit() else raw["ordinals"].get(m[1], 0)
        return Timex(f"{n - 1:02d}", "DATE") if 1 <= n <= 22 else None
    return None


def _rule_year(s: str, ctx: _Ctx) -> Timex | None:
    if re.fullmatch(r"\d{4}", s) and 1000 <= int(s) <= 2199:
        return Timex(s, "DATE")
    return None


def _rule_month_day(s: str, ctx: _Ctx) -> Timex | None:
    """Dates without a year: "July 12", "12th of July", "July", "the 12th"."""
    res = _res()
    words = s.split()
    if len(words) > 1 and words[0] in res.weekdays:
        words = words[1:]
    s = " ".join(words)
    months = _alt(res.months)
    suffix = r"(?:st|nd|rd|th)?"
    m = re.fullmatch(rf"(?P<mon>{months}) (?:the )?(?P<day>\d{{1,2}}){suffix}", s) or (
        re.fullmatch(rf"(?:the )?(?P<day>\d{{1,2}}){suffix} (?:of )?(?P<mon>{months})", s)
    )
    if m:
        month, day = res.months[m["mon"]], int(m["day"])
        if not 1 <= day <= 31:
            return None
        year = _pick_year(ctx, _month_span(month, day))
        if ctx.anchor is None:
            return Timex(f"XXXX-{month:02d}-{day:02d}", "DATE")
        return Timex(f"{year:04d}-{month:02d}-{day:02d}", "DATE") if year else None
    if s in res.months:
        month = res.months[s]
        year = _pick_year(ctx, _month_span(month))
        return Timex(f"{year if year else 'XXXX'}-{month:02d}", "DATE")
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)", s)
    if m:
        return _day_of_month(int(m[1]), ctx)
    return None


def _day_of_month(day: int, ctx: _Ctx) -> Timex | None:
    """ "the 12th": the anchor's month, or the previous/next one by tense."""
    if not 1 <= day <= 31:
        return None
    a = ctx.anchor
    if a is None:
        return Timex(f"XXXX-XX-{day:02d}", "DATE")
    slack = _res().raw["anchoring"]["past_slack_days"]
    shift = 0
    if ctx.tense == "future":
        shift = 1 if day < a.day else 0
    elif day > a.day + (slack if ctx.tense == "past" else 15):
        shift = -1
    elif ctx.tense is None and a.day - day > 15:
        shift = 1
    y, m = _add_months(a.year, a.month, shift)
    try:
        return Timex(dt.date(y, m, day).isoformat(), "DATE")
    except ValueError:
        return None


_NUMERIC_DATE = re.compile(r"\d{1,4}([./-])\d{1,2}(?:\1\d{1,4})?")
_DATE_TOKEN = re.compile(r"\d{1,4}(?:st|nd|rd|th)?")


def _rule_absolute(s: str, ctx: _Ctx) -> Timex | None:
    """Explicit dates in any common format, via dateparser ("July 22 2020", "22.07.2020")."""
    res = _res()
    words = s.split()
    has_month = any(w in res.months for w in words)
    has_numeric = any(_NUMERIC_DATE.fullmatch(w) for w in words)
    if not (has_month or has_numeric) or not re.search(r"\d", s):
        return None
    for w in words:
        if not (
            w in res.months
            or w in res.weekdays
            or w in ("of", "the", "on")
            or _DATE_TOKEN.fullmatch(w)
            or _NUMERIC_DATE.fullmatch(w)
        ):
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
        year = _pick_year(ctx, _month_span(date.month, date.day))
        return Timex(f"{year:04d}-{date.month:02d}-{date.day:02d}", "DATE") if year else None
    if not explicit_year:
        return None
    if period == "month":
        return Timex(f"{date.year:04d}-{date.month:02d}", "DATE")
    if period == "year":
        return Timex(f"{date.year:04d}", "DATE")
    if period == "week":
        return Timex(_week(date), "DATE")
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
    return DateDataParser(languages=["en"], settings=settings)


def _rule_duration(s: str, ctx: _Ctx) -> Timex | None:
    """ "three years", "24 hours", "a decade", "years", "35 years old"."""
    words = s.split()
    mod = None
    if words[-2:] == ["or", "so"]:
        words, mod = words[:-2], "APPROX"
    elif len(words) > 1 and words[-1] in ("old", "long"):
        words = words[:-1]
    if not words:
        return None
    if len(words) == 1:
        unit = _unit(words[0])
        if unit and _is_plural(words[0]):
            return Timex(_duration(None, unit), "DURATION", mod)
        return None
    qu = _quantity_unit(words)
    if qu:
        return Timex(_duration(qu[0], qu[1]), "DURATION", mod)
    m = re.fullmatch(r"(\S+) (?:to|-|or) (\S+) (\w+)", " ".join(words))  # two to three years
    if m and _unit(m[3]) and _quantity([m[1]]) and _quantity([m[2]]):
        return Timex(_duration(None, _unit(m[3])), "DURATION", mod)  # type: ignore[arg-type]
    return None


_PREPOSITIONAL = {"over", "under", "around", "about", "after", "before"}


def _rule_mod(s: str, ctx: _Ctx) -> Timex | None:
    """ "early 2020", "the end of the month", "about three years", "mid-July"."""
    for phrase, mod in _res().mods:
        if not s.startswith(phrase + " "):
            continue
        rest = s[len(phrase) + 1 :]
        if phrase in _PREPOSITIONAL and rest.startswith("the "):
            continue
        t = _parse(rest, replace(ctx, of=True))
        if t is None:
            continue
        return t if t.mod or not mod else replace(t, mod=mod)
    return None


_RULES: tuple[Rule, ...] = (
    _rule_ref,
    _rule_deictic,
    _rule_holiday,
    _rule_set,
    _rule_interval,
    _rule_time,
    _rule_offset,
    _rule_span_duration,
    _rule_relative,
    _rule_this_of,
    _rule_weekday,
    _rule_part_of_year,
    _rule_season,
    _rule_decade_century,
    _rule_year,
    _rule_month_day,
    _rule_absolute,
    _rule_duration,
    _rule_mod,
)


def _parse(s: str, ctx: _Ctx) -> Timex | None:
    for stage in _stages(s):
        for rule in _RULES:
            t = rule(stage, ctx)
            if t is not None:
                return t
    return None


@lru_cache(maxsize=8192)
def _normalise_cached(text: str, anchor: dt.date | None, tense: str | None) -> Timex | None:
    s = _clean(text)
    if not s or len(s) > 100:
        return None
    return _parse(s, _Ctx(anchor, tense))
