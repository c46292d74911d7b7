"""Descriptions of people among speakers: whom ``the spokesman``, ``the former president``
or ``the 34-year-old mother of three`` refers to.

A description of a role refers to the person the article names with that role (titles right
before the name, appositions), the one sharing most of its words first (``Democratic``; the
words of one side, ``GOP`` and ``Republican``, count as one), never one titled with the other
side or another office (``the vice presidential nominee``), then the nearest. Without such a
person: the person named for the first time in the next sentences (``Connecticut's tax
commissioner says ... Kevin Sullivan says``); for a word of one gender, whom a pronoun of that
gender would be; for a candidate, the person the article names most. Otherwise the
description stays unresolved, never the last speaker.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from pipeline.stages.annotations import Speaker
from pipeline.stages.quote_rules import QuoteRules
from pipeline.stages.speaker_pronouns import (
    Context,
    Resolved,
    head_of,
    mention_gender,
    nearest,
)

# Tokens before a name searched for role words (``the ministry's spokesman, NAME``).
ROLE_WINDOW = 8
# Parts of speech of a title before a name ("former President", "Sen.", "Connecticut's tax
# commissioner"); anything else ends it.
TITLE_POS = ("PROPN", "NOUN", "ADJ", "NUM")
# Sentences after a description's own in which a person named for the first time may be
# the one it describes ("Connecticut's tax commissioner says ... Kevin Sullivan says ...").
INTRODUCED_WITHIN = 2


def role_class(token: Token, rules: QuoteRules) -> str | None:
    """The role class of a word for a person's role (``nominee``, ``candidate`` -> nominee)."""
    return rules.role_class.get(token.lemma_.lower()) or rules.role_class.get(token.lower_)


def described_person(
    doc: Doc,
    span: Span,
    rules: QuoteRules,
    later_only: bool = False,
    ents: Sequence[Span] | None = None,
    roles: dict[tuple[int, int], list[Token]] | None = None,
) -> Resolved | None:
    """The person the article names with the role a description gives (``the former
    president`` -> ``former President Bill Clinton``): the one sharing most of its words
    (``Republican``, ``GOP`` as one side), never one of the other side (``Democratic
    nominee``), then the nearest before, else after; with ``later_only``, only a person
    named after the description (an indefinite one introduces someone new). ``ents``: the
    document's mentions, or just its named people, when the caller has read them
    (``doc.ents`` otherwise); ``roles``:
    the role words of its mentions found so far, kept by the caller (filled here)."""
    head = head_of(span)
    key = role_class(head, rules)
    if key is None or head.pos_ not in ("NOUN", "PROPN"):
        return None  # not a word for a person's role ("the mission", "the ad")
    modifiers = {word_key(t, rules) for t in span if t.i != head.i and content_word(t)}
    sides = modifiers & rules.sides
    ents = doc.ents if ents is None else ents
    persons = [e for e in ents if e.label_ == "PERSON" and e._.canonical]
    ordered = [] if later_only else [e for e in reversed(persons) if e.start < span.start]
    ordered += [e for e in persons if e.start >= span.end]
    best: tuple[int, Span] | None = None
    for ent in ordered:
        words = role_words_of(doc, ent, rules, roles)
        if key not in {role_key(w, rules) for w in words}:
            continue
        keys = {word_key(w, rules) for w in words if content_word(w)}
        if sides and (keys & rules.sides) - sides:
            continue  # "the Republican nominee" is not the Democratic one
        if (keys & rules.rank_words) - modifiers:
            continue  # "the presidential nominee" is not the vice presidential nominee
        overlap = len(modifiers & keys)
        if best is None or overlap > best[0]:
            best = (overlap, ent)
    if best is None:
        return None
    return best[1]._.canonical, best[1]._.cluster_id, "PERSON"


def unnamed_role(ctx: Context, span: Span, named: list[Speaker]) -> Resolved | None:
    """A person's role the article gives no name as a title: the person named in the next
    sentences for the first time (``Connecticut's tax commissioner says ... Kevin Sullivan
    says``); for a word of one gender (``the 34-year-old mother of three``), the person a
    pronoun of that gender would be; for a candidate (``The GOP nominee``), the person the
    article names most, not of the other side."""
    rules = ctx.rules
    head = head_of(span)
    key = role_class(head, rules)
    if key is None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    found = _introduced_next(ctx, span, key)
    if found is not None:
        return found
    gender = mention_gender(span, ctx.gender_rules)
    if gender is not None:
        people = [s for s in named if s.canonical is not None]
        return nearest(ctx, span, people, ("PERSON",), gender)
    if key in rules.candidate_roles:
        return _most_named(ctx, span)
    return None


