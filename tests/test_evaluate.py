"""Tests for pipeline.eval (gold, scoring, report) on tiny hand-made gold files and runs."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.eval.gold import GoldDoc, load_gold, validate_gold
from pipeline.eval.metrics import numbers_equal, prf
from pipeline.eval.report import format_report, main
from pipeline.eval.scoring import evaluate, match_quotes, score_events, speaker_correct

TEXT = (
    "UNITED NATIONS, July 22. UN Secretary General Antonio Guterres spoke with Nikol Pashinyan. "
    '"We are deeply concerned," Guterres said on Wednesday. '
    "Baku said twelve servicemen were killed."
)
DOC = "doc1"


def at(sub: str, nth: int = 0, text: str = TEXT) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``sub`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def ent(sub: str, label: str, canonical: str | None = None, nth: int = 0, **kw: Any) -> dict:
    s, e = at(sub, nth)
    row = {
        "start_char": s,
        "end_char": e,
        "text": sub,
        "label": label,
        "canonical": canonical,
        "value": None,
        "unit": None,
        "timex_type": None,
        "approximate": False,
    }
    row.update(kw)
    return row


def quote(sub: str, kind: str, speaker: str, canonical: str | None, cue: str = "say") -> dict:
    s, e = at(sub)
    ss, se = at(speaker, 1) if speaker == "Guterres" else at(speaker)
    return {
        "start_char": s,
        "end_char": e,
        "text": sub,
        "kind": kind,
        "speaker": speaker,
        "speaker_start_char": ss,
        "speaker_end_char": se,
        "speaker_canonical": canonical,
        "cue": cue,
    }


def event(trigger: str, event_type: str, **kw: Any) -> dict:
    s, e = at(trigger)
    row = {
        "event_type": event_type,
        "trigger": trigger,
        "start_char": s,
        "end_char": e,
        "actors": [],
        "targets": [],
        "location": None,
        "date": None,
        "date_text": None,
        "quantity": None,
        "quantity_unit": None,
        "reported_by": None,
        "negated": False,
    }
    row.update(kw)
    return row


def gold_doc(doc_id: str = DOC) -> dict:
    return {
        "doc_id": doc_id,
        "published": "2020-07-22",
        "entities": [
            ent("UNITED NATIONS", "ORG", "United Nations"),
            ent("July 22", "DATE", value="2020-07-22", timex_type="DATE"),
            ent("Antonio Guterres", "PERSON", "Antonio Guterres"),
            ent("Nikol Pashinyan", "PERSON", "Nikol Pashinyan"),
            ent("Guterres", "PERSON", "Antonio Guterres", nth=1),
            ent("Wednesday", "DATE", value="2020-07-22", timex_type="DATE"),
            ent("Baku", "GPE", "Baku"),
            ent("twelve", "CARDINAL", value="12", unit="servicemen"),
        ],
        "quotes": [
            quote("We are deeply concerned,", "direct", "Guterres", "Antonio Guterres"),
            quote("twelve servicemen were killed", "indirect", "Baku", "Baku"),
        ],
        "events": [
            event(
                "spoke",
                "talks",
                actors=["Antonio Guterres", "Nikol Pashinyan"],
                date="2020-07-22",
                date_text="July 22",
            ),
            event(
                "killed",
                "deaths",
                targets=["Azerbaijan"],
                quantity=12.0,
                quantity_unit="servicemen",
                reported_by="Baku",
            ),
        ],
    }


ENTITY_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("ent_id", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
        ("label", pa.string()),
        ("canonical", pa.string()),
        ("value", pa.string()),
        ("value_num", pa.float64()),
        ("unit", pa.string()),
        ("timex_type", pa.string()),
        ("approximate", pa.bool_()),
    ]
)
QUOTE_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("quote_id", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
        ("kind", pa.string()),
        ("speaker", pa.string()),
        ("speaker_start_char", pa.int32()),
        ("speaker_end_char", pa.int32()),
        ("speaker_canonical", pa.string()),
        ("cue", pa.string()),
    ]
)
EVENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("event_id", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("trigger", pa.string()),
        ("event_type", pa.string()),
        ("actors", pa.list_(pa.string())),
        ("targets", pa.list_(pa.string())),
        ("location", pa.string()),
        ("date", pa.string()),
        ("date_text", pa.string()),
        ("quantity", pa.float64()),
        ("quantity_unit", pa.string()),
        ("reported_by", pa.string()),
        ("negated", pa.bool_()),
    ]
)
DOC_SCHEMA = pa.schema([("doc_id", pa.string()), ("text", pa.string()), ("status", pa.string())])


def write_gold(folder: Path, doc: dict, text: str = TEXT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc['doc_id']}.txt").write_text(text, encoding="utf-8")
    path = folder / f"{doc['doc_id']}.gold.json"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return path


def _table(rows: list[dict], schema: pa.Schema, id_col: str | None) -> pa.Table:
    full = []
    for i, row in enumerate(rows):
        r = {name: row.get(name) for name in schema.names}
        if id_col:
            r[id_col] = i
        full.append(r)
    return pa.Table.from_pylist(full, schema=schema)


def write_pred(
    folder: Path,
    docs: dict[str, dict],
    documents: list[str] | None = None,
    texts: dict[str, str] | None = None,
) -> Path:
    """Write a run folder from {doc_id: {"entities": [...], "quotes": [...], "events": [...]}}."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, schema, id_col in (
        ("entities", ENTITY_SCHEMA, "ent_id"),
        ("quotes", QUOTE_SCHEMA, "quote_id"),
        ("events", EVENT_SCHEMA, "event_id"),
    ):
        rows = [dict(r, doc_id=d) for d, tables in docs.items() for r in tables.get(name, [])]
        pq.write_table(_table(rows, schema, id_col), folder / f"{name}.parquet")
    if documents is None:
        documents = list(docs)
    texts = texts or {}
    rows = [{"doc_id": d, "text": texts.get(d, TEXT), "status": "ok"} for d in documents]
    pq.write_table(_table(rows, DOC_SCHEMA, None), folder / "documents.parquet")
    return folder


