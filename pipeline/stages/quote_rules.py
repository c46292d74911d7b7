"""Quote knowledge from ``quotes.toml``, compiled once per resource file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.resources import load_resource, word_set


@dataclass(frozen=True)
class QuoteRules:
    """Reporting verbs and phrases, speaker words, quotation marks and limits."""

    verbs: frozenset[str]  # verbs of saying
    stance_verbs: frozenset[str]  # verbs of stance and evidence, also cues
    object_verbs: dict[str, tuple[str, ...]]
    prep_verbs: dict[str, tuple[str, ...]]
    addressee_verbs: frozenset[str]  # their object is the hearer, not the content
    small_clause_verbs: frozenset[str]  # their object with what follows it is the content
    quotation_only_verbs: frozenset[str]  # cues of quotations, never of reported speech
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    after_quote_phrases: tuple[tuple[tuple[str, ...], str], ...]  # cues only after a quote
    object_speaker_words: frozenset[str]  # first words of phrases whose object is the speaker
    around_content_cues: frozenset[str]  # phrase cues whose content is the clause around them
    source_preps: dict[str, frozenset[str]]  # "in" + these nouns names a source ("in the poll")
    possessed_sources: frozenset[str]  # such nouns that need a possessor ("in his eyes")
    person_pronouns: frozenset[str]
    first_person: frozenset[str]  # the writer's own: "I", "we"
    group_pronouns: frozenset[str]
    indefinite: frozenset[str]
    quantifiers: frozenset[str]
    relative_pronouns: frozenset[str]
    pronoun_gender: dict[str, str]
    for_words: frozenset[str]
    maker_preps: frozenset[str]
    campaign_words: frozenset[str]
    campaign_name: str
    role_class: dict[str, str]
    side_words: dict[str, str]  # a word of a side -> the side ("gop" -> "republican")
    sides: frozenset[str]  # the sides ("republican", "democratic")
    candidate_roles: frozenset[str]  # role classes the article's main figure holds
    relation_roles: frozenset[str]  # role classes of a relation, not an office ("rival")
    rank_words: frozenset[str]  # words that make a title another office ("vice", "deputy")
    org_nouns: frozenset[str]
    source_nouns: frozenset[str]  # every noun of a thing that speaks for its maker
    source_kind: dict[str, str]  # such a noun -> its kind ("clip" -> "ad")
    maker_verbs: frozenset[str]
    maker_frames: frozenset[str]
    voice_nouns: frozenset[str]
    body_names: dict[str, str]
    marks: dict[str, str]
    paragraph_openers: frozenset[str]
    stray_closings: dict[str, tuple[str, ...]]  # other marks that close an opening mark
    nominal_cues: frozenset[str]
    label_sources: frozenset[str]
    not_labels: frozenset[str]
    closing_marks: frozenset[str]
    confidence: dict[str, float]  # by how the speaker was found
    min_direct_words: int
    min_standalone_words: int

    @property
    def all_pronouns(self) -> frozenset[str]:
        """Every pronoun that can stand for a speaker."""
        return self.person_pronouns | self.group_pronouns

    def is_cue_verb(self, lemma: str) -> bool:
        """Whether a verb lemma can be the cue of an attribution."""
        return lemma in self.verbs or lemma in self.stance_verbs

    after_window: int


@lru_cache(maxsize=8)
def load_rules(resources: str = "") -> QuoteRules:
    """Read the quote resource file (built-in when ``resources`` is empty)."""
    data = load_resource("quotes.toml", resources)
    phrases = data["phrases"]
    source_preps = {
        k: word_set(v) for k, v in data.get("source_preps", {}).items() if k != "possessed"
    }
    return QuoteRules(
        verbs=word_set(data["reporting_verbs"]),
        stance_verbs=word_set(data["stance_verbs"]),
        object_verbs={k: tuple(v) for k, v in data["object_content_verbs"].items()},
        prep_verbs={k: tuple(v) for k, v in data["prep_content_verbs"].items()},
        addressee_verbs=word_set(data["addressee_verbs"]),
        small_clause_verbs=word_set(data.get("small_clause_verbs", [])),
        quotation_only_verbs=word_set(data.get("quotation_only_verbs", [])),
        phrases=tuple((tuple(p["words"]), p["cue"]) for p in phrases if not p.get("after_quote")),
        after_quote_phrases=tuple(
            (tuple(p["words"]), p["cue"]) for p in phrases if p.get("after_quote")
        ),
        object_speaker_words=frozenset(
            p["words"][0] for p in phrases if p.get("speaker") == "object"
        )
        | frozenset(source_preps),
        around_content_cues=frozenset(p["cue"] for p in phrases if p.get("content") == "around")
        | frozenset(source_preps),
        source_preps=source_preps,
        possessed_sources=word_set(data.get("source_preps", {}).get("possessed", [])),
        **_speaker_fields(data),
        marks=dict(data["marks"]),
        paragraph_openers=frozenset(data["paragraph_openers"]),
        stray_closings={k: tuple(v) for k, v in data.get("stray_closings", {}).items()},
        nominal_cues=word_set(data["nominal_cues"]),
        label_sources=word_set(data["label_sources"]),
        not_labels=word_set(data["not_labels"]),
        closing_marks=frozenset(data["closing_marks"]),
        confidence={k: float(v) for k, v in data["confidence"].items()},
        min_direct_words=int(data["limits"]["min_direct_words"]),
        min_standalone_words=int(data["limits"]["min_standalone_words"]),
        after_window=int(data["limits"]["after_window"]),
    )


def _speaker_fields(data: dict) -> dict:
    """The word lists that choose and name a speaker (pronouns, roles, sides, sources)."""
    role_class = {w.lower(): cls for cls, words in data["roles"].items() for w in words}
    source_kind = {w.lower(): kind for kind, words in data["source_kinds"].items() for w in words}
    return dict(
        person_pronouns=word_set(data["person_pronouns"]),
        first_person=word_set(data["first_person"]),
        group_pronouns=word_set(data["group_pronouns"]),
        indefinite=word_set(data["indefinite_determiners"]),
        quantifiers=word_set(data["quantifiers"]),
        relative_pronouns=word_set(data["relative_pronouns"]),
        pronoun_gender={k.lower(): v for k, v in data["pronoun_gender"].items()},
        for_words=word_set(data["for_words"]),
        maker_preps=word_set(data["maker_preps"]),
        campaign_words=word_set(data["campaign_words"]),
        campaign_name=data["campaign_name"],
        role_class=role_class,
        rank_words=word_set(data["rank_words"]),
        candidate_roles=word_set(data["candidate_roles"]),
        relation_roles=word_set(data["relation_roles"]),
        side_words={w.lower(): side for side, words in data["sides"].items() for w in words},
        sides=frozenset(data["sides"]),
        org_nouns=word_set(data["org_nouns"]),
        source_nouns=word_set(data["source_nouns"]) | frozenset(source_kind),
        source_kind={**{w: w for w in word_set(data["source_nouns"])}, **source_kind},
        maker_verbs=word_set(data["maker_verbs"]),
        maker_frames=word_set(data["maker_frames"]),
        voice_nouns=word_set(data["voice_nouns"]),
        body_names=dict(data["body_names"]),
    )
