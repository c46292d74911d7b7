"""``rams``: event triggers, types and arguments on RAMS 1.0 (news, one event per window).

Each RAMS instance annotates exactly ONE event of its window, so only recall is measured;
a predicted event that matches no gold event is not an error. Definitions:

* found: a predicted event (any row of the events table, negated or not) whose
  ``[start_char, end_char)`` shares a character with the gold trigger. Trigger recall =
  found / gold events.
* typed match: a found event whose ``event_type`` is one the gold RAMS type maps to
  (``pipeline/eval/data/rams_types.toml``: ordered shell-style patterns, the first match
  wins; e.g. ``conflict.attack.*`` -> attack or clash). Typed recall over mapped events =
  typed matches / gold events whose type maps; over all events = typed matches / all gold
  events (an unmapped type counts as missed: taxonomy coverage).
* per RAMS top-level type (``conflict``, ``life``, ``contact``...): events, trigger recall,
  typed recall (over all events of that type).
* argument agreement, over typed matches: every gold argument whose role is agent-like is
  compared with the matched event's ``actors``, patient-like with ``targets``, ``place`` with
  ``location`` (role lists in the same TOML; ``participant#1`` is the first participant).
  One gold argument agrees when some predicted value contains it or is contained in it as
  words: the lowercased words (runs of letters and digits) of one are all among the other's.
  Agreement = agreeing gold arguments / gold arguments of that kind.

Choices where the words leave one: when several predicted events overlap the trigger with
a mapped type, the arguments are read from the one sharing most characters with it (then the
tighter, then the first); a gold argument or predicted value without any word never agrees;
every argument is counted, pronouns and common nouns included; words are compared as sets
(containment of words, not of a contiguous phrase, and not of characters: "convoy" is not in
"convoys"). The README's role lists end in "...": besides its attacker, killer, jailer,
communicator, first participant (agent) and target, victim, detainee, recipient, second
participant (patient), the roles of mapped types that play the same part are added: injurer,
executioner, preventer (who captures), prosecutor, demonstrator as agents; defendant,
passenger (who is captured), artifact (what is seized) as patients. Instruments, crimes,
origins and destinations are compared with nothing. Baseline: every verb as an untyped event
(trigger recall only; typed figures 0, argument agreement undefined).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from importlib.resources import files
from typing import Any

from pipeline.eval.baselines.verb_triggers import verb_events
from pipeline.eval.corpora import rams
from pipeline.eval.corpora.base import BenchDoc, GoldArgument, GoldEvent
from pipeline.eval.metrics import Acc, Row, overlap_key, span_overlap
from pipeline.eval.suites import Predictions, Suite, context, rows_of

DATA_FILE = "rams_types.toml"
COLUMNS = {"agent": "actors", "patient": "targets", "place": "location"}
"""Which predicted column each kind of role is compared with."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TypeMapping:
    """The type rules and role lists of ``rams_types.toml``."""

    rules: tuple[tuple[str, tuple[str, ...]], ...]
    roles: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def mapping() -> TypeMapping:
    """The mapping from RAMS types and roles, read from the package data."""
    data = tomllib.loads((files("pipeline.eval") / "data" / DATA_FILE).read_text("utf-8"))
    rules = tuple((r["rams"], tuple(r["ours"])) for r in data["types"])
    roles = {kind: frozenset(data["roles"][kind]) for kind in COLUMNS}
    return TypeMapping(rules, roles)


def our_types(rams_type: str | None) -> tuple[str, ...]:
    """The pipeline event types that count as ``rams_type`` (empty when unmapped)."""
    for pattern, ours in mapping().rules:
        if rams_type is not None and fnmatchcase(rams_type, pattern):
            return ours
    return ()


def top_level(rams_type: str | None) -> str:
    """``conflict`` for ``conflict.attack.firearmattack``."""
    return (rams_type or "none").split(".")[0]


def role_kind(argument: GoldArgument) -> str | None:
    """``agent``, ``patient``, ``place`` or None for a role compared with nothing."""
    for kind, roles in mapping().roles.items():
        if argument.role in roles or f"{argument.role}#{argument.slot}" in roles:
            return kind
    return None


def words(text: Any) -> frozenset[str]:
    """The lowercased words (runs of letters and digits) of a value."""
    return frozenset(_WORD.findall(str(text).lower())) if text else frozenset()


def agrees(gold_text: str, predicted: Any) -> bool:
    """Whether one predicted value (a name or a list of names) contains the gold text as
    words, or is contained in it."""
    many = isinstance(predicted, Iterable) and not isinstance(predicted, str)
    values = list(predicted) if many else [predicted]
    gold = words(gold_text)
    for value in values:
        pred = words(value)
        if gold and pred and (gold <= pred or pred <= gold):
            return True
    return False


def overlapping(event: GoldEvent, rows: list[Row]) -> list[Row]:
    """Predicted events sharing a character with the gold trigger."""
    return [
        r
        for r in rows
        if span_overlap(r.get("start_char"), r.get("end_char"), event.start, event.end)
    ]


def typed_match(event: GoldEvent, rows: list[Row]) -> Row | None:
    """The overlapping predicted event of a type the gold type maps to, if any (most shared
    characters, then the tighter pair, then the first)."""
    ours = our_types(event.type)
    gold = {"start_char": event.start, "end_char": event.end}
    best: Row | None = None
    best_key = None
    for row in overlapping(event, rows):
        key = overlap_key(gold, row)
        if (
            row.get("event_type") in ours
            and key is not None
            and (best_key is None or key > best_key)
        ):
            best, best_key = row, key
    return best


