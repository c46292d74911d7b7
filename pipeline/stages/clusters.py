"""Entity clusters and canonical names: mentions of one real-world entity in a document share
a ``cluster_id``, and every mention gets the cluster's fullest name as ``canonical``
(``Guterres`` -> ``Antonio Guterres``, ``UN`` -> ``United Nations``)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Span

from pipeline.stages.annotations import NAME_LABELS, block_at
from pipeline.stages.entity_rules import EntityRules, is_place
from pipeline.stages.people import first_name_gender, load_gender_rules, word_gender


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


def display_name(text: str, rules: EntityRules | None = None) -> str:
    """A canonical form: names in capitals in title case (``UNITED NATIONS``, ``VALENCIA``,
    and a short one the gazetteer knows as a place: ``TOKYO``), acronyms as they are
    (``NATO``, ``UN``)."""
    if not text.isupper():
        return text
    title = " ".join(w.capitalize() for w in text.split())
    if rules is not None and is_place(rules, text.title()):
        return text.title()  # N'DJAMENA -> N'Djamena, as the gazetteer writes it
    if " " in text or len(text) > 5 or (rules is not None and is_place(rules, title)):
        return title
    return text


class _Groups:
    """Union-find over mention indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def assign_clusters(rules: EntityRules, spans: list[Span]) -> None:
    """Assign ``cluster_id`` and ``canonical`` to every mention. Names of people are linked by
    :func:`link_people`, so that different people with one surname stay apart."""
    named = [s for s in spans if s.label_ in NAME_LABELS]
    groups = _Groups(len(named))
    for i, a in enumerate(named):
        for j in range(i):
            if a.label_ == "PERSON" and named[j].label_ == "PERSON":
                continue
            if groups.find(i) != groups.find(j) and same_entity(rules, a, named[j]):
                groups.union(i, j)
    link_people(rules, named, groups)
    members: dict[int, list[Span]] = defaultdict(list)
    for i, span in enumerate(named):
        members[groups.find(i)].append(span)
    cluster_of: dict[int, int] = {}
    position = {id(span): i for i, span in enumerate(named)}
    next_id = 0
    for span in spans:
        if span.label_ not in NAME_LABELS:
            span._.cluster_id = next_id
            next_id += 1
            continue
        root = groups.find(position[id(span)])
        if root not in cluster_of:
            cluster_of[root] = next_id
            next_id += 1
        span._.cluster_id = cluster_of[root]
        span._.canonical = canonical_name(members[root], rules)


def canonical_name(members: list[Span], rules: EntityRules | None = None) -> str:
    """The fullest name of a cluster, from the body when the body names it (headlines in
    title case glue verbs to names: ``Rip Donald Trump``)."""
    body = [m for m in members if not _in_headline(m)] or members
    return display_name(max(body, key=_fullness).text, rules)


def _in_headline(span: Span) -> bool:
    block = block_at(span.doc._.blocks or [], span.start_char)
    return block is not None and block.role == "headline"


def link_people(rules: EntityRules, named: list[Span], groups: _Groups) -> None:
    """Link the mentions of each person: one full name is one person; a shorter name
    (``Clinton``, ``Hillary``) joins the only person it fits, or, when several fit, of those
    whose gender agrees with a title (``Mrs. Clinton``), the one the same paragraph last named
    (``Clinton`` after ``Bill Clinton said``), else the one the article named in full first
    (``Donald Trump``, then ``his daughter Ivanka Trump``, then ``Trump says``) unless another
    of them was already called by that short name; otherwise it stays apart."""
    persons = [i for i, s in enumerate(named) if s.label_ == "PERSON"]
    words = {i: tuple(name_key(named[i].text, rules).split()) for i in persons}
    full: dict[tuple[str, ...], int] = {}
    for i in persons:
        if len(words[i]) > 1:
            if words[i] in full:
                groups.union(i, full[words[i]])
            else:
                full[words[i]] = i
    loose: dict[tuple[str, ...], int] = {}
    for i in persons:
        key = words[i]
        if not key:
            continue
        fits = {full[k] for k in full if len(k) > len(key) and k[-len(key) :] == key}
        if not fits and len(key) == 1:
            fits = {full[k] for k in full if k[0] == key[0]}  # a first name alone
        if not fits and len(key) > 1:
            continue  # a full name of its own
        target = _choose(named, i, fits, groups) if fits else None
        if target is not None:
            groups.union(i, target)
        elif key in loose:
            groups.union(i, loose[key])
        else:
            loose[key] = i


def _choose(named: list[Span], i: int, fits: set[int], groups: _Groups) -> int | None:
    """Which of several people a short name is, of the gender a title before it says: the
    only one, else the one named last in the same paragraph before it, else the one named in
    full first when no other was called by this short name before."""
    people = {groups.find(f) for f in fits}
    wanted = _title_gender(named[i])
    if wanted is not None:
        people = {p for p in people if _gender_of(named, p, groups) in (wanted, None)}
    if len(people) == 1:
        return next(iter(people))
    paragraph = _paragraph(named[i])
    for j in range(i - 1, -1, -1):
        if named[j].label_ == "PERSON" and groups.find(j) in people:
            if _paragraph(named[j]) == paragraph:
                return groups.find(j)
            break
    # else the one the article named in full first: who it is about ("Donald Trump", then his
    # daughter "Ivanka Trump", then "Trump says"), unless the article already called another
    # of them by this short name ("Mrs. Clinton"): then it stays apart
    order = [groups.find(f) for f in sorted(fits) if groups.find(f) in people]
    short = named[i].text.casefold()
    if not order or any(
        named[j].text.casefold() == short and groups.find(j) in set(order[1:])
        for j in range(i)
        if named[j].label_ == "PERSON"
    ):
        return None
    return order[0]


def _paragraph(span: Span) -> int:
    block = block_at(span.doc._.blocks or [], span.start_char)
    return block.paragraph if block is not None else 0


def _title_gender(span: Span) -> str | None:
    if span.start == 0:
        return None
    return word_gender(span.doc[span.start - 1].text, load_gender_rules())


def _gender_of(named: list[Span], root: int, groups: _Groups) -> str | None:
    rules = load_gender_rules()
    names = [s for k, s in enumerate(named) if groups.find(k) == root and len(s) > 1]
    first = names[0].text.split()[0] if names else ""
    return first_name_gender(first, rules) if first else None


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