def run(tmp_path: Path, pred_doc: dict, gold: dict | None = None) -> dict:
    gold = gold or gold_doc()
    gold_path = write_gold(tmp_path / "gold", gold)
    pred_dir = write_pred(tmp_path / "run", {gold["doc_id"]: pred_doc})
    return evaluate(gold_path, pred_dir)


def perfect_pred() -> dict:
    return copy.deepcopy(gold_doc())


def f1s(metrics: dict) -> list[float]:
    """Every P/R/F1 number in a metrics tree."""
    out = []
    for value in metrics.values():
        if isinstance(value, dict):
            if "f1" in value:
                out += [value["precision"], value["recall"], value["f1"]]
            elif "accuracy" not in value:
                out += f1s(value)
    return out


def accuracies(metrics: dict) -> list[float | None]:
    out = []
    for value in metrics.values():
        if isinstance(value, dict):
            if "accuracy" in value:
                out.append(value["accuracy"])
            elif "f1" not in value:
                out += accuracies(value)
    return out


# ---------------------------------------------------------------------------------------------


def test_gold_fixture_is_valid(tmp_path: Path) -> None:
    path = write_gold(tmp_path, gold_doc())
    (doc,) = load_gold(path)
    assert doc.doc_id == DOC and len(doc.entities) == 8
    assert validate_gold(doc, TEXT) == []


def test_perfect(tmp_path: Path) -> None:
    result = run(tmp_path, perfect_pred())
    assert result["n_docs"] == 1 and result["missing_docs"] == [] and result["warnings"] == []
    m = result["metrics"]
    assert set(f1s(m)) == {1.0}
    # mixed quotes: none on either side -> 1.0 by convention; every accuracy is judged.
    assert set(accuracies(m)) == {1.0}
    assert m["entities"]["exact"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "tp": 5,
        "fp": 0,
        "fn": 0,
    }
    assert m["dates"]["span"]["tp"] == 2 and m["numbers"]["span"]["tp"] == 1
    assert m["numbers"]["unit_accuracy"]["total"] == 1
    assert m["quotes"]["match"]["tp"] == 2 and m["events"]["strict"]["tp"] == 2
    assert result["per_doc"][DOC]["metrics"] == m


def test_one_missed_entity(tmp_path: Path) -> None:
    pred = perfect_pred()
    pred["entities"] = [e for e in pred["entities"] if e["text"] != "Baku"]
    m = run(tmp_path, pred)["metrics"]["entities"]
    assert m["overlap"] == {
        "precision": 1.0,
        "recall": 0.8,
        "f1": 0.8889,
        "tp": 4,
        "fp": 0,
        "fn": 1,
    }
    assert m["by_label"]["GPE"]["recall"] == 0.0
    assert m["by_label"]["PERSON"]["f1"] == 1.0


