"""Who a description, a thing, a pronoun or an implicit subject speaks for, through the
article: role titles and sides, people introduced after their role, makers of polls, ads,
books and statements, organisations, and the writer's own "I", on short texts written for
these tests."""

from __future__ import annotations

from tests.test_speakers import speaker_for


def canonical_for(doc, words: str) -> str | None:
    found = speaker_for(doc, words)
    return found[1] if found else None


# -- people described by their role ------------------------------------------------------------


def test_side_words_match_and_the_other_side_never_does(annotate) -> None:
    doc = annotate(
        "Democratic nominee Maria Lopez and Republican nominee Jack Stone met in Denver. "
        "The GOP nominee argued that the debate was unfair."
    )
    assert canonical_for(doc, "debate was unfair") == "Jack Stone"


def test_a_title_belongs_to_the_name_right_after_it(annotate) -> None:
    doc = annotate(
        "Ruth Kline spoke about the Democratic candidate during the inquiry into Jack Stone. "
        "Republican candidate Paul Dunn toured Ohio on Monday. "
        "The Republican candidate said that the inquiry was a waste of money."
    )
    assert canonical_for(doc, "inquiry was a waste") == "Paul Dunn"


def test_an_unnamed_role_is_the_person_named_next(annotate) -> None:
    doc = annotate(
        "Ohio's tax commissioner says an internal review found no leak of the files.\n\n"
        "Kevin Marsh says he ordered the review on Monday."
    )
    assert canonical_for(doc, "internal review found") == "Kevin Marsh"


def test_a_description_of_one_gender_is_whom_a_pronoun_would_be(annotate) -> None:
    doc = annotate(
        "Laura Penn, the senator's sister, spoke to voters in Akron on Tuesday. "
        "She said the plan was fair, and when pressed on the cost, the 40-year-old mother "
        'of two replied, "It pays for itself within five years."'
    )
    assert canonical_for(doc, "pays for itself") == "Laura Penn"


def test_an_untitled_nominee_is_the_person_named_most(annotate) -> None:
    doc = annotate(
        "Jack Stone filed papers on Monday. Judge Ann Wu heard the case. Stone said little. "
        "Wu ruled on Friday. Stone left the court.\n\n"
        "The Republican nominee argued that the files were private."
    )
    assert canonical_for(doc, "files were private") == "Jack Stone"


def test_plural_indefinite_sources_stay_generic(annotate) -> None:
    doc = annotate(
        "Some experts said the plan was vague. "
        "Tom Reyes, an expert at the Hill Institute, said it would cost more."
    )
    assert speaker_for(doc, "plan was vague")[1:] == (None, "unnamed")


# -- things that speak for their maker -----------------------------------------------------------


def test_an_ad_speaks_for_whoever_made_a_thing_of_its_kind(annotate) -> None:
    doc = annotate(
        "A web video by the Green Party attacks Mayor Ruth Kline over the budget. "
        "The clip says Kline has wasted millions on the stadium."
    )
    assert canonical_for(doc, "wasted millions") == "Green Party"


def test_a_statement_speaks_for_the_body_that_issued_it(annotate) -> None:
    doc = annotate(
        "In a statement announcing the deal, the Nurses Association praised the governor. "
        "The statement also said that the deal would raise pay for nurses."
    )
    assert canonical_for(doc, "raise pay for nurses") == "Nurses Association"


def test_a_book_speaks_for_its_author(annotate) -> None:
    doc = annotate(
        "Anna Berg wrote a memoir about her years at the clinic. "
        '"Few people knew how ill he was at the time," the book said.'
    )
    assert canonical_for(doc, "Few people knew") == "Anna Berg"


def test_a_document_on_a_campaign_website_is_the_campaign(annotate) -> None:
    doc = annotate(
        "Jack Stone released a plan on Monday. "
        "A document on the Stone campaign's website states that couples must be married."
    )
    assert canonical_for(doc, "couples must be married") == "Stone campaign"


