"""The ``Doc._`` and ``Span._`` attributes through which stages hand results to each other.

Registered once, idempotently, when any stage module is imported. Span attribute values live
in ``doc.user_data`` keyed by offsets, so they survive re-creating ``doc.ents`` spans.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_ATTRS = {
    "doc_id": None,  # str, set by the caller
    "published": None,  # datetime.date: the reference date for normalising dates
    "published_from": "none",  # metadata | dateline | config | none
    "blocks": None,  # list[Block] from the cleaning stage
    "title": None,
    "dateline": None,  # the dateline's first place, e.g. "UNITED NATIONS"
    "dateline_place": None,  # the whole place part, e.g. "GOMA, Democratic Republic of Congo"
    "agency": None,
    "dateline_date": None,  # the dateline's date words, e.g. "July 22"
    "quotes": None,  # list[Quote] from the quote stage
    "events": None,  # list[Event] from the event stage
}

SPAN_ATTRS = {
    "cluster_id": None,  # int: mentions of one real-world entity share it
    "canonical": None,  # str: the cluster's fullest name
    "value": None,  # str: TIMEX3 value or decimal string
    "value_num": None,  # float
    "unit": None,  # str
    "timex_type": None,  # DATE, TIME, DURATION, SET
    "approximate": False,
    "source": None,  # which component produced or last changed the mention
}


def register() -> None:
    """Register every attribute (safe to call repeatedly)."""
    for name, default in DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register()