def test_wrong_label(tmp_path: Path) -> None:
    pred = perfect_pred()
    for e in pred["entities"]:
        if e["text"] == "Baku":
            e["label"] = "ORG"
    m = run(tmp_path, pred)["metrics"]["entities"]
    assert (m["exact"]["tp"], m["exact"]["fp"], m["exact"]["fn"]) == (4, 1, 1)
    assert m["overlap"]["f1"] == 0.8
    assert m["label_agnostic_overlap"]["f1"] == 1.0
    assert m["by_label"]["ORG"]["precision"] == 0.5


def test_partial_span_and_canonical(tmp_path: Path) -> None:
    pred = perfect_pred()
    for e in pred["entities"]:
        if e["text"] == "Antonio Guterres":  # wider span: overlap match, not exact
            e["start_char"], e["end_char"] = at("Secretary General Antonio Guterres")
            e["text"] = "Secretary General Antonio Guterres"
        if e["text"] == "Guterres":
            e["canonical"] = "guterres"
        if e["text"] == "Nikol Pashinyan":
            e["canonical"] = "  nikol   PASHINYAN "  # case/space-insensitive: still right
    m = run(tmp_path, pred)["metrics"]["entities"]
    assert m["exact"]["tp"] == 4 and m["overlap"]["tp"] == 5
    assert m["canonical_accuracy"] == {"accuracy": 0.8, "correct": 4, "total": 5}


def test_one_to_one_matching(tmp_path: Path) -> None:
    pred = perfect_pred()
    s, e = at("Nikol Pashinyan")
    extra = dict(pred["entities"][3], start_char=s, end_char=s + 5, text="Nikol")
    assert pred["entities"][3]["text"] == "Nikol Pashinyan"
    pred["entities"].append(extra)
    m = run(tmp_path, pred)["metrics"]["entities"]
    assert (m["overlap"]["tp"], m["overlap"]["fp"], m["overlap"]["fn"]) == (5, 1, 0)
    assert m["overlap"]["precision"] == 0.8333


def test_wrong_date_value(tmp_path: Path) -> None:
    pred = perfect_pred()
    for e in pred["entities"]:
        if e["text"] == "Wednesday":
            e["value"] = "2020-07-23"
            e["timex_type"] = "TIME"
    # Same overlap (9 chars) as the exact pred span, but looser: the tighter pair must win,
    # even though this one has the right value.
    pred["entities"].append(ent("on Wednesday", "DATE", value="2020-07-22", timex_type="DATE"))
    pred["entities"].append(ent("UN", "DATE", nth=1))  # wrong type of thing, no gold date there
    m = run(tmp_path, pred)["metrics"]["dates"]
    assert (m["span"]["tp"], m["span"]["fp"], m["span"]["fn"]) == (2, 2, 0)
    assert m["span"]["precision"] == 0.5 and m["span"]["f1"] == 0.6667
    assert m["value_accuracy"] == {"accuracy": 0.5, "correct": 1, "total": 2}
    assert m["value_f1"]["precision"] == 0.25 and m["value_f1"]["recall"] == 0.5
    assert m["value_f1"]["f1"] == 0.3333
    assert m["type_accuracy"]["accuracy"] == 0.5


@pytest.mark.parametrize(
    ("value", "unit", "value_ok", "unit_ok"),
    [
        ("12.0", "Servicemen", 1.0, 1.0),
        ("13", "servicemen", 0.0, 1.0),
        (None, None, 0.0, 0.0),
        ("12", "soldiers", 1.0, 0.0),
    ],
)
def test_number_value_and_unit(
    tmp_path: Path, value: str | None, unit: str | None, value_ok: float, unit_ok: float
) -> None:
    pred = perfect_pred()
    for e in pred["entities"]:
        if e["text"] == "twelve":
            e["value"], e["unit"] = value, unit
    m = run(tmp_path, pred)["metrics"]["numbers"]
    assert m["span"]["f1"] == 1.0
    assert m["value_accuracy"]["accuracy"] == value_ok
    assert m["value_f1"]["f1"] == value_ok
    assert m["unit_accuracy"]["accuracy"] == unit_ok


