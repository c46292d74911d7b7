"""An article's annotations as :class:`~pipeline.report.markup.Mark` elements: entities
(displaCy's colours and look), quotes with their speaker and cue (linked by ``data-q``) and
events with their trigger and arguments (linked by ``data-ev``).

Event arguments are names, not spans, in the events table; an argument is marked on the
entity mentions of the event's sentence whose canonical name or text is that name (the
quantity on a number of that value, the date on a date of those words).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from pipeline.report.markup import Mark, attr

QUOTE, SPEAKER, ARGUMENT, ENTITY, TRIGGER = range(5)
"""Ranks, outer first, of marks over the same characters."""


def _value(row: object, name: str) -> object:
    """The row's value of ``name``: None when missing or null, a list for a list column."""
    value = getattr(row, name, None)
    if isinstance(value, list | tuple | np.ndarray):
        return list(value)
    if value is None or pd.isna(value):
        return None
    return value


def _shown(value: object) -> str | None:
    """A value as words: lists joined, numbers without a needless ``.0``."""
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(map(str, value)) or None
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def entity_marks(entities: pd.DataFrame) -> list[Mark]:
    """One ``mark.ent`` per entity mention, labelled (``data-l``), titled with its canonical
    name or normalised value."""
    marks = []
    for row in entities.itertuples(index=False):
        detail = _value(row, "canonical") or _value(row, "value")
        title = f"{row.label}: {detail}" if detail else row.label
        attrs = " ".join(['class="ent"', attr("data-l", row.label), attr("title", title)])
        marks.append(Mark(int(row.start_char), int(row.end_char), "mark", attrs, ENTITY))
    return marks


def quote_marks(quotes: pd.DataFrame) -> list[Mark]:
    """Each quote's content (``span.q``), speaker (``span.spk``) and cue (``span.cue``), all
    with the quote's id in ``data-q``; a speaker of several quotes is marked once."""
    marks: list[Mark] = []
    spans: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for row in quotes.itertuples(index=False):
        who = _value(row, "speaker_canonical") or _value(row, "speaker") or "unknown"
        title = f"quote {row.quote_id} ({row.kind}) by {who}"
        attrs = " ".join(['class="q"', attr("data-q", row.quote_id), attr("title", title)])
        marks.append(Mark(int(row.start_char), int(row.end_char), "span", attrs, QUOTE))
        for kind, start, end in (
            ("spk", _value(row, "speaker_start_char"), _value(row, "speaker_end_char")),
            ("cue", _value(row, "cue_start_char"), _value(row, "cue_end_char")),
        ):
            if start is not None and end is not None:
                spans[(kind, int(start), int(end))].append(int(row.quote_id))
    for (kind, start, end), ids in spans.items():
        names = ", ".join(map(str, ids))
        title = f"speaker of quote {names}" if kind == "spk" else f"cue of quote {names}"
        attrs = " ".join(
            [attr("class", kind), attr("data-q", " ".join(map(str, ids))), attr("title", title)]
        )
        marks.append(Mark(start, end, "span", attrs, SPEAKER))
    return marks


def event_marks(events: pd.DataFrame, entities: pd.DataFrame) -> list[Mark]:
    """Each event's trigger (``span.ev`` with its type in ``data-t``) and the entity mentions
    that are its arguments (``span.arg`` with their roles in ``data-r``)."""
    marks = []
    roles: dict[tuple[int, int], dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_sentence = {sent: frame for sent, frame in entities.groupby("sent_id")}
    for row in events.itertuples(index=False):
        attrs = " ".join(
            ['class="ev"', attr("data-ev", row.event_id), attr("data-t", row.event_type)]
            + [attr("title", _event_title(row))]
        )
        marks.append(Mark(int(row.start_char), int(row.end_char), "span", attrs, TRIGGER))
        sentence = by_sentence.get(row.sent_id)
        if sentence is not None:
            for start, end, role in _arguments(row, sentence):
                roles[(start, end)][int(row.event_id)].append(role)
    for (start, end), per_event in roles.items():
        ids = " ".join(map(str, per_event))
        title = "; ".join(f"{'/'.join(r)} of event {e}" for e, r in per_event.items())
        named = sorted({role for found in per_event.values() for role in found})
        attrs = " ".join(
            ['class="arg"', attr("data-ev", ids), attr("data-r", " ".join(named))]
            + [attr("title", title)]
        )
        marks.append(Mark(start, end, "span", attrs, ARGUMENT))
    return marks


def _event_title(row: object) -> str:
    parts = [f"event {row.event_id}: {row.event_type}"]
    for label, name in (
        ("actors", "actors"),
        ("targets", "targets"),
        ("place", "location"),
        ("city", "city"),
        ("date", "date"),
        ("quantity", "quantity"),
        ("unit", "quantity_unit"),
        ("reported by", "reported_by"),
        ("modality", "modality"),
    ):
        shown = _shown(_value(row, name))
        if shown:
            parts.append(f"{label}: {shown}")
    if _value(row, "negated"):
        parts.append("negated")
    return " · ".join(parts)


def _arguments(row: object, sentence: pd.DataFrame) -> list[tuple[int, int, str]]:
    """(start, end, role) of the sentence's entity mentions that are arguments of the event."""
    names: dict[str, str] = {}
    for role, column in (("actor", "actors"), ("target", "targets")):
        for name in _value(row, column) or []:
            names.setdefault(name, role)
    for role, column in (("place", "location"), ("place", "city"), ("reporter", "reported_by")):
        if _value(row, column):
            names.setdefault(_value(row, column), role)
    found = []
    for ent in sentence.itertuples(index=False):
        role = names.get(_value(ent, "canonical")) or names.get(ent.text)
        if role is None and _value(row, "quantity") is not None:
            role = "quantity" if _value(ent, "value_num") == row.quantity else None
        if role is None and _value(row, "date_text"):
            role = "date" if ent.text == row.date_text else None
        if role:
            found.append((int(ent.start_char), int(ent.end_char), role))
    return found
