"""Duplicate ids: made unique deterministically at indexing, the first in input order keeping
its id, every later one renamed after where it came from, with a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from pipeline.batch.ids import IdClaim, unique_ids
from pipeline.batch.reading import read_articles
from pipeline.batch.refs import index_inputs, read_ref
from pipeline.batch.run import run
from pipeline.config import load_config

TEXT = (
    "KYIV, May 2 (Reuters) - A missile strike killed three people in Kharkiv on Sunday, "
    "officials said.\n\n"
    '"The city will not be broken," Mayor Ihor Terekhov told reporters.\n'
)


def write_duplicates(folder: Path) -> None:
    """a.jsonl and b.jsonl both hold ids 1 and 2; 2.txt claims id 2 too; b.jsonl line 3
    claims the id b.jsonl:1 that line 1 would be renamed to."""
    folder.mkdir(parents=True, exist_ok=True)
    a = [{"id": "1", "text": "A1. " + TEXT}, {"id": 2, "text": "A2. " + TEXT}]
    b = [
        {"id": "1", "text": "B1. " + TEXT},
        {"id": "2", "text": "B2. " + TEXT},
        {"id": "b.jsonl:1", "text": "B3. " + TEXT},
    ]
    for name, records in (("a.jsonl", a), ("b.jsonl", b)):
        (folder / name).write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    (folder / "2.txt").write_text("T. " + TEXT, encoding="utf-8")


EXPECTED = {
    # doc_id: (start of text, warning or None); input order: 2.txt, a.jsonl, b.jsonl
    "2": ("T. ", None),
    "1": ("A1. ", None),
    "a.jsonl:2": ("A2. ", "duplicate id '2' (first in 2.txt): renamed a.jsonl:2"),
    "b.jsonl:1#2": ("B1. ", "duplicate id '1' (first in a.jsonl line 1): renamed b.jsonl:1#2"),
    "b.jsonl:2": ("B2. ", "duplicate id '2' (first in 2.txt): renamed b.jsonl:2"),
    "b.jsonl:1": ("B3. ", None),
}


def test_index_renames_every_later_duplicate(tmp_path: Path) -> None:
    write_duplicates(tmp_path)
    articles = [read_ref(ref) for ref in index_inputs(tmp_path)]
    found = {a.doc_id: (a.text[: len(EXPECTED[a.doc_id][0])], a.warnings) for a in articles}
    assert found == {
        doc_id: (start, [warning] if warning else [])
        for doc_id, (start, warning) in EXPECTED.items()
    }


def test_read_articles_gives_the_ids_a_run_gives(tmp_path: Path) -> None:
    write_duplicates(tmp_path)
    (tmp_path / "2.jsonl").write_text("\n", encoding="utf-8")  # no record: an empty "2"
    by_index = sorted((read_ref(ref) for ref in index_inputs(tmp_path)), key=lambda a: a.doc_id)
    assert sorted(read_articles(tmp_path), key=lambda a: a.doc_id) == by_index
    renamed = next(a for a in by_index if a.doc_id == "2.txt")
    assert renamed.warnings == ["duplicate id '2' (first in 2.jsonl): renamed 2.txt"]


def test_a_later_file_changes_no_earlier_id(tmp_path: Path) -> None:
    write_duplicates(tmp_path)
    before = [(ref.doc_id, ref.digest) for ref in index_inputs(tmp_path)]
    (tmp_path / "zz.txt").write_text(TEXT, encoding="utf-8")
    after = [(ref.doc_id, ref.digest) for ref in index_inputs(tmp_path)]
    assert [x for x in after if x[0] != "zz"] == before


def test_renamed_digest_changes_with_the_rename(tmp_path: Path) -> None:
    write_duplicates(tmp_path)
    before = {ref.doc_id: ref.digest for ref in index_inputs(tmp_path)}
    (tmp_path / "2.txt").unlink()  # now a.jsonl line 2 keeps its id 2
    after = {ref.doc_id: ref.digest for ref in index_inputs(tmp_path)}
    assert "2" in after and "a.jsonl:2" not in after
    assert after["2"] != before["a.jsonl:2"]  # a cached renamed row is never reused as "2"


claims = st.lists(
    st.tuples(st.sampled_from(["1", "2", "a.jsonl:1", "b.txt"]), st.sampled_from(["a", "b"])),
    max_size=12,
)


@settings(deadline=None)  # never fail on a busy machine's timing
@given(claims)
def test_unique_ids_properties(pairs: list[tuple[str, str]]) -> None:
    """Any claims: the ids are unique, first occurrences keep theirs, every rename is warned,
    and the same claims always give the same ids."""
    claims_ = [
        IdClaim(doc_id, f"{origin}.jsonl", line) for line, (doc_id, origin) in enumerate(pairs, 1)
    ]
    renamed = unique_ids(claims_)
    ids = [c.doc_id if r is None else r.doc_id for c, r in zip(claims_, renamed, strict=True)]
    assert len(set(ids)) == len(ids)
    firsts = {c.doc_id for c, r in zip(claims_, renamed, strict=True) if r is None}
    assert firsts == {c.doc_id for c in claims_}
    assert all(r.doc_id in r.warning for r in renamed if r is not None)
    assert unique_ids(claims_) == renamed


@pytest.fixture(scope="module")
def duplicate_run(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    folder = tmp_path_factory.mktemp("duplicates")
    write_duplicates(folder)
    out = tmp_path_factory.mktemp("duplicates-run")
    config = load_config(overrides=["run.workers=1"])
    run(config, input_path=str(folder), output_dir=str(out), progress=False, nlp=nlp)
    return out


def test_every_table_joins_documents_one_to_one(duplicate_run: Path) -> None:
    documents = pq.read_table(duplicate_run / "documents.parquet").to_pandas()
    assert sorted(documents["doc_id"]) == sorted(EXPECTED)
    assert (documents["status"] == "ok").all()
    for name in ("sentences", "entities", "quotes", "events"):
        rows = pq.read_table(duplicate_run / f"{name}.parquet").to_pandas()
        assert set(rows["doc_id"]) == set(EXPECTED), name  # every document has rows here
        joined = rows.merge(documents, on="doc_id", validate="many_to_one", suffixes=("", "_d"))
        assert len(joined) == len(rows)
    quotes = pq.read_table(duplicate_run / "quotes.parquet").to_pandas()
    assert not quotes.duplicated(["doc_id", "quote_id"]).any()


def test_documents_warnings_name_the_renames(duplicate_run: Path) -> None:
    documents = pq.read_table(duplicate_run / "documents.parquet").to_pandas()
    warnings = dict(zip(documents["doc_id"], documents["warnings"].map(list), strict=True))
    assert warnings == {d: [w] if w else [] for d, (_, w) in EXPECTED.items()}
