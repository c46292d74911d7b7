"""Entity clusters and canonical names, on texts written for these tests: people who share a
surname stay apart, organisations join their acronyms and short forms, places their aliases
(never their demonyms), and a cluster is named by its fullest proper name."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from pipeline.stages.cluster_names import display_name


def mentions(doc: Doc, text: str) -> list[Span]:
    """The entity mentions whose text is ``text``, in document order."""
    return [e for e in doc.ents if e.text == text]


def cluster(doc: Doc, text: str, nth: int = 0) -> int:
    """The cluster id of the ``nth`` mention written ``text``."""
    return mentions(doc, text)[nth]._.cluster_id


def canonical(doc: Doc, text: str, nth: int = 0) -> str:
    """The canonical name of the ``nth`` mention written ``text``."""
    return mentions(doc, text)[nth]._.canonical


CLINTONS = (
    "Hillary Clinton and Bill Clinton visited Iowa on Monday.\n\n"
    "Mr. Clinton spoke to farmers about trade.\n\n"
    "Clinton later toured a factory in Ames.\n\n"
    "At a rally in Des Moines, Clinton said she would protect rural hospitals."
)


def test_two_people_with_one_surname_stay_apart(annotate: Callable[..., Doc]) -> None:
    doc = annotate(CLINTONS)
    bill, hillary = cluster(doc, "Bill Clinton"), cluster(doc, "Hillary Clinton")
    assert bill != hillary
    # a title says which one ("Mr."), and so does a pronoun after the name ("she") when no
    # one else is named in the sentence
    assert [canonical(doc, "Clinton", n) for n in (0, 2)] == ["Bill Clinton", "Hillary Clinton"]
    assert (cluster(doc, "Clinton", 0), cluster(doc, "Clinton", 2)) == (bill, hillary)


def test_a_bare_surname_without_evidence_joins_no_one(annotate: Callable[..., Doc]) -> None:
    doc = annotate(CLINTONS)
    # "Clinton later toured": no title, no pronoun, nobody named in its paragraph, and the
    # article already called Bill "Clinton": it stays apart, named as written
    alone = mentions(doc, "Clinton")[1]
    assert alone._.cluster_id not in {cluster(doc, "Bill Clinton"), cluster(doc, "Hillary Clinton")}
    assert alone._.canonical == "Clinton"


def test_middle_names_join_unless_two_people_fit(annotate: Callable[..., Doc]) -> None:
    doc = annotate(
        "Donald J. Trump spoke in Ohio on Monday. Donald Trump later said the crowd was huge. "
        "Trump left at noon."
    )
    ids = {cluster(doc, name) for name in ("Donald J. Trump", "Donald Trump", "Trump")}
    assert len(ids) == 1 and canonical(doc, "Trump") == "Donald J. Trump"
    doc = annotate(
        "George H. W. Bush and George W. Bush attended the ceremony. George Bush spoke first."
    )
    ids = {cluster(doc, name) for name in ("George H. W. Bush", "George W. Bush", "George Bush")}
    assert len(ids) == 3


def test_organisations_join_acronyms_without_company_form(annotate: Callable[..., Doc]) -> None:
    doc = annotate(
        "The European Aeronautic Defence and Space Company reported a loss on Friday. "
        "EADS said the loss came from its aircraft unit."
    )
    assert cluster(doc, "EADS") == cluster(doc, "European Aeronautic Defence and Space Company")
    assert canonical(doc, "EADS") == "European Aeronautic Defence and Space Company"


def test_acronym_defined_in_brackets_is_a_mention(annotate: Callable[..., Doc]) -> None:
    doc = annotate(
        "The European Central Bank (ECB) raised rates on Thursday. Analysts had expected "
        "the move from the ECB."
    )
    assert [e.label_ for e in mentions(doc, "ECB")] == ["ORG", "ORG"]
    assert {cluster(doc, "ECB", n) for n in (0, 1)} == {cluster(doc, "European Central Bank")}


def test_companies_join_their_short_names_and_company_forms(
    annotate: Callable[..., Doc],
) -> None:
    doc = annotate(
        "Apple Computer said on Monday it would open a store in Lisbon. Apple employs 400 "
        "people in Portugal, and Apple Inc. shares rose 3 percent."
    )
    assert mentions(doc, "Apple Inc.")[0].label_ == "ORG"  # never a place
    ids = {cluster(doc, name) for name in ("Apple Computer", "Apple", "Apple Inc.")}
    assert len(ids) == 1
    doc = annotate(
        "The Bank of America Corporation said profit fell. Bank of America blamed lower rates."
    )
    assert cluster(doc, "Bank of America") == cluster(doc, "Bank of America Corporation")


def test_a_short_name_of_two_companies_stays_apart(annotate: Callable[..., Doc]) -> None:
    doc = annotate(
        "Mitsubishi Motors and Mitsubishi Electric both reported profits on Tuesday. "
        "Mitsubishi shares rose."
    )
    ids = {cluster(doc, n) for n in ("Mitsubishi Motors", "Mitsubishi Electric", "Mitsubishi")}
    assert len(ids) == 3


def test_places_join_aliases_but_not_demonyms(annotate: Callable[..., Doc]) -> None:
    doc = annotate(
        "Voters in Britain went to the polls on Thursday. The United Kingdom has 650 "
        "constituencies, and the UK prime minister called the vote early."
    )
    assert len({cluster(doc, n) for n in ("Britain", "United Kingdom", "UK")}) == 1
    assert canonical(doc, "Britain") == "United Kingdom"  # no leading "The"
    doc = annotate(
        "Armenian troops shelled a village near the border, Azerbaijan said. Armenia denied "
        "the report."
    )
    assert cluster(doc, "Armenian") != cluster(doc, "Armenia")
    assert canonical(doc, "Armenian") == "Armenian"


def test_canonical_is_the_fullest_proper_name(annotate: Callable[..., Doc]) -> None:
    # the full name only in the headline, the surname in the body
    doc = annotate(
        "Marcia Delgado wins council seat in Leeds\n\n"
        "Delgado won the seat by 300 votes, officials said on Friday. Delgado thanked her "
        "volunteers."
    )
    assert canonical(doc, "Delgado") == "Marcia Delgado"


def test_names_in_capitals_are_title_cased(annotate: Callable[..., Doc]) -> None:
    doc = annotate(
        "The statement was signed by the NATIONAL FARMERS UNION and sent to the ministry on Friday."
    )
    assert canonical(doc, "NATIONAL FARMERS UNION") == "National Farmers Union"
    # an acronym the article writes in capitals elsewhere stays in capitals
    doc = annotate(
        "The report was published by the UN SECURITY COUNCIL on Friday. The UN said it "
        "would meet again."
    )
    assert canonical(doc, "UN SECURITY COUNCIL") == "UN Security Council"
    doc = annotate("Transcript of the debate.\n\nWALLACE: Good evening. Tonight we talk taxes.")
    assert canonical(doc, "WALLACE") == "Wallace"  # a person's name is never an acronym


def test_display_name_keeps_acronyms_and_small_words() -> None:
    small = frozenset({"of", "and"})
    assert display_name("BANK OF AMERICA", small=small) == "Bank of America"
    assert display_name("U.S. ARMY") == "U.S. Army"
    assert display_name("AT&T WIRELESS") == "AT&T Wireless"
    assert display_name("NATO") == "NATO" and display_name("APPLE") == "Apple"
    assert display_name("ROME", places=frozenset({"Rome"})) == "Rome"
    assert display_name("Apple Computer") == "Apple Computer"
