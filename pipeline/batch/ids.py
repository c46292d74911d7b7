"""Unique document ids: what a run does when two inputs claim the same ``doc_id``.

Ids are made unique deterministically, from the input alone: the first article in input
order (files in sorted path order, then line order) keeps its id; every later one is renamed
after where it came from, ``feed.jsonl:3`` (the file's path relative to the input root, with
its extension, and the 1-based line) for a JSON-lines record, ``notes/a.txt`` for a ``.txt``
file, with ``#2``, ``#3``, ... added if even that is taken, and carries a warning that says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IdClaim:
    """An article's id as read, and where it came from: ``origin`` is its file's path
    relative to the input root (with extension), ``line`` the 1-based line of a JSON-lines
    record (0 for a whole file)."""

    doc_id: str
    origin: str
    line: int = 0

    def where(self) -> str:
        """Where the article came from, for a warning: ``a.jsonl line 3`` or ``b/c.txt``."""
        return f"{self.origin} line {self.line}" if self.line else self.origin

    def fallback(self) -> str:
        """The id a renamed article gets before making it unique: ``a.jsonl:3`` or ``b/c.txt``."""
        return f"{self.origin}:{self.line}" if self.line else self.origin


@dataclass(frozen=True, slots=True)
class Renamed:
    """A duplicate's new id and the warning that tells why."""

    doc_id: str
    warning: str


def unique_ids(claims: Sequence[IdClaim]) -> list[Renamed | None]:
    """For each claim, in input order: None when it keeps its id, else its new id. New ids
    never take an id that any input claims, nor each other's."""
    first: dict[str, int] = {}
    for i, claim in enumerate(claims):
        first.setdefault(claim.doc_id, i)
    taken = set(first)
    renamed: list[Renamed | None] = []
    for i, claim in enumerate(claims):
        if first[claim.doc_id] == i:
            renamed.append(None)
            continue
        new_id = _free(claim.fallback(), taken)
        taken.add(new_id)
        original = claims[first[claim.doc_id]]
        warning = f"duplicate id {claim.doc_id!r} (first in {original.where()}): renamed {new_id}"
        renamed.append(Renamed(new_id, warning))
    return renamed


def _free(base: str, taken: set[str]) -> str:
    """``base``, or ``base#2``, ``base#3``, ... whichever is first not ``taken``."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}#{n}", n + 1
    return candidate
