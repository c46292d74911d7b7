"""Who said it, in the sentence: the speaker phrase a cue credits and the mention it names.

Resolving pronouns and descriptions through the article is
:mod:`~pipeline.stages.speaker_resolution`. Every function reads the document's parse and
entities and returns values; nothing is set on the ``Doc`` here.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.stages.annotations import Speaker
from pipeline.stages.doc_index import MentionIndex, entity_of, text_slicer
from pipeline.stages.quote_rules import QuoteRules

SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
GROUP_LABELS = ("ORG", "GPE", "NORP")
SUBJECTS = ("nsubj", "nsubjpass")
# The role class of people who speak for someone else (quotes.toml [roles]).
SPOKESPERSON = "spokesperson"
# Speaker phrases end before relative and adverbial clauses.
CLAUSES = ("relcl", "acl", "advcl")
# Words that open a stretch before a cue without being part of the speaker ("..., with
# RealClearPolitics showing", "..., and the minister said").
LEADING_POS = ("ADP", "CCONJ", "SCONJ", "ADV", "PART")
# Clauses climbed from a cue without a subject to the one that has it.
MAX_CLIMB = 4
# Tokens more than this far before a cue are never part of its speaker phrase.
MAX_SPEAKER_DISTANCE = 60


# -- the phrase a cue credits -----------------------------------------------------------------


def speaker_phrase(
    doc: Doc, cue: Token, cue_end: int, inside: list[bool], rules: QuoteRules
) -> list[Token]:
    """The tokens of the phrase credited by a cue (may be empty): the object of ``according
    to``, the words between a speaker comma and the cue, the subject, or the words after an
    inverted cue (``..., said the minister``)."""
    if cue.pos_ == "NOUN":  # "Trump's claim that ...": the possessor
        owner = next((c for c in cue.children if c.dep_ == "poss"), None)
        return noun_phrase(owner) if owner is not None else []
    if cue.lower_ in rules.object_speaker_words:
        obj = [t for t in doc[cue_end - 1].children if t.dep_ == "pobj"]
        if obj:
            return noun_phrase(obj[0])
        return [t for t in doc[cue_end : cue.sent.end] if not t.is_punct][:6]
    comma = speaker_comma(doc, cue, rules.closing_marks)
    subj = subject_of(cue)
    if subj is not None and subj.lower_ in rules.relative_pronouns:
        antecedent = _antecedent(subj, cue)  # "McConnell, who in 2010 said ..."
        return noun_phrase(antecedent) if antecedent is not None else []
    if comma is not None:
        stretch = [t for t in doc[comma + 1 : cue.i] if not inside[t.idx]]
        if subj is not None and subj in stretch and subj.pos_ == "PRON":
            return [subj]  # "..., in which he said", "although he again refused"
        while stretch and stretch[0].pos_ in LEADING_POS:
            stretch = stretch[1:]  # "..., with RealClearPolitics showing"
        if stretch:
            return stretch
    if subj is not None and not inside[subj.idx]:
        return subject_phrase(subj)
    if subj is None and cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):
        if not inside[cue.head.idx]:  # "a statement announcing the pick", "papers opposing"
            return noun_phrase(cue.head)
    before = doc[cue.i - 1] if cue.i > 0 else None
    if before is not None and before.ent_type_ in SPEAKER_LABELS and not inside[before.idx]:
        ent = entity_of(before) or next(e for e in doc.ents if e.start <= before.i < e.end)
        return list(ent)  # a name the parser left without a verb ("... Post Trump said that")
    inverted = before is not None and (
        before.text in rules.closing_marks or inside[before.idx] or before.text == ","
    )
    if not inverted:
        return []
    after = []
    for token in doc[cue.i + 1 : cue.sent.end]:
        if token.is_punct or inside[token.idx] or token.pos_ in ("VERB", "AUX", "ADP"):
            break
        after.append(token)
    return after


def _antecedent(relative: Token, cue: Token) -> Token | None:
    """The noun a relative clause with this cue modifies."""
    clause = cue
    while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
        if clause.dep_ not in ("conj", "xcomp", "ccomp"):
            return None
        clause = clause.head
    head = clause.head
    return head if head.i != clause.i and head.pos_ in ("NOUN", "PROPN") else None


def speaker_comma(
    doc: Doc, cue: Token, closing_marks: frozenset[str], sent_start: int | None = None
) -> int | None:
    """Index of the comma (or closing quotation mark) that opens ``, SPEAKER said`` before a
    cue, skipping appositions (``..., the governor, Pascal Kibwe, said``); None when the
    words before the cue up to the sentence start are all the subject (``sent_start``: where
    the cue's sentence starts, when the caller has it)."""
    if sent_start is None:
        sent_start = cue.sent.start
    i = cue.i - 1
    if i > sent_start and doc[i].text == ",":
        i -= 1  # the comma closing an apposition: "Pascal Kibwe, said"
    found = None
    while i >= sent_start:
        token = doc[i]
        if token.pos_ in ("VERB", "AUX") or cue.i - i > MAX_SPEAKER_DISTANCE:
            return found
        if token.text in closing_marks:
            return i if _has_noun(doc[i + 1 : cue.i]) else None
        if token.text == ",":
            if not _has_noun(doc[i + 1 : found if found is not None else cue.i]):
                return found
            found = i
        i -= 1
    return None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject; for a verb without one, that of the verb it is conjoined to or
    complements, climbing (``was able to tout``, ``responded ... by saying``, ``After saying
    ..., she was whisked``); for a to-clause after an object, the object (``led the journalist
    Dainis Ivans to fear``)."""
    token = verb
    for _ in range(MAX_CLIMB):
        subj = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        head = token.head
        if head.i == token.i:
            return None
        if token.dep_ == "xcomp":
            obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < token.i), None)
            if obj is not None:
                return obj
        if token.dep_ in ("xcomp", "advcl", "acomp") or (token.dep_ == "conj" and token is verb):
            token = head  # a cue's own coordination only: not "condemned X and called on Y to"
        elif token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
            token = head.head  # "by saying", "In defending himself"
        else:
            return None
    return None


def subject_phrase(subj: Token) -> list[Token]:
    """A subject's noun phrase, with the other subjects of its verb that the parser split it
    into (``His ex - wife`` as three subjects)."""
    parts = [c for c in subj.head.children if c.dep_ in SUBJECTS and c.i < subj.head.i]
    if len(parts) < 2 or any(b.i - a.i != 1 for a, b in zip(parts, parts[1:], strict=False)):
        return noun_phrase(subj)
    return sorted({t for part in parts for t in noun_phrase(part)}, key=lambda t: t.i)


def noun_phrase(head: Token) -> list[Token]:
    """A noun phrase: the head's subtree without relative clauses, and only the unbroken
    stretch of it around the head (not an apposition the parser hung on it from after the
    verb: ``A union ... endorsed Clinton, another example of ...``)."""
    skip = set()
    for child in head.children:
        if child.dep_ in CLAUSES:
            skip |= {t.i for t in child.subtree}
    tokens = [t for t in head.subtree if t.i not in skip]
    start = end = next(k for k, t in enumerate(tokens) if t.i == head.i)
    while start > 0 and tokens[start - 1].i == tokens[start].i - 1:
        start -= 1
    while end + 1 < len(tokens) and tokens[end + 1].i == tokens[end].i + 1:
        end += 1
    return tokens[start : end + 1]


def _has_noun(tokens: Span) -> bool:
    return any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in tokens)


# -- the mention a phrase names ----------------------------------------------------------------


def speaker_from_phrase(
    doc: Doc, phrase: list[Token], rules: QuoteRules, mentions: MentionIndex | None = None
) -> Speaker | None:
    """The speaker a phrase names: an entity mention (a person first), else a name the NER
    missed, else the phrase's last comma-separated part, unresolved (``the spokesman``). A
    name that only says whom a role noun serves (``a spokeswoman for Fiorina``) is not the
    speaker. ``mentions``: the document's, when the caller has them indexed."""
    if not phrase:
        return None
    segments = _segments(phrase)
    if _serves_principal(phrase, rules):
        tokens = _trimmed(phrase)
        start, end = tokens[0].idx, _end_char(tokens[-1])
        return Speaker(text=_chars(tokens), start=start, end=end)
    body = _named_body(doc, phrase, rules)
    if body is not None:
        return body
    mentions = MentionIndex.of(doc) if mentions is None else mentions
    mention = _best_mention(mentions, phrase, rules)
    for segment in reversed(segments):
        if mention is not None:
            break
        mention = _best_mention(mentions, segment, rules)
    if mention is not None:
        return Speaker(
            text=mention.text,
            start=mention.start_char,
            end=mention.end_char,
            canonical=mention._.canonical,
            cluster_id=mention._.cluster_id,
            label=mention.label_,
            kind="named",
        )
    named = [seg for seg in segments if _looks_like_name(seg, rules)]
    tokens = named[-1] if named else (segments[-1] if segments else phrase)
    start, end = tokens[0].idx, _end_char(tokens[-1])
    text = _chars(tokens)
    if named:  # a name the NER missed
        return Speaker(text, start, end, canonical=text, label="PERSON", kind="named")
    return Speaker(text=text, start=start, end=end)


def _named_body(doc: Doc, phrase: list[Token], rules: QuoteRules) -> Speaker | None:
    """``The Trump campaign``, ``the Obama administration``: a body named after a person or
    organisation, credited as that body (``Trump campaign``), not the person."""
    tokens = _trimmed(_cut_apposition(phrase))
    root = phrase_root(tokens)
    if root is None or root.pos_ != "NOUN" or root.ent_type_:
        return None
    if root.lemma_.lower() not in rules.org_nouns:
        return None
    for child in root.children:
        if child.dep_ in ("compound", "poss") and child.ent_type_ in ("PERSON", "ORG"):
            ent = entity_of(child) or next(e for e in doc.ents if e.start <= child.i < e.end)
            name = (
                (ent._.canonical or ent.text).split()[-1]
                if ent.label_ == "PERSON"
                else (ent._.canonical or ent.text)
            )
            start, end = tokens[0].idx, _end_char(tokens[-1])
            canonical = f"{name} {rules.body_names.get(root.lower_, root.lower_)}"
            return Speaker(_chars(tokens), start, end, canonical, None, "ORG", "named")
    return None


def phrase_root(tokens: list[Token]) -> Token | None:
    """The token of a phrase whose head lies outside it (the first such)."""
    indices = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in indices or t.head.i == t.i), None)


