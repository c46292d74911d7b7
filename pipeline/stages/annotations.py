"""The data types that several stages share, and the entity label sets."""

from __future__ import annotations

# Entity labels (OntoNotes, as spaCy uses them), by kind.
NAME_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    }
)
DATE_LABELS = frozenset({"DATE", "TIME"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
ALL_LABELS = NAME_LABELS | DATE_LABELS | NUMBER_LABELS

