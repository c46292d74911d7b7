"""``temporal.toml`` with derived lookups, the text cleaner and the leading-word stages."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.resources import load_resource


def alt(words: Iterable[str]) -> str:
    """Regex alternation of words, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def alt_in_order(words: Iterable[str]) -> str:
    """Regex alternation of words, in the order given."""
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


@dataclass(frozen=True)
class Resources:
    """``temporal.toml`` (``raw``), with derived lookups and the number grammar words used here."""

    raw: dict[str, Any]
    numbers: dict[str, Any]  # the [grammar] table of numbers.toml
    months: dict[str, int] = field(init=False)
    weekdays: dict[str, int] = field(init=False)
    seasons: dict[str, str] = field(init=False)
    refs: dict[str, str] = field(init=False)
    leading: list[str] = field(init=False)
    mods: list[tuple[str, str]] = field(init=False)
    vague: list[str] = field(init=False)
    exact: list[tuple[str, float]] = field(init=False)
    articles: frozenset[str] = field(init=False)  # "a", "an"
    the: str = field(init=False)  # regex of the article of [grammar]
    of: str = field(init=False)  # regex of "of"
    nth: str = field(init=False)  # regex of the ordinal suffixes: "st", "nd", ...
    rewrites: list[tuple[re.Pattern[str], str]] = field(init=False)
    clock_re: re.Pattern[str] = field(init=False)
    part_re: re.Pattern[str] = field(init=False)
    part_phrase_re: re.Pattern[str] = field(init=False)  # "this afternoon", "in the morning"

    def __post_init__(self) -> None:
        raw = self.raw
        put = object.__setattr__
        put(self, "months", raw["months"])
        put(self, "weekdays", raw["weekdays"])
        put(self, "seasons", raw["seasons"])
        refs = {p: value for value, phrases in raw["refs"].items() for p in phrases}
        put(self, "refs", refs)
        put(self, "leading", sorted(raw["leading"]["words"], key=len, reverse=True))
        put(self, "mods", sorted(raw["mods"].items(), key=lambda kv: len(kv[0]), reverse=True))
        quantities = raw["quantities"]
        put(self, "vague", sorted(quantities["vague"], key=len, reverse=True))
        exact = sorted(quantities["exact"].items(), key=lambda kv: -len(kv[0]))
        put(self, "exact", [(phrase, float(n)) for phrase, n in exact])
        put(self, "articles", frozenset(self.numbers["articles"]))
        put(self, "the", alt([raw["grammar"]["article"]]))
        put(self, "of", alt([raw["grammar"]["of"]]))
        put(self, "nth", alt_in_order(self.numbers["ordinal_suffixes"]))
        rewrites = [(re.compile(p), r) for p, r in raw["cleaning"]["rewrites"]]
        put(self, "rewrites", rewrites)
        put(self, "clock_re", re.compile(_clock_pattern(raw)))
        put(self, "part_re", re.compile(rf"\b(?P<part>{alt(raw['parts_of_day'])})\b"))
        leads = alt(raw["time"]["part_leads"])
        phrase = rf"(?:\b(?P<lead>{leads}) )?\b(?P<part>{alt(raw['parts_of_day'])})\b"
        put(self, "part_phrase_re", re.compile(phrase))


def _clock_pattern(raw: dict[str, Any]) -> str:
    """Regex of a clock time: "3 pm", "3:30 pm", "15:00", "noon", "6 o'clock", "4 in the
    morning" (the bare hour only), then time zones."""
    time, parts = raw["time"], alt(raw["parts_of_day"])
    return (
        rf"(?:\b(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))? ?(?P<ap>{alt(time['meridiems'])})\b"
        r"|\b(?P<h2>\d{1,2}):(?P<m2>\d{2})\b"
        rf"|\b(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)(?= {alt(time['utc_zones'])}\b)"
        rf"|\b(?P<h4>\d{{1,2}}) {alt(time['oclock'])}(?!\w)"
        rf"|\b(?P<h5>\d{{1,2}})(?= in the {parts}\b)"
        rf"|\b(?P<word>{alt(raw['clock_words'])})\b)"
        rf"(?: (?P<zone>{alt(time['zones'])})\b)*"
    )


@lru_cache(maxsize=1)
def res() -> Resources:
    """Load temporal.toml once."""
    return Resources(load_resource("temporal.toml"), load_resource("numbers.toml")["grammar"])


_SHORT_YEAR = re.compile(r"'\d{2}\b")  # "'82": the apostrophe marks a two-digit year


@lru_cache(maxsize=8192)
def clean(text: str) -> str:
    """Lower-case, unify quotes and dashes, apply the [cleaning] rewrites, squeeze spaces
    (memoised: rules clean the parts of a mention again)."""
    s = text.lower().strip()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    for pattern, replacement in res().rewrites:
        s = pattern.sub(replacement, s)
    s = re.sub(r"\s+", " ", s)
    s = s.strip(" .-'") if not _SHORT_YEAR.match(s) else "'" + s[1:].strip(" .-'")
    return spoken_years(s)


def stages(s: str) -> Iterator[str]:
    """The expression, then with leading words removed one by one."""
    r = res()
    seen: set[str] = set()
    while s and s not in seen:
        seen.add(s)
        s = r.raw["aliases"].get(s, s)
        for prefix, new in r.raw["prefix_rewrites"].items():
            if s.startswith(prefix + " "):
                s = new + s[len(prefix) :]
        yield s
        for word in r.leading:
            if s.startswith(word + " "):
                s = s[len(word) + 1 :]
                break


from pipeline.text.timex.spoken_years import spoken_years  # noqa: E402 - uses res() above
