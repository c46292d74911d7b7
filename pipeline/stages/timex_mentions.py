"""Temporal mentions the model leaves out or gets wrong, fixed before values are read.

* Reference adverbs (``now``, ``currently``, ``recently``, ``the future``) are TIMEX3
  expressions (``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``) that the model rarely tags: they
  are added as DATE mentions, except where they are not about time (``now that``,
  ``the future of``, ``now-defunct``).
* Ages (``a 44-year-old``, ``52 years old``, ``aged 55``) are tagged DATE by the model but are
  numbers of years: they become CARDINAL mentions with the age as value and ``years old`` as
  unit.
* A frequency adjective in front of a noun (``annual meeting``, ``quarterly dividend``) is
  not a temporal expression on its own: the mention is dropped.

Word lists are in ``[timex_mentions]`` of ``temporal.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from pipeline.resources import load_resource
from pipeline.text.numbers import parse_number
from pipeline.text.timex.resources import clean


@dataclass(frozen=True)
class TimexMentionWords:
    """The ``[timex_mentions]`` lists of ``temporal.toml``."""

    references: tuple[str, ...]
    not_before: frozenset[str]
    attributive: frozenset[str]
    age: re.Pattern[str]
    age_units: dict[str, str]
    zoned_clock: re.Pattern[str]
    missed_dates: tuple[re.Pattern[str], ...]
    unit_determiners: frozenset[str]
    period_nouns: frozenset[str]
    holiday_labels: frozenset[str]
    holidays: frozenset[str]
    units: frozenset[str]
    name_parts: frozenset[str]
    from_now: list[str]


@lru_cache(maxsize=1)
def timex_mention_words() -> TimexMentionWords:
    """The word lists, loaded once."""
    data = load_resource("temporal.toml")["timex_mentions"]
    units = "|".join(re.escape(u) for u in data["age_units"])
    age = re.compile(
        rf"(?:(?:between\s+)?(?:aged|(?:the\s+)?ages?(?:\s+of)?)\s+(?P<n1>.+?)"
        rf"|(?:an?\s+)?(?P<n2>.+?)[\s-](?P<unit>{units})s?[\s-]old)"
    )
    return TimexMentionWords(
        references=tuple(data["references"]),
        not_before=frozenset(data["not_before"]),
        attributive=frozenset(w.lower() for w in data["attributive_frequencies"]),
        age=age,
        age_units=dict(data["age_units"]),
        zoned_clock=re.compile(data["zoned_clock"]),
        missed_dates=tuple(re.compile(p) for p in data["missed_dates"]),
        unit_determiners=frozenset(data["unit_determiners"]),
        period_nouns=frozenset(data["period_nouns"]),
        holiday_labels=frozenset(data["holiday_labels"]),
        holidays=frozenset(load_resource("temporal.toml")["holidays"]),
        units=frozenset(load_resource("temporal.toml")["units"]),
        name_parts=frozenset(data["name_parts"]),
        from_now=list(data["from_now"]),
    )


def mentions_of(doc: Doc, ents: Sequence[Span] | None = None) -> list[Span]:
    """The document's mentions: ``ents`` when the caller has them, else ``doc.ents`` (which
    builds every ``Span`` anew on each access). Each step below takes them and returns them
    as they stand after it, so that a stage reads ``doc.ents`` only after a change."""
    return list(doc.ents) if ents is None else list(ents)


def set_mentions(doc: Doc, spans: Sequence[Span]) -> list[Span]:
    """Set ``doc.ents`` and return the mentions as the document now holds them: the spans
    set, in text order, when each is labelled and not empty (``Doc.ents`` reads back just
    those, with the same bounds, label, KB id and id), else as ``Doc.ents`` reads them."""
    doc.ents = spans
    if all(span.label and span.end > span.start for span in spans):
        return sorted(spans, key=lambda span: span.start)
    return list(doc.ents)


def reference_matcher(vocab: Vocab) -> PhraseMatcher:
    """A matcher of the reference adverbs, on lower-case text."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    phrases = timex_mention_words().references
    matcher.add("REF", [Doc(vocab, words=phrase.split()) for phrase in phrases])
    return matcher


def add_reference_words(
    doc: Doc, matcher: PhraseMatcher, ents: Sequence[Span] | None = None
) -> list[Span]:
    """Add the reference adverbs no mention covers as DATE mentions; ``from now`` after a
    date joins it (``six weeks from now``). ``ents``, and the result: see
    :func:`mentions_of`."""
    words = timex_mention_words()
    ents = mentions_of(doc, ents)
    kept = [e for e in ents if not _in_name(e, words)]
    kept, joined = _join_from_now(doc, kept, words)
    added = _references(doc, matcher, words, kept)
    if added or joined or len(kept) != len(ents):
        return set_mentions(doc, sorted([*kept, *added], key=lambda s: s.start))
    return ents


