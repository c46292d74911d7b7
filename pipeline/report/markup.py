"""Text with layered, possibly overlapping marks as HTML.

Entities, quotes, speakers and event triggers overlap freely (a quote holds entities, a
speaker is an entity too). displaCy's ``ent`` style draws one flat layer only, and its
``span`` style gives every token an inline-styled box, and every span a slice per token it
covers (about 80 bytes a token for the seed's entities alone; quotes cover most tokens
again). Here each mark is one element around its characters, styled by class (entities keep
displaCy's colours and label tags); a mark that crosses the end of an enclosing one is closed
there and opened again after it, so the HTML stays well nested. Only tags are added: the
element's text content is exactly the input text, so character offsets still hold.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """An element around ``text[start:end]``: ``tag`` with already-escaped ``attrs``
    (e.g. ``'class="q" data-q="3"'``); ``rank`` orders marks of one span, outer first."""

    start: int
    end: int
    tag: str
    attrs: str
    rank: int = 0

    def open(self, continued: bool = False) -> str:
        """The opening tag; a continued piece gets the ``cont`` class hook."""
        extra = ' data-cont="1"' if continued else ""
        return f"<{self.tag} {self.attrs}{extra}>"

    def close(self) -> str:
        """The closing tag."""
        return f"</{self.tag}>"


def attr(name: str, value: object) -> str:
    """One escaped HTML attribute: ``attr("title", 'a "b"')`` -> ``title="a &quot;b&quot;"``."""
    return f'{name}="{html.escape(str(value), quote=True)}"'


def render_marked(text: str, marks: list[Mark]) -> str:
    """``text`` escaped, with every valid mark (``0 <= start < end <= len(text)``) as an
    element around its characters."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    starts: dict[int, list[Mark]] = defaultdict(list)
    for mark in sorted(valid, key=lambda m: (m.start, -m.end, m.rank)):
        starts[mark.start].append(mark)
    points = sorted({0, len(text)} | {m.start for m in valid} | {m.end for m in valid})
    out: list[str] = []
    stack: list[Mark] = []
    for index, point in enumerate(points):
        _close_ending(stack, point, out)
        for mark in starts.get(point, []):
            out.append(mark.open())
            stack.append(mark)
        if index + 1 < len(points):
            out.append(html.escape(text[point : points[index + 1]], quote=False))
    for mark in reversed(stack):
        out.append(mark.close())
    return "".join(out)


def _close_ending(stack: list[Mark], point: int, out: list[str]) -> None:
    """Close the marks that end at ``point``; marks opened inside them that go on are
    closed with them and opened again."""
    ending = [i for i, mark in enumerate(stack) if mark.end <= point]
    if not ending:
        return
    lowest = ending[0]
    popped = stack[lowest:]
    del stack[lowest:]
    for mark in reversed(popped):
        out.append(mark.close())
    for mark in popped:
        if mark.end > point:
            out.append(mark.open(continued=True))
            stack.append(mark)
