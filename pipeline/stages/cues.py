"""Cues of quotes: the reporting verb or phrase (``said``, ``according to``) that frames a
quotation, and the content a cue reports when there are no quotation marks.

Pure functions over the parse; which words are cues comes from ``quotes.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

from pipeline.stages.annotations import Block
from pipeline.stages.doc_index import text_slicer
from pipeline.stages.fronted import MIN_AROUND_TOKENS, fronted_complement, fronted_content, trim
from pipeline.stages.quote_marks import Stretch
from pipeline.stages.quote_rules import QuoteRules

# The shortest complement (in tokens) taken as reported content.
MIN_COMPLEMENT_TOKENS = 2
# Dependents of a stance verb that carry its content: the object, what is predicated of it
# ("called the charges baseless"), and "as" phrases ("cited X as an example").
STANCE_OBJECTS = ("dobj", "oprd", "ccomp", "xcomp", "attr")
# Prepositions that say what a cue's object is taken for, with any cue verb ("described her as
# unfit"): the content is the object with that phrase.
PREDICATE_PREPS = ("as",)
# Phrases after a cue's object that give the setting of the saying, not what was said.
SETTING_ENTITIES = ("DATE", "TIME", "GPE", "LOC", "FAC", "EVENT")
SETTING_NOUNS = frozenset(
    "interview statement rally speech debate show program conference event hearing tweet "
    "post letter email briefing appearance forum meeting week day night morning year "
    "month time".split()
)
# The parts of speech a cue may start at besides a cue phrase's first word (a source
# preposition, a noun of saying, a reporting verb): see :func:`_may_start_cue`.
CUE_POS = ("ADP", "NOUN", "VERB", "AUX")
# Dependents of a verb of showing after its object that say what is shown of it.
OBJECT_PREDICATES = ("prep", "advmod", "acomp", "oprd", "advcl")


class Cue(NamedTuple):
    """A cue over tokens ``[token.i, end)`` with the lemma recorded in the quotes table."""

    token: Token
    end: int
    lemma: str

    @property
    def end_char(self) -> int:
        """Character offset where the cue ends."""
        last = self.token.doc[self.end - 1]
        return last.idx + len(last.text)


def cue_at(token: Token, rules: QuoteRules, after_quote: bool = False) -> Cue | None:
    """The cue that starts at ``token``: a reporting verb or a cue phrase (with
    ``after_quote``, also the phrases that are cues only right after a quotation)."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and not rules.is_cue_verb(lemma):
        lemma = next((c for c in _stems(token.lower_) if rules.is_cue_verb(c)), lemma)
    if rules.is_cue_verb(lemma) and token.pos_ in ("VERB", "AUX"):
        return Cue(token, token.i + 1, lemma)
    if lemma in rules.object_verbs and token.pos_ == "VERB":  # "attacked X as a liar"
        if _object_content(token.doc, token, rules.object_verbs[lemma]) is not None:
            return Cue(token, token.i + 1, lemma)
    if token.pos_ == "NOUN" and lemma in rules.nominal_cues and _that_clause(token) is not None:
        return Cue(token, token.i + 1, lemma)  # "Trump's claim that ..."
    phrases = rules.phrases + rules.after_quote_phrases if after_quote else rules.phrases
    return _phrase_at(token, phrases) or _source_prep_at(token, rules)


