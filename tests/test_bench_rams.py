"""The ``rams`` suite on a tiny fixture in RAMS's converted format, written for these tests
(invented text, never corpus text); every metric checked against counts worked out by hand."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.eval.corpora import rams
from pipeline.eval.corpora.base import BenchDoc, CorpusError, GoldArgument
from pipeline.eval.suites.rams import agrees, errors, our_types, role_kind, score, top_level

FIXTURE = Path(__file__).resolve().parent / "bench_fixtures" / "rams"


def _event(doc: BenchDoc, word: str, event_type: str | None, **args: Any) -> dict[str, Any]:
    start = doc.text.index(word)
    row = {"start_char": start, "end_char": start + len(word), "trigger": word}
    row.update(event_type=event_type, actors=[], targets=[], location=None, negated=False)
    return {**row, **args}


def _docs() -> dict[str, BenchDoc]:
    return {d.doc_id: d for d in rams.read(FIXTURE)}


def test_reader_keeps_the_one_event_with_typed_slotted_arguments() -> None:
    docs = rams.read(FIXTURE)
    assert [d.doc_id for d in docs] == ["r1", "r2", "r3"]
    first = docs[0]
    assert first.article.published is None and first.text.count("\n") == 1
    (event,) = first.events
    assert first.text[event.start : event.end] == "attacked"
    assert event.type == "conflict.attack.n/a"
    assert [(a.role, a.slot, first.text[a.start : a.end]) for a in event.arguments] == [
        ("attacker", 1, "Rebels"),
        ("target", 2, "the convoy"),
        ("place", 4, "Tarvel"),
    ]
    assert len(rams.read(FIXTURE, limit=2)) == 2


def test_type_mapping_and_role_lists_come_from_the_data_file() -> None:
    assert our_types("conflict.attack.firearmattack") == ("attack", "clash")
    assert our_types("conflict.attack.stealrobhijack") == ()
    assert our_types("life.injure.injurycausedbyviolentevents") == ("injury",)
    assert our_types("life.injure.illnessdegradationphysical") == ()
    assert our_types("justice.judicialconsequences.execute") == ("death",)
    assert our_types("justice.judicialconsequences.convict") == ()
    assert our_types("movement.transportartifact.preventexit") == ("arrest",)
    assert our_types("justice.initiatejudicialprocess.chargeindict") == ("accusation", "arrest")
    assert our_types("contact.negotiate.meet") == ("meeting",)
    assert our_types("contact.commandorder.broadcast") == ("appeal",)
    assert our_types("contact.prevarication.meet") == ()
    assert our_types(None) == ()
    assert top_level("life.die.n/a") == "life"
    assert role_kind(GoldArgument("participant", 0, 1, slot=1)) == "agent"
    assert role_kind(GoldArgument("participant", 0, 1, slot=2)) == "patient"
    assert role_kind(GoldArgument("killer", 0, 1)) == "agent"
    assert role_kind(GoldArgument("victim", 0, 1)) == "patient"
    assert role_kind(GoldArgument("place", 0, 1)) == "place"
    assert role_kind(GoldArgument("instrument", 0, 1)) is None


def test_agreement_is_lowercased_word_containment_either_way() -> None:
    assert agrees("the soldiers", ["Soldiers"])  # predicted words inside the gold
    assert agrees("Varn", "Minister Ilsa Varn")  # gold words inside the predicted
    assert agrees("Aleppo , Syria", ["Damascus", "Syria"])  # any value of a list
    assert not agrees("Mr Roslovtsev", ["Roman Roslovtsev"])  # neither contains the other
    assert not agrees("Tarvel", None) and not agrees("Tarvel", []) and not agrees("--", "x")
    assert not agrees("convoy", "convoys")  # whole words, not substrings


def test_score_by_hand() -> None:
    docs = _docs()
    r1, r2, r3 = docs["r1"], docs["r2"], docs["r3"]
    predictions = {
        # typed match; actors {rebels} = gold; targets {convoy} within {the, convoy};
        # location Tarvel = gold: 3 of 3 agree
        "r1": {
            "events": [
                _event(
                    r1,
                    "attacked",
                    "attack",
                    actors=["Rebels"],
                    targets=["convoy"],
                    location="Tarvel",
                ),
                _event(r1, "died", "death"),  # matches no gold event: not an error
            ]
        },
        # an untyped overlapping event and a typed one (meeting): participant#1 agrees
        # ({ilsa, varn} within the gold), participant#2 does not (Brell), place is missing
        "r2": {
            "events": [
                _event(r2, "met", None),
                _event(r2, "met", "meeting", actors=["Ilsa Varn"], targets=["Brell"]),
            ]
        },
        # found, but the gold type (transaction) is unmapped: not a typed match
        "r3": {"events": [_event(r3, "paid", "support", actors=["The cooperative"])]},
    }
    metrics = score(list(docs.values()), predictions)
    assert metrics["trigger"] == {"recall": 1.0, "found": 3, "total": 3}
    assert metrics["typed_mapped"] == {"recall": 1.0, "found": 2, "total": 2}  # r1, r2
    assert metrics["typed_all"] == {"recall": 0.6667, "found": 2, "total": 3}  # 2 of 3
    assert metrics["arguments"] == {
        "actors": {"agreement": 1.0, "agree": 2, "total": 2},  # Rebels, Ilsa Varn
        "targets": {"agreement": 0.5, "agree": 1, "total": 2},  # convoy yes, Brell no
        "location": {"agreement": 0.5, "agree": 1, "total": 2},  # Tarvel yes, None no
    }
    assert metrics["per_type"] == {
        "conflict": {"events": 1, "trigger_recall": 1.0, "typed_recall": 1.0},
        "contact": {"events": 1, "trigger_recall": 1.0, "typed_recall": 1.0},
        "transaction": {"events": 1, "trigger_recall": 1.0, "typed_recall": 0.0},
    }


def test_score_misses_wrong_types_and_partial_overlap() -> None:
    docs = _docs()
    r1, r2 = docs["r1"], docs["r2"]
    predictions = {
        # "attack" shares characters with "attacked" but has the wrong type: found, untyped
        "r1": {"events": [_event(r1, "attack", "death")]},
        # a predicted event elsewhere in the window does not find "met"
        "r2": {"events": [_event(r2, "discussed", "meeting")]},
    }
    metrics = score(list(docs.values()), predictions)
    assert metrics["trigger"]["recall"] == 0.3333  # r1 only, of 3
    assert metrics["typed_mapped"]["recall"] == 0.0 and metrics["typed_all"]["recall"] == 0.0
    # no typed match, so no argument is judged
    assert metrics["arguments"]["actors"] == {"agreement": None, "agree": 0, "total": 0}
    kinds = sorted((e["doc_id"], e["kind"]) for e in errors(list(docs.values()), predictions))
    assert kinds == [("r1", "wrong_type"), ("r2", "miss"), ("r3", "miss")]


def test_arguments_are_read_from_the_best_overlapping_typed_event() -> None:
    docs = _docs()
    r1 = docs["r1"]
    start = r1.text.index("attacked")
    wide = {"start_char": 0, "end_char": start + 3, "event_type": "clash", "actors": ["nobody"]}
    exact = _event(r1, "attacked", "attack", actors=["Rebels"])
    metrics = score([r1], {"r1": {"events": [wide, exact]}})
    assert metrics["arguments"]["actors"]["agreement"] == 1.0  # 8 shared characters beat 3
    records = errors([r1], {"r1": {"events": [wide, exact]}})
    assert [(e["kind"], e["role"], e["gold"]) for e in records] == [
        ("wrong_argument", "target", "the convoy"),
        ("wrong_argument", "place", "Tarvel"),
    ]


def test_missing_and_corrupt_corpus_raise_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        rams.read(tmp_path / "missing")
    corpus = tmp_path / "rams"
    shutil.copytree(FIXTURE, corpus)
    (corpus / "gold.json").unlink()
    with pytest.raises(CorpusError, match="gold.json not found"):
        rams.read(corpus)
    gold = json.loads((FIXTURE / "gold.json").read_text(encoding="utf-8"))
    gold["r2"]["trigger"]["start"] += 1
    (corpus / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(CorpusError, match="instance r2: span"):
        rams.read(corpus)
    (corpus / "docs.jsonl").write_text('{"id": "r1", "text": \n', encoding="utf-8")
    with pytest.raises(CorpusError, match="docs.jsonl:1: invalid JSON"):
        rams.read(corpus)


def test_bench_rams_on_the_fixture(tmp_path: Path, capsys) -> None:
    errors_file = tmp_path / "errors.jsonl"
    argv = ["bench", "rams", str(FIXTURE), "--json", "--errors", str(errors_file)]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["suite"] == "rams" and result["documents"] == 3
    assert [f["key"] for f in result["figures"]] == [
        "trigger.recall",
        "typed_mapped.recall",
        "typed_all.recall",
        "arguments.actors.agreement",
        "arguments.targets.agreement",
        "arguments.location.agreement",
    ]
    assert result["baseline_metrics"]["typed_all"]["recall"] == 0.0  # untyped verbs
    assert result["baseline_metrics"]["trigger"]["recall"] == 1.0  # all 3 triggers are verbs
    for line in errors_file.read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["kind"] in ("miss", "wrong_type", "wrong_argument")
    assert main(["bench", "rams", str(tmp_path / "missing")]) == 2
