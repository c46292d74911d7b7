"""Entity labels: places from the gazetteer and from context (``the Tovuz section``, ``region of
X``), persons after a title, labels from a name's shape (acronyms, ``...stan``, ``... Dam``),
common words dropped, and one label per name in a document."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from pipeline.stages.annotations import NAME_LABELS
from pipeline.stages.doc_index import TokenTable, words_text
from pipeline.stages.entity_mentions import Mention
from pipeline.stages.entity_rules import EntityRules

ACRONYM = re.compile(r"[A-Z]{2,6}")
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def relabel_place(
    rules: EntityRules, doc: Doc, m: Mention, table: TokenTable | None = None
) -> Mention:
    """Places from the gazetteer and from context (``table``: the document's, when the caller
    has it)."""
    if m.label not in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"):
        return m
    text = words_text(doc, m.start, m.end) if table is None else table.words(m.start, m.end)
    if m.label != "NORP":
        if text in rules.regions:
            return replace(m, label="LOC")
        if text in rules.places and m.label != "GPE":
            return replace(m, label="GPE", source=m.source + "+gazetteer")
    if (
        m.label in ("PERSON", "ORG")
        and m.end - m.start == 1
        and m.end < len(doc)
        and doc[m.end].lower_ in rules.place_after
        and m.start > 0
        and doc[m.start - 1].lower_ == rules.definite_article
    ):
        return replace(m, label="GPE", source=m.source + "+context")
    if (
        m.label in ("PERSON", "ORG")
        and m.start >= 2
        and doc[m.start - 1].lower_ == rules.of_word
        and doc[m.start - 2].lower_ in rules.place_before_of
    ):
        return replace(m, label="GPE", source=m.source + "+context")
    return m


def relabel_person(
    rules: EntityRules, doc: Doc, m: Mention, table: TokenTable | None = None
) -> Mention:
    """A capitalised name right after a person's title is a person (``table``: the
    document's, when the caller has it)."""
    if m.label == "PERSON" or m.label not in NAME_LABELS or m.start == 0:
        return m
    if doc[m.start - 1].lower_ not in rules.person_titles:
        return m
    words = doc[m.start : m.end]
    text = words.text if table is None else table.words(m.start, m.end)
    if (
        len(words) <= 3
        and all(t.is_title and t.is_alpha for t in words)
        and text not in rules.places
        and text not in rules.regions
        and not any(t.lower_ in rules.admin_heads for t in words)
    ):
        return replace(m, label="PERSON", source=m.source + "+title")
    return m


def relabel_shape(
    rules: EntityRules, doc: Doc, m: Mention, table: TokenTable | None = None
) -> Mention:
    """Labels from a name's shape: acronyms and names with a legal company form (``Apple
    Inc.``) are organisations, ``...stan`` a place, ``... Dam`` a facility (``table``: the
    document's, when the caller has it)."""
    if m.label not in NAME_LABELS or m.source.startswith("dateline"):
        return m
    words = doc[m.start : m.end]
    text = words.text if table is None else table.words(m.start, m.end)
    if m.label != "ORG" and len(words) > 1 and words[-1].lower_ in rules.legal_suffixes:
        return replace(m, label="ORG", source=m.source + "+shape")
    if text in rules.places or text in rules.regions or text.title() in rules.places:
        return m  # "DALLAS" in a dateline is the city, not an acronym
    if m.label in ("GPE", "LOC", "PERSON", "NORP") and len(words) == 1 and ACRONYM.fullmatch(text):
        return replace(m, label="ORG", source=m.source + "+shape")
    if (
        m.label in ("NORP", "PERSON", "ORG")
        and len(words) == 1
        and text.lower().endswith(rules.place_suffixes)
    ):
        return replace(m, label="GPE", source=m.source + "+shape")
    if (
        m.label in ("ORG", "GPE", "PERSON", "LOC")
        and len(words) > 1
        and words[-1].lower_ in rules.fac_heads
    ):
        return replace(m, label="FAC", source=m.source + "+shape")
    return m


