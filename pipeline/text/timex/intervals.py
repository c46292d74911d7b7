"""The two ends of a worded range, for readers that mark each end as its own TIMEX3.

The pipeline values a range as one ISO interval (``between 1992 and 1994`` -> ``1992/1994``,
the contract's convention). TimeML has no interval value: it marks ``between [1992] and
[1994]`` and ``from [Aug. 26] to [Oct. 20]`` as two TIMEX3s. :func:`interval_ends` finds the
two ends' character offsets in the range's text (the joining and leading words from
``[ranges]`` of ``temporal.toml``); a range written with a hyphen (``1992-1994``) has no word
between its ends and gives None.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.text.timex.resources import res

Offsets = tuple[int, int]


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(leading words, joining words) as patterns of whole words."""
    ranges = res().raw["ranges"]
    between, and_ = ranges["between"]
    joins = sorted({and_, *(w for w in ranges["to"] if w.isalpha())}, key=len, reverse=True)
    leads = sorted({between, ranges["from"]}, key=len, reverse=True)
    lead = re.compile(r"(?i)^(?:" + "|".join(map(re.escape, leads)) + r")\s+")
    join = re.compile(r"(?i)\s+(?:" + "|".join(map(re.escape, joins)) + r")\s+")
    return lead, join


def interval_ends(text: str) -> tuple[Offsets, Offsets] | None:
    """Character offsets in ``text`` of the two ends of a worded range (``from March to
    May`` -> the offsets of ``March`` and ``May``), or None when no single joining word
    separates two non-empty ends."""
    lead, join = _patterns()
    start = m.end() if (m := lead.match(text)) else 0
    joins = list(join.finditer(text, start))
    if len(joins) != 1:
        return None
    first, second = (start, joins[0].start()), (joins[0].end(), len(text.rstrip()))
    if first[0] >= first[1] or second[0] >= second[1]:
        return None
    return first, second
