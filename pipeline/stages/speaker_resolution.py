"""Speaker resolution: who a speaker phrase that is not a name refers to.

Every quote's speaker gets a kind: ``named`` (a name: an entity, a name the NER missed, a
transcript label), ``pronoun`` (``he``, ``they``), ``description`` (a noun phrase for one
entity or thing: ``the spokesman``, ``the former president``, ``a spokeswoman for Fiorina``,
``the poll``) or ``unnamed`` (a generic or unidentified source: ``officials``, ``a friend``,
``46 percent``, ``Republicans``). Then, through the whole article:

* a pronoun refers to the most salient earlier speaker or name that agrees with it
  (:mod:`~pipeline.stages.speaker_pronouns`);
* a description of a person's role refers to the person the article names with it
  (:mod:`~pipeline.stages.speaker_roles`);
* an unnamed spokesperson speaks for their side (``a spokeswoman for Fiorina`` -> ``Fiorina
  campaign`` in a campaign story; ``a ministry spokesman`` -> the ministry), never the
  principal in person;
* a description of an organisation or of a thing that speaks (``the ministry``, ``the poll``,
  ``The ad``) refers to the organisation or to the thing's maker
  (:mod:`~pipeline.stages.speaker_sources`);
* a thing of someone's speaks for its owner (``his best response was to say``);
* an unnamed source keeps no canonical speaker, unless it is an indefinite description the
  article names later (``A union representing flight attendants``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from pipeline.stages.annotations import Quote, Speaker
from pipeline.stages.doc_index import MentionIndex, sentence_index
from pipeline.stages.people import GenderRules, load_gender_rules, person_genders
from pipeline.stages.quote_rules import QuoteRules
from pipeline.stages.speaker_pronouns import (
    Context,
    Resolved,
    entity_at,
    head_of,
    refer,
)
from pipeline.stages.speaker_roles import described_person, unnamed_role
from pipeline.stages.speaker_sources import (
    described_source,
    maker,
    named_organisation,
    source_kind,
)
from pipeline.stages.speakers import SPOKESPERSON, phrase_root

LABEL_CUE = ":"  # the cue of a labelled paragraph ("PENCE: ...")
# Labels of names that can be a speaker's side.
SIDE_LABELS = ("ORG", "GPE", "NORP", "PERSON")


def resolve_speakers(
    doc: Doc,
    quotes: list[Quote],
    rules: QuoteRules,
    gender: GenderRules | None = None,
    mentions: MentionIndex | None = None,
) -> None:
    """Give every speaker its kind and resolve pronouns and descriptions, in text order
    (``mentions``: the document's, when the caller has them indexed)."""
    gender_rules = gender or load_gender_rules()
    sentence = sentence_index(doc)
    mentions = MentionIndex.of(doc) if mentions is None else mentions
    ctx = Context(
        doc,
        rules,
        gender_rules,
        person_genders(doc, gender_rules, sentence, mentions.ents),
        [(q.start, q.end) for q in quotes],
        sentence,
        mentions,
    )
    for i, quote in enumerate(quotes):
        speaker = quote.speaker
        if speaker is None:
            continue
        if speaker.canonical is not None:
            quote.speaker = _named(speaker)
            continue
        span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        if span is None:
            continue
        kind, target = _resolve(ctx, span, speaker_kind(span, rules), quotes[:i])
        quote.speaker = replace(speaker, kind=kind)
        if target is not None:
            canonical, cluster_id, label = target
            quote.speaker = replace(
                quote.speaker, canonical=canonical, cluster_id=cluster_id, label=label
            )
    _continuations(quotes)
    for quote in quotes:
        quote.confidence = rules.confidence[evidence(quote)]


def evidence(quote: Quote) -> str:
    """How a quote's speaker was found, the key of its confidence in ``quotes.toml``."""
    speaker = quote.speaker
    if speaker is None:
        return "unattributed"
    if quote.cue_start is None:
        return "continuation"
    if quote.cue == LABEL_CUE:
        return "label"
    if speaker.kind in ("pronoun", "description") and speaker.canonical is None:
        return "unresolved"
    return speaker.kind or "named"


def speaker_kind(span: Span, rules: QuoteRules) -> str:
    """``pronoun``, ``unnamed`` or ``description`` for a speaker phrase that is not a name."""
    root = head_of(span)
    if len(span) == 1 and (root.pos_ == "PRON" or root.lower_ in rules.all_pronouns):
        return "pronoun"
    if _speaks_for(span, rules) is not None:
        return "description"
    first = span[0].lower_
    if source_kind(root, rules) and root.tag_ not in ("NNS", "NNPS"):
        return "description"  # "A new poll shows", "a statement": a thing with a maker
    if first in rules.indefinite or first in rules.quantifiers:
        return "unnamed"
    if root.ent_type_ in ("CARDINAL", "PERCENT") or span[0].ent_type_ in ("CARDINAL", "PERCENT"):
        return "unnamed"  # "46 percent", "two officials", not "the mother of three"
    determined = any(c.dep_ in ("det", "poss") for c in root.children)
    if root.tag_ in ("NNS", "NNPS") and not determined:
        return "unnamed"  # "officials", "critics", "Republicans"
    return "description"


def _named(speaker: Speaker) -> Speaker:
    """A named speaker; a nationality or political group speaking as one is unnamed."""
    if speaker.label == "NORP":
        return replace(speaker, kind="unnamed", canonical=None, cluster_id=None)
    return replace(speaker, kind=speaker.kind or "named")


def _resolve(
    ctx: Context, span: Span, kind: str, earlier: list[Quote]
) -> tuple[str, Resolved | None]:
    """The speaker's kind (an indefinite description the article names later becomes a
    description) and whom it refers to."""
    doc, rules = ctx.doc, ctx.rules
    if kind == "pronoun":
        return kind, refer(ctx, span, earlier)
    if kind == "unnamed":
        return _unnamed(ctx, span, earlier)
    side = _speaks_for(span, rules)
    if side is not None:
        return kind, _side(doc, side, rules)
    named = [q.speaker for q in earlier if q.speaker is not None and q.speaker.kind != "pronoun"]
    found = (
        described_person(doc, span, rules, ents=ctx.named_people, roles=ctx.roles)
        or unnamed_role(ctx, span, named)
        or named_organisation(doc, span, rules, ents=ctx.mentions.ents)
        or described_source(ctx, span, earlier)
    )
    if found is None:
        found = _possessor(ctx, span, earlier)
    return kind, found


def _unnamed(ctx: Context, span: Span, earlier: list[Quote]) -> tuple[str, Resolved | None]:
    """An unnamed source stays nobody, unless it is one person or organisation the article
    names later (``A New York judge ...`` then ``Justice Nervo``; ``A union representing
    flight attendants``) or a thing with a maker (``legal papers`` someone's lawyers filed)."""
    doc, rules = ctx.doc, ctx.rules
    head = head_of(span)
    if span[0].lower_ in rules.indefinite and head.tag_ not in ("NNS", "NNPS"):
        ents = ctx.mentions.ents
        people = ctx.named_people
        later = described_person(
            doc, span, rules, later_only=True, ents=people, roles=ctx.roles
        ) or (named_organisation(doc, span, rules, later_only=True, ents=ents))
        if later is not None:
            return "description", later
    if source_kind(head, rules):
        made = maker(ctx, head, earlier)
        if made is not None:
            return "description", made
    return "unnamed", None


def _possessor(ctx: Context, span: Span, earlier: list[Quote]) -> Resolved | None:
    """``his best response was to say ...``: a thing of someone's speaks for its owner."""
    if ctx.rules.role_class.get(head_of(span).lemma_.lower()):
        return None  # "Connecticut's tax commissioner" is a person, not Connecticut
    owner = next((c for c in head_of(span).children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    ent = entity_at(owner)
    if ent is not None and ent.label_ in SIDE_LABELS:
        return ent._.canonical or ent.text, ent._.cluster_id, ent.label_
    if owner.pos_ == "PRON":
        return refer(ctx, ctx.doc[owner.i : owner.i + 1], earlier)
    return None


# -- spokespeople ---------------------------------------------------------------------------------


def _speaks_for(span: Span, rules: QuoteRules) -> Span | None:
    """The name a spokesperson phrase says they speak for: ``a spokeswoman for Fiorina``,
    ``Fiorina's spokeswoman``, ``a Clinton campaign spokesman``."""
    root = phrase_root(list(span))
    if root is None or rules.role_class.get(root.lemma_.lower()) != SPOKESPERSON:
        return None
    modifiers = [c for c in root.children if c.dep_ in ("poss", "compound", "nmod")]
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ in rules.for_words):
        modifiers += [o for o in prep.children if o.dep_ == "pobj"]
    for token in modifiers:
        for candidate in token.subtree:
            ent = entity_at(candidate)
            if ent is not None and ent.label_ in SIDE_LABELS:
                return ent
    return None


def _side(doc: Doc, principal: Span, rules: QuoteRules) -> Resolved | None:
    """Whom an unnamed spokesperson speaks for: an organisation or place itself; for a
    person, their campaign when the article is about one, else nobody named."""
    if principal.label_ != "PERSON":
        return principal._.canonical or principal.text, principal._.cluster_id, "ORG"
    if not any(t.lower_ in rules.campaign_words for t in doc):
        return None
    surname = (principal._.canonical or principal.text).split()[-1]
    return f"{surname} {rules.campaign_name}", None, "ORG"


def _continuations(quotes: list[Quote]) -> None:
    """Continuation quotes copy their predecessor's resolution."""
    for prev, quote in zip(quotes, quotes[1:], strict=False):
        speaker = quote.speaker
        if (
            quote.cue_start is None
            and speaker is not None
            and speaker.canonical is None
            and prev.speaker is not None
            and speaker.start == prev.speaker.start
        ):
            quote.speaker = replace(
                speaker, canonical=prev.speaker.canonical, cluster_id=prev.speaker.cluster_id
            )