def _event_counts(event: GoldEvent, rows: list[Row], text: str, counts: dict[str, Any]) -> None:
    """Add one gold event to the counters."""
    found = bool(overlapping(event, rows))
    match = typed_match(event, rows)
    counts["trigger"].add(found)
    counts["typed_all"].add(match is not None)
    if our_types(event.type):
        counts["typed_mapped"].add(match is not None)
    top = counts["per_type"].setdefault(top_level(event.type), {"trigger": Acc(), "typed": Acc()})
    top["trigger"].add(found)
    top["typed"].add(match is not None)
    if match is not None:
        for _, kind, ok in judged_arguments(event, match, text):
            counts["arguments"][COLUMNS[kind]].add(ok)


def judged_arguments(
    event: GoldEvent, match: Row, text: str
) -> list[tuple[GoldArgument, str, bool]]:
    """Each compared gold argument of a typed match, its kind and whether it agrees."""
    judged = []
    for argument in event.arguments:
        kind = role_kind(argument)
        if kind is not None:
            gold_text = text[argument.start : argument.end]
            judged.append((argument, kind, agrees(gold_text, match.get(COLUMNS[kind]))))
    return judged


def score(docs: Sequence[BenchDoc], predictions: Predictions) -> dict[str, Any]:
    """Trigger recall, typed recall (mapped, all), per top-level type, argument agreement."""
    counts: dict[str, Any] = {
        "trigger": Acc(),
        "typed_mapped": Acc(),
        "typed_all": Acc(),
        "per_type": {},
        "arguments": {column: Acc() for column in COLUMNS.values()},
    }
    for doc in docs:
        rows = rows_of(predictions, doc.doc_id, "events")
        for event in doc.events:
            _event_counts(event, rows, doc.text, counts)
    per_type = {
        name: {
            "events": c["trigger"].total,
            "trigger_recall": _recall(c["trigger"])["recall"],
            "typed_recall": _recall(c["typed"])["recall"],
        }
        for name, c in sorted(counts["per_type"].items())
    }
    return {
        "documents": len(docs),
        "events": counts["trigger"].total,
        "trigger": _recall(counts["trigger"]),
        "typed_mapped": _recall(counts["typed_mapped"]),
        "typed_all": _recall(counts["typed_all"]),
        "per_type": per_type,
        "arguments": {column: _agreement(acc) for column, acc in counts["arguments"].items()},
    }


def _recall(acc: Acc) -> dict[str, Any]:
    return {"recall": acc.to_dict()["accuracy"], "found": acc.correct, "total": acc.total}


def _agreement(acc: Acc) -> dict[str, Any]:
    return {"agreement": acc.to_dict()["accuracy"], "agree": acc.correct, "total": acc.total}


def errors(docs: Sequence[BenchDoc], predictions: Predictions) -> list[dict[str, Any]]:
    """Missed triggers, found triggers of a mapped type with no event of a right type
    (``wrong_type``), and gold arguments of a typed match that do not agree
    (``wrong_argument``), with the text around them."""
    found = []
    for doc in docs:
        rows = rows_of(predictions, doc.doc_id, "events")
        for event in doc.events:
            found += _event_errors(doc, event, rows)
    return found


def _event_errors(doc: BenchDoc, event: GoldEvent, rows: list[Row]) -> list[dict[str, Any]]:
    hits = overlapping(event, rows)
    ours = our_types(event.type)
    if not hits:
        return [_record(doc, "miss", event.start, event.end, event.type, None)]
    match = typed_match(event, rows)
    if match is None:
        if not ours:
            return []
        predicted = sorted({str(r.get("event_type")) for r in hits})
        return [_record(doc, "wrong_type", event.start, event.end, event.type, predicted)]
    records = []
    for argument, kind, ok in judged_arguments(event, match, doc.text):
        if not ok:
            column = COLUMNS[kind]
            record = _record(doc, "wrong_argument", argument.start, argument.end, None, None)
            record.update(
                role=argument.role,
                column=column,
                gold=doc.text[argument.start : argument.end],
                pred=match.get(column),
                trigger=doc.text[event.start : event.end],
            )
            records.append(record)
    return records


def _record(doc: BenchDoc, kind: str, start: int, end: int, gold: Any, pred: Any) -> dict:
    return {
        "doc_id": doc.doc_id,
        "kind": kind,
        "text": doc.text[start:end],
        "gold": gold,
        "pred": pred,
        "context": context(doc.text, start, end),
    }


SUITE = Suite(
    name="rams",
    folder="rams-dev",
    description="RAMS 1.0 events: trigger and typed recall, argument agreement",
    read=rams.read,
    score=score,
    baseline=verb_events,
    baseline_name="every verb as an untyped event",
    headline=(
        ("trigger.recall", "trigger recall"),
        ("typed_mapped.recall", "typed recall (mapped types)"),
        ("typed_all.recall", "typed recall (all types)"),
        ("arguments.actors.agreement", "actor agreement"),
        ("arguments.targets.agreement", "target agreement"),
        ("arguments.location.agreement", "place agreement"),
    ),
    errors=errors,
)
