"""The seed run's report in headless Chromium: after its scripts ran, the article is shown
with its entities, quotes and events marked, and the four charts are drawn. A screenshot
is saved beside the report; failures name its path. Skipped where Chromium is not installed
(CI installs Debian's ``chromium``)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.report import write_report
from tests.test_report import NASTY, make_run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not installed (apt-get install -y chromium)"
)
SEED_ID = "000_b5c0204ef33dd5d7"


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium with its own profile folder."""
    command = [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars"]
    command += [f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


class ShownArticle(HTMLParser):
    """The DOM's shown article: its text's characters and the classes of the marks in it;
    and the number of charts drawn."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.doc_ids: list[str] = []
        self.text: list[str] = []
        self.marks: list[dict] = []
        self.charts = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "article" and "shown" in classes:
            self.doc_ids.append(attrs.get("data-doc"))
            self.stack.append("article")
        elif tag == "div" and "text" in classes and self.stack == ["article"]:
            self.stack.append("text")
        elif tag == "svg" and self.stack == [] and attrs.get("class") == "marks":
            self.charts += 1
        elif self.stack and tag not in ("br", "img", "input"):
            self.stack.append(tag)
            if "text" in self.stack:
                self.marks.append(attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "text" in self.stack:
            self.text.append(data)


@dataclass
class Rendered:
    dom: str
    screenshot: Path
    article: ShownArticle

    def where(self) -> str:
        return f"see the screenshot {self.screenshot} and the DOM beside it"


@pytest.fixture(scope="module")
def rendered(seed_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("report-browser")
    shutil.copytree(seed_run, folder / "run")
    report = write_report(folder / "run", folder / "report.html")
    screenshot = folder / "report.png"
    shot = chromium(
        folder / "profile", f"--screenshot={screenshot}", "--window-size=1400,2600", report.as_uri()
    )
    assert screenshot.is_file(), f"no screenshot: {shot.stderr[-2000:]}"
    dom = chromium(folder / "profile", "--dump-dom", report.as_uri()).stdout
    (folder / "dom.html").write_text(dom, encoding="utf-8")
    article = ShownArticle()
    article.feed(dom)
    return Rendered(dom, screenshot, article)


def test_the_article_is_shown_with_its_text(rendered: Rendered, seed_run: Path):
    text = pq.read_table(seed_run / "documents.parquet")["text"][0].as_py()
    assert rendered.article.doc_ids == [SEED_ID], rendered.where()
    assert "".join(rendered.article.text) == text, rendered.where()


def test_entities_quotes_and_events_are_highlighted(rendered: Rendered):
    marks = rendered.article.marks
    labels = {m.get("data-l") for m in marks if m.get("class") == "ent"}
    assert {"PERSON", "ORG", "GPE", "DATE", "CARDINAL"} <= labels, rendered.where()
    speakers = [m for m in marks if m.get("class") == "spk"]
    assert len([m for m in marks if m.get("class") == "q"]) >= 14, rendered.where()
    assert any(m["data-q"] == "10" for m in speakers), rendered.where()  # Baku said ...
    triggers = {m.get("data-t") for m in marks if m.get("class") == "ev"}
    assert {"death", "injury", "meeting"} <= triggers, rendered.where()
    assert any(m.get("class") == "arg" for m in marks), rendered.where()


def test_the_charts_render(rendered: Rendered):
    assert rendered.article.charts == 4, rendered.where()
    for key in ("speakers", "entities", "timeline", "casualties"):
        assert f'id="chart-{key}"' in rendered.dom, rendered.where()
    assert "1 of 1 articles" in rendered.dom, rendered.where()  # the list's script ran


def test_the_screenshot_is_an_image(rendered: Rendered):
    data = rendered.screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000, rendered.where()


def test_a_packed_article_opens_from_its_link(tmp_path: Path):
    run = make_run(tmp_path / "run", n_docs=3)
    report = write_report(run, tmp_path / "report.html")
    dom = chromium(
        tmp_path / "profile",
        "--virtual-time-budget=5000",
        "--dump-dom",
        report.as_uri() + "#doc=doc-2",
    ).stdout
    article = ShownArticle()
    article.feed(dom)
    assert article.doc_ids == ["doc-2"], dom[-2000:]
    assert "".join(article.text) == NASTY
    assert {m.get("class") for m in article.marks} >= {"ent", "q", "spk", "ev", "arg"}
