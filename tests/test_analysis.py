"""Answers across articles: casualty claims with their reporters, and quotes deduplicated
across articles (``pipeline.analysis``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.analysis import write_cross_article_tables
from pipeline.analysis.claims import build_claims, claim_id
from pipeline.analysis.near_duplicates import group_near_duplicates
from pipeline.analysis.schemas import CLAIMS, STATEMENTS
from pipeline.analysis.statements import normalise_quote, statement_groups
from pipeline.batch.schemas import TABLES


@pytest.fixture(scope="module")
def seed_tables(seed_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seed run with its cross-article tables written."""
    out = tmp_path_factory.mktemp("seed-analysis") / "run"
    shutil.copytree(seed_run, out)
    assert write_cross_article_tables(out) == {
        "claims": len(pd.read_parquet(out / "claims.parquet")),
        "statements": len(pd.read_parquet(out / "quotes.parquet")),
    }
    return out


def test_seed_claims_are_baku_12_killed_and_armenia_4_killed_10_wounded(seed_tables: Path):
    claims = pd.read_parquet(seed_tables / "claims.parquet")
    got = {(c.event_type, c.quantity, c.reported_by, c.quantity_unit) for c in claims.itertuples()}
    assert got == {
        ("death", 12.0, "Baku", "servicemen"),
        ("death", 4.0, "Armenia", "servicemen"),
        ("injury", 10.0, "Armenia", "servicemen"),
    }
    assert claims["claim_id"].nunique() == 3
    assert set(claims["reported_by_from"]) == {"event"}
    assert (claims["n_sources"] == 1).all()
    # no event date: the figures are as of the article's publication date
    assert set(claims["claim_date"]) == {"2020-07-22"}
    # "Baku said ...": Baku is who reports the figure, not where the servicemen died
    assert claims.set_index("quantity").loc[12.0, "place"] is None


def test_tables_have_their_schemas(seed_tables: Path):
    assert pq.read_schema(seed_tables / "claims.parquet").equals(CLAIMS)
    assert pq.read_schema(seed_tables / "statements.parquet").equals(STATEMENTS)


def test_seed_statement_repeated_in_the_article_is_one_statement(seed_tables: Path):
    statements = pd.read_parquet(seed_tables / "statements.parquet")
    quotes = pd.read_parquet(seed_tables / "quotes.parquet")
    assert sorted(statements["quote_id"]) == sorted(quotes["quote_id"])
    repeated = statements[statements["n_occurrences"] > 1]
    assert len(repeated) == 2 and repeated["statement_id"].nunique() == 1
    assert repeated["normalised"].iloc[0].startswith("support for the work of the osce minsk")
    assert set(repeated["statement_speaker"]) == {"Antonio Guterres"}
    assert (repeated["n_documents"] == 1).all()


def test_normalise_quote():
    assert normalise_quote("  We WILL rebuild\n the bridge…”") == "we will rebuild the bridge"
    assert normalise_quote("Don’t — ever!") == normalise_quote("don't ever")
    assert normalise_quote("<…>") == ""


def test_near_duplicates_join_only_near_identical_texts():
    texts = [
        "the secretary general reiterated his call for immediate and full de escalation",
        "the secretary general reiterated his call for an immediate and full de escalation",
        "the secretary general reiterated his call for immediate and full de escalation",
        "we will rebuild the bridge before the winter comes to the valley",
    ]
    assert group_near_duplicates(texts) == [0, 0, 0, 3]
    assert group_near_duplicates([]) == []


def test_short_statements_match_only_the_same_speaker():
    keys = statement_groups(
        ["no comment", "no comment", "no comment", "a long statement of many words here"],
        ["Ann Lee", "ann lee", "Bo Chan", None],
    )
    assert keys[0] == keys[1] != keys[2]
    assert len(set(keys)) == 3


