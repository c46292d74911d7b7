"""``gva``: casualty counts, incident date and city on local US crime news, against the Gun
Violence Archive's hand-coded record of each article's incident.

What an analyst charts from the events table, derived per article from the asserted events
(``negated`` not true, and ``modality``, where the table has it, ``asserted``: threats, plans,
future events and tallies over a period are not the incident):

* killed: the largest ``quantity`` among ``death`` events, a death event without a quantity
  counting 1; 0 when there is none. Injured: the same over ``injury`` events.
* the main event: among ``death``, ``injury`` and ``attack`` events (casualty or attack), the
  one with the most filled arguments (``actors``, ``targets``, ``location``, ``date``,
  ``quantity``: non-empty lists, non-null values), the first in document order on a tie.
  Predicted date: its ``date`` when that names a full day (``YYYY-MM-DD``; a time or part
  of day after it, ``2018-03-21T09:51`` or ``2014-01-07TAF``, is dropped), else none, even
  when another event has a day; predicted city: its ``city``, else its ``location``.
  ``clash`` events are not candidates (the words say casualty or attack).

Scored: accuracy of killed, injured, both together, the date (exact day) and the city
(case-insensitive containment either way, whitespace collapsed; an empty prediction never
matches; items with no gold city are left out, as would be items with no gold date, of which
the dev split has none). The all-zero answer (0 killed, 0 injured) is reported beside, as the
floor. Baseline: ``count_regex`` (a number right before a word of killing or injury), which
has no dates or places, so its date and city accuracy are 0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Sized
from dataclasses import dataclass
from typing import Any

from pipeline.eval.baselines.count_regex import casualty_counts
from pipeline.eval.corpora import gva
from pipeline.eval.corpora.base import BenchDoc
from pipeline.eval.metrics import Acc, Row, finalize, norm_text, to_float
from pipeline.eval.suites import Predictions, Suite, context, rows_of

MAIN_TYPES = ("death", "injury", "attack")
"""Casualty and attack events, the candidates for the incident's date and place."""
ARGUMENTS = ("actors", "targets", "location", "date", "quantity")
"""The argument columns of an events row, counted to choose the main event."""
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|T)")


@dataclass(frozen=True)
class Answer:
    """What the events table says of one article's incident, and the rows it comes from."""

    killed: float
    injured: float
    date: str | None
    city: str | None
    killed_row: Row | None = None
    injured_row: Row | None = None
    main_row: Row | None = None


def asserted(rows: list[Row]) -> list[Row]:
    """The events neither negated nor of another modality, in document order."""
    kept = [r for r in rows if not r.get("negated") and r.get("modality") in (None, "asserted")]
    return sorted(kept, key=lambda r: (r.get("start_char") or 0, r.get("end_char") or 0))


def casualties(rows: list[Row], event_type: str) -> tuple[float, Row | None]:
    """The largest count among events of ``event_type`` (1 for one without a quantity, 0
    with no such event) and the row it comes from."""
    best, best_row = 0.0, None
    for row in rows:
        if row.get("event_type") != event_type:
            continue
        quantity = to_float(row.get("quantity"))
        count = 1.0 if quantity is None else quantity
        if best_row is None or count > best:
            best, best_row = count, row
    return best, best_row


def filled(row: Row) -> int:
    """How many argument columns of an events row hold something."""
    return sum(1 for column in ARGUMENTS if _filled(row.get(column)))


def _filled(value: Any) -> bool:
    if value is None:
        return False
    return len(value) > 0 if isinstance(value, str | Sized) else True


def main_event(rows: list[Row]) -> Row | None:
    """The casualty or attack event with the most filled arguments (first on a tie)."""
    best: Row | None = None
    for row in rows:
        if row.get("event_type") in MAIN_TYPES and (best is None or filled(row) > filled(best)):
            best = row
    return best


def day(value: Any) -> str | None:
    """``2018-03-28`` from a date value naming a full day, else None."""
    match = _DAY.match(str(value).strip()) if value else None
    return match.group(1) if match else None


