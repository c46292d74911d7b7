"""Quote attribution stage: direct, indirect and mixed quotes with their speakers.

Direct quotes are found from quotation marks (a paragraph that opens a quote and does not
close it runs to its end; a quoted paragraph with no reporting verb of its own continues the
last speaker). Each gets its cue (a reporting verb or ``according to``) from the text after
the closing mark or before the opening one, and its speaker from the cue. Indirect speech is
a reporting verb with a clausal complement (``Baku said twelve servicemen were killed``),
``accuse X of Y``, ``CLAUSE, X said.`` and ``according to X, CLAUSE``. Speakers are resolved
to entity clusters, through pronouns (``he added``) and roles (``the spokesman``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.stages import extensions
from pipeline.resources import load_resource, word_set

extensions.register()

SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
CLOSING_MARKS = frozenset({'"', "”", "’", "»", "›", "“", "''"})
INDEFINITE = frozenset({"a", "an", "another", "one", "some"})
CONTENT_ROLES = frozenset({"body", "subheadline"})


@dataclass
class Quote:
    """One attributed quote; offsets index the document text."""

    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_canonical: str | None = None
    speaker_cluster_id: int | None = None
    speaker_label: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class Stretch:
    """Text between quotation marks: ``start``/``end`` exclude the marks."""

    open_at: int
    close_at: int | None
    start: int
    end: int
    close_len: int = 1

    @property
    def outer_end(self) -> int:
        """End of the stretch including its closing mark (or of the content if unclosed)."""
        return self.close_at + self.close_len if self.close_at is not None else self.end


@dataclass(frozen=True)
class QuoteRules:
    """Quote knowledge from ``quotes.toml``."""

    verbs: frozenset[str]
    object_verbs: dict[str, tuple[str, ...]]
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    role_class: dict[str, str]
    org_nouns: frozenset[str]
    marks: dict[str, str]
    min_direct_words: int
    after_window: int


@lru_cache(maxsize=8)
def load_rules(resources: str = "") -> QuoteRules:
    """Read the quote resource file (built-in when ``resources`` is empty)."""
    data = load_resource("quotes.toml", resources)
    role_class = {w.lower(): cls for cls, words in data["roles"].items() for w in words}
    return QuoteRules(
        verbs=word_set(data["reporting_verbs"]),
        object_verbs={k: tuple(v) for k, v in data["object_content_verbs"].items()},
        phrases=tuple((tuple(p["words"]), p["cue"]) for p in data["phrases"]),
        person_pronouns=word_set(data["person_pronouns"]),
        group_pronouns=word_set(data["group_pronouns"]),
        role_class=role_class,
        org_nouns=word_set(data["org_nouns"]),
        marks=dict(data["marks"]),
        min_direct_words=int(data["limits"]["min_direct_words"]),
        after_window=int(data["limits"]["after_window"]),
    )


# -- quotation marks -------------------------------------------------------------------------


def find_stretches(text: str, start: int, end: int, marks: dict[str, str]) -> list[Stretch]:
    """Quoted stretches in ``text[start:end]`` (one paragraph); an unclosed one runs to the end.

    Marks may be several characters long (``''`` and ``` `` ``` in older wire copy).
    """
    openers = sorted(marks, key=len, reverse=True)
    found: list[Stretch] = []
    open_at: int | None = None
    open_len = 1
    closing = ""
    i = start
    while i < end:
        if open_at is None:
            mark = next((m for m in openers if text.startswith(m, i)), None)
            if mark is not None and _can_open(text, i, start, len(mark)):
                open_at, open_len, closing = i, len(mark), marks[mark]
                i += len(mark)
                continue
        elif text.startswith(closing, i) and _can_close(text, i + len(closing), end, closing):
            found.append(_stretch(text, open_at, i, open_at + open_len, i, close_len=len(closing)))
            open_at = None
            i += len(closing)
            continue
        i += 1
    if open_at is not None:
        found.append(_stretch(text, open_at, None, open_at + open_len, end))
    return [s for s in found if s.end > s.start]


def _can_open(text: str, i: int, start: int, length: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + length] if i + length < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()


def _can_close(text: str, after_at: int, end: int, closing: str) -> bool:
    """Straight and doubled-apostrophe marks close only before a non-letter."""
    if closing not in ('"', "''"):
        return True
    after = text[after_at] if after_at < end else " "
    return not after.isalnum()


def _stretch(
    text: str, open_at: int, close_at: int | None, start: int, end: int, close_len: int = 1
) -> Stretch:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Stretch(open_at, close_at, start, end, close_len)


# -- the stage -------------------------------------------------------------------------------


class NewsQuotes:
    """Finds quotes and attributes them; results in ``doc._.quotes`` in text order."""

    def __init__(self, resources: str = "") -> None:
        self.rules = load_rules(resources)

    def __call__(self, doc: Doc) -> Doc:
        stretches = self._stretches(doc)
        inside = _coverage(len(doc.text), [(s.open_at, s.outer_end) for s in stretches])
        quotes: list[Quote] = []
        used_cues: set[int] = set()
        indirect = self._indirect(doc, inside, used_cues=set())
        mixed_claims = self._mixed(doc, stretches, indirect)
        for stretch in stretches:
            if any(s is stretch for s in mixed_claims):
                continue
            quote = self._direct(doc, stretch, inside, quotes, used_cues)
            if quote is not None:
                quotes.append(quote)
        for quote, verb in indirect:
            if verb is not None and verb.i in used_cues:
                continue
            quotes.append(quote)
        quotes.sort(key=lambda q: q.start)
        self._resolve_all(doc, quotes)
        doc._.quotes = quotes
        return doc

    def _stretches(self, doc: Doc) -> list[Stretch]:
        blocks = [b for b in (doc._.blocks or []) if b.role in CONTENT_ROLES]
        if not doc._.blocks:
            return find_stretches(doc.text, 0, len(doc.text), self.rules.marks)
        found = []
        for block in blocks:
            found += find_stretches(doc.text, block.start, block.end, self.rules.marks)
        return found

    # -- direct quotes ---------------------------------------------------------------------

    def _direct(
        self,
        doc: Doc,
        stretch: Stretch,
        inside: list[bool],
        previous: list[Quote],
        used_cues: set[int],
    ) -> Quote | None:
        content = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
        if content is None:
            return None
        words = sum(1 for t in content if t.is_alpha)
        quote = Quote(stretch.start, stretch.end, "direct")
        cue = (
            self._cue_after(doc, stretch, inside)
            or self._cue_before(doc, stretch, inside)
            or self._cue_introducing(doc, stretch, inside)
        )
        if cue is not None:
            token, cue_end, lemma = cue
            used_cues.add(token.i)
            self._set_cue(quote, doc, token, cue_end, lemma)
            self._set_speaker(quote, doc, self._speaker_of(doc, token, cue_end, inside))
            quote.confidence = 0.9
            return quote
        if words < self.rules.min_direct_words:
            return None
        last = previous[-1] if previous else None
        if last is not None and self._paragraph_gap(doc, last.end, stretch.start) <= 2:
            quote.speaker_canonical = last.speaker_canonical
            quote.speaker_cluster_id = last.speaker_cluster_id
            quote.speaker = last.speaker
            quote.speaker_start, quote.speaker_end = last.speaker_start, last.speaker_end
            quote.speaker_label = last.speaker_label
            quote.cue = last.cue
            quote.confidence = 0.7
        else:
            quote.confidence = 0.3
        return quote

    def _paragraph_gap(self, doc: Doc, a: int, b: int) -> int:
        blocks = doc._.blocks or []
        pa = next((x.paragraph for x in reversed(blocks) if x.start <= a), 0)
        pb = next((x.paragraph for x in reversed(blocks) if x.start <= b), 0)
        return pb - pa

    def _cue_after(
        self, doc: Doc, stretch: Stretch, inside: list[bool]
    ) -> tuple[Token, int, str] | None:
        if stretch.close_at is None:
            return None
        first = doc.char_span(stretch.close_at, stretch.outer_end, alignment_mode="expand")
        if first is None:
            return None
        sent_end = first[0].sent.end
        window = doc[first.end : min(sent_end, first.end + self.rules.after_window)]
        return self._first_cue(window, inside)

    def _cue_before(
        self, doc: Doc, stretch: Stretch, inside: list[bool]
    ) -> tuple[Token, int, str] | None:
        mark = doc.char_span(stretch.open_at, stretch.open_at + 1, alignment_mode="expand")
        if mark is None:
            return None
        sent = mark[0].sent
        return self._first_cue(reversed(doc[sent.start : mark.start]), inside)

    def _cue_introducing(
        self, doc: Doc, stretch: Stretch, inside: list[bool]
    ) -> tuple[Token, int, str] | None:
        """``The New York Times reports:`` closing the paragraph before a quoted paragraph."""
        blocks = doc._.blocks or []
        index = next((i for i, b in enumerate(blocks) if b.start == stretch.open_at), None)
        if not index:
            return None
        before = blocks[index - 1]
        if not doc.text[before.start : before.end].rstrip().endswith(":"):
            return None
        last = doc.char_span(before.end - 1, before.end, alignment_mode="expand")
        if last is None:
            return None
        sent = last[0].sent
        return self._first_cue(reversed(doc[sent.start : last.end]), inside)

    def _first_cue(
        self, tokens: Iterable[Token], inside: list[bool]
    ) -> tuple[Token, int, str] | None:
        """The first cue among ``tokens``, stopping at quoted text."""
        for token in tokens:
            if inside[token.idx]:
                break
            cue = self._cue_at(token)
            if cue is not None:
                return cue
        return None

    def _cue_at(self, token: Token) -> tuple[Token, int, str] | None:
        """``(cue token, end token index, lemma)`` when a cue starts at ``token``."""
        if (
            token.lemma_.lower() in self.rules.verbs
            and token.pos_ in ("VERB", "AUX")
            and token.lemma_.lower() != "be"
        ):
            return token, token.i + 1, token.lemma_.lower()
        for words, lemma in self.rules.phrases:
            span = token.doc[token.i : token.i + len(words)]
            if tuple(t.lower_ for t in span) == words:
                return token, token.i + len(words), lemma
        return None

    def _set_cue(self, quote: Quote, doc: Doc, token: Token, cue_end: int, lemma: str) -> None:
        quote.cue = lemma
        quote.cue_start = token.idx
        last = doc[cue_end - 1]
        quote.cue_end = last.idx + len(last.text)

    # -- indirect and mixed ----------------------------------------------------------------

    def _indirect(
        self, doc: Doc, inside: list[bool], used_cues: set[int]
    ) -> list[tuple[Quote, Token | None]]:
        """Reported speech outside quotation marks: ``(quote, cue token)`` pairs."""
        found: list[tuple[Quote, Token | None]] = []
        for token in doc:
            if inside[token.idx] or not self._in_content_block(doc, token.idx):
                continue
            cue = self._cue_at(token)
            if cue is None:
                continue
            _, cue_end, lemma = cue
            content = self._content(doc, token, cue_end, lemma)
            if content is None:
                continue
            start, end = content
            quote = Quote(doc[start].idx, _end_char(doc[end - 1]), "indirect")
            quote.confidence = 0.7
            self._set_cue(quote, doc, token, cue_end, lemma)
            self._set_speaker(quote, doc, self._speaker_of(doc, token, cue_end, inside))
            if quote.speaker is None:
                continue
            found.append((quote, token))
        return found

    def _in_content_block(self, doc: Doc, char: int) -> bool:
        blocks = doc._.blocks
        if not blocks:
            return True
        block = next((b for b in reversed(blocks) if b.start <= char), None)
        return block is None or block.role in CONTENT_ROLES

    def _content(self, doc: Doc, cue: Token, cue_end: int, lemma: str) -> tuple[int, int] | None:
        """Token range ``[start, end)`` of the reported content of a cue, if it has one."""
        if lemma == "according to":
            return self._according_content(doc, cue, cue_end)
        if lemma in self.rules.object_verbs:
            prep_words = self.rules.object_verbs[lemma]
            obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
            candidates = [*cue.children, *(obj.children if obj is not None else [])]
            prep = next(
                (
                    c
                    for c in candidates
                    if c.dep_ == "prep" and c.lower_ in prep_words and c.i > cue.i
                ),
                None,
            )
            if obj is not None and prep is not None and any(True for _ in prep.children):
                return _trim(doc, obj.left_edge.i, prep.right_edge.i + 1)
        comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if comp is not None and comp.i > cue.i:
            start, end = comp.left_edge.i, comp.right_edge.i + 1
            while start < end and doc[start].dep_ == "mark" and doc[start].head == comp:
                start += 1
            if start > cue.i and end - start >= 2:
                return _trim(doc, start, end)
        return self._fronted_content(doc, cue)

    def _fronted_content(self, doc: Doc, cue: Token) -> tuple[int, int] | None:
        """``CLAUSE, SPEAKER said (ADVERBIALS).``: the clause before the speaker's comma;
        ``..., he said, CLAUSE.``: the clause after a parenthetical attribution."""
        sent = cue.sent
        comma = _speaker_comma(doc, cue)
        if comma is None or doc[comma].text != ",":
            return None
        after = doc[cue.i + 1 : sent.end]
        if any(t.pos_ in ("VERB", "AUX") for t in after):
            if cue.i + 1 < sent.end and doc[cue.i + 1].text == ",":
                start, end = _trim(doc, cue.i + 2, sent.end)
                if end - start >= 3:
                    return start, end
            return None
        start, end = _trim(doc, sent.start, comma)
        clause = doc[start:end]
        if len(clause) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in clause):
            return None
        return start, end

    def _according_content(self, doc: Doc, cue: Token, cue_end: int) -> tuple[int, int] | None:
        sent = cue.sent
        phrase_end = (
            max(t.i for t in doc[cue.i : cue_end][-1].subtree) + 1
            if list(doc[cue_end - 1].children)
            else cue_end
        )
        before = _trim(doc, sent.start, cue.i)
        after = _trim(doc, phrase_end, sent.end)
        best = max((before, after), key=lambda r: r[1] - r[0])
        if best[1] - best[0] < 3:
            return None
        return best

    def _mixed(
        self, doc: Doc, stretches: list[Stretch], indirect: list[tuple[Quote, Token | None]]
    ) -> list[Stretch]:
        """Indirect quotes whose content holds a quoted part become ``mixed``; returns the
        stretches they absorb (no longer direct quotes of their own)."""
        absorbed = []
        for quote, _ in indirect:
            for stretch in stretches:
                if quote.start <= stretch.open_at and stretch.outer_end <= quote.end:
                    unquoted = doc.text[quote.start : stretch.open_at].strip(" ,:")
                    unquoted += doc.text[stretch.outer_end : quote.end]
                    if sum(c.isalpha() for c in unquoted) >= 3:
                        quote.kind = "mixed"
                        absorbed.append(stretch)
        return absorbed

    # -- speakers --------------------------------------------------------------------------

    def _speaker_of(self, doc: Doc, cue: Token, cue_end: int, inside: list[bool]) -> list[Token]:
        """The tokens of the phrase credited by a cue (may be empty)."""
        if cue.lower_ == "according" or cue.lower_ == "quoted":
            obj = [t for t in doc[cue_end - 1].children if t.dep_ == "pobj"]
            if obj:
                return _phrase(obj[0])
            return [t for t in doc[cue_end : cue.sent.end] if not t.is_punct][:6]
        comma = _speaker_comma(doc, cue)
        subj = _subject(cue)
        if comma is not None:
            stretch = [t for t in doc[comma + 1 : cue.i] if not inside[t.idx]]
            if stretch:
                return stretch
        if subj is not None and not inside[subj.idx]:
            return _phrase(subj)
        inverted = cue.i > 0 and (
            doc[cue.i - 1].text in CLOSING_MARKS
            or inside[doc[cue.i - 1].idx]
            or doc[cue.i - 1].text == ","
        )
        if not inverted:
            return []
        after = []
        for token in doc[cue.i + 1 : cue.sent.end]:
            if token.is_punct or inside[token.idx] or token.pos_ in ("VERB", "AUX", "ADP"):
                break
            after.append(token)
        return after

    def _set_speaker(self, quote: Quote, doc: Doc, phrase: list[Token]) -> None:
        if not phrase:
            return
        segments = _segments(phrase)
        mention = _best_mention(doc, phrase)
        for segment in reversed(segments):
            if mention is not None:
                break
            mention = _best_mention(doc, segment)
        if mention is not None:
            quote.speaker = mention.text
            quote.speaker_start, quote.speaker_end = mention.start_char, mention.end_char
            quote.speaker_canonical = mention._.canonical
            quote.speaker_cluster_id = mention._.cluster_id
            quote.speaker_label = mention.label_
            return
        named = [seg for seg in segments if _looks_like_name(seg)]
        tokens = named[-1] if named else (segments[-1] if segments else phrase)
        quote.speaker = doc.text[tokens[0].idx : _end_char(tokens[-1])]
        quote.speaker_start, quote.speaker_end = tokens[0].idx, _end_char(tokens[-1])
        if named:
            quote.speaker_canonical = quote.speaker  # a name the NER missed
            quote.speaker_label = "PERSON"

    def _resolve_all(self, doc: Doc, quotes: list[Quote]) -> None:
        """Resolve pronoun and role speakers through the article, in text order."""
        for i, quote in enumerate(quotes):
            if quote.speaker is None or quote.speaker_canonical is not None:
                continue
            if quote.speaker_start is None:
                continue
            span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
            if span is None:
                continue
            contents = [(q.start, q.end) for q in quotes]
            target = self._resolve(doc, span, quotes[:i], contents)
            if target is not None:
                quote.speaker_canonical, quote.speaker_cluster_id, quote.speaker_label = target
                quote.confidence = min(quote.confidence, 0.75)
        # continuation quotes copy their predecessor after it has been resolved
        for prev, quote in zip(quotes, quotes[1:], strict=False):
            if (
                quote.cue_start is None
                and quote.speaker is not None
                and quote.speaker_canonical is None
                and quote.speaker_start == prev.speaker_start
            ):
                quote.speaker_canonical = prev.speaker_canonical
                quote.speaker_cluster_id = prev.speaker_cluster_id

    def _resolve(
        self, doc: Doc, span: Span, earlier: list[Quote], contents: list[tuple[int, int]]
    ) -> tuple[str, int | None, str] | None:
        head = span.root
        word = head.lower_
        named = [q for q in earlier if q.speaker_canonical is not None]
        if len(span) == 1 and word in self.rules.person_pronouns:
            return _nearest(doc, span, named, contents, ("PERSON",))
        if len(span) == 1 and word in self.rules.group_pronouns:
            return _nearest(doc, span, named, contents, ("ORG", "GPE", "NORP"))
        if span[0].lower_ in INDEFINITE:
            return None  # "a UN spokeswoman": someone new, not someone named before
        role = self.rules.role_class.get(head.lemma_.lower()) or self.rules.role_class.get(word)
        if role is not None:
            person = self._person_with_role(doc, role, span.start)
            if person is not None:
                return person
            for quote in reversed(named):
                if quote.speaker_label == "PERSON":
                    return quote.speaker_canonical, quote.speaker_cluster_id, "PERSON"
        if head.lemma_.lower() in self.rules.org_nouns:
            word_title = head.text.capitalize()
            for ent in reversed([e for e in doc.ents if e.start < span.start]):
                if ent.label_ == "ORG" and word_title in ent.text:
                    return ent._.canonical, ent._.cluster_id, "ORG"
        return None

    def _person_with_role(self, doc: Doc, role: str, before: int) -> tuple[str, int, str] | None:
        candidates = [e for e in doc.ents if e.label_ == "PERSON"]
        ordered = [e for e in reversed(candidates) if e.start < before] + [
            e for e in candidates if e.start >= before
        ]
        for ent in ordered:
            if role in self._roles_of(doc, ent):
                return ent._.canonical, ent._.cluster_id, "PERSON"
        return None

    def _roles_of(self, doc: Doc, ent: Span) -> set[str]:
        """Role classes named next to a person: titles before the name, appositions."""
        words = []
        for token in reversed(doc[max(ent.sent.start, ent.start - 8) : ent.start]):
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
                if key in self.rules.role_class:
                    classes.add(self.rules.role_class[key])
        return classes


# -- small helpers -----------------------------------------------------------------------------


def _coverage(length: int, ranges: list[tuple[int, int]]) -> list[bool]:
    covered = [False] * (length + 1)
    for start, end in ranges:
        for i in range(start, min(end, length)):
            covered[i] = True
    return covered


def _end_char(token: Token) -> int:
    return token.idx + len(token.text)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and spaces at both ends of a token range."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _subject(verb: Token) -> Token | None:
    for candidate in (verb, verb.head if verb.dep_ in ("conj", "xcomp", "advcl") else None):
        if candidate is None:
            continue
        subj = next((c for c in candidate.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
    return None


def _speaker_comma(doc: Doc, cue: Token) -> int | None:
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
        if token.pos_ in ("VERB", "AUX") or cue.i - i > 60:
            return found
        if token.text in CLOSING_MARKS:
            return i if _has_noun(doc[i + 1 : cue.i]) else None
        if token.text == ",":
            if not _has_noun(doc[i + 1 : found if found is not None else cue.i]):
                return found
            found = i
        i -= 1
    return None


def _has_noun(tokens: Span) -> bool:
    return any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in tokens)


def _phrase(head: Token) -> list[Token]:
    """A noun phrase: the head's subtree without relative clauses."""
    skip = set()
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl"):
            skip |= {t.i for t in child.subtree}
    return [t for t in head.subtree if t.i not in skip]


