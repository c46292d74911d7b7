"""The ``meantime`` suite: the CAT XML reader, entity / timex / event scoring and the merged
baseline, on a tiny fixture written for these tests (never corpus text); every figure is
worked out by hand in the comments.

The fixture has eight sentences (0-7; only 0-5 are scored). Its gold: named PER/ORG/LOC
mentions Tellworth (ORG), Halden (LOC), Mira Osei (PER), Port Halden (LOC), Osei (PER), and
the unscored NAM mentions Norvian (no entity) and Brightline (PRO); timexes "May 4 , 2012"
(the anchored creation time) and "Friday"; event mentions opens, opened, built, said, hire,
sold and the discontinuous "said ... hire".
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.eval.corpora import meantime
from pipeline.eval.corpora.base import BenchDoc, CorpusError
from pipeline.eval.suites import get_suite
from pipeline.eval.suites import meantime as suite

FIXTURES = Path(__file__).resolve().parent / "bench_fixtures"
MEANTIME = FIXTURES / "meantime"


def row(text: str, phrase: str, label: str | None = None, nth: int = 0, **columns: Any) -> dict:
    """A row on the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    found = {"start_char": start, "end_char": start + len(phrase), **columns}
    return found if label is None else {**found, "label": label}


@pytest.fixture(scope="module")
def doc() -> BenchDoc:
    (only,) = meantime.read(MEANTIME)
    return only


def test_reader_rebuilds_text_and_reads_gold(doc: BenchDoc) -> None:
    lines = doc.text.split("\n")
    assert doc.doc_id == "90001" and len(lines) == 8
    assert lines[0] == "Tellworth opens Halden depot" and lines[1] == "May 4 , 2012"
    assert doc.scored_until == doc.text.index("\nLater")  # end of sentence 5
    assert doc.article.published == dt.date(2012, 5, 4) and doc.article.title is None
    spans = [(doc.text[e.start : e.end], e.label) for e in doc.entities]
    # NAM and PRE.NAM mentions (the premodifier "Tellworth" too; not NOM "the depot"), typed
    # by their entity
    assert spans == [
        ("Tellworth", "ORG"),
        ("Halden", "LOC"),
        ("Mira Osei", "PER"),
        ("Tellworth", "ORG"),
        ("Port Halden", "LOC"),
        ("Norvian", None),
        ("Osei", "PER"),
        ("Brightline", "PRO"),
    ]
    # each typed mention knows its entity (REFERS_TO target) and that entity's name
    assert [(e.ref, e.canonical) for e in doc.entities] == [
        ("40", "Tellworth Shipping"),
        ("41", "Halden"),
        ("42", "Mira Osei"),
        ("40", "Tellworth Shipping"),
        ("44", "Port Halden"),
        (None, None),
        ("42", "Mira Osei"),
        ("45", "Brightline phone"),
    ]
    # the anchored creation time is gold; the unanchored TIMEX3 is not
    assert [(doc.text[t.start : t.end], t.value) for t in doc.timexes] == [
        ("May 4 , 2012", "2012-05-04"),
        ("Friday", "2012-05-04"),
    ]
    triggers = [doc.text[e.start : e.end] for e in doc.events]
    assert triggers == ["opens", "opened", "built", "said", "said the depot will hire"] + [
        "hire",
        "sold",
    ]
    opened = doc.events[1]
    assert opened.type == "OTHER"
    # participants that are entity mentions, with their entity's name (whitespace collapsed)
    assert [(a.role, doc.text[a.start : a.end], a.canonical) for a in opened.arguments] == [
        ("Arg0", "Mira Osei", "Mira Osei"),
        ("Arg1", "the depot", "Halden depot"),
        ("Argm-LOC", "Port Halden", "Port Halden"),
    ]
    assert doc.events[2].arguments == ()  # "built" has only a VALUE participant


def predictions(doc: BenchDoc) -> dict:
    text = doc.text
    entities = [
        row(text, "Tellworth", "ORG"),  # right
        row(text, "Halden", "GPE"),  # right (GPE -> LOC)
        row(text, "Mira", "PERSON"),  # right by overlap
        row(text, "Tellworth chief", "ORG"),  # right by overlap with the PRE.NAM mention
        row(text, "Port Halden", "ORG"),  # gold is LOC: false positive and a miss
        row(text, "Norvian", "NORP"),  # NORP is not mapped: dropped
        row(text, "Osei", "PERSON", nth=1),  # right
        row(text, "Brightline", "PRODUCT"),  # not a scored label: dropped
        row(text, "Osei", "PERSON", nth=2),  # sentence 6: ignored
        row(text, "May 4 , 2012", "DATE", value="2012-05-04", timex_type="DATE"),
        row(text, "Friday", "DATE", value="2012-05-11", timex_type="DATE"),
        row(text, "Sunday", "DATE", value="2012-05-06", timex_type="DATE"),  # ignored
    ]
    events = [
        row(text, "opened", actors=["Osei"], targets=["Halden depot plan"]),
        row(text, "said", actors=["Mira Osei"], targets=[]),
        row(text, "hire", actors=[""], targets=[]),
        row(text, "chief", actors=[], targets=[]),  # false positive
        row(text, "visited", actors=["Osei"], targets=[]),  # sentence 6: ignored
    ]
    return {doc.doc_id: {"entities": entities, "events": events}}


