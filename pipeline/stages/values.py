"""Date and number normalisation stage.

DATE and TIME mentions get a TIMEX3 value and type anchored on ``doc._.published`` (the tense
of the governing verb decides whether ``Monday`` is last or next Monday); numeric mentions
(CARDINAL, QUANTITY, MONEY, PERCENT, ORDINAL) get a decimal value, a unit (``%``, an ISO
currency, a measure, or the counted noun: ``twelve servicemen`` -> ``servicemen``) and an
``approximate`` flag for vague or hedged counts (a share below one, ``one-third of the
claims``, has no counted noun). Vague counts the model missed
(``dozens of people``) are added as CARDINAL mentions. A time of day written without its day
takes the day named right beside it (``around 10 p.m. on Friday``), as TimeML dates it; a
time of day right before its day is one mention with it (``noon Saturday``). A mention listing
dates (``April 24 and 25``) becomes one mention per date; a range stays one interval
(:mod:`pipeline.stages.timex_ranges`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from spacy.attrs import LOWER, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from pipeline.resources import load_resource
from pipeline.stages import extensions
from pipeline.stages.annotations import DATE_LABELS, NUMBER_LABELS
from pipeline.stages.narrative_dates import narrative_dates
from pipeline.stages.period_endings import split_period_endings, value_period_endings
from pipeline.stages.quarter_comparisons import quarter_comparisons
from pipeline.stages.timex_mentions import (
    add_missed_dates,
    add_reference_words,
    add_zoned_clock_times,
    ages_to_numbers,
    drop_frequency_adjectives,
    extend_bare_units,
    holidays_to_dates,
    mentions_of,
    reference_matcher,
    set_mentions,
)
from pipeline.stages.timex_ranges import split_date_lists
from pipeline.text.numbers import (
    currency_codes,
    is_vague_count,
    parse_number,
    reads_shared_currency,
)
from pipeline.text.timex import Timex, normalise, preload

extensions.register()

_DAY = re.compile(r"(?:\d{4}|XXXX)-(?:\d{2}|XX)-(?:\d{2}|XX)")


@lru_cache(maxsize=1)
def _tense_words() -> dict[str, frozenset[str]]:
    data = load_resource("temporal.toml")["tense"]
    return {key: frozenset(w.lower() for w in words) for key, words in data.items()}


def tense_of(span: Span) -> str | None:
    """``past``, ``present`` or ``future`` from the clause governing ``span``, if any.

    Future: a future or modal auxiliary, an infinitive modifying a noun, a scheduling word
    (``scheduled``, ``expected``, ``postponed until``), on the verb or on the verb governing
    its infinitive (``expect him to win``). Past: a past-tense verb. A present tense, a
    present passive (``is heard in May``) and any verb when the date is a deadline
    (``extended to Nov. 20``, ``the Jan. 14 deadline``) tell nothing (None). A possessive
    date (``Monday's ruling``) takes the noun's time: only a future clause tells of it.
    """
    words = _tense_words()
    root = span.root
    if root.head.lower_ in words["future_preps"] or _after_future_phrase(span):
        return "future"
    if root.head.lower_ in words["deadline_preps"] or root.head.lemma_ in words["deadline_nouns"]:
        return None
    verb, scheduled = _governing_verb(root, words)
    if scheduled:
        return "future"
    if verb is None:
        return None
    possessive = root.dep_ == "poss"  # "Wednesday's ruling": the noun's own time, mostly
    if not possessive and verb.dep_ in ("acl", "relcl") and _has_to(verb):
        return "future"  # "an event to be held on October 12"
    if _future_clause(verb, words):
        return "future"
    verbs = [verb, *[c for c in verb.children if c.dep_ in ("aux", "auxpass")]]
    if possessive or _present_passive(verbs):
        return None  # the verb around a possessive date tells only of the future
    if any(v.tag_ in ("VBD", "VBN") for v in verbs):
        return "past"
    if any("Past" in v.morph.get("Tense") for v in verbs):
        return "past"
    return None


def _governing_verb(token: Token, words: dict[str, frozenset[str]]) -> tuple[Token | None, bool]:
    """The verb governing ``token`` within six heads (None if none), and whether a
    scheduling word (``upcoming``, ``due``) stands on the way to it."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token, False
        if token.lemma_.lower() in words["future_lemmas"]:
            return None, True
        if token.head.i == token.i:
            return None, False
        token = token.head
    return None, False


def _future_clause(verb: Token, words: dict[str, frozenset[str]]) -> bool:
    """A future or modal auxiliary, a scheduling verb or ``going to`` on ``verb`` or, for an
    infinitive complement, on the verb that governs it (``expect him to win``)."""
    chain = [verb, verb.head] if _infinitive_complement(verb) else [verb]
    for v in chain:
        aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if v.lemma_.lower() in words["future_lemmas"]:
            return True
        if any(a.lower_ in words["future_aux"] for a in aux):
            return True
        if any(c.lower_ in words["going_aux"] for c in aux) and any(
            c.lower_ in words["going_particles"] for c in v.children
        ):
            return True
    return False


def _has_to(verb: Token) -> bool:
    return any(c.tag_ == "TO" for c in verb.children)


def _infinitive_complement(verb: Token) -> bool:
    """``expect him to win``, ``plans to visit``: a verb whose time its governor sets."""
    if verb.head.i == verb.i:
        return False
    return verb.dep_ == "xcomp" or (verb.dep_ == "ccomp" and _has_to(verb))


def _present_passive(verbs: list[Token]) -> bool:
    """``the case is heard in May``: a participle whose auxiliaries are all present tense
    (not ``was heard``, ``has been heard``) does not put the clause in the past."""
    participle, auxes = verbs[0], verbs[1:]
    return (
        participle.tag_ == "VBN"
        and bool(auxes)
        and all(a.tag_ in ("VBZ", "VBP") and a.lemma_ != "have" for a in auxes)
    )


@lru_cache(maxsize=1)
def _future_phrases() -> tuple[tuple[str, ...], ...]:
    """``[tense] future_before`` of ``temporal.toml``, as word tuples."""
    phrases = load_resource("temporal.toml")["tense"]["future_before"]
    return tuple(tuple(p.split()) for p in phrases)


def _after_future_phrase(span: Span) -> bool:
    """True when ``as soon as``, ``as early as`` stands right before the mention or begins it
    (``as early as Friday``): a date looked forward to."""
    phrases = _future_phrases()
    longest = max((len(p) for p in phrases), default=0)
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - longest) : span.start]]
    inside = [t.lower_ for t in span[:longest]]
    for phrase in phrases:
        size = len(phrase)
        if not size or tuple(before[-size:]) == phrase or tuple(inside[:size]) == phrase:
            return True  # (an empty phrase matches anywhere, as an empty slice does)
    return False


