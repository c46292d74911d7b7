"""Every gold file in the repository matches its article (spans, keys, labels, kinds)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.eval.gold import gold_text_path, load_gold, read_article_text, validate_gold

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOLD_FILES = sorted(
    p
    for root in (SEEDS, REPO / "tests")
    if root.is_dir()
    for p in root.rglob("*.gold.json")
    if p.is_file()
)


def _id(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_seeds_have_gold() -> None:
    assert any(p.is_relative_to(SEEDS) for p in GOLD_FILES), f"no *.gold.json under {SEEDS}"


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=_id)
def test_gold_file_is_valid(gold_file: Path) -> None:
    text_file = gold_text_path(gold_file)
    assert text_file.is_file(), f"{_id(gold_file)}: article {text_file.name} not found beside it"
    (doc,) = load_gold(gold_file)
    problems = validate_gold(doc, read_article_text(text_file))
    assert problems == [], f"{_id(gold_file)}:\n" + "\n".join(problems)


def test_gold_doc_ids_unique() -> None:
    ids = Counter(doc.doc_id for path in GOLD_FILES for doc in load_gold(path))
    assert [d for d, n in ids.items() if n > 1] == []
