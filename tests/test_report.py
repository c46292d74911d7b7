"""The run report (``python -m pipeline report``): one self-contained HTML file whose text is
escaped, whose articles carry their marks at the tables' offsets, and which samples large runs."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.batch.schemas import TABLES, to_table
from pipeline.cli import main
from pipeline.report import write_report
from pipeline.report.data import sample_documents
from pipeline.report.markup import Mark, render_marked

NASTY = (
    'Ann Lee said: "Prices <script>alert(1)</script> & taxes rise." Two people were killed in Oslo.'
)


class TextOf(HTMLParser):
    """Collects the text inside ``<div class="text">`` and the marks (tag, attrs) in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.marks: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if self.depth:
            self.depth += 1
            self.marks.append((tag, attrs))
        elif tag == "div" and attrs.get("class") == "text":
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def article_sources(page: str) -> dict[str, str]:
    """doc_id -> the article's HTML, as the report keeps it until it is shown (the first as
    HTML, the others gzipped in base64)."""
    found = re.findall(
        r'<script type="([^"]*)" class="doc-src"( data-z="1")? data-doc="([^"]*)">(.*?)</script>',
        page,
        re.S,
    )
    sources = {}
    for kind, packed, doc_id, body in found:
        assert (kind, bool(packed)) in {("text/html", False), ("application/gzip", True)}
        if packed:
            body = gzip.decompress(base64.b64decode(body)).decode("utf-8")
        sources[html.unescape(doc_id)] = body
    return sources


def make_run(out: Path, n_docs: int = 1, warnings: bool = False) -> Path:
    """A small run folder written with the pipeline's schemas: ``n_docs`` copies of NASTY
    (entities, a quote, a death event) and one failed document."""
    rows = {name: [] for name in TABLES}
    for i in range(n_docs):
        doc_id = f"doc-{i}"
        rows["documents"].append(
            {"doc_id": doc_id, "source_path": f"{doc_id}.txt", "text": NASTY, "status": "ok",
             "title": f"Title <{i}> & co", "published": dt.date(2021, 3, i % 28 + 1),
             "published_from": "metadata", "n_sentences": 2, "source": "Daily <Planet>"}
        )  # fmt: skip
        for ent_id, (start, end, label, canonical, value) in enumerate(
            [(0, 7, "PERSON", "Ann Lee", None), (63, 66, "CARDINAL", None, 2.0),
             (89, 93, "GPE", "Oslo", None)]
        ):  # fmt: skip
            rows["entities"].append(
                {"doc_id": doc_id, "ent_id": ent_id, "sent_id": 0 if start < 60 else 1,
                 "start_char": start, "end_char": end, "text": NASTY[start:end], "label": label,
                 "cluster_id": ent_id, "canonical": canonical, "value_num": value,
                 "approximate": False, "source": "ner"}
            )  # fmt: skip
        rows["quotes"].append(
            {"doc_id": doc_id, "quote_id": 0, "sent_id": 0, "start_char": 15, "end_char": 61,
             "text": NASTY[15:61], "kind": "direct", "speaker": "Ann Lee",
             "speaker_start_char": 0, "speaker_end_char": 7, "speaker_canonical": "Ann Lee",
             "cue": "say", "cue_start_char": 8, "cue_end_char": 12, "confidence": 0.9}
        )  # fmt: skip
        rows["events"].append(
            {"doc_id": doc_id, "event_id": 0, "sent_id": 1, "start_char": 79, "end_char": 85,
             "trigger": "killed", "event_type": "death", "actors": [], "targets": [],
             "location": "Oslo", "quantity": 2.0, "quantity_unit": "people", "negated": False,
             "modality": "asserted", "mentions": []}
        )  # fmt: skip
    rows["documents"].append(
        {"doc_id": "broken", "source_path": "broken.bin", "text": "", "status": "error",
         "error": "not text: <binary> & more", "published_from": "none", "n_sentences": 0}
    )  # fmt: skip
    out.mkdir(parents=True)
    for name, table_rows in rows.items():
        table = to_table(name, table_rows)
        if name == "documents" and warnings:
            notes = [["quote marks unbalanced <here>"]] + [[] for _ in table_rows[1:]]
            column = table.schema.get_field_index("warnings")  # a column every run has
            table = table.set_column(column, "warnings", pa.array(notes, pa.list_(pa.string())))
        pq.write_table(table, out / f"{name}.parquet")
    (out / "manifest.json").write_text(json.dumps({"pipeline_version": "x", "rows": {}}))
    return out


