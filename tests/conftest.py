"""Shared fixtures: the spaCy pipeline is built once per test session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import load_config
from pipeline.nlp import build_nlp

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ARTICLES = REPO / "tests" / "articles"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default pipeline (model + every news stage), loaded once."""
    return build_nlp(load_config())


@pytest.fixture(scope="session")
def annotate(nlp: Language) -> Callable[..., Doc]:
    """Process a text as an article published on ``published`` (default 2020-07-22)."""

    def _annotate(text: str, published: dt.date | None = dt.date(2020, 7, 22)) -> Doc:
        doc = nlp.make_doc(text)
        doc._.published = published
        doc._.published_from = "metadata" if published else "none"
        return nlp(doc)

    return _annotate


@pytest.fixture(scope="session")
def seed_doc(annotate: Callable[..., Doc]) -> Doc:
    """The seed article, processed."""
    return annotate((SEEDS / "000_b5c0204ef33dd5d7.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """A full run over ``seeds/`` with the default config; returns the output folder."""
    from pipeline.batch.run import run

    out = tmp_path_factory.mktemp("seed-run")
    run(load_config(), input_path=str(SEEDS), output_dir=str(out), progress=False, nlp=nlp)
    return out


@pytest.fixture(scope="session")
def articles_run(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """A full run over the hand-written test articles; returns the output folder."""
    from pipeline.batch.run import run

    out = tmp_path_factory.mktemp("articles-run")
    run(load_config(), input_path=str(ARTICLES), output_dir=str(out), progress=False, nlp=nlp)
    return out


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-snapshots`` rewrites tests/snapshots/ from the current output."""
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite the expected tables in tests/snapshots/ instead of comparing",
    )