def test_a_headline_poll_is_the_pollster_of_the_body(annotate) -> None:
    doc = annotate(
        "New Poll Shows Tight Race In Ohio\n\n"
        "The latest Gallup poll released Friday shows that Stone leads Lopez by two points."
    )
    assert canonical_for(doc, "Tight Race") == "Gallup"


# -- organisations -------------------------------------------------------------------------------


def test_a_government_named_by_its_country_is_itself(annotate) -> None:
    doc = annotate(
        "The White House met victims' families on Monday. The talks included the Saudi "
        "government, which has strongly denied any role in the attacks."
    )
    assert canonical_for(doc, "any role in the attacks") == "Saudi government"


def test_an_indefinite_organisation_is_the_one_named_next(annotate) -> None:
    doc = annotate(
        "A union representing nurses endorsed Ruth Kline on Thursday. "
        "In a statement, the Ohio Nurses Association called Kline a champion of workers."
    )
    assert canonical_for(doc, "Ruth Kline") == "Ohio Nurses Association"


# -- pronouns ------------------------------------------------------------------------------


def test_a_speaker_inside_another_quote_is_no_antecedent(annotate) -> None:
    doc = annotate(
        "Economist Rita Gomez said Maria Lopez's statement did not clarify the plan. "
        '"I see no details at all," she said after reading the outline.'
    )
    assert canonical_for(doc, "no details at all") == "Rita Gomez"


def test_a_place_modifying_a_noun_is_not_it(annotate) -> None:
    doc = annotate(
        "The Tampa Herald endorsed Ruth Kline in May. She is a former U.S. senator and a "
        "careful planner. Meanwhile, it attacked Jack Stone, saying he lacked the temperament "
        "for the job."
    )
    assert canonical_for(doc, "lacked the temperament") == "Tampa Herald"


def test_the_writers_we_is_nobody_named_and_a_letter_is_its_signature(annotate) -> None:
    doc = annotate(
        "The law should apply to everyone. I believe the courts say so.\n\n"
        "Chris Dole.\n\n"
        "Readers wrote to Mark Hale.\n\n"
        "We asked whether the ruling would change their vote.\n\n"
        "Not at all, said one."
    )
    assert canonical_for(doc, "the courts say so") == "Chris Dole"
    assert canonical_for(doc, "the ruling would change") is None


# -- the phrase a cue credits --------------------------------------------------------------


def test_a_cue_without_a_subject_takes_the_one_of_its_clause(annotate) -> None:
    doc = annotate(
        "Governor Paul Hendry responded to the critics by saying the cuts were necessary. "
        "Senator Ruth Kline was able to tout her record on jobs."
    )
    assert canonical_for(doc, "cuts were necessary") == "Paul Hendry"
    assert canonical_for(doc, "her record on jobs") == "Ruth Kline"


def test_a_to_clause_after_an_object_is_the_objects(annotate) -> None:
    doc = annotate("The crisis has led the Latvian journalist Dainis Ivans to fear a new pact.")
    assert canonical_for(doc, "a new pact") == "Dainis Ivans"


def test_a_role_with_a_name_in_apposition_is_the_person(annotate) -> None:
    doc = annotate("Another RT America host, Abby Martin, had previously denounced the annexation.")
    assert canonical_for(doc, "the annexation") == "Abby Martin"


def test_a_dash_followed_by_no_name_is_not_a_byline(annotate) -> None:
    doc = annotate(
        "Mayor Lena Hart dismissed the district as the “backyard of the capital” — a phrase "
        "that angered residents."
    )
    assert canonical_for(doc, "backyard of the capital") == "Lena Hart"


def test_a_bare_surname_is_the_person_the_article_named_first(annotate) -> None:
    doc = annotate(
        "Jack Stone unveiled a leave plan on Monday.\n\n"
        "His daughter Ivy Stone praised it in an interview.\n\n"
        "Stone says he would pay for it by cutting fraud."
    )
    assert canonical_for(doc, "pay for it by cutting") == "Jack Stone"
