"""The library interface: the pipeline from Python, without files.

>>> import pipeline
>>> tables = pipeline.extract(["Two people were killed in Goma on Monday, police said."])
>>> tables.events[["trigger", "event_type", "quantity"]]            # doctest: +SKIP
>>> nlp = pipeline.load()                                            # a spaCy Language
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
from spacy.language import Language

from pipeline.batch.pieces import DocumentLimits
from pipeline.batch.reading import Article, article_from_record
from pipeline.batch.run import RunSummary, process_batch
from pipeline.batch.schemas import TABLES, empty_rows, to_table
from pipeline.config import make_config
from pipeline.nlp import build_nlp

Config = str | Path | Mapping[str, Any] | None


class Tables(NamedTuple):
    """The five output tables as pandas DataFrames, with the columns of the Parquet files."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    events: pd.DataFrame


def load(config: Config = None, **overrides: Mapping[str, Any]) -> Language:
    """The spaCy ``Language`` a run uses: the configured model (its attribute ruler and
    lemmatizer memoised, the same annotations) plus the six news stages.

    ``config`` is None (the defaults), a TOML path or a mapping of sections; each keyword names a
    section to override, e.g. ``load(dates={"published": "2020-07-22"})``.
    """
    return build_nlp(make_config(config, **overrides))


def extract(
    texts_or_records: Iterable[str | Mapping[str, Any]],
    config: Config = None,
    **overrides: Mapping[str, Any],
) -> Tables:
    """Run the pipeline over articles in memory and return the five tables.

    Each item is an article's text (its ``doc_id`` is its position, ``"0"``, ``"1"``, ...) or a
    record like a line of a ``.jsonl`` input: ``text`` and optionally ``id``, ``published``
    (ISO string or ``date``), ``source``, ``url``, ``title``. Rows are exactly those ``python
    -m pipeline run`` writes for the same articles and config. The model is loaded once per
    config and process.
    """
    resolved = make_config(config, **overrides)
    nlp = _cached_nlp(json.dumps(_public(resolved), sort_keys=True))
    summary = RunSummary(input="<memory>", output="<memory>")
    rows = empty_rows()
    articles = (_article(item, i) for i, item in enumerate(texts_or_records))
    size = resolved["run"]["batch_size"]
    limits = DocumentLimits.from_config(resolved)
    while batch := list(islice(articles, size)):
        for name, batch_rows in process_batch(nlp, batch, summary, limits=limits).items():
            rows[name].extend(batch_rows)
    return Tables(**{name: to_table(name, rows[name]).to_pandas() for name in TABLES})


@lru_cache(maxsize=2)
def _cached_nlp(config_json: str) -> Language:
    return build_nlp(json.loads(config_json))


def _public(config: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in config.items() if not k.startswith("_")}


def _article(item: str | Mapping[str, Any], position: int) -> Article:
    if isinstance(item, str):
        return article_from_record({"id": str(position), "text": item}, "<memory>")
    if not isinstance(item, Mapping) or "text" not in item:
        raise TypeError(
            f"article {position}: expected a text or a record with 'text', got {item!r}"
        )
    return article_from_record({"id": str(position), **item}, "<memory>")
