"""``statements``: quotes deduplicated across articles.

The same statement carried by several articles (a wire story reprinted, a remark quoted by
every outlet) gets one ``statement_id`` with all its occurrences. Quotes are compared on
normalised text (:func:`normalise_quote`: case, punctuation and whitespace removed);
statements of at least :data:`MIN_WORDS` words match when near-identical
(:func:`pipeline.analysis.near_duplicates.group_near_duplicates`), whoever is credited;
shorter ones ("no comment", "fake news") only when identical and credited to the same speaker.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

import pandas as pd
from rapidfuzz import fuzz

from pipeline.analysis.near_duplicates import MIN_RATIO, group_near_duplicates

MIN_WORDS = 5
"""Statements shorter than this match only identical statements of the same speaker."""

_NOT_WORD = re.compile(r"[^\w\s]|_")


def normalise_quote(text: str) -> str:
    """Quote text for comparison: Unicode-normalised (NFKC), case-folded, punctuation replaced
    by spaces, whitespace collapsed. ``"We WILL rebuild   the bridge…"`` ->
    ``"we will rebuild the bridge"``."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def statement_groups(
    normalised: list[str], speakers: list[str | None], min_ratio: float = MIN_RATIO
) -> list[str]:
    """A group key for each quote (its normalised text and speaker): quotes with the same key
    carry the same statement."""
    long = [i for i, text in enumerate(normalised) if len(text.split()) >= MIN_WORDS]
    roots = group_near_duplicates([normalised[i] for i in long], min_ratio)
    keys = [""] * len(normalised)
    for position, index in enumerate(long):
        keys[index] = "n" + str(long[roots[position]])
    for index, text in enumerate(normalised):
        if not keys[index]:
            keys[index] = "s\t" + text + "\t" + (speakers[index] or "").casefold()
    return keys


def build_statements(quotes: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The statements table (columns of :data:`pipeline.analysis.schemas.STATEMENTS`) from a
    run's ``quotes`` and ``documents`` (without text)."""
    frame = quotes.sort_values(["doc_id", "quote_id"]).reset_index(drop=True)
    frame["normalised"] = [normalise_quote(t or "") for t in frame["text"]]
    speakers = frame["speaker_canonical"].where(
        frame["speaker_canonical"].notna(), frame["speaker"]
    )
    frame["group"] = statement_groups(list(frame["normalised"]), list(speakers.astype(object)))
    docs = documents.reindex(columns=["doc_id", "published", "source"])
    frame = frame.merge(docs, on="doc_id", how="left")
    frame["published"] = pd.to_datetime(frame["published"]).dt.date
    representative = most_common_by(frame, "group", "normalised")
    frame["statement_id"] = [
        hashlib.sha1((representative[g] if g.startswith("n") else g).encode()).hexdigest()[:16]
        for g in frame["group"]
    ]
    frame["similarity"] = [
        fuzz.ratio(text, representative[g])
        for text, g in zip(frame["normalised"], frame["group"], strict=True)
    ]
    speaker = most_common_by(frame, "statement_id", "speaker_canonical")
    frame["statement_speaker"] = [speaker.get(key) for key in frame["statement_id"]]
    grouped = frame.groupby("statement_id")
    frame["n_documents"] = grouped["doc_id"].transform("nunique").astype("int32")
    frame["n_occurrences"] = grouped["doc_id"].transform("size").astype("int32")
    return frame


def most_common_by(frame: pd.DataFrame, key: str, column: str) -> dict[str, str]:
    """For each value of ``key``, the most frequent non-null value of ``column`` in its rows;
    among equally frequent ones the first in sorted order (keys with none are left out)."""
    counts: dict[str, Counter[str]] = {}
    for group, value in zip(frame[key], frame[column], strict=True):
        if pd.notna(value):
            counts.setdefault(group, Counter())[value] += 1
    return {
        group: min(found, key=lambda v, found=found: (-found[v], v))
        for group, found in counts.items()
    }
