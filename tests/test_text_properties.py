"""Property-based tests (hypothesis) of cleaning, sentence splitting and the normalisers on
hostile text: whatever the text, they never raise, and every span they return indexes the
text (within it, its text equal to the text's slice, in order and not overlapping where that
is the contract).

Texts mix printable text, line ends (``\\n``, ``\\r``, ``\\r\\n``, blank lines), unicode
punctuation and quotes, control characters, very long words and fragments of news layout
(datelines, bylines, credits, quotes, headlines). The normalisers' own properties (values in
the TIMEX3 grammar, numbers read back) are in ``test_timex_properties.py`` and
``test_number_properties.py``; here they only meet the same hostile texts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.batch.process import process_batch
from pipeline.batch.reading import Article
from pipeline.batch.summary import RunSummary
from pipeline.stages.cleaning import analyse_layout, load_rules, split_paragraphs
from pipeline.stages.datelines import dateline_boundaries, find_dateline
from pipeline.stages.layout_lines import credit_tail, table_paragraphs
from pipeline.stages.sentences import sentences_of
from pipeline.text.numbers import parse_number, read_number
from pipeline.text.timex import normalise

RULES = load_rules()
FAST = settings(max_examples=150, deadline=None, derandomize=True, database=None)
PIPELINE = settings(max_examples=80, deadline=None, derandomize=True, database=None)

LINE_ENDS = ["\n", "\r", "\r\n", "\n\n", "\n \n", "\r\r", "\n\t\n", "\u2028", "\u2029", "\x85"]
PUNCTUATION = list("“”‘’«»„‚‹›\"'—–-…·•¡¿!?.,;:()[]{}/\\|*#@%&§¶†‡″′") + ["...", "--", "''"]
CONTROLS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127)] + [
    "\u200b",
    "\u200e",
    "\ufeff",
    "\ufffd",
    "\u00ad",
]
WORDS = [
    "the",
    "said",
    "police",
    "Monday",
    "July",
    "22",
    "2020",
    "three",
    "$5 million",
    "12%",
    "Mr.",
    "U.S.",
    "killed",
    "arrested",
    "president",
    "Smith",
    "Moscow",
    "AFP",
]
FRAGMENTS = [
    "UNITED NATIONS, July 22. /TASS/. ",
    "WASHINGTON (Reuters) - ",
    "GENEVA, March 3 /AFP/ - ",
    "LONDON — ",
    "Paris (AFP) -",
    "LONDON 1996-08-30",
    "MOSCOW, Dec 5 (Reuters) — ",
    "By JANE DOE",
    "By Jane Doe and John Roe, Reuters",
    "Jane Doe",
    "Photo: Jane Doe",
    "(AP Photo/Evan Vucci)",
    "Jane Doe/Getty Images",
    "READ MORE:",
    "All news",
    "FULL TEXT",
    "HASEN: Well, ",
    '"We will not stop," he said.',
    "“It is over,” said Ms. Smith, the mayor of Springfield.",
    "‘Nobody knew’, she told reporters on Tuesday.",
    "He said that 12 soldiers were killed on July 22, 2020.",
    "Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’",
    "Pohang 3 Ulsan 2 ( halftime 1-0 )",
    "NEW YORK 74 59 .556 -",
]
LONG_WORDS = st.builds(
    lambda unit, n: unit * n,
    st.sampled_from(["a", "xY", "1", "—", "“", ".", "é", "/TASS/"]),
    st.integers(200, 3000),
)
PARTS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(LINE_ENDS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(CONTROLS),
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.sampled_from(FRAGMENTS),
    LONG_WORDS,
)
NEWS_TEXTS = st.lists(PARTS, max_size=30).map("".join)
TEXTS = st.one_of(st.text(), NEWS_TEXTS)
ANCHORS = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))


# --- cleaning: paragraphs, layout blocks, datelines, layout lines ---------------------------


def _assert_ordered_spans(spans: list[tuple[int, int]], text: str) -> None:
    """Spans within ``text``, non-empty, no white space at their edges, in order, apart."""
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text), (spans, len(text))
        assert text[start:end] == text[start:end].strip(), repr(text[start:end])
        previous = end


@FAST
@given(text=TEXTS)
def test_paragraphs_are_stripped_ordered_spans_covering_the_text(text: str) -> None:
    spans = split_paragraphs(text)
    _assert_ordered_spans(spans, text)
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())


@FAST
@given(text=TEXTS, title=st.one_of(st.none(), st.sampled_from(FRAGMENTS), st.text(max_size=30)))
def test_layout_blocks_index_the_text_and_delete_nothing(text: str, title: str | None) -> None:
    layout = analyse_layout(text, RULES, title=title)
    _assert_ordered_spans([(b.start, b.end) for b in layout.blocks], text)
    covered = "".join(text[b.start : b.end] for b in layout.blocks)
    assert "".join(covered.split()) == "".join(text.split())  # every character in a block
    roles = {"boilerplate", "headline", "subheadline", "dateline", "body"}
    assert {b.role for b in layout.blocks} <= roles
    if layout.dateline is not None:
        dateline = layout.dateline
        assert [dateline.start, dateline.end] in [[b.start, b.end] for b in layout.blocks]
        assert dateline.place in text[dateline.start : dateline.end]


@FAST
@given(
    paragraph=TEXTS,
    prefix=st.sampled_from(FRAGMENTS),
    offset=st.integers(0, 10**6),
    first=st.booleans(),
)
def test_a_dateline_lies_in_its_paragraph(
    paragraph: str, prefix: str, offset: int, first: bool
) -> None:
    paragraph = (prefix + paragraph).strip()
    text = " " * offset + paragraph  # the paragraph at its offset in an article
    dateline = find_dateline(paragraph, offset, RULES, first=first)
    if dateline is None:
        return
    assert offset <= dateline.start < dateline.end <= offset + len(paragraph)
    bounds = dateline_boundaries(text, dateline)
    assert len(bounds) % 2 == 0
    pairs = list(zip(bounds[::2], bounds[1::2], strict=True))
    assert all(dateline.start <= a <= b <= dateline.end for a, b in pairs)
    assert [text[a:b] for a, b in pairs] == [n for n in (dateline.place, dateline.agency) if n]


@FAST
@given(paragraphs=st.lists(TEXTS, max_size=8))
def test_layout_lines_never_raise_and_credits_lie_in_their_paragraph(
    paragraphs: list[str],
) -> None:
    for paragraph in paragraphs:
        at = credit_tail(paragraph, RULES)
        if at is not None:
            assert 0 < at < len(paragraph) and paragraph[:at].strip()
    candidates = list(range(len(paragraphs)))
    assert table_paragraphs(paragraphs, candidates, RULES) <= set(candidates)


# --- sentence splitting and every span of the pipeline --------------------------------------


@PIPELINE
@given(text=NEWS_TEXTS)
def test_sentences_are_ordered_spans_of_the_text(annotate: Callable[..., Doc], text: str) -> None:
    doc = annotate(text)
    sentences = sentences_of(doc)
    _assert_ordered_spans([(s.start, s.end) for s in sentences], text)
    assert [s.sent_id for s in sentences] == list(range(len(sentences)))
    covered = "".join(text[s.start : s.end] for s in sentences)
    assert "".join(covered.split()) == "".join(text.split())


# Offsets that must index documents.text, and the column holding the text they span.
SPANS = [
    ("sentences", "start_char", "end_char", "text"),
    ("entities", "start_char", "end_char", "text"),
    ("quotes", "start_char", "end_char", "text"),
    ("quotes", "speaker_start_char", "speaker_end_char", "speaker"),
    ("events", "start_char", "end_char", "trigger"),
]


def assert_rows_index_the_text(rows: dict[str, list[dict]], text: str) -> None:
    """Every offset of every row within ``text`` and spanning the row's text; sentences and
    entities in order and apart."""
    for table, start, end, column in SPANS:
        for row in rows[table]:
            if row[start] is not None:
                assert 0 <= row[start] <= row[end] <= len(text), (table, row)
                assert text[row[start] : row[end]] == row[column], (table, row)
    for row in rows["events"]:
        for mention in row["mentions"]:
            assert 0 <= mention["start_char"] < mention["end_char"] <= len(text), row
    for table in ("sentences", "entities"):
        spans = [(row["start_char"], row["end_char"]) for row in rows[table]]
        assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:], strict=False)), table


@PIPELINE
@given(text=NEWS_TEXTS, published=st.one_of(st.none(), st.just(dt.date(2020, 7, 22))))
@example(text="GENEVA, March 3 /AFP/ - We ", published=None)  # once a cycle in the parse
def test_every_row_of_any_text_indexes_it(
    nlp: Language, text: str, published: dt.date | None
) -> None:
    article = Article("doc", "<memory>", text=text, published=published)
    summary = RunSummary("", "")
    rows = process_batch(nlp, [article], summary)
    assert summary.failures == []
    assert len(rows["documents"]) == 1
    assert_rows_index_the_text(rows, text)


# --- the normalisers on the same texts ------------------------------------------------------


@FAST
@given(text=NEWS_TEXTS, anchor=ANCHORS, tense=st.sampled_from([None, "past", "future"]))
def test_timex_normalise_never_raises_on_hostile_text(
    text: str, anchor: dt.date | None, tense: str | None
) -> None:
    normalise(text, anchor, tense)


@FAST
@given(text=NEWS_TEXTS, label=st.sampled_from([None, "CARDINAL", "MONEY", "PERCENT", "DATE"]))
def test_numbers_never_raise_on_hostile_text(text: str, label: str | None) -> None:
    result = parse_number(text, label)
    assert result is None or math.isfinite(result.value)
    words = text.split()
    read = read_number(words)
    assert read is None or (math.isfinite(read.value) and 1 <= read.used <= len(words))
