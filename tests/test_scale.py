"""Batch runs at scale: worker processes, the document cache, a Dask cluster, memory zones,
progress, and the order of the rows.

One small corpus (the seed, three test articles, two text files whose path order differs from
their ``doc_id`` order and a JSON-lines feed with ids out of order) is run once in this process
with the session's pipeline; every other run must give the same tables.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import spacy
from spacy.language import Language

from pipeline.batch.cache import DocCache, results_key
from pipeline.batch.corpus_cache import (
    CORPUS_TABLES,
    corpus_key,
    keep_corpus_tables,
    restore_corpus_tables,
)
from pipeline.batch.entity_index import EntityIndex, index_tables
from pipeline.batch.lexicon import has_room
from pipeline.batch.process import process_batch
from pipeline.batch.progress import Progress, progress_mode
from pipeline.batch.reading import Article, read_articles
from pipeline.batch.refs import index_inputs, read_ref
from pipeline.batch.run import plan, run
from pipeline.batch.schemas import OUTPUT_TABLES
from pipeline.batch.summary import RunSummary
from pipeline.cli import build_parser
from pipeline.config import load_config
from tests.test_cli import call

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "tests" / "articles"
PICKED = ["conflict_mali_convoy", "politics_nile_dam_talks", "protest_nairobi_fuel_tax"]
ROW_IDS = {"sentences": "sent_id", "entities": "ent_id", "quotes": "quote_id", "events": "event_id"}
FEED = [
    ("zeta", "Police in Lagos said on Monday that 12 people were arrested after the protest."),
    ("alpha", "The mayor of Lyon, Grégory Doucet, said the tram line would open in 2026."),
]


def config(**run_keys: object) -> dict:
    """The default config with ``[run]`` keys changed."""
    return load_config(overrides=[f"run.{k}={json.dumps(v)}" for k, v in run_keys.items()])


def tables(output: Path) -> dict[str, pa.Table]:
    return {name: pq.read_table(output / f"{name}.parquet") for name in OUTPUT_TABLES}


def assert_same_tables(left: Path, right: Path) -> None:
    a, b = tables(left), tables(right)
    for name in OUTPUT_TABLES:
        assert a[name].num_rows > 0, name
        assert a[name].equals(b[name]), name


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scale-corpus")
    shutil.copy(REPO / "seeds" / "000_b5c0204ef33dd5d7.txt", root)
    for name in PICKED:
        for suffix in (".txt", ".meta.json"):
            shutil.copy(ARTICLES / f"{name}{suffix}", root)
    # Path order "x-1.txt" < "x.txt", doc_id order "x" < "x-1".
    (root / "x.txt").write_text("Rain fell in Oslo on Tuesday, officials said.\n", "utf-8")
    (root / "x-1.txt").write_text('"We are ready," said Anna Berg, the Oslo fire chief.\n', "utf-8")
    feed = [json.dumps({"id": i, "text": t, "published": "2021-03-02"}) for i, t in FEED]
    (root / "feed.jsonl").write_text("\n".join(feed) + "\n", "utf-8")
    return root


@pytest.fixture(scope="module")
def reference(corpus: Path, nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-worker run in this process (its cache is left in its folder)."""
    out = tmp_path_factory.mktemp("reference")
    summary = run(config(workers=1), str(corpus), str(out), progress=False, nlp=nlp)
    assert (summary.processed, summary.cached, summary.failed) == (8, 0, 0)
    return out


def test_rows_are_sorted_by_doc_id_then_row_id(reference: Path) -> None:
    found = tables(reference)
    doc_ids = found["documents"]["doc_id"].to_pylist()
    assert doc_ids == sorted(doc_ids)
    assert doc_ids[:4] == [
        "000_b5c0204ef33dd5d7",
        "alpha",
        "conflict_mali_convoy",
        "politics_nile_dam_talks",
    ]
    assert doc_ids[-3:] == ["x", "x-1", "zeta"]
    for name, row_id in ROW_IDS.items():
        columns = found[name]
        keys = list(zip(columns["doc_id"].to_pylist(), columns[row_id].to_pylist(), strict=True))
        assert keys == sorted(keys), name
        assert len(set(keys)) == len(keys), name


