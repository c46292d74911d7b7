"""Event stage: types from the taxonomy, arguments, counts, reporter, negation."""

from __future__ import annotations

import datetime as dt

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


def casualties(doc) -> list[tuple[str, float | None, str]]:
    return [
        (e.event_type, e.quantity, e.modality)
        for e in doc._.events
        if e.event_type in ("death", "injury")
    ]


def test_a_shot_victim_is_injured_unless_they_died(annotate) -> None:
    assert casualties(annotate("A 17-year-old boy was shot Friday in Rogers Park.")) == [
        ("injury", None, "asserted")
    ]
    assert casualties(annotate("A man was fatally shot on Monday.")) == [
        ("death", None, "asserted")
    ]
    assert casualties(annotate("A woman was shot to death in her home.")) == [
        ("death", None, "asserted")
    ]
    assert casualties(annotate("A man was shot and killed on Tuesday.")) == [
        ("death", None, "asserted")
    ]
    assert casualties(annotate("A gunman shot at a passing car.")) == []


def test_fatal_share_splits_the_count(annotate) -> None:
    found = casualties(annotate("Five people were shot, two fatally, police said."))
    assert sorted(found) == [("death", 2.0, "asserted"), ("injury", 3.0, "asserted")]


def test_counts_through_others_governing_verbs_and_names(annotate) -> None:
    doc = annotate("One man died and two others were injured.")
    assert sorted(casualties(doc)) == [("death", 1.0, "asserted"), ("injury", 2.0, "asserted")]
    doc = annotate("Seven people were treated for wounds at the hospital.")
    assert casualties(doc) == [("injury", 7.0, "asserted")]
    doc = annotate("Joseph Brittman and Mark Dunn were shot near the park.")
    assert casualties(doc) == [("injury", 2.0, "asserted")]
    doc = annotate("Ernest Torrence, 49, was shot inside his home.")
    assert casualties(doc) == [("injury", None, "asserted")]  # 49 is his age


def test_no_injuries_and_non_injury_are_negated(annotate) -> None:
    assert casualties(annotate("There were no injuries reported.")) == [("injury", None, "negated")]
    assert casualties(annotate("Police responded to a non-injury shooting.")) == [
        ("injury", None, "negated")
    ]


def test_charges_and_attempts_are_not_deaths(annotate) -> None:
    assert casualties(annotate("He was charged with attempted murder.")) == []
    assert casualties(annotate("He was previously convicted of murder.")) == []
    assert casualties(annotate("Prosecutors accused him of killing four men.")) == []
    assert casualties(annotate("He died of a gunshot wound.")) == [("death", None, "asserted")]


def test_modality(annotate) -> None:
    def modality(text: str, trigger: str) -> str:
        return next(e.modality for e in annotate(text)._.events if e.trigger == trigger)

    assert modality("The rebels threatened to attack the town.", "attack") == "hypothetical"
    assert modality("The ministers will meet in Cairo next week.", "meet") == "future"
    assert modality("Senator Rubio refrained from attacking his rival.", "attacking") == "negated"
    assert (
        modality("Fifty-two people have been killed in Baltimore so far this year.", "killed")
        == "generic"
    )
    assert modality("This cowardly attack will not weaken us, the mayor said.", "attack") == (
        "asserted"
    )


def test_city_and_incident_date(annotate) -> None:
    doc = annotate(
        "DALLAS - A man was shot Wednesday morning in the Oak Cliff neighborhood, police said.",
        published=dt.date(2018, 3, 30),
    )
    injury = next(e for e in doc._.events if e.event_type == "injury")
    assert injury.city == "Dallas"
    assert injury.date.startswith("2018-03-28")


def test_repeated_mentions_are_one_row_with_every_trigger(annotate) -> None:
    doc = annotate("The two leaders held talks in Cairo on Monday. The talks lasted four hours.")
    meetings = [e for e in doc._.events if e.event_type == "meeting"]
    assert len(meetings) == 1
    assert len(meetings[0].mentions) == 2
    assert [doc.text[s:e] for s, e in meetings[0].mentions] == ["talks", "talks"]


def test_a_victim_who_died_is_not_also_injured(annotate) -> None:
    doc = annotate("Saunders was shot in the neck and pronounced dead at the scene.")
    assert casualties(doc) == [("death", None, "asserted")]


def test_single_victims_in_one_paragraph_are_tallied(annotate) -> None:
    doc = annotate(
        "Police say the teenage boy was shot in the stomach; a 20-year-old man was shot in the leg."
    )
    assert casualties(doc) == [("injury", 2.0, "asserted")]
    doc = annotate("A man was shot on Main Street. In a separate shooting, a woman was shot.")
    assert casualties(doc) == [("injury", None, "asserted"), ("injury", None, "asserted")]


def test_an_expectation_does_not_undo_what_happened(annotate) -> None:
    doc = annotate("A woman is expected to survive after she was shot on Tuesday.")
    assert casualties(doc) == [("injury", None, "asserted")]