def normalise_within(text: str, anchor: dt.date | None, tense: str | None) -> Timex | None:
    """TIMEX3 of a mention, else of its longest normalisable part: ``the day Friday`` ->
    ``Friday``, ``the early hours of Thursday morning`` -> ``Thursday morning``."""
    timex = normalise(text, anchor, tense)
    if timex is not None:
        return timex
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size, -1, -1):  # the head of a date phrase is last
            timex = normalise(" ".join(words[start : start + size]), anchor, tense)
            if timex is not None:
                return timex
    return None


def counted_noun(span: Span) -> str | None:
    """The noun a number counts: ``twelve servicemen`` -> ``servicemen``,
    ``dozens of people`` -> ``people``, ``three co-chairs`` -> ``co-chairs``, ``a five-member
    panel`` -> ``member``, ``a half-dozen shots`` -> ``shots``; a multiplier counts its word:
    ``three times the rate`` -> ``times``."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in _multiplier_words():
        return doc[span.end].lower_  # "three times the rate"
    root = span.root
    head = None
    if (
        root.dep_ in ("nummod", "quantmod", "amod", "compound", "det")
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.head.i >= span.end
    ):
        head = root.head
    else:
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            head = next((c for c in of.children if c.dep_ == "pobj"), None)
    if head is None or head.pos_ not in ("NOUN", "PROPN") or head.ent_type_:
        return None
    return _hyphenated_word(head, span.end)


@lru_cache(maxsize=1)
def _multiplier_words() -> frozenset[str]:
    """Words after a number that make it a multiplier (``numbers.toml`` ``[multiplier_words]``)."""
    return frozenset(load_resource("numbers.toml")["multiplier_words"]["words"])


def _hyphenated_word(token: Token, first: int = 0) -> str:
    """The whole hyphenated word a token belongs to (``co`` ``-`` ``chairs`` -> ``co-chairs``),
    from token ``first`` on (``five-alarm`` after the mention ``five`` -> ``alarm``)."""
    doc = token.doc
    start = end = token.i
    while (
        start - 2 >= first
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
    ):
        start -= 2
    while (
        end + 2 < len(doc)
        and doc[end + 1].text == "-"
        and not doc[end].whitespace_
        and not doc[end + 1].whitespace_
    ):
        end += 2
    span = doc[start : end + 1]
    if span.root.pos_ != "PROPN":
        return span.text.lower()
    lower = span.text.lower()  # "Thousands of Shootings" in a headline: "shootings" elsewhere
    return lower if any(t.text == lower for t in doc) else span.text


@lru_cache(maxsize=1)
def _clock_words() -> tuple[re.Pattern[str], frozenset[str], int]:
    """A bare time of day (``about 2:20 p.m.``, ``noon``), the words that may join it to the
    day beside it, and how many (``temporal.toml``)."""
    data = load_resource("temporal.toml")
    time = data["time"]
    hedges = "|".join(re.escape(w) for w in time["clock_hedges"])
    words = "|".join(re.escape(w) for w in data["clock_words"])
    bare = re.compile(
        rf"(?:(?:{hedges})\s+)*\d{{1,2}}(?::\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)?|{words}"
    )
    return bare, frozenset(time["day_gap"]), int(time["day_gap_words"])


def is_bare_clock(text: str | None) -> bool:
    """A time of day with no day in its words (``about 2:20 p.m.``, ``midnight``)."""
    return bool(text) and _clock_words()[0].fullmatch(text.strip().lower()) is not None


def clock_day(ent: Span, all_ents: Sequence[Span] | None = None) -> Span | None:
    """The day a bare time of day falls on when the text names it right beside it:
    ``around 10 p.m. on Friday``, ``8:28 p.m. Saturday``, ``Friday, at 10 p.m.`` (TimeML
    dates such a time by that day, ``10 p.m. Wednesday`` -> ``1998-02-11T22:00``).
    ``all_ents``: the document's mentions when the caller has them (``Doc.ents`` builds
    them anew on each access)."""
    if ent.label_ not in DATE_LABELS or not is_bare_clock(ent.text):
        return None
    doc = ent.doc
    ents = [e for e in (doc.ents if all_ents is None else all_ents) if e.label_ in DATE_LABELS]
    index = next((k for k, e in enumerate(ents) if e.start == ent.start), None)
    if index is None:
        return None
    sent = ent.sent
    neighbours = []
    if index + 1 < len(ents):
        neighbours.append((ents[index + 1], ent.end, ents[index + 1].start))
    if index > 0:
        neighbours.append((ents[index - 1], ents[index - 1].end, ent.start))
    _, gap_words, most = _clock_words()
    for other, gap_start, gap_end in neighbours:
        gap = doc[gap_start:gap_end]
        if (
            sent.start <= other.start < sent.end
            and len(gap) <= most
            and all(t.lower_ in gap_words for t in gap)
            and not is_bare_clock(other.text)
            and _DAY.match(other._.value or "")
        ):
            return other
    return None


def join_clock_days(
    doc: Doc, anchor: dt.date | None, mentions: Sequence[Span] | None = None
) -> list[Span]:
    """A time of day right before the day it falls on is one TIMEX3, as TimeML marks it:
    ``5 p.m. EST Nov. 9``, ``noon Saturday``, ``9 a.m. EST, Tuesday`` -> one TIME mention
    valued at that day (the day's value, the clock time's hour). ``mentions``, and the
    result: see :func:`~pipeline.stages.timex_mentions.mentions_of`."""
    ents = mentions_of(doc, mentions)
    gap_words = _join_gap_words()
    out: list[Span] = []
    k = 0
    while k < len(ents):
        ent = ents[k]
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        joined = _clock_day_span(ent, nxt, anchor, gap_words) if nxt is not None else None
        if joined is None:
            out.append(ent)
            k += 1
            continue
        out.append(joined)
        k += 2
    return set_mentions(doc, out) if len(out) != len(ents) else ents


def _clock_day_span(
    clock: Span, day: Span, anchor: dt.date | None, gap_words: frozenset[str]
) -> Span | None:
    """The clock time and the day after it as one TIME mention, or None."""
    if clock.label_ not in DATE_LABELS or day.label_ not in DATE_LABELS:
        return None
    value = clock._.value or ""
    if value[10:11] != "T":
        return None
    day_value = day._.value or ""
    if not _DAY.fullmatch(day_value) or "X" in day_value:
        return None
    if value[:10] not in (day_value, anchor.isoformat() if anchor else None):
        return None
    gap = clock.doc[clock.end : day.start]
    if len(gap) > 1 or any(t.lower_ not in gap_words for t in gap) or clock.sent != day.sent:
        return None
    span = Span(clock.doc, clock.start, day.end, label="TIME")
    retold = normalise(day.text, anchor, tense_of(span))  # "until 5 p.m. Nov. 9": ahead
    if retold is not None and _DAY.fullmatch(retold.value):
        day_value = retold.value
    span._.value = day_value + value[10:]
    span._.timex_type = "TIME"
    span._.approximate = clock._.approximate
    span._.source = "news_values"
    return span


@lru_cache(maxsize=1)
def _join_gap_words() -> frozenset[str]:
    """Words that may stand between a clock time and its day in one TIMEX3 (``temporal.toml``
    ``[time] join_gap``)."""
    return frozenset(load_resource("temporal.toml")["time"]["join_gap"])


class NewsValues:
    """Sets ``value``, ``value_num``, ``unit``, ``timex_type`` and ``approximate`` on mentions."""

    def __init__(self, vocab: Vocab) -> None:
        self.references = reference_matcher(vocab)
        preload()  # the date parser's tables, loaded with the component

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens on every access: read once
        # doc.ents builds every Span anew on each access: each step hands the mentions on
        ents = self._add_vague_counts(doc)
        ents = drop_frequency_adjectives(doc, ents)
        ents = add_zoned_clock_times(doc, text, ents)
        ents = add_missed_dates(doc, text, ents)
        ents = extend_bare_units(doc, ents)
        ents = holidays_to_dates(doc, ents)
        ents = split_period_endings(doc, ents)
        ents = add_reference_words(doc, self.references, ents)
        anchor = doc._.published
        currencies: frozenset[str] | None = None  # read when a mention needs them
        for ent in ents:
            if ent.label_ in DATE_LABELS:
                _value_date(ent, anchor)
            elif ent.label_ in NUMBER_LABELS:
                if currencies is None and reads_shared_currency(ent.text):
                    currencies = currency_codes(text)  # "¥" in a document about yuan is CNY
                _value_number(ent, currencies or frozenset())
        dates = [e for e in ents if e.label_ in DATE_LABELS]
        quarter_comparisons(dates)
        narrative_dates(dates, anchor)
        value_period_endings(doc, ents)
        for ent in ents:
            value = ent._.value if ent.label_ in DATE_LABELS else None
            if value and value[10:11] == "T":
                day = clock_day(ent, ents)
                if day is not None:
                    ent._.value = day._.value[:10] + value[10:]
        ents = join_clock_days(doc, anchor, ents)
        if split_date_lists(doc, lambda text, ent: normalise(text, anchor, tense_of(ent)), ents):
            _renumber_value_clusters(doc)
            ents = None  # changed: read anew
        ages_to_numbers(doc, ents)
        return doc

    def _add_vague_counts(self, doc: Doc) -> list[Span]:
        """Vague counts the model left untagged (``dozens``, ``several``, ``hundreds of``);
        the document's mentions after them."""
        ents = doc.ents  # a new Span per mention on every access: read once
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        added = []
        strings = doc.vocab.strings
        forms = doc.to_array(ORTH)  # each token's text, by string id: no Token each
        vague: dict[int, bool] = {}  # by string id, decided once per document
        for i in _before_of_or_noun(doc):
            if i in taken:
                continue
            form = int(forms[i])
            if form not in vague:
                vague[form] = is_vague_count(strings[form])
            if not vague[form]:
                continue
            token, nxt = doc[i], doc[i + 1]
            if not (nxt.lower_ == "of" or nxt.pos_ == "NOUN"):
                continue
            span = Span(doc, token.i, token.i + 1, label="CARDINAL")
            span._.source = "news_values"
            added.append(span)
        if added:
            doc.ents = sorted([*ents, *added], key=lambda s: s.start)
            _renumber_value_clusters(doc)
            return list(doc.ents)
        return list(ents)