def cue_candidates(
    doc: Doc, rules: QuoteRules, decided: dict[tuple[int, int, int], bool] | None = None
) -> list[int]:
    """Indices of the tokens :func:`cue_at` (without ``after_quote``) may find a cue at: a
    verb or auxiliary whose lemma (or a stem of its form) is a cue verb or an object-content
    verb, a noun of saying, a preposition that may name a source (``in this poll``), or a cue
    phrase's first word; read from the document's arrays, without a ``Token`` each, and
    decided once per distinct (part of speech, form, lemma). ``decided``: those decisions by
    string ids, kept by the caller across documents with the same ``rules`` (filled here)."""
    if any(not words for words, _ in rules.phrases):
        return list(range(len(doc)))  # an empty phrase starts everywhere
    if not len(doc):
        return []
    strings = doc.vocab.strings
    firsts = frozenset(words[0] for words, _ in rules.phrases)
    decided = {} if decided is None else decided
    kept = []
    rows = doc.to_array([POS, LOWER, LEMMA])
    # _may_start_cue holds only for a phrase's first word or these parts of speech
    may_start = np.zeros(len(rows), dtype=bool)
    for pos in CUE_POS:
        may_start |= rows[:, 0] == rows.dtype.type(strings[pos])
    for word in firsts:
        may_start |= rows[:, 1] == rows.dtype.type(strings[word])
    at = np.flatnonzero(may_start).tolist()
    for i, key in zip(at, map(tuple, rows[at].tolist()), strict=True):
        may = decided.get(key)
        if may is None:
            pos, lower, lemma = strings[key[0]], strings[key[1]], strings[key[2]].lower()
            may = decided[key] = _may_start_cue(pos, lower, lemma, rules, firsts)
        if may:
            kept.append(i)
    return kept


def _may_start_cue(
    pos: str, lower: str, lemma: str, rules: QuoteRules, firsts: frozenset[str]
) -> bool:
    """Whether :func:`cue_at` (without ``after_quote``) may find a cue at a token with this
    part of speech, lower-case form and lower-case lemma: a necessary condition of each of its
    branches."""
    if lower in firsts or (pos == "ADP" and lower in rules.source_preps):
        return True
    if pos == "NOUN":
        return lemma in rules.nominal_cues
    if pos not in ("VERB", "AUX"):
        return False
    if rules.is_cue_verb(lemma):
        return True
    return pos == "VERB" and (
        lemma in rules.object_verbs or any(rules.is_cue_verb(s) for s in _stems(lower))
    )


