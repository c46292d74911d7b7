"""Entity stage: news-specific fixes over the statistical NER, then clusters and canonical names.

Runs after spaCy's ``ner``. In order: mention fixes (:mod:`~pipeline.stages.entity_mentions`:
dateline places and agencies, trimmed articles and possessives, merged values, known names the
model missed, split hyphenated compounds, administrative names; numbers that are names or
references dropped, clock times and years relabelled, currency signs and split ranges joined:
:mod:`~pipeline.stages.number_references`, :mod:`~pipeline.stages.number_mentions`); label fixes
(:mod:`~pipeline.stages.entity_labels`: gazetteer and context places, titles before persons,
name shapes, house and block numbers taken for years dropped, one label per name); acronyms
defined in brackets and names found elsewhere in the document added where the model missed
them; then clusters and canonical names (:mod:`~pipeline.stages.clusters`: ``Guterres`` ->
``Antonio Guterres``, ``UN`` -> ``United Nations``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.stages import entity_casing as casing
from pipeline.stages import entity_evidence as evidence
from pipeline.stages import entity_labels as labels
from pipeline.stages import entity_mentions as m
from pipeline.stages import entity_tables as tables
from pipeline.stages import extensions
from pipeline.stages.clusters import assign_clusters
from pipeline.stages.doc_index import TokenTable
from pipeline.stages.entity_mentions import Mention
from pipeline.stages.entity_rules import load_rules
from pipeline.stages.number_mentions import fix_value_spans, relabel_times
from pipeline.stages.number_references import drop_references, load_reference_rules
from pipeline.stages.people import load_gender_rules

extensions.register()


class NewsEntities:
    """Fixes, label consistency, clustering and canonical names for ``doc.ents``."""

    def __init__(self, resources: str = "", min_city_population: int = 500000) -> None:
        self.rules = load_rules(resources, min_city_population)
        load_gender_rules()  # the first-name table, loaded with the component
        load_reference_rules()  # and the patterns of numbers that are references

    def __call__(self, doc: Doc) -> Doc:
        rules = self.rules
        mentions = [Mention(e.start, e.end, e.label_, "ner") for e in doc.ents]
        text = doc.text  # built from the tokens on every access: read once
        table = TokenTable(doc, text)  # every token's text and case, without Token objects
        # what the model names as organisations (evidence.named_orgs), before any fix
        orgs = frozenset(table.words(x.start, x.end) for x in mentions if x.label == "ORG")
        mentions = m.with_dateline(rules, doc, mentions, text)
        mentions = m.split_percentages(doc, mentions)
        mentions = relabel_times(doc, mentions)
        mentions = drop_references(doc, mentions, text, table)
        mentions = [x for x in (m.trim(rules, doc, x, table) for x in mentions) if x is not None]
        mentions = m.merge_values(rules, doc, mentions)
        mentions = fix_value_spans(doc, mentions)
        mentions = m.merge_possessive_bodies(rules, doc, mentions)
        mentions = m.merge_of_names(rules, doc, mentions)
        mentions = m.add_known_names(rules, doc, mentions, table)
        mentions = [part for x in mentions for part in m.split_compound(rules, doc, x)]
        mentions = m.admin_names(rules, doc, mentions, table)
        mentions = [labels.relabel_place(rules, doc, x, table) for x in mentions]
        mentions = [labels.relabel_person(rules, doc, x, table) for x in mentions]
        mentions = [labels.relabel_shape(rules, doc, x, table) for x in mentions]
        mentions = casing.read_capitals(rules, doc, mentions, text, table)
        mentions = tables.table_names(rules, doc, mentions, text)  # after: its labels stand
        mentions = labels.drop_common_words(doc, mentions, table)
        mentions = labels.drop_codes(rules, doc, mentions)
        mentions = labels.drop_address_numbers(rules, doc, mentions)
        mentions = evidence.consistent_labels(rules, doc, mentions, table, orgs)
        mentions = m.parenthesised_acronyms(doc, mentions)
        mentions = m.add_missed(rules, doc, mentions, table)
        spans = m.resolve_overlaps(doc, mentions)
        assign_clusters(rules, spans, table)
        doc.ents = spans
        return doc


@Language.factory(
    "news_entities",
    default_config={"resources": "", "min_city_population": 500000},
    requires=["doc.ents"],
    assigns=["doc.ents", "span._.cluster_id", "span._.canonical"],
)
def make_news_entities(
    nlp: Language, name: str, resources: str, min_city_population: int
) -> NewsEntities:
    """Factory for :class:`NewsEntities`."""
    return NewsEntities(resources, min_city_population)