def _in_name(ent: Span, words: TimexMentionWords) -> bool:
    """A one-word DATE such as ``Today`` or ``Now``, capitalised after a capitalised word in
    mid-sentence, is part of a name (``Russia Today``, ``Larry King Now``)."""
    if ent.label_ != "DATE" or len(ent) != 1 or ent.root.lower_ not in words.name_parts:
        return False
    return _name_word(ent.doc, ent.start)


def _name_word(doc: Doc, i: int) -> bool:
    """A capitalised word after a capitalised word, neither starting the sentence."""
    token = doc[i]
    prev = doc[i - 1] if i > 0 else None
    return (
        token.is_title
        and prev is not None
        and not token.is_sent_start
        and prev.is_title
        and not prev.is_sent_start
    )


def _join_from_now(doc: Doc, ents: list[Span], words: TimexMentionWords) -> tuple[list[Span], bool]:
    """``six weeks`` + ``from now`` -> one DATE mention ``six weeks from now``."""
    out: list[Span] = []
    joined = False
    for ent in ents:
        tail = doc[ent.end : ent.end + len(words.from_now)] if ent.label_ == "DATE" else None
        if tail is not None and [t.lower_ for t in tail] == words.from_now:
            span = Span(doc, ent.start, tail.end, label="DATE")
            span._.source = "news_values"
            out.append(span)
            joined = True
        else:
            out.append(ent)
    return out, joined


def add_zoned_clock_times(
    doc: Doc, text: str | None = None, ents: Sequence[Span] | None = None
) -> list[Span]:
    """Add clock times in UTC (``16:08 UTC``, ``0800 GMT``) as TIME mentions, replacing the
    number mentions the model made of them. ``text``: ``doc.text`` when the caller has it;
    ``ents``, and the result: see :func:`mentions_of`."""
    return add_pattern_mentions(doc, [timex_mention_words().zoned_clock], "TIME", text, ents)


def add_missed_dates(
    doc: Doc, text: str | None = None, ents: Sequence[Span] | None = None
) -> list[Span]:
    """Add the dates the model leaves out (``since '87``, ``single-day``) as DATE mentions,
    replacing the number or date mentions they overlap. ``text``: ``doc.text`` when the
    caller has it; ``ents``, and the result: see :func:`mentions_of`."""
    return add_pattern_mentions(doc, timex_mention_words().missed_dates, "DATE", text, ents)


def holidays_to_dates(doc: Doc, ents: Sequence[Span] | None = None) -> list[Span]:
    """Named days the model labels otherwise (``Thanksgiving Day`` as an EVENT) become DATE
    mentions (``[timex_mentions] holiday_labels``). ``ents``, and the result: see
    :func:`mentions_of`."""
    words = timex_mention_words()
    ents = mentions_of(doc, ents)
    changed = False
    for k, ent in enumerate(ents):
        if ent.label_ in words.holiday_labels and clean(ent.text) in words.holidays:
            span = Span(doc, ent.start, ent.end, label="DATE")
            span._.source = "news_values"
            ents[k] = span
            changed = True
    return set_mentions(doc, ents) if changed else ents


def extend_bare_units(doc: Doc, ents: Sequence[Span] | None = None) -> list[Span]:
    """``this year's results``: the model tags ``year`` alone; the mention takes in the
    determiner before it (``[timex_mentions] unit_determiners``). ``the 1988 period``: the
    model tags ``1988``; the mention takes in the period noun after it and the article.
    ``ents``, and the result: see :func:`mentions_of`."""
    words = timex_mention_words()
    ents = mentions_of(doc, ents)
    taken = {i for e in ents for i in range(e.start, e.end)}
    changed = False
    for k, ent in enumerate(ents):
        if ent.label_ != "DATE":
            continue
        start, end = ent.start, ent.end
        if end < len(doc) and end not in taken and doc[end].lower_ in words.period_nouns:
            end += 1
        elif not (len(ent) == 1 and ent.root.lower_ in words.units):
            continue
        if start > 0 and start - 1 not in taken and doc[start - 1].lower_ in words.unit_determiners:
            start -= 1
        if (start, end) != (ent.start, ent.end):
            ents[k] = Span(doc, start, end, label="DATE")
            ents[k]._.source = ent._.source
            changed = True
    return set_mentions(doc, ents) if changed else ents