# Words an address may hold between its number and its street word ("1606 N. Peoria Ave.").
ADDRESS_SPAN = 5
# Labels the model gives house numbers and numbered streets.
ADDRESS_LABELS = frozenset({"DATE", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
# Words joining two street names of a crossing ("16th and Wingohocking Streets").
ADDRESS_JOINERS = frozenset({"and", "&"})


def drop_address_numbers(rules: EntityRules, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A house or block number the model took for a year, a count or an amount (``the 1300
    block of 16th Street``, ``1833 First Avenue South``, ``1600 Pennsylvania Avenue``, ``420
    Fairview Ave``), a numbered street taken for an ordinal (``near 16th and Wingohocking
    Streets``), or a "year" too long for one (``12000``)."""
    return [m for m in mentions if not _address_number(rules, doc, m)]


def _address_number(rules: EntityRules, doc: Doc, m: Mention) -> bool:
    first = doc[m.start]
    if m.label not in ADDRESS_LABELS:
        return False
    if m.label == "ORDINAL":  # "near 16th and Wingohocking Streets": a street's name
        return _ordinal(first.text) and _street_word(rules, doc, m.start + 1) is not None
    if not first.text.isdigit():
        return False
    if m.end - m.start > 1:  # "420 Fairview Ave Apartment" taken for money
        return m.label != "DATE" and _street_word(rules, doc, m.start + 1) is not None
    if len(first.text) > 4 and m.label == "DATE":
        return True
    street = _street_word(rules, doc, m.end)
    if street is None:
        return False
    if m.label == "DATE":
        return True
    # a count before a name that holds a street word: "3 Supreme Court justices"
    return street + 1 >= len(doc) or doc[street + 1].pos_ not in ("NOUN", "PROPN")


def _street_word(rules: EntityRules, doc: Doc, start: int) -> int | None:
    """Index of the street word of an address starting at token ``start`` (``Pennsylvania
    Avenue``, ``block of``), if the words from ``start`` read as one."""
    after = doc[start : start + ADDRESS_SPAN]
    if not after or not (
        after[0].is_title
        or after[0].lower_ in ADDRESS_JOINERS
        or after[0].lower_ in rules.address_words
        or after[0].like_num
        or _ordinal(after[0].text)
    ):
        return None
    for token in after:
        word = token.lower_.rstrip(".")
        if word in rules.address_words or word.removesuffix("s") in rules.address_words:
            return token.i  # "Street", "Ave.", "Streets"
        if not (
            token.is_title
            or token.is_upper
            or _ordinal(token.text)
            or token.text == "."
            or token.lower_ in ADDRESS_JOINERS
        ):
            return None
    return None


def _ordinal(text: str) -> bool:
    return ORDINAL.fullmatch(text.lower()) is not None


def drop_codes(rules: EntityRules, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Units, currency codes and time zones the model took for names (``GB``, ``UTC``)."""
    return [
        m
        for m in mentions
        if m.label not in NAME_LABELS or words_text(doc, m.start, m.end) not in rules.not_entities
    ]


def drop_common_words(
    doc: Doc, mentions: list[Mention], table: TokenTable | None = None
) -> list[Mention]:
    """A one-word 'name' that starts a sentence and appears elsewhere in lower case
    (``Farmers said ...`` / ``... met farmers``) is a common word (``table``: the
    document's, when the caller has it)."""
    table = TokenTable(doc) if table is None else table
    lower_forms = {text for text, lower in zip(table.texts, table.is_lower, strict=True) if lower}
    kept = []
    for m in mentions:
        token = doc[m.start]
        if (
            m.label in NAME_LABELS
            and m.end - m.start == 1
            and token.is_sent_start
            and token.text.lower() in lower_forms
        ):
            continue
        kept.append(m)
    return kept
