"""Quote attribution stage: direct, indirect and mixed quotes with their speakers.

Direct quotes are found from quotation marks (:mod:`~pipeline.stages.quote_marks`; a paragraph
that opens a quote and does not close it runs to its end; a quoted paragraph with no reporting
verb of its own continues the last speaker). Each gets its cue (a reporting verb or ``according
to``, :mod:`~pipeline.stages.cues`) from the text after the closing mark or before the opening
one, and its speaker from the cue (:mod:`~pipeline.stages.speakers`). Indirect speech is a
reporting verb with a clausal complement (``Baku said twelve servicemen were killed``),
``accuse X of Y``, ``CLAUSE, X said.`` and ``according to X, CLAUSE``. Speakers are resolved
to entity clusters, through pronouns (``he added``) and roles (``the spokesman``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.stages import extensions
from pipeline.stages.annotations import CONTENT_ROLES, Block, Quote, block_at, block_finder
from pipeline.stages.cues import (
    Cue,
    cue_at,
    cue_before_quotation,
    cue_candidates,
    cue_of_quotation,
    reported_content,
)
from pipeline.stages.doc_index import MentionIndex
from pipeline.stages.quote_marks import MarkScanner, Stretch, quoted_coverage
from pipeline.stages.quote_rules import QuoteRules, load_rules
from pipeline.stages.speaker_resolution import resolve_speakers
from pipeline.stages.speakers import (
    label_speaker,
    noun_phrase,
    speaker_from_phrase,
    speaker_phrase,
)
from pipeline.stages.turns import Turn, find_turns

extensions.register()

# Paragraphs between a quote and the last one for it to continue that speaker.
MAX_CONTINUATION_GAP = 2
# Layout roles where a paragraph may open with a speaker label ("PENCE: ..."), and where
# reported speech is read ("UN chief calls for de-escalation").
TURN_ROLES = CONTENT_ROLES | {"headline"}
REPORTED_ROLES = CONTENT_ROLES | {"headline"}
# Letters outside the quotation marks that make an indirect quote "mixed".
MIN_MIXED_LETTERS = 3
# How a participle cue hangs from the verb whose subject speaks ("began by saying", "...,
# adding that"), and how far up the tree that verb may be.
GOVERNED = ("advcl", "pcomp", "prep", "xcomp", "conj", "acl")
MAX_GOVERNING_STEPS = 4
# The most words of a quoted nickname between the parts of a name.
MAX_NICKNAME_WORDS = 2
# A cue without a subject of its own that hangs from another verb this way is the act of that
# verb's subject, even inside reported speech ("X denied that ... and blamed Y").
SHARED_SUBJECT = ("conj", "advcl")
# The most (part of speech, form, lemma) decisions of :func:`cue_candidates` kept.
MAX_CUE_DECISIONS = 100_000
SUBJECTS = ("nsubj", "nsubjpass")


class NewsQuotes:
    """Finds quotes and attributes them; results in ``doc._.quotes`` in text order."""

    def __init__(self, resources: str = "") -> None:
        self.rules = load_rules(resources)
        # Cues that only credit a name after a quotation ("...” ― Karen Bobadilla").
        self.byline_cues = frozenset(cue for _, cue in self.rules.after_quote_phrases)
        rules = self.rules
        self.marks = MarkScanner(rules.marks, rules.paragraph_openers, rules.stray_closings)
        # whether a word may start a cue, by string ids: the same for every document
        self._cue_decisions: dict[tuple[int, int, int], bool] = {}

    def __call__(self, doc: Doc) -> Doc:
        blocks = doc._.blocks or []
        text = doc.text  # built from every token on each access: read it once
        mentions = MentionIndex.of(doc)  # Doc.ents makes new spans on each access: read once
        turns = find_turns(doc, blocks, self.rules, TURN_ROLES, text)
        stretches = [s for s in self._stretches(text, blocks) if not _in_turn(s, turns)]
        inside = quoted_coverage(len(text), stretches)
        for turn in turns:
            inside[turn.label_start : turn.end] = [True] * (turn.end - turn.label_start)
        indirect = self._indirect(doc, inside, blocks, mentions)
        absorbed = _absorb_mixed(text, stretches, indirect)
        quotes: list[Quote] = []
        used_cues: dict[int, list[Quote]] = {}
        items: list[Stretch | Turn] = [*stretches, *turns]
        for item in sorted(items, key=lambda x: x.start):
            if isinstance(item, Turn):
                quotes.append(_turn_quote(doc, item, self.rules))
                continue
            if any(s is item for s in absorbed):
                continue
            quote = self._direct(
                doc, text, mentions, item, inside, blocks, quotes, used_cues, indirect
            )
            if quote is not None:
                quotes.append(quote)
        quotes += [quote for quote, verb in indirect if not _repeats(quote, used_cues.get(verb.i))]
        quotes.sort(key=lambda q: q.start)
        resolve_speakers(doc, quotes, self.rules, mentions=mentions)
        doc._.quotes = quotes
        return doc

    def _stretches(self, text: str, blocks: list[Block]) -> list[Stretch]:
        if not blocks:
            return self.marks.stretches(text, 0, len(text))
        found = []
        for block in blocks:
            if block.role in CONTENT_ROLES:
                found += self.marks.stretches(text, block.start, block.end)
        return found

    def _direct(
        self,
        doc: Doc,
        text: str,
        mentions: MentionIndex,
        stretch: Stretch,
        inside: list[bool],
        blocks: list[Block],
        previous: list[Quote],
        used_cues: dict[int, list[Quote]],
        indirect: list[tuple[Quote, Token]],
    ) -> Quote | None:
        """A quotation as a direct quote: attributed by its cue, else by reported speech whose
        content it is (``“...,” A LONG SPEAKER PHRASE said``), else continuing the last quote's
        speaker, else unattributed; None for short stretches without a cue."""
        content = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
        if content is None:
            return None
        if _nickname(doc, stretch, content):
            return None  # Marcia “Cia” Price
        quote = Quote(stretch.start, stretch.end, "direct")
        cue = cue_of_quotation(doc, stretch, inside, blocks, self.rules)
        if cue is not None and cue.lemma in self.byline_cues:
            self._attribute(doc, quote, cue, inside, mentions)
            if quote.speaker is None or quote.speaker.canonical is None:
                # "the “suburbs of St. Petersburg” — a metaphor for ...": a dash, not a byline
                quote.speaker, quote.cue, quote.cue_start, quote.cue_end = None, None, None, None
                cue = cue_before_quotation(doc, stretch, inside, blocks, self.rules)
        if cue is not None:
            used_cues.setdefault(cue.token.i, []).append(quote)
            self._attribute(doc, quote, cue, inside, mentions)
            return quote
        reported = _reported_as(text, stretch, indirect)
        if reported is not None:
            report, verb = reported
            used_cues.setdefault(verb.i, []).append(quote)
            quote.cue, quote.cue_start, quote.cue_end = report.cue, report.cue_start, report.cue_end
            quote.speaker = report.speaker
            return quote
        words = sum(1 for t in content if t.is_alpha)
        if words < self.rules.min_direct_words:
            return None  # a title, slogan, nickname or single word
        if words < self.rules.min_standalone_words and _embedded(doc, stretch):
            return None  # a scare quote inside the article's own sentence
        last = previous[-1] if previous else None
        if last is not None and _paragraph_gap(blocks, last.end, stretch.start) <= (
            MAX_CONTINUATION_GAP
        ):
            quote.speaker = last.speaker
            quote.cue = last.cue
        return quote

    def _indirect(
        self, doc: Doc, inside: list[bool], blocks: list[Block], mentions: MentionIndex
    ) -> list[tuple[Quote, Token]]:
        """Reported speech outside quotation marks: ``(quote, cue token)`` pairs."""
        found: list[tuple[Quote, Token]] = []
        block_of = block_finder(blocks)
        if len(self._cue_decisions) > MAX_CUE_DECISIONS:
            self._cue_decisions.clear()  # bounded: decided again as they come
        for i in cue_candidates(doc, self.rules, self._cue_decisions):  # where cue_at finds one
            token = doc[i]
            if inside[token.idx] or not _in_roles(block_of(token.idx), REPORTED_ROLES):
                continue
            cue = cue_at(token, self.rules)
            if cue is None or cue.lemma in self.rules.quotation_only_verbs:
                continue
            content = reported_content(doc, cue, self.rules)
            if content is None or content[1] <= content[0]:
                continue  # nothing reported (an empty stretch)
            start, end = content
            last = doc[end - 1]
            quote = Quote(doc[start].idx, last.idx + len(last.text), "indirect")
            self._attribute(doc, quote, cue, inside, mentions)
            if quote.speaker is not None:
                found.append((quote, token))
        return [(q, verb) for q, verb in found if not _nested_report(q, verb, found, self.rules)]

    def _attribute(
        self, doc: Doc, quote: Quote, cue: Cue, inside: list[bool], mentions: MentionIndex
    ) -> None:
        """Set the quote's cue and the speaker its cue credits (``mentions``: the document's)."""
        quote.cue = cue.lemma
        quote.cue_start, quote.cue_end = cue.token.idx, cue.end_char
        phrase = speaker_phrase(doc, cue.token, cue.end, inside, self.rules)
        if not phrase and any(c.dep_ == "ccomp" for c in cue.token.children):
            phrase = _governing_subject(cue.token, inside)
        quote.speaker = speaker_from_phrase(doc, phrase, self.rules, mentions)


def _reported_as(
    text: str, stretch: Stretch, indirect: list[tuple[Quote, Token]]
) -> tuple[Quote, Token] | None:
    """Reported speech whose content is this quotation and little else."""
    for quote, verb in indirect:
        if quote.start <= stretch.start and _words_end(text, stretch) <= quote.end:
            outside = text[quote.start : stretch.start] + text[stretch.outer_end : quote.end]
            if sum(c.isalpha() for c in outside) < MIN_MIXED_LETTERS:
                return quote, verb
    return None


def _nested_report(
    quote: Quote, verb: Token, found: list[tuple[Quote, Token]], rules: QuoteRules
) -> bool:
    """A cue inside what a verb of saying reports (``She said Trump had offered nothing but
    slogans``, ``He said aides told him ...``): the outer saying is the attribution."""
    if verb.dep_ in SHARED_SUBJECT and not any(c.dep_ in SUBJECTS for c in verb.children):
        return False  # "denied that ... and blamed X", "..., calling on them to": its own act
    return any(
        other is not quote
        and other.start <= verb.idx < other.end
        and not quote.start <= outer.idx < quote.end  # not each inside the other
        and outer.lemma_.lower() in rules.verbs
        for other, outer in found
    )


def _repeats(quote: Quote, direct: list[Quote] | None) -> bool:
    """Whether reported speech overlaps a quotation credited by the same cue (``“...,” he
    said`` read twice)."""
    return any(quote.start < d.end and d.start < quote.end for d in direct or [])


def _governing_subject(cue: Token, inside: list[bool]) -> list[Token]:
    """For a cue in a participle or gerund without a subject of its own that reports a clause
    (``began by saying he ...``, ``aside from saying ...``, ``..., adding that ...``), the
    subject of the verb it depends on, up the tree (empty when there is none)."""
    token = cue
    for _ in range(MAX_GOVERNING_STEPS):
        if token.dep_ not in GOVERNED or token.head.i == token.i:
            return []
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return [] if inside[subj.idx] else noun_phrase(subj)
    return []


def _absorb_mixed(
    text: str, stretches: list[Stretch], indirect: list[tuple[Quote, Token]]
) -> list[Stretch]:
    """Indirect quotes whose content holds a quoted part become ``mixed``; returns the
    stretches they absorb (no longer direct quotes of their own)."""
    absorbed = []
    for quote, _ in indirect:
        for stretch in stretches:
            # the content may start at the quotation's first word, its mark trimmed off
            if quote.start <= stretch.start and _words_end(text, stretch) <= quote.end:
                unquoted = text[quote.start : max(stretch.open_at, quote.start)].strip(" ,:")
                unquoted += text[stretch.outer_end : quote.end]
                if sum(c.isalpha() for c in unquoted) >= MIN_MIXED_LETTERS:
                    quote.kind = "mixed"
                    quote.end = max(quote.end, stretch.outer_end)
                    absorbed.append(stretch)
    return absorbed


def _words_end(text: str, stretch: Stretch) -> int:
    """Where a quotation's words end: its content without trailing punctuation."""
    end = stretch.end
    while end > stretch.start and not text[end - 1].isalnum():
        end -= 1
    return end


