"""Quote attribution on short texts written for these tests."""

from __future__ import annotations


def quotes(doc) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (
            q.kind,
            doc.text[q.start : q.end],
            q.speaker and (q.speaker.canonical or q.speaker.text),
            q.cue,
        )
        for q in doc._.quotes
    ]


def test_seed_quotes_and_speakers(seed_doc) -> None:
    found = quotes(seed_doc)
    speakers = {(kind, speaker) for kind, _, speaker, _ in found}
    assert ("direct", "Stephane Dujarric") in speakers
    for speaker in ("Baku", "Armenia", "Azerbaijan’s Defense Ministry", "Yerevan"):
        assert ("indirect", speaker) in speakers, speaker
    spokesman = next(q for q in seed_doc._.quotes if q.speaker.text == "the spokesman")
    assert spokesman.speaker.canonical == "Stephane Dujarric" and spokesman.cue == "add"
    assert sum(1 for kind, _, s, _ in found if kind == "direct" and s == "Stephane Dujarric") == 3


def test_quote_over_two_paragraphs_continues_speaker(annotate) -> None:
    text = (
        "Floods hit the region.\n\n"
        '"We have lost everything in one night," said Maria Lopez, a farmer from the valley. '
        '"The water came so fast that we could not save the animals.\n\n'
        '"Nobody from the government has come to help us yet."'
    )
    found = quotes(annotate(text))
    assert [k for k, *_ in found] == ["direct", "direct", "direct"]
    assert {s for _, _, s, _ in found} == {"Maria Lopez"}
    assert found[2][1] == "Nobody from the government has come to help us yet."


def test_he_added_resolves_to_last_person(annotate) -> None:
    text = (
        'Finance Minister Ana Ruiz said the budget was balanced. "We cut waste in every '
        'ministry," she added.'
    )
    found = quotes(annotate(text))
    assert ("indirect", "the budget was balanced", "Ana Ruiz", "say") in found
    direct = [q for q in found if q[0] == "direct"]
    assert direct and direct[0][2] == "Ana Ruiz" and direct[0][3] == "add"


def test_according_to(annotate) -> None:
    found = quotes(annotate("According to the health ministry, 40 people were taken to hospital."))
    assert found == [
        ("indirect", "40 people were taken to hospital", "the health ministry", "according to")
    ]


def test_appositive_speaker(annotate) -> None:
    text = "Hugh Hill, a doctor at the city hospital, said the wards were full."
    found = quotes(annotate(text))
    assert found == [("indirect", "the wards were full", "Hugh Hill", "say")]


def test_nominal_speaker_resolved_by_role(annotate) -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov declined to comment on Monday.\n\n"
        'The talks were postponed. "There is no date yet," the spokesman said.'
    )
    doc = annotate(text)
    quote = next(q for q in doc._.quotes if q.kind == "direct")
    assert quote.speaker.text == "the spokesman"
    assert quote.speaker.canonical == "Dmitry Peskov"


def test_scare_quotes_are_not_quotes(annotate) -> None:
    doc = annotate('Officials called the plan a "success" during the meeting.')
    assert not [q for q in doc._.quotes if q.kind == "direct"]


def test_mixed_quote(annotate) -> None:
    text = 'The minister said the reform was "a historic step for the country" and would pass.'
    found = quotes(annotate(text))
    assert len(found) == 1 and found[0][0] == "mixed" and found[0][2] == "The minister"


def test_fronted_report_with_apposition_and_long_clause(annotate) -> None:
    text = (
        "Heavy rain flooded dozens of homes and cut power to several districts in the "
        "northern port city overnight, the governor of the region, Petra Novak, said."
    )
    found = quotes(annotate(text))
    assert len(found) == 1
    kind, content, speaker, cue = found[0]
    assert kind == "indirect" and cue == "say" and speaker == "Petra Novak"
    assert content.startswith("Heavy rain") and content.endswith("overnight")


def test_indefinite_speaker_is_not_resolved(annotate) -> None:
    text = (
        'Mayor Tom Reyes opened the bridge. "It is a great day," Reyes said. '
        "The bridge cost $40 million, a city spokeswoman said."
    )
    doc = annotate(text)
    last = doc._.quotes[-1]
    assert last.speaker.text == "a city spokeswoman"
    assert last.speaker.canonical is None


def test_pronoun_takes_nearest_person_outside_quotes(annotate) -> None:
    text = (
        '"We will rebuild," Colonel Ivan Marko told reporters.\n\n'
        "Lena Hart, a nurse at the clinic, said supplies were short. "
        '"We are working without rest," she said.'
    )
    doc = annotate(text)
    last = doc._.quotes[-1]
    assert last.speaker.text == "she" and last.speaker.canonical == "Lena Hart"


def test_paragraph_ending_with_colon_introduces_the_quote(annotate) -> None:
    text = (
        "Donations fell sharply.\n\n"
        "The Daily Ledger reports:\n\n"
        '"Fewer than a quarter of the donors gave more than $200 this year, the lowest share '
        "in a decade.\n\n"
        '"Organisers blamed the weather and the economy."'
    )
    doc = annotate(text)
    direct = [q for q in doc._.quotes if q.kind == "direct"]
    assert len(direct) == 2
    assert [q.speaker.text for q in direct] == ["The Daily Ledger", "The Daily Ledger"]
    assert direct[0].cue == "report"


