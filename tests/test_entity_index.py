"""The corpus entity index (``entity_index.parquet``): checked against the entities and
documents tables of the seed and test-article runs, on hand-written rows, and through the
README's example."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.batch.entity_index import EntityIndex, entity_key
from pipeline.batch.schemas import ENTITY_INDEX, NAME_LABELS

from .conftest import REPO

RUNS = ["seed_run", "articles_run"]


@pytest.fixture(params=RUNS)
def run_dir(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(request.param)


def name_mentions(out: Path) -> pd.DataFrame:
    """The name rows of ``entities``, with their document's publication date."""
    entities = pd.read_parquet(out / "entities.parquet")
    documents = pd.read_parquet(out / "documents.parquet")[["doc_id", "published"]]
    names = entities[entities.label.isin(NAME_LABELS)]
    return names.merge(documents, on="doc_id", how="left")


def index_of(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "entity_index.parquet")


def test_schema_and_manifest(run_dir: Path) -> None:
    assert pq.read_schema(run_dir / "entity_index.parquet").equals(ENTITY_INDEX)
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert "entity_index" in manifest["tables"]
    rows = pq.read_metadata(run_dir / "entity_index.parquet").num_rows
    assert manifest["rows"]["entity_index"] == rows > 0


def test_one_row_per_canonical_and_label(run_dir: Path) -> None:
    index, names = index_of(run_dir), name_mentions(run_dir)
    assert not index.duplicated(["canonical", "label"]).any()
    assert set(zip(index.canonical, index.label, strict=True)) == set(
        zip(names.canonical, names.label, strict=True)
    )
    assert index.label.isin(NAME_LABELS).all()
    assert index.entity_key.is_unique
    assert list(index.entity_key) == [
        entity_key(c, lab) for c, lab in zip(index.canonical, index.label, strict=True)
    ]


def test_counts_add_up_to_the_entities_table(run_dir: Path) -> None:
    index, names = index_of(run_dir), name_mentions(run_dir)
    assert index.n_mentions.sum() == len(names)
    groups = names.groupby(["canonical", "label"])
    for row in index.itertuples():
        mentions = groups.get_group((row.canonical, row.label))
        assert row.n_mentions == len(mentions), row.canonical
        assert row.n_documents == mentions.doc_id.nunique() == len(row.doc_ids), row.canonical
        assert set(row.doc_ids) == set(mentions.doc_id), row.canonical
        assert sum(row.surface_counts) <= row.n_mentions


def test_doc_ids_follow_the_input_order(run_dir: Path) -> None:
    order = {d: i for i, d in enumerate(pd.read_parquet(run_dir / "documents.parquet").doc_id)}
    for doc_ids in index_of(run_dir).doc_ids:
        positions = [order[d] for d in doc_ids]
        assert positions == sorted(positions)


def test_dates_come_from_documents(run_dir: Path) -> None:
    index, names = index_of(run_dir), name_mentions(run_dir)
    assert names.published.notna().all()  # every seed and test article is dated
    dates = names.groupby(["canonical", "label"]).published.agg(["min", "max"])
    for row in index.itertuples():
        first, last = dates.loc[(row.canonical, row.label)]
        assert (row.first_published, row.last_published) == (first, last), row.canonical


def test_surface_forms_most_frequent_first(run_dir: Path) -> None:
    index, names = index_of(run_dir), name_mentions(run_dir)
    texts = names.groupby(["canonical", "label"]).text.value_counts()
    for row in index.itertuples():
        counts = texts.loc[(row.canonical, row.label)]
        assert 1 <= len(row.surface_forms) == len(row.surface_counts) <= 5
        assert list(row.surface_counts) == sorted(row.surface_counts, reverse=True)
        assert row.surface_counts[0] == counts.max(), row.canonical
        for text, count in zip(row.surface_forms, row.surface_counts, strict=True):
            assert counts[text] == count, (row.canonical, text)


def test_sorted_by_mentions_then_canonical(run_dir: Path) -> None:
    index = index_of(run_dir)
    keys = list(zip(-index.n_mentions, index.canonical, index.label, strict=True))
    assert keys == sorted(keys)


def test_the_entity_key_is_the_same_in_two_runs(seed_run: Path, articles_run: Path) -> None:
    seed, articles = index_of(seed_run), index_of(articles_run)
    shared = seed.merge(articles, on=["canonical", "label"], suffixes=("_seed", "_articles"))
    assert len(shared) > 0  # United Nations, ORG is in both
    assert (shared.entity_key_seed == shared.entity_key_articles).all()


