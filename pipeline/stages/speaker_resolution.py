"""Speaker resolution: who a speaker phrase that is not a name refers to.

Every quote's speaker gets a kind: ``named`` (a name: an entity, a name the NER missed, a
transcript label), ``pronoun`` (``he``, ``they``), ``description`` (a noun phrase for one
entity: ``the spokesman``, ``the former president``, ``a spokeswoman for Fiorina``) or
``unnamed`` (a generic or unidentified source: ``officials``, ``a friend``, ``46 percent``,
``Republicans``). Then, through the whole article:

* a pronoun refers to the nearest earlier speaker or name that agrees with it: a person for
  ``he``/``she`` (of that gender when the person's gender is known, see
  :mod:`~pipeline.stages.people`), a group for ``they``/``it``; names inside quoted or reported
  content are left out;
* a description of a role (``the spokesman``, ``the Democratic nominee``) refers to the person
  the article names with that role (titles before the name, appositions), the one sharing
  most modifiers first (``Democratic``), then the nearest; no such person leaves it
  unresolved, never the last speaker;
* an unnamed spokesperson speaks for their side (``a spokeswoman for Fiorina`` -> ``Fiorina
  campaign`` in a campaign story; ``a ministry spokesman`` -> the ministry), never the
  principal in person;
* an unnamed source keeps no canonical speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from pipeline.stages.annotations import Quote, Speaker
from pipeline.stages.people import (
    GenderRules,
    first_name_gender,
    load_gender_rules,
    person_genders,
    word_gender,
)
from pipeline.stages.quote_rules import QuoteRules
from pipeline.stages.speakers import SPOKESPERSON, phrase_root

Resolved = tuple[str | None, int | None, str]  # canonical, cluster_id, label
GROUP_LABELS = ("ORG", "GPE", "NORP")
LABEL_CUE = ":"  # the cue of a labelled paragraph ("PENCE: ...")
# Labels of names that can be a speaker's side.
SIDE_LABELS = ("ORG", "GPE", "NORP", "PERSON")
# Tokens before a name searched for role words (``the ministry's spokesman, NAME``).
ROLE_WINDOW = 8
# Salience of a pronoun's candidates: each sentence back costs SENTENCE_COST; a speaker costs
# nothing more, the subject of a main clause ROLE_COST["main"], of another clause
# ROLE_COST["subject"], any other mention ROLE_COST["other"] (one and a half sentences).
SENTENCE_COST = 4
ROLE_COST = {"speaker": 0, "main": 1, "subject": 2, "other": 6}


@dataclass(frozen=True)
class _Context:
    """What resolution knows about one document."""

    doc: Doc
    rules: QuoteRules
    gender_rules: GenderRules
    genders: dict[int, str]  # person cluster -> gender
    contents: list[tuple[int, int]]  # quoted and reported content, where names do not count
    sentence: list[int]  # token -> sentence number


def resolve_speakers(
    doc: Doc, quotes: list[Quote], rules: QuoteRules, gender: GenderRules | None = None
) -> None:
    """Give every speaker its kind and resolve pronouns and descriptions, in text order."""
    gender_rules = gender or load_gender_rules()
    ctx = _Context(
        doc,
        rules,
        gender_rules,
        person_genders(doc, gender_rules),
        [(q.start, q.end) for q in quotes],
        _sentence_index(doc),
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
    root = span.root
    if len(span) == 1 and (root.pos_ == "PRON" or root.lower_ in rules.all_pronouns):
        return "pronoun"
    if _speaks_for(span, rules) is not None:
        return "description"
    first = span[0].lower_
    if first in rules.indefinite or first in rules.quantifiers:
        return "unnamed"
    if any(t.ent_type_ in ("CARDINAL", "PERCENT") for t in span):
        return "unnamed"
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
    ctx: _Context, span: Span, kind: str, earlier: list[Quote]
) -> tuple[str, Resolved | None]:
    """The speaker's kind (an indefinite description the article names later becomes a
    description) and whom it refers to."""
    doc, rules = ctx.doc, ctx.rules
    word = span.root.lower_
    named = [q.speaker for q in earlier if q.speaker is not None and q.speaker.kind != "pronoun"]
    if kind == "pronoun":
        if word in rules.group_pronouns:
            return kind, _nearest(ctx, span, named, GROUP_LABELS, None)
        if word in rules.person_pronouns:
            wanted = rules.pronoun_gender.get(word)
            people = [s for s in named if s.canonical is not None]
            return kind, _nearest(ctx, span, people, ("PERSON",), wanted)
        return kind, None
    if kind == "unnamed":
        if span[0].lower_ in rules.indefinite:
            later = _described_person(doc, span, rules, later_only=True)
            if later is not None:
                return "description", later  # "A New York judge ..." then "Justice Nervo"
        return kind, None
    side = _speaks_for(span, rules)
    if side is not None:
        return kind, _side(doc, side, rules)
    found = (
        _described_person(doc, span, rules)
        or _named_organisation(doc, span, rules)
        or _described_source(doc, span, rules)
    )
    if found is None:
        found = _possessor(ctx, span, earlier)
    return kind, found


def _possessor(ctx: _Context, span: Span, earlier: list[Quote]) -> Resolved | None:
    """``his best response was to say ...``: a thing of someone's speaks for its owner."""
    if ctx.rules.role_class.get(span.root.lemma_.lower()):
        return None  # "Connecticut's tax commissioner" is a person, not Connecticut
    owner = next((c for c in span.root.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    ent = _entity_at(owner)
    if ent is not None and ent.label_ in SIDE_LABELS:
        return ent._.canonical or ent.text, ent._.cluster_id, ent.label_
    if owner.pos_ == "PRON":
        return _resolve(ctx, ctx.doc[owner.i : owner.i + 1], "pronoun", earlier)[1]
    return None


# -- pronouns ------------------------------------------------------------------------------------


def _nearest(
    ctx: _Context,
    pronoun: Span,
    speakers: list[Speaker],
    labels: tuple[str, ...],
    wanted: str | None,
) -> Resolved | None:
    """What a pronoun refers to: among earlier speakers and names with a fitting label and
    gender (names inside quoted or reported content left out), the most salient by
    :data:`SENTENCE_COST` and :data:`ROLE_COST` (speakers and subjects before other
    mentions), then the latest."""

    doc, gender_rules = ctx.doc, ctx.gender_rules

    def agrees(cluster_id: int | None, name: str | None = None) -> bool:
        known = ctx.genders.get(cluster_id) if cluster_id is not None else None
        if known is None and name:
            known = first_name_gender(name.split()[0], gender_rules)
        return wanted is None or known is None or known == wanted

    sentence = ctx.sentence
    here = sentence[pronoun.start]
    best: tuple[tuple[int, int], Resolved] | None = None

    def offer(token_i: int, char: int, role: str, resolved: Resolved) -> None:
        nonlocal best
        rank = ((here - sentence[token_i]) * SENTENCE_COST + ROLE_COST[role], -char)
        if best is None or rank < best[0]:
            best = (rank, resolved)

    for speaker in speakers:
        mention = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        if mention is None or speaker.start >= pronoun.start_char:
            continue
        # "show insiders said ... They said": a group nobody named
        unknown = speaker.canonical is None and speaker.kind == "unnamed" and wanted is None
        # "a spokeswoman for the Trump campaign said ... She said": a person, whoever she is for
        person = "PERSON" in labels and _person_mention(mention, gender_rules)
        if unknown or person or speaker.label in labels:
            gender = _mention_gender(mention, gender_rules) if person else None
            if gender in (None, wanted) and (
                gender is not None or agrees(speaker.cluster_id, speaker.canonical)
            ):
                resolved = (speaker.canonical, speaker.cluster_id, speaker.label or "")
                offer(mention.start, speaker.start, "speaker", resolved)
    for ent in doc.ents:
        if ent.label_ not in labels or ent.end_char > pronoun.start_char:
            continue
        if any(start <= ent.start_char < end for start, end in ctx.contents):
            continue
        if agrees(ent._.cluster_id):
            resolved = (ent._.canonical, ent._.cluster_id, ent.label_)
            offer(ent.start, ent.start_char, _grammatical_role(ent), resolved)
    if best is None or best[1][0] is None:
        return None
    return best[1]


def _grammatical_role(ent: Span) -> str:
    """``main`` for the subject of a sentence's main clause, ``subject`` for that of another
    clause, else ``other``."""
    root = ent.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return "other"
    return "main" if root.head.dep_ == "ROOT" else "subject"


def _person_mention(mention: Span, rules: GenderRules) -> bool:
    """Whether a description speaker is a person by its words (``a spokeswoman for X``)."""
    return _mention_gender(mention, rules) is not None


def _mention_gender(mention: Span, rules: GenderRules) -> str | None:
    return next((g for t in mention if (g := word_gender(t.text, rules)) is not None), None)


def _sentence_index(doc: Doc) -> list[int]:
    """For every token, the number of its sentence."""
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


# -- descriptions ----------------------------------------------------------------------------------


def _role_key(token: Token, rules: QuoteRules) -> str:
    lemma = token.lemma_.lower()
    return rules.role_class.get(lemma) or rules.role_class.get(token.lower_) or lemma


def _described_person(
    doc: Doc, span: Span, rules: QuoteRules, later_only: bool = False
) -> Resolved | None:
    """The person the article names with the role a description gives (``the former
    president`` -> ``former President Bill Clinton``); with ``later_only``, only a person
    named after the description (an indefinite one introduces someone new)."""
    head = span.root
    key = rules.role_class.get(head.lemma_.lower()) or rules.role_class.get(head.lower_)
    if key is None or head.pos_ not in ("NOUN", "PROPN"):
        return None  # not a word for a person's role ("the mission", "the ad")
    modifiers = {t.lemma_.lower() for t in span if t.i != head.i and t.is_alpha}
    persons = [e for e in doc.ents if e.label_ == "PERSON" and e._.canonical]
    ordered = [] if later_only else [e for e in reversed(persons) if e.start < span.start]
    ordered += [e for e in persons if e.start >= span.end]
    best: tuple[int, Span] | None = None
    for ent in ordered:
        words = _role_words(doc, ent)
        if key not in {_role_key(w, rules) for w in words}:
            continue
        overlap = len(modifiers & {w.lemma_.lower() for w in words})
        if best is None or overlap > best[0]:
            best = (overlap, ent)
    if best is None:
        return None
    return best[1]._.canonical, best[1]._.cluster_id, "PERSON"


def _role_words(doc: Doc, ent: Span) -> list[Token]:
    """Words naming a person's role: the title before the name, appositions."""
    words = []
    for token in reversed(doc[max(ent.sent.start, ent.start - ROLE_WINDOW) : ent.start]):
        if token.pos_ in ("VERB", "AUX") or token.ent_type_ == "PERSON" or token.text == ",":
            break
        words.append(token)
    root = ent.root
    words += [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    if root.dep_ == "appos":
        words += [t for t in root.head.subtree if not (ent.start <= t.i < ent.end)]
    return words


def _named_organisation(doc: Doc, span: Span, rules: QuoteRules) -> Resolved | None:
    """``the ministry`` -> the nearest earlier organisation whose name holds that word, else
    the nearest earlier organisation that was a sentence's subject."""
    head = span.root
    if head.lemma_.lower() not in rules.org_nouns:
        return None
    word_title = head.text.capitalize()
    earlier = [e for e in reversed(doc.ents) if e.start < span.start and e.label_ == "ORG"]
    for ent in earlier:
        if word_title in ent.text:
            return ent._.canonical, ent._.cluster_id, "ORG"
    for ent in earlier:  # "the union said": the organisation the story last made a subject
        if ent.root.dep_ in ("nsubj", "nsubjpass"):
            return ent._.canonical, ent._.cluster_id, "ORG"
    return None


def _described_source(doc: Doc, span: Span, rules: QuoteRules) -> Resolved | None:
    """``the poll``, ``The ad``: the maker the article names with the same noun (``a
    Bloomberg poll``, ``an ad by the RNC``), nearest before, else after."""
    head = span.root
    lemma = head.lemma_.lower()
    if lemma not in rules.source_nouns:
        return None
    same = [t for t in doc if t.lemma_.lower() == lemma and t.i != head.i]
    ordered = [t for t in reversed(same) if t.i < head.i] + [t for t in same if t.i > head.i]
    for token in ordered:
        maker = _maker(token, rules)
        if maker is not None:
            return maker._.canonical or maker.text, maker._.cluster_id, maker.label_
    return None


def _maker(token: Token, rules: QuoteRules) -> Span | None:
    """The name that modifies a noun as its maker: compound, possessive, ``by``/``from``."""
    modifiers = [c for c in token.children if c.dep_ in ("compound", "poss", "nmod")]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in rules.maker_preps:
            modifiers += [o for o in prep.children if o.dep_ == "pobj"]
    for modifier in modifiers:
        ent = _entity_at(modifier)
        if ent is not None and ent.label_ in ("ORG", "PERSON", "GPE"):
            return ent
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
            ent = _entity_at(candidate)
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


def _entity_at(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


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
