"""Numeric mentions the model labelled or cut wrongly (before values are read).

Relabelled, not dropped (:func:`relabel_times`), because they are values of another kind:

* clock times the model took for a number or a date: ``10:35`` and ``9:05 a.m.`` (hours and
  minutes), ``0735 GMT`` and ``2130 hours`` (a 24-hour time with a zone or ``hours`` after
  it) become TIME, with the zone or meridiem words they carry;
* years the model took for a number: a four-digit number in the year range after a year
  word (``in 1995``, ``since 2001``, ``until 2030``) becomes DATE unless a noun it counts
  follows (``in 2000 cases``); so does one after a singular article, before a singular noun
  or a name (``a gray 2013 Nissan Altima``, ``a 2014 study``).

Relabelled too: a count taken for money (``more than a billion ballots``: no currency, a plural
noun after) is CARDINAL; an ordinal after ``a`` and a preposition, or before ``of``, is a
fraction (``up by a third``), a CARDINAL over the article.

Widened, narrowed or split (:func:`fix_value_spans`), so that the value read is the one
written:

* decades the model took for a number: ``the 80's`` becomes a DATE over the suffix;
* a quotation opened inside a mention starts it (``about “thousands`` -> ``thousands``: the
  ``about`` is the sentence's, not a hedge);
* a currency sign or code left outside the mention joins it (``$`` + ``12`` -> ``$12``,
  MONEY), so its unit is the currency;
* a currency word that is also a weight, before ``of`` and a noun that is not money, makes
  the mention a QUANTITY (``200 pounds of marijuana``);
* a count of money amounts is two mentions (``thousands of $12`` -> ``thousands``
  CARDINAL, ``$12`` MONEY); a fraction of an amount (``half of $1bn``) stays one;
* a hedge right after a number joins it (``$200 or less``), so the value is approximate;
  percentage words after a number make it a PERCENT (``four percentage points``);
* a range the model split or cut short is one mention (``$500`` + ``to $2,000`` ->
  ``$500 to $2,000``), read as its lower bound, approximate, as the contract codes ranges.
  A change (``from 20 to 30``) and a descending pair (a score) are not ranges.

All words come from ``numbers.toml`` (``[references.clock]``, ``[references.years]``,
``[grammar] range_connectors``, ``[ranges]``) and ``temporal.toml`` (``[time] zones``,
``meridiems``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import NUMBER_LABELS
from pipeline.stages.doc_index import words_text
from pipeline.stages.entity_mentions import Mention
from pipeline.text.numbers import may_give_unit, parse_number

_NOUNS = frozenset({"NOUN", "PROPN"})
_PLURAL_NOUNS = frozenset({"NNS", "NNPS"})
_SINGULAR = frozenset({"NN", "NNP"})
_CURRENCY_LABELS = frozenset({"MONEY", "CARDINAL"})
_RANGE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


@dataclass(frozen=True)
class MentionRules:
    """Words for relabelling and widening numeric mentions."""

    clock: re.Pattern[str]
    military: re.Pattern[str]
    clock_suffixes: frozenset[str]
    """Words after a clock time that belong to it (``a.m.``, ``GMT``, ``local time``)."""
    military_words: frozenset[str]
    first_year: int
    last_year: int
    year_words: frozenset[str]
    singular_articles: frozenset[str]
    decade_suffixes: frozenset[str]
    decade_before: frozenset[str]
    percent_units: frozenset[str]
    numerators: frozenset[str]
    partitive: str
    connectors: frozenset[str]
    between: str
    needs_between: frozenset[str]
    change: frozenset[str]
    weights: frozenset[str]
    money_nouns: frozenset[str]


@lru_cache(maxsize=1)
def load_mention_rules() -> MentionRules:
    """Rules from ``numbers.toml`` and ``temporal.toml`` (once)."""
    numbers = load_resource("numbers.toml")
    refs = numbers["references"]
    time = load_resource("temporal.toml")["time"]
    zones = word_set([*time["zones"], *refs["clock"]["military_words"]])
    meridiems = {f"{k[0]}.{k[1]}." for k in time["meridiems"]} | set(time["meridiems"])
    return MentionRules(
        clock=re.compile(refs["clock"]["pattern"]),
        military=re.compile(refs["clock"]["military"]),
        clock_suffixes=zones | frozenset(meridiems),
        military_words=zones,
        first_year=int(refs["years"]["first"]),
        last_year=int(refs["years"]["last"]),
        year_words=word_set(refs["years"]["before"]),
        singular_articles=word_set(numbers["grammar"]["articles"]),
        decade_suffixes=word_set(refs["years"]["decade_suffixes"]),
        decade_before=word_set(refs["years"]["decade_before"]),
        percent_units=frozenset(numbers["percent"].values()),
        numerators=word_set([*numbers["grammar"]["articles"], *numbers["grammar"]["one"]]),
        partitive=numbers["grammar"]["partitive"],
        connectors=word_set(numbers["grammar"]["range_connectors"]),
        between=numbers["ranges"]["between"],
        needs_between=word_set(numbers["ranges"]["needs_between"]),
        change=word_set(numbers["ranges"]["change"]),
        weights=word_set(numbers["currency_words"]["weights"]),
        money_nouns=word_set(numbers["currency_words"]["money_nouns"]),
    )


# ------------------------------------------------------------------------------------------------
# Clock times and years
# ------------------------------------------------------------------------------------------------


def relabel_times(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Clock times and years the model took for numbers, relabelled TIME and DATE."""
    rules = load_mention_rules()
    return [_as_year(rules, doc, _as_clock(rules, doc, m)) for m in mentions]


