"""Building the spaCy pipeline a run uses: the configured model plus the news stages."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language

from pipeline.config import ModelError, resolve_path
from pipeline.models import missing_model_message, resolve_model

__all__ = ["STAGES", "ModelError", "build_nlp", "load_model"]

# Importing the stage modules registers their factories with spaCy.
from pipeline.stages import (  # noqa: F401
    attributes,
    cleaning,
    entities,
    events,
    lemmas,
    quotes,
    sentences,
    values,
)

STAGES = (
    "news_cleaner",
    "news_sentences",
    "news_entities",
    "news_values",
    "news_quotes",
    "news_events",
)

MEMOISED = (
    ("attribute_ruler", "memoised_attribute_ruler", attributes.memoisable),
    ("lemmatizer", "memoised_lemmatizer", lemmas.memoisable),
)
"""Model components a run replaces by a memoised stand-in that sets the same annotations
(component name, stand-in factory, whether the model's component allows it)."""


def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline by package name or another name of it (see
    :mod:`pipeline.models`; never downloads)."""
    try:
        nlp = spacy.load(resolve_model(name))
    except OSError as exc:
        raise ModelError(missing_model_message(name)) from exc
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {name!r} lacks {', '.join(missing)}")
    return nlp


def build_nlp(config: dict[str, Any]) -> Language:
    """The model named in the config, its attribute ruler and lemmatizer memoised
    (:func:`memoise_components`), with every news stage added in order."""
    nlp = memoise_components(load_model(config["model"]["name"]))
    nlp.add_pipe(
        "news_cleaner",
        first=True,
        config={
            "resources": _resource(config, "cleaning", "resources"),
            "default_published": config["dates"]["published"],
        },
    )
    nlp.add_pipe("news_sentences", before="parser")
    nlp.add_pipe(
        "news_entities",
        after="ner",
        config={
            "resources": _resource(config, "entities", "resources"),
            "min_city_population": config["entities"]["min_city_population"],
        },
    )
    nlp.add_pipe("news_values", after="news_entities")
    nlp.add_pipe("news_quotes", config={"resources": _resource(config, "quotes", "resources")})
    nlp.add_pipe("news_events", config={"taxonomy": _resource(config, "events", "taxonomy")})
    return nlp


def memoise_components(nlp: Language) -> Language:
    """``nlp`` with each model component of :data:`MEMOISED` replaced, under its own name, by
    its memoised stand-in (:mod:`pipeline.stages.attributes`, :mod:`pipeline.stages.lemmas`):
    the same annotations, several times faster. A component the stand-in cannot replace
    (another lemmatizer mode) stays as it is."""
    for name, factory, memoisable in MEMOISED:
        if name not in nlp.pipe_names or not memoisable(nlp.get_pipe(name)):
            continue
        nlp.add_pipe(factory, name=f"{name}_memoised", after=name, config={"source": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(f"{name}_memoised", name)
    return nlp


def _resource(config: dict[str, Any], section: str, key: str) -> str:
    value = config[section][key]
    return str(resolve_path(value)) if value else ""