def _nickname(doc: Doc, stretch: Stretch, content: Span) -> bool:
    """A quoted word or two between the parts of a name (``Marcia “Cia” Price``)."""
    if sum(t.is_alpha for t in content) > MAX_NICKNAME_WORDS or stretch.close_at is None:
        return False
    mark = doc.char_span(stretch.open_at, stretch.outer_end, alignment_mode="expand")
    if mark is None or mark.start == 0 or mark.end >= len(doc):
        return False
    before, after = doc[mark.start - 1], doc[mark.end]
    return before.pos_ == "PROPN" and (after.pos_ == "PROPN" or after.is_title)


def _embedded(doc: Doc, stretch: Stretch) -> bool:
    """Whether a quotation sits inside a sentence of the article's own words: words of the
    same sentence before its opening mark, other than a colon introducing it."""
    mark = doc.char_span(stretch.open_at, stretch.open_at + 1, alignment_mode="expand")
    if mark is None:
        return False
    before = [t for t in doc[mark[0].sent.start : mark.start] if not t.is_space]
    return bool(before) and before[-1].text != ":" and any(t.is_alpha for t in before)


def _in_turn(stretch: Stretch, turns: list[Turn]) -> bool:
    return any(stretch.start < t.end and stretch.end > t.label_start for t in turns)


