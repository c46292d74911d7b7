"""Event stage: types from the taxonomy, arguments, counts, reporter, negation."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.stages.event_triggers import trigger_patterns
from pipeline.stages.events import load_taxonomy


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
    assert modality("The army refrained from attacking the town.", "attacking") == "negated"
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


def test_a_victim_told_of_again_is_not_counted_twice(annotate) -> None:
    doc = annotate(
        "A 16-year-old boy was shot and killed late Wednesday. Police found the teen near a "
        "park about 8 p.m. He had suffered multiple gunshot wounds."
    )
    assert casualties(doc) == [("death", None, "asserted")]
    doc = annotate(
        "A man was wounded after an argument on Friday.\n\nOfficers were called to the store. "
        "The male victim was shot during the argument, a spokesman said."
    )
    assert casualties(doc) == [("injury", None, "asserted")]
    doc = annotate(
        "Lee Carter was shot in the chest on Main Street. Officers arrived minutes later. "
        "Witnesses described a red car. Carter was pronounced dead at the hospital."
    )
    assert casualties(doc) == [("death", None, "asserted")]


def test_someone_new_is_another_victim(annotate) -> None:
    doc = annotate(
        "A man was shot and killed on Elm Street. Police rushed a 20-year-old man to the "
        "hospital, where he was treated after he was shot in the leg."
    )
    assert sorted(casualties(doc)) == [("death", None, "asserted"), ("injury", None, "asserted")]
    doc = annotate("One man was shot to death and a second was wounded late Tuesday.")
    assert ("injury", None, "asserted") in casualties(doc)
    doc = annotate("A man was shot in the chest. Medics pronounced him dead at the scene.")
    assert casualties(doc) == [("death", None, "asserted")]


def test_counts_are_of_victims_not_of_shooters_wounds_or_arrests(annotate) -> None:
    assert casualties(annotate("Two men shot a clerk at the store.")) == [
        ("injury", None, "asserted")
    ]
    assert casualties(annotate("The victim sustained several gunshot wounds.")) == [
        ("injury", None, "asserted")
    ]
    assert casualties(annotate("Both victims were later pronounced dead.")) == [
        ("death", 2.0, "asserted")
    ]
    assert casualties(annotate("A 17-year-old boy and a 25-year-old driver were shot.")) == [
        ("injury", 2.0, "asserted")
    ]
    doc = annotate("Police arrested four men Friday in the shooting death of a teenager.")
    assert casualties(doc) == [("death", None, "asserted")]


def test_shot_at_animals_and_alternatives_are_no_casualties(annotate) -> None:
    assert casualties(annotate("The ambulance was shot at on Tuesday.")) == []
    assert casualties(annotate("A deputy shot a dog that lunged at her.")) == []
    doc = annotate("Police review all shootings that result in injury or death.")
    assert {m for _, _, m in casualties(doc)} == {"hypothetical"}
    doc = annotate("Two men were wounded in separate shootings on Monday.")
    assert casualties(doc) == [("injury", 2.0, "generic")]


def test_shots_fired_is_an_attack(annotate) -> None:
    doc = annotate("Shots were fired Sunday night on Elm Street, police said.")
    attack = next(e for e in doc._.events if e.event_type == "attack")
    assert attack.trigger == "Shots were fired" and attack.date.startswith("2020-07-19")


def test_incident_dates(annotate) -> None:
    def incident_date(text: str, published: dt.date) -> str | None:
        doc = annotate(text, published=published)
        return next(e.date for e in doc._.events if e.event_type in ("injury", "death"))

    saturday = dt.date(2014, 1, 4)
    # a time of day takes the day named beside it, not the day of publication
    assert incident_date(
        "A man was wounded around 10 p.m. on Friday on Chathman Street.", saturday
    ).startswith("2014-01-03")
    # a weekend gives way to the day inside it that the article names
    monday = dt.date(2014, 1, 27)
    assert (
        incident_date(
            "A man was found shot dead over the weekend. The body was found Saturday morning "
            "by a neighbor.",
            monday,
        )[:10]
        == "2014-01-25"
    )
    # a day after publication is a court date, never the incident's
    date = incident_date(
        "A man was shot in the leg. The suspect is scheduled for an April 26 court hearing.",
        dt.date(2018, 3, 30),
    )
    assert date is None or not date.startswith("2018-04-26")


def test_a_dateline_in_capitals_gives_the_city(annotate) -> None:
    doc = annotate("PEORIA — A man was shot in the arm on Thursday, police said.")
    injury = next(e for e in doc._.events if e.event_type == "injury")
    assert injury.city == "Peoria"


# ---- the taxonomy as data --------------------------------------------------------------------

NEW_TYPES = {
    # ACE 2005 subtypes
    "birth", "marriage", "divorce", "transport", "transfer_ownership", "transfer_money",
    "start_org", "merge_org", "bankruptcy", "end_org", "phone_write", "start_position",
    "end_position", "nominate", "elect", "release_parole", "trial_hearing", "charge_indict",
    "sue", "convict", "sentence", "fine", "execute", "extradite", "acquit", "appeal_court",
    "pardon",
    # disasters and accidents
    "earthquake", "flood", "storm", "fire", "crash", "epidemic",
    # CAMEO verbal and political events
    "threaten", "agree", "reject", "criticise", "announce", "decline_comment", "sanction",
    "investigate", "provide_aid", "yield", "force_posture",
    # business and economy
    "product_launch", "contract", "decrease", "increase", "economic_crisis",
}  # fmt: skip
KEPT_TYPES = {
    "clash", "attack", "death", "injury", "meeting", "appeal", "accusation", "outbreak",
    "support", "protest", "arrest",
}  # fmt: skip


def taxonomy_data() -> dict:
    from pipeline.resources import load_resource

    return load_resource("events.toml")


def test_taxonomy_keeps_benchmark_types_and_adds_news_types() -> None:
    names = {t.name for t in load_taxonomy()}
    assert KEPT_TYPES <= names
    assert NEW_TYPES <= names


def test_every_type_is_documented() -> None:
    for name, spec in taxonomy_data()["types"].items():
        assert isinstance(spec.get("cameo"), str), name
        assert spec.get("description"), name
        assert spec.get("triggers"), name
        if name in ("death", "injury"):
            continue  # reworked separately
        roles = spec.get("roles")
        assert roles and all(isinstance(r, str) and r for r in roles), name
        assert "time" in roles, name


def test_cameo_codes_of_political_types() -> None:
    types = {t.name: t.cameo for t in load_taxonomy()}
    assert types["threaten"] == "130"
    assert types["reject"] == "120"
    assert types["criticise"] == "111"
    assert types["agree"] == "057"
    assert types["arrest"] == "173"
    assert types["fire"] is None  # no CAMEO code: ""


def test_no_trigger_belongs_to_two_types() -> None:
    owner: dict[str, str] = {}
    for event_type in load_taxonomy():
        for trigger in event_type.triggers:
            key = trigger.lower()
            assert owner.setdefault(key, event_type.name) == event_type.name, trigger


def found(doc) -> set[tuple[str, str]]:
    return {(e.event_type, e.trigger) for e in doc._.events}


@pytest.mark.parametrize(
    ("text", "event_type", "trigger"),
    [
        ("Their daughter was born in Lagos in 1990.", "birth", "born"),
        ("The couple married in a small ceremony in June.", "marriage", "married"),
        ("The actor filed for divorce last week.", "divorce", "filed for divorce"),
        ("Thousands of residents were evacuated to shelters.", "transport", "evacuated"),
        ("Microsoft agreed to buy LinkedIn for $26 billion.", "transfer_ownership", "buy"),
        ("The foundation donated $5 million to the hospital.", "transfer_money", "donated"),
        ("The firm was founded in 1998 by two engineers.", "start_org", "founded in"),
        ("The two banks announced a merger on Monday.", "merge_org", "merger"),
        ("The airline filed for bankruptcy in March.", "bankruptcy", "filed for bankruptcy"),
        ("The factory closed down after forty years.", "end_org", "closed down"),
        ("Obama phoned Putin on Tuesday.", "phone_write", "phoned"),
        ("The two leaders spoke in a phone call on Friday.", "phone_write", "phone call"),
        ("The board appointed her chief executive in May.", "start_position", "appointed"),
        ("The minister resigned on Tuesday.", "end_position", "resigned"),
        ("The company announced layoffs at its plant.", "end_position", "layoffs"),
        ("The president nominated a new judge.", "nominate", "nominated"),
        ("He was elected president in 2008.", "elect", "elected president"),
        ("The journalist was released from prison on Friday.", "release_parole",
         "released from prison"),
        ("He will stand trial in March.", "trial_hearing", "stand trial"),
        ("He was charged with murder on Monday.", "charge_indict", "charged with"),
        ("Cisco sued Apple over the trademark.", "sue", "sued"),
        ("The jury found him guilty of fraud.", "convict", "found him guilty"),
        ("The court sentenced him to ten years in prison.", "sentence", "sentenced"),
        ("Regulators fined the bank $185 million.", "fine", "fined"),
        ("The prisoner was executed in Texas on Thursday.", "execute", "executed"),
        ("Mexico approved his extradition to the United States.", "extradite", "extradition"),
        ("The jury acquitted the officer.", "acquit", "acquitted"),
        ("His lawyers plan to appeal the verdict.", "appeal_court", "appeal the verdict"),
        ("A federal appeals court ruled on Friday.", "appeal_court", "appeals court"),
        ("The governor pardoned him last year.", "pardon", "pardoned"),
        ("A strong earthquake struck the region on Friday.", "earthquake", "earthquake"),
        ("Flooding forced thousands from their homes.", "flood", "Flooding"),
        ("The hurricane hit the coast of Florida.", "storm", "hurricane"),
        ("A fire broke out at the factory on Sunday.", "fire", "fire broke out"),
        ("The plane crashed in the mountains.", "crash", "plane crashed"),
        ("Health officials reported an outbreak of measles in the camp.", "epidemic",
         "outbreak of measles"),
        ("Iran threatened to close the strait.", "threaten", "threatened"),
        ("The two countries signed an agreement on trade.", "agree", "signed an agreement"),
        ("The Senate rejected the proposal.", "reject", "rejected"),
        ("Senators criticized the decision.", "criticise", "criticized"),
        ("Apple unveiled a new iPhone on Tuesday.", "product_launch", "unveiled"),
        ("Apple launched the iPhone in 2007.", "product_launch", "launched"),
        ("The firm won a contract to build the bridge.", "contract", "won a contract"),
        ("The company announced its results on Monday.", "announce", "announced"),
        ("A spokesman declined to comment.", "decline_comment", "declined to comment"),
        ("Shares fell 5% in early trading.", "decrease", "fell"),
        ("The stock market crashed on Monday.", "decrease", "stock market crashed"),
        ("The FTSE 100 rose 1.2% on Monday.", "increase", "rose"),
        ("Markets rally as central banks cut rates.", "increase", "Markets rally"),
        ("Japan has entered a recession.", "economic_crisis", "recession"),
        ("The European Union imposed sanctions on Russia.", "sanction", "sanctions"),
        ("The FBI opened an investigation into the leak.", "investigate", "investigation"),
        ("They sent humanitarian aid to the region.", "provide_aid", "humanitarian aid"),
        ("The rebels surrendered on Sunday.", "yield", "surrendered"),
        ("He urged Trump to drop out of the race.", "yield", "drop out"),
        ("Workers went on strike at the plant.", "protest", "went on strike"),
        ("Protesters rioted in the capital overnight.", "protest", "rioted"),
        ("North Korea conducted a nuclear test on Friday.", "force_posture", "nuclear test"),
        ("He suspended his campaign in February.", "yield", "suspended his campaign"),
        ("Apple held a media event in Cupertino.", "announce", "media event"),
        ("Shares suffered their biggest fall in a decade.", "decrease", "biggest fall"),
        ("The bank said it lost $2.2 billion in the quarter.", "decrease", "lost"),
        ("The State Department advised Americans to leave the country.", "appeal", "advised"),
        ("He stormed out of the meeting.", "protest", "stormed out"),
        ("Protesters stormed the embassy on Friday.", "attack", "stormed the"),
        ("Police opened fire on the crowd.", "attack", "opened fire"),
        ("The regime carried out a gas attack on the town.", "attack", "attack"),
        ("She withdrew from the race in March.", "yield", "withdrew"),
        ("Clinton is locked in a primary battle with Sanders.", "elect", "primary battle"),
        ("The two sides struck a deal on Friday.", "agree", "struck a deal"),
        ("The court struck down the law.", "reject", "struck down"),
    ],
)  # fmt: skip
def test_news_event_types(annotate, text, event_type, trigger) -> None:
    assert (event_type, trigger) in found(annotate(text))


@pytest.mark.parametrize(
    ("text", "not_types"),
    [
        # other senses of disaster words
        ("The club fired its coach after the defeat.", {"fire", "attack"}),
        ("Police opened fire on the crowd.", {"fire", "end_position"}),
        ("Shots were fired at the officers.", {"fire", "end_position"}),
        ("The stock market crashed on Monday.", {"crash"}),
        ("He stormed out of the meeting.", {"storm"}),
        ("Protesters stormed the embassy on Friday.", {"storm"}),
        ("A flood of migrants reached the border.", {"flood"}),
        ("The ad drew a storm of criticism.", {"storm"}),
        # launching, releasing, introducing what is not a product
        ("Russia launched an attack on the city.", {"product_launch"}),
        ("Police launched an investigation into the leak.", {"product_launch"}),
        ("The senator introduced a bill on Tuesday.", {"product_launch"}),
        ("The campaign released a statement on Monday.", {"product_launch"}),
        ("The report was released on Monday.", {"product_launch"}),
        # figurative political fights and attacks
        ("Clinton is locked in a primary battle with Sanders.", {"clash"}),
        ("The two leaders engaged in a war of words.", {"clash"}),
        ("The trade war would cost farmers billions.", {"clash"}),
        ("She has fought climate change for years.", {"clash"}),
        ("Trump attacked his rival's record.", {"attack"}),
        ("Democrats attacked the plan as reckless.", {"attack"}),
        ("Bitcoin blasted through its record high.", {"attack"}),
        ("The court struck down the law.", {"attack"}),
        ("The two sides struck a deal on Friday.", {"attack"}),
        ("He was shooting himself in the foot.", {"attack"}),
        ("The candidate ran attack ads against her rival.", {"attack"}),
        ("The deal was a breach of the agreement.", {"attack"}),
        # markets, figures and other senses
        ("Markets rally as central banks cut rates.", {"protest"}),
        ("Voters will decide this fall.", {"decrease"}),
        ("A spokesman declined to comment.", {"decrease"}),
        ("Clinton lost the election.", {"decrease"}),
        ("He lost his job in March.", {"decrease"}),
        ("Police recovered a gun at the scene.", {"increase"}),
        ("He gained weight over the summer.", {"increase"}),
        ("The economy contracted by 2% last year.", {"contract"}),
        ("Apple demonstrated the new iPhone.", {"protest"}),
        ("The country was founded on the promise of equality.", {"start_org"}),
        ("Retired general Michael Flynn spoke on Monday.", {"end_position"}),
        ("Elected officials met on Monday.", {"elect"}),
        ("The candidate did not meet the 15 percent threshold.", {"meeting"}),
        ("The ad was meant to appeal to young voters.", {"appeal"}),
        ("A federal appeals court ruled on Friday.", {"appeal"}),
        ("His lawyers plan to appeal the verdict.", {"appeal"}),
        ("Voters will decide on the death penalty.", {"death"}),
        ("He paid attention to the speech.", {"transfer_money"}),
        ("I don't buy that argument.", {"transfer_ownership"}),
        ("According to the report, sales rose.", {"agree"}),
        ("The Nikkei closed down 6.4 percent.", {"end_org"}),
        ("The FBI issued national security letters to the banks.", {"phone_write"}),
        ("North Korea test-fired a ballistic missile launch.", {"product_launch"}),
        ("Farmers slaughtered the cattle.", {"attack"}),
        # a trigger qualifying another noun names a kind of thing, not a happening
        ("The bill would ban assault weapons.", {"attack"}),
        ("Trial lawyers backed the senator.", {"trial_hearing"}),
        ("Rising seas threaten the coast.", {"increase"}),
        ("Officials stepped up election security.", {"elect"}),
        # words in other senses
        ("Donald Trump attacked Alicia Machado in a series of tweets.", {"attack"}),
        ("Scholars have long debated the question.", {"meeting"}),
        ("The race is a dead heat, the poll shows.", {"death"}),
        ("She declined to appeal the ruling.", {"decrease"}),
        ("Thousands attended a Trump rally in Michigan.", {"protest"}),
        ("Trump said Clinton keeps attacking his wife.", {"attack"}),
        ("The crew shot flares at the planes.", {"injury"}),
        ("The data suggest a slowdown in hiring.", {"appeal"}),
        ("France wants to increase military coordination.", {"increase"}),
        ("The talks fell apart in 2009.", {"decrease"}),
        ("Clinton recovers from pneumonia.", {"increase"}),
        ("He fought the battle for the nomination.", {"clash"}),
        ("The team executed a flawless game plan.", {"execute"}),
        ("Detectives from the homicide unit arrived.", {"death"}),
        ("A trade war would hurt the United States.", {"injury"}),
        ("Congress passed the Death in Custody Reporting Act.", {"death"}),
        ("The campaign unveiled a list of endorsements.", {"product_launch"}),
        ("Cruz says he is a natural-born citizen.", {"birth"}),
        ("He felt an urge to leave the room.", {"appeal"}),
        ("The Federal Election Commission met on Monday.", {"elect"}),
        ("The firm will relocate production to Mexico.", {"transport"}),
        ("Trump blamed the debate moderators and attacked the moderators again.", {"attack"}),
    ],
)  # fmt: skip
def test_other_senses_are_not_events_of_the_type(annotate, text, not_types) -> None:
    assert not {t for t, _ in found(annotate(text))} & not_types


def test_arguments_of_new_types(annotate) -> None:
    doc = annotate("Microsoft agreed to buy LinkedIn for $26 billion on Monday.")
    buy = next(e for e in doc._.events if e.event_type == "transfer_ownership")
    assert buy.actors == ["Microsoft"] and buy.targets == ["LinkedIn"]
    doc = annotate("Cisco sued Apple in a California court.")
    sue = next(e for e in doc._.events if e.event_type == "sue")
    assert sue.actors == ["Cisco"] and sue.targets == ["Apple"]


def test_an_attack_in_words_is_criticism_and_a_physical_one_stays(annotate) -> None:
    words = annotate("Donald Trump attacked Alicia Machado, a former beauty queen, in tweets.")
    assert ("criticise", "attacked") in found(words)
    knife = annotate("A man attacked John Smith with a knife on Friday, police said.")
    assert ("attack", "attacked") in found(knife)
    victims = annotate("The shooting victims were taken to a hospital in Dallas.")
    assert ("attack", "shooting") in found(victims)


def test_only_incidents_take_the_dateline_city(annotate) -> None:
    doc = annotate("DALLAS (AP) — The mayor and the governor met on Monday to discuss the budget.")
    meeting = next(e for e in doc._.events if e.event_type == "meeting")
    assert meeting.city is None


def test_figures_rise_and_fights_are_physical(annotate) -> None:
    assert ("decrease", "tumbled") in found(annotate("Oil prices tumbled on Monday."))
    assert ("increase", "gained") in found(annotate("The Nikkei gained 2 percent."))
    assert ("clash", "Fighting") in found(annotate("Fighting in Aleppo killed 12 people."))
    assert ("execute", "executed") in found(annotate("Iran executed two men on Monday."))


def test_two_triggers_of_one_count_are_one_row(annotate) -> None:
    doc = annotate("Two soldiers were shot dead on Monday in Kabul.")
    deaths = [e for e in doc._.events if e.event_type == "death"]
    assert [(e.quantity, len(e.mentions)) for e in deaths] == [(2, 2)]
    apart = annotate("Two people were killed in Kabul and two died in Herat on Monday.")
    assert sum(e.quantity for e in apart._.events if e.event_type == "death") == 4


def test_trigger_matcher_finds_what_the_token_matcher_finds(nlp) -> None:
    """The phrase matchers return the token Matcher's matches, equal spans in its order."""
    from spacy.matcher import Matcher
    from spacy.tokens import Span
    from spacy.util import filter_spans

    from pipeline.stages.event_triggers import TriggerMatcher
    from tests.conftest import ARTICLES, SEEDS

    types = load_taxonomy()
    matcher = Matcher(nlp.vocab)
    for t in types:
        matcher.add(t.name, [p for phrase in t.triggers for p in trigger_patterns(phrase)])
    triggers = TriggerMatcher(nlp.vocab, [(t.name, t.triggers) for t in types])
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted([*SEEDS.glob("*.txt"), *ARTICLES.glob("*.txt")])
    ]
    texts.append("The attack was a flare-up. Rockets attacked; a fire broke out.")
    for doc in nlp.pipe(texts):
        old = [Span(doc, s, e, label=key) for key, s, e in matcher(doc)]
        new = triggers(doc)
        assert sorted((s.start, s.end, s.label) for s in old) == sorted(
            (s.start, s.end, s.label) for s in new
        )
        assert [(s.start, s.end, s.label) for s in filter_spans(old)] == [
            (s.start, s.end, s.label) for s in filter_spans(new)
        ]
