"""The stages as spaCy components: order in the built pipeline, and use in anyone's pipeline."""

from __future__ import annotations

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the factories)
from pipeline.config import load_config
from pipeline.nlp import STAGES, ModelError, load_model


def test_built_pipeline_has_every_stage_in_order(nlp) -> None:
    names = nlp.pipe_names
    positions = [names.index(stage) for stage in STAGES]
    assert positions == sorted(positions)
    assert names.index("news_sentences") < names.index("parser")
    assert names.index("news_entities") > names.index("ner")


def test_stages_work_in_a_plain_spacy_pipeline() -> None:
    nlp = spacy.load(load_config()["model"]["name"])
    for stage in ("news_entities", "news_values", "news_quotes", "news_events"):
        nlp.add_pipe(stage)
    doc = nlp('"We will rebuild the bridge," Mayor Anna Berg said. Two people were killed.')
    assert [q.speaker.canonical for q in doc._.quotes] == ["Anna Berg"]
    death = next(e for e in doc._.events if e.event_type == "death")
    assert death.quantity == 2


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="not installed"):
        load_model("no_such_model_xyz")