def _serves_principal(phrase: list[Token], rules: QuoteRules) -> bool:
    """``a spokeswoman for Fiorina``, ``the ministry's spokesman``: a role noun with a
    determiner, whose name modifiers say whom it serves."""
    tokens = _cut_apposition(phrase)
    root = phrase_root(tokens)
    if root is None or root.pos_ != "NOUN" or root.ent_type_:
        return False
    if rules.role_class.get(root.lemma_.lower()) != SPOKESPERSON:
        return False
    return any(c.dep_ in ("det", "poss") for c in root.children)


def label_speaker(doc: Doc, start: int, end: int, rules: QuoteRules) -> Speaker:
    """The speaker a paragraph label names (``PENCE:``, ``Pat Caddell:``, ``Poll:``): an entity
    in it, else the one person of the article with that surname, else, for a label in
    capitals, the name it spells (``WALLACE`` -> ``Wallace``); otherwise unresolved."""
    span = doc.char_span(start, end, alignment_mode="expand")
    found = speaker_from_phrase(doc, list(span) if span is not None else [], rules)
    if found is not None and found.canonical is not None:
        return found
    text = text_slicer(doc)(start, end)  # doc.text[start:end], from the tokens there
    name = text.title() if text.isupper() else text
    people = {
        (e._.canonical, e._.cluster_id)
        for e in doc.ents
        if e.label_ == "PERSON"
        and e._.canonical
        and e._.canonical.split()[-1].casefold() == name.split()[-1].casefold()
    }
    if len(people) == 1:
        ((canonical, cluster_id),) = people
        return Speaker(text, start, end, canonical, cluster_id, "PERSON", "named")
    if text.isupper():
        return Speaker(text, start, end, canonical=name, label="PERSON", kind="named")
    return Speaker(text, start, end)