def _as_decade(rules: MentionRules, doc: Doc, m: Mention) -> Mention:
    """``the 80's``, ``the 1990’s`` tagged CARDINAL -> DATE over the suffix (after the
    mentions were trimmed: the suffix looks like a possessive)."""
    if m.label != "CARDINAL" or m.end >= len(doc) or doc[m.end - 1].whitespace_:
        return m
    number = doc[m.end - 1].text
    if not (number.isdigit() and number.endswith("0") and len(number) in (2, 4)):
        return m
    if doc[m.end].text.lower() not in rules.decade_suffixes:
        return m
    if m.end < 2 or doc[m.end - 2].lower_ not in rules.decade_before:
        return m  # "in his 40's": an age
    return replace(m, end=m.end + 1, label="DATE", source=m.source + "+decade")


def _suffix(rules: MentionRules, doc: Doc, end: int, words: frozenset[str]) -> int:
    """How many tokens from ``end`` form one of ``words`` (``local time`` = 2, ``GMT`` = 1)."""
    for size in (2, 1):
        if end + size <= len(doc) and words_text(doc, end, end + size).lower() in words:
            return size
    return 0


def _as_clock(rules: MentionRules, doc: Doc, m: Mention) -> Mention:
    """``10:35`` -> TIME; ``0735 GMT`` -> TIME over the zone word."""
    if m.label not in NUMBER_LABELS and m.label != "DATE":
        return m
    text = doc[m.start].text
    rest = words_text(doc, m.start + 1, m.end).lower()  # "23:45 PST" taken for money
    if rest and rest not in rules.clock_suffixes:
        return m
    if rules.clock.fullmatch(text) and m.label != "DATE":
        extra = 0 if rest else _suffix(rules, doc, m.end, rules.clock_suffixes)
        return replace(m, end=m.end + extra, label="TIME", source=m.source + "+clock")
    if rules.military.fullmatch(text) and not rest:
        extra = _suffix(rules, doc, m.end, rules.military_words)
        if extra:
            return replace(m, end=m.end + extra, label="TIME", source=m.source + "+clock")
    return m