def test_number_value_falls_back_to_value_num(tmp_path: Path) -> None:
    pred = perfect_pred()
    for e in pred["entities"]:
        if e["text"] == "twelve":
            e["value"], e["value_num"] = None, 12.0
    assert run(tmp_path, pred)["metrics"]["numbers"]["value_accuracy"]["accuracy"] == 1.0


def test_wrong_speaker(tmp_path: Path) -> None:
    pred = perfect_pred()
    pred["quotes"][0]["speaker_canonical"] = "Stephane Dujarric"
    pred["quotes"][1]["speaker_canonical"] = " baku"
    pred["quotes"][1]["cue"] = "report"
    m = run(tmp_path, pred)["metrics"]["quotes"]
    assert m["match"]["f1"] == 1.0
    assert m["speaker_accuracy"] == {"accuracy": 0.5, "correct": 1, "total": 2}
    assert m["speaker_accuracy_end_to_end"]["accuracy"] == 0.5
    assert m["cue_accuracy"]["accuracy"] == 0.5
    assert m["kind_accuracy"]["accuracy"] == 1.0


def test_speaker_fallbacks() -> None:
    gold = {"speaker": "the spokesman", "speaker_canonical": None}
    assert speaker_correct(gold, {"speaker": "The  Spokesman", "speaker_canonical": "X"})
    assert not speaker_correct(gold, {"speaker": "a diplomat", "speaker_canonical": None})
    gold = {"speaker": "Dujarric", "speaker_canonical": "Stephane Dujarric"}
    assert speaker_correct(gold, {"speaker": "Stephane Dujarric", "speaker_canonical": None})
    assert not speaker_correct(gold, {"speaker": "Dujarric", "speaker_canonical": None})


def test_quote_overlap_threshold() -> None:
    gold = [{"start_char": 0, "end_char": 10}]
    assert match_quotes(gold, [{"start_char": 7, "end_char": 20}]) == [(0, 0)]  # 3/10
    assert match_quotes(gold, [{"start_char": 8, "end_char": 20}]) == []  # 2/10
    # One-to-one, the larger overlap wins.
    preds = [{"start_char": 6, "end_char": 20}, {"start_char": 0, "end_char": 9}]
    assert match_quotes(gold, preds) == [(0, 1)]


@pytest.mark.parametrize(("n_chars", "matched"), [(8, False), (9, True)])
def test_partial_quote_overlap(tmp_path: Path, n_chars: int, matched: bool) -> None:
    # gold indirect quote is 29 chars: 8/29 = 0.276 < 0.3 <= 9/29 = 0.310
    pred = perfect_pred()
    q = pred["quotes"][1]
    assert q["end_char"] - q["start_char"] == 29
    q["end_char"] = q["start_char"] + n_chars
    q["text"] = TEXT[q["start_char"] : q["end_char"]]
    m = run(tmp_path, pred)["metrics"]["quotes"]
    assert m["match"]["tp"] == (2 if matched else 1)
    assert m["indirect"]["f1"] == (1.0 if matched else 0.0)
    assert m["direct"]["f1"] == 1.0
    assert m["speaker_accuracy_end_to_end"]["accuracy"] == (1.0 if matched else 0.5)


def test_quote_kind_split(tmp_path: Path) -> None:
    pred = perfect_pred()
    pred["quotes"][1]["kind"] = "direct"
    m = run(tmp_path, pred)["metrics"]["quotes"]
    assert m["match"]["f1"] == 1.0 and m["kind_accuracy"]["accuracy"] == 0.5
    assert (m["direct"]["tp"], m["direct"]["fp"], m["direct"]["fn"]) == (1, 1, 0)
    assert (m["indirect"]["tp"], m["indirect"]["fp"], m["indirect"]["fn"]) == (0, 0, 1)
    assert m["indirect"]["precision"] == 0.0 and m["indirect"]["recall"] == 0.0


def test_events_arguments_and_strict(tmp_path: Path) -> None:
    pred = perfect_pred()
    pred["events"][0]["actors"] = ["nikol pashinyan", "Antonio  Guterres"]  # set equality
    pred["events"][1]["quantity"] = 13.0
    pred["events"][1]["reported_by"] = None
    m = run(tmp_path, pred)["metrics"]["events"]
    assert m["typed"]["f1"] == 1.0
    assert m["actors_accuracy"]["accuracy"] == 1.0
    assert m["quantity_accuracy"] == {"accuracy": 0.5, "correct": 1, "total": 2}
    assert m["reported_by_accuracy"]["accuracy"] == 0.5
    assert m["date_accuracy"]["accuracy"] == 1.0
    assert (m["strict"]["tp"], m["strict"]["fp"], m["strict"]["fn"]) == (1, 1, 1)
    assert m["strict"]["f1"] == 0.5


