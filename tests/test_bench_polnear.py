"""The ``polnear`` suite: the PolNeAR reader on an invented BRAT fixture (never corpus text),
every metric on cases worked out by hand, the ``quote_regex`` baseline, and the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.eval.baselines.quote_regex import quote_rows, regex_quotes
from pipeline.eval.corpora import polnear
from pipeline.eval.corpora.base import Attribution, BenchDoc, CorpusError, article
from pipeline.eval.suites.polnear import (
    alnum_positions,
    content_overlap,
    errors,
    is_speech_verb,
    score,
)

FIXTURES = Path(__file__).resolve().parent / "bench_fixtures"
POLNEAR = FIXTURES / "polnear"


def _texts(doc: BenchDoc, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [doc.text[s:e] for s, e in spans]


def test_reader_takes_the_first_annotator_and_ties_relations() -> None:
    docs = polnear.read(POLNEAR)
    # the weather article has no .ann file: no gold, skipped
    assert [d.doc_id for d in docs] == [
        "gazette_2020-03-02_harbour-plan",
        "gazette_2020-03-03_budget-vote",
    ]
    harbour, budget = docs
    # _a1.ann (4 relations) comes before _b2.ann (1 relation) in sorted order
    assert [a.relation for a in harbour.attributions] == ["E1", "E2", "E3", "E4"]
    first, _, third, fourth = harbour.attributions
    assert _texts(harbour, first.content) == ['"The new pier will bring jobs to everyone,"']
    assert _texts(harbour, first.source) == ["Mayor Lena Ortiz"]
    assert _texts(harbour, first.cue) == ["said"]
    # E3 is written before its spans and has a Content2: both parts are its content
    assert _texts(harbour, third.content) == ['"We cannot afford it,"', '"Not this year."']
    assert _texts(harbour, fourth.source) == ["He"]
    # fragments written out of order are sorted; the relation without Content is dropped
    assert [a.relation for a in budget.attributions] == ["E1", "E2"]
    quote, told = budget.attributions
    assert _texts(budget, quote.content) == ['"This budget,"', '"is balanced and fair."']
    assert told.source == () and _texts(budget, told.cue) == ["were told"]
    assert len(polnear.read(POLNEAR, limit=1)) == 1


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "polnear-dev"
    shutil.copytree(POLNEAR, target)
    return target


def test_reader_rejects_missing_or_corrupt_corpora(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="PolNeAR text folder not found"):
        polnear.read(tmp_path / "nowhere")
    corpus = _copy(tmp_path)
    ann = corpus / "attributions" / "gazette_2020-03-03_budget-vote_c3.ann"
    original = ann.read_text(encoding="utf-8")
    ann.write_text(original.replace("Source 36 49", "Source 34 47"), encoding="utf-8")
    with pytest.raises(CorpusError, match="does not match the article"):
        polnear.read(corpus)
    ann.write_text(original + "E9\tAttribution:T99 Content:T3\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="undefined span T99"):
        polnear.read(corpus)
    ann.write_text(original + "just some words\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not a BRAT standoff line"):
        polnear.read(corpus)
    ann.write_text(original, encoding="utf-8")
    (corpus / "text" / "gazette_2020-03-03_budget-vote.txt").unlink()
    with pytest.raises(CorpusError, match="not found"):
        polnear.read(corpus)


def test_speech_verbs_by_lemma_like_rule() -> None:
    for cue in ("said", "has said", "says:", "told", "adding", "noted friday", "testified"):
        assert is_speech_verb(cue), cue
    for cue in ("’s claiming", "were told", "admitted", "replies", "echoes", "wrote"):
        assert is_speech_verb(cue), cue
    for cue in ("according to", "found", "shows", ":", "―", "believes", None, ""):
        assert not is_speech_verb(cue), cue


def test_content_overlap_counts_letters_and_digits_only() -> None:
    text = 'x "ab 12" y'
    # gold keeps the marks [2, 9); ours drops them [3, 8): both hold a, b, 1, 2
    gold, ours = alnum_positions(text, [(2, 9)]), alnum_positions(text, [(3, 8)])
    assert content_overlap(gold, ours) == 1.0
    # discontinuous gold "ab" + "y" (positions 3, 4, 10) against "ab 12": shared 2 of 5
    parts = alnum_positions(text, [(3, 5), (10, 11)])
    assert content_overlap(parts, ours) == pytest.approx(2 / 5)
    assert content_overlap(frozenset(), frozenset()) == 0.0


def _quote(start: int, end: int, speaker=None, cue=None) -> dict:
    return {
        "start_char": start,
        "end_char": end,
        "speaker_start_char": speaker[0] if speaker else None,
        "speaker_end_char": speaker[1] if speaker else None,
        "cue_start_char": cue[0] if cue else None,
        "cue_end_char": cue[1] if cue else None,
        "cue": None,
    }


def _hand_doc() -> BenchDoc:
    text = 'He said "abc def" and "ghij".'
    assert text[8:17] == '"abc def"' and text[22:28] == '"ghij"' and text[18:21] == "and"
    gold = [
        # G1: 6 letters (9-11, 13-15), source "He", cue "said" (a speech verb)
        Attribution(content=((8, 17),), source=((0, 2),), cue=((3, 7),), relation="E1"),
        # G2: 4 letters (23-26), no source, cue "and" (not a speech verb)
        Attribution(content=((22, 28),), cue=((18, 21),), relation="E2"),
        # G3: "and", no source, no cue, no quotation mark
        Attribution(content=((18, 21),), relation="E3"),
    ]
    return BenchDoc(article=article("d", text, "d.txt"), attributions=gold)


def _hand_predictions() -> dict:
    return {
        "d": {
            "quotes": [
                _quote(9, 16, speaker=(1, 5), cue=(3, 7)),  # P1 "abc def": overlap 6/6 with G1
                _quote(23, 25, cue=(3, 7)),  # P2 "gh": 2/4 = 0.5 with G2, cue "said"
                _quote(9, 12),  # P3 "abc": 3/6 with G1, which P1 takes first
            ]
        }
    }


def test_score_by_hand() -> None:
    metrics = score([_hand_doc()], _hand_predictions())
    everything = metrics["all"]
    # at 0.3: G1-P1 (1.0) and G2-P2 (0.5); 3 predicted, 3 gold -> P = R = F1 = 2/3
    assert everything["content_at_30"]["f1"] == pytest.approx(0.6667)
    assert (everything["content_at_30"]["tp"], everything["content_at_30"]["fp"]) == (2, 1)
    # at 0.8: only G1-P1 -> 1/3
    assert everything["content_at_80"]["f1"] == pytest.approx(0.3333)
    # speaker: only G1 has a Source; P1's span [1, 5) shares "e" with "He" [0, 2) -> 1/1
    assert everything["speaker_at_30"] == {"accuracy": 1.0, "correct": 1, "total": 1}
    # cue: G1-P1 right; G2's cue "and" [18, 21) vs P2's [3, 7) wrong -> 1/2
    assert everything["cue_at_30"] == {"accuracy": 0.5, "correct": 1, "total": 2}
    assert everything["cue_at_80"] == {"accuracy": 1.0, "correct": 1, "total": 1}
    # quoted gold contents: G1 and G2; both found at 0.3, only G1 at 0.8
    assert everything["quoted_recall_at_30"] == {"recall": 1.0, "found": 2, "total": 2}
    assert everything["quoted_recall_at_80"]["recall"] == 0.5
    # speech verbs: gold {G1}; predicted {P1, P2} (cue span "said"), P3 has no cue.
    # G1-P1 -> tp 1, P = 1/2, R = 1/1, F1 = 2/3
    speech = metrics["speech_verb"]["content_at_30"]
    assert (speech["precision"], speech["recall"], speech["f1"]) == (0.5, 1.0, 0.6667)


def test_score_of_nothing_and_errors_by_hand() -> None:
    empty = score([], {})
    assert empty["documents"] == 0 and empty["all"]["speaker_at_30"]["accuracy"] is None
    found = errors([_hand_doc()], _hand_predictions())
    kinds = sorted(record["kind"] for record in found)
    # G3 missed, P3 unmatched, G2-P2 wrong cue
    assert kinds == ["false_positive", "miss", "wrong_cue"]
    cue = next(r for r in found if r["kind"] == "wrong_cue")
    assert (cue["gold"], cue["pred"]) == ("and", "said")


def test_quote_regex_baseline_by_hand() -> None:
    text = (
        '"We will win," said Gov. Ann Lee. Bob Ray said "no way" today.\n'
        '"Fine," he said. "ok" and “curly text here” end.'
    )
    rows = quote_rows(text)
    got = [(r["text"], r["speaker"], r["cue"]) for r in rows]
    assert got == [
        # capitalised run right after "said"; "Gov." (short) does not end it, "Lee." does
        ("We will win,", "Gov. Ann Lee", "said"),
        # run right before the nearest "said"
        ("no way", "Bob Ray", "said"),
        # "he" is not capitalised, and "said." is followed by punctuation: no speaker
        ("Fine,", None, "said"),
        # nearest said in the same or the next sentence: "said" of the previous one is out
        ("ok", None, None),
        ("curly text here", None, None),
    ]
    first = rows[0]
    assert text[first["speaker_start_char"] : first["speaker_end_char"]] == "Gov. Ann Lee"
    assert text[first["start_char"] - 1] == '"' and rows[0]["kind"] == "direct"
    assert set(regex_quotes([_hand_doc()])["d"]) == {"quotes"}


def test_baseline_on_the_fixture_by_hand() -> None:
    docs = polnear.read(POLNEAR)
    metrics = score(docs, regex_quotes(docs))["all"]
    # 5 quoted stretches; 6 gold relations. Matches at 0.3: the pier quote (1.0); "We cannot
    # afford it" 16 of the 27 letters of E3 (its other part "Not this year" 11/27 is left
    # over, one-to-one); "is balanced and fair" 17 of 27 of budget E1 ("This budget" 10/27
    # left over) -> tp 3, P 3/5, R 3/6, F1 = 2 * 0.6 * 0.5 / 1.1 = 0.5455
    assert metrics["content_at_30"]["f1"] == pytest.approx(0.5455)
    # at 0.8 only the pier quote: P 1/5, R 1/6, F1 = 2 * 0.2 * 0.1667 / 0.3667 = 0.1818
    assert metrics["content_at_80"]["f1"] == pytest.approx(0.1818)
    # speakers: "Mayor Lena Ortiz" before "said", "Tom Baker" after "said"; "the treasurer
    # said," gives nothing -> 2/3; every cue is a "said" inside the gold cue -> 3/3
    assert metrics["speaker_at_30"] == {"accuracy": 0.6667, "correct": 2, "total": 3}
    assert metrics["cue_at_30"]["accuracy"] == 1.0
    # quoted gold: harbour E1, E3 and budget E1, all matched
    assert metrics["quoted_recall_at_30"] == {"recall": 1.0, "found": 3, "total": 3}


def test_bench_polnear_cli(tmp_path: Path, capsys) -> None:
    errors_file = tmp_path / "errors.jsonl"
    status = main(["bench", "polnear", str(POLNEAR), "--json", "--errors", str(errors_file)])
    assert status == 0
    result = json.loads(capsys.readouterr().out)
    assert result["suite"] == "polnear" and result["documents"] == 2
    assert [f["label"] for f in result["figures"]][:2] == ["content F1 at 0.3", "content F1 at 0.8"]
    docs = polnear.read(POLNEAR)
    assert result["baseline_metrics"] == score(docs, regex_quotes(docs))
    for line in errors_file.read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["kind"] in ("miss", "false_positive", "wrong_speaker", "wrong_cue")
