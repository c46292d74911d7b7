"""Baseline: text between double quotation marks is a direct quote, credited to the
capitalised words next to the nearest ``said`` / ``says``. No model; exactly:

1. **Quotes.** Every stretch that opens with ``"`` or ``“``, closes with ``"`` or ``”`` and
   holds no other double quotation mark and no line break is a quote; its content is the text
   inside the marks (the marks are dropped, as the pipeline drops them). Stretches without a
   letter or digit are skipped.
2. **Sentences** are split by a regular expression: after ``.``, ``!`` or ``?`` (and any
   closing marks ``”"’)``) followed by white space, and at every line break.
3. **Cue.** The whole words ``said`` / ``says`` (any case) lying outside the quote, from the
   start of the sentence holding the quote's opening mark to the end of the sentence after
   the one holding its closing mark; the nearest by character distance to the quote wins
   (ties: the earlier). No cue, no speaker.
4. **Speaker.** The run of capitalised words (white-space tokens whose first character is
   an upper-case letter) right before the cue's token, else (unless punctuation ends the
   cue's token, as in "said,") right after it. A token ending in ``,`` ``;`` ``:`` ``!``
   ``?``, a quotation mark or an apostrophe, or in a period unless it is an initial ("J.")
   or a title of ``pipeline/eval/data/speaker_titles.toml`` ("Gov."), ends a run: walking
   back from the cue it is left out; walking forward it is the run's last word, its
   punctuation stripped. ``speaker_canonical`` stays null.

:func:`regex_quotes_and_entities` adds the bare model's named entities (as
:func:`~pipeline.eval.baselines.bare_ner.bare_entities`), which the ``speakers`` suite needs
to judge speakers whose gold is nobody.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from pipeline.eval.baselines.bare_ner import bare_entities
from pipeline.eval.corpora.base import BenchDoc
from pipeline.eval.suites import BaselineTools, Predictions

QUOTE = re.compile(r'[“"]([^“”"\n]*)[”"]')
SENTENCE_BREAK = re.compile(r"[.!?][”\"’)]*\s+|\n+")
CUE = re.compile(r"\b(?:said|says)\b", re.IGNORECASE)
TOKEN = re.compile(r"\S+")
RUN_ENDS = ",;:!?\"“”'’"

Token = tuple[int, int, str]


def regex_quotes(docs: Sequence[BenchDoc], tools: BaselineTools | None = None) -> Predictions:
    """Quote rows for every document (``tools`` unused: no model)."""
    return {doc.doc_id: {"quotes": quote_rows(doc.text)} for doc in docs}


def regex_quotes_and_entities(docs: Sequence[BenchDoc], tools: BaselineTools) -> Predictions:
    """Quote rows plus the bare model's entity rows."""
    entities = bare_entities(docs, tools)
    return {
        doc.doc_id: {"quotes": quote_rows(doc.text), **entities.get(doc.doc_id, {})} for doc in docs
    }


def quote_rows(text: str) -> list[dict[str, Any]]:
    """The quotes of one text as ``quotes`` table rows."""
    starts = sentence_starts(text)
    cues = [(m.start(), m.end()) for m in CUE.finditer(text)]
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    rows = []
    for match in QUOTE.finditer(text):
        start, end = match.span(1)
        if not any(ch.isalnum() for ch in match.group(1)):
            continue
        cue = nearest_cue(cues, starts, match.start(), match.end(), len(text))
        speaker = speaker_next_to(tokens, cue) if cue else None
        rows.append(_row(text, (start, end), cue, speaker, len(rows)))
    return rows


def sentence_starts(text: str) -> list[int]:
    """Where each sentence starts (the first is 0)."""
    return [0] + [m.end() for m in SENTENCE_BREAK.finditer(text) if m.end() < len(text)]


def nearest_cue(
    cues: list[tuple[int, int]], starts: list[int], start: int, end: int, length: int
) -> tuple[int, int] | None:
    """The ``said``/``says`` nearest the quote ``[start, end)`` (marks included) in its window."""
    first = max(i for i, s in enumerate(starts) if s <= start)
    last = max(i for i, s in enumerate(starts) if s < max(end, start + 1))
    low = starts[first]
    high = starts[last + 2] if last + 2 < len(starts) else length
    inside = [c for c in cues if low <= c[0] and c[1] <= high and (c[1] <= start or c[0] >= end)]
    if not inside:
        return None
    return min(inside, key=lambda c: (start - c[1] if c[1] <= start else c[0] - end, c[0]))


def speaker_next_to(tokens: list[Token], cue: tuple[int, int]) -> tuple[int, int] | None:
    """The capitalised run right before the cue's token, else right after it (unless
    punctuation ends the cue's token: "said," has nothing right after it)."""
    index = next((i for i, t in enumerate(tokens) if t[0] <= cue[0] < t[1]), None)
    if index is None:
        return None
    before: list[Token] = []
    for token in reversed(tokens[:index]):
        if not _capitalised(token[2]) or _ends_run(token[2]):
            break
        before.insert(0, token)
    if before:
        return _span(before)
    if tokens[index][2][-1] in RUN_ENDS + ".":
        return None
    after: list[Token] = []
    for token in tokens[index + 1 :]:
        if not _capitalised(token[2]):
            break
        after.append(token)
        if _ends_run(token[2]):
            break
    return _span(after) if after else None


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _ends_run(word: str) -> bool:
    """Whether a token closes a run of name words (see the module docstring)."""
    if word[-1:] in RUN_ENDS:
        return True
    if not word.endswith("."):
        return False
    core = word.replace(".", "").lower()
    return len(core) > 1 and core not in _titles()


@cache
def _titles() -> frozenset[str]:
    """The titles of ``pipeline/eval/data/speaker_titles.toml`` ("gov", "sen", "dr" ...)."""
    path = files("pipeline.eval") / "data" / "speaker_titles.toml"
    return frozenset(tomllib.loads(path.read_text("utf-8"))["titles"])


def _span(run: list[Token]) -> tuple[int, int] | None:
    """The run's span, trailing punctuation stripped."""
    start, end = run[0][0], run[-1][1]
    last = run[-1][2]
    end -= len(last) - len(last.rstrip(RUN_ENDS + "."))
    return (start, end) if end > start else None


def _row(
    text: str,
    content: tuple[int, int],
    cue: tuple[int, int] | None,
    speaker: tuple[int, int] | None,
    quote_id: int,
) -> dict[str, Any]:
    return {
        "quote_id": quote_id,
        "start_char": content[0],
        "end_char": content[1],
        "text": text[content[0] : content[1]],
        "kind": "direct",
        "speaker": text[speaker[0] : speaker[1]] if speaker else None,
        "speaker_start_char": speaker[0] if speaker else None,
        "speaker_end_char": speaker[1] if speaker else None,
        "speaker_canonical": None,
        "cue": text[cue[0] : cue[1]] if cue else None,
        "cue_start_char": cue[0] if cue else None,
        "cue_end_char": cue[1] if cue else None,
        "confidence": None,
    }
