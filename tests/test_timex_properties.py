"""Property-based tests of pipeline.text.timex.normalise (hypothesis).

Whatever the text, anchor and tense, ``normalise`` must not raise, and what it returns must be a
well-formed TIMEX3: a value of the TimeML value grammar below, of a type that agrees with the
value's form, with a TimeML mod. Explicit dates, ``N days ago`` and weekday names must come out
right for every date and anchor, not only the ones the example tests pick.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.timex import Timex, normalise

# --- the TIMEX3 value grammar (TimeML 1.2.1 / TIDES 2005) -------------------------------------

# Years have four digits: TimeML uses no expanded or negative years, so a date outside 0000-9999
# ("in 30,000 years", "8001 quarters ago") has no TIMEX3 value and normalise must return None.
_YEAR = r"(?:\d{4}|XXXX)"
_MONTH = r"(?:0[1-9]|1[0-2]|XX)"
_DAY = r"(?:0[1-9]|[12]\d|3[01]|XX)"
_WEEK = r"(?:0[1-9]|[1-4]\d|5[0-3]|XX)"
# a day: by calendar date or by ISO week and weekday (XXXX-WXX-2 = a Tuesday)
_DAY_DATE = rf"{_YEAR}-{_MONTH}-{_DAY}|{_YEAR}-W{_WEEK}-[1-7]"
_DATE = "|".join(
    [
        _DAY_DATE,
        rf"{_YEAR}-{_MONTH}",  # month
        rf"{_YEAR}-W{_WEEK}(?:-WE)?",  # week, weekend
        rf"{_YEAR}-(?:SP|SU|FA|WI)",  # season
        rf"{_YEAR}-(?:Q[1-4X]|H[12X])",  # quarter, half
        _YEAR,  # year
        r"\d{3}|XXX",  # decade: 199 = the 1990s
        r"\d{2}|XX",  # century: 19 = the 1900s
    ]
)
# a time of day: part of day, or hours with optional minutes and seconds (24:00 ends a day),
# optionally with a zone
_CLOCK = r"(?:[01]\d|2[0-3])(?::[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)?|24(?::00(?::00)?)?"
_ZONE = r"(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?"
_TIME = rf"(?:{_DAY_DATE})T(?:MO|MI|AF|EV|NI|DT|(?:{_CLOCK}){_ZONE})"
# a duration: ISO 8601 components in order (X = an unknown number), or the TIDES units of
# decades, centuries and millennia
_N = r"(?:\d+(?:\.\d+)?|X)"
_TIME_PART = rf"T(?=[\dX])(?:{_N}H)?(?:{_N}M)?(?:{_N}S)?"
_DURATION = "|".join(
    [
        rf"P(?=[\dX])(?:{_N}Y)?(?:{_N}M)?(?:{_N}W)?(?:{_N}D)?(?:{_TIME_PART})?",
        rf"P{_TIME_PART}",
        rf"P{_N}(?:DE|CE|ML)",
    ]
)
_REF = r"PRESENT_REF|PAST_REF|FUTURE_REF"
_POINT = rf"{_TIME}|{_DATE}"

REF_VALUE = re.compile(_REF)
DURATION_VALUE = re.compile(_DURATION)
TIME_VALUE = re.compile(_TIME)
DATE_VALUE = re.compile(_DATE)
INTERVAL_VALUE = re.compile(rf"(?:{_POINT})/(?:{_POINT})")
TIMEX3_VALUE = re.compile(rf"{_REF}|{_DURATION}|{_POINT}|(?:{_POINT})/(?:{_POINT})")

TYPES = ("DATE", "TIME", "DURATION", "SET")
MODS = (
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
    "START",
    "MID",
    "END",
    "APPROX",
)


def timex3_problem(value: str, type_: str, mod: str | None) -> str | None:
    """Why (value, type, mod) is not a well-formed TIMEX3, or None when it is.

    The type must agree with the form of the value: a vague reference is a DATE (or TIME); a
    duration is a DURATION or, as the period of a recurrence, a SET; a date is a DATE, a time of
    day a TIME, either one with X placeholders may also be a SET (XXXX-WXX-2 = every Tuesday);
    an interval start/end is a DATE or TIME.
    """
    if type_ not in TYPES:
        return f"unknown type {type_!r}"
    if mod is not None and mod not in MODS:
        return f"unknown mod {mod!r}"
    if not TIMEX3_VALUE.fullmatch(value):
        return f"value {value!r} is not in the TIMEX3 value grammar"
    recurring = {"SET"} if "X" in value else set()
    if REF_VALUE.fullmatch(value):
        allowed = {"DATE", "TIME"}
    elif DURATION_VALUE.fullmatch(value):
        allowed = {"DURATION", "SET"}
    elif TIME_VALUE.fullmatch(value):
        allowed = {"TIME"} | recurring
    elif DATE_VALUE.fullmatch(value):
        allowed = {"DATE"} | recurring
    else:
        allowed = {"DATE", "TIME"}  # an interval
    if type_ not in allowed:
        return f"type {type_} does not fit the value {value!r} (expected {sorted(allowed)})"
    return None


def test_value_grammar_accepts_timeml_values_and_rejects_others() -> None:
    good = [
        ("2016-02-09", "DATE"),
        ("2016-02", "DATE"),
        ("2016", "DATE"),
        ("2016-W06", "DATE"),
        ("2016-W06-WE", "DATE"),
        ("2016-SU", "DATE"),
        ("2016-Q1", "DATE"),
        ("2016-H1", "DATE"),
        ("199", "DATE"),
        ("19", "DATE"),
        ("XXXX-03-05", "DATE"),
        ("PRESENT_REF", "DATE"),
        ("P3Y", "DURATION"),
        ("P5Y6M", "DURATION"),
        ("P5.5Y", "DURATION"),
        ("PT24H", "DURATION"),
        ("PT1H30M", "DURATION"),
        ("PXY", "DURATION"),
        ("PXDE", "DURATION"),
        ("PTXH", "DURATION"),
        ("2016-02-09T15:00", "TIME"),
        ("2016-02-09T24:00", "TIME"),
        ("2016-02-09TNI", "TIME"),
        ("XXXX-WXX-4TNI", "TIME"),
        ("XXXX-WXX-2", "SET"),
        ("XXXX-XX-XXTMO", "SET"),
        ("P1W", "SET"),
        ("1994/1997", "DATE"),
        ("2015-03/2015-05", "DATE"),
    ]
    for value, type_ in good:
        assert timex3_problem(value, type_, None) is None, value
    bad = [
        ("2016-13", "DATE"),
        ("2016-02-30T25:00", "TIME"),
        ("P", "DURATION"),
        ("PT", "DURATION"),
        ("P3", "DURATION"),
        ("P3Y", "DATE"),
        ("2016-02-09", "DURATION"),
        ("2016-02-09", "SET"),
        ("2016-02-09TNI", "DATE"),
        ("NOW", "DATE"),
        ("2016-W54", "DATE"),
        ("1994/", "DATE"),
    ]
    for value, type_ in bad:
        assert timex3_problem(value, type_, None) is not None, value
    assert timex3_problem("2015", "DATE", "EARLY") is not None


# --- strategies -------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(derandomize=True, deadline=None, max_examples=150)

TENSES = st.sampled_from([None, "past", "present", "future"])
ANCHORS = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
ROUND_TRIP_DATES = st.dates(dt.date(1950, 1, 1), dt.date(2050, 12, 31))

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)

# Words of temporal expressions, so that random phrases reach the rules and not only the
# rejection of junk.
TEMPORAL_WORDS = (
    *MONTHS,
    *WEEKDAYS,
    *NUMBER_WORDS,
    "Sept.",
    "Thurs.",
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "to",
    "from",
    "between",
    "in",
    "on",
    "at",
    "last",
    "next",
    "this",
    "past",
    "coming",
    "previous",
    "following",
    "ago",
    "earlier",
    "later",
    "from now",
    "early",
    "mid-",
    "late",
    "about",
    "nearly",
    "more than",
    "at least",
    "the end of",
    "every",
    "each",
    "twice",
    "times",
    "weekly",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "quarter",
    "half",
    "hours",
    "minutes",
    "morning",
    "night",
    "noon",
    "midnight",
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "recently",
    "summer",
    "winter",
    "fiscal",
    "1990s",
    "'80s",
    "nineties",
    "20th",
    "third",
    "Q3",
    "H1",
    "1994",
    "2015",
    "2016",
    "0",
    "1",
    "5",
    "12",
    "31",
    "99",
    "1000",
    "9999",
    "100000",
    "10:35",
    "25:99",
    "a.m.",
    "p.m.",
    "UTC",
    "½",
    "1/2",
    "-",
    "'s",
    ",",
    "/",
)
PHRASES = st.lists(st.sampled_from(TEMPORAL_WORDS), min_size=1, max_size=7).map(" ".join)
TEXTS = st.one_of(
    st.text(),
    PHRASES,
    st.text(min_size=90, max_size=120),  # around the length limit
    st.text(alphabet=st.sampled_from("0123456789 -/.:,'ap"), max_size=30),
    st.builds(lambda s, n: s * n, PHRASES, st.integers(5, 2000)),  # very long
)


# Phrases built the way temporal expressions are, with numbers well outside what news writes
# ("in 1,000,000 weeks", "45 centuries ago", "the 99th century", "24:30 GMT", "Q5 2015"): the
# rules must answer None or a well-formed value, and never raise.
_COUNTS = st.one_of(
    st.integers(0, 100).map(str),
    st.integers(0, 10**12).map(str),
    st.sampled_from([*NUMBER_WORDS, "a", "an", "a few", "several", "1,000", "1.5", "half a"]),
)
_UNITS = st.sampled_from(
    "day days week weeks fortnight month months quarter quarters year years decade decades "
    "century centuries millennium hour hours minute minutes second seconds".split()
)
_BEFORE = st.sampled_from(["", "in ", "the past ", "the next ", "about ", "more than ", "every "])
_AFTER = st.sampled_from(["", " ago", " from now", " earlier", " later", " back", " hence"])
QUANTITY_PHRASES = st.builds(
    lambda before, count, unit, after: f"{before}{count} {unit}{after}",
    _BEFORE,
    _COUNTS,
    _UNITS,
    _AFTER,
)
CLOCK_TIMES = st.builds(
    lambda hour, minute, suffix: f"{hour}:{minute:02d}{suffix}",
    st.sampled_from([0, 1, 9, 11, 12, 13, 23, 24, 25, 30]),
    st.sampled_from([0, 5, 30, 59, 60, 99]),
    st.sampled_from(["", " a.m.", " p.m.", " GMT", " UTC", " Tuesday", " a.m. Friday"]),
)
_YEARS = st.one_of(
    st.integers(0, 99999).map(str), st.sampled_from(["'69", "1990s", "'80s", "1800s"])
)
_DAYS = st.one_of(st.integers(0, 40).map(str), st.sampled_from(["1st", "22nd", "31st", "32nd"]))
CALENDAR_PHRASES = st.one_of(
    st.builds("{} {}, {}".format, st.sampled_from(MONTHS), _DAYS, _YEARS),
    st.builds("{} {} {}".format, _DAYS, st.sampled_from(MONTHS), _YEARS),
    st.builds("{} {}".format, st.sampled_from(MONTHS), _YEARS),
    st.builds(
        "the {} {} of {}".format,
        st.sampled_from(["first", "second", "third", "fourth", "fifth", "last", "0th"]),
        st.sampled_from(["quarter", "half", "week"]),
        _YEARS,
    ),
    st.builds(
        "{} {}".format,
        st.sampled_from(["Q0", "Q1", "Q4", "Q5", "H0", "H2", "H3", "fiscal", "FY", "summer"]),
        _YEARS,
    ),
    st.builds("the {} century".format, st.sampled_from(["0th", "1st", "20th", "99th", "100th"])),
    st.builds("between {} and {}".format, _YEARS, _YEARS),
    st.builds("{}-{}".format, _YEARS, _YEARS),
    st.builds("{} {}-{}".format, st.sampled_from(MONTHS), _DAYS, _DAYS),
)


# --- properties -------------------------------------------------------------------------------


def _assert_well_formed(text: str, anchor: dt.date | None, tense: str | None) -> None:
    try:
        timex = normalise(text, anchor, tense)
    except Exception as error:
        raise AssertionError(f"{text!r} ({anchor}, {tense}) raised {error!r}") from error
    if timex is not None:
        assert isinstance(timex, Timex)
        problem = timex3_problem(timex.value, timex.type, timex.mod)
        assert problem is None, f"{text!r} ({anchor}, {tense}) -> {timex}: {problem}"


@PROPERTY_SETTINGS
@given(text=TEXTS, anchor=ANCHORS, tense=TENSES)
def test_any_text_never_raises_and_gives_a_well_formed_timex3(
    text: str, anchor: dt.date | None, tense: str | None
) -> None:
    _assert_well_formed(text, anchor, tense)


@PROPERTY_SETTINGS
@given(text=QUANTITY_PHRASES, anchor=ANCHORS, tense=TENSES)
def test_quantities_of_units_never_raise_and_give_a_well_formed_timex3(
    text: str, anchor: dt.date | None, tense: str | None
) -> None:
    _assert_well_formed(text, anchor, tense)


@PROPERTY_SETTINGS
@given(
    count=st.integers(10**5, 10**13),
    unit=_UNITS,
    form=st.sampled_from(["in {} {}", "{} {} ago", "{} {} from now", "{} {} back"]),
    anchor=ANCHORS,
    tense=TENSES,
)
def test_huge_quantities_of_units_never_raise(
    count: int, unit: str, form: str, anchor: dt.date | None, tense: str | None
) -> None:
    text = form.format(count, unit)
    try:
        normalise(text, anchor, tense)
    except Exception as error:
        raise AssertionError(f"{text!r} ({anchor}, {tense}) raised {error!r}") from error


@PROPERTY_SETTINGS
@given(text=CLOCK_TIMES, anchor=ANCHORS, tense=TENSES)
def test_clock_times_never_raise_and_give_a_well_formed_timex3(
    text: str, anchor: dt.date | None, tense: str | None
) -> None:
    _assert_well_formed(text, anchor, tense)


@PROPERTY_SETTINGS
@given(text=CALENDAR_PHRASES, anchor=ANCHORS, tense=TENSES)
def test_calendar_phrases_never_raise_and_give_a_well_formed_timex3(
    text: str, anchor: dt.date | None, tense: str | None
) -> None:
    _assert_well_formed(text, anchor, tense)


def _assert_date(text: str, anchor: dt.date | None, tense: str | None, value: str) -> None:
    timex = normalise(text, anchor, tense)
    assert timex is not None, f"{text!r} ({anchor}, {tense}) -> None, expected {value}"
    assert (timex.value, timex.type) == (value, "DATE"), (
        f"{text!r} ({anchor}, {tense}) -> {timex}, expected DATE {value}"
    )


@PROPERTY_SETTINGS
@given(day=ROUND_TRIP_DATES, anchor=ANCHORS, tense=TENSES)
def test_month_day_year_round_trip(day: dt.date, anchor: dt.date | None, tense: str | None) -> None:
    text = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    _assert_date(text, anchor, tense, day.isoformat())


@PROPERTY_SETTINGS
@given(day=ROUND_TRIP_DATES, anchor=ANCHORS, tense=TENSES)
def test_day_month_year_round_trip(day: dt.date, anchor: dt.date | None, tense: str | None) -> None:
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    _assert_date(text, anchor, tense, day.isoformat())


@PROPERTY_SETTINGS
@given(day=ROUND_TRIP_DATES, anchor=ANCHORS, tense=TENSES)
def test_iso_date_round_trip(day: dt.date, anchor: dt.date | None, tense: str | None) -> None:
    _assert_date(day.isoformat(), anchor, tense, day.isoformat())


@PROPERTY_SETTINGS
@given(day=ROUND_TRIP_DATES, anchor=ANCHORS, tense=TENSES)
def test_month_year_round_trip(day: dt.date, anchor: dt.date | None, tense: str | None) -> None:
    text = f"{MONTHS[day.month - 1]} {day.year}"
    _assert_date(text, anchor, tense, f"{day.year:04d}-{day.month:02d}")


ANCHOR_DATES = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


@PROPERTY_SETTINGS
@given(n=st.integers(1, 30), anchor=ANCHOR_DATES, tense=TENSES, in_words=st.booleans())
def test_n_days_ago(n: int, anchor: dt.date, tense: str | None, in_words: bool) -> None:
    number = NUMBER_WORDS[n - 1] if in_words and n <= len(NUMBER_WORDS) else str(n)
    text = f"{number} {'day' if n == 1 else 'days'} ago"
    _assert_date(text, anchor, tense, (anchor - dt.timedelta(days=n)).isoformat())


def _weekday_date(text: str, anchor: dt.date, tense: str) -> dt.date:
    timex = normalise(text, anchor, tense)
    assert timex is not None and timex.type == "DATE", f"{text!r} ({anchor}, {tense}) -> {timex}"
    try:
        return dt.date.fromisoformat(timex.value)
    except ValueError:
        raise AssertionError(f"{text!r} ({anchor}, {tense}) -> {timex}: not a day") from None


@PROPERTY_SETTINGS
@given(weekday=st.integers(1, 7), anchor=ANCHOR_DATES)
def test_weekday_in_a_past_clause_is_within_the_week_up_to_the_anchor(
    weekday: int, anchor: dt.date
) -> None:
    name = WEEKDAYS[weekday - 1]
    day = _weekday_date(name, anchor, "past")
    assert day.isoweekday() == weekday, f"{name} ({anchor}, past) -> {day}"
    assert 0 <= (anchor - day).days <= 7, f"{name} ({anchor}, past) -> {day}"


@PROPERTY_SETTINGS
@given(weekday=st.integers(1, 7), anchor=ANCHOR_DATES)
def test_weekday_in_a_future_clause_is_within_the_week_from_the_anchor(
    weekday: int, anchor: dt.date
) -> None:
    name = WEEKDAYS[weekday - 1]
    day = _weekday_date(name, anchor, "future")
    assert day.isoweekday() == weekday, f"{name} ({anchor}, future) -> {day}"
    assert 0 <= (day - anchor).days <= 7, f"{name} ({anchor}, future) -> {day}"
