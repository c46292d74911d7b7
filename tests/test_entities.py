"""Entity stage: fixes over the model, one label per name, clusters and canonical names."""

from __future__ import annotations


def ents(doc) -> dict[str, tuple[str, str | None]]:
    return {e.text: (e.label_, e._.canonical) for e in doc.ents}


def test_seed_names_resolved(seed_doc) -> None:
    found = [(e.text, e.label_, e._.canonical) for e in seed_doc.ents]
    assert ("Guterres", "PERSON", "Antonio Guterres") in found
    assert ("Dujarric", "PERSON", "Stephane Dujarric") in found
    assert ("UN", "ORG", "United Nations") in found
    for place in ("Baku", "Yerevan", "Armenia", "Tovuz"):
        assert {label for text, label, _ in found if text == place} == {"GPE"}, place


def test_titles_are_not_names(seed_doc) -> None:
    texts = {e.text for e in seed_doc.ents}
    assert "Spokesperson" not in texts
    assert not any("Secretary General" in t for t in texts)


def test_hyphenated_compound_splits(annotate) -> None:
    doc = annotate("Shelling was reported along the Russia-Ukraine border on Monday.")
    found = ents(doc)
    assert found.get("Russia", ("",))[0] == "GPE"
    assert found.get("Ukraine", ("",))[0] == "GPE"


def test_surname_clusters_with_full_name(annotate) -> None:
    doc = annotate(
        "German Chancellor Olaf Scholz met farmers in Berlin on Monday. "
        "Scholz promised new subsidies. Farmers said Scholz had listened."
    )
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert len(people) == 3
    assert {e._.canonical for e in people} == {"Olaf Scholz"}
    assert len({e._.cluster_id for e in people}) == 1


def test_leading_the_and_possessive_trimmed(annotate) -> None:
    doc = annotate(
        "The United Nations' envoy said the World Health Organization's report was late."
    )
    texts = {e.text for e in doc.ents}
    assert "United Nations" in texts
    assert "World Health Organization" in texts


def test_acronym_joins_full_name(annotate) -> None:
    doc = annotate(
        "The North Atlantic Treaty Organization held a summit. NATO leaders agreed on a plan."
    )
    nato = [e for e in doc.ents if e.text in ("NATO", "North Atlantic Treaty Organization")]
    assert len(nato) == 2
    assert {e._.canonical for e in nato} == {"North Atlantic Treaty Organization"}
