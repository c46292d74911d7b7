"""Tests for pipeline.timex: TIMEX3 normalisation anchored on the publication date."""

import datetime as dt

import pytest

from pipeline.text.timex import Timex, normalise

WED = dt.date(2020, 7, 22)  # a Wednesday, ISO week 2020-W30
SUN_NEW_YEAR = dt.date(2021, 1, 3)  # a Sunday, ISO week 2020-W53
MON = dt.date(2020, 7, 20)
SUN = dt.date(2020, 7, 26)


@pytest.mark.parametrize(
    ("text", "tense", "value", "type_"),
    [
        # explicit absolute dates (dateparser)
        ("22 July 2020", None, "2020-07-22", "DATE"),
        ("July 22, 2020", None, "2020-07-22", "DATE"),
        ("2020-07-22", None, "2020-07-22", "DATE"),
        ("22.07.2020", None, "2020-07-22", "DATE"),
        ("03.07.2020", None, "2020-07-03", "DATE"),
        ("Wednesday, July 22, 2020", None, "2020-07-22", "DATE"),
        ("on Sept. 5, 2019", None, "2019-09-05", "DATE"),
        ("July 2020", None, "2020-07", "DATE"),
        ("March of 2019", None, "2019-03", "DATE"),
        ("1992", None, "1992", "DATE"),
        ("in 2019", None, "2019", "DATE"),
        ("fiscal 2020", None, "2020", "DATE"),
        ("9/11", None, "2001-09-11", "DATE"),
        # dates without year
        ("July 12", None, "2020-07-12", "DATE"),
        ("July 12", "past", "2020-07-12", "DATE"),
        ("12th of July", None, "2020-07-12", "DATE"),
        ("Sept. 5", "past", "2019-09-05", "DATE"),
        ("Sept. 5", "future", "2020-09-05", "DATE"),
        ("July 24", "past", "2020-07-24", "DATE"),  # within the slack of a few days
        ("July 30", "past", "2019-07-30", "DATE"),
        ("March 3", "future", "2021-03-03", "DATE"),
        ("May", None, "2020-05", "DATE"),
        ("in August", "past", "2019-08", "DATE"),
        ("in August", "future", "2020-08", "DATE"),
        ("the 12th", None, "2020-07-12", "DATE"),
        ("Christmas", "past", "2019-12-25", "DATE"),
        ("Easter 2019", None, "2019-04-21", "DATE"),
        # weekdays
        ("Wednesday", None, "2020-07-22", "DATE"),
        ("on Monday", None, "2020-07-20", "DATE"),
        ("Thursday", "past", "2020-07-16", "DATE"),
        ("Thursday", "future", "2020-07-23", "DATE"),
        ("Wednesday", "future", "2020-07-22", "DATE"),
        ("last Friday", None, "2020-07-17", "DATE"),
        ("last Wednesday", None, "2020-07-15", "DATE"),
        ("next Tuesday", None, "2020-07-28", "DATE"),
        ("next Wednesday", None, "2020-07-29", "DATE"),
        ("this Friday", "future", "2020-07-24", "DATE"),
        ("Monday next week", None, "2020-07-27", "DATE"),
        # deictic
        ("today", None, "2020-07-22", "DATE"),
        ("yesterday", None, "2020-07-21", "DATE"),
        ("tomorrow", None, "2020-07-23", "DATE"),
        ("the day before yesterday", None, "2020-07-20", "DATE"),
        ("two years ago", None, "2018", "DATE"),
        ("three days ago", None, "2020-07-19", "DATE"),
        ("a week ago", None, "2020-W29", "DATE"),
        ("six months ago", None, "2020-01", "DATE"),
        ("a decade ago", None, "201", "DATE"),
        ("in three days", "future", "2020-07-25", "DATE"),
        ("two weeks from now", None, "2020-W32", "DATE"),
        ("a few years ago", None, "PAST_REF", "DATE"),
        # relative periods
        ("last week", None, "2020-W29", "DATE"),
        ("this week", None, "2020-W30", "DATE"),
        ("next week", None, "2020-W31", "DATE"),
        ("earlier this week", None, "2020-W30", "DATE"),
        ("last month", None, "2020-06", "DATE"),
        ("earlier this month", None, "2020-07", "DATE"),
        ("next month", None, "2020-08", "DATE"),
        ("this year", None, "2020", "DATE"),
        ("so far this year", None, "2020", "DATE"),
        ("this year's", None, "2020", "DATE"),
        ("last year", None, "2019", "DATE"),
        ("next year", None, "2021", "DATE"),
        ("last quarter", None, "2020-Q2", "DATE"),
        ("last decade", None, "201", "DATE"),
        ("last July", None, "2019-07", "DATE"),
        ("last March", None, "2020-03", "DATE"),
        ("next March", None, "2021-03", "DATE"),
        ("this summer", None, "2020-SU", "DATE"),
        ("last summer", None, "2019-SU", "DATE"),
        ("next spring", None, "2021-SP", "DATE"),
        ("last winter", None, "2019-WI", "DATE"),
        ("the summer of 2019", None, "2019-SU", "DATE"),
        ("spring 2021", None, "2021-SP", "DATE"),
        ("the weekend", None, "2020-W29-WE", "DATE"),
        ("over the weekend", "past", "2020-W29-WE", "DATE"),
        ("the weekend", "future", "2020-W30-WE", "DATE"),
        ("this past weekend", None, "2020-W29-WE", "DATE"),
        ("last weekend", None, "2020-W29-WE", "DATE"),
        # parts of years, decades, centuries
        ("the first half of 2019", None, "2019-H1", "DATE"),
        ("the second half of the year", None, "2020-H2", "DATE"),
        ("the third quarter", None, "2020-Q3", "DATE"),
        ("the fourth quarter", "past", "2019-Q4", "DATE"),
        ("the first quarter of 2020", None, "2020-Q1", "DATE"),
        ("first-quarter", None, "2020-Q1", "DATE"),
        ("Q3 2019", None, "2019-Q3", "DATE"),
        ("the fourth quarter of last year", None, "2019-Q4", "DATE"),
        ("the 1990s", None, "199", "DATE"),
        ("the 1990's", None, "199", "DATE"),
        ("the '90s", None, "199", "DATE"),
        ("the sixties", None, "196", "DATE"),
        ("the 20th century", None, "19", "DATE"),
        ("the nineteenth century", None, "18", "DATE"),
        # vague references
        ("now", None, "PRESENT_REF", "DATE"),
        ("currently", None, "PRESENT_REF", "DATE"),
        ("at present", None, "PRESENT_REF", "DATE"),
        ("nowadays", None, "PRESENT_REF", "DATE"),
        ("recently", None, "PAST_REF", "DATE"),
        ("in the past", None, "PAST_REF", "DATE"),
        ("in recent weeks", None, "PAST_REF", "DATE"),
        ("formerly", None, "PAST_REF", "DATE"),
        ("in the future", None, "FUTURE_REF", "DATE"),
        ("soon", None, "FUTURE_REF", "DATE"),
        ("in the coming months", None, "FUTURE_REF", "DATE"),
        # durations
        ("three years", None, "P3Y", "DURATION"),
        ("two days", None, "P2D", "DURATION"),
        ("24 hours", None, "PT24H", "DURATION"),
        ("30 minutes", None, "PT30M", "DURATION"),
        ("six months", None, "P6M", "DURATION"),
        ("a decade", None, "P10Y", "DURATION"),
        ("two decades", None, "P20Y", "DURATION"),
        ("a week", None, "P1W", "DURATION"),
        ("ten-day", None, "P10D", "DURATION"),
        ("twenty-five years", None, "P25Y", "DURATION"),
        ("a year and a half", None, "P1Y6M", "DURATION"),
        ("half an hour", None, "PT30M", "DURATION"),
        ("years", None, "PXY", "DURATION"),
        ("months", None, "PXM", "DURATION"),
        ("days", None, "PXD", "DURATION"),
        ("decades", None, "PXDE", "DURATION"),
        ("several weeks", None, "PXW", "DURATION"),
        ("a couple of years", None, "P2Y", "DURATION"),
        ("the past three years", None, "P3Y", "DURATION"),
        ("for the past three years", None, "P3Y", "DURATION"),
        ("over the last two decades", None, "P20Y", "DURATION"),
        ("the past year", None, "2019", "DATE"),
        ("the next few days", None, "PXD", "DURATION"),
        ("in three days", "past", "P3D", "DURATION"),
        ("within a week", None, "P1W", "DURATION"),
        ("35-year-old", None, "P35Y", "DURATION"),
        # ranges
        ("between 1992 and 1994", None, "1992/1994", "DATE"),
        ("from 2014 to 2016", None, "2014/2016", "DATE"),
        ("2014-16", None, "2014/2016", "DATE"),
        ("1992-1994", None, "1992/1994", "DATE"),
        ("1990s-2000s", None, "199/200", "DATE"),
        ("from July to September 2019", None, "2019-07/2019-09", "DATE"),
        ("July 12-14", None, "2020-07-12/2020-07-14", "DATE"),
        # times
        ("3 p.m.", None, "2020-07-22T15:00", "TIME"),
        ("Tuesday at 3:30 p.m.", None, "2020-07-21T15:30", "TIME"),
        ("9 a.m. ET Thursday", "future", "2020-07-23T09:00", "TIME"),
        ("this morning", None, "2020-07-22TMO", "TIME"),
        ("this afternoon", None, "2020-07-22TAF", "TIME"),
        ("tonight", None, "2020-07-22TNI", "TIME"),
        ("last night", None, "2020-07-21TNI", "TIME"),
        ("Tuesday night", None, "2020-07-21TNI", "TIME"),
        ("yesterday evening", None, "2020-07-21TEV", "TIME"),
        ("tomorrow morning", None, "2020-07-23TMO", "TIME"),
        ("noon", None, "2020-07-22T12:00", "TIME"),
        # sets
        ("every week", None, "P1W", "SET"),
        ("weekly", None, "P1W", "SET"),
        ("daily", None, "P1D", "SET"),
        ("annually", None, "P1Y", "SET"),
        ("every year", None, "P1Y", "SET"),
        ("every two years", None, "P2Y", "SET"),
        ("twice a year", None, "P1Y", "SET"),
        ("every Monday", None, "XXXX-WXX-1", "SET"),
        ("on Mondays", None, "XXXX-WXX-1", "SET"),
        ("every summer", None, "XXXX-SU", "SET"),
    ],
)
def test_normalise_anchor_wednesday(text: str, tense: str | None, value: str, type_: str) -> None:
    t = normalise(text, WED, tense)
    assert t is not None, text
    assert (t.value, t.type) == (value, type_)


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "value"),
    [
        ("December 30", SUN_NEW_YEAR, None, "2020-12-30"),
        ("December 30", SUN_NEW_YEAR, "past", "2020-12-30"),
        ("January 5", SUN_NEW_YEAR, "future", "2021-01-05"),
        ("January 5", dt.date(2020, 12, 28), None, "2021-01-05"),
        ("Christmas", SUN_NEW_YEAR, None, "2020-12-25"),
        ("Monday", SUN_NEW_YEAR, None, "2020-12-28"),
        ("Monday", SUN_NEW_YEAR, "future", "2021-01-04"),
        ("Sunday", SUN_NEW_YEAR, None, "2021-01-03"),
        ("last week", SUN_NEW_YEAR, None, "2020-W52"),
        ("this week", SUN_NEW_YEAR, None, "2020-W53"),
        ("next week", SUN_NEW_YEAR, None, "2021-W01"),
        ("last month", SUN_NEW_YEAR, None, "2020-12"),
        ("last year", SUN_NEW_YEAR, None, "2020"),
        ("the fourth quarter", SUN_NEW_YEAR, None, "2020-Q4"),
        ("yesterday", SUN_NEW_YEAR, None, "2021-01-02"),
        ("the weekend", SUN_NEW_YEAR, None, "2020-W53-WE"),
        ("Monday", MON, None, "2020-07-20"),
        ("Sunday", MON, None, "2020-07-19"),
        ("the weekend", MON, None, "2020-W29-WE"),
        ("last Sunday", SUN, None, "2020-07-19"),
        ("the weekend", SUN, "past", "2020-W30-WE"),
        ("the 25th", MON, "past", "2020-06-25"),
        ("the 25th", MON, "future", "2020-07-25"),
        ("February 29", dt.date(2020, 3, 1), None, "2020-02-29"),
    ],
)
def test_normalise_other_anchors(text: str, anchor: dt.date, tense: str | None, value: str) -> None:
    t = normalise(text, anchor, tense)
    assert t is not None, text
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("July 12", "XXXX-07-12"),
        ("Sept. 5", "XXXX-09-05"),
        ("July", "XXXX-07"),
        ("Wednesday", "XXXX-WXX-3"),
        ("Tuesday night", "XXXX-WXX-2TNI"),
        ("yesterday", "XXXX-XX-XX"),
        ("last week", "XXXX-WXX"),
        ("last month", "XXXX-XX"),
        ("two years ago", "XXXX"),
        ("this summer", "XXXX-SU"),
        ("the weekend", "XXXX-WXX-WE"),
        ("3 p.m.", "XXXX-XX-XXT15:00"),
        ("July 22, 2020", "2020-07-22"),
        ("July 2020", "2020-07"),
        ("the 1990s", "199"),
        ("three years", "P3Y"),
        ("recently", "PAST_REF"),
    ],
)
def test_normalise_without_anchor(text: str, value: str) -> None:
    t = normalise(text, None)
    assert t is not None, text
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("mid-July", "2020-07", "MID"),
        ("early 2020", "2020", "START"),
        ("late last year", "2019", "END"),
        ("the end of the month", "2020-07", "END"),
        ("by the end of the year", "2020", "END"),
        ("the beginning of next year", "2021", "START"),
        ("the early 1990s", "199", "START"),
        ("mid-2019", "2019", "MID"),
        ("the first week of July", "2020-07", "START"),
        ("about three years", "P3Y", "APPROX"),
        ("more than 24 hours", "PT24H", "MORE_THAN"),
        ("nearly two decades", "P20Y", "LESS_THAN"),
        ("at least three years", "P3Y", "EQUAL_OR_MORE"),
    ],
)
def test_normalise_mods(text: str, value: str, mod: str) -> None:
    assert normalise(text, WED) == Timex(value, normalise(text, WED).type, mod)