def test_parenthetical_attribution(annotate) -> None:
    found = quotes(
        annotate("But to prevent problems, the mayor said, officials should check every bridge.")
    )
    assert ("indirect", "officials should check every bridge", "the mayor", "say") in found


def test_doubled_apostrophe_quotes(annotate) -> None:
    text = "''This is not tax reform at all,'' said Douglas Holtz, an economist in Washington."
    found = quotes(annotate(text))
    assert found[0][:2] == ("direct", "This is not tax reform at all,")
    assert found[0][2] == "Douglas Holtz"


def test_mixed_curly_and_straight_marks_close_each_other(annotate) -> None:
    text = (
        '\u201cImmunity deals should not be a requirement for cooperating with the FBI," '
        "Chairman Jason Chaffetz said in a statement, adding that the agreements were handed "
        'out "like candy."'
    )
    found = quotes(annotate(text))
    direct = [q for q in found if q[0] == "direct"]
    assert direct and direct[0][1].startswith("Immunity deals") and direct[0][1].endswith("FBI,")
    assert direct[0][2] == "Jason Chaffetz"
    added = [q for q in found if "handed out" in q[1]]
    assert added and added[0][2] == "Jason Chaffetz" and added[0][3] == "add"


def test_participle_cue_reports_a_partial_quote(annotate) -> None:
    text = (
        "Howard Dean appeared on MSNBC on Tuesday and began by saying he would \u201cnever\u201d "
        "diagnose someone through television."
    )
    found = quotes(annotate(text))
    assert len(found) == 1
    kind, content, speaker, cue = found[0]
    assert kind == "mixed" and cue == "say" and speaker == "Howard Dean"
    assert content.startswith("he would") and content.endswith("television")


def test_attribution_splitting_a_clause_reports_the_whole_sentence(annotate) -> None:
    found = quotes(
        annotate(
            "The museum, Mr. Bush said, celebrated several of his heroes, including Chuck Berry."
        )
    )
    assert len(found) == 1
    kind, content, speaker, cue = found[0]
    assert kind == "indirect" and cue == "say" and speaker == "Bush"
    assert content.startswith("The museum") and content.endswith("Chuck Berry")


def test_inverted_cue_with_a_long_speaker_phrase(annotate) -> None:
    text = (
        "Its first national television ad could start this week, said Brian Baker, a political "
        "adviser who oversees the super PAC's campaign."
    )
    found = quotes(annotate(text))
    assert len(found) == 1
    assert found[0][:3] == (
        "indirect",
        "Its first national television ad could start this week",
        "Brian Baker",
    )


def test_object_with_what_it_is_taken_for(annotate) -> None:
    found = quotes(annotate("Clinton cited the remarks as examples of his disrespect for women."))
    assert (
        "indirect",
        "the remarks as examples of his disrespect for women",
        "Clinton",
        "cite",
    ) in found


def test_polls_show_an_object_with_its_predicate(annotate) -> None:
    found = quotes(annotate("Polling averages show Clinton with a lead in the low single digits."))
    assert len(found) == 1 and found[0][1] == "Clinton with a lead in the low single digits"


def test_in_a_poll_credits_the_clause(annotate) -> None:
    found = quotes(annotate("In this poll, Trump rose one percentage point since the debate."))
    assert len(found) == 1
    kind, content, _, cue = found[0]
    assert (kind, content, cue) == (
        "indirect",
        "Trump rose one percentage point since the debate",
        "in",
    )


def test_a_title_before_a_cue_with_content_of_its_own_is_not_its_quote(annotate) -> None:
    text = (
        'In an interview on CBS\'s "Face the Nation," Speaker Paul Ryan said the shootings '
        'demand that all Americans engage in "more listening" and "more learning."'
    )
    found = quotes(annotate(text))
    assert not any(content.startswith("Face the Nation") for _, content, _, _ in found)
    assert any(kind == "mixed" and "more learning" in content for kind, content, _, _ in found)


def test_continue_reports_nothing_without_a_quotation(annotate) -> None:
    assert quotes(annotate("Protesters continued to march through the streets on Friday.")) == []


def test_nickname_and_title_are_not_quotes(annotate) -> None:
    doc = annotate(
        'Scott\'s niece, state Del. Marcia "Cia" Price, shouted to the crowd. '
        'He cited criticism of Matt Lauer, who took heat during a "Commander-In-Chief" forum.'
    )
    found = quotes(doc)
    assert not any(content in ("Cia", "Commander-In-Chief") for _, content, _, _ in found)


def test_as_someone_put_it(annotate) -> None:
    text = (
        'The main requirement for the program is a "lawful source of investment income," '
        "as a Homeland Security memo put it."
    )
    found = quotes(annotate(text))
    assert any("lawful source" in content and cue == "put it" for _, content, _, cue in found)
