"""Pronouns among speakers: what ``he``, ``she``, ``they``, ``it``, ``I`` and ``we`` refer to.

A third-person pronoun refers to the most salient earlier speaker or name that agrees with it:
a person for ``he``/``she`` (of that gender when the person's gender is known, see
:mod:`~pipeline.stages.people`; a person of unknown gender ranks lower), a group for
``they``/``it``. Names inside quoted or reported content, speakers of quotes nested in other
quotes and names that only modify a noun (``the U.S. senator``) are left out. ``I`` and
``we`` outside quotation marks are the writer: a letter's signature, else nobody named.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from pipeline.stages.annotations import Quote, Speaker, block_at
from pipeline.stages.doc_index import MentionIndex, entity_of, text_slicer
from pipeline.stages.people import GenderRules, first_name_gender, word_gender
from pipeline.stages.quote_rules import QuoteRules

Resolved = tuple[str | None, int | None, str]  # canonical, cluster_id, label
GROUP_LABELS = ("ORG", "GPE", "NORP")
# Salience of a pronoun's candidates: each sentence back costs SENTENCE_COST; a speaker costs
# nothing more, the subject of a main clause ROLE_COST["main"], of another clause
# ROLE_COST["subject"], any other mention ROLE_COST["other"] (one and a half sentences).
SENTENCE_COST = 4
ROLE_COST = {"speaker": 0, "main": 1, "subject": 2, "other": 6}
# A person of unknown gender for "he" or "she" costs this much more than one known to agree.
UNKNOWN_GENDER_COST = 3


class NameFacts(NamedTuple):
    """A mention as pronoun resolution reads it (``skip``: inside a quote's content, or
    only modifying a noun)."""

    skip: bool
    cluster_id: int | None
    canonical: str | None
    role: str


@dataclass(frozen=True)
class Context:
    """What resolution knows about one document."""

    doc: Doc
    rules: QuoteRules
    gender_rules: GenderRules
    genders: dict[int, str]  # person cluster -> gender
    contents: list[tuple[int, int]]  # quoted and reported content, where names do not count
    sentence: list[int]  # token -> sentence number
    mentions: MentionIndex  # the document's entity mentions, read once
    _starts: list[int] = field(init=False, repr=False)
    _reach: list[int] = field(init=False, repr=False)
    _facts: dict[int, NameFacts] = field(init=False, repr=False, default_factory=dict)
    # the role words of a mention by (start, end), found once (filled by speaker_roles)
    roles: dict[tuple[int, int], list[Token]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        spans = sorted(self.contents)
        reach, furthest = [], -1  # the furthest end of the contents starting so far
        for _, end in spans:
            furthest = max(furthest, end)
            reach.append(furthest)
        object.__setattr__(self, "_starts", [start for start, _ in spans])
        object.__setattr__(self, "_reach", reach)

    def nested(self, char: int) -> bool:
        """Whether a character lies inside a quote's content: some content starting at or
        before it ends after it."""
        k = bisect_right(self._starts, char)
        return k > 0 and self._reach[k - 1] > char

    @cached_property
    def named_people(self) -> list[Span]:
        """The person mentions with a canonical name, in document order (read once)."""
        return [e for e in self.mentions.ents if e.label_ == "PERSON" and e._.canonical]

    @cached_property
    def names(self) -> list[tuple[int, str, Span]]:
        """Each mention with its end offset and label, in document order (read once per
        document, not once per pronoun)."""
        return [(ent.end_char, ent.label_, ent) for ent in self.mentions.ents]

    def name_facts(self, k: int) -> NameFacts:
        """What pronoun resolution reads of mention ``k`` of :attr:`names`, read on first
        use."""
        if k not in self._facts:
            ent = self.names[k][2]
            skip = self.nested(ent.start_char) or _modifier(ent)
            ext = ent._
            role = _grammatical_role(ent)
            self._facts[k] = NameFacts(skip, ext.cluster_id, ext.canonical, role)
        return self._facts[k]

    def gender_of(self, cluster_id: int | None, name: str | None = None) -> str | None:
        """A person's gender by their cluster, else by the first name of ``name``."""
        known = self.genders.get(cluster_id) if cluster_id is not None else None
        if known is None and name:
            known = first_name_gender(name.split()[0], self.gender_rules)
        return known


def refer(ctx: Context, pronoun: Span, earlier: list[Quote]) -> Resolved | None:
    """What a pronoun speaker refers to, given the quotes before it."""
    rules = ctx.rules
    word = pronoun.root.lower_
    named = [q.speaker for q in earlier if q.speaker is not None and q.speaker.kind != "pronoun"]
    if word in rules.group_pronouns:
        return nearest(ctx, pronoun, named, GROUP_LABELS, None)
    if word in rules.first_person:
        return signature(ctx, pronoun)
    if word in rules.person_pronouns:
        people = [s for s in named if s.canonical is not None]
        return nearest(ctx, pronoun, people, ("PERSON",), rules.pronoun_gender.get(word))
    return None


