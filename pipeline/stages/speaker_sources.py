"""Organisations and things among speakers: whom ``the ministry``, ``the poll``, ``The ad``
or ``the ad's narrator`` speaks for.

``the ministry`` is the organisation the article named with that word, else the one it last
made a subject; ``the Saudi government`` is itself. A thing that speaks (``the poll shows``,
``the book said``) is credited to whoever made it: its own maker (``the Clinton ad``, ``The
Reuters/Ipsos poll``, ``research conducted by X``, ``her account``, ``A document on the Trump
campaign's website``), else the maker of the nearest thing of the same kind the article names
(``A web video by the RNC`` ... ``The clip``; ``Mariano wrote a memoir`` ... ``the book``;
``In a statement, the union called`` ... ``The statement``), before it, else after.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import POS
from spacy.tokens import Doc, Span, Token

from pipeline.stages.annotations import Quote
from pipeline.stages.doc_index import text_slicer
from pipeline.stages.quote_rules import QuoteRules
from pipeline.stages.speaker_pronouns import Context, Resolved, entity_at, head_of, refer
from pipeline.stages.speakers import subject_of


def named_organisation(
    doc: Doc,
    span: Span,
    rules: QuoteRules,
    later_only: bool = False,
    ents: Sequence[Span] | None = None,
) -> Resolved | None:
    """``the ministry`` -> the nearest earlier organisation whose name holds that word, else
    the nearest earlier organisation that was a sentence's subject; ``the Saudi government``
    -> that, as the article words it. With ``later_only`` (``A union representing flight
    attendants``), the first organisation named after it that is a subject or holds the
    word. ``ents``: the document's mentions when the caller has read them."""
    head = head_of(span)
    if head.lemma_.lower() not in rules.org_nouns or head.pos_ not in ("NOUN", "PROPN"):
        return None
    place = next(
        (
            c
            for c in head.children
            if c.dep_ in ("amod", "compound") and c.ent_type_ in ("GPE", "NORP")
        ),
        None,
    )
    if place is not None and not later_only:  # "the Saudi government", "the Russian embassy"
        start, end = place.idx, head.idx + len(head.text)
        return text_slicer(doc)(start, end), None, "ORG"  # doc.text[start:end]
    word_title = head.text.capitalize()
    orgs = [e for e in (doc.ents if ents is None else ents) if e.label_ == "ORG"]
    if later_only:
        for ent in (e for e in orgs if e.start >= span.end):
            if word_title in ent.text or ent.root.dep_ in ("nsubj", "nsubjpass"):
                return ent._.canonical, ent._.cluster_id, "ORG"
        return None
    earlier = [e for e in reversed(orgs) if e.start < span.start]
    for ent in earlier:
        if word_title in ent.text:
            return ent._.canonical, ent._.cluster_id, "ORG"
    for ent in earlier:  # "the union said": the organisation the story last made a subject
        if ent.root.dep_ in ("nsubj", "nsubjpass"):
            return ent._.canonical, ent._.cluster_id, "ORG"
    return None


def described_source(ctx: Context, span: Span, earlier: list[Quote]) -> Resolved | None:
    """``the poll``, ``The ad``, ``the book``, ``the ad's narrator``: whoever made the thing.
    Its own maker (``the Clinton ad``, ``The Reuters/Ipsos poll``, ``research conducted by
    X``, ``A document on the Trump campaign's website``, ``her account``), else the maker of
    the nearest thing of the same kind the article names before (``A web video by the RNC``
    ... ``The clip``; ``Mariano wrote a memoir`` ... ``the book``; ``In a statement, the union
    called``), else after (a headline's ``New Poll``). A party as its own maker (``The GOP's
    complaint``) gives way to the organisation named with the same thing before."""
    rules = ctx.rules
    head = head_of(span)
    if head.lemma_.lower() in rules.voice_nouns or head.lower_ in rules.voice_nouns:
        head = _voiced(head, rules)  # "the ad's narrator": the ad
        if head is None:
            return None
    kind = source_kind(head, rules)
    if kind is None:
        return None
    own = maker(ctx, head, earlier)
    if own is not None and not _is_side(own, rules):
        return own
    nouns = (ctx.doc[i] for i in _noun_indices(ctx.doc))  # source_kind is None elsewhere
    same = [t for t in nouns if t.i != head.i and source_kind(t, rules) == kind]
    before = [t for t in reversed(same) if t.i < head.i]
    after = [] if own is not None else [t for t in same if t.i > head.i]
    for token in before + after:
        made = maker(ctx, token, earlier)
        if made is not None and not (own is not None and made[2] != "ORG"):
            return made
    return own


