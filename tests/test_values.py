"""Date and number normalisation on processed documents (the stage, not the pure parsers)."""

from __future__ import annotations

import datetime as dt

PUBLISHED = dt.date(2020, 7, 22)  # a Wednesday


def by_text(doc):
    return {e.text: e for e in doc.ents}


def date_values(doc):
    return {e.text: e._.value for e in doc.ents if e.label_ == "DATE"}


def test_weekday_follows_tense(annotate) -> None:
    past = by_text(annotate("The minister visited the port on Monday."))
    future = by_text(annotate("The minister will visit the port on Monday."))
    assert past["Monday"]._.value == "2020-07-20"
    assert future["Monday"]._.value == "2020-07-27"


def test_dates_without_year_and_relative(annotate) -> None:
    doc = by_text(
        annotate("Prices rose last month. The strike began on July 12 and ended in 2014-2016.")
    )
    assert doc["last month"]._.value == "2020-06"
    assert doc["July 12"]._.value == "2020-07-12"


def test_unknown_year_is_xed(annotate) -> None:
    doc = by_text(annotate("The talks resumed on July 12.", published=None))
    assert doc["July 12"]._.value == "XXXX-07-12"


def test_counted_noun_and_value(annotate) -> None:
    doc = by_text(annotate("Twelve servicemen were killed and 1.5 million people fled."))
    assert doc["Twelve"]._.value == "12" and doc["Twelve"]._.unit == "servicemen"
    million = next(e for t, e in doc.items() if "1.5 million" in t)
    assert million._.value_num == 1_500_000
    assert million._.unit == "people"


def test_vague_count_added_and_approximate(annotate) -> None:
    doc = by_text(annotate("Police detained dozens of protesters near the parliament."))
    assert doc["dozens"].label_ == "CARDINAL"
    assert doc["dozens"]._.value == "12"
    assert doc["dozens"]._.approximate is True
    assert doc["dozens"]._.unit == "protesters"


def test_money_and_percent(annotate) -> None:
    doc = by_text(annotate("The company lost $2.4 billion, or 12 percent of its value."))
    money = next(e for e in doc.values() if e.label_ == "MONEY")
    percent = next(e for e in doc.values() if e.label_ == "PERCENT")
    assert (money._.value, money._.unit) == ("2400000000", "USD")
    assert (percent._.value, percent._.unit) == ("12", "%")


def test_scheduled_weekday_is_ahead(annotate) -> None:
    doc = by_text(annotate("The minister is scheduled to visit the port on Monday."))
    assert doc["Monday"]._.value == "2020-07-27"


def test_report_date_stays_in_the_past(annotate) -> None:
    doc = by_text(
        annotate("They would appeal the ruling, announced Monday by the court, lawyers said.")
    )
    assert doc["Monday"]._.value == "2020-07-20"


def test_value_from_the_temporal_core_of_a_longer_mention(annotate) -> None:
    from pipeline.stages.values import normalise_within

    anchor = PUBLISHED
    assert normalise_within("the day Friday", anchor, "past").value == "2020-07-17"
    assert normalise_within("the early hours of Thursday morning", anchor, "past").value == (
        "2020-07-16TMO"
    )


def test_a_time_of_day_takes_the_day_beside_it(annotate) -> None:
    doc = by_text(
        annotate(
            "The shooting happened around 10:00 p.m. on Friday. A second call came at 11 p.m.",
            published=dt.date(2014, 1, 4),
        )
    )
    assert doc["around 10:00 p.m."]._.value == "2014-01-03T22:00"
    assert doc["Friday"]._.value == "2014-01-03"
    assert doc["11 p.m."]._.value == "2014-01-04T23:00"  # no day beside it: the report's


def test_house_and_block_numbers_are_not_years(annotate) -> None:
    doc = annotate("A man was shot in the 1300 block of Wesley Drive near 1833 First Avenue.")
    assert not [e.text for e in doc.ents if e.label_ == "DATE"]


def test_scheduling_adjectives_look_ahead(annotate) -> None:
    doc = annotate(
        "The company declared a quarterly dividend of five cents a share, payable Dec. 1 to "
        "holders of record.",
        published=dt.date(1989, 11, 2),
    )
    values = date_values(doc)
    assert values.get("Dec. 1") == "1989-12-01"


