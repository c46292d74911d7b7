"""Entity clusters and canonical names: mentions of one real-world entity in a document share
a ``cluster_id``, and every mention gets the cluster's fullest name as ``canonical``
(``Guterres`` -> ``Antonio Guterres``, ``UN`` -> ``United Nations``).

Which names are one entity:

* the same name (case, a leading ``the``, a possessive and punctuation aside), of one label
  (an organisation and a place may differ: the model labels ``UN`` either way);
* a shorter name that ends a longer one of the same label (``Security Council``, ``U.N.
  Security Council``); for people see :mod:`~pipeline.stages.cluster_people`;
* places that are aliases of each other (``Britain``, ``United Kingdom``:
  ``place_aliases``);
* organisations equal without their company forms (``Bank of America``, ``Bank of America
  Corporation``, ``Apple``, ``Apple Inc.``; ``org_suffixes``); a company's short name and its
  name plus what it does (``Apple``, ``Apple Computer``; ``org_descriptors``) are linked by
  :mod:`~pipeline.stages.cluster_companies`;
* an acronym and a name of an organisation or place with those initials, with or without its
  company form (``EADS``, ``European Aeronautic Defence and Space Company``), or defined in
  brackets right after the name (``National Disaster Management Agency (BNPB)``).

A demonym never joins a place: ``Armenian`` (NORP) is the people or the side, not the state
``Armenia``, and keeps its own cluster and name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from pipeline.stages.annotations import NAME_LABELS
from pipeline.stages.cluster_companies import link_short_names, short_names
from pipeline.stages.cluster_keys import (
    Groups,
    acronym_forms,
    alias_key,
    name_key,
    org_base,
)
from pipeline.stages.cluster_names import canonical_name, capital_words
from pipeline.stages.cluster_people import link_people
from pipeline.stages.doc_index import TokenTable
from pipeline.stages.entity_rules import EntityRules
from pipeline.stages.extensions import span_writer

PLACE_LABELS = frozenset({"GPE", "LOC"})
LINKED_LABELS = frozenset({"ORG", "GPE"})
"""Labels the model confuses for one name (``UN``, ``EU``): equal names join across them."""


@dataclass(frozen=True)
class _Name:
    """What the pairwise comparison reads of a mention, computed once."""

    label: str
    text: str
    key: str
    alias: str
    base: tuple[str, ...]
    size: int
    defines: str | None
    """The acronym in brackets right after the name (``Agency (BNPB)``), if any."""


def _name(rules: EntityRules, span: Span, table: TokenTable | None = None) -> _Name:
    doc, at = span.doc, span.end
    if table is None:
        table = TokenTable(doc)
    texts = table.texts
    defines = None
    if len(span) > 1 and at + 2 < len(doc) and texts[at] == "(" and texts[at + 2] == ")":
        defines = texts[at + 1]
    text = table.words(span.start, span.end)
    return _Name(
        span.label_,
        text,
        name_key(text, rules),
        alias_key(text, rules),
        org_base(text, rules),
        len(span),
        defines,
    )


def assign_clusters(rules: EntityRules, spans: list[Span], table: TokenTable | None = None) -> None:
    """Assign ``cluster_id`` and ``canonical`` to every mention. Names of people are linked by
    :mod:`~pipeline.stages.cluster_people`, so that different people with one surname stay
    apart, and companies' short names by :mod:`~pipeline.stages.cluster_companies`
    (``table``: the document's, when the caller has it)."""
    named = [s for s in spans if s.label_ in NAME_LABELS]
    if table is None and spans:
        table = TokenTable(spans[0].doc)
    names = [_name(rules, s, table) for s in named]
    groups = Groups(len(named))
    short = short_names(rules, named)
    distinct = _join_copies(names, short, groups)
    for a, b in candidate_pairs(rules, [names[k] for k in distinct]):
        i, j = distinct[a], distinct[b]
        if (names[i].label == "PERSON" and names[j].label == "PERSON") or {i, j} & short.keys():
            continue
        if not groups.same(i, j) and same_entity(rules, names[i], names[j]):
            groups.union(i, j)
    link_people(rules, named, groups)
    link_short_names(rules, named, short, groups)
    members: dict[int, list[Span]] = defaultdict(list)
    for i, span in enumerate(named):
        members[groups.find(i)].append(span)
    cluster_of: dict[int, int] = {}
    canonical: dict[int, str] = {}
    doc = spans[0].doc if spans else None
    capitals = lru_cache(maxsize=1)(lambda: capital_words(rules, doc))
    blocks = (doc._.blocks or []) if doc is not None else []
    position = {id(span): i for i, span in enumerate(named)}
    next_id = 0
    set_cluster, set_canonical = span_writer("cluster_id"), span_writer("canonical")
    for span in spans:
        if span.label_ not in NAME_LABELS:
            set_cluster(span, next_id)
            next_id += 1
            continue
        root = groups.find(position[id(span)])
        if root not in cluster_of:
            cluster_of[root] = next_id
            canonical[root] = canonical_name(rules, members[root], capitals, blocks)
            next_id += 1
        set_cluster(span, cluster_of[root])
        set_canonical(span, canonical[root])


def _join_copies(names: list[_Name], short: dict[int, object], groups: Groups) -> list[int]:
    """Join every repeat of a name (all it is compared on equal) to its first mention, and
    return the indices left to compare: the first mentions, and every person and short name
    (which the comparison passes over). A repeat is one entity with its first mention and
    compares as it does, so the pairs of repeats change no group (a long article names one
    organisation dozens of times: its pairs were most of the comparisons)."""
    first: dict[_Name, int] = {}
    distinct = []
    for i, name in enumerate(names):
        if name.label != "PERSON" and i not in short:
            k = first.setdefault(name, i)
            if k != i:
                groups.union(i, k)
                continue
        distinct.append(i)
    return distinct


def candidate_pairs(rules: EntityRules, names: list[_Name]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``j < i``, not both people, that share something :func:`same_entity`
    compares (a key, an alias, a base, a last word, an acronym form, a defined acronym): every
    pair it could join, without comparing all pairs of a long document."""
    buckets: dict[tuple[str, object], list[int]] = defaultdict(list)
    for i, n in enumerate(names):
        words = n.key.split()
        keys: list[tuple[str, object]] = [("key", n.key)]
        keys += [("alias", n.alias)] if n.label in PLACE_LABELS else []
        keys += [("base", n.base)] if n.label == "ORG" else []
        keys += [("last", words[-1])] if words else []
        keys += [("acronym", form) for form in acronym_forms(n.text, rules)]
        keys += [("acronym", n.text.replace(".", "")), ("defined", n.text)]
        keys += [("defined", n.defines)] if n.defines else []
        for key in set(keys):
            buckets[key].append(i)
    people = [n.label == "PERSON" for n in names]
    pairs = set()
    for members in buckets.values():
        if len(members) > 1:
            pairs.update(_bucket_pairs(members, people))
    return sorted(pairs)


def _bucket_pairs(members: list[int], people: list[bool]) -> list[tuple[int, int]]:
    """The pairs ``(i, j)``, ``j < i``, of one bucket (its ``members`` ascending) that are not
    two people (:func:`same_entity` never compares those; people are linked apart)."""
    others = [j for j in members if not people[j]]
    return [
        (i, j)
        for x, i in enumerate(members)
        for j in (others if people[i] else members[:x])
        if j < i
    ]


def same_entity(rules: EntityRules, a: _Name, b: _Name) -> bool:
    """Whether two mentions (not both people) name one entity (see the module docstring)."""
    labels = {a.label, b.label}
    if a.key == b.key and (len(labels) == 1 or labels <= LINKED_LABELS):
        return True
    if labels <= PLACE_LABELS and a.alias == b.alias:
        return True
    if len(labels) == 1 and _ends_name(a, b):
        return True
    if labels == {"ORG"} and a.base == b.base:
        return True
    if a.defines == b.text or b.defines == a.text:
        return True
    if labels <= LINKED_LABELS:
        return _acronym_of(rules, a, b) or _acronym_of(rules, b, a)
    return False


def _ends_name(a: _Name, b: _Name) -> bool:
    """A name of two words or more that ends the other (``Security Council``)."""
    if a.label not in ("ORG", "FAC", "LOC", "GPE"):
        return False
    short, long = (a, b) if a.size <= b.size else (b, a)
    short_words = short.key.split()
    long_words = long.key.split()
    return len(short_words) > 1 and long_words[-len(short_words) :] == short_words


def _acronym_of(rules: EntityRules, acronym: _Name, name: _Name) -> bool:
    """``acronym`` is written in capitals (dots aside) and is the initials of ``name``."""
    text = acronym.text.replace(".", "")
    return (
        text.isupper()
        and 2 <= len(text) <= 6
        and " " not in text
        and text in acronym_forms(name.text, rules)
    )
