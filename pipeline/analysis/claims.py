"""``claims``: every casualty figure the articles state, who reported it, and which articles
repeat the same figure.

A claim occurrence is an event of a casualty type (:data:`CASUALTY_TYPES`) with a quantity
that is not negated: "Baku said twelve servicemen were killed" is a ``death`` claim of 12.
Who reported it, first found first: the event's ``reported_by``; else the speaker of the quote
that holds the trigger; else the article's ``source`` (outlet), else its news ``agency``.
Occurrences that agree on type, number, place and date share a ``claim_id`` across articles.
The date is the event's date (its day, without a time of day), else the article's publication
date (a figure reported without a date is taken as of the day it was published); the place
is the event's ``location``, else its ``city`` unless that city is who reported the figure.
A missing place agrees only with a missing place.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

CASUALTY_TYPES = ("death", "injury")
"""Event types whose quantity counts people harmed."""

_DAY_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T")


def claim_id(event_type: str, quantity: float, place: str | None, claim_date: str | None) -> str:
    """A stable id for a claim: 16 hex digits of the SHA-1 of its type, number, place (case
    folded) and date, the same in every run and corpus."""
    number = f"{quantity:g}"
    key = "\t".join([event_type, number, (place or "").casefold().strip(), claim_date or ""])
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def build_claims(
    events: pd.DataFrame,
    quotes: pd.DataFrame,
    documents: pd.DataFrame,
    numbers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The claims table (columns of :data:`pipeline.analysis.schemas.CLAIMS`) from a run's
    ``events``, ``quotes`` and ``documents`` (without text); ``numbers`` (entities with
    ``doc_id, sent_id, value_num, approximate``) marks figures stated vaguely ("dozens")."""
    found = events[
        events["event_type"].isin(CASUALTY_TYPES)
        & events["quantity"].notna()
        & ~events["negated"].fillna(False).astype(bool)
    ].copy()
    docs = _document_info(documents)
    found = found.merge(docs, on="doc_id", how="left")
    found["city"] = _city(found)
    found["place"] = found["location"].where(found["location"].notna(), found["city"])
    found["place_from"] = _which(found, [("location", "location"), ("city", "city")])
    found["published"] = pd.to_datetime(found["published"]).dt.date
    published_iso = found["published"].map(lambda d: d.isoformat() if pd.notna(d) else None)
    day = found["date"].map(_day, na_action="ignore")
    found["claim_date"] = day.where(day.notna(), published_iso)
    found["claim_date_from"] = _which(found, [("date", "event"), ("published", "published")])
    _add_reporters(found, quotes)
    found["approximate"] = _approximate(found, numbers)
    found["claim_id"] = [
        claim_id(t, q, p, d)
        for t, q, p, d in zip(
            found["event_type"], found["quantity"], found["place"], found["claim_date"], strict=True
        )
    ]
    grouped = found.groupby("claim_id")["doc_id"]
    found["n_sources"] = grouped.transform("nunique").astype("int32")
    found["n_occurrences"] = grouped.transform("size").astype("int32")
    return found.reset_index(drop=True)  # the events' order


def _day(timex: str) -> str:
    """A date value without its time of day (``2016-09-17TNI`` -> ``2016-09-17``): claims
    agree on the day."""
    return timex.split("T", 1)[0] if _DAY_TIME.match(timex) else timex


def _document_info(documents: pd.DataFrame) -> pd.DataFrame:
    docs = documents.reindex(columns=["doc_id", "published", "source", "agency", "title"])
    return docs.astype({"source": object, "agency": object, "title": object})


def _city(found: pd.DataFrame) -> pd.Series:
    """The event's city, unless it is who reported the figure ("Baku said twelve servicemen
    were killed": the government speaking, not the place of the deaths)."""
    if "city" not in found:
        return pd.Series([None] * len(found), index=found.index, dtype=object)
    city = found["city"].astype(object)
    return city.where(city.isna() | (city != found["reported_by"]), None)


def _which(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> pd.Series:
    """The name of the first of ``columns`` that is set in each row, else None."""
    result = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    for column, name in reversed(columns):
        if column in frame:
            result = result.where(frame[column].isna(), name)
    return result


def _add_reporters(found: pd.DataFrame, quotes: pd.DataFrame) -> None:
    """Fill ``reported_by``, ``reported_by_from`` and ``quote_id`` in place."""
    wanted = quotes[quotes["doc_id"].isin(set(found["doc_id"]))]
    by_doc = {doc_id: frame for doc_id, frame in wanted.groupby("doc_id")}
    holders = [_holding_quote(row, by_doc.get(row.doc_id)) for row in found.itertuples(index=False)]
    found["quote_id"] = pd.array([q[0] if q else None for q in holders], dtype="Int32")
    quote_speaker = pd.Series([q[1] if q else None for q in holders], index=found.index)
    reporters = [
        ("reported_by", "event", found["reported_by"]),
        ("quote", "quote", quote_speaker),
        ("source", "source", found["source"]),
        ("agency", "agency", found["agency"]),
    ]
    who = pd.Series([None] * len(found), index=found.index, dtype=object)
    origin = who.copy()
    for _column, name, values in reversed(reporters):
        has = values.notna() & (values.astype(str).str.strip() != "")
        who = who.where(~has, values)
        origin = origin.where(~has, name)
    found["reported_by"] = who
    found["reported_by_from"] = origin


def _holding_quote(row: object, quotes: pd.DataFrame | None) -> tuple[int, str | None] | None:
    """The shortest of the document's ``quotes`` that holds the row's trigger:
    (quote_id, speaker)."""
    if quotes is None:
        return None
    same = quotes[(quotes["start_char"] <= row.start_char) & (quotes["end_char"] >= row.end_char)]
    if same.empty:
        return None
    best = same.assign(length=same["end_char"] - same["start_char"]).sort_values("length").iloc[0]
    speaker = best["speaker_canonical"] if pd.notna(best["speaker_canonical"]) else None
    if speaker is None and pd.notna(best["speaker"]):
        speaker = best["speaker"]
    return int(best["quote_id"]), speaker


def _approximate(found: pd.DataFrame, numbers: pd.DataFrame | None) -> pd.Series:
    """Whether the figure was stated vaguely: the ``approximate`` flag of a number of the same
    value in the event's sentence; None when no such number is found."""
    if numbers is None or numbers.empty or found.empty:
        return pd.Series([None] * len(found), index=found.index, dtype=object)
    flags = (
        numbers.dropna(subset=["value_num"])
        .groupby(["doc_id", "sent_id", "value_num"])["approximate"]
        .any()
    )
    keys = zip(found["doc_id"], found["sent_id"], found["quantity"], strict=True)
    return pd.Series([flags.get(key) for key in keys], index=found.index, dtype=object)