def test_year_ago_comparisons_in_a_quarterly_report(annotate) -> None:
    doc = annotate(
        "Acme Corp. said its third-quarter profit rose to $12 million from $9 million a year "
        "earlier. Sales in the third quarter rose 5% from the year-earlier period. Last year "
        "Acme also sold its shipping unit.",
        published=dt.date(1989, 11, 2),
    )
    values = date_values(doc)
    assert values.get("a year earlier") == "1988-Q3"
    assert values.get("the third quarter") == "1989-Q3"


def test_the_latest_quarter_is_the_quarter_reported_on(annotate) -> None:
    doc = annotate(
        "Acme Corp. posted a loss for the third quarter. Sales fell 5% in the latest quarter, "
        "and the company earned $2 million in the year-ago quarter. Revenue in the latest "
        "period fell from $40 million in the 1988 period.",
        published=dt.date(1989, 11, 2),
    )
    values = date_values(doc)
    assert values.get("the latest quarter") == "1989-Q3"
    assert values.get("the year-ago quarter") == "1988-Q3"
    assert values.get("the latest period") == "1989-Q3"  # found whole: "period" is a quarter
    assert values.get("the 1988 period") == "1988-Q3"


def test_year_ago_without_a_quarter_stays_a_year(annotate) -> None:
    doc = annotate("Prices rose 3% from a year earlier, the ministry said.", dt.date(1989, 11, 2))
    values = date_values(doc)
    assert values.get("a year earlier") == "1988"


def test_reference_adverbs_are_dates(annotate) -> None:
    doc = annotate(
        "The mayor is now in charge. He recently moved here and currently lives downtown. "
        "Now that the vote is over, the future of the plan is unclear."
    )
    refs = {(e.text, e._.value) for e in doc.ents if e.label_ == "DATE"}
    assert ("now", "PRESENT_REF") in refs
    assert ("recently", "PAST_REF") in refs and ("currently", "PRESENT_REF") in refs
    assert not any(text in ("Now", "the future") for text, _ in refs)  # "now that", "the future of"


def test_ages_are_numbers_not_durations(annotate) -> None:
    doc = by_text(annotate("A 44-year-old protester and his 6-month-old son were at home."))
    assert doc["44-year-old"].label_ == "CARDINAL"
    assert (doc["44-year-old"]._.value, doc["44-year-old"]._.unit) == ("44", "years old")
    assert doc["44-year-old"]._.timex_type is None
    assert doc["6-month-old"]._.unit == "months old"


def test_frequency_adjective_is_not_a_date(annotate) -> None:
    doc = annotate("The company held its annual meeting and raised its quarterly dividend.")
    assert not [e.text for e in doc.ents if e.label_ == "DATE"]


def test_deadline_dates_take_the_nearest_year(annotate) -> None:
    doc = by_text(
        annotate(
            "The offer was extended to Nov. 20. It had been due to expire on Friday.",
            published=dt.date(1989, 11, 2),
        )
    )
    assert doc["Nov. 20"]._.value == "1989-11-20"


def test_narrative_references_take_the_latest_date(annotate) -> None:
    doc = annotate(
        "The index fell 3 percent on Monday. For the day, stocks lost $1 trillion. "
        "The crisis began in March 2007. Later that year, banks failed.",
        published=dt.date(2008, 10, 29),
    )
    values = {e.text: e._.value for e in doc.ents if e.label_ in ("DATE", "TIME")}
    assert values["Monday"] == "2008-10-27"
    assert values["the day"] == "2008-10-27"
    assert values["Later that year"] == "2007"


def test_utc_clock_times_are_found_and_zoned(annotate) -> None:
    doc = annotate("The index was down 2.6% at 16:08 UTC. At 0800 GMT, banks cut rates.")
    times = {e.text: e._.value for e in doc.ents if e.label_ == "TIME"}
    assert times == {"16:08 UTC": "2020-07-22T16:08Z", "0800 GMT": "2020-07-22T08:00Z"}


def test_infinitive_modifying_a_noun_looks_ahead(annotate) -> None:
    doc = by_text(
        annotate(
            "Apple announced another special event to be held on October 12.",
            published=dt.date(2005, 9, 27),
        )
    )
    assert doc["October 12"]._.value == "2005-10-12"


def test_reporting_periods_named_by_their_end_are_split(annotate) -> None:
    doc = annotate(
        "Net income for the quarter ended Sept. 30 rose. For the year ended March 31, sales fell.",
        published=dt.date(1989, 11, 2),
    )
    dates = [(e.text, e._.value, e._.timex_type) for e in doc.ents if e.label_ == "DATE"]
    assert ("the quarter", "1989-Q3", "DATE") in dates
    assert ("Sept. 30", "1989-09-30", "DATE") in dates
    assert ("the year", "P1Y", "DURATION") in dates


