"""Who said it: speaker kinds, resolution through the article, labels, cues and filters, on
short texts written for these tests."""

from __future__ import annotations

from pipeline.stages.quote_rules import load_rules


def quotes_of(doc) -> list[tuple]:
    return [
        (
            q.kind,
            doc.text[q.start : q.end],
            q.speaker.text if q.speaker else None,
            q.speaker.canonical if q.speaker else None,
            q.speaker.kind if q.speaker else None,
            q.cue,
        )
        for q in doc._.quotes
    ]


def speaker_for(doc, words: str) -> tuple:
    """The (text, canonical, kind) of the speaker of the quote containing ``words``."""
    for q in doc._.quotes:
        if words in doc.text[q.start : q.end]:
            return (q.speaker.text, q.speaker.canonical, q.speaker.kind) if q.speaker else None
    raise AssertionError(f"no quote contains {words!r}: {quotes_of(doc)}")


def test_pronoun_agrees_in_gender(annotate) -> None:
    doc = annotate(
        "Anna Berg met Tom Reyes at the town hall on Monday. "
        '"We will rebuild the bridge before winter," she said.'
    )
    assert speaker_for(doc, "rebuild the bridge")[1] == "Anna Berg"


def test_pronoun_prefers_the_subject_to_a_nearer_object(annotate) -> None:
    doc = annotate(
        "Governor Paul Hendry toured the flooded district with Mayor Lucy Tran. "
        "He later met farmers. "
        '"The state will pay for the repairs," he told reporters.'
    )
    assert speaker_for(doc, "pay for the repairs")[1] == "Paul Hendry"


def test_two_people_with_one_surname_stay_apart(annotate) -> None:
    doc = annotate(
        "Former President Bill Clinton spoke in Flint on Tuesday. "
        "Clinton said the health law needed changes.\n\n"
        "Hillary Clinton campaigned in Ohio. "
        'Mrs. Clinton said: "We will fix what is broken."'
    )
    persons = {(e.text, e._.canonical) for e in doc.ents if e.label_ == "PERSON"}
    assert ("Bill Clinton", "Bill Clinton") in persons
    assert ("Hillary Clinton", "Hillary Clinton") in persons
    assert speaker_for(doc, "health law")[1] == "Bill Clinton"
    assert speaker_for(doc, "fix what is broken")[1] == "Hillary Clinton"


def test_description_resolves_by_role_and_modifiers(annotate) -> None:
    doc = annotate(
        "Democratic nominee Maria Lopez and Republican nominee Jack Stone met in Denver. "
        "The Republican nominee said the debate was unfair."
    )
    assert speaker_for(doc, "debate was unfair")[1:] == ("Jack Stone", "description")


def test_role_without_a_person_stays_unresolved(annotate) -> None:
    doc = annotate(
        'Senator Ruth Kline opened the hearing. "The budget is not negotiable," the treasurer said.'
    )
    assert speaker_for(doc, "not negotiable")[1] is None  # never the last speaker


def test_spokesperson_speaks_for_the_side_not_the_principal(annotate) -> None:
    doc = annotate(
        "The campaign of Carla Fenwick raised $3 million in May. "
        "Fenwick would not debate, a spokeswoman for Fenwick said."
    )
    text, canonical, kind = speaker_for(doc, "would not debate")
    assert canonical == "Fenwick campaign" and kind == "description"


def test_named_spokesperson_is_the_speaker(annotate) -> None:
    doc = annotate(
        "The plan covers single mothers, Stone campaign spokesman Ted Marsh told reporters."
    )
    assert speaker_for(doc, "single mothers")[1] == "Ted Marsh"


def test_generic_sources_stay_unnamed(annotate) -> None:
    doc = annotate("Officials said the road would reopen on Friday.")
    assert speaker_for(doc, "road would reopen") == ("Officials", None, "unnamed")


def test_relative_pronoun_speaker_is_its_antecedent(annotate) -> None:
    doc = annotate("The talks were led by Senator Mark Dunn, who said the vote would pass easily.")
    assert speaker_for(doc, "vote would pass")[1] == "Mark Dunn"


def test_transcript_labels_credit_each_turn(annotate) -> None:
    doc = annotate(
        "Partial transcript as follows:\n\n"
        '"HARMON: Will you release the report before the vote?\n\n'
        '"VASQUEZ: We will release it next week, as we promised.'
    )
    assert speaker_for(doc, "release the report")[:2] == ("HARMON", "Harmon")
    assert speaker_for(doc, "as we promised")[:2] == ("VASQUEZ", "Vasquez")
    assert all(q.cue == ":" for q in doc._.quotes)


def test_headline_label_names_the_speaker(annotate) -> None:
    doc = annotate(
        "Dunn: Vote Will Pass Easily\n\n"
        "Senator Mark Dunn predicted on Monday that the bill would pass."
    )
    assert speaker_for(doc, "Vote Will Pass")[1] == "Mark Dunn"


def test_reply_belongs_to_the_replier(annotate) -> None:
    doc = annotate(
        '"We have the votes," Senator Mark Dunn said. '
        '"They do not have the votes," his rival Ann Ortiz retorted.'
    )
    assert speaker_for(doc, "do not have")[1] == "Ann Ortiz"


def test_stance_cues_report_their_content(annotate) -> None:
    doc = annotate(
        "The union called for new talks with the board. "
        "Mayor Lena Hart urged residents to stay indoors. "
        "Hart's claim that the river had peaked was disputed."
    )
    found = {(q.cue, doc.text[q.start : q.end]) for q in doc._.quotes}
    assert ("call", "new talks with the board") in found
    assert ("urge", "residents to stay indoors") in found
    assert ("claim", "the river had peaked") in found


def test_titles_and_scare_quotes_are_not_quotes(annotate) -> None:
    doc = annotate(
        'The senator compared the debate to "Shark Tank." '
        'Critics say the plan is a "giveaway to the rich" dressed up as reform.'
    )
    texts = [doc.text[q.start : q.end] for q in doc._.quotes if q.kind == "direct"]
    assert texts == []


def test_dash_after_a_quote_credits_the_name(annotate) -> None:
    doc = annotate(
        "Readers wrote in.\n\n"
        "“I am afraid of what comes next for all of us.” ― Karen Lowe.\n\n"
        "More letters followed."
    )
    assert speaker_for(doc, "afraid of what comes next")[1] == "Karen Lowe"


def test_confidence_follows_how_the_speaker_was_found(annotate) -> None:
    doc = annotate(
        '"HARMON: Will you release the report?\n\n'
        'Lucy Tran spoke first. "The budget is balanced," she said. '
        "Tran said the state would borrow less."
    )
    confidence = load_rules().confidence
    by_text = {doc.text[q.start : q.end][:12]: q.confidence for q in doc._.quotes}
    assert by_text["Will you rel"] == confidence["label"]
    assert by_text["The budget i"] == confidence["pronoun"]
    assert by_text["the state wo"] == confidence["named"]
    assert confidence["label"] > confidence["named"] > confidence["pronoun"]