def test_seed_index_by_hand(seed_run: Path) -> None:
    # fixed expectations from the seed article, so the index cannot merely agree with itself
    index = index_of(seed_run).set_index(["canonical", "label"])
    guterres = index.loc[("Antonio Guterres", "PERSON")]
    assert (guterres.n_mentions, guterres.n_documents) == (3, 1)
    assert list(guterres.surface_forms) == ["Guterres", "Antonio Guterres"]
    assert list(guterres.doc_ids) == ["000_b5c0204ef33dd5d7"]
    assert guterres.first_published == guterres.last_published == dt.date(2020, 7, 22)
    assert set(index.loc[("United Nations", "ORG")].surface_forms) == {"UN", "UNITED NATIONS"}
    assert not index.index.get_level_values("label").isin(["DATE", "CARDINAL"]).any()


# --- hand-written rows ------------------------------------------------------------------


def doc(doc_id: str, published: dt.date | None) -> dict:
    return {"doc_id": doc_id, "published": published}


def mention(doc_id: str, text: str, canonical: str | None, label: str = "PERSON") -> dict:
    return {"doc_id": doc_id, "text": text, "canonical": canonical, "label": label}


BATCH_1 = {
    "documents": [doc("a", dt.date(2021, 5, 2)), doc("b", None)],
    "entities": [
        mention("a", "Ann Lee", "Ann Lee"),
        mention("a", "Lee", "Ann Lee"),
        mention("a", "Tuesday", None, "DATE"),
        mention("a", "12", None, "CARDINAL"),
        mention("b", "Lee", "Ann Lee"),
        mention("b", "Acme", "Acme", "ORG"),
    ],
}
BATCH_2 = {
    "documents": [doc("c", dt.date(2020, 1, 9)), doc("d", None)],
    "entities": [
        mention("c", "Ms. Lee", "Ann Lee"),
        mention("c", "Acme", "Acme", "PERSON"),
        mention("d", "Acme Corp", "Acme", "ORG"),
    ],
}


def test_rows_from_hand_written_batches() -> None:
    index = EntityIndex()
    index.add(BATCH_1)
    index.add(BATCH_2)
    rows = {(r["canonical"], r["label"]): r for r in index.rows()}
    assert list(rows) == [("Ann Lee", "PERSON"), ("Acme", "ORG"), ("Acme", "PERSON")]
    lee = rows["Ann Lee", "PERSON"]
    assert (lee["n_mentions"], lee["n_documents"], lee["doc_ids"]) == (4, 3, ["a", "b", "c"])
    assert (lee["first_published"], lee["last_published"]) == (
        dt.date(2020, 1, 9),
        dt.date(2021, 5, 2),
    )
    assert lee["surface_forms"] == ["Lee", "Ann Lee", "Ms. Lee"]
    assert lee["surface_counts"] == [2, 1, 1]
    acme = rows["Acme", "ORG"]
    assert (acme["first_published"], acme["last_published"]) == (None, None)  # b, d undated
    assert acme["surface_forms"] == ["Acme", "Acme Corp"]


def test_batches_do_not_change_the_index() -> None:
    whole, split = EntityIndex(), EntityIndex()
    whole.add({name: BATCH_1[name] + BATCH_2[name] for name in BATCH_1})
    split.add(BATCH_1)
    split.add(BATCH_2)
    assert whole.rows() == split.rows()


def test_at_most_five_surface_forms() -> None:
    index = EntityIndex()
    forms = ["A", "B", "C", "D", "E", "F", "F", "E"]
    index.add({"documents": [], "entities": [mention("a", t, "X") for t in forms]})
    (row,) = index.rows()
    assert row["surface_forms"] == ["E", "F", "A", "B", "C"]
    assert row["surface_counts"] == [2, 2, 1, 1, 1]
    assert row["first_published"] is None  # a document missing from the batch is undated


# --- the README example ---------------------------------------------------------------------


def readme_index_example() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What comes out", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    (example,) = [code for code in blocks if "entity_index.parquet" in code]
    return example


def test_readme_example_ranks_the_most_mentioned_people(articles_run: Path) -> None:
    code = readme_index_example().replace("outputs/default", articles_run.as_posix())
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102
    names = name_mentions(articles_run)
    counts = names[names.label == "PERSON"].canonical.value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:10]
    people = namespace["people"]
    assert list(zip(people.canonical, people.n_mentions, strict=True)) == ranked
    first = namespace["first"]
    assert len(first) == ranked[0][1] and set(first.canonical) == {ranked[0][0]}
    assert ranked[0][0] in out.getvalue()
