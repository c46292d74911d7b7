"""Mention fixes over the statistical NER: which spans are mentions at all and where they
start and end (before any label is decided in :mod:`~pipeline.stages.entity_labels`).

Dateline places and agencies become mentions; spans lose a leading article and a trailing
possessive; mentions that are only job titles go; split values are merged (``Tuesday`` +
``night``); ``Egypt's Foreign Ministry`` is one ORG; known organisations and gazetteer places the
model missed are added; hyphenated compounds of names split (``Armenia-Azerbaijan``);
administrative names are one GPE; acronyms defined in brackets after a name are added
(``European Central Bank (ECB)``); names found elsewhere in the document are added where the
model missed them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from pipeline.stages.annotations import NAME_LABELS
from pipeline.stages.cluster_keys import initials
from pipeline.stages.cluster_names import display_name
from pipeline.stages.doc_index import TokenTable, words_text
from pipeline.stages.entity_rules import EntityRules, is_place, name_kind
from pipeline.stages.extensions import span_writer
from pipeline.text.numbers import parse_number

DASHES = frozenset({"-", "–", "—"})
VALUE_WORD_LABELS = frozenset({"DATE", "TIME"})
# Currency symbols kept at the start of a mention, and the percent sign kept at its end.
LEADING_SYMBOLS = "$€£¥"
TRAILING_SYMBOLS = "%"
PERCENT_WORDS = frozenset({"percent", "%", "pct", "per-cent"})
# Labels of names an acronym in brackets may follow, and what such an acronym looks like.
ACRONYM_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"})
ACRONYM = re.compile(r"[A-Z][A-Z&.]{1,7}")
SMALL_NUMBER = re.compile(r"\d{1,3}")


@dataclass(frozen=True)
class Mention:
    """A candidate mention over tokens ``[start, end)``."""

    start: int
    end: int
    label: str
    source: str


def with_dateline(
    rules: EntityRules, doc: Doc, mentions: list[Mention], text: str | None = None
) -> list[Mention]:
    """The dateline's places and agency as mentions (``text`` is ``doc.text``, passed by a
    caller that has it)."""
    blocks = [b for b in (doc._.blocks or []) if b.role == "dateline"]
    if not blocks or not doc._.dateline:
        return mentions
    block = blocks[0]
    unit = (doc.text if text is None else text)[block.start : block.end]
    extra = []
    for part in _place_parts(unit, doc._.dateline_place or doc._.dateline):
        span = doc.char_span(
            block.start + part[0], block.start + part[1], alignment_mode="contract"
        )
        if span is not None and len(span):
            extra.append(
                Mention(span.start, span.end, dateline_label(rules, doc, span.text), "dateline")
            )
    if doc._.agency:
        at = unit.rfind(doc._.agency)
        span = (
            doc.char_span(
                block.start + at,
                block.start + at + len(doc._.agency),
                alignment_mode="contract",
            )
            if at >= 0
            else None
        )
        if span is not None and len(span):
            extra.append(Mention(span.start, span.end, "ORG", "dateline-agency"))
    taken = {i for m in extra for i in range(m.start, m.end)}
    kept = [m for m in mentions if not any(i in taken for i in range(m.start, m.end))]
    return sorted(kept + extra, key=lambda m: m.start)


def trim(
    rules: EntityRules, doc: Doc, m: Mention, table: TokenTable | None = None
) -> Mention | None:
    """``m`` without a leading article or trailing possessive or punctuation; None when what
    is left is no name (``table``: the document's, when the caller has it)."""
    start, end = m.start, m.end
    named = m.label in NAME_LABELS
    while start < end and _trimmed_first(rules, doc[start], named):
        start += 1
    while end > start and _trimmed_last(rules, doc[end - 1]):
        end -= 1
    if named:
        text = words_text(doc, start, end) if table is None else table.words(start, end)
        if not any(c.isupper() or c.isdigit() for c in text):
            return None  # "army": a common noun, not a name
        tokens = (doc[k] for k in range(start, end))  # (no Span for the test)
        if all(t.lower_ in rules.titles or not t.is_alpha for t in tokens):
            return None
        if m.label == "PERSON":
            while end - start > 1 and doc[start].lower_ in rules.titles:
                start += 1
    if start >= end:
        return None
    return m if (start, end) == (m.start, m.end) else Mention(start, end, m.label, m.source)


def split_percentages(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``Trump 47.3 percent`` taken as one name: the name, then a PERCENT."""
    result = []
    for m in mentions:
        end = m.end
        if (
            m.label in NAME_LABELS
            and end - m.start > 2
            and doc[end - 1].lower_ in PERCENT_WORDS
            and doc[end - 2].like_num
        ):
            result += [replace(m, end=end - 2), Mention(end - 2, end, "PERCENT", "split")]
        else:
            result.append(m)
    return result


def _trimmed_first(rules: EntityRules, token: Token, named: bool) -> bool:
    """A leading article (of a name) or punctuation, left out of a mention."""
    return (named and token.lower_ in rules.determiners) or (
        token.is_punct and token.text not in LEADING_SYMBOLS
    )


def _trimmed_last(rules: EntityRules, token: Token) -> bool:
    """A trailing possessive, punctuation or white space, left out of a mention."""
    return (
        token.text in rules.possessives
        or (token.is_punct and token.text not in TRAILING_SYMBOLS)
        or token.is_space
    )


def merge_values(rules: EntityRules, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Value mentions the model split or cut short: ``Tuesday`` + ``night`` -> one TIME,
    ``11 p.m.`` + ``local time``, ``50 million`` + ``euros`` -> MONEY, ``150`` +
    ``millimeters`` -> QUANTITY; a bare small number tagged DATE is a CARDINAL."""
    merged: list[Mention] = []
    for m in mentions:
        prev = merged[-1] if merged else None
        if prev is not None and prev.end == m.start and prev.label == "DATE" and m.label == "TIME":
            merged[-1] = Mention(prev.start, m.end, "TIME", "ner+merged")
            continue
        merged.append(m)
    result = []
    for m in merged:
        if m.label == "DATE" and SMALL_NUMBER.fullmatch(words_text(doc, m.start, m.end)):
            m = replace(m, label="CARDINAL", source=m.source + "+shape")
        if m.label == "TIME":
            m = _with_time_suffix(rules, doc, m)
        if m.label in ("CARDINAL", "MONEY", "QUANTITY") and m.end < len(doc):
            m = with_unit_word(doc, m)
        result.append(m)
    return result


def _with_time_suffix(rules: EntityRules, doc: Doc, m: Mention) -> Mention:
    """``11 p.m.`` + ``local time``."""
    for words in rules.time_suffixes:
        if tuple(t.lower_ for t in doc[m.end : m.end + len(words)]) == words:
            return replace(m, end=m.end + len(words))
    return m


def with_unit_word(doc: Doc, m: Mention) -> Mention:
    nxt = doc[m.end]
    if not nxt.is_alpha or nxt.ent_type_:
        return m
    text = words_text(doc, m.start, m.end + 1)
    if m.label != "MONEY":
        money = parse_number(text, "MONEY")
        bare = parse_number(words_text(doc, m.start, m.end), "MONEY")
        if money and money.unit and money.unit.isupper() and not (bare and bare.unit):
            return replace(m, end=m.end + 1, label="MONEY", source=m.source + "+unit")
    if m.label == "CARDINAL":
        quantity = parse_number(text, "QUANTITY")
        if quantity and quantity.unit and not quantity.unit.isupper() and quantity.unit != "%":
            return replace(m, end=m.end + 1, label="QUANTITY", source=m.source + "+unit")
    return m


def merge_possessive_bodies(rules: EntityRules, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``Egypt`` ``'s`` ``Foreign Ministry`` -> one ORG, as in OntoNotes."""
    result: list[Mention] = []
    for m in mentions:
        prev = result[-1] if result else None
        if (
            prev is not None
            and prev.label == "GPE"
            and m.label == "ORG"
            and m.start == prev.end + 1
            and doc[prev.end].text in rules.possessives
            and doc[m.end - 1].lower_ in rules.body_heads
        ):
            result[-1] = Mention(prev.start, m.end, "ORG", "ner+merged")
            continue
        result.append(m)
    return result


def add_known_names(
    rules: EntityRules, doc: Doc, mentions: list[Mention], table: TokenTable | None = None
) -> list[Mention]:
    """Organisations from the resource list and gazetteer places the model missed
    (``table``: the document's, when the caller has it)."""
    table = TokenTable(doc) if table is None else table
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for i, text in enumerate(table.texts):
        known = text in rules.organisations or text in rules.places or text in rules.regions
        if not known or i in taken:
            continue
        token = doc[i]
        if _in_hyphenated_word(token):
            continue
        label = None
        if token.text in rules.organisations:
            label = "ORG"
        elif (
            (token.text in rules.places or token.text in rules.regions)
            and token.is_title
            and not token.is_sent_start
        ):
            prev = doc[token.i - 1] if token.i else None
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            beside_name = (prev is not None and _name_word(prev) and not prev.is_sent_start) or (
                nxt is not None and _name_word(nxt)
            )
            label = None if beside_name else "LOC" if token.text in rules.regions else "GPE"
        if label is not None:
            added.append(Mention(token.i, token.i + 1, label, "gazetteer"))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def split_compound(rules: EntityRules, doc: Doc, m: Mention) -> list[Mention]:
    if m.label not in NAME_LABELS or m.end - m.start < 3:
        return [m]
    cuts = [
        i
        for i in range(m.start + 1, m.end - 1)
        if doc[i].text in DASHES and not doc[i].whitespace_ and not doc[i - 1].whitespace_
    ]
    if not cuts:
        return [m]
    bounds = [m.start, *cuts, m.end]
    parts = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        a = a + 1 if doc[a].text in DASHES else a
        text = words_text(doc, a, b)
        label = name_kind(rules, doc, text)
        if label is None:
            return [m]
        parts.append(Mention(a, b, label, "split"))
    return parts


def admin_names(
    rules: EntityRules, doc: Doc, mentions: list[Mention], table: TokenTable | None = None
) -> list[Mention]:
    """Capitalised runs ending in an administrative head word are one GPE (a leading ``The``
    left out: ``The United Kingdom``; ``table``: the document's, when the caller has it)."""
    table = TokenTable(doc) if table is None else table
    heads = {doc.vocab.strings[w] for w in rules.admin_heads}  # ids of their lower-case forms
    found = []
    i = 0
    while i < len(doc):
        if (
            table.lower_ids[i] in heads
            and doc[i].lower_ in rules.admin_heads
            and table.is_title[i]
            and i > 0
        ):
            start = i
            while (
                start > 0
                and (doc[start - 1].is_title or doc[start - 1].is_upper)
                and doc[start - 1].is_alpha
                or (start > 1 and doc[start - 1].text in DASHES and doc[start - 2].is_title)
            ):
                start -= 1
            while start < i and doc[start].lower_ in rules.determiners:
                start += 1
            end = i + 1
            if end + 1 < len(doc) and doc[end].lower_ == rules.of_word and doc[end + 1].is_title:
                end += 2
                while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
                    end += 1
            if i - start >= 1 or end > i + 1:
                found.append(Mention(start, end, "GPE", "admin"))
        i += 1
    if not found:
        return mentions
    covered = {t for f in found for t in range(f.start, f.end)}
    kept = [m for m in mentions if not any(t in covered for t in range(m.start, m.end))]
    return sorted(kept + found, key=lambda m: m.start)


def add_missed(
    rules: EntityRules, doc: Doc, mentions: list[Mention], table: TokenTable | None = None
) -> list[Mention]:
    """Names found elsewhere in the document, added where the model missed them
    (``table``: the document's, when the caller has it)."""
    table = TokenTable(doc) if table is None else table
    names: dict[tuple[str, ...], str] = {}
    for m in mentions:
        if m.label not in NAME_LABELS:
            continue
        words = tuple(table.texts[m.start : m.end])
        names.setdefault(words, m.label)
        if m.label == "PERSON" and len(words) > 1:
            names.setdefault((words[-1],), "PERSON")
    taken = [False] * len(doc)
    for m in mentions:
        for i in range(m.start, m.end):
            taken[i] = True
    texts = tuple(table.texts)
    firsts = {words[0] for words in names}
    starts: dict[str, list[int]] = defaultdict(list)  # where each name's first word stands
    for i, text in enumerate(texts):
        if text in firsts:
            starts[text].append(i)
    added = []
    for words, label in sorted(names.items(), key=lambda kv: -len(kv[0])):
        if len(words) == 1 and (
            words[0].lower() in rules.not_names or len(words[0]) < 2 or not words[0][0].isupper()
        ):
            continue
        n = len(words)
        for i in starts.get(words[0], ()):
            if i + n > len(doc) or any(taken[i : i + n]) or texts[i : i + n] != words:
                continue
            if (
                i + n < len(doc)
                and doc[i + n].text in DASHES
                and not doc[i + n].whitespace_
                and not doc[i + n - 1].whitespace_
                and i + n + 1 < len(doc)
                and name_kind(rules, doc, doc[i + n + 1].text) is None
            ):
                continue  # part of a longer hyphenated name
            added.append(Mention(i, i + n, label, "ner+propagated"))
            for j in range(i, i + n):
                taken[j] = True
    return sorted(mentions + added, key=lambda m: m.start)


def merge_of_names(rules: EntityRules, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """An organisation whose name goes on with ``of``/``for`` and capitalised words is one
    ORG: ``Federal Service`` + ``for the`` + ``Financial Markets``."""
    result: list[Mention] = []
    for m in mentions:
        prev = result[-1] if result else None
        if prev is not None and _of_continuation(rules, doc, prev, m):
            result[-1] = Mention(prev.start, m.end, "ORG", "ner+merged")
            continue
        result.append(m)
    return result


def _of_continuation(rules: EntityRules, doc: Doc, prev: Mention, m: Mention) -> bool:
    if (
        prev.label != "ORG"
        or m.label not in NAME_LABELS
        or doc[prev.end - 1].lower_ not in rules.of_heads
    ):
        return False
    between = doc[prev.end : m.start]
    return (
        0 < len(between) <= 2
        and between[0].lower_ in (rules.of_word, "for")
        and all(t.lower_ in rules.of_links for t in between)
        and all(t.is_title or t.is_upper or not t.is_alpha for t in doc[m.start : m.end])
    )


def parenthesised_acronyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``European Central Bank ( ECB )``: an acronym in brackets right after a name of two
    words or more is a mention of it, with its label; so are the model's other mentions of
    that acronym. Runs once labels are final, so the acronym follows its name's label."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    labels: dict[str, str] = {}
    added = []
    for m in mentions:
        at = m.end
        if m.label not in ACRONYM_LABELS or m.end - m.start < 2 or at + 2 >= len(doc):
            continue
        if doc[at].text != "(" or doc[at + 2].text != ")":
            continue
        acronym = doc[at + 1].text
        if ACRONYM.fullmatch(acronym):
            labels[acronym] = m.label
            if at + 1 not in taken:
                added.append(Mention(at + 1, at + 2, m.label, "acronym"))
    if not labels:
        return mentions
    relabelled = [
        replace(m, label=labels[doc[m.start].text])
        if m.end - m.start == 1 and m.label in NAME_LABELS and doc[m.start].text in labels
        else m
        for m in mentions
    ]
    return sorted(relabelled + added, key=lambda m: m.start)


def resolve_overlaps(doc: Doc, mentions: list[Mention]) -> list[Span]:
    spans: list[Span] = []
    last_end = -1
    set_source = span_writer("source")
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start < last_end:
            continue
        span = Span(doc, m.start, m.end, label=m.label)
        set_source(span, m.source)
        spans.append(span)
        last_end = m.end
    return spans


def dateline_label(rules: EntityRules, doc: Doc, place: str) -> str:
    """GPE for a dateline place, or ORG when it is the initials of an organisation named in the
    article (``UNITED NATIONS`` with ``UN``)."""
    if is_place(rules, display_name(place)) or is_place(rules, place.title()):
        return "GPE"
    acronym = initials(place, rules)
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    return "ORG" if acronym in orgs else "GPE"


def _name_word(token: Token) -> bool:
    """A capitalised word that is not part of a date or time (``Asia Monday``)."""
    return token.is_title and token.ent_type_ not in VALUE_WORD_LABELS


def _in_hyphenated_word(token: Token) -> bool:
    """Whether a token is glued by a hyphen to a neighbour (``Nagorno-Karabakh``)."""
    doc = token.doc
    before = token.i >= 1 and doc[token.i - 1].text in DASHES and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text in DASHES and not token.whitespace_
    return before or after


def _place_parts(unit: str, place: str | None) -> list[tuple[int, int]]:
    """Offsets (in ``unit``) of each comma-separated part of a dateline place."""
    if not place:
        return []
    at = unit.find(place)
    if at < 0:
        return []
    parts = []
    pos = at
    for piece in place.split(","):
        stripped = piece.strip()
        offset = unit.find(stripped, pos)
        if stripped and offset >= 0:
            parts.append((offset, offset + len(stripped)))
            pos = offset + len(stripped)
    return parts
