"""Evidence for an entity label, and one label per name only where the evidence agrees.

A mention's own evidence outranks the model: a title before it (``Mrs.``, ``Senator``), a
known first name or initials (``Carly Fiorina``, ``J. Smith``), an age after it (``Wang, 45,``),
kin after it (``Wang's family``), an organisation ending or body word (``... Group``, ``...
Ministry``), a media word beside it (``the daily Zycie Warszawy``), a place followed by its
state or country (``Abilene, Texas``), the gazetteer, a dateline or a table row. A name takes
the label its mentions' evidence agrees on, else the model's majority; a mention with its own
evidence keeps it whatever the rest say, so a wrong label never spreads onto it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from spacy.tokens import Doc, Span

from pipeline.stages.annotations import NAME_LABELS
from pipeline.stages.cluster_keys import name_key
from pipeline.stages.doc_index import TokenTable, words_text
from pipeline.stages.entity_mentions import Mention
from pipeline.stages.entity_rules import EntityRules, is_demonym, is_place
from pipeline.stages.people import is_first_name

# Marks the label fixes of entity_labels leave in ``Mention.source``: each is evidence.
SOURCE_EVIDENCE = ("+title", "+gazetteer", "+context", "+shape", "admin", "split", "acronym")
MAX_AGE = 110
INITIAL = re.compile(r"[A-Z]\.")
"""A first-name initial (``J.``)."""
CAMEL = re.compile(r"[a-z]{1,2}[A-Z][a-z]")
"""The start of a product name such as ``iPod`` or ``eReader``."""


def own_evidence(
    rules: EntityRules,
    doc: Doc,
    m: Mention,
    org_words: frozenset[str] | None = None,
    table: TokenTable | None = None,
) -> str | None:
    """The label this mention's own context or shape asks for, or None. ``org_words`` are
    the words the model names alone as organisations (:func:`named_orgs`; computed when not
    given); ``table``: the document's, when the caller has it."""
    if m.label not in NAME_LABELS:
        return None
    if m.source.startswith("dateline") or m.source == "table":
        return m.label
    if any(mark in m.source for mark in SOURCE_EVIDENCE):
        return m.label
    words = doc[m.start : m.end]  # a new span on each slice: made once for every finder
    text = words.text if table is None else table.words(m.start, m.end)
    for finder in (
        _product_evidence,
        _event_evidence,
        _place_evidence,
        _org_evidence,
        _group_evidence,
    ):
        label = finder(rules, doc, m, words, text)
        if label is not None:
            return label
    return _person_evidence(rules, doc, m, org_words, words, text)


def _product_evidence(
    rules: EntityRules, doc: Doc, m: Mention, words: Span, text: str
) -> str | None:
    """``iPod``, ``iTunes Store``: a lower-case initial before a capital is a product's shape;
    ``the FTSE 100 index``: a name before an index word (past a number) is an index
    (``text``: the text of ``words``, the mention's tokens)."""
    if CAMEL.match(text) and text not in rules.organisations:
        return "PRODUCT"
    if text in rules.indices or text.startswith(rules.index_prefixes):
        return "PRODUCT"
    if m.label == "ORG" and _product_noun_after(rules, doc, m):
        return "PRODUCT"
    if m.label in ("PERSON", "ORG") and _described_as_product(rules, doc, m):
        return "PRODUCT"
    after = m.end
    while after < len(doc) and (doc[after].like_num or doc[after].lower_ == "stock"):
        after += 1
    if after < len(doc) and doc[after].lower_ in rules.index_words and m.label != "GPE":
        return "PRODUCT"
    if m.label == "ORG" and _index_move(rules, doc, m.end):
        return "PRODUCT"
    return None


def _index_move(rules: EntityRules, doc: Doc, end: int) -> bool:
    """``The Nasdaq fell 82.65 points``: a move verb, a number and a unit after the name."""
    words = doc[end : end + 5]
    if not words or words[0].lower_ not in rules.index_moves:
        return False
    for i, token in enumerate(words[1:-1], start=1):
        if token.like_num and words[i + 1].lower_ in rules.index_units:
            return True
    return False


def _described_as_product(rules: EntityRules, doc: Doc, m: Mention) -> bool:
    """``web browser Safari``; ``Lion , the new version of ...``."""
    if m.start and doc[m.start - 1].lower_ in rules.product_before:
        return True
    if m.end + 1 >= len(doc) or doc[m.end].text != ",":
        return False
    for token in doc[m.end + 1 : m.end + 5]:
        if token.lower_ in rules.product_apposition:
            return True
        if not (token.is_stop or token.pos_ in ("ADJ", "DET")):
            return False
    return False