def _value_date(ent: Span, anchor: dt.date | None) -> None:
    """TIMEX3 value, type and approximation of a DATE or TIME mention."""
    timex = normalise_within(ent.text, anchor, tense_of(ent))
    if timex is not None:
        ext = ent._  # a new accessor on each use: made once
        ext.value = timex.value
        ext.timex_type = timex.type
        ext.approximate = timex.mod == "APPROX"


def _value_number(ent: Span, currencies: frozenset[str]) -> None:
    """Value, unit and approximation of a numeric mention (``currencies``: those the
    document names, or none when the mention shares no sign with another currency)."""
    number = parse_number(ent.text, ent.label_, currencies)
    if number is None:
        return
    ext = ent._  # a new accessor on each use: made once
    ext.value = number.decimal()
    ext.value_num = float(number.value)
    ext.approximate = number.approximate
    unit = number.unit
    share = 0 < abs(number.value) < 1  # "one-third of the claims": no count
    if unit is None and ent.label_ in ("CARDINAL", "QUANTITY") and not share:
        unit = counted_noun(ent)
    ext.unit = unit


def _before_of_or_noun(doc: Doc) -> list[int]:
    """Indices of the tokens followed by ``of`` or a noun, from the document's arrays (no
    token objects): the only places a vague count can be (``dozens of``, ``several
    people``)."""
    if len(doc) < 2:
        return []
    following = doc.to_array([LOWER, POS])[1:]
    of, noun = (np.uint64(doc.vocab.strings[s]) for s in ("of", "NOUN"))  # the arrays' type
    hits = (following[:, 0] == of) | (following[:, 1] == noun)
    return [int(i) for i in hits.nonzero()[0]]


def _renumber_value_clusters(doc: Doc) -> None:
    """Give every value mention its own cluster id after the named clusters."""
    exts = [e._ for e in doc.ents]  # (doc.ents and span._ build anew on each access)
    named = [x.cluster_id for x in exts if x.canonical is not None]
    next_id = max((c for c in named if c is not None), default=-1) + 1
    for ext in exts:
        if ext.canonical is None:
            ext.cluster_id = next_id
            next_id += 1


@Language.factory(
    "news_values",
    default_config={},
    requires=["doc.ents", "doc._.published"],
    assigns=["span._.value", "span._.value_num", "span._.unit", "span._.timex_type"],
)
def make_news_values(nlp: Language, name: str) -> NewsValues:
    """Factory for :class:`NewsValues`."""
    return NewsValues(nlp.vocab)