def _stems(word: str) -> list[str]:
    """What a regular inflection reduces a verb form to, for forms the lemmatizer misses
    (``rated`` -> ``rat``): ``rated`` -> ``rate``, ``likens`` -> ``liken``."""
    stems = []
    for suffix in ("d", "ed", "s", "es", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            stems += [stem, stem + "e"] if suffix == "ing" else [stem]
    return stems


def _source_prep_at(token: Token, rules: QuoteRules) -> Cue | None:
    """``In this poll, CLAUSE``, ``CLAUSE in some polls``, ``in his eyes``: a preposition
    whose object is a source (not a cue's own adjunct: ``said in a statement``)."""
    nouns = rules.source_preps.get(token.lower_)
    if nouns is None or token.pos_ != "ADP" or token.dep_ != "prep":
        return None
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in nouns and obj.lower_ not in nouns:
        return None
    if obj.lower_ in rules.possessed_sources and not any(c.dep_ == "poss" for c in obj.children):
        return None  # "what he had in mind"
    head = token.head
    if head.pos_ in ("VERB", "AUX") and rules.is_cue_verb(head.lemma_.lower()):
        return None
    if head.pos_ in ("NOUN", "PROPN", "ADP", "SCONJ"):
        return None  # "gains in some polls", "better than in other polls"
    return Cue(token, token.i + 1, token.lower_)


def _phrase_at(token: Token, phrases: tuple[tuple[tuple[str, ...], str], ...]) -> Cue | None:
    lower = token.lower_
    for words, cue_lemma in phrases:
        if words and words[0] != lower:
            continue  # the first word decides most tokens without slicing the document
        span = token.doc[token.i : token.i + len(words)]
        if tuple(t.lower_ for t in span) == words:
            return Cue(token, token.i + len(words), cue_lemma)
    return None


def first_cue(
    tokens: Iterable[Token], inside: list[bool], rules: QuoteRules, after_quote: bool = False
) -> Cue | None:
    """The first cue among ``tokens``, stopping at quoted text."""
    for i, token in enumerate(tokens):
        if inside[token.idx]:
            break
        cue = cue_at(token, rules, after_quote=after_quote and i == 0)
        if cue is not None:
            return cue
    return None


def cue_of_quotation(
    doc: Doc, stretch: Stretch, inside: list[bool], blocks: list[Block], rules: QuoteRules
) -> Cue | None:
    """The cue of a quotation: after its closing mark, else before its opening mark in the same
    sentence, else at the end of the paragraph before (``The Times reports:``)."""
    return (
        _cue_after(doc, stretch, inside, rules)
        or _cue_before(doc, stretch, inside, rules)
        or _cue_introducing(doc, stretch, inside, blocks, rules)
    )


def cue_before_quotation(
    doc: Doc, stretch: Stretch, inside: list[bool], blocks: list[Block], rules: QuoteRules
) -> Cue | None:
    """The cue of a quotation before its opening mark only (when what follows the closing
    mark is not its attribution)."""
    return _cue_before(doc, stretch, inside, rules) or _cue_introducing(
        doc, stretch, inside, blocks, rules
    )


def _cue_after(doc: Doc, stretch: Stretch, inside: list[bool], rules: QuoteRules) -> Cue | None:
    if stretch.close_at is None:
        return None
    first = doc.char_span(stretch.close_at, stretch.outer_end, alignment_mode="expand")
    if first is None:
        return None
    sent_end = first[0].sent.end
    window = doc[first.end : min(sent_end, first.end + rules.after_window)]
    cue = first_cue(window, inside, rules, after_quote=True)
    if cue is not None and _reports_elsewhere(doc, cue, stretch, rules):
        return None
    if cue is None and first.end < len(doc) and not inside[doc[first.end].idx]:
        cue = _phrase_at(doc[first.end], rules.after_quote_phrases)  # "...” ― A. Name."
    return cue


def _reports_elsewhere(doc: Doc, cue: Cue, stretch: Stretch, rules: QuoteRules) -> bool:
    """Whether a cue after a quotation reports other words of its own (``on CBS's “Face the
    Nation,” Ryan said the spate ...``; ``a “disgrace” after she blamed police ...``)."""
    if cue.token.pos_ == "NOUN" or cue.lemma in rules.around_content_cues:
        return False
    content = reported_content(doc, cue, rules)
    if content is None:
        return False
    span = doc[content[0] : content[1]]
    return span.end_char <= stretch.start or span.start_char >= stretch.end


def _cue_before(doc: Doc, stretch: Stretch, inside: list[bool], rules: QuoteRules) -> Cue | None:
    mark = doc.char_span(stretch.open_at, stretch.open_at + 1, alignment_mode="expand")
    if mark is None:
        return None
    sent = mark[0].sent
    cue = first_cue(reversed(doc[sent.start : mark.start]), inside, rules)
    if (
        cue is not None
        and _short(doc, stretch, rules)
        and _reports_elsewhere(doc, cue, stretch, rules)
    ):
        return None  # "He cited criticism of Lauer ... during a “Commander-In-Chief” forum"
    return cue


def _short(doc: Doc, stretch: Stretch, rules: QuoteRules) -> bool:
    """A quotation too short to stand alone: a title, a nickname, a phrase."""
    span = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
    return span is not None and sum(t.is_alpha for t in span) < rules.min_standalone_words


def _cue_introducing(
    doc: Doc, stretch: Stretch, inside: list[bool], blocks: list[Block], rules: QuoteRules
) -> Cue | None:
    """``The New York Times reports:`` closing the paragraph before a quoted paragraph."""
    index = next((i for i, b in enumerate(blocks) if b.start == stretch.open_at), None)
    if not index:
        return None
    before = blocks[index - 1]
    if not text_slicer(doc)(before.start, before.end).rstrip().endswith(":"):
        return None
    last = doc.char_span(before.end - 1, before.end, alignment_mode="expand")
    if last is None:
        return None
    sent = last[0].sent
    return first_cue(reversed(doc[sent.start : last.end]), inside, rules)


# -- the content of reported speech ------------------------------------------------------------


def reported_content(doc: Doc, cue: Cue, rules: QuoteRules) -> tuple[int, int] | None:
    """Token range ``[start, end)`` of the content a cue reports, if it has one: the clause
    around ``according to``, ``accuse X of Y``, a clausal complement (``said that ...``), a
    to-clause (``refused to ...``), a preposition's object (``called for ...``), the object of
    a stance verb (``called the charges baseless``), or a fronted clause (``CLAUSE, X said``)."""
    content = _content(doc, cue, rules)
    return _before_inner_attribution(doc, content, cue, rules) if content else None


def _content(doc: Doc, cue: Cue, rules: QuoteRules) -> tuple[int, int] | None:
    if cue.lemma in rules.around_content_cues:
        return _around_content(doc, cue)
    verb = cue.token
    if verb.pos_ == "NOUN":
        clause = _that_clause(verb)
        return _clause_content(doc, clause, verb) if clause is not None else None
    preps = rules.object_verbs.get(cue.lemma, ())
    if cue.lemma not in rules.addressee_verbs:
        preps = (*preps, *PREDICATE_PREPS)  # "cited the remarks as examples"
    content = _object_content(doc, verb, preps) if preps else None
    if content is not None:
        return content
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is not None and comp.i > verb.i:
        content = _clause_content(doc, comp, verb)
        if content is not None:
            return content
    complement = _complement_content(doc, verb, cue.lemma, rules)
    if complement is not None:
        return complement
    return fronted_content(doc, verb, rules) or fronted_complement(doc, verb, comp, rules)


def _complement_content(
    doc: Doc, verb: Token, lemma: str, rules: QuoteRules
) -> tuple[int, int] | None:
    """A to-clause, a preposition's object, or the object with what predicates of it (not for
    verbs whose object is the hearer): the span from the first such dependent after the verb
    to the last one's end."""
    parts = [c for c in verb.children if c.i > verb.i and c.dep_ == "xcomp"]
    if lemma in rules.prep_verbs:
        words = rules.prep_verbs[lemma]
        preps = [c for c in verb.children if c.i > verb.i and c.dep_ in ("prep", "prt")]
        parts += [o for c in preps if c.lower_ in words for o in c.children if not o.is_punct]
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in STANCE_OBJECTS]
    if lemma in rules.small_clause_verbs:
        objects += _predicate_of_object(verb, objects)
    elif lemma not in rules.addressee_verbs:
        objects += _object_modifiers(verb, objects)
    if lemma not in rules.addressee_verbs:
        parts += objects
    elif any(p.dep_ == "xcomp" for p in parts):
        parts += [c for c in objects if c.dep_ == "dobj"]  # "urged residents to stay indoors"
    if not parts:
        return None
    start = min(p.left_edge.i for p in parts)
    end = max(_edge_before_aside(p) for p in parts) + 1
    start, end = trim(doc, start, end)
    return (start, end) if end - start >= MIN_COMPLEMENT_TOKENS else None