def add_pattern_mentions(
    doc: Doc,
    patterns: Sequence[re.Pattern[str]],
    label: str,
    text: str | None = None,
    ents: Sequence[Span] | None = None,
) -> list[Span]:
    """Add the matches of ``patterns`` (their group ``date`` where they have one) as ``label``
    mentions, replacing the number and date mentions they overlap (not where they overlap a
    name). ``text``: ``doc.text`` when the caller has it (it is built anew on each access);
    ``ents``, and the result: see :func:`mentions_of`."""
    found = []
    text = doc.text if text is None else text
    matches = [m for pattern in patterns for m in pattern.finditer(text)]
    for m in matches:
        start, end = m.span("date") if "date" in m.re.groupindex else m.span()
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            found.append(span)
    found = filter_spans(found)  # two patterns may match the same words
    if not found:
        return mentions_of(doc, ents)
    ents = mentions_of(doc, ents)
    covered = {i for span in found for i in range(span.start, span.end)}
    clash = [e for e in ents if any(i in covered for i in range(e.start, e.end))]
    if any(e.label_ not in ("CARDINAL", "DATE", "TIME") for e in clash):
        found = [s for s in found if not _overlaps_named(s, clash)]
    kept = [e for e in ents if not any(_overlap(e, s) for s in found)]
    for span in found:
        span._.source = "news_values"
    return set_mentions(doc, sorted([*kept, *found], key=lambda s: s.start))


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _overlaps_named(span: Span, ents: list[Span]) -> bool:
    """True when a mention that is not a number or a date overlaps ``span``."""
    return any(_overlap(span, e) and e.label_ not in ("CARDINAL", "DATE", "TIME") for e in ents)


def drop_frequency_adjectives(doc: Doc, ents: Sequence[Span] | None = None) -> list[Span]:
    """Drop DATE mentions that are a frequency adjective before a noun (``annual meeting``).
    ``ents``, and the result: see :func:`mentions_of`."""
    words = timex_mention_words()
    ents = mentions_of(doc, ents)
    kept = [e for e in ents if not (e.label_ == "DATE" and _is_attributive_frequency(e, words))]
    return set_mentions(doc, kept) if len(kept) != len(ents) else ents


def is_age(span: Span) -> bool:
    """True for a mention that :func:`ages_to_numbers` made an age (``a 17-year-old``)."""
    return span.label_ == "CARDINAL" and span._.unit in timex_mention_words().age_units.values()


def ages_to_numbers(doc: Doc, ents: Sequence[Span] | None = None) -> list[Span]:
    """Turn DATE mentions that are ages into CARDINAL mentions valued in years (or months).
    ``ents``, and the result: see :func:`mentions_of`."""
    words = timex_mention_words()
    old = mentions_of(doc, ents)
    new = [(_age(e, words) if e.label_ == "DATE" else None) or e for e in old]
    if any(a is not b for a, b in zip(new, old, strict=True)):
        return set_mentions(doc, new)
    return old


def _references(
    doc: Doc, matcher: PhraseMatcher, words: TimexMentionWords, kept: list[Span]
) -> list[Span]:
    """Reference adverbs that no kept mention overlaps, longest first."""
    taken = {i for span in kept for i in range(span.start, span.end)}
    found: list[Span] = []
    for _, start, end in sorted(matcher(doc), key=lambda m: (m[1], m[1] - m[2])):
        if any(i in taken for i in range(start, end)):
            continue
        if not _is_time_reference(doc, start, end, words):
            continue
        span = Span(doc, start, end, label="DATE")
        span._.source = "news_values"
        found.append(span)
        taken.update(range(start, end))
    return found


def _is_time_reference(doc: Doc, start: int, end: int, words: TimexMentionWords) -> bool:
    """Not ``now that``, ``the future of``, part of a name (``Larry King Now``) nor of a
    hyphenated word (``now-defunct``)."""
    if end < len(doc) and doc[end].lower_ in words.not_before:
        return False
    if end - start == 1 and _name_word(doc, start):  # "Larry King Now"
        return False
    if start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        return False
    return not (end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text == "-")


def _is_attributive_frequency(ent: Span, words: TimexMentionWords) -> bool:
    """``annual`` in ``annual meeting``: one adjective before the noun it modifies."""
    return (
        len(ent) == 1
        and ent.root.lower_ in words.attributive
        and ent.end < len(ent.doc)
        and ent.root.head.i >= ent.end
    )


def _age(ent: Span, words: TimexMentionWords) -> Span | None:
    """The mention as a CARDINAL age, or None when it is not an age."""
    m = words.age.fullmatch(ent.text.lower())
    if m is None:
        return None
    number = parse_number(m["n1"] or m["n2"], "CARDINAL")
    if number is None or number.unit is not None:
        return None
    span = Span(ent.doc, ent.start, ent.end, label="CARDINAL")
    span._.value = number.decimal()
    span._.value_num = float(number.value)
    span._.unit = words.age_units[m["unit"] or "year"]
    span._.approximate = number.approximate
    span._.timex_type = None
    span._.source = "news_values"
    return span