def test_score_by_hand(doc: BenchDoc) -> None:
    metrics = suite.score([doc], predictions(doc))
    entities = metrics["entities"]
    # gold 6 (PER 2, ORG 2, LOC 2); predicted 6 in scope (PER 2, ORG 3, LOC 1); right 5
    # P = 5/6, R = 5/6, F1 = 0.8333
    assert entities["overall"] == {
        "precision": 0.8333,
        "recall": 0.8333,
        "f1": 0.8333,
        "tp": 5,
        "fp": 1,
        "fn": 1,
    }
    assert entities["PER"]["f1"] == 1.0
    # ORG: 2 right of 3 predicted, 2 gold -> P 2/3, R 1, F1 0.8; LOC: 1 of 1, 1 of 2
    assert (entities["ORG"]["precision"], entities["ORG"]["f1"]) == (0.6667, 0.8)
    assert (entities["LOC"]["precision"], entities["LOC"]["recall"]) == (1.0, 0.5)
    # timexes: both found exactly, Friday's value wrong: value accuracy 1/2, relaxed F1 1
    timex = metrics["timex"]
    assert timex["strict"]["f1"] == timex["relaxed"]["f1"] == 1.0
    assert timex["value"]["accuracy"] == 0.5 and timex["value_f1"] == 0.5
    events = metrics["events"]
    # gold 7 mentions; predicted 4 in scope; matched: opened, said, hire (the single-token
    # mentions are tighter than "said ... hire") -> P 3/4, R 3/7
    assert events["triggers"]["precision"] == 0.75
    assert events["triggers"]["recall"] == 0.4286
    # Arg0 of opened: "Mira Osei" contains "Osei" -> agrees; Arg0 of said: mention "Osei" is
    # contained in "Mira Osei" -> agrees; Arg0 of hire: "the depot" / "Halden depot" against
    # an empty actor -> no. 2/3
    assert events["actors"] == {"accuracy": 0.6667, "correct": 2, "total": 3}
    # Arg1 of opened: entity name "Halden depot" is contained in "Halden depot plan": 1/1
    assert events["targets"] == {"accuracy": 1.0, "correct": 1, "total": 1}


def test_clusters_unmatched_gold_mentions_are_singletons(doc: BenchDoc) -> None:
    # predictions() has no cluster_id: every gold mention is alone. Gold clusters over the 6
    # scored mentions: {Tellworth, Tellworth}, {Halden}, {Mira Osei, Osei}, {Port Halden}.
    # Precision 1 for each; recall 1/2 for the four mentions of the two-mention entities, 1
    # for the other two: R = 4/6 = 0.6667, F1 = 2 * 0.6667 / 1.6667 = 0.8
    bcubed = suite.score([doc], predictions(doc))["clusters"]["bcubed"]
    assert bcubed == {"precision": 1.0, "recall": 0.6667, "f1": 0.8, "mentions": 6}


def cluster_predictions(doc: BenchDoc) -> dict:
    """One entity split (Mira Osei / Osei) and two joined (Halden, Port Halden)."""
    text = doc.text
    entities = [
        row(text, "Tellworth", "ORG", cluster_id=1, canonical="Tellworth"),
        row(text, "Halden", "GPE", cluster_id=2, canonical="Port Halden"),
        row(text, "Mira Osei", "PERSON", cluster_id=3, canonical="Mira Osei"),
        row(text, "Tellworth chief", "ORG", cluster_id=1, canonical="Tellworth"),
        # labelled ORG, gold LOC: still its predicted cluster (labels need not agree)
        row(text, "Port Halden", "ORG", cluster_id=2, canonical="Port Halden"),
        row(text, "Osei", "PERSON", nth=1, cluster_id=4, canonical="Osei"),
    ]
    return {doc.doc_id: {"entities": entities, "events": []}}


def test_cluster_bcubed_by_hand(doc: BenchDoc) -> None:
    # mention: gold cluster / predicted cluster -> precision, recall
    # Tellworth (x2): {T, T} / {T, T}       -> 1, 1 each
    # Halden:         {Halden} / {Halden, Port Halden} -> 1/2, 1
    # Port Halden:    {Port Halden} / {Halden, Port Halden} -> 1/2, 1
    # Mira Osei:      {Mira Osei, Osei} / {Mira Osei} -> 1, 1/2
    # Osei:           {Mira Osei, Osei} / {Osei} -> 1, 1/2
    # P = (1 + 1 + 1/2 + 1/2 + 1 + 1) / 6 = 5/6, R = 5/6, F1 = 5/6
    bcubed = suite.score([doc], cluster_predictions(doc))["clusters"]["bcubed"]
    assert bcubed == {"precision": 0.8333, "recall": 0.8333, "f1": 0.8333, "mentions": 6}