def _end_char(token: Token) -> int:
    return token.idx + len(token.text)


def _chars(tokens: list[Token]) -> str:
    """The text from the first token's start to the last one's end: ``doc.text[start:end]``
    without building the whole document's text (``Doc.text`` joins every token)."""
    first, last = tokens[0], tokens[-1]
    return first.doc[first.i : last.i + 1].text


def _trimmed(tokens: list[Token]) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end and (tokens[start].is_punct or tokens[start].is_space):
        start += 1
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].is_space):
        end -= 1
    return tokens[start:end]


def _cut_apposition(tokens: list[Token]) -> list[Token]:
    """Tokens up to the first comma, punctuation trimmed."""
    cut = []
    for token in tokens:
        if token.text == "," and cut:
            break
        cut.append(token)
    return _trimmed(cut) or tokens


def _segments(tokens: list[Token]) -> list[list[Token]]:
    """Comma-separated parts of a phrase, punctuation trimmed, empty parts dropped."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.text == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in map(_trimmed, parts) if part]


def _looks_like_name(tokens: list[Token], rules: QuoteRules) -> bool:
    """Two to four capitalised proper nouns: a person's name the NER missed; not a headline's
    common noun in capitals (``New Poll``, ``Former White House Doctor``)."""
    if not 2 <= len(tokens) <= 4 or not all(t.pos_ == "PROPN" and t.is_title for t in tokens):
        return False
    last = tokens[-1].lower_
    return not (last in rules.source_nouns or last in rules.org_nouns or last in rules.role_class)


def _best_mention(index: MentionIndex, phrase: list[Token], rules: QuoteRules) -> Span | None:
    """The entity a speaker phrase names: a person first, then an organisation or place."""
    indices = {t.i for t in phrase}
    mentions = [e for e in index.holding(indices) if e.label_ in SPEAKER_LABELS]
    if not mentions:
        return None
    first_cut = _cut_apposition(phrase)
    head_i = {t.i for t in first_cut}
    root = phrase_root(first_cut)
    common = root is not None and root.pos_ == "NOUN" and not root.ent_type_
    role = common and root is not None and root.lemma_.lower() in rules.role_class
    if role and root is not None:  # "Another RT America host, Abby Martin,": the person
        named = [
            e
            for e in mentions
            if e.label_ == "PERSON" and e.root.dep_ == "appos" and e.root.head.i == root.i
        ]
        if named:
            return named[0]
    for label in SPEAKER_LABELS:
        found = [
            e
            for e in mentions
            if e.label_ == label and any(i in head_i for i in range(e.start, e.end))
        ]
        heads = [e for e in found if _is_head_mention(e, first_cut)]
        if heads:
            return heads[-1]  # "Trump campaign spokesman Jason Miller": the head, not "Trump"
        if found and common and not role and root is not None:
            makers = [e for e in found if _modifies(e, root, rules)]
            if makers:  # "A Bloomberg poll shows", "research by the Center for ... found"
                return makers[-1]
        if found and label == "PERSON" and not common:
            return found[-1]  # not "Clinton" for "Clinton's rival"
    return None


def _modifies(ent: Span, root: Token, rules: QuoteRules) -> bool:
    """Whether a name modifies a thing as its maker: a compound or possessive of it, or the
    object of a ``by``/``from``/``of`` phrase on it or on a participle attached to it."""
    token = ent.root
    if token.head.i == root.i and token.dep_ in ("compound", "poss", "nmod"):
        return True
    prep = token.head if token.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in rules.maker_preps:
        return False
    attached = prep.head  # the thing itself, or "conducted" in "research conducted by X"
    return attached.i == root.i or (attached.dep_ == "acl" and attached.head.i == root.i)


def _is_head_mention(ent: Span, tokens: list[Token]) -> bool:
    """An organisation or place is the speaker only when it ends the phrase's first part or
    holds its syntactic head (``Azerbaijan's Defense Ministry``, not ``a Kremlin aide``)."""
    if not tokens:
        return False
    roots = [t for t in tokens if t.head.i not in {x.i for x in tokens} or t.head == t]
    return tokens[-1].i == ent.end - 1 or any(ent.start <= r.i < ent.end for r in roots)
