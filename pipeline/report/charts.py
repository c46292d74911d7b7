"""The corpus charts: Altair (Vega-Lite) specs rendered to SVG offline by ``vl-convert``, so
the report needs no JavaScript library and no network to show them."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import vl_convert as vlc

from pipeline.report.dates import timex_start

TOP_SPEAKERS = 15
TOP_PER_LABEL = 10
ENTITY_LABELS = 4
EVENT_TYPES = 10
WIDTH = 520


@dataclass(frozen=True)
class Chart:
    """A chart of the report: ``svg`` is None when the run has no data for it."""

    key: str
    title: str
    caption: str
    svg: str | None


def render_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as a standalone SVG document (text escaped by the renderer)."""
    return vlc.vegalite_to_svg(chart.to_dict())


def top_speakers(quotes: pd.DataFrame) -> alt.Chart | None:
    """Bars: quotes per resolved speaker, the most quoted first, articles as labels."""
    known = quotes.dropna(subset=["speaker_canonical"])
    if known.empty:
        return None
    counts = (
        known.groupby("speaker_canonical")
        .agg(quotes=("doc_id", "size"), articles=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["quotes", "speaker_canonical"], ascending=[False, True])
        .head(TOP_SPEAKERS)
    )
    counts["label"] = counts["articles"].map(lambda n: f"{n} article{'s' * (n != 1)}")
    base = alt.Chart(counts).encode(
        y=alt.Y("speaker_canonical:N", sort="-x", title=None),
        x=alt.X("quotes:Q", title="quotes", axis=alt.Axis(tickMinStep=1, format="d")),
    )
    bars = base.mark_bar(color="#4c78a8")
    labels = base.mark_text(align="left", dx=3, fontSize=10).encode(text="label:N")
    return (bars + labels).properties(width=WIDTH - 160)


def top_entities(index: pd.DataFrame) -> alt.FacetChart | None:
    """Bars per label (the most mentioned labels): the most mentioned entities."""
    if index.empty:
        return None
    labels = index.groupby("label")["n_mentions"].sum().sort_values(ascending=False)
    chosen = index[index["label"].isin(labels.index[:ENTITY_LABELS])]
    top = (
        chosen.sort_values(
            ["n_mentions", "n_documents", "canonical"], ascending=[False, False, True]
        )
        .groupby("label")
        .head(TOP_PER_LABEL)
    )
    top = top.assign(articles=top["n_documents"].map(lambda n: f"{n} art."))
    base = alt.Chart().encode(
        y=alt.Y("canonical:N", sort="-x", title=None),
        x=alt.X("n_mentions:Q", title="mentions", axis=alt.Axis(tickMinStep=1, format="d")),
    )
    layered = alt.layer(
        base.mark_bar(color="#72b7b2"),
        base.mark_text(align="left", dx=3, fontSize=9).encode(text="articles:N"),
        data=top,
    ).properties(width=150, height=alt.Step(13))
    return layered.facet(facet=alt.Facet("label:N", title=None), columns=2).resolve_scale(
        y="independent"
    )


def events_timeline(events: pd.DataFrame, published: pd.Series) -> alt.Chart | None:
    """Circles: events per month and type (the event's date, else its article's)."""
    if events.empty:
        return None
    days = _event_days(events, published)
    frame = events.assign(day=days).dropna(subset=["day"])
    if frame.empty:
        return None
    common = frame["event_type"].value_counts().index[:EVENT_TYPES]
    frame = frame.assign(
        event_type=frame["event_type"].where(frame["event_type"].isin(common), "other"),
        month=frame["day"].map(lambda d: d.replace(day=1).isoformat()),
    )
    counts = frame.groupby(["month", "event_type"]).size().reset_index(name="events")
    return (
        alt.Chart(counts)
        .mark_circle(opacity=0.8)
        .encode(
            x=alt.X("month:T", title="month", timeUnit="utcyearmonth"),
            y=alt.Y("event_type:N", title=None, sort=list(common) + ["other"]),
            size=alt.Size(
                "events:Q", title="events", legend=alt.Legend(values=_steps(counts), format="d")
            ),
            color=alt.Color("event_type:N", legend=None),
        )
        .properties(width=WIDTH - 120)
    )


def casualties_over_time(claims: pd.DataFrame) -> alt.Chart | None:
    """Stacked bars: people killed and injured per day, each distinct claim counted once."""
    if claims.empty:
        return None
    distinct = claims.drop_duplicates("claim_id")
    distinct = distinct.assign(day=distinct["claim_date"].map(timex_start)).dropna(subset=["day"])
    if distinct.empty:
        return None
    per_day = distinct.groupby(["day", "event_type"])["quantity"].sum().reset_index(name="people")
    per_day["day"] = per_day["day"].map(lambda d: d.isoformat())
    return (
        alt.Chart(per_day)
        .mark_bar(size=10)
        .encode(
            x=alt.X(
                "day:T",
                title="day (event date, else publication date)",
                timeUnit="utcyearmonthdate",
            ),
            y=alt.Y("people:Q", title="people", stack=True, axis=alt.Axis(format="d")),
            color=alt.Color(
                "event_type:N",
                title="claim",
                scale=alt.Scale(domain=["death", "injury"], range=["#e45756", "#f58518"]),
            ),
        )
        .properties(width=WIDTH - 80)
    )


def _steps(counts: pd.DataFrame) -> list[int]:
    """Up to four whole numbers from the smallest count to the largest, for a legend."""
    low, high = int(counts["events"].min()), int(counts["events"].max())
    return sorted({round(low + (high - low) * i / 3) for i in range(4)})


def _event_days(events: pd.DataFrame, published: pd.Series) -> pd.Series:
    """Each event's day: the start of its date, else its article's publication date."""
    from_date = events["date"].map(timex_start)
    fallback = events["doc_id"].map(published)
    return from_date.where(from_date.notna(), fallback)
