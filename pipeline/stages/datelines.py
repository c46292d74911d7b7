"""Datelines: where and when a story was filed, and by which agency.

Two layouts: a dateline opening the first body paragraph (``UNITED NATIONS, July 22. /TASS/.``,
``WASHINGTON (Reuters) -``, ``GENEVA, March 3 /AFP/ -``, ``LONDON —``, ``Paris (AFP) -``) and
a dateline that is a paragraph of its own, as in wire copy (``LONDON 1996-08-30``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.stages.layout_lines import in_capitals
from pipeline.stages.layout_rules import CleaningRules

# A dateline place has at most this many words.
MAX_PLACE_WORDS = 7
CAPITALISED = re.compile(r"[A-Z][A-Za-z]")
CAPITALS = re.compile(r"[A-Z]{2}")
# Without an agency or a date, a paragraph opened by a dateline is at least this long.
MIN_UNDATED_PARAGRAPH = 100


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a paragraph (or making up all of it)."""

    start: int
    end: int
    place: str
    date: str | None
    agency: str | None


def find_dateline(
    paragraph: str, offset: int, rules: CleaningRules, first: bool = False
) -> Dateline | None:
    """A dateline at the start of ``paragraph`` (whose text starts at ``offset``), or one
    that is the whole paragraph. In the article's ``first`` paragraph a place and a colon
    open a transcript (``HASEN: Well, ...``), not a dateline."""
    whole = dateline_paragraph(paragraph, offset, rules)
    if whole is not None:
        return whole
    for pattern in rules.datelines:
        match = pattern.match(paragraph)
        if not match or match.end() >= len(paragraph):
            continue
        groups = match.groupdict()
        place = match.group("place").strip(" ,")
        agency = (groups.get("agency") or "").strip() or None
        if not _place_like(place, agency is not None, rules):
            continue
        if agency is None and not groups.get("date") and len(paragraph) < MIN_UNDATED_PARAGRAPH:
            continue
        if in_capitals(paragraph[match.end() :], rules):
            continue  # "CRICKET - ENGLAND BEAT PAKISTAN": a rubric before a headline
        unit = match.group(0).rstrip()
        if first and agency is None and unit.endswith(":"):
            continue
        return Dateline(offset, offset + len(unit), place, groups.get("date"), agency)
    return None


def opens_like_dateline(paragraph: str, rules: CleaningRules) -> bool:
    """Whether a paragraph opens with what has the shape of a dateline (``COLUMBUS – Police
    have ...``), even one too short to be taken for sure."""
    for pattern in rules.datelines:
        match = pattern.match(paragraph)
        if match and match.end() < len(paragraph):
            if _place_like(
                match.group("place").strip(" ,"), bool(match.groupdict().get("agency")), rules
            ):
                return True
    return False


def dateline_paragraph(paragraph: str, offset: int, rules: CleaningRules) -> Dateline | None:
    """A paragraph that is a dateline by itself (``LONDON 1996-08-30``)."""
    for pattern in rules.dateline_lines:
        match = pattern.fullmatch(paragraph.strip())
        if match is None:
            continue
        place = match.group("place").strip(" ,")
        if _place_like(place, False, rules):
            return Dateline(offset, offset + len(paragraph), place, match.group("date"), None)
    return None


def _place_like(place: str, has_agency: bool, rules: CleaningRules) -> bool:
    """Whether a dateline's place part looks like a place: a few words, capitalised, in
    capitals unless an agency follows (``Paris (AFP)``), not a label such as ``UPDATE``."""
    if len(place.split()) > MAX_PLACE_WORDS or not CAPITALISED.search(place):
        return False
    if not CAPITALS.search(place) and not has_agency:
        return False
    return place.split(",")[0].strip().lower() not in rules.not_dateline_places


def dateline_boundaries(text: str, dateline: Dateline) -> list[int]:
    """Character offsets where the dateline's place and agency start and end (tokens are
    split there, e.g. so the agency in ``/TASS/.`` is a token of its own)."""
    unit = text[dateline.start : dateline.end]
    bounds = []
    for name in (dateline.place, dateline.agency):
        at = unit.rfind(name) if name else -1
        if at >= 0:
            bounds += [dateline.start + at, dateline.start + at + len(name)]
    return bounds