def test_cluster_errors_show_splits_and_joins(doc: BenchDoc) -> None:
    found = [e for e in suite.errors([doc], cluster_predictions(doc)) if e["layer"] == "cluster"]
    assert [(e["kind"], e["text"]) for e in found] == [
        ("split", "Mira Osei"),
        ("joined", "Halden"),
    ]
    split, joined = found
    assert split["gold"] == "Mira Osei"
    assert split["pred"] == [
        {"name": "Mira Osei", "mentions": ["Mira Osei"]},
        {"name": "Osei", "mentions": ["Osei"]},
    ]
    assert joined["pred"] == "Port Halden"
    assert joined["gold"] == [
        {"name": "Halden", "mentions": ["Halden"]},
        {"name": "Port Halden", "mentions": ["Port Halden"]},
    ]
    assert "[[Halden]]" in joined["context"]


def test_errors_name_their_layer_and_kind(doc: BenchDoc) -> None:
    found = {(e["layer"], e["kind"], e["text"]) for e in suite.errors([doc], predictions(doc))}
    assert ("entity", "wrong_label", "Port Halden") in found
    assert not any(kind == "false_positive" for layer, kind, _ in found if layer == "entity")
    assert ("entity", "miss", "Port Halden") not in found  # reported once, as wrong_label
    assert ("timex", "wrong_value", "Friday") in found
    assert ("event", "miss", "said the depot will hire") in found
    assert ("event", "false_positive", "chief") in found
    assert ("event", "wrong_actor", "the depot") in found
    assert not any("Sunday" in text or "visited" in text for _, _, text in found)


def test_baseline_merges_entities_dates_and_verbs(doc: BenchDoc, monkeypatch) -> None:
    text = doc.text

    def fake_entities(docs, tools):
        return {
            doc.doc_id: {"entities": [row(text, "Osei", "PERSON"), row(text, "Friday", "DATE")]}
        }

    def fake_verbs(docs, tools):
        return {doc.doc_id: {"events": [row(text, "opened", trigger="opened")]}}

    monkeypatch.setattr(suite, "bare_entities", fake_entities)
    monkeypatch.setattr(suite, "verb_events", fake_verbs)
    merged = suite.baseline([doc], tools=None)[doc.doc_id]  # type: ignore[arg-type]
    labels = [(text[r["start_char"] : r["end_char"]], r["label"]) for r in merged["entities"]]
    assert labels[0] == ("Osei", "PERSON")
    # the bare model's DATE row is dropped; the dates are dateparser's, valued by day
    dates = [r for r in merged["entities"] if r["label"] == "DATE"]
    assert dates and all(r.get("timex_type") == "DATE" for r in dates)
    assert merged["events"] == fake_verbs(None, None)[doc.doc_id]["events"]


def test_missing_and_corrupt_corpora_are_usage_errors(tmp_path: Path, capsys) -> None:
    with pytest.raises(CorpusError, match="not found"):
        meantime.read(tmp_path / "missing")
    with pytest.raises(CorpusError, match="no MEANTIME"):
        meantime.read(tmp_path)
    (tmp_path / "a.xml").write_text("<Document><Markables/></Document>", encoding="utf-8")
    assert main(["bench", "meantime", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "not a MEANTIME CAT document" in err and "\n" not in err
    (tmp_path / "a.xml").write_text(
        '<Document><token t_id="1" sentence="0">A</token><Markables>'
        '<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="9"/>'
        "</ENTITY_MENTION></Markables></Document>",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match="unknown token"):
        meantime.read(tmp_path)


def test_bench_meantime_prints_pipeline_beside_baseline(tmp_path: Path, capsys) -> None:
    errors = tmp_path / "errors.jsonl"
    status = main(["bench", "meantime", str(MEANTIME), "--json", "--errors", str(errors)])
    assert status == 0
    result = json.loads(capsys.readouterr().out)
    assert result["suite"] == "meantime" and result["documents"] == 1
    keys = [f["key"] for f in result["figures"]]
    assert keys == [key for key, _ in get_suite("meantime").headline]
    for line in errors.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert record["suite"] == "meantime" and record["layer"] in (
            "entity",
            "cluster",
            "timex",
            "event",
        )


def test_a_mention_inside_another_of_its_entity_is_not_counted_apart() -> None:
    def row(start: int, end: int, ref: str | None) -> dict:
        return {"start_char": start, "end_char": end, "label": "PER", "ref": ref}

    judge, name, other, untyped = (
        row(0, 27, "e1"),
        row(16, 27, "e1"),
        row(16, 27, "e2"),
        row(16, 27, None),
    )
    assert suite.outermost([judge, name]) == [judge]
    assert suite.outermost([judge, other]) == [judge, other]  # another entity: both count
    assert suite.outermost([judge, untyped]) == [judge, untyped]