def _turn_quote(doc: Doc, turn: Turn, rules: QuoteRules) -> Quote:
    """A labelled paragraph as a direct quote of the label's speaker, cue ``:``."""
    quote = Quote(turn.start, turn.end, "direct", cue=":")
    quote.cue_start, quote.cue_end = turn.colon, turn.colon + 1
    quote.speaker = label_speaker(doc, turn.label_start, turn.label_end, rules)
    return quote


def _paragraph_gap(blocks: list[Block], a: int, b: int) -> int:
    """Paragraphs between character offsets ``a`` and ``b``."""
    block_a, block_b = block_at(blocks, a), block_at(blocks, b)
    return (block_b.paragraph if block_b else 0) - (block_a.paragraph if block_a else 0)


def _in_roles(block: Block | None, roles: frozenset[str]) -> bool:
    """Whether a character in ``block`` (None: outside every block) may hold ``roles``."""
    return block is None or block.role in roles


@Language.factory(
    "news_quotes",
    default_config={"resources": ""},
    requires=["doc.ents", "token.dep", "doc._.blocks"],
    assigns=["doc._.quotes"],
)
def make_news_quotes(nlp: Language, name: str, resources: str) -> NewsQuotes:
    """Factory for :class:`NewsQuotes`."""
    return NewsQuotes(resources)