@pytest.mark.parametrize(
    "text",
    [
        "the day",
        "time",
        "the time",
        "the moment",
        "the year",
        "morning",
        "two days later",
        "the following year",
        "the previous day",
        "the next day",
        "at the end of the day",
        "",
        "Apple",
    ],
)
def test_normalise_rejects(text: str) -> None:
    assert normalise(text, WED) is None


def test_datetime_anchor_and_unknown_tense() -> None:
    anchor = dt.datetime(2020, 7, 22, 18, 30)
    assert normalise("yesterday", anchor, "conditional") == Timex("2020-07-21", "DATE")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5 ½ years", "P5Y6M"),
        ("5½ years", "P5Y6M"),
        ("5 1/2 years", "P5Y6M"),
        ("1½ hours", "PT1H30M"),
        ("2 ¼ hours", "PT2H15M"),
        ("five and a half years", "P5Y6M"),
    ],
)
def test_fractions_in_durations(text: str, value: str) -> None:
    timex = normalise(text, dt.date(2016, 2, 8), None)
    assert timex is not None and (timex.value, timex.type) == (value, "DURATION")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a year earlier", "1988"),
        ("year-earlier", "1988"),
        ("a month earlier", "1989-10"),
        ("the current fiscal year", "1989"),
        ("the full year", "1989"),
    ],
)
def test_earlier_and_current_periods_anchor_on_the_publication_date(text: str, value: str) -> None:
    timex = normalise(text, dt.date(1989, 11, 2), "past")
    assert timex is not None and timex.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the third quarter", "1989-Q3"),  # just ended: being reported on
        ("the second quarter", "1990-Q2"),  # ended long ago: next year's
        ("July", "1990-07"),  # a month is not a reporting period
    ],
)
def test_future_quarters_just_ended_are_reported_on(text: str, value: str) -> None:
    timex = normalise(text, dt.date(1989, 11, 2), "future")
    assert timex is not None and timex.value == value


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("nineteen ninety-four", WED, "1994"),
        ("January nineteen ninety-seven", WED, "1997-01"),
        ("the winter of nineteen ninety-four", WED, "1994-WI"),
        ("nineteen oh five", WED, "1905"),
        ("twenty ten", WED, "2010"),
        ("twenty five years", WED, "P25Y"),  # a count, not a year
        ("the '80s", dt.date(1989, 11, 2), "198"),
        ("the nineties", dt.date(1998, 2, 27), "199"),
        ("the '30s", dt.date(1989, 11, 2), "193"),
        ("the '20s", WED, "202"),
        ("the 1988 second quarter", dt.date(1989, 11, 2), "1988-Q2"),
        ("the year-ago third quarter", dt.date(1989, 11, 2), "1988-Q3"),
        ("the year-earlier second half", dt.date(1989, 11, 2), "1988-H2"),
    ],
)
def test_spoken_years_decades_and_qualified_quarters(
    text: str, anchor: dt.date, value: str
) -> None:
    timex = normalise(text, anchor)
    assert timex is not None and timex.value == value