def answer(rows: list[Row]) -> Answer:
    """The incident as the events table tells it."""
    events = asserted(rows)
    killed, killed_row = casualties(events, "death")
    injured, injured_row = casualties(events, "injury")
    main = main_event(events)
    date = day(main.get("date")) if main else None
    city = (main.get("city") or main.get("location") or None) if main else None
    return Answer(killed, injured, date, city, killed_row, injured_row, main)


def city_matches(gold: str, predicted: str | None) -> bool:
    """Case-insensitive containment either way; an empty prediction never matches."""
    g, p = norm_text(gold), norm_text(predicted)
    if not g or not p:
        return False
    return g in p or p in g


def judge(doc: BenchDoc, found: Answer) -> dict[str, bool]:
    """Which of the figures one article gets right (``date``/``city`` absent when the gold
    has none)."""
    gold = doc.incident
    assert gold is not None
    killed, injured = found.killed == gold.killed, found.injured == gold.injured
    judged = {"killed": killed, "injured": injured, "both": killed and injured}
    if gold.date:
        judged["date"] = found.date == gold.date
    if gold.city:
        judged["city"] = city_matches(gold.city, found.city)
    return judged


def score(docs: Sequence[BenchDoc], predictions: Predictions) -> dict[str, Any]:
    """Accuracy of killed, injured, both, date and city; the all-zero floor beside."""
    counts = {name: Acc() for name in ("killed", "injured", "both", "date", "city")}
    floor = {name: Acc() for name in ("killed", "injured", "both")}
    for doc in docs:
        gold = doc.incident
        if gold is None:
            continue
        for name, ok in judge(doc, answer(rows_of(predictions, doc.doc_id, "events"))).items():
            counts[name].add(ok)
        floor["killed"].add(gold.killed == 0)
        floor["injured"].add(gold.injured == 0)
        floor["both"].add(gold.killed == 0 and gold.injured == 0)
    return {"documents": len(docs), **finalize(counts), "all_zero_floor": finalize(floor)}


def errors(docs: Sequence[BenchDoc], predictions: Predictions) -> list[dict[str, Any]]:
    """One record per wrong figure of an article (``wrong_killed``, ``wrong_injured``,
    ``wrong_date``, ``wrong_city``), with the text around the event it came from (the start
    of the article when there is none)."""
    found = []
    for doc in docs:
        if doc.incident is None:
            continue
        got = answer(rows_of(predictions, doc.doc_id, "events"))
        sources = {
            "killed": (doc.incident.killed, got.killed, got.killed_row),
            "injured": (doc.incident.injured, got.injured, got.injured_row),
            "date": (doc.incident.date, got.date, got.main_row),
            "city": (doc.incident.city, got.city, got.main_row),
        }
        for name, ok in judge(doc, got).items():
            if name != "both" and not ok:
                gold, pred, row = sources[name]
                found.append(_record(doc, f"wrong_{name}", gold, pred, row))
    return found


def _record(doc: BenchDoc, kind: str, gold: Any, pred: Any, row: Row | None) -> dict:
    start = int(row["start_char"]) if row else 0
    end = int(row["end_char"]) if row else 0
    return {
        "doc_id": doc.doc_id,
        "kind": kind,
        "text": doc.text[start:end],
        "gold": gold,
        "pred": pred,
        "context": context(doc.text, start, end),
    }


SUITE = Suite(
    name="gva",
    folder="gva-dev",
    description="GVA incidents: killed and injured counts, date and city",
    read=gva.read,
    score=score,
    baseline=casualty_counts,
    baseline_name="count regex (number before killed/injured words)",
    headline=(
        ("killed.accuracy", "killed accuracy"),
        ("injured.accuracy", "injured accuracy"),
        ("both.accuracy", "killed and injured accuracy"),
        ("date.accuracy", "date accuracy"),
        ("city.accuracy", "city accuracy"),
    ),
    errors=errors,
)
