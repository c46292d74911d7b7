"""Layout knowledge for the cleaning stage, compiled from ``cleaning.toml``: boilerplate,
credits, bylines, link labels, dateline shapes, and what makes a headline, a heading or a
results table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.resources import load_resource, word_set

Patterns = tuple[re.Pattern[str], ...]


@dataclass(frozen=True, eq=False)
class CleaningRules:
    """Compiled layout knowledge from ``cleaning.toml`` (hashed by identity: one instance per
    resource file, cached)."""

    boilerplate: Patterns
    link_labels: Patterns
    credits: Patterns
    credit_tails: Patterns
    bylines: Patterns
    bare_bylines: Patterns
    datelines: Patterns
    dateline_lines: Patterns
    not_dateline_places: frozenset[str]
    max_head_paragraphs: int
    max_headline_words: int
    max_subheadline_words: int
    max_title_line_words: int
    lead_words: frozenset[str]
    lead_openers: frozenset[str]
    lead_weak_words: frozenset[str]
    max_lead_weak: int
    max_heading_words: int
    max_caps_rubric_words: int
    caps_share: float
    min_table_rows: int
    max_table_row_words: int
    min_table_number_share: float
    table_number: re.Pattern[str]


def _compile(patterns: list[str], **parts: str) -> Patterns:
    """Compile patterns, replacing ``{name}`` placeholders by the given sub-patterns."""
    compiled = []
    for pattern in patterns:
        for name, part in parts.items():
            pattern = pattern.replace("{" + name + "}", part)
        compiled.append(re.compile(pattern))
    return tuple(compiled)


@lru_cache(maxsize=8)
def load_rules(resources: str = "") -> CleaningRules:
    """Compile the cleaning resource file (built-in when ``resources`` is empty). Keys added
    after version 0.4 are optional, so that older resource files still load."""
    data: dict[str, Any] = load_resource("cleaning.toml", resources)
    name = data.get("byline_name", r"[A-Z][\w.'’\-]*(\s+[A-Z][\w.'’\-]*){0,4}")
    names = rf"{name}((\s*,\s*|\s+(and|&)\s+){name})*"
    return CleaningRules(
        boilerplate=_compile(data["boilerplate"]),
        link_labels=_compile(data.get("link_labels", [])),
        credits=_compile(data.get("credits", [])),
        credit_tails=_compile(data.get("credit_tails", [])),
        bylines=_compile(data.get("bylines", []), names=names, tail=data.get("byline_tail", "")),
        bare_bylines=_compile(data.get("bare_bylines", [])),
        datelines=_compile(data["datelines"]),
        dateline_lines=_compile(data.get("dateline_lines", [])),
        not_dateline_places=word_set(data.get("not_dateline_places", [])),
        max_head_paragraphs=int(data["max_head_paragraphs"]),
        max_headline_words=int(data["max_headline_words"]),
        max_subheadline_words=int(data["max_subheadline_words"]),
        max_title_line_words=int(data.get("max_title_line_words", 0)),
        lead_words=word_set(data.get("lead_words", [])),
        lead_openers=word_set(data.get("lead_openers", [])),
        lead_weak_words=word_set(data.get("lead_weak_words", [])),
        max_lead_weak=int(data.get("max_lead_weak", 0)),
        max_heading_words=int(data.get("max_heading_words", 0)),
        max_caps_rubric_words=int(data.get("max_caps_rubric_words", 0)),
        caps_share=float(data.get("caps_share", 0.8)),
        min_table_rows=int(data.get("min_table_rows", 2)),
        max_table_row_words=int(data.get("max_table_row_words", 0)),
        min_table_number_share=float(data.get("min_table_number_share", 1.0)),
        table_number=re.compile(data.get("table_number", r"\d+")),
    )