def _product_noun_after(rules: EntityRules, doc: Doc, m: Mention) -> bool:
    """``MacBook Air laptops``, ``Mac software``: a product noun follows, and the name never
    acts in the article as a maker does (the subject of a verb other than ``stative_verbs``)."""
    if m.end >= len(doc) or doc[m.end].lower_ not in rules.product_after:
        return False
    text = words_text(doc, m.start, m.end)
    if text in rules.organisations or is_place(rules, text):
        return False
    head = doc[m.end - 1].text
    return not any(
        t.text == head
        and t.dep_ in ("nsubj", "nsubjpass")
        and t.head.lemma_.lower() not in rules.stative_verbs
        for t in doc
    )


def _event_evidence(rules: EntityRules, doc: Doc, m: Mention, words: Span, text: str) -> str | None:
    """``at the Macworld Conference``, ``the annual Worldwide Developers Conference``."""
    if len(words) < 2 or words[-1].lower_ not in rules.event_heads:
        return None
    before = [t.lower_ for t in doc[max(0, m.start - 2) : m.start]]
    after = doc[m.end] if m.end < len(doc) else None
    year_after = after is not None and after.like_num and len(after.text) == 4
    if year_after or any(b in rules.event_cues for b in before):
        return "EVENT"
    return None


def _group_evidence(rules: EntityRules, doc: Doc, m: Mention, words: Span, text: str) -> str | None:
    """``the Beatles``, ``the Brewers``: a plural name after the article is a group, not a
    person."""
    if m.label != "PERSON" or not m.start or doc[m.start - 1].lower_ != rules.definite_article:
        return None
    last = words[-1].text
    return "ORG" if last.endswith("s") and not last.endswith("ss") else None


def _person_evidence(
    rules: EntityRules,
    doc: Doc,
    m: Mention,
    org_words: frozenset[str] | None = None,
    words: Span | None = None,
    text: str | None = None,
) -> str | None:
    words = doc[m.start : m.end] if words is None else words
    if _age_after(doc, m.end) or _kin_after(rules, doc, m.end):
        return "PERSON"
    if m.start and doc[m.start - 1].lower_ in rules.kin_words and words[0].is_title:
        return "PERSON"  # "his wife Ivana"
    if m.label not in ("PERSON", "ORG") or not 2 <= len(words) <= 4:
        return None
    if not all(t.is_title or INITIAL.fullmatch(t.text) for t in words):
        return None
    text, last = words.text if text is None else text, words[-1].lower_
    if text in rules.organisations or _org_word(rules, last) or last in rules.thing_heads:
        return None
    if last in rules.org_descriptors or last in rules.legal_suffixes:
        return None
    if is_place(rules, text) or any(
        is_place(rules, t.text) or is_demonym(rules, t.text) for t in words
    ):
        return None
    first = words[0].text
    if INITIAL.fullmatch(first):
        return "PERSON"
    if org_words is None:
        org_words = named_orgs(doc)
    if is_first_name(first) and first not in org_words:
        return "PERSON"  # unless the model names it alone as a company: "Apple Corps"
    return None


def named_orgs(doc: Doc) -> frozenset[str]:
    """What the model names as an organisation (``Apple`` in ``Apple said``)."""
    return frozenset(e.text for e in doc.ents if e.label_ == "ORG")


