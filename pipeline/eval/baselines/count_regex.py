"""Baseline: a number right before a word of killing or injury is a count of casualties.

"3 killed", "two dead", "twenty-one wounded": digits or a number word (the ``units`` and
``tens`` of the pipeline's ``numbers.toml``, ``tens-units`` hyphenated) immediately followed by
a word of ``pipeline/eval/data/count_words.toml`` gives one ``death`` or ``injury`` event row
with that quantity, and no actors, place or date.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

from pipeline.eval.corpora.base import BenchDoc
from pipeline.eval.suites import BaselineTools, Predictions
from pipeline.resources import load_resource

WORDS_FILE = "count_words.toml"


@lru_cache(maxsize=1)
def number_words() -> dict[str, dict[str, int]]:
    """The ``units`` and ``tens`` tables of ``numbers.toml``: word -> value."""
    data = load_resource("numbers.toml")
    return {t: {w.lower(): int(v) for w, v in data[t].items()} for t in ("units", "tens")}


@lru_cache(maxsize=1)
def casualty_words() -> dict[str, str]:
    """Word -> event type (``death`` or ``injury``)."""
    data = tomllib.loads((files("pipeline.eval") / "data" / WORDS_FILE).read_text("utf-8"))
    return {word.lower(): kind for kind in ("death", "injury") for word in data[kind]}


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    """``NUMBER WORD``: the number in group 1, the casualty word in group 2."""
    units, tens = _alternatives(number_words()["units"]), _alternatives(number_words()["tens"])
    number = rf"\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{tens})-(?:{units})|{tens}|{units}"
    casualty = _alternatives(casualty_words())
    return re.compile(rf"\b({number})\s+({casualty})\b", re.IGNORECASE)


def value_of(number: str) -> int:
    """``3`` -> 3, ``1,200`` -> 1200, ``three`` -> 3, ``twenty-one`` -> 21."""
    digits = number.replace(",", "")
    if digits.isdigit():
        return int(digits)
    values = {**number_words()["units"], **number_words()["tens"]}
    return sum(values[part] for part in number.lower().split("-"))


def casualty_rows(text: str) -> list[dict[str, Any]]:
    """Event rows, one per ``NUMBER WORD`` match, typed by the word."""
    rows = []
    for match in pattern().finditer(text):
        rows.append(
            {
                "start_char": match.start(2),
                "end_char": match.end(2),
                "trigger": match.group(2),
                "event_type": casualty_words()[match.group(2).lower()],
                "actors": [],
                "targets": [],
                "location": None,
                "date": None,
                "quantity": float(value_of(match.group(1))),
                "negated": False,
            }
        )
    return rows


def casualty_counts(docs: Sequence[BenchDoc], tools: BaselineTools) -> Predictions:
    """Event rows for every document (``tools`` unused: no model needed)."""
    return {doc.doc_id: {"events": casualty_rows(doc.text)} for doc in docs}
