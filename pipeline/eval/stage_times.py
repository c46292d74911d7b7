"""Time spent in each pipeline component over a corpus (``bench --stages``).

Every document is prepared as a run prepares it, then the components run one after the other
over all documents (``pipe`` where a component has one, so the model's components batch as
they do in a run). Components that come with the spaCy model are summed as ``model``; each of
ours is also given as a share of the model's time.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from spacy.language import Language

from pipeline.batch.run import prepare_doc
from pipeline.eval.corpora.base import BenchDoc

OUR_PREFIX = "news_"
"""Our components' names start with this; every other component is the model's."""


def stage_seconds(nlp: Language, docs: Sequence[BenchDoc], batch_size: int) -> dict[str, Any]:
    """Seconds per component, the model's total, and each of our components' share of it."""
    prepared = [prepare_doc(nlp, d.article) for d in docs if d.article.text.strip()]
    seconds: dict[str, float] = {}
    for name, component in nlp.pipeline:
        clock = time.perf_counter()
        if hasattr(component, "pipe"):
            prepared = list(component.pipe(prepared, batch_size=batch_size))
        else:
            prepared = [component(doc) for doc in prepared]
        seconds[name] = round(time.perf_counter() - clock, 2)
    model = sum(s for name, s in seconds.items() if not name.startswith(OUR_PREFIX))
    return {
        "components": seconds,
        "model": round(model, 2),
        "share_of_model": {
            name: round(s / model, 3) if model else None
            for name, s in seconds.items()
            if name.startswith(OUR_PREFIX)
        },
    }