def _as_year(rules: MentionRules, doc: Doc, m: Mention) -> Mention:
    """``in 1995`` tagged CARDINAL -> DATE."""
    if m.label != "CARDINAL" or m.end - m.start != 1 or m.start == 0:
        return m
    token = doc[m.start]
    if not (token.text.isdigit() and len(token.text) == 4):
        return m
    if not rules.first_year <= int(token.text) <= rules.last_year:
        return m
    before = doc[m.start - 1]
    following = doc[m.end] if m.end < len(doc) else None
    if before.lower_ in rules.year_words:
        if following is not None and following.pos_ in _NOUNS:
            return m  # "in 2000 cases"
        return replace(m, label="DATE", source=m.source + "+year")
    if _model_year(rules, doc, m.start) and following is not None and following.tag_ in _SINGULAR:
        return replace(
            m, label="DATE", source=m.source + "+year"
        )  # "a 2013 Nissan", "a 2014 study"
    return m


def _model_year(rules: MentionRules, doc: Doc, i: int) -> bool:
    """A singular article before token ``i``, perhaps with one adjective between: ``a 2013``,
    ``a gray 2013``; "a" cannot count two thousand things, so the number is a year."""
    k = i - 1
    if k >= 0 and doc[k].pos_ == "ADJ":
        k -= 1
    return k >= 0 and doc[k].lower_ in rules.singular_articles


# ------------------------------------------------------------------------------------------------
# Currency signs, counts of amounts, ranges
# ------------------------------------------------------------------------------------------------