def _edge_before_aside(part: Token) -> int:
    """The last token of a dependent, without a relative clause set off by a comma at its end
    (``cited criticism of Matt Lauer, who took heat for ...``)."""
    if part.pos_ not in ("NOUN", "PROPN", "PRON"):
        return part.right_edge.i
    doc = part.doc
    for token in part.subtree:
        if token.dep_ in ("relcl", "acl") and token.i > part.i:
            comma = token.left_edge.i - 1
            if (
                comma > part.i
                and doc[comma].text == ","
                and token.right_edge.i == part.right_edge.i
            ):
                return comma - 1
    return part.right_edge.i


def _predicate_of_object(verb: Token, objects: list[Token]) -> list[Token]:
    """What a verb of showing says of its object (``polls show Clinton with a lead``,
    ``shows Clinton ahead by 3.7 points``): the verb's modifiers after the object, up to a
    comma."""
    obj = next((o for o in objects if o.dep_ == "dobj"), None)
    if obj is None:
        return []
    found = []
    for child in verb.children:
        if child.i <= obj.i or child.dep_ not in OBJECT_PREDICATES:
            continue
        if any(t.text == "," for t in verb.doc[obj.right_edge.i + 1 : child.i]):
            break
        found.append(child)
    return found


def _object_modifiers(verb: Token, objects: list[Token]) -> list[Token]:
    """Prepositional phrases the parse hung on the verb that belong to its object (``described
    crass behavior by Trump behind the scenes``, ``citing her work after the attacks``): those
    right after the object, up to a comma, that do not say when, where or in which setting."""
    obj = next((o for o in objects if o.dep_ == "dobj"), None)
    if obj is None:
        return []
    found = []
    end = obj.right_edge.i
    for child in sorted(verb.children, key=lambda c: c.i):
        if child.i <= obj.i:
            continue
        if child.dep_ != "prep" or child.i != end + 1 or _is_setting(child):
            break
        found.append(child)
        end = child.right_edge.i
    return found


