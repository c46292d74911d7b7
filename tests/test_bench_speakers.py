"""The ``speakers`` suite: the speakers-dev reader on an invented fixture (never corpus text),
name normalisation, the correctness rules and the scores worked out by hand, and the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.eval.corpora import speakers
from pipeline.eval.corpora.base import Attribution, BenchDoc, CorpusError, article
from pipeline.eval.suites.speakers import align, errors, normalise, score, speaker_correct

FIXTURES = Path(__file__).resolve().parent / "bench_fixtures"
SPEAKERS = FIXTURES / "speakers"


def test_reader_takes_texts_from_the_sibling_polnear_folder() -> None:
    docs = speakers.read(SPEAKERS / "speakers-dev")
    assert [d.doc_id for d in docs] == [
        "gazette_2020-03-05_library-reopens",
        "gazette_2020-03-06_ferry-late",
    ]
    library, ferry = docs
    named, pronoun, unnamed = library.attributions
    s, e = named.content[0]
    assert library.text[s:e] == '"Reading is for everyone,"'
    assert (named.canonical, named.kind, named.relation) == ("Ada Park", "named", "E1")
    assert (pronoun.canonical, pronoun.kind) == ("Ada Park", "pronoun")
    assert (unnamed.canonical, unnamed.kind) == (None, "unnamed")
    (operator,) = ferry.attributions
    assert operator.alternates == ("Harbour Ferries",) and operator.kind == "description"
    assert len(speakers.read(SPEAKERS / "speakers-dev" / "gold.jsonl", limit=1)) == 1


def test_reader_rejects_missing_or_corrupt_corpora(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="speakers gold file not found"):
        speakers.read(tmp_path / "speakers-dev")
    alone = tmp_path / "alone" / "speakers-dev"
    shutil.copytree(SPEAKERS / "speakers-dev", alone)
    with pytest.raises(CorpusError, match="PolNeAR texts not found.*sibling polnear-dev"):
        speakers.read(alone)
    root = tmp_path / "root"
    shutil.copytree(SPEAKERS, root)
    text = root / "polnear-dev" / "text" / "gazette_2020-03-06_ferry-late.txt"
    text.write_text(
        "Ferry Late Again\n\nThe captain said the ferry was late because of wind.\n",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match="content_text does not match"):
        speakers.read(root / "speakers-dev")
    gold = root / "speakers-dev" / "gold.jsonl"
    gold.write_text('{"doc": "x"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="gold.jsonl:1: not JSON"):
        speakers.read(root / "speakers-dev")
    gold.write_text('{"doc": "x"}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="missing rel_id"):
        speakers.read(root / "speakers-dev")


def test_normalise_names() -> None:
    assert normalise("Gov. Mike Pence") == "mike pence"
    assert normalise("President Obama’s") == "obama"
    assert normalise("Donald J. Trump Jr.") == "donald trump"
    assert normalise("The Washington Post") == "washington post"
    assert normalise("G.K. Butterfield") == "gk butterfield"
    assert normalise("Reuters/Ipsos") == "reuters/ipsos"
    assert normalise("Washington Post-ABC News") == "washington post-abc news"
    assert normalise("@mdeluzgon") == "@mdeluzgon"
    assert normalise("  Sen.  Ann   Lee, ") == "ann lee"
    assert normalise(None) == "" and normalise("The Speaker") == ""


def _gold(canonical: str | None, *alternates: str, kind: str = "named") -> Attribution:
    return Attribution(content=((0, 1),), canonical=canonical, alternates=alternates, kind=kind)


def test_named_gold_rules() -> None:
    gold = _gold("Ann Lee")
    assert speaker_correct("Ms. Ann Lee", gold, [], frozenset())
    # one word equal to the last word, and no other speaker of the article ends in it
    assert speaker_correct("Lee", gold, [], frozenset())
    assert not speaker_correct("Lee", gold, ["bob lee"], frozenset())
    assert not speaker_correct("Ann", gold, [], frozenset())
    assert not speaker_correct(None, gold, [], frozenset())
    obama = _gold("Obama", "Barack Obama")
    assert speaker_correct("President Barack Obama", obama, [], frozenset())


def test_null_gold_rules() -> None:
    gold = _gold(None, "Harbour Ferries", kind="description")
    entities = frozenset({"ann lee", "harbour ferries"})
    assert speaker_correct(None, gold, [], entities)
    assert speaker_correct("the operator", gold, [], entities)  # names no entity
    assert speaker_correct("Harbour Ferries", gold, [], entities)  # an alternate
    assert not speaker_correct("Ms. Ann Lee", gold, [], entities)  # a person of the article


def test_align_takes_the_largest_overlap_against_summed_fragments() -> None:
    gold = Attribution(content=((0, 10), (20, 30)))  # length 20
    rows = [{"start_char": 5, "end_char": 12}, {"start_char": 18, "end_char": 30}]
    # shared: 5 (positions 5-9) and 10 (20-29): the second wins, 10/20 >= 0.3
    assert align(gold, rows) is rows[1]
    # 5/20 = 0.25 < 0.3: unmatched
    assert align(gold, rows[:1]) is None


def _hand_case() -> tuple[BenchDoc, dict]:
    text = (
        'Ann Lee said "go now". Bob Lee said "stay here". "Rain soon," he said. '
        'Officials said "no comment". Experts said "buy gold". The mayor hopes for sun.'
    )

    def at(part: str) -> tuple[int, int]:
        return (text.index(part), text.index(part) + len(part))

    def gold(part: str, canonical: str | None, kind: str) -> Attribution:
        return Attribution(content=(at(part),), canonical=canonical, kind=kind)

    def quote(part: str, canonical: str | None = None, speaker: str | None = None) -> dict:
        s, e = at(part)
        return {"start_char": s, "end_char": e, "speaker_canonical": canonical, "speaker": speaker}

    attributions = [
        gold('"go now"', "Ann Lee", "named"),
        gold('"stay here"', "Bob Lee", "named"),
        gold('"Rain soon,"', "Bob Lee", "pronoun"),
        gold('"no comment"', None, "unnamed"),
        gold('"buy gold"', None, "unnamed"),
        gold("hopes for sun", "Ann Lee", "description"),
    ]
    quotes = [
        quote("go now", "Lee"),  # 6/8 aligned; "Lee" is also Bob Lee's last word: wrong
        quote("stay here", None, "Mr. Bob Lee"),  # no canonical: the mention, right
        quote("Rain", "Bob Lee's"),  # 4/12 = 0.33 aligned; possessive stripped: right
        quote("no comment", None, "Officials"),  # null gold, no PERSON/ORG named: right
        quote("buy gold", "Ann Lee"),  # null gold, but Ann Lee is a PERSON here: wrong
        quote("for"),  # 3/13 = 0.23 of "hopes for sun": not aligned
    ]
    entities = [
        {"label": "PERSON", "text": "Ann Lee", "canonical": "Ann Lee"},
        {"label": "NORP", "text": "Officials", "canonical": None},
    ]
    doc = BenchDoc(article=article("d", text, "d.txt"), attributions=attributions)
    return doc, {"d": {"quotes": quotes, "entities": entities}}


def test_score_by_hand() -> None:
    doc, predictions = _hand_case()
    metrics = score([doc], predictions)
    assert metrics["rows"] == 6
    assert metrics["aligned"] == {"accuracy": 0.8333, "correct": 5, "total": 6}
    # matched: right are "stay here", "Rain soon", "no comment" -> 3 of 5
    assert metrics["matched"]["overall"] == {"accuracy": 0.6, "correct": 3, "total": 5}
    assert metrics["all_gold"]["overall"] == {"accuracy": 0.5, "correct": 3, "total": 6}
    assert metrics["matched"]["named"]["accuracy"] == 0.5
    assert metrics["matched"]["pronoun"]["accuracy"] == 1.0
    assert metrics["matched"]["unnamed"]["accuracy"] == 0.5
    assert metrics["matched"]["description"] == {"accuracy": None, "correct": 0, "total": 0}
    assert metrics["all_gold"]["description"]["accuracy"] == 0.0
    assert metrics["matched"]["missing"]["accuracy"] is None
    found = errors([doc], predictions)
    assert [(r["kind"], r["gold"], r["pred"]) for r in found] == [
        ("wrong_speaker", "Ann Lee", "Lee"),
        ("wrong_speaker", None, "Ann Lee"),
        ("miss", "Ann Lee", None),
    ]


def test_bench_speakers_cli(tmp_path: Path, capsys) -> None:
    errors_file = tmp_path / "errors.jsonl"
    status = main(["bench", "speakers", str(SPEAKERS), "--json", "--errors", str(errors_file)])
    assert status == 0
    result = json.loads(capsys.readouterr().out)
    assert result["suite"] == "speakers" and result["documents"] == 2
    assert result["metrics"]["rows"] == 4 and result["baseline_metrics"]["rows"] == 4
    assert "correct over all gold" in [f["label"] for f in result["figures"]]
    for line in errors_file.read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["kind"] in ("miss", "wrong_speaker")