def _age_after(doc: Doc, end: int) -> bool:
    """``Wang , 45 ,``: a name followed by an age in commas."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 2].text not in (",", "."):
        return False
    age = doc[end + 1].text
    return age.isdigit() and 0 < int(age) <= MAX_AGE


def _kin_after(rules: EntityRules, doc: Doc, end: int) -> bool:
    """``Wang 's family``, ``Sterling's widow``."""
    return (
        end + 1 < len(doc)
        and doc[end].text in rules.possessives
        and doc[end + 1].lower_ in rules.kin_words
    )


def _org_word(rules: EntityRules, word: str) -> bool:
    return word in rules.org_suffixes or word in rules.body_heads or word in rules.fac_heads


def _org_evidence(rules: EntityRules, doc: Doc, m: Mention, words: Span, text: str) -> str | None:
    if m.label == "NORP" or is_demonym(rules, text):
        return None
    last = words[-1].lower_
    if len(words) > 1 and _org_word(rules, last) and last not in rules.fac_heads:
        return "ORG"
    before = doc[m.start - 1].lower_ if m.start else ""
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    if before in rules.org_before and m.label != "GPE":
        return "ORG"
    if before in rules.media_words or (after in rules.media_words and m.label != "GPE"):
        return "ORG"
    if after in rules.org_context and not is_place(rules, text):
        return "ORG"
    return None


def _place_evidence(rules: EntityRules, doc: Doc, m: Mention, words: Span, text: str) -> str | None:
    """``Fort Lee``, ``voters in Millsfield``, ``Abilene , Texas``."""
    if m.label == "PERSON" and len(words) > 1 and words[0].lower_ in rules.place_prefixes:
        return "GPE"
    if m.label == "PERSON" and m.start and doc[m.start - 1].lower_ in rules.place_before:
        possessive = m.end < len(doc) and doc[m.end].text in rules.possessives
        if not possessive and not _person_evidence(rules, doc, m, words=words, text=text):
            return "GPE"
    return _followed_by_state(rules, doc, m)


def _followed_by_state(rules: EntityRules, doc: Doc, m: Mention) -> str | None:
    """``Abilene , Texas``: a name the model took for a person or organisation, followed by
    a state or country, is a place (a place before a country is a list: ``the Middle East,
    China and ...``)."""
    if m.end + 1 >= len(doc) or doc[m.end].text != "," or m.label not in ("PERSON", "ORG"):
        return None
    if not all(t.is_title for t in doc[m.start : m.end]):
        return None
    nxt = doc[m.end + 1 : m.end + 3]
    for size in (2, 1):
        text = nxt[:size].text
        if text in rules.states or text in rules.countries:
            return "GPE"
    return None


def consistent_labels(
    rules: EntityRules,
    doc: Doc,
    mentions: list[Mention],
    table: TokenTable | None = None,
    orgs: frozenset[str] | None = None,
) -> list[Mention]:
    """One label per name where its mentions' evidence agrees (else the model's majority);
    a surname takes its full name's label; a mention with its own evidence keeps it.
    ``table``: the document's, and ``orgs``: :func:`named_orgs`, when the caller has them."""
    orgs = named_orgs(doc) if orgs is None else orgs
    table = TokenTable(doc) if table is None else table
    evidence = coordinated_products(
        doc, mentions, [own_evidence(rules, doc, m, orgs, table) for m in mentions]
    )
    strong: dict[str, Counter[str]] = defaultdict(Counter)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    surnames: set[str] = set()
    for m, label in zip(mentions, evidence, strict=True):
        if m.label not in NAME_LABELS:
            continue
        key = name_key(table.words(m.start, m.end), rules)
        votes[key][m.label] += 1
        if label is not None and m.source != "table":
            strong[key][label] += 1
        if (label or m.label) == "PERSON" and m.end - m.start > 1:
            surnames.add(doc[m.end - 1].text)
    result = []
    for m, label in zip(mentions, evidence, strict=True):
        if m.label not in NAME_LABELS:
            result.append(m)
            continue
        if label is None:
            label = _name_label(rules, table.words(m.start, m.end), m, strong, votes, surnames)
        result.append(replace(m, label=label) if label != m.label else m)
    return result


def coordinated_products(
    doc: Doc, mentions: list[Mention], evidence: list[str | None]
) -> list[str | None]:
    """``the iPod Classic , Nano and Shuffle``: a name without evidence of its own,
    coordinated with a product, is a product."""
    product_tokens = {
        i
        for m, label in zip(mentions, evidence, strict=True)
        if (label or m.label) == "PRODUCT"
        for i in range(m.start, m.end)
    }
    if not product_tokens:
        return evidence
    result = list(evidence)
    for k, (m, label) in enumerate(zip(mentions, evidence, strict=True)):
        if label is not None or m.label not in NAME_LABELS:
            continue
        root = doc[m.end - 1]
        linked = [root.head] if root.dep_ == "conj" else []
        linked += [c for c in root.children if c.dep_ == "conj"]
        if any(t.i in product_tokens for t in linked):
            result[k] = "PRODUCT"
    return result


def _name_label(
    rules: EntityRules,
    text: str,
    m: Mention,
    strong: dict[str, Counter[str]],
    votes: dict[str, Counter[str]],
    surnames: set[str],
) -> str:
    key = name_key(text, rules)
    if strong.get(key):
        return strong[key].most_common(1)[0][0]
    if text in rules.places and m.label in ("PERSON", "ORG"):
        return "GPE"
    if m.end - m.start == 1 and text in surnames and text not in rules.places:
        return "PERSON"
    return votes[key].most_common(1)[0][0]
