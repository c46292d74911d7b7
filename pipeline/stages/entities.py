"""Entity stage: news-specific fixes over the statistical NER, then clusters and canonical names.

Runs after spaCy's ``ner``. In order: mention fixes (:mod:`~pipeline.stages.entity_mentions`:
dateline places and agencies, trimmed articles and possessives, merged values, known names the
model missed, split hyphenated compounds, administrative names); label fixes
(:mod:`~pipeline.stages.entity_labels`: gazetteer and context places, titles before persons,
name shapes, one label per name); names found elsewhere in the document added where the model
missed them; then clusters and canonical names (:mod:`~pipeline.stages.clusters`:
``Guterres`` -> ``Antonio Guterres``, ``UN`` -> ``United Nations``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.stages import extensions
from pipeline.stages.clusters import assign_clusters
from pipeline.stages.entity_labels import LabelFixes
from pipeline.stages.entity_mentions import Mention, MentionFixes
from pipeline.stages.entity_rules import load_rules

extensions.register()


class NewsEntities:
    """Fixes, label consistency, clustering and canonical names for ``doc.ents``."""

    def __init__(self, resources: str = "", min_city_population: int = 500000) -> None:
        self.rules = load_rules(resources, min_city_population)
        self.mention_fixes = MentionFixes(self.rules)
        self.label_fixes = LabelFixes(self.rules)

    def __call__(self, doc: Doc) -> Doc:
        fix, label = self.mention_fixes, self.label_fixes
        mentions = [Mention(e.start, e.end, e.label_, "ner") for e in doc.ents]
        mentions = fix.with_dateline(doc, mentions)
        mentions = [m for m in (fix.trim(doc, m) for m in mentions) if m is not None]
        mentions = fix.merge_values(doc, mentions)
        mentions = fix.merge_possessive_bodies(doc, mentions)
        mentions = fix.add_known_names(doc, mentions)
        mentions = [part for m in mentions for part in fix.split_compound(doc, m)]
        mentions = fix.admin_names(doc, mentions)
        mentions = [label.relabel_place(doc, m) for m in mentions]
        mentions = [label.relabel_person(doc, m) for m in mentions]
        mentions = [label.relabel_shape(doc, m) for m in mentions]
        mentions = label.drop_common_words(doc, mentions)
        mentions = label.consistent_labels(doc, mentions)
        mentions = fix.add_missed(doc, mentions)
        spans = fix.resolve_overlaps(doc, mentions)
        assign_clusters(self.rules, spans)
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
