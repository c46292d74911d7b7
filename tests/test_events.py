"""Event stage: types from the taxonomy, arguments, counts, reporter, negation."""

from __future__ import annotations

import pytest

from pipeline.stages.events import load_taxonomy, trigger_patterns


def events(doc):
    return [(e.event_type, e.trigger) for e in doc._.events]


def test_taxonomy_has_required_types() -> None:
    names = {t.name for t in load_taxonomy()}
    assert {"clash", "attack", "death", "injury", "meeting", "accusation", "outbreak"} <= names


def test_taxonomy_errors(tmp_path) -> None:
    empty = tmp_path / "events.toml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="no \\[types"):
        load_taxonomy(str(empty))
    with pytest.raises(FileNotFoundError):
        load_taxonomy(str(tmp_path / "missing.toml"))


def test_trigger_patterns_split_phrases() -> None:
    assert [t["LEMMA"] for t in trigger_patterns("phone call")[0]] == ["phone", "call"]
    assert [t["LOWER"] for t in trigger_patterns("flare-up")[1]] == ["flare", "-", "up"]


def test_deaths_with_count_reporter_and_place(annotate) -> None:
    doc = annotate(
        "Police said seven people were killed in Kharkiv on Monday, while 20 were injured."
    )
    death = next(e for e in doc._.events if e.event_type == "death")
    assert death.quantity == 7 and death.quantity_unit == "people"
    assert death.location == "Kharkiv"
    assert death.date == "2020-07-20"
    assert death.reported_by == "Police"
    injury = next(e for e in doc._.events if e.event_type == "injury")
    assert injury.quantity == 20


def test_seed_events(seed_doc) -> None:
    by_type = {}
    for e in seed_doc._.events:
        by_type.setdefault(e.event_type, []).append(e)
    deaths = {(e.quantity, e.reported_by) for e in by_type["death"]}
    assert deaths == {(12.0, "Baku"), (4.0, "Armenia")}
    assert [(e.quantity, e.reported_by) for e in by_type["injury"]] == [(10.0, "Armenia")]
    attack = by_type["attack"][0]
    assert attack.location == "Tovuz" and attack.targets == ["Azerbaijan"]
    assert any(e.date == "2020-07-12" for e in by_type["clash"])
    accusation = by_type["accusation"][0]
    assert accusation.actors == ["Yerevan"] and accusation.targets == ["Azerbaijan"]
    outbreak = by_type["outbreak"][0]
    assert outbreak.date == "1988-02"


def test_negated_event(annotate) -> None:
    doc = annotate("No one was killed in the blast, officials said.")
    death = next(e for e in doc._.events if e.event_type == "death")
    assert death.negated is True


def test_talks_with_parties(annotate) -> None:
    doc = annotate("President Emmanuel Macron held talks with Chancellor Olaf Scholz in Paris.")
    meeting = next(e for e in doc._.events if e.event_type == "meeting")
    assert meeting.actors == ["Emmanuel Macron"]
    assert meeting.targets == ["Olaf Scholz"]
    assert meeting.location == "Paris"


def test_natural_hazard_is_not_an_attack(annotate) -> None:
    doc = annotate("An earthquake struck the coastal town of Palu on Friday.")
    assert not [e for e in doc._.events if e.event_type == "attack"]


def test_disease_outbreak_is_not_a_conflict_outbreak(annotate) -> None:
    doc = annotate("Health officials reported an outbreak of cholera in the camp.")
    assert not [e for e in doc._.events if e.event_type == "outbreak"]


def test_dates_of_other_clauses_do_not_date_the_event(annotate) -> None:
    doc = annotate(
        "More than 150 soldiers have been killed since the mission was deployed in 2013."
    )
    death = next(e for e in doc._.events if e.event_type == "death")
    assert death.date is None


def test_place_after_in_beats_topic_after_on(annotate) -> None:
    doc = annotate(
        "Egypt and Sudan will resume negotiations on the Grand Ethiopian Renaissance Dam in "
        "Khartoum on October 10."
    )
    meeting = next(e for e in doc._.events if e.event_type == "meeting")
    assert meeting.location == "Khartoum"
    assert meeting.date == "2020-10-10"