def fix_value_spans(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Decades relabelled, currency signs joined, counts of amounts split, split ranges and
    hedges joined (see module)."""
    rules = load_mention_rules()
    mentions = [_as_decade(rules, doc, after_open_quote(doc, m)) for m in mentions]
    mentions = [with_currency_sign(doc, m) for m in mentions]
    mentions = [weight_not_money(rules, doc, m) for m in mentions]
    mentions = [count_not_money(doc, m) for m in mentions]
    mentions = [ordinal_fraction(rules, doc, m) for m in mentions]
    mentions = [part for m in mentions for part in split_count_of_amounts(doc, m)]
    mentions = join_ranges(rules, doc, mentions)
    return [with_percent_after(rules, doc, with_hedge_after(doc, m)) for m in mentions]


def with_percent_after(rules: MentionRules, doc: Doc, m: Mention) -> Mention:
    """``four`` + ``percentage points`` (CARDINAL) -> ``four percentage points`` (PERCENT)."""
    if m.label != "CARDINAL":
        return m
    own = parse_number(words_text(doc, m.start, m.end), m.label)
    if own is None or own.unit is not None:
        return m
    for size in (2, 1):
        if m.end + size > len(doc) or not all(t.is_alpha for t in doc[m.end : m.end + size]):
            continue
        text = words_text(doc, m.start, m.end + size)
        if not may_give_unit(text, rules.percent_units):
            continue  # no percent word: no reading to make
        longer = parse_number(text)
        if longer is not None and longer.unit in rules.percent_units and longer.value == own.value:
            return replace(m, end=m.end + size, label="PERCENT", source=m.source + "+percent")
    return m


def count_not_money(doc: Doc, m: Mention) -> Mention:
    """``more than a billion`` + ``ballots`` taken for money: no currency is written in or
    before it and a plural noun follows, so it is a count (CARDINAL)."""
    if m.label != "MONEY" or m.end >= len(doc) or doc[m.end].tag_ not in _PLURAL_NOUNS:
        return m
    amount = parse_number(words_text(doc, m.start, m.end), "MONEY")
    if amount is None or amount.unit is not None:
        return m
    return replace(m, label="CARDINAL", source=m.source + "+count")


def ordinal_fraction(rules: MentionRules, doc: Doc, m: Mention) -> Mention:
    """``up by a`` + ``third`` (ORDINAL), ``a`` + ``third`` + ``of``: an ordinal from three on
    after ``a``, followed by ``of`` or after a preposition, is a fraction; the mention takes
    the article, as a CARDINAL (``a third man``, ``a third was shot`` stay ranks)."""
    if m.label != "ORDINAL" or m.start < 2 or doc[m.start - 1].lower_ not in rules.numerators:
        return m
    after = doc[m.end] if m.end < len(doc) else None
    if after is not None and (after.text == "-" or after.pos_ in _NOUNS | {"ADJ", "NUM"}):
        return m  # "a third-floor roof", "a third man"
    of = after is not None and after.lower_ == rules.partitive
    if not (of or doc[m.start - 2].pos_ == "ADP"):
        return m
    rank = parse_number(words_text(doc, m.start, m.end), "ORDINAL")
    if rank is None or rank.value < 3 or not words_text(doc, m.start, m.end).isalpha():
        return m
    return replace(m, start=m.start - 1, label="CARDINAL", source=m.source + "+fraction")


def with_hedge_after(doc: Doc, m: Mention) -> Mention:
    """``$200`` + ``or less``: a hedge right after a number joins it (it is approximate)."""
    if m.label not in _RANGE_LABELS:
        return m
    own = parse_number(words_text(doc, m.start, m.end), m.label)
    if own is None or own.approximate:
        return m
    for size in (2, 1):
        tail = doc[m.end : m.end + size]
        if len(tail) < size or not all(t.is_alpha or t.text == "+" for t in tail):
            continue
        longer = parse_number(words_text(doc, m.start, m.end + size), m.label)
        if longer is not None and longer.approximate and longer.value == own.value:
            return replace(m, end=m.end + size, source=m.source + "+hedge")
    return m


def after_open_quote(doc: Doc, m: Mention) -> Mention:
    """``about “thousands`` -> ``thousands``: a quotation opened inside a numeric mention
    starts it (the words before belong to the sentence: ``a claim about "thousands"``)."""
    if m.label not in NUMBER_LABELS:
        return m
    for token in doc[m.start + 1 : m.end - 1]:
        if token.is_quote and token.is_left_punct:
            return replace(m, start=token.i + 1, source=m.source + "+quote")
    return m


def with_currency_sign(doc: Doc, m: Mention) -> Mention:
    """``$`` + ``12`` (tagged MONEY or CARDINAL) -> ``$12`` MONEY."""
    if m.label not in _CURRENCY_LABELS or m.start == 0:
        return m
    sign = doc[m.start - 1]
    if sign.is_alpha and sign.is_lower:
        return m  # "pounds 500" is not how amounts are written
    own = parse_number(words_text(doc, m.start, m.end), "MONEY")
    if own is None or (own.unit and own.unit.isupper()):
        return m
    joined = parse_number(words_text(doc, m.start - 1, m.end), "MONEY")
    if joined is None or not (joined.unit and joined.unit.isupper()):
        return m
    if joined.value != own.value:
        return m
    return replace(m, start=m.start - 1, label="MONEY", source=m.source + "+currency")


def weight_not_money(rules: MentionRules, doc: Doc, m: Mention) -> Mention:
    """``200 pounds`` + ``of marijuana`` taken for money -> QUANTITY (``millions of pounds of
    investment`` stays money)."""
    if m.label != "MONEY" or m.end + 1 >= len(doc) or doc[m.end].lower_ != "of":
        return m
    if doc[m.end - 1].lower_ not in rules.weights:
        return m
    amount = parse_number(words_text(doc, m.start, m.end - 1), "MONEY")
    if amount is None or amount.unit is not None:
        return m  # "£200 pounds": a currency is written besides the word
    noun = next((t for t in doc[m.end + 1 : m.end + 5] if t.pos_ in _NOUNS), None)
    if noun is None or noun.lower_.rstrip("'") in rules.money_nouns:
        return m
    return replace(m, label="QUANTITY", source=m.source + "+weight")


def split_count_of_amounts(doc: Doc, m: Mention) -> list[Mention]:
    """``thousands of $12`` -> ``thousands`` (CARDINAL) + ``$12`` (MONEY)."""
    if m.label != "MONEY":
        return [m]
    words = doc[m.start : m.end]
    of = next((t.i for t in words if t.lower_ == "of"), None)
    if of is None or of == m.start or of + 1 >= m.end:
        return [m]
    count = parse_number(words_text(doc, m.start, of), "CARDINAL")
    amount = parse_number(words_text(doc, of + 1, m.end), "MONEY")
    if count is None or count.unit or count.value < 1 or amount is None:
        return [m]  # "half of $1bn" is one amount
    if not (amount.unit and amount.unit.isupper()):
        return [m]
    return [
        Mention(m.start, of, "CARDINAL", m.source + "+split"),
        Mention(of + 1, m.end, "MONEY", m.source + "+split"),
    ]


def join_ranges(rules: MentionRules, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``$500`` + ``to $2,000`` -> one MONEY mention ``$500 to $2,000``."""
    result: list[Mention] = []
    ordered = sorted(mentions, key=lambda x: x.start)
    i = 0
    while i < len(ordered):
        m = ordered[i]
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        joined = _range_end(rules, doc, m, nxt)
        if joined is None:
            result.append(m)
            i += 1
            continue
        end, used_next = joined
        result.append(replace(m, end=end, source=m.source + "+range"))
        i += 2 if used_next else 1
    return result


def _range_end(
    rules: MentionRules, doc: Doc, m: Mention, nxt: Mention | None
) -> tuple[int, bool] | None:
    """Where a range starting with ``m`` ends, and whether it takes in the mention ``nxt``."""
    if m.label not in _RANGE_LABELS or m.end + 1 >= len(doc):
        return None
    connector = doc[m.end]
    if connector.lower_ not in rules.connectors or not _is_range_start(rules, doc, m, connector):
        return None
    if nxt is not None and nxt.start == m.end + 1:
        if nxt.label != m.label:
            return None
        end, used = nxt.end, True
    else:
        end, used = _untagged_number_end(doc, m.end + 1), False
        if end is None:
            return None
    if end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        return None  # a chain "305-471-...", not a range
    joined = parse_number(words_text(doc, m.start, end), m.label)
    own = parse_number(words_text(doc, m.start, m.end), m.label)
    if joined is None or own is None or not joined.approximate or own.approximate:
        return None  # not read as a range (a descending pair, a score)
    if joined.unit != own.unit and own.unit is not None:
        return None
    return end, used


def _is_range_start(rules: MentionRules, doc: Doc, m: Mention, connector: Token) -> bool:
    """Whether ``m`` + ``connector`` can open a range (not a change ``from 20 to 30``)."""
    before = doc[max(0, m.start - 2) : m.start + 1]
    if any(t.lower_ in rules.change or t.lemma_.lower() in rules.change for t in before):
        return False  # "from 20 to 30", "rose $1.50 to $20.50"
    if connector.lower_ in rules.needs_between:
        return doc[m.start].lower_ == rules.between or (
            m.start > 0 and doc[m.start - 1].lower_ == rules.between
        )
    if connector.text == "-" and (connector.whitespace_ or doc[m.end - 1].whitespace_):
        return False
    return True


def _untagged_number_end(doc: Doc, i: int) -> int | None:
    """End of an untagged number at token ``i``: an optional currency sign, then digits or a
    number word and a scale word (``$2,000``, ``20 million``)."""
    if i < len(doc) and not doc[i].like_num and not doc[i].is_alpha and i + 1 < len(doc):
        i += 1  # "$"
    if i >= len(doc) or not doc[i].like_num or doc[i].ent_type_:
        return None
    end = i + 1
    while end < len(doc) and doc[end].like_num and doc[end].is_alpha:
        end += 1  # "million"
    return end
