"""Linking a company's short name (``Apple``, ``Apple Inc.``) to its name plus what it does
(``Apple Computer``: the short name followed by ``org_descriptors`` words, company forms aside).

The short name joins that company when the article names only one company of this kind
(other organisations whose names merely start with the short name, such as a product the
model took for an organisation, ``Apple Macintosh``, do not count). When it names several
(``Mitsubishi Motors`` and ``Mitsubishi Electric``), a mention of the short name joins the one
its paragraph named before it, when the paragraph named only that one of them; otherwise the
mentions of the short name stay apart, together.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from pipeline.stages.cluster_keys import Groups, org_base, org_core, paragraph
from pipeline.stages.entity_rules import EntityRules


@dataclass(frozen=True)
class ShortName:
    """A mention of a company's short name and the mentions of its longer forms."""

    index: int
    described: tuple[int, ...]


def short_names(rules: EntityRules, named: list[Span]) -> dict[int, ShortName]:
    """The ORG mentions that are a short name of a company named more fully in the article."""
    orgs = [i for i, s in enumerate(named) if s.label_ == "ORG"]
    texts = {i: named[i].text for i in orgs}  # a span's text is built on each access
    cores = {i: org_core(texts[i], rules) for i in orgs}
    bases = {i: org_base(texts[i], rules) for i in orgs}
    found: dict[int, ShortName] = {}
    for i in orgs:
        core = cores[i]
        if bases[i] != core:
            continue
        described = tuple(j for j in orgs if cores[j] == core and bases[j] != core)
        if described:
            found[i] = ShortName(i, described)
    return found


def link_short_names(
    rules: EntityRules, named: list[Span], short: dict[int, ShortName], groups: Groups
) -> None:
    """Join every short name to its company (see the module docstring); short names left
    unresolved join each other by their words."""
    loose: dict[tuple[str, ...], int] = {}
    for i in sorted(short):
        target = _company_of(named, short[i], groups)
        if target is not None:
            groups.union(i, target)
            continue
        base = org_base(named[i].text, rules)
        if base in loose:
            groups.union(i, loose[base])
        else:
            loose[base] = i


def _company_of(named: list[Span], name: ShortName, groups: Groups) -> int | None:
    companies = {groups.find(j) for j in name.described}
    if len(companies) == 1:
        return next(iter(companies))
    here = paragraph(named[name.index])
    named_here = {
        groups.find(j) for j in name.described if j < name.index and paragraph(named[j]) == here
    }
    return next(iter(named_here)) if len(named_here) == 1 else None