def nearest(
    ctx: Context,
    pronoun: Span,
    speakers: list[Speaker],
    labels: tuple[str, ...],
    wanted: str | None,
) -> Resolved | None:
    """What a pronoun refers to: among earlier speakers and names with a fitting label and
    gender, the most salient by :data:`SENTENCE_COST` and :data:`ROLE_COST` (speakers and
    subjects before other mentions; :data:`UNKNOWN_GENDER_COST` more for a person whose
    gender is unknown), then the latest."""
    here = ctx.sentence[pronoun.start]
    best: tuple[tuple[int, int], Resolved] | None = None
    candidates = [
        *_speaker_candidates(ctx, pronoun, speakers, labels, wanted),
        *_name_candidates(ctx, pronoun, labels, wanted),
    ]
    for token_i, char, role, resolved, sure in candidates:
        cost = (here - ctx.sentence[token_i]) * SENTENCE_COST + ROLE_COST[role]
        if wanted is not None and not sure:
            cost += UNKNOWN_GENDER_COST
        rank = (cost, -char)
        if best is None or rank < best[0]:
            best = (rank, resolved)
    if best is None or best[1][0] is None:
        return None
    return best[1]


Candidate = tuple[int, int, str, Resolved, bool]  # token, char, role, resolution, gender known


def _speaker_candidates(
    ctx: Context,
    pronoun: Span,
    speakers: list[Speaker],
    labels: tuple[str, ...],
    wanted: str | None,
) -> Iterator[Candidate]:
    """Earlier speakers a pronoun may refer to (not those of quotes nested in others)."""
    for speaker in speakers:
        mention = ctx.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        if mention is None or speaker.start >= pronoun.start_char or ctx.nested(speaker.start):
            continue  # a speaker inside someone's quote is not in the article's own story
        # "show insiders said ... They said": a group nobody named
        unknown = (
            speaker.canonical is None
            and speaker.kind in ("unnamed", "description")
            and wanted is None
        )
        # "a spokeswoman for the Trump campaign said ... She said": a person, whoever she is for
        person = "PERSON" in labels and mention_gender(mention, ctx.gender_rules) is not None
        if not (unknown or person or speaker.label in labels):
            continue
        gender = mention_gender(mention, ctx.gender_rules) if person else None
        known = gender or ctx.gender_of(speaker.cluster_id, speaker.canonical)
        if wanted is None or known in (None, wanted):
            resolved = (speaker.canonical, speaker.cluster_id, speaker.label or "")
            yield mention.start, speaker.start, "speaker", resolved, known is not None


def _name_candidates(
    ctx: Context, pronoun: Span, labels: tuple[str, ...], wanted: str | None
) -> Iterator[Candidate]:
    """Earlier names a pronoun may refer to, with their grammatical role."""
    before = pronoun.start_char
    for k, (end_char, label, ent) in enumerate(ctx.names):
        if end_char > before:
            break  # mentions are in order and never overlap: the later ones end later
        if label not in labels:
            continue
        facts = ctx.name_facts(k)
        if facts.skip:
            continue  # "Trump said Clinton ...", "the U.S. senator": not what "she" or "it" is
        known = ctx.gender_of(facts.cluster_id)
        if wanted is None or known in (None, wanted):
            resolved = (facts.canonical, facts.cluster_id, label)
            yield ent.start, ent.start_char, facts.role, resolved, known is not None


def signature(ctx: Context, pronoun: Span) -> Resolved | None:
    """Who ``I`` or ``we`` is in the article's own words: the signature right under the
    paragraph on a letters page (a paragraph that is only a person's name, ``Chris Smith.``);
    otherwise the unnamed author, nobody."""
    blocks = ctx.doc._.blocks or []
    here = block_at(blocks, pronoun.start_char)
    after = next((b for b in blocks if here is not None and b.paragraph > here.paragraph), None)
    if after is None:
        return None
    text = text_slicer(ctx.doc)(after.start, after.end).strip().rstrip(".")
    for ent in ctx.mentions.ents:
        if ent.label_ == "PERSON" and ent.start_char >= after.start and ent.text == text:
            return ent._.canonical or ent.text, ent._.cluster_id, "PERSON"
    return None


def _modifier(ent: Span) -> bool:
    """Whether a name only modifies a noun (``U.S. senator``, ``the Trump campaign``)."""
    root = ent.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN")


def _grammatical_role(ent: Span) -> str:
    """``main`` for the subject of a sentence's main clause, ``subject`` for that of another
    clause, else ``other``."""
    root = ent.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return "other"
    return "main" if root.head.dep_ == "ROOT" else "subject"


def mention_gender(mention: Span, rules: GenderRules) -> str | None:
    """The gender a description's words give (``spokeswoman``, ``mother``), if any."""
    return next((g for t in mention if (g := word_gender(t.text, rules)) is not None), None)


def head_of(span: Span) -> Token:
    """A phrase's head: its syntactic root, or, when the parser left several words of it
    hanging from outside (``His ex - wife``), the last noun among them."""
    inside = {t.i for t in span}
    tops = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    nouns = [t for t in tops if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if len(tops) > 1 and nouns:
        return nouns[-1]
    return span.root


def entity_at(token: Token) -> Span | None:
    """The entity mention a token is part of, if any."""
    if not token.ent_type:
        return None
    return entity_of(token)
