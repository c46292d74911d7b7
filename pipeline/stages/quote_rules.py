"""Quote knowledge from ``quotes.toml``, compiled once per resource file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.resources import load_resource, word_set


@dataclass(frozen=True)
class QuoteRules:
    """Reporting verbs and phrases, speaker words, quotation marks and limits."""

    verbs: frozenset[str]
    object_verbs: dict[str, tuple[str, ...]]
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    object_speaker_words: frozenset[str]  # first words of phrases whose object is the speaker
    around_content_cues: frozenset[str]  # phrase cues whose content is the clause around them
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    indefinite: frozenset[str]
    role_class: dict[str, str]
    org_nouns: frozenset[str]
    marks: dict[str, str]
    closing_marks: frozenset[str]
    min_direct_words: int
    after_window: int


@lru_cache(maxsize=8)
def load_rules(resources: str = "") -> QuoteRules:
    """Read the quote resource file (built-in when ``resources`` is empty)."""
    data = load_resource("quotes.toml", resources)
    role_class = {w.lower(): cls for cls, words in data["roles"].items() for w in words}
    phrases = data["phrases"]
    return QuoteRules(
        verbs=word_set(data["reporting_verbs"]),
        object_verbs={k: tuple(v) for k, v in data["object_content_verbs"].items()},
        phrases=tuple((tuple(p["words"]), p["cue"]) for p in phrases),
        object_speaker_words=frozenset(
            p["words"][0] for p in phrases if p.get("speaker") == "object"
        ),
        around_content_cues=frozenset(p["cue"] for p in phrases if p.get("content") == "around"),
        person_pronouns=word_set(data["person_pronouns"]),
        group_pronouns=word_set(data["group_pronouns"]),
        indefinite=word_set(data["indefinite_determiners"]),
        role_class=role_class,
        org_nouns=word_set(data["org_nouns"]),
        marks=dict(data["marks"]),
        closing_marks=frozenset(data["closing_marks"]),
        min_direct_words=int(data["limits"]["min_direct_words"]),
        after_window=int(data["limits"]["after_window"]),
    )
