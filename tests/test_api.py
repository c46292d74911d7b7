"""The library interface: ``pipeline.extract`` and ``pipeline.load``, and the README's Python
examples."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.config import ConfigError

from .conftest import SEEDS
from .test_snapshots import table_rows

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed_tables() -> pipeline.Tables:
    text = (SEEDS / "000_b5c0204ef33dd5d7.txt").read_text(encoding="utf-8")
    meta = json.loads((SEEDS / "000_b5c0204ef33dd5d7.meta.json").read_text(encoding="utf-8"))
    return pipeline.extract([{"id": "000_b5c0204ef33dd5d7", "text": text, **meta}])


def test_extract_returns_the_rows_a_run_writes(seed_tables, seed_run: Path, tmp_path) -> None:
    for name in pipeline.Tables._fields:
        frame: pd.DataFrame = getattr(seed_tables, name)
        frame.to_parquet(tmp_path / f"{name}.parquet")
        got, want = table_rows(tmp_path, name), table_rows(seed_run, name)
        if name == "documents":  # text handed over in memory was never decoded from bytes
            assert [row.pop("encoding") for row in got] == [None]
            [row.pop("encoding") for row in want]
        assert got == want, name


def test_plain_texts_get_positions_as_ids() -> None:
    tables = pipeline.extract(["Two people were killed in Goma.", ""])
    assert tables.documents.doc_id.tolist() == ["0", "1"]
    assert tables.documents.status.tolist() == ["ok", "empty"]
    assert tables.documents.published_from.tolist() == ["none", "none"]


def test_overrides_are_sections_of_the_config() -> None:
    tables = pipeline.extract(["He arrived on Monday."], dates={"published": "2020-07-22"})
    assert tables.documents.published.tolist() == [dt.date(2020, 7, 22)]
    assert tables.entities.value.tolist() == ["2020-07-20"]
    with pytest.raises(ConfigError, match="unknown key dates.publish"):
        pipeline.extract(["x"], dates={"publish": "2020-07-22"})


def test_records_take_a_date_object() -> None:
    tables = pipeline.extract([{"id": "a", "text": "It rained.", "published": dt.date(2021, 1, 5)}])
    assert tables.documents.published.tolist() == [dt.date(2021, 1, 5)]
    assert tables.documents.published_from.tolist() == ["metadata"]


def test_bad_item_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="article 0"):
        pipeline.extract([42])


def test_load_returns_the_pipeline() -> None:
    nlp = pipeline.load()
    assert "news_quotes" in nlp.pipe_names
    doc = nlp('"We will rebuild," Mayor Anna Berg said.')
    assert doc._.quotes[0].speaker.canonical == "Anna Berg"


def readme_python_examples() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it from Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_readme_python_examples_run() -> None:
    examples = readme_python_examples()
    assert examples, "README has no Python examples"
    namespace: dict = {}
    for code in examples:
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102