def test_events_wrong_type() -> None:
    gold = gold_doc()["events"]
    pred = copy.deepcopy(gold)
    pred[1]["event_type"] = "attack"
    m = score_events(gold, pred)
    assert (m["typed"].tp, m["typed"].n_pred, m["typed"].n_gold) == (1, 2, 2)
    assert m["untyped"].tp == 2
    assert m["by_type"]["attack"].n_pred == 1 and m["by_type"]["deaths"].tp == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("location", "Moscow"), ("date", "2020-07"), ("quantity", 2.0), ("actors", ["X"])],
)
def test_events_strict_fields(field: str, value: Any) -> None:
    gold = gold_doc()["events"][:1]
    pred = copy.deepcopy(gold)
    pred[0][field] = value
    m = score_events(gold, pred)
    assert m["typed"].tp == 1
    assert m["strict"].tp == (1 if field == "actors" else 0)  # strict: quantity, date, place
    assert m[f"{field}_accuracy"].correct == 0


def test_missing_doc(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    write_gold(gold_dir, gold_doc("a"))
    write_gold(gold_dir / "sub", gold_doc("b"))  # found recursively
    pred_dir = write_pred(tmp_path / "run", {"a": perfect_pred(), "zzz": perfect_pred()})
    result = evaluate(gold_dir, pred_dir)
    assert result["docs"] == ["a", "b"] and result["missing_docs"] == ["b"]
    assert result["per_doc"]["b"]["missing"] is True
    assert result["per_doc"]["b"]["metrics"]["entities"]["overlap"]["recall"] == 0.0
    m = result["metrics"]
    assert m["entities"]["overlap"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "tp": 5,
        "fp": 0,
        "fn": 5,
    }
    assert m["quotes"]["speaker_accuracy"]["accuracy"] == 1.0
    assert m["quotes"]["speaker_accuracy_end_to_end"]["accuracy"] == 0.5
    assert "b" in format_report(result) and "missing" in format_report(result).lower()


def test_missing_doc_without_documents_table(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    write_gold(gold_dir, gold_doc("a"))
    write_gold(gold_dir, gold_doc("b"))
    pred_dir = write_pred(tmp_path / "run", {"a": perfect_pred()})
    (pred_dir / "documents.parquet").unlink()
    assert evaluate(gold_dir, pred_dir)["missing_docs"] == ["b"]


def test_text_mismatch_warns(tmp_path: Path) -> None:
    gold_path = write_gold(tmp_path / "gold", gold_doc())
    pred_dir = write_pred(tmp_path / "run", {DOC: perfect_pred()}, texts={DOC: "other"})
    warnings = evaluate(gold_path, pred_dir)["warnings"]
    assert len(warnings) == 1 and "differs" in warnings[0]


def test_empty_conventions() -> None:
    assert prf(0, 0, 0)["f1"] == 1.0
    assert prf(0, 0, 3) == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 3}
    assert prf(0, 2, 0)["precision"] == 0.0 and prf(0, 2, 0)["recall"] == 0.0
    assert prf(1, 2, 4)["f1"] == 0.3333
    assert numbers_equal("1500000", 1500000.0000001) and not numbers_equal("0.25", "0.26")
    assert numbers_equal(None, None) and not numbers_equal(None, "0")


def test_nothing_predicted(tmp_path: Path) -> None:
    result = run(tmp_path, {})
    m = result["metrics"]
    assert result["missing_docs"] == []  # listed in documents.parquet, just no rows
    assert m["entities"]["overlap"]["f1"] == 0.0 and m["events"]["typed"]["recall"] == 0.0
    assert m["entities"]["canonical_accuracy"] == {"accuracy": None, "correct": 0, "total": 0}
    assert m["quotes"]["speaker_accuracy_end_to_end"]["accuracy"] == 0.0


def test_main_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold_path = write_gold(tmp_path / "gold", gold_doc())
    pred_dir = write_pred(tmp_path / "run", {DOC: perfect_pred()})
    assert main(str(gold_path), str(pred_dir), as_json=True) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)  # exactly one JSON document, nothing else on stdout
    assert isinstance(data, dict) and data["metrics"]["entities"]["exact"]["f1"] == 1.0
    assert set(data) >= {"metrics", "per_doc", "missing_docs", "warnings", "n_docs"}
    assert err == ""


