"""Numeric mentions the model labelled or cut wrongly, fixed before values are read (each text
makes the bare model err; see pipeline.stages.number_mentions)."""

from __future__ import annotations

import pytest

from pipeline.stages.entity_mentions import Mention
from pipeline.stages.number_mentions import relabel_times

NUMBERS = {"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


def values(doc) -> dict[str, tuple]:
    return {
        e.text: (e.label_, e._.value, e._.unit, e._.approximate)
        for e in doc.ents
        if e.label_ in NUMBERS
    }


def test_a_currency_sign_left_outside_joins_the_amount(annotate) -> None:
    doc = annotate("The lowest-paid bank workers make $12 an hour in low-cost regions.")
    assert values(doc)["$12"] == ("MONEY", "12", "USD", False)


def test_a_split_range_is_one_approximate_lower_bound(annotate) -> None:
    doc = annotate("Bonuses for bankers were $500 to $2,000 every three months.")
    assert values(doc)["$500 to $2,000"] == ("MONEY", "500", "USD", True)


def test_a_change_is_not_a_range(annotate) -> None:
    doc = annotate("His bond was raised from $7,500 to $10,000 on Friday.")
    assert values(doc)["$7,500"][1:] == ("7500", "USD", False)
    assert values(doc)["$10,000"][1:] == ("10000", "USD", False)


def test_a_count_of_amounts_is_two_mentions(annotate) -> None:
    doc = annotate("You went on television to blame thousands of $12-an-hour workers.")
    found = values(doc)
    assert found["thousands"] == ("CARDINAL", "1000", "workers", True)
    assert found["$12"] == ("MONEY", "12", "USD", False)


def test_a_quote_opened_inside_a_mention_starts_it(annotate) -> None:
    doc = annotate("The ruling was about “thousands of shootings” in the city.")
    assert values(doc)["thousands"] == ("CARDINAL", "1000", "shootings", True)


def test_a_share_has_no_counted_noun(annotate) -> None:
    doc = annotate("The rate was less than one-third of the claims.")
    assert values(doc)["less than one-third"][2] is None


def test_a_counted_noun_in_a_title_case_headline_is_lower_case(annotate) -> None:
    doc = annotate("Thousands of Shootings in Chicago\n\nThere were thousands of shootings.")
    assert values(doc)["Thousands"][2] == "shootings"


def test_a_noun_glued_after_a_number_is_counted_without_it(annotate) -> None:
    doc = annotate("It was a five-alarm fire and a three-judge panel heard it.")
    assert values(doc)["five"][2] == "alarm"
    assert values(doc)["three"][2] == "judge"


def test_clock_times_become_time(annotate) -> None:
    doc = annotate("The train departed at 09:15 and the report came in at 0645 GMT.")
    labels = {e.text: (e.label_, e._.value) for e in doc.ents}
    assert labels["09:15"] == ("TIME", "2020-07-22T09:15")
    assert labels["0645 GMT"][0] == "TIME"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The plant closed in 1995 and never reopened.", "DATE"),
        ("The record stood until 1998 when it fell.", "DATE"),
        ("He drove a gray 2013 Nissan Altima to work.", "DATE"),
        ("A 2014 study in the journal found it.", "DATE"),
        ("The virus was found in 2000 cases last year.", "CARDINAL"),
        ("The party won 2013 seats in the local vote.", "CARDINAL"),
    ],
)
def test_years_taken_for_numbers_become_dates(annotate, text: str, label: str) -> None:
    doc = annotate(text)
    number = next(t for t in doc if t.text.isdigit() and len(t.text) == 4)
    forced = Mention(number.i, number.i + 1, "CARDINAL", "test")
    assert relabel_times(doc, [forced])[0].label == label


def test_pounds_of_a_substance_are_a_weight(annotate) -> None:
    doc = annotate("He trafficked thousands of pounds of marijuana from Phoenix.")
    assert values(doc)["thousands of pounds"] == ("QUANTITY", "1000", "pounds", True)


def test_pounds_of_money_stay_money(annotate) -> None:
    doc = annotate("The fund raised millions of pounds of investment for the city.")
    assert values(doc)["millions of pounds"] == ("MONEY", "1000000", "GBP", True)


def test_a_clock_time_with_its_zone_taken_for_money_is_a_time(annotate) -> None:
    doc = annotate("(01-21) 23:45 PST OAKLAND -- A patrol officer was shot.")
    assert {e.text: e.label_ for e in doc.ents}["23:45 PST"] == "TIME"


def test_a_hedge_after_the_number_joins_it(annotate) -> None:
    doc = annotate("Contributors gave $200 or less, and 30 or more people came.")
    assert values(doc)["$200 or less"] == ("MONEY", "200", "USD", True)
    assert values(doc)["30 or more"] == ("CARDINAL", "30", "people", True)


def test_a_count_taken_for_money_is_a_count(annotate) -> None:
    doc = annotate("They found 31 incidents out of more than a billion ballots cast.")
    assert values(doc)["more than a billion"] == ("CARDINAL", "1000000000", "ballots", True)


def test_an_ordinal_after_a_and_a_preposition_is_a_fraction(annotate) -> None:
    doc = annotate("Suicides rose at three times the rate, up by a third from 2001 to 2014.")
    assert values(doc)["a third"] == ("CARDINAL", "0.333333333333333", None, False)
    assert values(doc)["three"][2] == "times"
    doc = annotate("He is a third man in the case.")
    assert values(doc)["third"] == ("ORDINAL", "3", None, False)
    doc = annotate("Two suspects are on the run and a third was fatally shot.")
    assert values(doc)["third"] == ("ORDINAL", "3", None, False)


def test_a_shared_currency_sign_takes_the_currency_the_document_names(annotate) -> None:
    text = "{} will spend 500 billion {} on rail. The fund holds ¥20 billion in bonds."
    doc = annotate(text.format("China", "yuan"))
    assert values(doc)["¥20 billion"][1:3] == ("20000000000", "CNY")
    doc = annotate(text.format("Japan", "yen"))
    assert values(doc)["¥20 billion"][1:3] == ("20000000000", "JPY")


def test_decades_taken_for_numbers_are_dates(annotate) -> None:
    doc = annotate("Business leaders in the 90’s and the 80's were rich.")
    dates = {e.text: (e.label_, e._.value) for e in doc.ents}
    assert dates["90’s"] == ("DATE", "199")
    assert dates["80's"] == ("DATE", "198")


def test_percentage_words_after_a_number_make_it_a_percent(annotate) -> None:
    doc = annotate("The rate would decline by four percentage points each year.")
    found = values(doc)["four percentage points"]
    assert found == ("PERCENT", "4", "percentage points", False)
