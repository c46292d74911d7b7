"""Who said it: the speaker phrase of a cue, the mention it names, and resolution of pronoun
and role speakers (``he added``, ``the spokesman said``) to entities named in the article.

Used by the quote stage; every function reads the document's parse and entities and returns
values, nothing is set on the ``Doc`` here.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from pipeline.stages.annotations import Quote, Speaker
from pipeline.stages.quote_rules import QuoteRules

SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
GROUP_LABELS = ("ORG", "GPE", "NORP")
SUBJECTS = ("nsubj", "nsubjpass")
# Speaker phrases end before relative and adverbial clauses.
CLAUSES = ("relcl", "acl", "advcl")
# Tokens more than this far before a cue are never part of its speaker phrase.
MAX_SPEAKER_DISTANCE = 60
# Tokens before a name searched for role words (``the ministry's spokesman, NAME``).
ROLE_WINDOW = 8

Resolved = tuple[str | None, int | None, str]  # canonical, cluster_id, label


# -- the phrase a cue credits -----------------------------------------------------------------


def speaker_phrase(
    doc: Doc, cue: Token, cue_end: int, inside: list[bool], rules: QuoteRules
) -> list[Token]:
    """The tokens of the phrase credited by a cue (may be empty): the object of ``according
    to``, the words between a speaker comma and the cue, the subject, or the words after an
    inverted cue (``..., said the minister``)."""
    if cue.lower_ in rules.object_speaker_words:
        obj = [t for t in doc[cue_end - 1].children if t.dep_ == "pobj"]
        if obj:
            return noun_phrase(obj[0])
        return [t for t in doc[cue_end : cue.sent.end] if not t.is_punct][:6]
    comma = speaker_comma(doc, cue, rules.closing_marks)
    subj = subject_of(cue)
    if comma is not None:
        stretch = [t for t in doc[comma + 1 : cue.i] if not inside[t.idx]]
        if stretch:
            return stretch
    if subj is not None and not inside[subj.idx]:
        return noun_phrase(subj)
    before = doc[cue.i - 1] if cue.i > 0 else None
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


def speaker_comma(doc: Doc, cue: Token, closing_marks: frozenset[str]) -> int | None:
    """Index of the comma (or closing quotation mark) that opens ``, SPEAKER said`` before a
    cue, skipping appositions (``..., the governor, Pascal Kibwe, said``); None when the
    words before the cue up to the sentence start are all the subject."""
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
    """The verb's subject, or that of the verb it is conjoined to or complements."""
    for candidate in (verb, verb.head if verb.dep_ in ("conj", "xcomp", "advcl") else None):
        if candidate is None:
            continue
        subj = next((c for c in candidate.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
    return None


def noun_phrase(head: Token) -> list[Token]:
    """A noun phrase: the head's subtree without relative clauses."""
    skip = set()
    for child in head.children:
        if child.dep_ in CLAUSES:
            skip |= {t.i for t in child.subtree}
    return [t for t in head.subtree if t.i not in skip]


def _has_noun(tokens: Span) -> bool:
    return any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in tokens)


# -- the mention a phrase names ----------------------------------------------------------------


def speaker_from_phrase(doc: Doc, phrase: list[Token]) -> Speaker | None:
    """The speaker a phrase names: an entity mention (a person first), else a name the NER
    missed, else the phrase's last comma-separated part, unresolved (``the spokesman``)."""
    if not phrase:
        return None
    segments = _segments(phrase)
    mention = _best_mention(doc, phrase)
    for segment in reversed(segments):
        if mention is not None:
            break
        mention = _best_mention(doc, segment)
    if mention is not None:
        return Speaker(
            text=mention.text,
            start=mention.start_char,
            end=mention.end_char,
            canonical=mention._.canonical,
            cluster_id=mention._.cluster_id,
            label=mention.label_,
        )
    named = [seg for seg in segments if _looks_like_name(seg)]
    tokens = named[-1] if named else (segments[-1] if segments else phrase)
    start, end = tokens[0].idx, _end_char(tokens[-1])
    text = doc.text[start:end]
    if named:  # a name the NER missed
        return Speaker(text=text, start=start, end=end, canonical=text, label="PERSON")
    return Speaker(text=text, start=start, end=end)


def _end_char(token: Token) -> int:
    return token.idx + len(token.text)


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


def _looks_like_name(tokens: list[Token]) -> bool:
    """Two to four capitalised proper nouns: a person's name the NER missed."""
    return 2 <= len(tokens) <= 4 and all(t.pos_ == "PROPN" and t.is_title for t in tokens)


def _best_mention(doc: Doc, phrase: list[Token]) -> Span | None:
    """The entity a speaker phrase names: a person first, then an organisation or place."""
    indices = {t.i for t in phrase}
    mentions = [
        e
        for e in doc.ents
        if e.label_ in SPEAKER_LABELS and any(i in indices for i in range(e.start, e.end))
    ]
    if not mentions:
        return None
    first_cut = _cut_apposition(phrase)
    head_i = {t.i for t in first_cut}
    for label in SPEAKER_LABELS:
        for ent in mentions:
            if ent.label_ == label and any(i in head_i for i in range(ent.start, ent.end)):
                if label == "PERSON" or _is_head_mention(ent, first_cut):
                    return ent
    return None


def _is_head_mention(ent: Span, tokens: list[Token]) -> bool:
    """An organisation or place is the speaker only when it ends the phrase's first part or
    holds its syntactic head (``Azerbaijan's Defense Ministry``, not ``a Kremlin aide``)."""
    if not tokens:
        return False
    roots = [t for t in tokens if t.head.i not in {x.i for x in tokens} or t.head == t]
    return tokens[-1].i == ent.end - 1 or any(ent.start <= r.i < ent.end for r in roots)


# -- resolution through the article ------------------------------------------------------------


def resolve_speakers(doc: Doc, quotes: list[Quote], rules: QuoteRules) -> None:
    """Resolve pronoun and role speakers through the article, in text order (sets
    ``quote.speaker`` to a resolved copy; lowers the confidence of resolved quotes)."""
    contents = [(q.start, q.end) for q in quotes]
    for i, quote in enumerate(quotes):
        speaker = quote.speaker
        if speaker is None or speaker.canonical is not None:
            continue
        span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        if span is None:
            continue
        target = _resolve(doc, span, quotes[:i], contents, rules)
        if target is not None:
            canonical, cluster_id, label = target
            quote.speaker = replace(
                speaker, canonical=canonical, cluster_id=cluster_id, label=label
            )
            quote.confidence = min(quote.confidence, 0.75)
    # continuation quotes copy their predecessor after it has been resolved
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


def _resolve(
    doc: Doc, span: Span, earlier: list[Quote], contents: list[tuple[int, int]], rules: QuoteRules
) -> Resolved | None:
    head = span.root
    word = head.lower_
    named = [
        q.speaker for q in earlier if q.speaker is not None and q.speaker.canonical is not None
    ]
    if len(span) == 1 and word in rules.person_pronouns:
        return _nearest(doc, span, named, contents, ("PERSON",))
    if len(span) == 1 and word in rules.group_pronouns:
        return _nearest(doc, span, named, contents, GROUP_LABELS)
    if span[0].lower_ in rules.indefinite:
        return None  # "a UN spokeswoman": someone new, not someone named before
    role = rules.role_class.get(head.lemma_.lower()) or rules.role_class.get(word)
    if role is not None:
        person = _person_with_role(doc, role, span.start, rules)
        if person is not None:
            return person
        for speaker in reversed(named):
            if speaker.label == "PERSON":
                return speaker.canonical, speaker.cluster_id, "PERSON"
    if head.lemma_.lower() in rules.org_nouns:
        word_title = head.text.capitalize()
        for ent in reversed([e for e in doc.ents if e.start < span.start]):
            if ent.label_ == "ORG" and word_title in ent.text:
                return ent._.canonical, ent._.cluster_id, "ORG"
    return None


def _person_with_role(doc: Doc, role: str, before: int, rules: QuoteRules) -> Resolved | None:
    """The nearest person named with a role of class ``role``, earlier ones first."""
    candidates = [e for e in doc.ents if e.label_ == "PERSON"]
    ordered = [e for e in reversed(candidates) if e.start < before] + [
        e for e in candidates if e.start >= before
    ]
    for ent in ordered:
        if role in _roles_of(doc, ent, rules):
            return ent._.canonical, ent._.cluster_id, "PERSON"
    return None


def _roles_of(doc: Doc, ent: Span, rules: QuoteRules) -> set[str]:
    """Role classes named next to a person: titles before the name, appositions."""
    words = []
    for token in reversed(doc[max(ent.sent.start, ent.start - ROLE_WINDOW) : ent.start]):
        if token.pos_ in ("VERB", "AUX") or token.ent_type_ == "PERSON" or token.text == ",":
            break
        words.append(token)
    root = ent.root
    words += [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    if root.dep_ == "appos":
        words.append(root.head)
    classes = set()
    for token in words:
        for key in (token.lower_, token.lemma_.lower()):
            if key in rules.role_class:
                classes.add(rules.role_class[key])
    return classes


def _nearest(
    doc: Doc,
    pronoun: Span,
    speakers: list[Speaker],
    contents: list[tuple[int, int]],
    labels: tuple[str, ...],
) -> Resolved | None:
    """What a pronoun speaker refers to: the nearest earlier speaker or name with a fitting
    label, leaving out names inside quoted or reported content."""
    best: tuple[int, Resolved] | None = None
    for speaker in speakers:
        if speaker.label in labels and speaker.start < pronoun.start_char:
            candidate = (speaker.start, (speaker.canonical, speaker.cluster_id, speaker.label))
            best = candidate if best is None or candidate[0] > best[0] else best
    for ent in doc.ents:
        if ent.label_ not in labels or ent.end_char > pronoun.start_char:
            continue
        if any(start <= ent.start_char < end for start, end in contents):
            continue
        if best is None or ent.start_char > best[0]:
            best = (ent.start_char, (ent._.canonical, ent._.cluster_id, ent.label_))
    return best[1] if best is not None else None
