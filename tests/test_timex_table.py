"""The phrase table tests/data/timex_phrases.tsv through pipeline.text.timex.normalise.

Each row gives a phrase of news English, the publication date it is anchored on, the tense of
its clause and the TimeML TIMEX3 type, value and mod it must normalise to (type NONE: normalise
must return None). Every row is checked and all failing rows are reported in one assertion, so a
reader sees the whole list at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.text.timex import Timex, normalise
from tests.test_timex_properties import timex3_problem

TABLE = Path(__file__).resolve().parent / "data" / "timex_phrases.tsv"
COLUMNS = ["phrase", "anchor", "tense", "type", "value", "mod", "note"]
NONE = "-"
TENSES = ("past", "present", "future")


@dataclass(frozen=True)
class Row:
    line: int
    phrase: str
    anchor: dt.date | None
    tense: str | None
    type: str  # DATE, TIME, DURATION, SET, or NONE: normalise returns None
    value: str | None
    mod: str | None  # None: not checked
    note: str

    def describe(self) -> str:
        return f"{self.phrase!r} (anchor {self.anchor or NONE}, tense {self.tense or NONE})"

    def expected(self) -> str:
        if self.type == "NONE":
            return "None"
        return " ".join([self.type, self.value or "", self.mod or ""]).strip()


def _field(text: str) -> str | None:
    return None if text == NONE else text


def load_table(path: Path = TABLE) -> list[Row]:
    """The rows of the table; comment lines (#) and blank lines are skipped."""
    rows: list[Row] = []
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            assert cells == COLUMNS, f"line {number}: header {cells}, expected {COLUMNS}"
            header_seen = True
            continue
        assert len(cells) == len(COLUMNS), f"line {number}: {len(cells)} columns: {line!r}"
        phrase, anchor, tense, type_, value, mod, note = cells
        rows.append(
            Row(
                line=number,
                phrase=phrase,
                anchor=None if anchor == NONE else dt.date.fromisoformat(anchor),
                tense=_field(tense),
                type=type_,
                value=_field(value),
                mod=_field(mod),
                note=note,
            )
        )
    return rows


ROWS = load_table()


def test_table_is_well_formed() -> None:
    """At least 180 phrases, each expectation a well-formed TIMEX3 (or None), no duplicates."""
    assert len(ROWS) >= 180, len(ROWS)
    problems = []
    seen: dict[tuple, int] = {}
    for row in ROWS:
        key = (row.phrase, row.anchor, row.tense)
        if key in seen:
            problems.append(f"line {row.line}: {row.describe()} repeats line {seen[key]}")
        seen[key] = row.line
        if row.tense is not None and row.tense not in TENSES:
            problems.append(f"line {row.line}: unknown tense {row.tense!r}")
        if row.type == "NONE":
            if row.value is not None or row.mod is not None:
                problems.append(f"line {row.line}: a NONE row has a value or mod")
            continue
        if row.value is None:
            problems.append(f"line {row.line}: no value")
            continue
        problem = timex3_problem(row.value, row.type, row.mod)
        if problem:
            problems.append(f"line {row.line}: {row.describe()}: {problem}")
    assert len(problems) == 0, "\n".join(problems)


def check(row: Row, got: Timex | None) -> bool:
    """Whether normalise's result matches the row (the mod only when the row gives one)."""
    if row.type == "NONE":
        return got is None
    if got is None or (got.type, got.value) != (row.type, row.value):
        return False
    return row.mod is None or got.mod == row.mod


def _got(timex: Timex | None) -> str:
    if timex is None:
        return "None"
    return " ".join([timex.type, timex.value, timex.mod or ""]).strip()


def test_every_phrase_normalises_as_the_table_says() -> None:
    failures = []
    for row in ROWS:
        try:
            got = normalise(row.phrase, row.anchor, row.tense)
        except Exception as error:  # a crash is one more failing row, not the end of the report
            failures.append(f"line {row.line}: {row.describe()}: raised {error!r}")
            continue
        if not check(row, got):
            failures.append(
                f"line {row.line}: {row.describe()}: expected {row.expected()}, got {_got(got)}"
            )
    report = f"{len(failures)} of {len(ROWS)} phrases fail:\n" + "\n".join(failures)
    assert len(failures) == 0, report
