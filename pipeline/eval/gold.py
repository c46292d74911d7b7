"""Hand-written gold annotations: loading and validation.

One gold file per article, ``NAME.gold.json``, stored beside the article ``NAME.txt`` whose
text all its offsets index (read as UTF-8 with ``\\r\\n`` normalised to ``\\n``, as the pipeline
does). The format (see ``/work/shared/ANNOTATION.md`` for what to annotate)::

    {"doc_id": str, "published": "YYYY-MM-DD" | null,
     "entities": [{"start_char", "end_char", "text", "label", "canonical", "value", "unit",
                   "timex_type", "approximate"}],
     "quotes":   [{"start_char", "end_char", "text", "kind", "speaker", "speaker_start_char",
                   "speaker_end_char", "speaker_canonical", "cue"}],
     "events":   [{"event_type", "trigger", "start_char", "end_char", "actors", "targets",
                   "location", "date", "date_text", "quantity", "quantity_unit",
                   "reported_by", "negated"}]}

Extra keys (e.g. ``"note"``) are allowed and ignored.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.batch.schemas import ALL_LABELS, DATE_LABELS, NAME_LABELS, NUMBER_LABELS

GOLD_SUFFIX = ".gold.json"

NAMED_LABELS = NAME_LABELS
QUOTE_KINDS = frozenset({"direct", "indirect", "mixed"})
TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})

TOP_KEYS = ("doc_id", "published", "entities", "quotes", "events")
ENTITY_KEYS = (
    "start_char",
    "end_char",
    "text",
    "label",
    "canonical",
    "value",
    "unit",
    "timex_type",
    "approximate",
)
QUOTE_KEYS = (
    "start_char",
    "end_char",
    "text",
    "kind",
    "speaker",
    "speaker_start_char",
    "speaker_end_char",
    "speaker_canonical",
    "cue",
)
EVENT_KEYS = (
    "event_type",
    "trigger",
    "start_char",
    "end_char",
    "actors",
    "targets",
    "location",
    "date",
    "date_text",
    "quantity",
    "quantity_unit",
    "reported_by",
    "negated",
)

_QUOTE_MARKS = '"“”«»„'


class GoldError(ValueError):
    """A gold file or directory that cannot be loaded (unreadable, not JSON, wrong shape)."""


@dataclass
class GoldDoc:
    """One article's gold annotations.

    ``entities``, ``quotes`` and ``events`` are the raw JSON objects (dicts with the keys listed
    in the module docstring). ``path`` is the gold file it was loaded from, if any; ``raw`` the
    whole JSON object (used by :func:`validate_gold` to report missing keys).
    """

    doc_id: str
    published: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    path: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def text_path(self) -> Path | None:
        """The article ``X.txt`` beside the gold file ``X.gold.json`` (None without a path)."""
        if self.path is None:
            return None
        return gold_text_path(self.path)


def gold_text_path(gold_file: Path) -> Path:
    """Return the article path for a gold file: ``dir/X.gold.json`` -> ``dir/X.txt``."""
    name = gold_file.name
    stem = name[: -len(GOLD_SUFFIX)] if name.endswith(GOLD_SUFFIX) else gold_file.stem
    return gold_file.with_name(stem + ".txt")


def read_article_text(path: Path) -> str:
    """Read an article as UTF-8 with ``\\r\\n`` (and lone ``\\r``) normalised to ``\\n``."""
    text = path.read_text(encoding="utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_gold_text(doc: GoldDoc) -> str | None:
    """Return the article text for ``doc``, or None if it has no path or the file is missing."""
    path = doc.text_path
    if path is None or not path.is_file():
        return None
    return read_article_text(path)


def find_gold_files(path: Path) -> list[Path]:
    """List gold files: ``path`` itself if it is a file, else ``**/*.gold.json`` under it, sorted.

    Raises:
        GoldError: if ``path`` does not exist.
    """
    path = Path(path)
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.rglob("*" + GOLD_SUFFIX) if p.is_file())
    raise GoldError(f"gold path not found: {path}")


def parse_gold(data: Any, path: Path | None = None) -> GoldDoc:
    """Build a :class:`GoldDoc` from a parsed JSON object (lenient: missing lists become []).

    A missing ``doc_id`` falls back to the file name without ``.gold.json`` (and is reported
    by :func:`validate_gold`).

    Raises:
        GoldError: if ``data`` is not a JSON object or a table is not a list.
    """
    where = str(path) if path is not None else "gold"
    if not isinstance(data, dict):
        raise GoldError(f"{where}: top level must be a JSON object")
    doc_id = data.get("doc_id")
    if doc_id is None and path is not None:
        doc_id = path.name.removesuffix(GOLD_SUFFIX)
    if not isinstance(doc_id, str) or not doc_id:
        raise GoldError(f"{where}: doc_id must be a non-empty string")
    tables: dict[str, list[dict[str, Any]]] = {}
    for key in ("entities", "quotes", "events"):
        rows = data.get(key) or []
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise GoldError(f"{where}: {key!r} must be a list of objects")
        tables[key] = rows
    published = data.get("published")
    return GoldDoc(
        doc_id=doc_id,
        published=published if isinstance(published, str) else None,
        entities=tables["entities"],
        quotes=tables["quotes"],
        events=tables["events"],
        path=path,
        raw=data,
    )


def load_gold(path: Path) -> list[GoldDoc]:
    """Load one gold file, or every ``*.gold.json`` under a directory (recursively, sorted).

    Raises:
        GoldError: if the path does not exist or a file is unreadable / not valid gold JSON.
    """
    docs = []
    for file in find_gold_files(Path(path)):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldError(f"cannot read {file}: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise GoldError(f"{file}: invalid JSON: {exc}") from exc
        docs.append(parse_gold(data, file))
    return docs


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _opt_str(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _check_span(
    problems: list[str], where: str, text: str, start: Any, end: Any, span_text: Any
) -> None:
    """Append problems if ``text[start:end] != span_text`` or the offsets are invalid."""
    if not (_is_int(start) and _is_int(end)):
        problems.append(f"{where}: offsets must be integers, got {start!r}, {end!r}")
        return
    if not 0 <= start < end <= len(text):
        problems.append(f"{where}: bad offsets [{start}, {end}) for text of length {len(text)}")
        return
    if not isinstance(span_text, str):
        problems.append(f"{where}: text must be a string, got {span_text!r}")
        return
    if text[start:end] != span_text:
        problems.append(
            f"{where}: span [{start}, {end}) is {text[start:end]!r}, annotated {span_text!r}"
        )


def _missing(problems: list[str], where: str, row: dict[str, Any], keys: tuple[str, ...]) -> None:
    missing = [k for k in keys if k not in row]
    if missing:
        problems.append(f"{where}: missing keys {', '.join(missing)}")


def _validate_entity(problems: list[str], where: str, ent: dict[str, Any], text: str) -> None:
    _missing(problems, where, ent, ENTITY_KEYS)
    _check_span(problems, where, text, ent.get("start_char"), ent.get("end_char"), ent.get("text"))
    label = ent.get("label")
    if label not in ALL_LABELS:
        problems.append(f"{where}: unknown label {label!r}")
    for key in ("canonical", "value", "unit", "timex_type"):
        if not _opt_str(ent.get(key)):
            problems.append(f"{where}: {key} must be a string or null, got {ent.get(key)!r}")
    timex_type = ent.get("timex_type")
    if timex_type is not None:
        if timex_type not in TIMEX_TYPES:
            problems.append(f"{where}: unknown timex_type {timex_type!r}")
        elif label not in DATE_LABELS:
            problems.append(f"{where}: timex_type set on a {label} entity")
    value = ent.get("value")
    if label in NUMBER_LABELS and isinstance(value, str):
        try:
            float(value)
        except ValueError:
            problems.append(f"{where}: {label} value {value!r} is not a decimal number")
    if "approximate" in ent and not isinstance(ent["approximate"], bool):
        problems.append(f"{where}: approximate must be true/false, got {ent['approximate']!r}")


def _validate_quote(problems: list[str], where: str, quote: dict[str, Any], text: str) -> None:
    _missing(problems, where, quote, QUOTE_KEYS)
    content = quote.get("text")
    _check_span(problems, where, text, quote.get("start_char"), quote.get("end_char"), content)
    if (
        isinstance(content, str)
        and content
        and (content[0] in _QUOTE_MARKS or content[-1] in _QUOTE_MARKS)
    ):
        problems.append(f"{where}: quote content must exclude quotation marks: {content!r}")
    kind = quote.get("kind")
    if kind not in QUOTE_KINDS:
        problems.append(f"{where}: kind must be one of {sorted(QUOTE_KINDS)}, got {kind!r}")
    speaker = quote.get("speaker")
    s_start, s_end = quote.get("speaker_start_char"), quote.get("speaker_end_char")
    if speaker is None:
        if s_start is not None or s_end is not None:
            problems.append(f"{where}: speaker offsets given but speaker is null")
    elif s_start is not None or s_end is not None:
        _check_span(problems, where + " speaker", text, s_start, s_end, speaker)
    elif not isinstance(speaker, str):
        problems.append(f"{where}: speaker must be a string or null, got {speaker!r}")
    for key in ("speaker_canonical", "cue"):
        if not _opt_str(quote.get(key)):
            problems.append(f"{where}: {key} must be a string or null, got {quote.get(key)!r}")


def _validate_event(problems: list[str], where: str, event: dict[str, Any], text: str) -> None:
    _missing(problems, where, event, EVENT_KEYS)
    _check_span(
        problems, where, text, event.get("start_char"), event.get("end_char"), event.get("trigger")
    )
    event_type = event.get("event_type")
    if not isinstance(event_type, str) or not event_type.strip():
        problems.append(f"{where}: event_type must be a non-empty string, got {event_type!r}")
    for key in ("actors", "targets"):
        value = event.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{where}: {key} must be a list of strings, got {value!r}")
    for key in ("location", "date", "date_text", "quantity_unit", "reported_by"):
        if not _opt_str(event.get(key)):
            problems.append(f"{where}: {key} must be a string or null, got {event.get(key)!r}")
    quantity = event.get("quantity")
    if quantity is not None and (
        isinstance(quantity, bool) or not isinstance(quantity, int | float)
    ):
        problems.append(f"{where}: quantity must be a number or null, got {quantity!r}")
    if "negated" in event and not isinstance(event["negated"], bool):
        problems.append(f"{where}: negated must be true/false, got {event['negated']!r}")


def validate_gold(doc: GoldDoc, text: str) -> list[str]:
    """Check a gold document against its article text; return a list of problems (empty if ok).

    Checks: required keys present; every span (entity, quote content, quote speaker, event
    trigger) has valid offsets and ``text[start:end]`` equals the annotated text; labels,
    quote kinds and TIMEX types are known; numeric values parse; booleans are booleans;
    ``published`` is an ISO date; quote content excludes quotation marks; the ``doc_id``'s last
    path component matches the gold file name; no entity (span + label), quote (span) or event
    (all fields) is annotated twice.
    """
    problems: list[str] = []
    raw = doc.raw or {}
    if raw:
        _missing(problems, "document", raw, TOP_KEYS)
    if doc.path is not None:
        stem = doc.path.name.removesuffix(GOLD_SUFFIX)
        if doc.doc_id.split("/")[-1] != stem:
            problems.append(f"document: doc_id {doc.doc_id!r} does not match file name {stem!r}")
    published = raw.get("published", doc.published)
    if published is not None:
        try:
            dt.date.fromisoformat(str(published))
        except ValueError:
            problems.append(f"document: published must be YYYY-MM-DD or null, got {published!r}")

    tables = (
        ("entities", doc.entities, _validate_entity, ("start_char", "end_char", "label")),
        ("quotes", doc.quotes, _validate_quote, ("start_char", "end_char")),
        ("events", doc.events, _validate_event, EVENT_KEYS),
    )
    for name, rows, check, identity in tables:
        seen: dict[tuple[Any, ...], int] = {}
        for i, row in enumerate(rows):
            where = f"{name}[{i}]"
            if not isinstance(row, dict):
                problems.append(f"{where}: must be an object")
                continue
            check(problems, where, row, text)
            key = tuple(repr(row.get(k)) for k in identity)
            if key in seen:
                problems.append(f"{where}: duplicates {name}[{seen[key]}]")
            else:
                seen[key] = i
    return problems
