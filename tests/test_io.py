"""Tests for pipeline.io: discovering and reading articles, and writing the Parquet tables.

No spaCy here: everything goes through ``discover``, ``read_articles`` and ``TableWriter``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch.reading import InputError, discover, read_articles
from pipeline.batch.refs import index_inputs, read_ref
from pipeline.batch.schemas import TABLES
from pipeline.batch.writing import TableWriter

BODY = "LONDON, March 3 (Reuters) - The minister said talks would resume.\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode("utf-8"))
    return path


def articles(root: Path) -> list:
    return list(read_articles(root))


def only(root: Path):
    found = articles(root)
    assert len(found) == 1, found
    return found[0]


# --- .txt and sidecars --------------------------------------------------------------------


def test_txt_without_sidecar(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", BODY)
    article = only(tmp_path)
    assert article.doc_id == "story"
    assert article.source_path == str(tmp_path / "story.txt")
    assert article.text == BODY
    assert article.error is None
    assert article.encoding == "utf-8"
    assert article.warnings == []
    assert (article.published, article.title, article.source, article.url) == (None,) * 4


def test_txt_with_sidecar_date(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", BODY)
    meta = {
        "published": "2020-07-22",
        "title": "Talks to resume",
        "source": "Reuters",
        "url": "https://example.org/story",
    }
    write(tmp_path / "story.meta.json", json.dumps(meta))
    article = only(tmp_path)
    assert article.published == dt.date(2020, 7, 22)
    assert article.title == "Talks to resume"
    assert article.source == "Reuters"
    assert article.url == "https://example.org/story"
    assert article.warnings == []


@pytest.mark.parametrize(
    "published",
    [
        "2020-07-22T10:30:00",
        "2020-07-22T10:30:00Z",
        "2020-07-22T23:59:00-05:00",
        "2020-07-22 08:00",
    ],
)
def test_sidecar_datetime_gives_its_date(tmp_path: Path, published: str) -> None:
    write(tmp_path / "story.txt", BODY)
    write(tmp_path / "story.meta.json", json.dumps({"published": published}))
    article = only(tmp_path)
    assert article.published == dt.date(2020, 7, 22)
    assert article.warnings == []


@pytest.mark.parametrize(
    "sidecar",
    [
        "{not json",
        json.dumps({"published": "not a date"}),
        json.dumps({"published": 20200722}),
        json.dumps(["a", "list"]),
    ],
)
def test_bad_sidecar_is_ignored_with_warning(tmp_path: Path, sidecar: str) -> None:
    write(tmp_path / "story.txt", BODY)
    write(tmp_path / "story.meta.json", sidecar)
    article = only(tmp_path)
    assert article.error is None
    assert article.text == BODY
    assert article.published is None
    assert any("story.meta.json" in w for w in article.warnings), article.warnings


def test_undecodable_sidecar_is_ignored_with_warning(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", BODY)
    write(tmp_path / "story.meta.json", b'{"title": "\xff\xfe\x00bad"}')
    article = only(tmp_path)
    assert article.error is None
    assert article.title is None
    assert any("story.meta.json" in w for w in article.warnings), article.warnings


def test_sidecars_and_gold_files_are_not_articles(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "a.meta.json", json.dumps({"title": "A"}))
    write(tmp_path / "a.gold.json", json.dumps({"doc_id": "a"}))
    write(tmp_path / "notes.md", "# notes")
    write(tmp_path / "data.json", "{}")
    assert discover(tmp_path) == [tmp_path / "a.txt"]
    assert [a.doc_id for a in articles(tmp_path)] == ["a"]


# --- doc_id and order ---------------------------------------------------------------------


def test_doc_id_is_path_relative_to_root_without_extension(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "seeds" / "000_x.txt", BODY)
    write(root / "a" / "b" / "c.txt", BODY)
    assert [a.doc_id for a in articles(root)] == ["a/b/c", "seeds/000_x"]
    assert [a.doc_id for a in articles(root / "seeds")] == ["000_x"]


def test_single_file_input(tmp_path: Path) -> None:
    path = write(tmp_path / "seeds" / "000_x.txt", BODY)
    write(tmp_path / "seeds" / "000_x.meta.json", json.dumps({"published": "2020-07-22"}))
    write(tmp_path / "seeds" / "001_y.txt", BODY)
    assert discover(path) == [path]
    article = only(path)
    assert article.doc_id == "000_x"
    assert article.published == dt.date(2020, 7, 22)


def test_sorted_order_recursive(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a.txt", "c/a.txt", "10.txt", "2.txt"]:
        write(tmp_path / rel, BODY)
    expected = ["10", "2", "a", "a/z", "b", "c/a"]
    assert [a.doc_id for a in articles(tmp_path)] == expected
    assert [p.relative_to(tmp_path).with_suffix("").as_posix() for p in discover(tmp_path)] == (
        expected
    )


def test_missing_input_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        discover(tmp_path / "nope")
    with pytest.raises(InputError):
        articles(tmp_path / "nope.txt")


# --- decoding -----------------------------------------------------------------------------


def test_crlf_and_lone_cr_become_newlines_nothing_else_changes(tmp_path: Path) -> None:
    raw = "Title  \r\n\r\nLine one,\tindented\rline two \u00a0 end\r\n  trailing  \n\nlast"
    write(tmp_path / "story.txt", raw)
    article = only(tmp_path)
    assert (
        article.text == "Title  \n\nLine one,\tindented\nline two \u00a0 end\n  trailing  \n\nlast"
    )
    assert "\r" not in article.text


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", b"\xef\xbb\xbf" + "Caf\u00e9 au lait\n".encode())
    article = only(tmp_path)
    assert article.text == "Caf\u00e9 au lait\n"
    assert article.error is None
    assert article.encoding == "utf-8-sig"


# Text that charset-normalizer 3.5 identifies as cp1252 with no tie.
CP1252_NEWS = (
    "PARIS, 3 juillet \u2013 Le ministre a d\u00e9clar\u00e9 \u00e0 la presse que \u00ab la "
    "situation est tr\u00e8s grave \u00bb. Les \u00e9l\u00e8ves du lyc\u00e9e ont "
    "manifest\u00e9 devant l\u2019\u00e9cole. Caf\u00e9 \u00e0 Paris, l\u2019\u00e9t\u00e9\u2026 "
) * 4


def test_cp1252_file_is_decoded_and_encoding_recorded(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", CP1252_NEWS.encode("cp1252"))
    article = only(tmp_path)
    assert article.error is None
    assert article.text == CP1252_NEWS
    assert article.encoding is not None
    assert article.encoding.replace("_", "").lower() in {"cp1252", "windows1252"}
    assert any(article.encoding in w for w in article.warnings), article.warnings


def test_cp1252_french_text_is_not_decoded_as_cp1250(tmp_path: Path) -> None:
    text = "Caf\u00e9 \u00e0 Paris, l\u2019\u00e9t\u00e9 dernier\u2026 Les touristes " * 8
    write(tmp_path / "story.txt", text.encode("cp1252"))
    article = only(tmp_path)
    assert article.text == text


def test_binary_file_is_an_errored_article(tmp_path: Path) -> None:
    write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 512)
    write(tmp_path / "ok.txt", BODY)
    found = articles(tmp_path)
    assert [a.doc_id for a in found] == ["image", "ok"]
    bad = found[0]
    assert bad.error is not None
    assert "image.txt" in bad.error
    assert "\n" not in bad.error
    assert bad.text == ""
    assert found[1].error is None


def test_nul_bytes_that_are_valid_utf8_are_still_binary(tmp_path: Path) -> None:
    write(tmp_path / "blob.txt", b"\x00" * 256 + "Hello".encode("utf-16-le"))
    assert only(tmp_path).error is not None


# --- .jsonl -------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "wire-1",
                "text": "First story.\r\nSecond line.",
                "published": "2021-01-05T09:00:00Z",
                "title": "First",
                "source": "AP",
                "url": "https://example.org/1",
            }
        ),
        "",
        "{not json",
        json.dumps({"id": "wire-4", "title": "no text"}),
        json.dumps({"id": "wire-5", "text": 42}),
        json.dumps({"id": 6, "text": "Sixth story."}),
    ]
    write(tmp_path / "sub" / "feed.jsonl", "\n".join(lines) + "\n")
    found = articles(tmp_path)
    assert len(found) == 5

    first = found[0]
    assert first.doc_id == "wire-1"
    assert first.error is None
    assert first.text == "First story.\nSecond line."
    assert first.published == dt.date(2021, 1, 5)
    assert (first.title, first.source, first.url) == ("First", "AP", "https://example.org/1")
    assert first.source_path == str(tmp_path / "sub" / "feed.jsonl")

    invalid, missing, not_str, sixth = found[1:]
    assert invalid.error is not None and "line 3" in invalid.error
    assert "json" in invalid.error.lower()
    assert missing.error is not None and "line 4" in missing.error and "text" in missing.error
    assert not_str.error is not None and "line 5" in not_str.error
    assert not_str.doc_id == "wire-5"
    for bad in (invalid, missing, not_str):
        assert bad.text == ""
        assert "\n" not in bad.error
    # Errored lines without a usable id still get distinct doc_ids.
    assert len({a.doc_id for a in found}) == 5

    assert sixth.doc_id == "6"
    assert sixth.error is None
    assert sixth.text == "Sixth story."


def test_jsonl_bad_published_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "feed.jsonl", json.dumps({"id": "a", "text": "Hi.", "published": "soon"}))
    article = only(tmp_path)
    assert article.error is None
    assert article.published is None
    assert article.warnings


def test_jsonl_text_with_unicode_line_separator(tmp_path: Path) -> None:
    record = {"id": "a", "text": "one\u2028two\u0085three"}
    write(tmp_path / "feed.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    article = only(tmp_path)
    assert article.error is None
    assert article.text == record["text"]


def test_jsonl_without_records_is_one_empty_document(tmp_path: Path) -> None:
    write(tmp_path / "sub" / "feed.jsonl", "\n   \n")
    article = only(tmp_path)
    assert (article.doc_id, article.text, article.error) == ("sub/feed", "", None)
    assert article.warnings == ["feed.jsonl holds no records: an empty document in its place"]


def test_upper_case_extensions_are_articles(tmp_path: Path) -> None:
    write(tmp_path / "STORY.TXT", BODY)
    write(tmp_path / "FEED.JSONL", json.dumps({"id": "j", "text": "x"}) + "\n")
    assert [a.doc_id for a in articles(tmp_path)] == ["j", "STORY"]


def test_link_that_leads_nowhere_is_a_failed_document(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "dir").symlink_to(".", target_is_directory=True)  # a loop, not an article
    found = {a.doc_id: a for a in articles(tmp_path)}
    assert sorted(found) == ["gone", "loop"]
    assert all(a.error and a.source_path.endswith(f"{d}.txt") for d, a in found.items())


def test_jsonl_and_txt_are_read_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", BODY)
    write(tmp_path / "a.jsonl", json.dumps({"id": "j1", "text": "x"}) + "\n")
    write(tmp_path / "c.txt", BODY)
    assert [a.doc_id for a in articles(tmp_path)] == ["j1", "b", "c"]


# --- TableWriter --------------------------------------------------------------------------


def test_table_writer_writes_every_table_with_schema(tmp_path: Path) -> None:
    out = tmp_path / "out" / "nested"
    writer = TableWriter(out)
    doc = {
        "doc_id": "d",
        "source_path": "d.txt",
        "text": "Hello.",
        "status": "ok",
        "published": dt.date(2020, 7, 22),
        "n_sentences": 1,
    }
    sentence = {
        "doc_id": "d",
        "sent_id": 0,
        "paragraph": 0,
        "start_char": 0,
        "end_char": 6,
        "text": "Hello.",
        "role": "body",
    }
    writer.write({"documents": [doc], "sentences": [sentence], "entities": []})
    writer.write({"documents": [dict(doc, doc_id="e")], "quotes": []})
    writer.close()

    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.parquet" for n in TABLES)
    for name, schema in TABLES.items():
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.equals(schema), name
    assert writer.counts == {
        "documents": 2,
        "sentences": 1,
        "entities": 0,
        "quotes": 0,
        "events": 0,
    }
    documents = pq.read_table(out / "documents.parquet").to_pylist()
    assert [d["doc_id"] for d in documents] == ["d", "e"]
    assert documents[0]["published"] == dt.date(2020, 7, 22)
    assert documents[0]["error"] is None
    assert pq.read_table(out / "events.parquet").num_rows == 0


def test_table_writer_with_no_rows(tmp_path: Path) -> None:
    writer = TableWriter(tmp_path)
    writer.close()
    for name, schema in TABLES.items():
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.num_rows == 0
        assert table.schema.equals(schema)


def test_directory_without_articles_is_an_input_error(tmp_path) -> None:
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    with pytest.raises(InputError, match="no article files"):
        discover(tmp_path)


def test_utf8_with_a_few_invalid_bytes_stays_utf8(tmp_path: Path) -> None:
    head, tail = "Москва, 30 октября. " * 3, "Grüße aus Köln.\n"
    write(tmp_path / "story.txt", head.encode() + b"\xff\xfe" + tail.encode())
    article = only(tmp_path)
    assert (article.text, article.encoding) == (head + "\ufffd\ufffd" + tail, "utf-8")
    assert article.warnings == [
        "text holds 2 replacement character(s) (U+FFFD): bytes that were not valid text"
    ]


def test_utf8_jsonl_with_an_invalid_byte_keeps_every_record(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": "Café crème."}, ensure_ascii=False).encode()]
    lines.append(b'{"id": "b", "text": "Bad \xff byte, caf\xc3\xa9."}')
    write(tmp_path / "feed.jsonl", b"\n".join(lines) + b"\n")
    found = articles(tmp_path)
    assert [(a.doc_id, a.text) for a in found] == [
        ("a", "Café crème."),
        ("b", "Bad \ufffd byte, café."),
    ]
    assert [read_ref(ref) for ref in index_inputs(tmp_path)] == found  # as a run reads them


def test_sidecar_named_after_the_whole_file_name(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", BODY)
    write(tmp_path / "story.txt.meta.json", json.dumps({"published": "2020-07-22"}))
    article = only(tmp_path)
    assert (article.published, article.warnings) == (dt.date(2020, 7, 22), [])
    assert [read_ref(ref) for ref in index_inputs(tmp_path)] == [article]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".jsonl"]))
def test_any_bytes_are_read_without_raising(tmp_path: Path, raw: bytes, suffix: str) -> None:
    """Whatever a file holds, reading it gives articles (a failed one at worst), the same
    through the run's index, each text free of ``\\r``."""
    folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
    write(folder / f"input{suffix}", raw)
    found = sorted(articles(folder), key=lambda a: a.doc_id)
    assert found  # a file without a record is one empty document
    assert [read_ref(ref) for ref in index_inputs(folder)] == found
    for article in found:
        assert (article.error is None) or (article.text == "" and "\n" not in article.error)
        assert "\r" not in article.text
