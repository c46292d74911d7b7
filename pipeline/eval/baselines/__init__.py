"""Simple baselines every benchmark figure is printed beside, producing rows in the pipeline's
own table form so that the same scoring code judges both (one module each):

* ``bare_ner``: the bare spaCy model's named entities (no news stages);
* ``quote_regex``: text between quotation marks, credited to the subject of the nearest
  ``said``;
* ``naive_dates``: dateparser's ``search_dates`` over each sentence, values at day granularity;
* ``verb_triggers``: every verb as an untyped event trigger;
* ``count_regex``: digits or number words before ``killed`` / ``injured`` style words.

Language knowledge the baselines need (``said``, number words) comes from the pipeline's
resource files, so the baselines are naive in method, not in vocabulary.
"""
