"""Article metadata from a sidecar or a JSON-lines record: ``published``, ``title``,
``source`` and ``url``, under their own names or a common alias, with the date in any common
form.

Nothing is guessed: a date is taken only when the value states year, month and day, as
written (a datetime's zone never shifts the day), never resolved against today's date. Every
value, key or sidecar that is not understood is reported as a warning and ignored. The keys,
their aliases and the date forms live in ``pipeline/resources/inputs.toml``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.resources import load_resource

RESOURCE = "inputs.toml"
MAX_SHOWN = 60  # characters of a value quoted in a warning
MAX_KEYS_SHOWN = 10  # unknown keys named in a warning


@dataclass
class Metadata:
    """What a metadata object gave: the fields understood, and a warning for everything else."""

    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


class DateError(ValueError):
    """A metadata value that is not a full date."""


def read_metadata(meta: object, where: str = "", record: bool = False) -> Metadata:
    """The fields of a metadata object (a sidecar, or a JSON-lines record when ``record``:
    its ``id`` and ``text`` are not metadata). ``where`` starts every warning, e.g.
    ``"story.meta.json: "``."""
    found = Metadata()
    if not isinstance(meta, Mapping):
        found.warnings.append(f"{where}ignored metadata: not a JSON object")
        return found
    fields = _fields()
    by_name = _keys_by_name(meta, found.warnings, where)
    for name, names in fields.items():
        value, warnings = _field_value(name, names, by_name)
        setattr(found, name, value)
        found.warnings.extend(where + w for w in warnings)
    known = {key for names in fields.values() for key in names}
    known |= {key.casefold() for key in _resource()["unused_keys"]}
    if record:
        known |= {key.casefold() for key in _resource()["record_keys"]}
    unknown = [key for key in meta if str(key).casefold() not in known]
    if unknown:
        listed = ", ".join(_brief(key) for key in unknown[:MAX_KEYS_SHOWN])
        more = len(unknown) - MAX_KEYS_SHOWN
        listed += f" and {more} more" if more > 0 else ""
        found.warnings.append(f"{where}ignored metadata keys not understood: {listed}")
    return found


def parse_date(value: object) -> dt.date | None:
    """The date a metadata value states (None for an empty one). ``DateError`` when it is not
    a string, date or datetime, or does not state a full date of its own."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise DateError(f"{_brief(value)} is not a date string")
    text = value.strip()
    if any(re.search(pattern, text) for pattern in _resource()["dates"]["not_full"]):
        raise DateError(f"{_brief(value)} is not a full date")
    for parse in (_iso_date, _rfc2822_date, _format_date, _dateparser_date):
        found = parse(text)
        if found is not None:
            return found
    raise DateError(f"{_brief(value)} is not a full date")


def _field_value(
    name: str, names: tuple[str, ...], by_name: dict[str, tuple[str, Any]]
) -> tuple[Any, list[str]]:
    """The value of one field: from its own key, else the first alias (in the resource's
    order) with a value understood; every other value is warned when not understood or when
    it disagrees with the one used."""
    warnings: list[str] = []
    chosen: tuple[str, Any] | None = None
    for key in names:
        if key not in by_name:
            continue
        original, raw = by_name[key]
        try:
            value = _understand(name, raw)
        except ValueError as exc:
            warnings.append(f"ignored metadata {_brief(original)}: {exc}")
            continue
        if value is None:
            continue
        if chosen is None:
            chosen = (original, value)
        elif value != chosen[1]:
            warnings.append(
                f"ignored metadata {original!r}: {_shown(value)} differs from "
                f"{chosen[0]!r} ({_shown(chosen[1])}), which is used"
            )
    return (chosen[1] if chosen else None), warnings


def _understand(name: str, raw: Any) -> Any:
    """A field's value from a raw metadata value (None when empty); ``ValueError`` when not
    understood."""
    if name == "published":
        return parse_date(raw)
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ValueError(f"{_brief(raw)} is not a string")
    return raw.strip() or None


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else _brief(value)


def _brief(value: object) -> str:
    """``repr(value)``, cut to :data:`MAX_SHOWN` characters for a warning."""
    shown = repr(value)
    return shown if len(shown) <= MAX_SHOWN else shown[: MAX_SHOWN - 3] + "..."


def _keys_by_name(
    meta: Mapping[Any, Any], warnings: list[str], where: str
) -> dict[str, tuple[str, Any]]:
    """Casefolded key -> (key as written, value); when two keys differ only by case, the first
    is kept and the other warned."""
    by_name: dict[str, tuple[str, Any]] = {}
    for key, value in meta.items():
        folded = str(key).casefold()
        if folded in by_name:
            first = by_name[folded][0]
            warnings.append(f"{where}ignored metadata {_brief(key)}: same key as {first!r}")
            continue
        by_name[folded] = (str(key), value)
    return by_name


def _resource() -> dict[str, Any]:
    return load_resource(RESOURCE)


@lru_cache(maxsize=1)
def _fields() -> dict[str, tuple[str, ...]]:
    """Field -> its own name then its aliases, casefolded."""
    return {
        name: tuple(key.casefold() for key in (name, *spec["aliases"]))
        for name, spec in _resource()["fields"].items()
    }


def _iso_date(text: str) -> dt.date | None:
    """ISO 8601 date or datetime, with or without a zone: the date as written."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).date()
    except ValueError:
        return None


def _rfc2822_date(text: str) -> dt.date | None:
    """RFC 2822 (e-mail and RSS): ``Wed, 30 Oct 2024 14:03:00 -0400``: the date as written."""
    if email.utils.parsedate_tz(text) is None:
        return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        return None


def _format_date(text: str) -> dt.date | None:
    """The first strptime form of the resource that reads the whole text."""
    cleaned = " ".join(text.split())
    for form in _resource()["dates"]["formats"]:
        try:
            found = dt.datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
        if not cleaned.isdigit() or found.strftime(form) == cleaned:  # 202411 is no 20240101
            return found
    return None


def _dateparser_date(text: str) -> dt.date | None:
    """dateparser on absolute dates only, with year, month and day all stated; a numeric date
    whose day and month could be swapped is refused."""
    spec = _resource()["dates"]
    numeric = re.match(spec["ambiguous_numeric"], text)
    first, second = (int(numeric[1]), int(numeric[2])) if numeric else (0, 0)
    if numeric and first <= 12 and second <= 12 and first != second:
        raise DateError(f"{_brief(text)} is ambiguous: day and month could be swapped")
    import dateparser

    settings = {
        "PARSERS": spec["dateparser_parsers"],
        "REQUIRE_PARTS": spec["dateparser_required_parts"],
        "STRICT_PARSING": True,
    }
    try:
        found = dateparser.parse(text, languages=spec["dateparser_languages"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return found.date() if found is not None else None