def _introduced_next(ctx: Context, span: Span, key: str) -> Resolved | None:
    """The first person named in the description's sentence or the next ones
    (:data:`INTRODUCED_WITHIN`) as the subject of a clause, whom the article has not named
    before and gives no other role."""
    doc, rules = ctx.doc, ctx.rules
    here = ctx.sentence[span.start]
    ents = ctx.mentions.ents
    seen = {e._.cluster_id for e in ents if e.label_ == "PERSON" and e.start < span.start}
    for ent in ents:
        if ent.start < span.end or ent.label_ != "PERSON":
            continue
        if ctx.sentence[ent.start] - here > INTRODUCED_WITHIN:
            break
        if ctx.nested(ent.start_char):
            continue
        if ent._.cluster_id in seen or ent.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        titles = role_words_of(doc, ent, rules, ctx.roles)
        roles = {role_key(w, rules) for w in titles if is_role(w, rules)}
        if roles - {key}:
            continue  # "Jane Roe, a local resident": someone else
        return ent._.canonical, ent._.cluster_id, "PERSON"
    return None


def _most_named(ctx: Context, span: Span) -> Resolved | None:
    """The person with most mentions in the article, none titled with another side than the
    description's or with another office (``Justice Frank Nervo``); the first named of
    equals."""
    doc, rules = ctx.doc, ctx.rules
    modifiers = {word_key(t, rules) for t in span if content_word(t)}
    sides = modifiers & rules.sides
    counts: dict[int, int] = {}
    first: dict[int, Span] = {}
    barred: set[int] = set()
    for ent in ctx.mentions.ents:
        if ent.label_ != "PERSON" or ent._.cluster_id is None or not ent._.canonical:
            continue
        cluster = ent._.cluster_id
        counts[cluster] = counts.get(cluster, 0) + 1
        first.setdefault(cluster, ent)
        titles = role_words_of(doc, ent, rules, ctx.roles)
        words = {word_key(w, rules) for w in titles}
        if sides and any(w in rules.sides and w not in sides for w in words):
            barred.add(cluster)
        roles = {role_key(w, rules) for w in titles if is_role(w, rules)}
        offices = roles - rules.candidate_roles - rules.relation_roles
        if offices or (words & rules.rank_words) - modifiers:
            barred.add(cluster)  # "Justice Frank Nervo", "vice presidential nominee Tim Kaine"
    ranked = sorted(
        (c for c in counts if c not in barred), key=lambda c: (-counts[c], first[c].start)
    )
    if not ranked:
        return None
    ent = first[ranked[0]]
    return ent._.canonical, ent._.cluster_id, "PERSON"


def content_word(token: Token) -> bool:
    return token.is_alpha and token.pos_ in ("NOUN", "PROPN", "ADJ")


def word_key(token: Token, rules: QuoteRules) -> str:
    """A word as descriptions and titles compare it: its lemma, a side's words as one
    (``GOP`` -> ``Republican``)."""
    lemma = token.lemma_.lower()
    return rules.side_words.get(lemma) or rules.side_words.get(token.lower_) or lemma


def role_key(token: Token, rules: QuoteRules) -> str:
    lemma = token.lemma_.lower()
    return rules.role_class.get(lemma) or rules.role_class.get(token.lower_) or lemma


def role_words(doc: Doc, ent: Span, rules: QuoteRules) -> list[Token]:
    """Words naming a person's role: the title right before the name (``Republican
    presidential nominee Donald Trump``, ``Secretary of State John Kerry``, ``wife Ivana``)
    and the heads of appositions with their modifiers (``Bryan Pagliano, a former aide``);
    not the words of another phrase (``the candidate during the investigation of Clinton``)
    nor a possessor inside an apposition (``the nominee's eldest daughter``)."""
    words = []
    low = max(ent.sent.start, ent.start - ROLE_WINDOW)
    i = ent.start - 1
    while i >= low:
        token = doc[i]
        if token.ent_type_ == "PERSON":
            break
        if token.lower_ == "of":  # "Secretary of State NAME", not "the investigation of NAME"
            if i == ent.start - 1 or i == low or not is_role(doc[i - 1], rules):
                break
        elif token.pos_ not in TITLE_POS and token.tag_ != "POS":
            break
        words.append(token)
        i -= 1
    root = ent.root
    heads = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        heads.append(root.head)
    for head in heads:
        words += _head_and_modifiers(head)
    return words


def role_words_of(
    doc: Doc, ent: Span, rules: QuoteRules, found: dict[tuple[int, int], list[Token]] | None
) -> list[Token]:
    """:func:`role_words` of a mention, looked up in ``found`` (the role words of the
    document's mentions found so far, by token offsets; filled here) when there is one."""
    if found is None:
        return role_words(doc, ent, rules)
    key = (ent.start, ent.end)
    if key not in found:
        found[key] = role_words(doc, ent, rules)
    return found[key]


def is_role(token: Token, rules: QuoteRules) -> bool:
    return token.lemma_.lower() in rules.role_class or token.lower_ in rules.role_class


def _head_and_modifiers(head: Token) -> list[Token]:
    """A noun with its compound and adjective modifiers (``chief`` ``executive``)."""
    words = [head]
    for child in head.children:
        if child.dep_ in ("compound", "amod") and child.i < head.i:
            words += _head_and_modifiers(child)
    return words
