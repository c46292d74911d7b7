"""Entity clusters scored against gold coreference: B-cubed over gold named mentions, and the
cluster errors that can be read (one gold entity split across clusters, several gold
entities joined in one).

Gold rows carry ``ref`` (the entity they refer to) and ``canonical`` (its name); predicted
rows carry ``cluster_id`` and ``canonical``. Every gold mention is matched one-to-one and
greedily to a predicted row by shared characters, whatever the two labels; its predicted
cluster is that row's ``cluster_id``. A gold mention no row matches (or matched by a row
without a ``cluster_id``) is a singleton of its own. See :func:`pipeline.eval.metrics.bcubed`
for the measure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from pipeline.eval.metrics import BCubed, bcubed, greedy_match, overlap_score
from pipeline.eval.suites import Rows, context

NOT_FOUND = "(not found)"
"""How an error record names the predicted cluster of a gold mention no row matched."""


def predicted_clusters(gold: Rows, pred: Rows) -> list[tuple[Any, str | None]]:
    """For each gold row, its predicted cluster key and canonical name: ``("cluster", id)``
    of the matched row, else ``("alone", index)`` with no name."""
    matched = dict(greedy_match(gold, pred, overlap_score()))
    found: list[tuple[Any, str | None]] = []
    for gi in range(len(gold)):
        row = pred[matched[gi]] if gi in matched else None
        if row is None or row.get("cluster_id") is None:
            found.append((("alone", gi), None))
        else:
            found.append((("cluster", int(row["cluster_id"])), row.get("canonical") or row["text"]))
    return found


def cluster_counts(gold: Rows, pred: Rows) -> BCubed:
    """B-cubed sums of one document over its gold rows that refer to an entity."""
    gold = [g for g in gold if g.get("ref") is not None]
    keys = [key for key, _ in predicted_clusters(gold, pred)]
    return bcubed([g["ref"] for g in gold], keys)


def cluster_errors(doc_id: str, text: str, gold: Rows, pred: Rows) -> list[dict[str, Any]]:
    """``split`` records (a gold entity whose mentions are in several predicted clusters; a
    mention not found is a cluster of its own): ``gold`` is the entity's name, ``pred`` the
    clusters with their canonical names and the entity's mentions in each. ``joined`` records
    (a predicted cluster holding mentions of several gold entities): ``gold`` lists those
    entities with their mentions, ``pred`` is the cluster's canonical name."""
    gold = [g for g in gold if g.get("ref") is not None]
    clusters = predicted_clusters(gold, pred)
    by_entity: dict[Any, list[int]] = defaultdict(list)
    by_cluster: dict[Any, list[int]] = defaultdict(list)
    for gi, g in enumerate(gold):
        by_entity[g["ref"]].append(gi)
        by_cluster[clusters[gi][0]].append(gi)
    found = []
    for members in by_entity.values():
        groups = _group(members, lambda gi: clusters[gi][0])
        if len(groups) > 1:
            record = _record(doc_id, text, "split", gold[members[0]])
            record["gold"] = gold[members[0]].get("canonical")
            record["pred"] = [_named(text, gold, ms, clusters[ms[0]][1]) for ms in groups]
            found.append(record)
    for members in by_cluster.values():
        groups = _group(members, lambda gi: gold[gi]["ref"])
        if len(groups) > 1:
            record = _record(doc_id, text, "joined", gold[members[0]])
            record["gold"] = [_named(text, gold, ms, gold[ms[0]].get("canonical")) for ms in groups]
            record["pred"] = clusters[members[0]][1]
            found.append(record)
    return found


def _group(members: list[int], key: Callable[[int], Any]) -> list[list[int]]:
    """``members`` grouped by ``key``, groups in order of their first member."""
    groups: dict[Any, list[int]] = {}
    for gi in members:
        groups.setdefault(key(gi), []).append(gi)
    return list(groups.values())


def _named(text: str, gold: Rows, members: list[int], name: str | None) -> dict[str, Any]:
    mentions = [text[gold[gi]["start_char"] : gold[gi]["end_char"]] for gi in members]
    return {"name": name or NOT_FOUND, "mentions": mentions}


def _record(doc_id: str, text: str, kind: str, first: dict[str, Any]) -> dict[str, Any]:
    start, end = int(first["start_char"]), int(first["end_char"])
    return {
        "doc_id": doc_id,
        "layer": "cluster",
        "kind": kind,
        "text": text[start:end],
        "gold": None,
        "pred": None,
        "context": context(text, start, end),
    }
