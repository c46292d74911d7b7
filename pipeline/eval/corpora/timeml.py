"""TimeML 1.2.1 (``.tml``): TimeBank 1.2 and AQUAINT as cleaned for TempEval-3.

A corpus folder holds ``TimeBank/`` and ``AQUAINT/`` (every ``*.tml`` under the folder is
read, in path order; a single ``.tml`` file may be given too). Each file becomes one article:

* ``text`` is the content of ``<TEXT>`` with every tag removed and XML entities unescaped,
  exactly as it stands (leading and trailing newlines kept); offsets index that text;
* ``published`` is the date of the document creation time ``<DCT><TIMEX3 value=...>`` (a
  datetime value keeps its date part; no DCT, or a value without a date, gives None); the
  DCT is not a gold timex, since it is not part of the text;
* ``title`` is the ``<TITLE>`` element, where the file has one (metadata only, not in the
  text); ``doc_id`` is the file name without ``.tml``.

Gold timexes are the inline ``TIMEX3`` elements of ``TEXT``: ``label`` their ``type``,
``value`` their ``value`` and ``mod`` their ``mod`` (an empty attribute becomes None).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from pipeline.eval.corpora.base import BenchDoc, CorpusError, GoldSpan, article, require

SUFFIX = ".tml"


def read(path: Path, limit: int | None = None) -> list[BenchDoc]:
    """The documents of a TimeML corpus folder (or one ``.tml`` file), at most ``limit``."""
    files = tml_files(path)
    if limit is not None:
        files = files[:limit]
    return [read_file(file) for file in files]


def tml_files(path: Path) -> list[Path]:
    """Every ``.tml`` file at ``path``, sorted; ``CorpusError`` when there is none."""
    require(path, "TimeML corpus")
    files = [path] if path.is_file() else sorted(path.rglob(f"*{SUFFIX}"))
    if not files:
        raise CorpusError(f"no TimeML {SUFFIX} files under {path}")
    return files


def read_file(file: Path) -> BenchDoc:
    """One ``.tml`` file as an article with its gold timexes."""
    try:
        root = ET.parse(file).getroot()
    except ET.ParseError as exc:
        raise CorpusError(f"{file}: not well-formed TimeML XML ({exc})") from exc
    body = root.find("TEXT")
    if body is None:
        raise CorpusError(f"{file}: no <TEXT> element")
    text, timexes = flatten(body)
    title = " ".join((root.findtext("TITLE") or "").split()) or None
    return BenchDoc(
        article=article(file.stem, text, file, published=dct_date(root), title=title),
        timexes=timexes,
    )


def dct_date(root: ET.Element) -> dt.date | None:
    """The date part of the document creation time, or None."""
    timex = root.find("DCT/TIMEX3")
    return None if timex is None else date_of(timex.get("value") or "")


def date_of(value: str) -> dt.date | None:
    """``YYYY-MM-DD`` (the first ten characters of a TIMEX3 value) as a date, else None."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def flatten(element: ET.Element) -> tuple[str, list[GoldSpan]]:
    """The text of ``element`` with its tags removed, and the TIMEX3 spans inside it."""
    parts: list[str] = []
    timexes: list[GoldSpan] = []
    _walk(element, parts, timexes, [0])
    return "".join(parts), sorted(timexes, key=lambda t: (t.start, -t.end))


def _walk(element: ET.Element, parts: list[str], timexes: list[GoldSpan], at: list[int]) -> None:
    """Append the text under ``element`` to ``parts`` (``at[0]`` is the running offset)."""
    start = at[0]
    _append(parts, element.text, at)
    for child in element:
        _walk(child, parts, timexes, at)
        _append(parts, child.tail, at)
    if element.tag == "TIMEX3":
        timexes.append(
            GoldSpan(
                start,
                at[0],
                label=element.get("type") or None,
                value=element.get("value") or None,
                mod=element.get("mod") or None,
            )
        )


def _append(parts: list[str], piece: str | None, at: list[int]) -> None:
    if piece:
        parts.append(piece)
        at[0] += len(piece)
