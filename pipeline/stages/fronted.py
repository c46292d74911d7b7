"""Reported content laid out around its cue: ``CLAUSE, X said``, ``CLAUSE, said X, who ...``,
``X, he said, Y`` and ``CLAUSE, A LONG SPEAKER PHRASE said``.

Pure functions over the parse, used by :mod:`~pipeline.stages.cues`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.stages.quote_rules import QuoteRules
from pipeline.stages.speakers import speaker_comma

# The shortest clause (in tokens) taken as reported content around a parenthetical cue.
MIN_FRONTED_TOKENS = 4
MIN_AROUND_TOKENS = 3
# The most tokens between a comma and a sentence-final cue (", the health minister says").
MAX_CLOSING_SPEAKER = 6
# Dependents after a cue that are what it reports (so the clause before it is not).
CLAUSAL_COMPLEMENTS = ("ccomp", "xcomp")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")


def fronted_content(doc: Doc, cue: Token, rules: QuoteRules) -> tuple[int, int] | None:
    """``CLAUSE, SPEAKER said (ADVERBIALS).`` and ``CLAUSE, said SPEAKER, WHO ....``: the
    clause before the speaker's comma; ``..., he said, CLAUSE.``: the clause after a
    parenthetical attribution, or the whole sentence when the attribution splits one clause
    (``The museum, Mr. Bush said, celebrated ...``)."""
    sent = cue.sent  # (a new span on each access: read once, handed on)
    parenthetical = _parenthetical(doc, cue, sent)
    if parenthetical is not None:
        return _around_parenthetical(doc, sent, *parenthetical)
    after = doc[cue.i + 1 : sent.end]
    closes = all(t.is_punct or t.is_space for t in after)  # "..., minister says" at the end
    inverted = cue.i > sent.start and doc[cue.i - 1].text == "," and _subject_after(cue)
    comma = cue.i - 1 if inverted else speaker_comma(doc, cue, rules.closing_marks, sent.start)
    if comma is None and closes:
        comma = _last_comma(doc, sent.start, cue.i)
    if comma is None or doc[comma].text != ",":
        return None
    if not inverted and any(
        c.i > cue.i and c.dep_ in CLAUSAL_COMPLEMENTS for c in cue.children
    ):  # the words after the cue are what it reports, not the clause before
        return None
    start, end = trim(doc, sent.start, comma)
    clause = doc[start:end]
    if len(clause) < MIN_FRONTED_TOKENS or not (
        closes or any(t.pos_ in ("VERB", "AUX") for t in clause)
    ):
        return None
    return start, end


def _subject_after(cue: Token) -> bool:
    """Whether the cue's subject follows it (``..., said the minister``)."""
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.i > cue.i


def _parenthetical(doc: Doc, cue: Token, sent: Span) -> tuple[int, int] | None:
    """``..., SPEAKER said (ADVERBIALS), ...`` inside a sentence (``sent``, the cue's): the
    commas before the speaker and after the cue, when a clause follows."""
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > cue.i or cue.i - subj.left_edge.i > MAX_CLOSING_SPEAKER:
        return None
    before = subj.left_edge.i - 1
    if before <= sent.start or doc[before].text != ",":
        return None
    after = None
    for i in range(cue.i + 1, min(sent.end, cue.i + 1 + MAX_CLOSING_SPEAKER)):
        if doc[i].text == ",":
            after = i
            break
        if doc[i].pos_ in ("VERB", "AUX") or doc[i].is_punct:
            return None
    if after is None:
        return None
    rest = doc[after + 1 : sent.end]
    if not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    return before, after


def _around_parenthetical(doc: Doc, sent: Span, before: int, after: int) -> tuple[int, int] | None:
    """The content around ``, SPEAKER said,``: the clause before it when the words after
    continue with a conjunction or participle of their own (``..., he said, and ...``,
    ``..., he said, adding ...``); the whole sentence when the words before are a subject the
    words after predicate of (``The museum, Mr. Bush said, celebrated ...``); else the clause
    after it (``sent``: the cue's sentence)."""
    head, tail = trim(doc, sent.start, before), trim(doc, after + 1, sent.end)
    if tail[1] - tail[0] < MIN_AROUND_TOKENS:
        return None
    first = doc[tail[0]]
    if first.pos_ in ("CCONJ", "SCONJ") or (first.tag_ == "VBG" and first.dep_ == "advcl"):
        # "..., he said, and ...", "..., they said, as they bristled", "..., adding ..."
        return head if head[1] - head[0] >= MIN_FRONTED_TOKENS else None
    if doc[head[0]].pos_ == "SCONJ":
        return trim(doc, head[0], tail[1])  # "Though X, he said, Y": one sentence
    split = any(
        t.dep_ in SUBJECT_DEPS and tail[0] <= t.head.i < tail[1] for t in doc[head[0] : head[1]]
    )
    if split:
        return trim(doc, head[0], tail[1])
    return tail


def _last_comma(doc: Doc, start: int, cue: int) -> int | None:
    """The comma a short speaker phrase follows at the end of a sentence (``..., X says``)."""
    for i in range(cue - 1, max(start, cue - MAX_CLOSING_SPEAKER) - 1, -1):
        if doc[i].text == ",":
            return i
    return None


def fronted_complement(
    doc: Doc, verb: Token, comp: Token | None, rules: QuoteRules
) -> tuple[int, int] | None:
    """``CLAUSE, A LONG SPEAKER PHRASE said.``: the cue's clausal complement before it, set off
    by a comma (when the speaker phrase is too long or holds a verb of its own: ``..., a USA
    TODAY analysis of newly filed reports shows``)."""
    if comp is None or comp.i > verb.i:
        return None
    start, end = trim(doc, comp.left_edge.i, comp.right_edge.i + 1)
    between = doc[end : verb.i]
    if end - start < MIN_FRONTED_TOKENS or not any(t.text == "," for t in between):
        return None
    if any(t.pos_ == "VERB" and t.lemma_.lower() in rules.verbs for t in doc[start:end]):
        return None  # another attribution inside: the parse joined two sentences
    return start, end


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and spaces at both ends of a token range."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end
