"""Year-ago comparisons in a report on a quarter: after ``the third quarter`` (1989-Q3),
``up from $10 million a year ago`` is the same quarter a year before (1988-Q3), not the whole
of 1988 (``temporal.toml`` ``[quarter_comparisons]``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from pipeline.resources import load_resource

QUARTER = re.compile(r"(\d{4})-Q([1-4])")
YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class ComparisonRules:
    """The phrases that compare with a year before."""

    phrases: frozenset[str]
    same_quarter: frozenset[str]
    period: re.Pattern[str]


@lru_cache(maxsize=1)
def load_comparison_rules() -> ComparisonRules:
    """The built-in ``[quarter_comparisons]`` of ``temporal.toml``."""
    data = load_resource("temporal.toml")["quarter_comparisons"]
    return ComparisonRules(
        frozenset(data["phrases"]),
        frozenset(data["same_quarter"]),
        re.compile(data["period_pattern"]),
    )


def quarter_comparisons(dates: list[Span]) -> None:
    """Give year-ago comparisons the quarter of the nearest quarter named before them, and
    ``the latest quarter`` that quarter itself."""
    rules = load_comparison_rules()
    quarter: tuple[int, str] | None = None
    for ent in dates:
        value = ent._.value or ""
        found = QUARTER.fullmatch(value)
        if found:
            quarter = (int(found.group(1)), found.group(2))
            continue
        if quarter is not None:
            _compare(rules, ent, value, quarter)


def _compare(rules: ComparisonRules, ent: Span, value: str, quarter: tuple[int, str]) -> None:
    year, number = quarter
    text = " ".join(ent.text.lower().split())
    if text in rules.same_quarter:
        ent._.value, ent._.timex_type = f"{year}-Q{number}", "DATE"
    elif (text in rules.phrases or rules.period.match(text)) and value in ("", str(year - 1)):
        ent._.value, ent._.timex_type = f"{year - 1}-Q{number}", "DATE"