def test_two_worker_processes_give_the_same_tables(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    summary = run(config(workers=2, batch_size=2, cache=False), str(corpus), str(tmp_path), False)
    assert (summary.executor, summary.workers, summary.processed) == ("processes", 2, 8)
    assert_same_tables(reference, tmp_path)


def test_dask_local_cluster_gives_the_same_tables(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        settings = config(scheduler=cluster.scheduler_address, batch_size=3, cache=False)
        summary = run(settings, str(corpus), str(tmp_path / "out"), progress=False)
    assert (summary.executor, summary.workers, summary.processed) == ("dask", 2, 8)
    assert_same_tables(reference, tmp_path / "out")
    assert not (tmp_path / "out" / ".partial").exists()  # the parts were gathered


def test_unchanged_rerun_comes_from_the_cache(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)  # the reference run's tables and cache
    summary = run(config(workers=1, batch_size=5), str(corpus), str(out), progress=False)
    assert (summary.cached, summary.processed, summary.model_loaded) == (8, 0, False)
    assert (summary.ok, summary.failed) == (8, 0)
    assert_same_tables(reference, out)


def test_corpus_tables_are_kept_for_the_same_documents_only(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    cache = DocCache(reference / ".cache", results_key(config())[0])
    keys = [item.key for item in plan(index_inputs(corpus), cache)]
    assert len(keys) == 8 and all(cache.has(key) for key in keys)
    key = corpus_key(cache, keys)
    assert key is not None and key != corpus_key(cache, keys[::-1])
    assert corpus_key(cache, [*keys, None]) is None
    assert corpus_key(cache, [*keys, "0" * 64]) is None  # a document the cache lacks
    out = tmp_path / "out"
    out.mkdir()
    assert restore_corpus_tables(cache, "f" * 64, out) is None
    rows = restore_corpus_tables(cache, key, out)
    assert rows is not None and rows["statements"] > 0
    for name in (f"{table}.parquet" for table in CORPUS_TABLES):
        assert (out / name).read_bytes() == (reference / name).read_bytes()
    # Another run's copy in progress is left alone when a copy is kept.
    other = reference / ".cache" / "corpus" / ".tmp-other"
    other.mkdir()
    keep_corpus_tables(cache, key, out)
    assert other.is_dir() and restore_corpus_tables(cache, key, tmp_path) == rows
    other.rmdir()


def test_a_changed_document_is_processed_alone(
    corpus: Path, reference: Path, nlp: Language, tmp_path: Path
) -> None:
    out, clean = tmp_path / "out", tmp_path / "clean"
    shutil.copytree(reference, out)
    original = (corpus / "x.txt").read_bytes()
    try:  # changed in place: a document's path is part of its rows
        (corpus / "x.txt").write_bytes(original + b"Snow is expected in Bergen on Friday.\n")
        summary = run(config(workers=1), str(corpus), str(out), progress=False, nlp=nlp)
        assert (summary.cached, summary.processed) == (7, 1)
        summary = run(config(workers=1, cache=False), str(corpus), str(clean), False, nlp=nlp)
        assert (summary.cached, summary.processed) == (0, 8)
    finally:
        (corpus / "x.txt").write_bytes(original)
    assert not (clean / ".cache").exists()
    assert_same_tables(clean, out)
    assert "Bergen" in pq.read_table(out / "documents.parquet")["text"].to_pylist()[-3]


def test_a_config_change_that_matters_reprocesses(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    changed = load_config(overrides=["run.workers=1", "entities.min_city_population=100000"])
    summary = run(changed, str(corpus), str(out), progress=False)
    assert (summary.cached, summary.processed) == (0, 8)


def test_which_config_keys_are_in_the_results_key() -> None:
    base = results_key(load_config())[0]
    for harmless in (
        "run.batch_size=3",
        "run.workers=7",
        "run.progress='never'",
        "run.output='elsewhere'",
        "run.scheduler='tcp://h:1'",
        "run.cache=false",
    ):
        assert results_key(load_config(overrides=[harmless]))[0] == base, harmless
    for matters in (
        "dates.published='2020-01-01'",
        "entities.min_city_population=1",
        "model.name='other_model'",
    ):
        assert results_key(load_config(overrides=[matters]))[0] != base, matters


def test_memory_zone_and_small_groups_keep_rows_and_free_strings(nlp: Language) -> None:
    articles = [a for a in read_articles(ARTICLES) if a.doc_id in PICKED]
    before = len(nlp.vocab.strings)
    # Each article alone (max_chars below any article), each group in a memory zone, and
    # no room for lasting strings ...
    full = process_batch(nlp, articles, RunSummary("", ""), max_chars=100, max_strings=before)
    assert len(nlp.vocab.strings) == before
    # ... gives the rows of one batch of all of them without a zone ...
    assert full == process_batch(nlp, articles, RunSummary("", ""), zone=False)
    # ... as does tokenising before each zone, where the words' lexemes last.
    assert process_batch(nlp, articles, RunSummary("", ""), max_chars=100) == full
    text = "Vrelkin Quostadt told the Brabbleton council on Monday that the grant was gone."
    coined = Article(doc_id="coined", source_path="coined.txt", text=text)
    assert "Brabbleton" not in nlp.vocab
    process_batch(nlp, [coined], RunSummary("", ""))
    assert "Brabbleton" in nlp.vocab


def test_words_get_lasting_lexemes_only_while_the_string_store_has_room() -> None:
    nlp = spacy.blank("en")
    strings = len(nlp.vocab.strings)
    assert has_room(nlp.vocab) and not has_room(nlp.vocab, max_strings=strings)
    with nlp.memory_zone():
        assert not has_room(nlp.vocab)


def test_progress_lines_in_a_log() -> None:
    stream = io.StringIO()
    assert progress_mode("auto", None, stream) == "lines"
    assert progress_mode("auto", False, stream) == "off"
    assert progress_mode("never", True, stream) == "bar"
    meter = Progress("lines", total=10, to_process=6, every=2, stream=stream)
    meter.start(workers=2, executor="processes")
    for processed, cached in [(1, 2), (2, 1), (3, 1)]:
        meter.update(processed, cached)
    meter.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("run: 10 documents, 4 in the cache, 6 to process with 2")
    assert len(lines) == 3, lines
    assert lines[-1].startswith("progress: 10/10 documents (100%), 4 from the cache")
    assert all("documents/s" in line and "ETA" in line for line in lines[1:])


def test_help_names_every_new_flag() -> None:
    text = build_parser()._subparsers._group_actions[0].choices["run"].format_help()
    for flag in ("--workers N", "--no-cache", "--scheduler ADDRESS"):
        assert flag in text, flag


@pytest.mark.parametrize("workers", ["two", "-1", "1.5"])
def test_bad_workers_is_a_usage_error(workers: str, corpus: Path, tmp_path: Path) -> None:
    code, out, err = call(
        ["run", "--input", str(corpus), "--output", str(tmp_path / "o"), "--workers", workers]
    )
    assert code == 2 and out == ""
    assert err.startswith("error:") and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "o").exists()


def test_unreachable_scheduler_is_a_usage_error(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pipeline.batch.dask_executor.CONNECT_TIMEOUT", 1.0)
    for address in ("tcp://127.0.0.1:9", "not-an-address"):
        code, out, err = call(
            ["run", "--input", str(corpus), "--output", str(tmp_path / "o"), "--scheduler", address]
        )
        assert code == 2 and out == ""
        assert err.startswith("error:") and len(err.strip().splitlines()) == 1, err
        assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("batch_rows", [1, 2, 3, 1000])
def test_entity_index_streams_across_batches(batch_rows: int, reference: Path) -> None:
    """The index read in small batches (a document's mentions split between batches) is the
    index of all rows at once."""
    documents = pq.read_table(reference / "documents.parquet").to_pylist()
    entities = pq.read_table(reference / "entities.parquet").to_pylist()
    whole = EntityIndex()
    whole.add({"documents": documents, "entities": entities})
    streamed = index_tables(
        reference / "documents.parquet", reference / "entities.parquet", batch_rows
    )
    assert streamed.rows() == whole.rows()
    assert any(row["first_published"] for row in whole.rows())


def test_refs_read_the_articles_read_articles_reads(tmp_path: Path) -> None:
    """Articles read back from the input index (by path, or by byte offset for a JSON-lines
    record) equal the articles of one pass over the input, in any encoding."""
    records = [
        {"id": f"r{i}", "text": f"Café n°{i} à Paris.\r\nSecond line.", "title": "Été"}
        for i in (3, 1, 2)
    ]
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n{bad\n"
    for name, encoding in [("a", "utf-8"), ("b", "utf-8-sig"), ("c", "cp1252"), ("d", "utf-16")]:
        (tmp_path / f"{name}.jsonl").write_bytes(lines.replace('"r', f'"{name}').encode(encoding))
    (tmp_path / "z.txt").write_bytes("Grüße aus Köln, sagte sie.\r\n".encode("cp1252"))
    (tmp_path / "z.meta.json").write_text('{"published": "2020-01-02"}', "utf-8")
    refs = index_inputs(tmp_path)
    assert [ref.doc_id for ref in refs] == sorted(ref.doc_id for ref in refs)
    expected = sorted(read_articles(tmp_path), key=lambda a: a.doc_id)
    assert [read_ref(ref) for ref in refs] == expected
    assert len({ref.digest for ref in refs if ref.digest}) == 13


@pytest.mark.parametrize("workers", [1, 2, 4])
@pytest.mark.parametrize("count", [0, 1, 15, 16, 17, 300])
def test_chunks_keep_every_item_in_order_and_shrink_at_the_end(workers: int, count: int) -> None:
    from pipeline.batch.chunks import WorkItem, split_chunks
    from pipeline.batch.refs import DocRef

    items = [WorkItem(DocRef(i, f"d{i:04d}", "p", "p")) for i in range(count)]
    chunks = split_chunks(items, 16, workers)
    assert [item for chunk in chunks for item in chunk] == items
    assert all(1 <= len(chunk) <= 16 for chunk in chunks)
    if workers == 1 or count <= 16 * workers:
        assert [len(c) for c in chunks[:-1]] == [16] * (len(chunks) - 1)
    elif count == 300:
        sizes = [len(c) for c in chunks]
        assert sizes[0] == 16 and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)