def _noun_indices(doc: Doc) -> list[int]:
    """Indices of the nouns and proper nouns, from the document's arrays."""
    if not len(doc):
        return []
    wanted = {doc.vocab.strings[p] for p in ("NOUN", "PROPN")}
    return [i for i, p in enumerate(doc.to_array(POS).tolist()) if p in wanted]


def source_kind(token: Token, rules: QuoteRules) -> str | None:
    """The kind of thing a noun names that speaks for its maker (``clip`` -> ``ad``)."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    return rules.source_kind.get(token.lemma_.lower()) or rules.source_kind.get(token.lower_)


def _voiced(voice: Token, rules: QuoteRules) -> Token | None:
    """The thing a narrator speaks in: ``the ad's narrator``, ``a narrator in the ad``; else
    the nearest ad before."""
    for child in voice.children:
        if child.dep_ == "poss" and source_kind(child, rules):
            return child
        if child.dep_ == "prep":
            thing = next((o for o in child.children if o.dep_ == "pobj"), None)
            if thing is not None and source_kind(thing, rules):
                return thing
    ads = [t for t in voice.doc[: voice.i] if source_kind(t, rules) == "ad"]
    return ads[-1] if ads else None


def _is_side(resolved: Resolved, rules: QuoteRules) -> bool:
    """Whether a name is a party's (``GOP``, ``Democrats``), not an organisation's own."""
    name = (resolved[0] or "").lower()
    return name in rules.side_words


def maker(ctx: Context, token: Token, earlier: list[Quote]) -> Resolved | None:
    """Who made a thing, by the words around its noun: a name or a body modifying it
    (``the Clinton ad``, ``the Trump campaign's website``), a possessive pronoun (``her
    book``), ``by``/``from`` (``research conducted by X``), a container (``a document on the
    campaign's website``), the subject of a verb of making with it as object (``Mariano wrote
    a memoir``) or of a verb it frames (``In a statement, the union called``)."""
    rules = ctx.rules
    modifiers = [c for c in token.children if c.dep_ in ("compound", "poss", "nmod")]
    preps = [c for c in token.children if c.dep_ == "prep"]
    for participle in (c for c in token.children if c.dep_ == "acl"):
        preps += [c for c in participle.children if c.dep_ in ("prep", "agent")]
    containers = []
    for prep in preps:
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if prep.dep_ == "agent" or prep.lower_ in rules.maker_preps:
            modifiers += objects
        else:
            containers += objects
    for modifier in modifiers:
        found = _named_by(ctx, modifier, earlier)
        if found is not None:
            return found
    for container in containers:  # "on the Trump campaign's website"
        if source_kind(container, rules) or container.lemma_.lower() in rules.org_nouns:
            found = _body(container, rules) or maker(ctx, container, earlier)
            if found is not None:
                return found
    verb = token.head
    framed = token.dep_ == "pobj" and verb.lower_ in rules.maker_frames
    if framed:  # "In a statement announcing the pick, the union called ..."
        verb = verb.head
    made = token.dep_ == "dobj" and verb.lemma_.lower() in rules.maker_verbs
    if (made or framed) and verb.pos_ in ("VERB", "AUX"):
        subject = subject_of(verb)
        if subject is not None and subject.i != token.i:
            return _named_by(ctx, subject, earlier)
    return None


def _named_by(ctx: Context, token: Token, earlier: list[Quote]) -> Resolved | None:
    """The name a modifier or subject gives: a body named after someone (``the Trump
    campaign``), a name in it, or what a possessive pronoun stands for."""
    body = _body(token, ctx.rules)
    if body is not None:
        return body
    if token.pos_ == "PRON":
        if token.lower_ in ctx.rules.all_pronouns:
            return refer(ctx, ctx.doc[token.i : token.i + 1], earlier)
        return None
    for candidate in token.subtree:
        ent = entity_at(candidate)
        if ent is not None and ent.label_ in ("ORG", "PERSON", "GPE"):
            return ent._.canonical or ent.text, ent._.cluster_id, ent.label_
    return None


def _body(token: Token, rules: QuoteRules) -> Resolved | None:
    """``the Trump campaign``: a body named after a person or organisation."""
    if token.lemma_.lower() not in rules.org_nouns or token.ent_type_:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "poss") and child.ent_type_ in ("PERSON", "ORG"):
            ent = entity_at(child)
            if ent is None:
                continue
            name = ent._.canonical or ent.text
            if ent.label_ == "PERSON":
                name = name.split()[-1]
            return f"{name} {rules.body_names.get(token.lower_, token.lower_)}", None, "ORG"
    return None