@pytest.fixture(scope="module")
def seed_report(seed_run: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("seed-report") / "run"
    shutil.copytree(seed_run, out)
    return write_report(out).read_text(encoding="utf-8")


def test_seed_report_is_self_contained(seed_report: str):
    assert seed_report.startswith("<!DOCTYPE html>")
    assert not re.search(r"<link\b|\bsrc=", seed_report), "nothing may be fetched"
    assert not re.search(r'href="(?!#)', seed_report), "links stay inside the report"
    assert seed_report.count("<svg") == 4  # the four corpus charts, inline
    for section in ("articles", "corpus", "claims", "statements", "failed", "manifest"):
        assert f'<section id="{section}">' in seed_report


def test_seed_article_carries_its_marks_at_the_tables_offsets(seed_report: str, seed_run: Path):
    text = pq.read_table(seed_run / "documents.parquet")["text"][0].as_py()
    source = article_sources(seed_report)["000_b5c0204ef33dd5d7"]
    parsed = TextOf()
    parsed.feed(source)
    assert "".join(parsed.text) == text  # only tags were added
    classes = [attrs.get("class") for _, attrs in parsed.marks]
    for kind in ("ent", "q", "spk", "cue", "ev", "arg"):
        assert kind in classes, kind
    deaths = [a for t, a in parsed.marks if a.get("data-t") == "death"]
    assert len(deaths) == 2 and all("quantity: " in a["title"] for a in deaths)
    assert "Casualty claims" in seed_report and ">Baku<" in seed_report


def test_text_is_escaped_everywhere(tmp_path: Path):
    page = write_report(make_run(tmp_path / "run", warnings=True)).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; taxes" in page
    assert "Title &lt;0&gt; &amp; co" in page and "Daily &lt;Planet&gt;" in page
    assert "not text: &lt;binary&gt; &amp; more" in page  # the failed document
    assert "quote marks unbalanced &lt;here&gt;" in page  # the warnings column
    parsed = TextOf()
    parsed.feed(article_sources(page)["doc-0"])
    assert "".join(parsed.text) == NASTY
    roles = {a.get("data-r") for t, a in parsed.marks if a.get("class") == "arg"}
    assert roles == {"quantity", "place"}


def test_large_runs_are_sampled_and_say_so(tmp_path: Path):
    run = make_run(tmp_path / "run", n_docs=6)
    page = write_report(run, tmp_path / "r.html", max_articles=3).read_text(encoding="utf-8")
    assert "shows 3 of the run&#x27;s 7 articles" in page
    assert len(article_sources(page)) == 3
    assert page.count('class="doc-src" data-z="1"') == 2  # all but the first are packed
    ids = [f"doc-{i}" for i in range(6)] + ["broken"]
    assert sample_documents(ids, 3) == [d for d in ids if d in article_sources(page)]
    assert sample_documents(ids, 10) == ids


def test_marks_that_cross_stay_well_nested():
    text = "a <b> & c"
    marks = [Mark(0, 5, "span", 'class="x"', 0), Mark(2, 9, "mark", 'class="y"', 1)]
    out = render_marked(text, marks + [Mark(3, 3, "i", "", 0), Mark(8, 99, "i", "", 0)])
    assert out == (
        '<span class="x">a <mark class="y">&lt;b&gt;</mark></span>'
        '<mark class="y" data-cont="1"> &amp; c</mark>'
    )


def test_report_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    run = make_run(tmp_path / "run")
    assert main(["report", str(run), "--out", str(tmp_path / "out" / "r.html")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "out" / "r.html")
    assert (run / "claims.parquet").is_file() and (run / "statements.parquet").is_file()
    assert main(["report", str(tmp_path / "missing")]) == 2
    assert "not a run's output folder" in capsys.readouterr().err
    assert main(["report", str(run), "--max-articles", "0"]) == 2


def test_a_run_with_no_rows_gets_a_report(tmp_path: Path):
    for name, schema in TABLES.items():
        pq.write_table(schema.empty_table(), tmp_path / f"{name}.parquet")
    page = write_report(tmp_path).read_text(encoding="utf-8")
    assert page.count("No data in this run.") == 4
    assert "No casualty figures in this run." in page
    assert "The run has no manifest.json." in page


def test_a_read_only_run_still_gets_its_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def refuse(run_dir: Path) -> None:
        raise PermissionError(f"{run_dir} is read-only")

    monkeypatch.setattr("pipeline.report.data.write_cross_article_tables", refuse)
    run = make_run(tmp_path / "run")
    page = write_report(run, tmp_path / "r.html").read_text(encoding="utf-8")
    assert not (run / "claims.parquet").exists()
    assert "Casualty claims" in page and ">Oslo<" in page