def test_dates_inside_names_and_from_now(annotate) -> None:
    doc = annotate(
        "He spoke on Larry King Now and Russia Today. The vote is six weeks from now.",
        published=dt.date(2016, 9, 29),
    )
    dates = date_values(doc)
    assert dates == {"six weeks from now": "2016-W45"}
    doc = annotate("Men between the ages of 17 and 20 and women ages 16 to 24 voted.")
    ages = [e for e in doc.ents if e.text == "between the ages of 17 and 20"]
    assert ages and ages[0].label_ == "CARDINAL" and ages[0]._.unit == "years old"


def test_missed_dates_are_added(annotate) -> None:
    doc = by_text(
        annotate("The index closed at its lowest since '87 after the worst single-week fall.")
    )
    assert doc["'87"]._.value == "1987"
    assert doc["single-week"]._.value == "P1W"
    quoted = by_text(annotate("He said '20 people were hurt' in the blast."))
    assert not any("20" in text for text in quoted if text.startswith("'"))


def test_a_clock_time_and_its_day_are_one_mention(annotate) -> None:
    doc = by_text(annotate("Bids closed at 4 p.m. EDT, July 17, and the board met at noon Monday."))
    assert doc["4 p.m. EDT, July 17"]._.value == "2020-07-17T16:00"
    assert doc["noon Monday"]._.value == "2020-07-20T12:00"
    assert doc["noon Monday"]._.timex_type == "TIME"


def test_dates_looked_forward_to_and_possessive_days(annotate) -> None:
    # published on a Wednesday (2020-07-22)
    ahead = by_text(annotate("The envoy could arrive as early as Friday, aides said."))
    assert ahead["as early as Friday"]._.value == "2020-07-24"
    owned = by_text(annotate("They sought ways to get around Monday's ruling by the court."))
    assert owned["Monday"]._.value == "2020-07-20"
    ahead = by_text(annotate("Friday's vote will decide it, and Monday's is expected to follow."))
    assert ahead["Friday"]._.value == "2020-07-24" and ahead["Monday"]._.value == "2020-07-27"
    win = by_text(annotate("Most voters expect the governor to win Friday's debate."))
    assert win["Friday"]._.value == "2020-07-24"
    able = by_text(annotate("The mayor could not be reached Tuesday for comment."))
    assert able["Tuesday"]._.value == "2020-07-21"


def test_possessive_unit_takes_its_determiner_and_present_passive(annotate) -> None:
    doc = by_text(annotate("This year's harvest was poor."))
    assert doc["This year"]._.value == "2020"
    heard = by_text(annotate("The appeal is heard in September, the lawyers said."))
    assert heard["September"]._.value == "2020-09"


def test_named_days_labelled_as_events_are_dates(annotate) -> None:
    doc = annotate("The family gathered on Thanksgiving Day, as every year.")
    days = [e for e in doc.ents if e.text == "Thanksgiving Day"]
    assert days and days[0].label_ == "DATE" and days[0]._.value == "2019-11-28"


def test_worded_and_hyphenated_ranges_stay_one_interval(annotate) -> None:
    doc = by_text(annotate("Sales fell between 2011 and 2013."))
    assert doc["between 2011 and 2013"]._.value == "2011/2013"
    joined = by_text(annotate("Output fell in 2014-2016."))
    assert joined["2014-2016"]._.value == "2014/2016"


def test_listed_dates_are_one_mention_each(annotate) -> None:
    doc = by_text(annotate("The hearings were held on July 6 and 8, the court said."))
    assert doc["July 6"]._.value == "2020-07-06" and doc["8"]._.value == "2020-07-08"
    one = by_text(annotate("The vote was held on Monday, July 20."))
    assert one["Monday, July 20"]._.value == "2020-07-20"  # one date, not a list
    half = by_text(annotate("The plant closed a year and a half ago."))
    assert any(text.startswith("a year and a half") for text in half)


def test_the_following_unit_is_one_after_the_narrative_date(annotate) -> None:
    doc = by_text(
        annotate("The mill closed in March 2011. The following month, its owner sold the land.")
    )
    assert doc["The following month"]._.value == "2011-04"
