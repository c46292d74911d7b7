"""Tests for pipeline.config: defaults, the shipped config, ``--set`` overrides and errors."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path

import pytest

from pipeline.config import DEFAULTS, ConfigError, config_hash, load_config

REPO = Path(__file__).resolve().parent.parent


def public(config: dict) -> dict:
    return {k: v for k, v in config.items() if not k.startswith("_")}


def write_toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cfg.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    config = load_config(write_toml(tmp_path, ""))
    assert public(config) == DEFAULTS
    assert config["run"]["batch_size"] == 16
    assert config["run"]["strict"] is False
    assert config["dates"]["published"] == ""
    assert config["_path"] == str((tmp_path / "cfg.toml").resolve())


def test_reference_config_equals_the_built_in_defaults() -> None:
    """``configs/default.toml`` documents the defaults; it must never drift from them."""
    built_in = load_config()
    assert built_in["_path"] is None
    assert public(built_in) == DEFAULTS
    assert public(load_config(REPO / "configs" / "default.toml")) == DEFAULTS
    reference = tomllib.loads((REPO / "configs" / "default.toml").read_text(encoding="utf-8"))
    assert reference == DEFAULTS  # every key written out, none left to the built-ins


def test_defaults_run_the_seeds_into_outputs_default() -> None:
    config = load_config()
    assert config["run"]["input"] == "seeds"
    assert config["run"]["output"] == "outputs/default"
    assert config["events"]["taxonomy"] == ""


def test_file_values_override_defaults_and_keep_the_rest(tmp_path: Path) -> None:
    path = write_toml(tmp_path, '[run]\nbatch_size = 3\n\n[dates]\npublished = "2020-07-22"\n')
    config = load_config(path)
    assert config["run"]["batch_size"] == 3
    assert config["run"]["output"] == DEFAULTS["run"]["output"]
    assert config["dates"]["published"] == "2020-07-22"


def test_defaults_are_not_mutated(tmp_path: Path) -> None:
    before = copy.deepcopy(DEFAULTS)
    config = load_config(overrides=["run.batch_size=4", "run.output=elsewhere"])
    config["run"]["input"] = "changed"
    assert DEFAULTS == before
    assert load_config()["run"]["batch_size"] == before["run"]["batch_size"]


@pytest.mark.parametrize(
    ("override", "section", "key", "expected"),
    [
        ("run.batch_size=4", "run", "batch_size", 4),
        ("run.strict=true", "run", "strict", True),
        ('dates.published="2020-07-22"', "dates", "published", "2020-07-22"),
        ("run.output=out/run 1", "run", "output", "out/run 1"),
        ("run.progress=never", "run", "progress", "never"),
        ("run.input = /tmp/articles", "run", "input", "/tmp/articles"),
        ("entities.min_city_population=1_000", "entities", "min_city_population", 1000),
        ('model.name="en_core_web_sm"', "model", "name", "en_core_web_sm"),
    ],
)
def test_set_overrides_parse_toml_values(
    override: str, section: str, key: str, expected: object
) -> None:
    config = load_config(overrides=[override])
    assert config[section][key] == expected
    assert type(config[section][key]) is type(expected)


def test_later_override_wins() -> None:
    config = load_config(overrides=["run.batch_size=4", "run.batch_size=8"])
    assert config["run"]["batch_size"] == 8


def test_unquoted_published_date_override() -> None:
    assert load_config(overrides=["dates.published=2020-07-22"])["dates"]["published"] == (
        "2020-07-22"
    )


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("nosuch.key=1", "unknown section [nosuch]"),
        ("run.nosuch=1", "unknown key run.nosuch"),
        ("run.batch_size=four", "run.batch_size must be int"),
        ("run.batch_size=2.5", "run.batch_size must be int"),
        ("run.batch_size=0", "batch_size must be at least 1"),
        ("run.strict=1", "run.strict must be bool"),
        ("run.batch_size=true", "run.batch_size must be int"),
        ("run.output=3", "run.output must be str"),
        ('dates.published="22/07/2020"', "dates.published must be an ISO date"),
        ('dates.published="2020-13-01"', "dates.published must be an ISO date"),
        ("run.progress=sometimes", "run.progress must be"),
        ("run.batch_size", "--set needs section.key=value"),
        ("batch_size=4", "--set needs section.key=value"),
        ("=4", "--set needs section.key=value"),
        (".batch_size=4", "--set needs section.key=value"),
        ("run.=4", "--set needs section.key=value"),
    ],
)
def test_bad_overrides_raise_config_error(override: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(overrides=[override])
    assert message in str(info.value)


def test_unknown_key_message_lists_known_keys() -> None:
    with pytest.raises(ConfigError, match=r"known: .*batch_size"):
        load_config(overrides=["run.batchsize=4"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[nosuch]\nx = 1\n", "unknown section [nosuch]"),
        ("[run]\nbatchsize = 4\n", "unknown key run.batchsize"),
        ('[run]\nbatch_size = "4"\n', "run.batch_size must be int"),
        ("run = 3\n", "[run] must be a table"),
        ('[dates]\npublished = "July 22"\n', "dates.published must be an ISO date"),
        ("[dates]\npublished = 2020-07-22\n", "dates.published must be str"),
        ("[run\nbatch_size = 4\n", "not valid TOML"),
        ("[run]\nbatch_size = \n", "not valid TOML"),
    ],
)
def test_bad_config_file_raises_config_error(tmp_path: Path, text: str, message: str) -> None:
    path = write_toml(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[nosuch]\n")
    with pytest.raises(ConfigError, match="cfg.toml"):
        load_config(path)
    with pytest.raises(ConfigError, match="cfg.toml"):
        load_config(write_toml(tmp_path, "[run\n"))


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "missing.toml")


def test_config_error_is_a_value_error() -> None:
    assert issubclass(ConfigError, ValueError)


def test_config_hash_is_stable_and_tracks_values(tmp_path: Path) -> None:
    a = load_config()
    b = load_config()
    h = config_hash(a)
    assert isinstance(h, str) and h
    assert config_hash(b) == h
    assert config_hash(copy.deepcopy(a)) == h
    # Key order and the private _path do not matter.
    reordered = {k: a[k] for k in reversed(list(a))}
    assert config_hash(reordered) == h
    assert config_hash(dict(a, _path="/somewhere/else.toml")) == h
    # A file with the same values hashes the same.
    assert config_hash(load_config(write_toml(tmp_path, "[run]\nbatch_size = 16\n"))) == h
    # A value that changes rows changes it; [run] keys (paths, workers, sizes) do not.
    assert config_hash(load_config(overrides=['dates.published="2020-07-22"'])) != h
    assert config_hash(load_config(overrides=["entities.min_city_population=1000"])) != h
    for same in ("run.batch_size=4", "run.workers=3", "run.strict=true", 'run.output="x"'):
        assert config_hash(load_config(overrides=[same])) == h, same


def test_config_hash_covers_the_files_a_config_names(tmp_path: Path) -> None:
    taxonomy = tmp_path / "events.toml"
    taxonomy.write_text("# one\n", encoding="utf-8")
    config = load_config(overrides=[f"events.taxonomy={json.dumps(str(taxonomy))}"])
    before = config_hash(config)
    taxonomy.write_text("# two\n", encoding="utf-8")
    assert config_hash(config) != before


def test_overrides_are_recorded_with_the_option_they_came_from() -> None:
    config = load_config(overrides=["run.batch_size=2", ("--workers", "run.workers=1")])
    assert config["_overrides"] == [
        {"from": "--set", "key": "run.batch_size", "value": 2},
        {"from": "--workers", "key": "run.workers", "value": 1},
    ]


def test_a_missing_resource_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="events.taxonomy"):
        load_config(overrides=[f"events.taxonomy={json.dumps(str(tmp_path / 'nope.toml'))}"])
