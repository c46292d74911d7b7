"""Entity labels from evidence, not from a vote: each case is a text where the bare model's label
is wrong and the evidence named in the test decides it."""

from __future__ import annotations

import pytest

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"}


def names(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents if e.label_ in NAME_LABELS]


def labels_of(doc, text: str) -> set[str]:
    return {label for name, label in names(doc) if name == text}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # a first name from the names package outranks the model's ORG, on every mention
        (
            "Former executive Carly Fiorina spoke in Des Moines on Monday. "
            "Fiorina told voters that the economy needed new ideas.",
            "Fiorina",
            "PERSON",
        ),
        # an age in commas and kin after the possessive make a person
        (
            "Police detained Wang on Friday. Wang , 45 , is a veteran dissident. "
            "Wang 's family was not told where he was held.",
            "Wang",
            "PERSON",
        ),
        (
            "Relatives gathered outside the court. Alton Sterling 's family asked for calm.",
            "Alton Sterling",
            "PERSON",
        ),
        # kin before the name
        (
            "A judge rejected a request to open the file on his divorce from wife Ivana, "
            "saying the courts had no say.",
            "Ivana",
            "PERSON",
        ),
        # a place before a country in a list stays what it is
        ("He cited problems in the Middle East , China and elsewhere.", "Middle East", "LOC"),
        # a media word before the name
        (
            "In an interview with the daily Gazeta Polska , the minister said the talks failed.",
            "Gazeta Polska",
            "ORG",
        ),
        # a descriptor noun before the name
        ("Sales rose at electronics retailer Best Buy , the company said.", "Best Buy", "ORG"),
        # a product's shape (lower-case initial, capital after)
        ("Fans queued for the new iPhone on Friday. The iPhone costs $ 599.", "iPhone", "PRODUCT"),
        # a product by its description: a noun before it, an apposition after it, a product
        # it is coordinated with
        ("The update also ships the web browser Safari to every user.", "Safari", "PRODUCT"),
        (
            "The company unveiled Lion , the new version of its operating system.",
            "Lion",
            "PRODUCT",
        ),
        ("Stores sold the iPod Classic , Nano and Shuffle all week.", "Nano", "PRODUCT"),
        # an index moves by points
        ("The Nasdaq fell 82 points , or 3 percent , on Friday.", "Nasdaq", "PRODUCT"),
        # a conference introduced as an occasion
        (
            "Thousands attended the annual Global Mining Conference in Perth.",
            "Global Mining Conference",
            "EVENT",
        ),
        # a locative word before a name the model took for a person, and a place's first word
        ("Voters in Millsfield cast the first ballots at midnight.", "Millsfield", "GPE"),
        ("The general toured Fort Lee on Tuesday.", "Fort Lee", "GPE"),
        # a plural name after the article is a group, not a person
        ("Fans of the Beatles gathered in Liverpool on Sunday.", "Beatles", "ORG"),
    ],
)
def test_evidence_decides_the_label(annotate, text: str, name: str, label: str) -> None:
    assert labels_of(annotate(text), name) == {label}


def test_a_wrong_label_does_not_spread_onto_contrary_evidence(annotate) -> None:
    # "Jordan" the country and "Michael Jordan" the player: the person's evidence (a first
    # name) never turns the country into a person, nor the other way round
    doc = annotate(
        "Michael Jordan visited Jordan on Monday. Jordan's king met Michael Jordan in Amman."
    )
    found = names(doc)
    assert ("Michael Jordan", "PERSON") in found
    assert {label for text, label in found if text == "Jordan"} == {"GPE"}


def test_a_person_after_in_with_a_possessive_stays_a_person(annotate) -> None:
    doc = annotate("In Donald Trump's view, the deal was bad, his aides said.")
    assert labels_of(doc, "Donald Trump") == {"PERSON"}


def test_results_table_names_are_teams_and_countries_stay_places(annotate) -> None:
    doc = annotate(
        "SOCCER - DIVISION ONE RESULTS .\nLONDON 1996-08-31\n"
        "Burnley 4 Stockport 2\nWigan 3 Chester 2\nEngland 2 Italy 1"
    )
    found = names(doc)
    for team in ("Burnley", "Stockport", "Wigan", "Chester"):
        assert (team, "ORG") in found, team
    assert ("England", "GPE") in found and ("Italy", "GPE") in found
    assert ("LONDON", "GPE") in found  # the dateline line is not a table row
    assert not any(any(c.isdigit() for c in text) for text, _ in found)  # scores cut off


def test_standings_rows_without_model_names(annotate) -> None:
    doc = annotate(
        "Standings ( played , won , drawn , lost , points ) :\n"
        "Leeds 4 3 1 0 10\nNorwich 4 3 0 1 9\nHull 4 2 1 1 7"
    )
    assert [n for n in names(doc) if n[1] == "ORG"] == [
        ("Leeds", "ORG"),
        ("Norwich", "ORG"),
        ("Hull", "ORG"),
    ]


def test_acronym_in_brackets_takes_its_names_label(annotate) -> None:
    doc = annotate("The European Central Bank ( ECB ) raised rates. The ECB said prices rose.")
    assert labels_of(doc, "ECB") == {"ORG"}
    assert len([e for e in doc.ents if e.text == "ECB"]) == 2


def test_organisation_name_with_for_is_one_mention(annotate) -> None:
    doc = annotate("An order from the Federal Service for Financial Markets suspended trading.")
    assert ("Federal Service for Financial Markets", "ORG") in names(doc)


def test_place_followed_by_its_state(annotate) -> None:
    doc = annotate("The storm hit Abilene , Texas , overnight. Abilene officials opened shelters.")
    assert labels_of(doc, "Abilene") == {"GPE"}


def test_units_and_time_zones_are_not_names(annotate) -> None:
    doc = annotate("Trading in the shares resumed at 14:58 UTC on the exchange.")
    assert "UTC" not in {e.text for e in doc.ents}


def test_a_poll_figure_glued_to_a_name_is_split_off(annotate) -> None:
    doc = annotate("A new poll shows Donald Trump at 41 percent and Trump 45 percent among men.")
    found = [(e.text, e.label_) for e in doc.ents]
    assert ("Trump", "PERSON") in found
    assert ("45 percent", "PERCENT") in found


def test_the_full_name_is_canonical_when_a_later_word_is_a_given_name(annotate) -> None:
    doc = annotate("Aung San Suu Kyi met the president on Wednesday. Suu Kyi smiled.")
    assert {e._.canonical for e in doc.ents if e.label_ == "PERSON"} == {"Aung San Suu Kyi"}
