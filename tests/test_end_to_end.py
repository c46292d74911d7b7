"""End to end: a run over seeds/ and over the hand-written articles, scored against gold.

The floors are the acceptance figures of the seed and, for the test articles, a regression
floor a little under what the pipeline measured when it was written.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch.schemas import TABLES
from pipeline.eval.scoring import evaluate

from .conftest import ARTICLES, SEEDS
from .test_text_properties import SPANS


@pytest.fixture(scope="module")
def seed_scores(seed_run: Path) -> dict:
    return evaluate(SEEDS, seed_run)["metrics"]


@pytest.fixture(scope="module")
def article_scores(articles_run: Path) -> dict:
    return evaluate(ARTICLES, articles_run)["metrics"]


def test_run_writes_every_table_with_its_schema(seed_run: Path) -> None:
    import pyarrow.parquet as pq

    for name, schema in TABLES.items():
        assert pq.read_schema(seed_run / f"{name}.parquet").equals(schema), name
    assert (seed_run / "manifest.json").exists()


def test_seed_entities(seed_scores: dict) -> None:
    entities = seed_scores["entities"]
    assert entities["overlap"]["f1"] >= 0.90
    assert entities["canonical_accuracy"]["accuracy"] == 1.0


def test_seed_dates_and_numbers_all_right(seed_scores: dict) -> None:
    assert seed_scores["dates"]["value_f1"]["f1"] == 1.0
    assert seed_scores["numbers"]["value_f1"]["f1"] == 1.0


def test_seed_quotes_and_speakers(seed_scores: dict) -> None:
    quotes = seed_scores["quotes"]
    assert quotes["match"]["recall"] == 1.0
    assert quotes["match"]["f1"] >= 0.9
    assert quotes["speaker_accuracy_end_to_end"]["accuracy"] == 1.0


def test_seed_required_events(seed_run: Path) -> None:
    events = pd.read_parquet(seed_run / "events.parquet")

    def has(event_type: str, **args: object) -> bool:
        rows = events[events.event_type == event_type]
        for key, value in args.items():
            rows = rows[rows[key] == value]
        return len(rows) > 0

    assert has("death", quantity=12.0, quantity_unit="servicemen", reported_by="Baku")
    assert has("death", quantity=4.0, reported_by="Armenia")
    assert has("injury", quantity=10.0, reported_by="Armenia")
    assert has("clash", date="2020-07-12")


def test_seed_bare_model_errors_fixed(seed_run: Path) -> None:
    entities = pd.read_parquet(seed_run / "entities.parquet")
    labels = entities.groupby("text")["label"].agg(set)
    assert labels["Guterres"] == {"PERSON"}
    for place in ("Baku", "Yerevan", "Armenia"):
        assert labels[place] == {"GPE"}, place


def test_articles_regression_floor(article_scores: dict) -> None:
    assert article_scores["entities"]["overlap"]["f1"] >= 0.85
    assert article_scores["dates"]["value_f1"]["f1"] >= 0.75
    assert article_scores["numbers"]["value_f1"]["f1"] >= 0.95
    assert article_scores["quotes"]["match"]["f1"] >= 0.95
    assert article_scores["quotes"]["speaker_accuracy"]["accuracy"] >= 0.90
    assert article_scores["events"]["typed"]["f1"] >= 0.65


def test_two_clintons_never_merge(articles_run: Path) -> None:
    """Bill and Hillary Clinton stay two people, and each quote goes to the one who said it."""
    doc = "politics_two_clintons"
    entities = pd.read_parquet(articles_run / "entities.parquet")
    people = entities[(entities.doc_id == doc) & (entities.label == "PERSON")]
    clusters = people.groupby("canonical")["cluster_id"].agg(set)
    assert clusters["Bill Clinton"].isdisjoint(clusters["Hillary Clinton"])
    quotes = pd.read_parquet(articles_run / "quotes.parquet")
    quotes = quotes[quotes.doc_id == doc]

    def speaker(words: str) -> str:
        return quotes[quotes.text.str.contains(words, regex=False)].speaker_canonical.iloc[0]

    assert speaker("heard worse from my own grandchildren") == "Bill Clinton"
    assert speaker("husband knows how to take a punch") == "Hillary Clinton"
    assert speaker("Hillary is going to fight") == "Bill Clinton"
    assert speaker("grew up with families") == "Hillary Clinton"


def test_every_span_matches_document_text(seed_run: Path, articles_run: Path) -> None:
    for out in (seed_run, articles_run):
        texts = pd.read_parquet(out / "documents.parquet").set_index("doc_id")["text"]
        for table, start, end, column in SPANS:
            df = pd.read_parquet(out / f"{table}.parquet")
            assert len(df) > 0, table
            for row in df.itertuples():
                s, e = getattr(row, start), getattr(row, end)
                if pd.isna(s):
                    continue
                assert texts[row.doc_id][int(s) : int(e)] == getattr(row, column), (table, row)
