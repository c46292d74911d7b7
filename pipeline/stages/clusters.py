"""Entity clusters and canonical names: mentions of one real-world entity in a document share
a ``cluster_id``, and every mention gets the cluster's fullest name as ``canonical``
(``Guterres`` -> ``Antonio Guterres``, ``UN`` -> ``United Nations``)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Span

from pipeline.stages.annotations import NAME_LABELS
from pipeline.stages.entity_rules import EntityRules


@lru_cache(maxsize=65536)
def name_key(text: str, rules: EntityRules) -> str:
    """Comparison key of a name: case-folded, possessive, leading article and punctuation
    removed."""
    text = rules.trailing_possessive.sub("", text.strip())
    text = rules.leading_article.sub("", text)
    return re.sub(r"[\W_]+", " ", text).strip().casefold()


@lru_cache(maxsize=65536)
def initials(text: str, rules: EntityRules) -> str:
    """Initials of the content words: ``United Nations`` -> ``UN``."""
    words = [
        w for w in re.split(r"[\s\-]+", text) if w and w.lower() not in rules.acronym_stop_words
    ]
    return "".join(w[0] for w in words).upper()


def display_name(text: str) -> str:
    """A canonical form: all-caps multi-word names in title case (``UNITED NATIONS``)."""
    if text.isupper() and (" " in text or len(text) > 5):
        return " ".join(w.capitalize() for w in text.split())
    return text


def assign_clusters(rules: EntityRules, spans: list[Span]) -> None:
    """Assign ``cluster_id`` and ``canonical`` to every mention."""
    named = [s for s in spans if s.label_ in NAME_LABELS]
    parent = list(range(len(named)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(named):
        for j in range(i):
            if find(i) != find(j) and same_entity(rules, a, named[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Span]] = defaultdict(list)
    for i, span in enumerate(named):
        groups[find(i)].append(span)
    cluster_of: dict[int, int] = {}
    next_id = 0
    position = {id(span): i for i, span in enumerate(named)}
    for span in spans:
        if span.label_ in NAME_LABELS:
            root = find(position[id(span)])
            if root not in cluster_of:
                cluster_of[root] = next_id
                next_id += 1
            members = groups[root]
            span._.cluster_id = cluster_of[root]
            span._.canonical = display_name(max(members, key=_fullness).text)
        else:
            span._.cluster_id = next_id
            next_id += 1


def same_entity(rules: EntityRules, a: Span, b: Span) -> bool:
    ka, kb = name_key(a.text, rules), name_key(b.text, rules)
    if ka == kb and (a.label_ == b.label_ or {a.label_, b.label_} <= {"ORG", "GPE"}):
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if a.label_ == b.label_ and a.label_ in ("PERSON", "ORG", "FAC", "LOC", "GPE"):
        short_words = name_key(short.text, rules).split()
        long_words = name_key(long.text, rules).split()
        if (
            short_words
            and long_words[-len(short_words) :] == short_words
            and (a.label_ == "PERSON" or len(short_words) > 1)
        ):
            return True
    if a.label_ == b.label_ == "ORG":
        short_words = short.text.split()
        long_words = long.text.split()
        if (
            len(short_words) == 1
            and len(long_words) > 1
            and long_words[0] == short_words[0]
            and all(w.lower() in rules.org_suffixes for w in long_words[1:])
        ):
            return True
    if _defined_acronym(a, b) or _defined_acronym(b, a):
        return True
    if {a.label_, b.label_} <= {"ORG", "GPE"}:
        for x, y in ((a, b), (b, a)):
            text = x.text.replace(".", "")
            if (
                text.isupper()
                and 2 <= len(text) <= 6
                and " " not in text
                and len(y) > 1
                and initials(y.text, rules) == text
            ):
                return True
    return False


def _defined_acronym(name: Span, acronym: Span) -> bool:
    """``National Disaster Management Agency (BNPB)``: the bracketed acronym names it."""
    doc = name.doc
    at = name.end
    if at + 2 >= len(doc) or doc[at].text != "(" or doc[at + 2].text != ")":
        return False
    defined = doc[at + 1].text
    return acronym.text == defined and len(name) > 1


def _fullness(span: Span) -> tuple[int, int, int]:
    """Rank for the canonical name: more words, then not all-caps, then longer."""
    return (len(span.text.split()), 0 if span.text.isupper() else 1, len(span.text))
