"""Long documents in pieces (``run.piece_chars``) and refused (``run.max_document_chars``).

A small piece size in the config makes the hand-written test articles long documents, so the
pieces happen on short texts; the session's pipeline serves every run (pieces are cut outside
spaCy).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from pipeline.batch.cache import results_key
from pipeline.batch.pieces import DocumentLimits, boundary_patterns, piece_spans
from pipeline.batch.process import process_batch
from pipeline.batch.reading import Article, read_articles
from pipeline.batch.run import run
from pipeline.batch.summary import RunSummary
from pipeline.config import ConfigError, load_config
from tests.test_text_properties import NEWS_TEXTS, SPANS, assert_rows_index_the_text

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "tests" / "articles"
PATTERNS = boundary_patterns()


def _run(tmp_path: Path, nlp: Language, name: str, *overrides: str) -> Path:
    out = tmp_path / name
    config = load_config(overrides=["run.cache=false", *overrides])
    run(config, input_path=str(ARTICLES), output_dir=str(out), progress=False, nlp=nlp)
    return out


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    names = ("documents", "sentences", "entities", "quotes", "events")
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in names}


def _assert_offsets_index_text(tables: dict[str, pd.DataFrame]) -> None:
    texts = tables["documents"].set_index("doc_id")["text"]
    for table, start, end, column in SPANS:
        for row in tables[table].itertuples():
            s, e = getattr(row, start), getattr(row, end)
            if pd.isna(s):
                continue
            assert texts[row.doc_id][int(s) : int(e)] == getattr(row, column), (table, row)
    for row in tables["events"].itertuples():
        for mention in row.mentions:
            assert 0 <= mention["start_char"] < mention["end_char"] <= len(texts[row.doc_id])


# --- where pieces are cut ------------------------------------------------------------------


def _assert_pieces(text: str, limit: int) -> list[tuple[int, int]]:
    spans = piece_spans(text, limit, PATTERNS)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b <= a + limit for a, b in spans)
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))
    return spans


def test_pieces_cut_at_paragraphs_then_sentences_then_white_space_then_hard() -> None:
    text = "One two. Three four.\n\nFive six seven. Eight nine ten eleven twelve thirteen"
    assert _assert_pieces(text, 1000) == [(0, len(text))]
    first, *_ = _assert_pieces(text, 40)
    assert text[: first[1]] == "One two. Three four.\n\n"  # the paragraph break
    spans = _assert_pieces(text[22:], 30)
    assert text[22:][: spans[0][1]] == "Five six seven. "  # a sentence end
    spans = _assert_pieces("Eight nine ten eleven twelve", 12)
    assert [("Eight nine ten eleven twelve"[a:b]) for a, b in spans] == [
        "Eight nine ",
        "ten eleven ",
        "twelve",
    ]
    assert _assert_pieces("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]


def test_pieces_of_every_test_article_cover_it() -> None:
    for article in read_articles(ARTICLES):
        for limit in (1, 7, 50, 300):
            _assert_pieces(article.text, limit)


# --- the config ----------------------------------------------------------------------------


def test_piece_size_and_maximum_are_checked_and_change_the_results_key() -> None:
    with pytest.raises(ConfigError, match="run.piece_chars"):
        load_config(overrides=["run.piece_chars=0"])
    with pytest.raises(ConfigError, match="run.piece_chars"):
        load_config(overrides=["run.piece_chars=2000000"])
    with pytest.raises(ConfigError, match="run.max_document_chars"):
        load_config(overrides=["run.max_document_chars=0"])
    default = results_key(load_config())[0]
    assert results_key(load_config(overrides=["run.piece_chars=500"]))[0] != default
    assert results_key(load_config(overrides=["run.max_document_chars=500"]))[0] != default
    assert results_key(load_config(overrides=["run.batch_size=3"]))[0] == default


# --- runs in pieces ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pieces_run(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """The test articles with pieces of at most 300 characters (every article is cut)."""
    return _run(tmp_path_factory.mktemp("pieces"), nlp, "pieces", "run.piece_chars=300")


def test_offsets_index_the_text_when_processed_in_pieces(pieces_run: Path) -> None:
    tables = _tables(pieces_run)
    documents = tables["documents"]
    assert (documents.status == "ok").all()
    originals = {a.doc_id: a.text for a in read_articles(ARTICLES)}
    assert dict(zip(documents.doc_id, documents.text, strict=True)) == originals
    for table in ("sentences", "entities", "quotes", "events"):
        assert len(tables[table]) > 0, table
    _assert_offsets_index_text(tables)
    for row in documents.itertuples():
        n = len(piece_spans(row.text, 300, PATTERNS))
        assert f"processed in {n} pieces of at most 300 characters" in list(row.warnings)


def test_ids_run_on_across_pieces_and_clusters_stay_in_their_piece(pieces_run: Path) -> None:
    tables = _tables(pieces_run)
    ids = {"sentences": "sent_id", "entities": "ent_id", "quotes": "quote_id", "events": "event_id"}
    for table, column in ids.items():
        for _, rows in tables[table].groupby("doc_id"):
            assert rows[column].tolist() == list(range(len(rows))), table
    texts = dict(zip(tables["documents"].doc_id, tables["documents"].text, strict=True))
    sentences = tables["sentences"].set_index(["doc_id", "sent_id"])
    for row in tables["entities"].itertuples():
        assert sentences.loc[(row.doc_id, row.sent_id)].start_char <= row.start_char
        if (row.doc_id, row.sent_id + 1) in sentences.index:
            assert row.start_char < sentences.loc[(row.doc_id, row.sent_id + 1)].start_char
    clustered = tables["entities"].dropna(subset=["cluster_id"])
    assert clustered.cluster_id.nunique() > 10
    for (doc_id, _), mentions in clustered.groupby(["doc_id", "cluster_id"]):
        spans = piece_spans(texts[doc_id], 300, PATTERNS)
        pieces = {next(i for i, (_, b) in enumerate(spans) if s < b) for s in mentions.start_char}
        assert len(pieces) == 1, (doc_id, mentions)


def test_every_cut_starts_a_sentence(pieces_run: Path) -> None:
    tables = _tables(pieces_run)
    for doc_id, text in zip(tables["documents"].doc_id, tables["documents"].text, strict=True):
        sentences = tables["sentences"][tables["sentences"].doc_id == doc_id]
        starts = set(sentences.start_char)
        for start, _ in piece_spans(text, 300, PATTERNS)[1:]:
            first = start + len(text[start:]) - len(text[start:].lstrip())  # white space skipped
            assert first in starts or first == len(text), (doc_id, start)


# What is found in the text, without ids (a sentence more or less renumbers the rest) and
# without what the news stages decide from the rest of the document (labels made consistent
# across mentions, clusters, resolved speakers, event types and dates).
CONTENT = {
    "sentences": ["doc_id", "start_char", "end_char", "text", "role", "paragraph"],
    "entities": ["doc_id", "start_char", "end_char", "text"],
    "quotes": ["doc_id", "start_char", "end_char", "text", "kind"],
    "events": ["doc_id", "start_char", "end_char", "trigger"],
}


def _near_cuts(runs: list[pd.DataFrame], cuts: list[int]) -> list[tuple[int, int]]:
    """For each cut, the stretch from the start of the sentence before it to the end of the
    sentence after it, in either run (``runs``: a document's sentences in each)."""
    zones = []
    for cut in cuts:
        before = min(s[s.start_char < cut].start_char.max() for s in runs)
        after = max(s[s.end_char > cut].end_char.min() for s in runs)
        zones.append((int(before), int(after)))
    return zones


def _away_from_cuts(table: pd.DataFrame, zones: dict[str, list[tuple[int, int]]]) -> set:
    return {
        row
        for row in table.itertuples(index=False, name=None)
        if not any(a < row[2] and row[1] < b for a, b in zones[row[0]])
    }


def test_rows_agree_with_the_whole_article_away_from_the_cuts(
    tmp_path: Path, nlp: Language, articles_run: Path
) -> None:
    """With pieces of at most 400 characters every cut of these articles falls at a paragraph
    break. The model reads each piece without its neighbours, so what it decides in the
    sentence before and the sentence after a cut (in either run) may differ (measured here:
    whether a closing quote mark ends the sentence before a cut or stands alone, and whether
    the capitalised first word after a cut is taken for a name); every other row is the same,
    and so are the documents' texts, titles, datelines and reference dates."""
    limit = 400
    whole = _tables(articles_run)
    pieced = _tables(_run(tmp_path, nlp, "cut", f"run.piece_chars={limit}"))
    zones = {}
    for doc_id, text in zip(whole["documents"].doc_id, whole["documents"].text, strict=True):
        cuts = [a for a, _ in piece_spans(text, limit, PATTERNS)[1:]]
        breaks = {m.end() for m in PATTERNS[0].finditer(text)}
        assert set(cuts) <= breaks, doc_id  # at paragraph breaks only
        runs = [t["sentences"][t["sentences"].doc_id == doc_id] for t in (whole, pieced)]
        zones[doc_id] = _near_cuts(runs, cuts)
    assert sum(len(z) for z in zones.values()) >= 20
    differ = ["warnings", "n_sentences"]  # the pieces are noted in the warnings
    assert (
        pieced["documents"]
        .drop(columns=differ, errors="ignore")
        .equals(whole["documents"].drop(columns=differ, errors="ignore"))
    )
    away = {
        table: (
            _away_from_cuts(whole[table][cols], zones),
            _away_from_cuts(pieced[table][cols], zones),
        )
        for table, cols in CONTENT.items()
    }
    for table in ("sentences", "quotes"):
        assert away[table][1] == away[table][0], table
    # Linking stops at a cut: a surname found because the full name came earlier ...
    expected, found = away["entities"]
    assert len(found) > 100 and found <= expected
    for doc_id, start, _, text in expected - found:
        names = whole["entities"][(whole["entities"].doc_id == doc_id)]
        assert names[names.start_char < start].text.str.contains(text).any(), text
    # ... and a later mention of an event in another piece is an event of its own.
    expected, found = away["events"]
    assert len(expected) > 10 and expected <= found
    for doc_id, start, end, _ in found - expected:
        events = whole["events"][whole["events"].doc_id == doc_id]
        mentions = {(m["start_char"], m["end_char"]) for ms in events.mentions for m in ms}
        assert (start, end) in mentions


def test_warning_names_the_pieces(nlp: Language) -> None:
    text = "Rain fell on Monday. " * 40
    articles = [Article("long", "<memory>", text=text), Article("short", "<memory>", "Hi.")]
    rows = process_batch(nlp, articles, RunSummary("", ""), limits=DocumentLimits(100, 10**6))
    assert [d["status"] for d in rows["documents"]] == ["ok", "ok"]
    n = len(piece_spans(text, 100, PATTERNS))
    assert n == 10
    assert articles[0].warnings == [f"processed in {n} pieces of at most 100 characters"]
    assert articles[1].warnings == []


def test_a_text_with_no_white_space_is_cut_hard(nlp: Language) -> None:
    text = "Nowhitespace" * 60 + "," + "x" * 500
    article = Article("blob", "<memory>", text=text)
    rows = process_batch(nlp, [article], RunSummary("", ""), limits=DocumentLimits(100, 10**6))
    assert rows["documents"][0]["status"] == "ok"
    assert rows["documents"][0]["text"] == text
    assert article.warnings == ["processed in 13 pieces of at most 100 characters"]
    for sentence in rows["sentences"]:
        assert text[sentence["start_char"] : sentence["end_char"]] == sentence["text"]
    assert rows["sentences"][0]["start_char"] == 0
    assert rows["sentences"][-1]["end_char"] == len(text)


def test_a_document_above_the_maximum_is_refused(tmp_path: Path, nlp: Language) -> None:
    out = _run(tmp_path, nlp, "refused", "run.max_document_chars=1200")
    tables = _tables(out)
    documents = tables["documents"]
    lengths = documents.text.str.len()
    refused = documents[lengths > 1200]
    assert len(refused) == 3 and (documents[lengths <= 1200].status == "ok").all()
    for row in refused.itertuples():
        assert row.status == "error"
        assert row.error == (
            f"document has {len(row.text)} characters, above run.max_document_chars = 1200"
        )
        for table in ("sentences", "entities", "quotes", "events"):
            assert not (tables[table].doc_id == row.doc_id).any()


@settings(max_examples=12, deadline=None, derandomize=True, database=None)
@given(text=NEWS_TEXTS, limit=st.integers(1, 200))
def test_any_text_in_pieces_of_any_size_gives_rows_that_index_it(
    nlp: Language, text: str, limit: int
) -> None:
    article = Article("doc", "<memory>", text=text)
    summary = RunSummary("", "")
    rows = process_batch(nlp, [article], summary, limits=DocumentLimits(limit, 10**6))
    assert summary.failures == []
    assert len(rows["documents"]) == 1 and rows["documents"][0]["text"] == text
    assert_rows_index_the_text(rows, text)
    for table, column in {"sentences": "sent_id", "entities": "ent_id"}.items():
        assert [row[column] for row in rows[table]] == list(range(len(rows[table])))