def test_main_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold_path = write_gold(tmp_path / "gold", gold_doc())
    pred_dir = write_pred(tmp_path / "run", {DOC: perfect_pred()})
    assert main(str(gold_path), str(pred_dir), as_json=False) == 0
    out = capsys.readouterr().out
    assert "speaker_accuracy" in out and DOC in out and "1.0000" in out


@pytest.mark.parametrize("broken", ["no_gold", "no_pred", "bad_json", "no_table", "bad_parquet"])
def test_main_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: str) -> None:
    gold_path = write_gold(tmp_path / "gold", gold_doc())
    pred_dir = write_pred(tmp_path / "run", {DOC: perfect_pred()})
    if broken == "no_gold":
        gold_path = tmp_path / "nope.gold.json"
    elif broken == "no_pred":
        pred_dir = tmp_path / "nope"
    elif broken == "bad_json":
        gold_path.write_text("{not json", encoding="utf-8")
    elif broken == "no_table":
        (pred_dir / "quotes.parquet").unlink()
    else:
        (pred_dir / "events.parquet").write_bytes(b"not parquet")
    assert main(str(gold_path), str(pred_dir), as_json=True) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1


def test_empty_gold_dir_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "gold").mkdir()
    pred_dir = write_pred(tmp_path / "run", {})
    assert main(str(tmp_path / "gold"), str(pred_dir), as_json=False) == 2
    assert "no *.gold.json" in capsys.readouterr().err


# --- validate_gold -----------------------------------------------------------------------------


def test_validate_gold_reports_problems(tmp_path: Path) -> None:
    data = gold_doc()
    data["entities"][2]["end_char"] += 1  # span text no longer matches
    data["entities"][3]["label"] = "HUMAN"
    del data["entities"][4]["canonical"]
    data["quotes"][0]["kind"] = "reported"
    data["quotes"][1]["text"] = '"twelve servicemen were killed'
    data["events"][0]["trigger"] = "spoken"
    data["events"][1]["negated"] = "no"
    data["published"] = "22 July 2020"
    (doc,) = load_gold(write_gold(tmp_path, data))
    problems = validate_gold(doc, TEXT)
    joined = "\n".join(problems)
    for needle in (
        "entities[2]: span",
        "entities[3]: unknown label 'HUMAN'",
        "entities[4]: missing keys canonical",
        "quotes[0]: kind",
        "quotes[1]: span",
        "events[0]: span",
        "events[1]: negated",
        "published",
    ):
        assert needle in joined, needle
    assert len(problems) >= 8


def test_validate_gold_offsets_and_speaker() -> None:
    data = gold_doc()
    data["entities"][0]["start_char"] = -1
    data["quotes"][0]["speaker_start_char"] = 0
    data["entities"].append(dict(data["entities"][1]))  # duplicate
    doc = GoldDoc(doc_id=DOC, entities=data["entities"], quotes=data["quotes"], raw=data)
    problems = validate_gold(doc, TEXT)
    assert any("entities[0]: bad offsets" in p for p in problems)
    assert any("quotes[0] speaker: span" in p for p in problems)
    assert any("entities[8]: duplicates entities[1]" in p for p in problems)


def test_load_gold_crlf_text(tmp_path: Path) -> None:
    text = "Line one.\r\nBaku said so."
    data = {"doc_id": "crlf", "published": None, "entities": [], "quotes": [], "events": []}
    data["entities"].append(
        {
            "start_char": 10,
            "end_char": 14,
            "text": "Baku",
            "label": "GPE",
            "canonical": "Baku",
            "value": None,
            "unit": None,
            "timex_type": None,
            "approximate": False,
        }
    )
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "crlf.txt").write_bytes(text.encode("utf-8"))
    (folder / "crlf.gold.json").write_text(json.dumps(data), encoding="utf-8")
    (doc,) = load_gold(folder)
    from pipeline.eval.gold import read_gold_text

    gold_text = read_gold_text(doc)
    assert gold_text == "Line one.\nBaku said so."
    assert validate_gold(doc, gold_text) == []
