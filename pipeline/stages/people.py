"""People's gender, for pronoun agreement: from a gendered title or role word next to any
mention of the person (``Mrs.``, ``spokeswoman``), else from the first name of the person's
fullest name, or of a name given alone (``first_names.tsv``: US Social Security
Administration counts). Unknown when
the evidence is absent or split; unknown agrees with every pronoun."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from pipeline.resources import load_resource, word_set
from pipeline.stages.doc_index import sentence_index

MALE, FEMALE = "male", "female"


@dataclass(frozen=True, eq=False)
class GenderRules:
    """Gendered words (``entities.toml`` ``[gender]``) and first names with their share."""

    male_words: frozenset[str]
    female_words: frozenset[str]
    male_pronouns: frozenset[str]
    female_pronouns: frozenset[str]
    female_share: dict[str, float]
    threshold: float


@lru_cache(maxsize=4)
def load_gender_rules(resources: str = "") -> GenderRules:
    """The built-in gender knowledge, or that of the entity resource file ``resources``."""
    data = load_resource("entities.toml", resources)["gender"]
    shares = {name: float(share) for name, share in load_resource("first_names.tsv")}
    return GenderRules(
        male_words=word_set(data["male"]),
        female_words=word_set(data["female"]),
        male_pronouns=word_set(data["male_pronouns"]),
        female_pronouns=word_set(data["female_pronouns"]),
        female_share=shares,
        threshold=float(data["first_name_share"]),
    )


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a known first name (``first_names.tsv``: names given to at least
    100 people born in the US since 1920, which covers many names of other countries:
    ``Sandrine``, ``Gilles``, ``Wasim``)."""
    return word.casefold() in load_gender_rules().female_share


def first_name_gender(name: str, rules: GenderRules) -> str | None:
    """The gender most people with this first name have, when clear enough."""
    share = rules.female_share.get(name.casefold())
    if share is None:
        return None
    if share >= rules.threshold:
        return FEMALE
    if share <= 1 - rules.threshold:
        return MALE
    return None


def word_gender(word: str, rules: GenderRules) -> str | None:
    """The gender a title or role word implies (``Mrs.``, ``spokesman``), if any."""
    key = word.casefold()
    if key in rules.male_words:
        return MALE
    if key in rules.female_words:
        return FEMALE
    return None


def pronoun_gender(word: str, rules: GenderRules) -> str | None:
    """The gender a personal pronoun implies (``she`` -> female), if any."""
    key = word.casefold()
    if key in rules.male_pronouns:
        return MALE
    if key in rules.female_pronouns:
        return FEMALE
    return None


def person_genders(
    doc: Doc,
    rules: GenderRules,
    sentence: list[int] | None = None,
    ents: Sequence[Span] | None = None,
) -> dict[int, str]:
    """``cluster_id -> gender`` for every person cluster whose gender the article shows
    (``sentence``: every token's sentence number, and ``ents`` the document's mentions,
    when the caller has them)."""
    sentence = sentence_index(doc) if sentence is None else sentence
    votes: dict[int, Counter[str]] = {}
    fullest: dict[int, str] = {}
    for ent in doc.ents if ents is None else ents:
        if ent.label_ != "PERSON" or ent._.cluster_id is None:
            continue
        cluster = ent._.cluster_id
        fullest[cluster] = ent._.canonical or ent.text
        gender = _title_gender(ent, rules, sentence)
        if gender is not None:
            votes.setdefault(cluster, Counter())[gender] += 1
    genders = {}
    for cluster, name in fullest.items():
        counts = votes.get(cluster)
        if counts and len(counts) == 1:
            genders[cluster] = next(iter(counts))
            continue
        if counts:
            continue  # contrary titles: unknown
        gender = first_name_gender(name.split()[0], rules)
        if gender is not None:
            genders[cluster] = gender
    return genders


def _title_gender(ent: Span, rules: GenderRules, sentence: list[int]) -> str | None:
    doc = ent.doc
    for i in (ent.start - 1, ent.start - 2):
        if i >= 0 and sentence[i] == sentence[ent.start]:  # the same sentence
            gender = word_gender(doc[i].text, rules)
            if gender is not None:
                return gender
            if doc[i].is_title and not doc[i].is_sent_start:
                break  # another name word between: the title belongs to it
    return None