def _frames(events: list[dict], quotes: list[dict], docs: list[dict]):
    base_event = {
        "event_type": "death", "negated": False, "location": None, "city": None,
        "date": None, "date_text": None, "reported_by": None, "quantity_unit": "people",
        "trigger": "killed", "sent_id": 0, "start_char": 10, "end_char": 16,
        "modality": "asserted",
    }  # fmt: skip
    base_doc = {"published": pd.Timestamp("2021-03-01"), "source": None, "agency": None}
    quote_columns = ["doc_id", "quote_id", "start_char", "end_char", "speaker"]
    quote_columns += ["speaker_canonical", "text", "kind", "sent_id"]
    return (
        pd.DataFrame([base_event | e for e in events]),
        pd.DataFrame(quotes, columns=quote_columns),
        pd.DataFrame([base_doc | {"title": d["doc_id"]} | d for d in docs]),
    )


def test_claims_group_across_articles_and_find_their_reporters():
    # fmt: off
    events, quotes, docs = _frames(
        [
            {"doc_id": "a", "event_id": 0, "quantity": 3.0, "location": "Kabul"},
            {"doc_id": "b", "event_id": 0, "quantity": 3.0, "location": "kabul"},
            {"doc_id": "c", "event_id": 0, "quantity": 3.0, "location": "Kabul"},
            {"doc_id": "c", "event_id": 1, "quantity": 3.0, "location": "Herat"},
            {"doc_id": "d", "event_id": 0, "quantity": 3.0, "location": "Kabul", "negated": True},
            {"doc_id": "d", "event_id": 1, "quantity": None, "location": "Kabul"},
            {"doc_id": "d", "event_id": 2, "quantity": 3.0, "event_type": "meeting"},
            {"doc_id": "e", "event_id": 0, "quantity": 3.0, "location": "Kabul",
             "date": "2021-03-01TNI"},
        ],
        [
            {"doc_id": "b", "quote_id": 0, "start_char": 0, "end_char": 40, "speaker": "police",
             "speaker_canonical": None, "text": "x", "kind": "indirect", "sent_id": 0},
        ],
        [
            {"doc_id": "a", "source": "Outlet A", "agency": "AP"},
            {"doc_id": "b"},
            {"doc_id": "c", "agency": "AFP"},
            {"doc_id": "d"},
            {"doc_id": "e", "published": pd.Timestamp("2021-03-02")},
        ],
    )
    # fmt: on
    events.loc[0, "reported_by"] = "Interior Ministry"
    claims = build_claims(events, quotes, docs).set_index(["doc_id", "event_id"])
    assert len(claims) == 5  # negated, count-less and non-casualty events are no claims
    kabul = claims.loc[[("a", 0), ("b", 0), ("c", 0)]]
    assert kabul["claim_id"].nunique() == 1 and set(kabul["n_sources"]) == {4}
    # the event's own date, without its time of day, before the publication date
    assert claims.loc[("e", 0), ["claim_id", "claim_date_from"]].tolist() == [
        kabul["claim_id"].iloc[0],
        "event",
    ]
    assert claims.loc[("c", 1), "claim_id"] != kabul["claim_id"].iloc[0]
    assert list(kabul["reported_by"]) == ["Interior Ministry", "police", "AFP"]
    assert list(kabul["reported_by_from"]) == ["event", "quote", "agency"]
    assert claims.loc[("b", 0), "quote_id"] == 0
    assert set(kabul["claim_date"]) == {"2021-03-01"}
    assert kabul["claim_id"].iloc[0] == claim_id("death", 3.0, "KABUL", "2021-03-01")


def test_a_run_without_events_or_quotes_has_empty_tables(tmp_path: Path):
    for name, schema in TABLES.items():
        pq.write_table(schema.empty_table(), tmp_path / f"{name}.parquet")
    assert write_cross_article_tables(tmp_path) == {"claims": 0, "statements": 0}
    assert pq.read_schema(tmp_path / "claims.parquet").equals(CLAIMS)