def _is_setting(prep: Token) -> bool:
    """A phrase of time, place or occasion (``on Monday``, ``in an interview``)."""
    if any(t.ent_type_ in SETTING_ENTITIES for t in prep.subtree):
        return True
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and obj.lemma_.lower() in SETTING_NOUNS


def _that_clause(noun: Token) -> Token | None:
    """The clause a noun of saying introduces with a complementiser (``claim that ...``)."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i:
            if any(c.dep_ == "mark" for c in child.children):
                return child
    return None


def _clause_content(doc: Doc, clause: Token, cue: Token) -> tuple[int, int] | None:
    """A complement clause without its complementiser (``that``)."""
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    while start < end and doc[start].dep_ == "mark" and doc[start].head == clause:
        start += 1
    if start > cue.i and end - start >= 2:
        return trim(doc, start, end)
    return None


def _before_inner_attribution(
    doc: Doc, content: tuple[int, int], cue: Cue, rules: QuoteRules
) -> tuple[int, int] | None:
    """Content cut at a comma that opens another attribution (``..., calling on them to stop,
    the spokesman said``): the speaker and verb after it are not part of what was said."""
    start, end = content
    scan = start
    if start <= cue.token.i < end:  # "The museum, Mr. Bush said, celebrated ...": past the cue
        scan = next((t.i + 1 for t in doc[cue.end : end] if t.text == ","), end)
    # the first comma with a verb of saying after it; if the first comma has none after it,
    # no later comma has
    comma = next((t.i for t in doc[scan:end] if t.text == ","), None)
    if comma is None or not any(
        t.lemma_.lower() in rules.verbs and t.pos_ == "VERB" and t.i != cue.token.i
        for t in doc[comma + 1 : end]
    ):
        return content
    start, cut = trim(doc, start, comma)
    return (start, cut) if cut - start >= MIN_COMPLEMENT_TOKENS else None


def _object_content(doc: Doc, verb: Token, prep_words: tuple[str, ...]) -> tuple[int, int] | None:
    """``accused Azerbaijan of breaching the ceasefire``: object through the preposition."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    candidates = [*verb.children, *obj.children]
    preps = [
        c
        for c in candidates
        if c.dep_ == "prep" and c.lower_ in prep_words and c.i > verb.i and any(c.children)
    ]
    if not preps:
        return None  # "hailed Trump as X for Y": through the last such phrase
    return trim(doc, obj.left_edge.i, max(p.right_edge.i for p in preps) + 1)


def _around_content(doc: Doc, cue: Cue) -> tuple[int, int] | None:
    """The longer clause before or after ``according to X``."""
    sent = cue.token.sent
    last = doc[cue.end - 1]
    phrase_end = max(t.i for t in last.subtree) + 1 if list(last.children) else cue.end
    comma = next((t.i for t in doc[cue.end : phrase_end] if t.text == ","), None)
    if comma is not None and cue.token.i == sent.start:
        phrase_end = comma  # "According to X, CLAUSE" parsed with the clause under "to"
    before = trim(doc, sent.start, cue.token.i)
    after = trim(doc, phrase_end, sent.end)
    best = max((before, after), key=lambda r: r[1] - r[0])
    if best[1] - best[0] < MIN_AROUND_TOKENS:
        return None
    return best