def _cut_apposition(tokens: list[Token]) -> list[Token]:
    """Tokens up to the first comma, punctuation trimmed."""
    cut = []
    for token in tokens:
        if token.text == "," and cut:
            break
        cut.append(token)
    while cut and (cut[0].is_punct or cut[0].is_space):
        cut.pop(0)
    while cut and (cut[-1].is_punct or cut[-1].is_space):
        cut.pop()
    return cut or tokens


def _segments(tokens: list[Token]) -> list[list[Token]]:
    """Comma-separated parts of a phrase, punctuation trimmed, empty parts dropped."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.text == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    trimmed = []
    for part in parts:
        while part and (part[0].is_punct or part[0].is_space):
            part = part[1:]
        while part and (part[-1].is_punct or part[-1].is_space):
            part = part[:-1]
        if part:
            trimmed.append(part)
    return trimmed


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


def _nearest(
    doc: Doc,
    pronoun: Span,
    speakers: list[Quote],
    contents: list[tuple[int, int]],
    labels: tuple[str, ...],
) -> tuple[str, int | None, str] | None:
    """What a pronoun speaker refers to: the nearest earlier speaker or name with a fitting
    label, leaving out names inside quoted or reported content."""
    best: tuple[int, tuple[str, int | None, str]] | None = None
    for quote in speakers:
        if (
            quote.speaker_label in labels
            and quote.speaker_start is not None
            and quote.speaker_start < pronoun.start_char
        ):
            candidate = (
                quote.speaker_start,
                (quote.speaker_canonical, quote.speaker_cluster_id, quote.speaker_label),
            )
            best = candidate if best is None or candidate[0] > best[0] else best
    for ent in doc.ents:
        if ent.label_ not in labels or ent.end_char > pronoun.start_char:
            continue
        if any(start <= ent.start_char < end for start, end in contents):
            continue
        if best is None or ent.start_char > best[0]:
            best = (ent.start_char, (ent._.canonical, ent._.cluster_id, ent.label_))
    return best[1] if best is not None else None


@Language.factory(
    "news_quotes",
    default_config={"resources": ""},
    requires=["doc.ents", "token.dep", "doc._.blocks"],
    assigns=["doc._.quotes"],
)
def make_news_quotes(nlp: Language, name: str, resources: str) -> NewsQuotes:
    """Factory for :class:`NewsQuotes`."""
    return NewsQuotes(resources)
